/*
 * stories.h -- incremental story clustering (src/stories.c).
 */
#ifndef RC_STORIES_H
#define RC_STORIES_H

#include "recoupe.h"
#include "dedup.h"

/* A vector holds words and anchors (entity keys and numbers, which survive
 * translation), each part selected on its own so that a long text's words
 * never crowd its names out. */
#define RC_ST_DOC_WORDS 32       /* words kept per document vector */
#define RC_ST_DOC_ANCHORS 32     /* anchors kept per document vector */
#define RC_ST_DOC_TERMS (RC_ST_DOC_WORDS + RC_ST_DOC_ANCHORS)
#define RC_ST_CENT_WORDS 64      /* words kept per story centroid */
#define RC_ST_CENT_ANCHORS 64    /* anchors kept per story centroid */
#define RC_ST_CENTROID (RC_ST_CENT_WORDS + RC_ST_CENT_ANCHORS)
#define RC_ST_WINDOW (3 * 86400) /* a story takes documents this close to its span */

/* A term: its hash (the lowest bit set for anchors, clear for words) and
 * its weight. */
typedef struct rc_st_term {
    uint64_t h;
    float w;
} rc_st_term;

/* A document's vector: tf-idf weights, unit length; the heaviest
 * RC_ST_DOC_WORDS words and RC_ST_DOC_ANCHORS anchors, in no set order. */
typedef struct rc_st_vec {
    rc_st_term *t;
    uint32_t n;
} rc_st_vec;

typedef struct rc_stories rc_stories;

rc_stories *rc_stories_new(void);                /* NULL when out of memory */
void rc_stories_free(rc_stories *s);             /* NULL is fine */
rc_cms *rc_stories_df(rc_stories *s);            /* document frequencies of terms */

/* The vector of a document: stemmed words of its title (counted twice) and
 * of the lead of its text (the first 200 tokens of toks, which must be
 * rc_tokenize's tokens of text), stop words and calendar words left out;
 * numbers of two digits or more, and entity keys without their type, as
 * anchors.  Allocated in a (*out valid until a is reset).
 * count: add the document's terms to the document frequencies (once per
 * new document).  RC_ENOMEM when a is exhausted. */
int rc_stories_vector(rc_stories *s, rc_str title, rc_str text, const rc_token *toks,
                      size_t n_toks, rc_lang lang, const rc_mention *mentions,
                      size_t n_mentions, int count, rc_arena *a, rc_st_vec *out);

/* Put a document (vector v from rc_stories_vector, time key t in seconds)
 * in a story: join, when join is not 0, that story (or what it was merged
 * into); else the best-scoring story of the window if its score reaches
 * the threshold; else a new one.  *story gets its id, *created 1 if it is
 * new.  With merging on, other stories that the document also reaches are
 * merged into the oldest of them, which the document joins: see
 * rc_stories_merges.  RC_EINVAL: more than RC_ST_DOC_TERMS terms in v.
 * RC_ENOMEM: out of memory, the document possibly half placed (drop s). */
int rc_stories_assign(rc_stories *s, const rc_st_vec *v, int64_t t, int64_t join,
                      int64_t *story, int *created);

/* A story of the window (the centroid stays owned by s). */
typedef struct rc_story_state {
    int64_t id, t_first, t_last;
    uint32_t n_docs;
    const rc_st_term *cent;
    uint32_t ncent;
} rc_story_state;

/* A live story by id: RC_OK, or RC_ENOTFOUND (unknown, expired or merged;
 * *out untouched).  out->cent is valid until the next call that changes s. */
int rc_stories_get(const rc_stories *s, int64_t id, rc_story_state *out);

/* Bring back a story saved earlier (its centroid as rc_st_term[ncent], at
 * most RC_ST_CENTROID terms are kept).  RC_ENOMEM. */
int rc_stories_load(rc_stories *s, const rc_story_state *st);
/* Ids of new stories start after this one. */
void rc_stories_set_last_id(rc_stories *s, int64_t id);

/* A merge: story `from` turned out to be the same story as `into` (the one
 * with the lower id, which keeps it) and was folded into it. */
typedef struct rc_st_merge {
    int64_t from, into;
} rc_st_merge;

/* Merges are off until the caller turns them on; a caller that does must
 * apply, after each rc_stories_assign and in the order given, every merge
 * that rc_stories_merges reports (move the documents of `from` to `into`),
 * or its records and this module's state disagree. */
void rc_stories_set_merging(rc_stories *s, int on);
/* The merges done by the last rc_stories_assign, in order (at most 8; *out
 * valid until the next assign). */
size_t rc_stories_merges(const rc_stories *s, const rc_st_merge **out);

/* Forget stories whose last document is older than tmin (amortised: the
 * index is rebuilt when a quarter of the stories are gone).  RC_ENOMEM. */
int rc_stories_expire(rc_stories *s, int64_t tmin);
size_t rc_stories_size(const rc_stories *s);     /* live stories in memory */

#endif
