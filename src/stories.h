/*
 * stories.h -- incremental story clustering (src/stories.c).
 */
#ifndef RC_STORIES_H
#define RC_STORIES_H

#include "recoupe.h"
#include "dedup.h"

#define RC_ST_DOC_TERMS 32       /* terms kept per document vector */
#define RC_ST_CENTROID 64        /* terms kept per story centroid */
#define RC_ST_WINDOW (3 * 86400) /* a story takes documents this close to its span */

typedef struct rc_st_term {
    uint64_t h;
    float w;
} rc_st_term;

/* A document's vector: tf-idf weights, unit length, heaviest first. */
typedef struct rc_st_vec {
    rc_st_term *t;
    uint32_t n;
} rc_st_vec;

typedef struct rc_stories rc_stories;

rc_stories *rc_stories_new(void);                /* NULL when out of memory */
void rc_stories_free(rc_stories *s);
rc_cms *rc_stories_df(rc_stories *s);            /* document frequencies of terms */

/* The vector of a document: stemmed title (counted twice), the lead of the
 * text (its first 200 tokens), numbers and entity keys.  Allocated in a.
 * count: add the document's terms to the document frequencies. */
int rc_stories_vector(rc_stories *s, rc_str title, rc_str text, const rc_token *toks,
                      size_t n_toks, rc_lang lang, const rc_mention *mentions,
                      size_t n_mentions, int count, rc_arena *a, rc_st_vec *out);

/* Put a document (vector v, time key t) in a story: join, when join is not
 * 0, that story; else the most similar story of the window if similar
 * enough; else a new one.  *story gets its id, *created 1 if it is new. */
int rc_stories_assign(rc_stories *s, const rc_st_vec *v, int64_t t, int64_t join,
                      int64_t *story, int *created);

/* A story of the window (the centroid stays owned by s). */
typedef struct rc_story_state {
    int64_t id, t_first, t_last;
    uint32_t n_docs;
    const rc_st_term *cent;
    uint32_t ncent;
} rc_story_state;

int rc_stories_get(const rc_stories *s, int64_t id, rc_story_state *out); /* RC_ENOTFOUND */

/* Bring back a story saved earlier (centroid as rc_st_term[ncent]). */
int rc_stories_load(rc_stories *s, const rc_story_state *st);
/* Ids of new stories start after this one. */
void rc_stories_set_last_id(rc_stories *s, int64_t id);

/* Forget stories whose last document is older than tmin. */
int rc_stories_expire(rc_stories *s, int64_t tmin);
size_t rc_stories_size(const rc_stories *s);

#endif
