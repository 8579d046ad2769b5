/*
 * dedup.h -- near duplicates, partial copies, rewrites and translations
 * (src/dedup.c), plus the small shared structures that the story clustering
 * (src/stories.c) uses too: a count-min sketch of document frequencies and
 * an append-only multimap of postings.
 */
#ifndef RC_DEDUP_H
#define RC_DEDUP_H

#include "recoupe.h"

/* ------------------------------------------------------------------ helpers */

/* Hash of bytes (xxh64 with a seed: one seed per kind of feature). */
uint64_t rc_hash(const void *p, size_t n, uint64_t seed);

/* Fold a word for matching: lower case, accents stripped (UTF-8).  Writes
 * at most cap bytes to out, returns the length (0 if nothing is left). */
size_t rc_fold_word(const char *w, size_t n, char *out, size_t cap);

/* Parse an ISO 8601 date or date-time ("2022-11-14", "2022-11-14T09:30:00Z",
 * "...+02:00") to seconds since 1970 (UTC).  Returns 0 on success. */
int rc_parse_time(rc_str iso, int64_t *t);

/* A count-min sketch of document frequencies: 4 rows of 2^log2w counters.
 * Estimates never undercount; collisions overcount a little. */
typedef struct rc_cms {
    uint32_t *c;
    unsigned log2w;
    uint64_t n;              /* documents counted */
} rc_cms;

int rc_cms_init(rc_cms *s, unsigned log2w);     /* RC_ENOMEM */
void rc_cms_free(rc_cms *s);
uint32_t rc_cms_get(const rc_cms *s, uint64_t h);
void rc_cms_add(rc_cms *s, uint64_t h);          /* saturating */
size_t rc_cms_bytes(const rc_cms *s);            /* size of the counters */

/* Postings: key (64-bit) -> list of 32-bit values, newest first.  Values
 * are only appended; rc_post_clear() empties everything (the owners rebuild
 * after expiring old entries). */
typedef struct rc_post {
    uint64_t *keys;          /* open addressing, 0 = empty slot */
    int32_t *heads;          /* per slot: first node or -1 */
    size_t cap, used;
    uint32_t *vals;          /* nodes */
    int32_t *next;
    size_t n, ncap;
} rc_post;

int rc_post_add(rc_post *p, uint64_t key, uint32_t val);   /* RC_ENOMEM */
int32_t rc_post_first(const rc_post *p, uint64_t key);     /* node index or -1 */
void rc_post_clear(rc_post *p);
void rc_post_free(rc_post *p);

/* ------------------------------------------------------------------ copies */

#define RC_MH_K 64           /* MinHash values per document */
#define RC_MH_BANDS 16       /* LSH bands of RC_MH_K / RC_MH_BANDS rows */

typedef enum rc_copy_kind {
    RC_COPY_NONE = 0,
    RC_COPY_DUPLICATE,
    RC_COPY_NEAR,            /* near_duplicate: high Jaccard or contained */
    RC_COPY_TRANSLATION,
    RC_COPY_REWRITE,
} rc_copy_kind;

/* "duplicate", "near_duplicate", "translation", "rewrite" (static). */
const char *rc_copy_kind_name(int kind);

/* An anchor: a language-independent element of an article (a number, a
 * capitalised name, an entity key), at its first occurrence. */
typedef struct rc_anchor {
    uint32_t h;
    uint16_t pos;            /* relative position in the text, 0..1000 */
} rc_anchor;

/* The fingerprint of one document. */
typedef struct rc_dd_feat {
    rc_lang lang;
    uint32_t nbytes;         /* text length */
    uint32_t nshingles;      /* 5-word shingles kept for the MinHash */
    uint32_t mh[RC_MH_K];    /* MinHash (valid when nshingles > 0) */
    uint32_t *big;           /* sampled word-bigram hashes, sorted, unique */
    uint32_t nbig;
    rc_anchor *anc;          /* anchors in text order, unique */
    uint32_t nanc;
    uint64_t text_hash;      /* set by the caller: byte-identical texts are
                                the store's exact duplicates, skipped here */
} rc_dd_feat;

typedef struct rc_dedup rc_dedup;

rc_dedup *rc_dedup_new(void);                    /* NULL when out of memory */
void rc_dedup_free(rc_dedup *d);

/* The document-frequency sketch (persisted by the store). */
rc_cms *rc_dedup_df(rc_dedup *d);

/* Compute the fingerprint of a text (its tokens as rc_tokenize gives them;
 * mentions may be NULL).  Arrays are allocated in a.  When count is set,
 * the document's shingles and anchors are added to the document
 * frequencies (do it once per new document). */
int rc_dedup_features(rc_dedup *d, rc_str text, const rc_token *toks, size_t n_toks,
                      rc_lang lang, const rc_mention *mentions, size_t n_mentions,
                      int count, rc_arena *a, rc_dd_feat *out);

/* The best earlier document (in the window) that f copies or is a copy of:
 * *seq its seq, *kind (RC_COPY_NONE when none) and *score. */
int rc_dedup_match(rc_dedup *d, const rc_dd_feat *f, int64_t *seq, int *kind, double *score);

/* Score a pair of fingerprints: the kind of copy (or RC_COPY_NONE) and its
 * score.  idf weights come from d's sketch.  Exposed for tests. */
int rc_dedup_compare(const rc_dedup *d, const rc_dd_feat *a, const rc_dd_feat *b, double *score);

/* Remember a document (copied into d).  root is the seq of its copy group's
 * original (its own seq if it is one); t its time key. */
int rc_dedup_add(rc_dedup *d, int64_t seq, int64_t t, int64_t root, const rc_dd_feat *f);

/* The root recorded for seq, or seq itself when unknown. */
int64_t rc_dedup_root(const rc_dedup *d, int64_t seq);
/* Re-root every remembered document of group old_root to new_root. */
void rc_dedup_reroot(rc_dedup *d, int64_t old_root, int64_t new_root);
/* Forget seq (its text changed). */
void rc_dedup_forget(rc_dedup *d, int64_t seq);

/* Drop documents older than tmin (amortised: compacts when a quarter of
 * the window is dead). */
int rc_dedup_expire(rc_dedup *d, int64_t tmin);
size_t rc_dedup_size(const rc_dedup *d);         /* documents remembered */

#endif
