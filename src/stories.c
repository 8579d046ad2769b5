/*
 * stories.c -- incremental clustering of articles into stories.
 *
 * A story is one event or development.  Documents arrive one by one; each
 * is put in a story at once and stays there (ids are stable), so that a
 * later ingest continues where the previous one stopped.
 *
 * The vector of a document (rc_stories_vector) has two parts, each chosen
 * and capped on its own:
 *   - words: stemmed words of the title (counted twice) and of the lead
 *     (the first 200 tokens of the text), folded (lower case, no accents)
 *     so that "Élysée" and "elysee" agree, elided articles cut (l'armee ->
 *     armee), stop words and calendar words (data/stories-stopwords.txt)
 *     left out, stemmed with the Snowball stemmer of the document's
 *     language (libstemmer); RC_ST_DOC_WORDS at most;
 *   - anchors: numbers (their digits, "1 200" = "1,200") and entity keys
 *     without their type (rc_mention.key: transliteration-aware, and the
 *     type of one name often differs between two languages' recognisers);
 *     RC_ST_DOC_ANCHORS at most.  Anchors survive translation, words do not.
 * Weights are tf-idf, (1 + log tf) x log((N + 20) / (df + 0.5)), with
 * document frequencies counted in a count-min sketch as documents arrive
 * (persisted by the store); the 20 documents of prior (IDF_PRIOR_DOCS)
 * keep the first documents of a corpus from making every shared term look
 * common.  The whole vector has unit length.  A term's hash tells
 * which part it is in (lowest bit: anchor), so one rc_st_term array, and
 * the store's blob of it, holds both.
 *
 * A story keeps a centroid: the sum of its documents' vectors, capped at
 * RC_ST_CENT_WORDS words and RC_ST_CENT_ANCHORS anchors (the heaviest).
 * An inverted index (term -> stories) gives, for a new document, the
 * stories of the time window (span [first, last] within RC_ST_WINDOW of
 * its time) that share a term with it, at most POSTINGS_PER_TERM per term
 * (the stories that took the term last come first) and MAX_CANDS in all,
 * so the cost per document is bounded, whatever the size of the corpus.  Each candidate S
 * gets a score:
 *
 *   cos(d, S), where the norm of d counts the document's terms that no
 *     story of the window has (no such posting: "novel" terms, a name or a
 *     word seen for the first time) at NOVEL of their weight.  Such a term cannot match any
 *     story, and in a headline of eight words, three fresh words would
 *     otherwise outweigh the two that place it;
 *   or ANCHOR_GAIN x the cosine of the anchor parts alone, when they share
 *     ANCHOR_MIN anchors or more: an article and its translation or a
 *     report in another language share names and numbers, not words;
 *   times 1 + SIZE_PRIOR x log(documents of S): the prior of a Chinese
 *     restaurant process (a story that already drew many documents is the
 *     likelier home of the next one), which keeps the big stories of a
 *     busy day from splitting along each new angle.
 *
 * The document joins the best story if its score reaches the threshold,
 * else it opens a new story.  The threshold is JOIN for vectors of up to
 * JOIN_TERMS terms (headlines, short texts) and falls as 1/sqrt(terms)
 * beyond, down to JOIN_MIN: two unrelated long texts rarely share much of
 * their weight, two reports of one event in long texts still spread it
 * over many terms each.
 *
 * Second chance (off unless the caller turns it on, since the caller must
 * then move documents: rc_stories_set_merging): a single pass splits a
 * story whose first documents did not look alike (a game's reviews and its
 * launch-night server crash, before the launch's story had a centroid to
 * gather them).  When a document reaches the threshold with several
 * stories, and a story beyond the best one is also similar to it
 * (story_sim at least MERGE_SIM, scaled like the threshold), the two are
 * one story: the younger is folded into the older, whose id stays; the
 * merge is recorded for the caller (rc_stories_merges) and later
 * references to the merged id are redirected.
 *
 * Why this shape: leader-follower clustering on centroids is incremental
 * by nature, linear in the number of documents, and its state (the
 * centroids of recent stories) is small; the scores above address its two
 * weaknesses on news: short texts with few shared terms, and stories that
 * split early and never rejoin.  What it still cannot do: tell two events
 * of one topic apart when their headlines share only the topic's word (two
 * transfers of one club), or join reports that share no word, name or
 * number; and its decisions depend on the order of arrival.  The
 * thresholds were chosen as round values on the development sets
 * (cluster/uci-news, cluster/gnews-fr, the demo corpus, the multilingual
 * articles of copies/semeval-dev), not fitted to single items.  Stories
 * idle for longer than the window leave memory (the store keeps them).
 */
#include "stories.h"
#include "langid.h"
#include "textsig.h"
#include "segment.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEAD_TOKENS 200          /* tokens of the text read after the title */
#define MAX_TERMS 512            /* distinct terms considered per document */
#define TITLE_WEIGHT 2.0f        /* a title word counts as two of the lead */
#define ENTITY_WEIGHT 1.5f       /* an entity mention counts as 1.5 */
#define IDF_MIN 0.1              /* floor of a term's idf */
#define IDF_PRIOR_DOCS 20.0      /* idf = log((N + this) / (df + 0.5)) */

#define JOIN 0.28                /* score to join a story (short vectors) */
#define JOIN_TERMS 24            /* vectors longer than this: lower threshold */
#define JOIN_MIN 0.18            /* lowest threshold (long vectors) */
#define NOVEL 0.6                /* share of a novel term's weight in the norm */
#define ANCHOR_GAIN 1.5          /* weight of the anchors-only cosine */
#define ANCHOR_MIN 3             /* shared anchors for the anchors-only cosine */
#define SIZE_PRIOR 0.15          /* 1 + SIZE_PRIOR x log(n_docs) */
#define MERGE_SIM 0.2            /* story similarity to merge (short vectors) */

#define POSTINGS_PER_TERM 64     /* stories looked at per term of a document */
#define MAX_CANDS 512            /* candidate stories scored per document */
#define MAX_MERGES 8             /* merges per document */

enum { SEED_TERM = 31, SEED_NUM = 32, SEED_ENT = 33 };

/* Anchors have the lowest bit of their hash set, words have it clear. */
#define ANCHOR(h) ((h) | 1u)
#define WORD(h) ((h) & ~(uint64_t)1)
#define IS_ANCHOR(h) ((h) & 1u)

typedef struct story {
    int64_t id, t_first, t_last;
    uint32_t n_docs;
    int alive;
    uint32_t ncent;
    float norm, anorm;           /* norms of the centroid and of its anchors */
    rc_st_term cent[RC_ST_CENTROID];
    uint32_t mark;               /* = rc_stories.mark: a candidate of this document */
    double score;                /* its score for this document */
} story;

struct rc_stories {
    rc_cms df;
    struct sb_stemmer *stem[RC_LANG_COUNT_];
    int stem_tried[RC_LANG_COUNT_];
    story *st;
    size_t n, cap, dead;
    rc_post index;               /* term -> story slot */
    rc_post byid;                /* id -> story slot */
    int64_t last_id;
    uint32_t mark;
    uint32_t cand[MAX_CANDS];    /* candidate slots of the current document */
    int merging;
    rc_st_merge merges[MAX_MERGES];  /* of the last assign */
    size_t n_merges;
    rc_st_merge *redir;          /* every merge so far (from -> into) */
    size_t n_redir, cap_redir;
    rc_post redir_ix;            /* from -> index in redir */
};

rc_stories *rc_stories_new(void)
{
    rc_stories *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (rc_cms_init(&s->df, 18)) {
        free(s);
        return NULL;
    }
    if (rc_sig_init()) {
        rc_stories_free(s);
        return NULL;
    }
    return s;
}

void rc_stories_free(rc_stories *s)
{
    if (!s)
        return;
    for (int i = 0; i < RC_LANG_COUNT_; i++)
        if (s->stem[i])
            sb_stemmer_delete(s->stem[i]);
    rc_cms_free(&s->df);
    rc_post_free(&s->index);
    rc_post_free(&s->byid);
    rc_post_free(&s->redir_ix);
    free(s->redir);
    free(s->st);
    free(s);
}

rc_cms *rc_stories_df(rc_stories *s)
{
    return &s->df;
}

size_t rc_stories_size(const rc_stories *s)
{
    return s->n - s->dead;
}

void rc_stories_set_last_id(rc_stories *s, int64_t id)
{
    if (id > s->last_id)
        s->last_id = id;
}

void rc_stories_set_merging(rc_stories *s, int on)
{
    s->merging = on != 0;
}

size_t rc_stories_merges(const rc_stories *s, const rc_st_merge **out)
{
    *out = s->merges;
    return s->n_merges;
}

static struct sb_stemmer *stemmer(rc_stories *s, rc_lang l)
{
    const char *name = rc_lang_snowball(l);
    if (!name)
        return NULL;
    if (!s->stem_tried[l]) {
        s->stem_tried[l] = 1;
        s->stem[l] = sb_stemmer_new(name, "UTF_8");
    }
    return s->stem[l];
}

/* ------------------------------------------------------------------ term maps */

/* A small open-addressing map: term hash -> index (at most TMAP_CAP / 2
 * entries, so that probes stay short). */
#define TMAP_CAP 512
typedef struct tmap {
    uint64_t h[TMAP_CAP];
    uint16_t i[TMAP_CAP];        /* index + 1; 0 = empty slot */
} tmap;

_Static_assert(2 * RC_ST_CENTROID <= TMAP_CAP / 2, "a merge of two centroids fits a map");

static void tmap_clear(tmap *m)
{
    memset(m->i, 0, sizeof m->i);
}

static uint32_t tmap_slot(uint64_t h)
{
    return (uint32_t)(h >> 32) & (TMAP_CAP - 1);
}

/* The index stored for h, or -1. */
static int tmap_find(const tmap *m, uint64_t h)
{
    for (uint32_t j = tmap_slot(h); m->i[j]; j = (j + 1) & (TMAP_CAP - 1))
        if (m->h[j] == h)
            return m->i[j] - 1;
    return -1;
}

/* Store h -> i (h not yet in m, m not full). */
static void tmap_put(tmap *m, uint64_t h, uint32_t i)
{
    uint32_t j = tmap_slot(h);
    while (m->i[j])
        j = (j + 1) & (TMAP_CAP - 1);
    m->h[j] = h;
    m->i[j] = (uint16_t)(i + 1);
}

/* ------------------------------------------------------------------ vectors */

/* Term counts of one document, with a hash index (open addressing over
 * TF_SLOTS, twice MAX_TERMS) so that adding a token costs O(1). */
#define TF_SLOTS (2 * MAX_TERMS)
typedef struct tf {
    uint64_t h[MAX_TERMS];
    float c[MAX_TERMS];
    uint32_t n;
    uint16_t slot[TF_SLOTS];     /* index + 1; 0 = empty */
} tf;

static void tf_add(tf *t, uint64_t h, float c)
{
    uint32_t j = (uint32_t)(h >> 32) & (TF_SLOTS - 1);
    for (; t->slot[j]; j = (j + 1) & (TF_SLOTS - 1))
        if (t->h[t->slot[j] - 1] == h) {
            t->c[t->slot[j] - 1] += c;
            return;
        }
    if (t->n < MAX_TERMS) {
        t->h[t->n] = h;
        t->c[t->n] = c;
        t->slot[j] = (uint16_t)++t->n;
    }
}

static void add_tokens(rc_stories *s, tf *t, rc_str text, const rc_token *toks, size_t n,
                       rc_lang lang, float weight)
{
    struct sb_stemmer *sb = stemmer(s, lang);
    char buf[128];
    for (size_t i = 0; i < n; i++) {
        const char *p = text.ptr + toks[i].start;
        size_t len = toks[i].end - toks[i].start;
        if (toks[i].kind == RC_TOK_NUM) {
            size_t k = 0;
            for (size_t j = 0; j < len && k < 12; j++)
                if (p[j] >= '0' && p[j] <= '9')
                    buf[k++] = p[j];
            if (k >= 2)
                tf_add(t, ANCHOR(rc_hash(buf, k, SEED_NUM)), weight);
            continue;
        }
        if (toks[i].kind != RC_TOK_WORD)
            continue;
        size_t k = rc_fold_word(p, len, buf, sizeof buf - 1);
        /* Elided articles: l'armee -> armee, qu'il -> il. */
        for (size_t j = 0; j + 1 < k && j < 3; j++)
            if (buf[j] == '\'') {
                memmove(buf, buf + j + 1, k - j - 1);
                k -= j + 1;
                break;
            }
        if (k < 2 || rc_sig_is_stop(buf, k))
            continue;
        const sb_symbol *st = sb ? sb_stemmer_stem(sb, (const sb_symbol *)buf, (int)k) : NULL;
        uint64_t h = st ? rc_hash(st, (size_t)sb_stemmer_length(sb), SEED_TERM)
                        : rc_hash(buf, k, SEED_TERM);
        tf_add(t, WORD(h), weight);
    }
}

static int cmp_term_desc(const void *a, const void *b)
{
    float x = ((const rc_st_term *)a)->w, y = ((const rc_st_term *)b)->w;
    if (x != y)
        return x < y ? 1 : -1;
    uint64_t p = ((const rc_st_term *)a)->h, q = ((const rc_st_term *)b)->h;
    return (p > q) - (p < q);
}

/* Keep the kw heaviest words and the ka heaviest anchors of t[0..n), sorted
 * heaviest first when some must go (else in their order); returns the new
 * count. */
static uint32_t keep_top(rc_st_term *t, uint32_t n, uint32_t kw, uint32_t ka)
{
    uint32_t anchors = 0;
    for (uint32_t i = 0; i < n; i++)
        anchors += IS_ANCHOR(t[i].h) ? 1 : 0;
    if (anchors <= ka && n - anchors <= kw)
        return n;
    qsort(t, n, sizeof *t, cmp_term_desc);
    uint32_t k = 0, nw = 0, na = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (IS_ANCHOR(t[i].h) ? na++ >= ka : nw++ >= kw)
            continue;
        t[k++] = t[i];
    }
    return k;
}

int rc_stories_vector(rc_stories *s, rc_str title, rc_str text, const rc_token *toks,
                      size_t n_toks, rc_lang lang, const rc_mention *mentions,
                      size_t n_mentions, int count, rc_arena *a, rc_st_vec *out)
{
    out->t = NULL;
    out->n = 0;
    tf *t = rc_arena_alloc(a, sizeof *t);
    if (!t)
        return RC_ENOMEM;
    t->n = 0;
    memset(t->slot, 0, sizeof t->slot);
    if (!rc_str_empty(title)) {
        rc_token *tt;
        size_t nt;
        int rc = rc_tokenize(a, title, &tt, &nt);
        if (rc)
            return rc;
        add_tokens(s, t, title, tt, nt, lang, TITLE_WEIGHT);
    }
    add_tokens(s, t, text, toks, n_toks < LEAD_TOKENS ? n_toks : LEAD_TOKENS, lang, 1.0f);
    for (size_t i = 0; i < n_mentions; i++) {
        rc_str k = mentions[i].key;
        if (rc_str_empty(k))
            continue;
        /* "per:", "loc:"...: the same name is a person in one language's
         * text and an organisation in another's. */
        const char *c = memchr(k.ptr, ':', k.len < 6 ? k.len : 6);
        if (c) {
            k.len -= (size_t)(c + 1 - k.ptr);
            k.ptr = c + 1;
        }
        if (k.len)
            tf_add(t, ANCHOR(rc_hash(k.ptr, k.len, SEED_ENT)), ENTITY_WEIGHT);
    }
    if (count) {
        for (uint32_t i = 0; i < t->n; i++)
            rc_cms_add(&s->df, t->h[i]);
        s->df.n++;
    }
    rc_st_term *v = rc_arena_alloc(a, (t->n + 1) * sizeof *v);
    if (!v)
        return RC_ENOMEM;
    double N = (double)s->df.n + IDF_PRIOR_DOCS;
    for (uint32_t i = 0; i < t->n; i++) {
        double df = rc_cms_get(&s->df, t->h[i]);
        double idf = log(N / (df + 0.5));
        if (idf < IDF_MIN)
            idf = IDF_MIN;
        v[i].h = t->h[i];
        v[i].w = (float)((1.0 + log(t->c[i])) * idf);
    }
    uint32_t n = keep_top(v, t->n, RC_ST_DOC_WORDS, RC_ST_DOC_ANCHORS);
    double norm = 0;
    for (uint32_t i = 0; i < n; i++)
        norm += (double)v[i].w * v[i].w;
    norm = sqrt(norm);
    for (uint32_t i = 0; i < n && norm > 0; i++)
        v[i].w = (float)(v[i].w / norm);
    out->t = v;
    out->n = n;
    return RC_OK;
}

/* ------------------------------------------------------------------ stories */

/* The id a story id ended in after merges (itself when never merged). */
static int64_t resolve(const rc_stories *s, int64_t id)
{
    for (size_t hops = 0; hops <= s->n_redir; hops++) {
        int32_t p = rc_post_first(&s->redir_ix, (uint64_t)id);
        while (p >= 0 && s->redir[s->redir_ix.vals[p]].from != id)
            p = s->redir_ix.next[p];
        if (p < 0)
            break;
        id = s->redir[s->redir_ix.vals[p]].into;
    }
    return id;
}

static story *find_id(const rc_stories *s, int64_t id)
{
    for (int32_t i = rc_post_first(&s->byid, (uint64_t)id); i >= 0; i = s->byid.next[i]) {
        story *st = &s->st[s->byid.vals[i]];
        if (st->id == id && st->alive)
            return st;
    }
    return NULL;
}

static void set_norm(story *st)
{
    double n = 0, a = 0;
    for (uint32_t i = 0; i < st->ncent; i++) {
        double w2 = (double)st->cent[i].w * st->cent[i].w;
        n += w2;
        if (IS_ANCHOR(st->cent[i].h))
            a += w2;
    }
    st->norm = (float)sqrt(n);
    st->anorm = (float)sqrt(a);
}

static int index_story(rc_stories *s, uint32_t slot)
{
    story *st = &s->st[slot];
    int rc = rc_post_add(&s->byid, (uint64_t)st->id, slot);
    for (uint32_t i = 0; i < st->ncent && !rc; i++)
        rc = rc_post_add(&s->index, st->cent[i].h, slot);
    return rc;
}

static story *new_slot(rc_stories *s)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        story *ns = realloc(s->st, ncap * sizeof *ns);
        if (!ns)
            return NULL;
        s->st = ns;
        s->cap = ncap;
    }
    story *st = &s->st[s->n++];
    memset(st, 0, sizeof *st);
    st->alive = 1;
    return st;
}

int rc_stories_load(rc_stories *s, const rc_story_state *in)
{
    story *st = new_slot(s);
    if (!st)
        return RC_ENOMEM;
    st->id = in->id;
    st->t_first = in->t_first;
    st->t_last = in->t_last;
    st->n_docs = in->n_docs;
    st->ncent = in->ncent < RC_ST_CENTROID ? in->ncent : RC_ST_CENTROID;
    memcpy(st->cent, in->cent, st->ncent * sizeof *st->cent);
    set_norm(st);
    rc_stories_set_last_id(s, in->id);
    return index_story(s, (uint32_t)(s->n - 1));
}

int rc_stories_get(const rc_stories *s, int64_t id, rc_story_state *out)
{
    story *st = find_id(s, id);
    if (!st)
        return RC_ENOTFOUND;
    out->id = st->id;
    out->t_first = st->t_first;
    out->t_last = st->t_last;
    out->n_docs = st->n_docs;
    out->cent = st->cent;
    out->ncent = st->ncent;
    return RC_OK;
}

/* Add the n terms t (n <= RC_ST_CENTROID) to the centroid of st; its new
 * terms go into the index.  RC_ENOMEM. */
static int absorb(rc_stories *s, story *st, const rc_st_term *t, uint32_t n)
{
    rc_st_term merged[2 * RC_ST_CENTROID];
    tmap m;
    tmap_clear(&m);
    uint32_t k = st->ncent;
    memcpy(merged, st->cent, k * sizeof *merged);
    for (uint32_t i = 0; i < k; i++)
        tmap_put(&m, merged[i].h, i);
    uint32_t old = k;
    for (uint32_t i = 0; i < n; i++) {
        int j = tmap_find(&m, t[i].h);
        if (j >= 0) {
            merged[j].w += t[i].w;
        } else {
            tmap_put(&m, t[i].h, k);
            merged[k++] = t[i];
        }
    }
    /* Terms that were not in the centroid: flag them by index before the
     * sort reorders everything. */
    tmap fresh;
    tmap_clear(&fresh);
    for (uint32_t i = old; i < k; i++)
        tmap_put(&fresh, merged[i].h, i);
    k = keep_top(merged, k, RC_ST_CENT_WORDS, RC_ST_CENT_ANCHORS);
    uint32_t slot = (uint32_t)(st - s->st);
    for (uint32_t i = 0; i < k; i++)
        if (tmap_find(&fresh, merged[i].h) >= 0) {
            int rc = rc_post_add(&s->index, merged[i].h, slot);
            if (rc)
                return rc;
        }
    memcpy(st->cent, merged, k * sizeof *merged);
    st->ncent = k;
    set_norm(st);
    return RC_OK;
}

/* Similarity of two stories, in the form of a document's score (without
 * the size prior): the cosine of their centroids, or ANCHOR_GAIN x that of
 * their anchors when they share ANCHOR_MIN anchors or more. */
static double story_sim(const story *a, const story *b)
{
    if (a->norm <= 0 || b->norm <= 0)
        return 0;
    tmap m;
    tmap_clear(&m);
    for (uint32_t i = 0; i < a->ncent; i++)
        tmap_put(&m, a->cent[i].h, i);
    double d = 0, ad = 0;
    int shared = 0;
    for (uint32_t j = 0; j < b->ncent; j++) {
        int i = tmap_find(&m, b->cent[j].h);
        if (i < 0)
            continue;
        double x = (double)a->cent[i].w * b->cent[j].w;
        d += x;
        if (IS_ANCHOR(b->cent[j].h)) {
            ad += x;
            shared++;
        }
    }
    double sim = d / a->norm / b->norm;
    if (shared >= ANCHOR_MIN && a->anorm > 0 && b->anorm > 0 &&
        ANCHOR_GAIN * ad / a->anorm / b->anorm > sim)
        sim = ANCHOR_GAIN * ad / a->anorm / b->anorm;
    return sim;
}

/* Fold story b into a: b dies, its id redirects to a.  RC_ENOMEM. */
static int merge_into(rc_stories *s, story *a, story *b)
{
    if (s->n_redir == s->cap_redir) {
        size_t nc = s->cap_redir ? 2 * s->cap_redir : 64;
        rc_st_merge *r = realloc(s->redir, nc * sizeof *r);
        if (!r)
            return RC_ENOMEM;
        s->redir = r;
        s->cap_redir = nc;
    }
    int rc = rc_post_add(&s->redir_ix, (uint64_t)b->id, (uint32_t)s->n_redir);
    if (!rc)
        rc = absorb(s, a, b->cent, b->ncent);
    if (rc)
        return rc;
    s->redir[s->n_redir++] = (rc_st_merge){b->id, a->id};
    a->n_docs += b->n_docs;
    if (b->t_first < a->t_first)
        a->t_first = b->t_first;
    if (b->t_last > a->t_last)
        a->t_last = b->t_last;
    b->alive = 0;
    s->dead++;
    s->merges[s->n_merges++] = (rc_st_merge){b->id, a->id};
    return RC_OK;
}

/* The threshold of a vector of n terms (see the top of the file). */
static double threshold(uint32_t n)
{
    if (n <= JOIN_TERMS)
        return JOIN;
    double th = JOIN * sqrt((double)JOIN_TERMS / n);
    return th < JOIN_MIN ? JOIN_MIN : th;
}

/* Score the stories of the window that share a term with v (time t); sets
 * their score, leaves their slots in s->cand and returns their count. */
static size_t score_candidates(rc_stories *s, const rc_st_vec *v, int64_t t)
{
    uint32_t mark = ++s->mark;
    tmap q;
    tmap_clear(&q);
    double qn = 0, qa = 0;
    size_t nc = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        uint64_t h = v->t[i].h;
        if (tmap_find(&q, h) < 0)
            tmap_put(&q, h, i);
        int found = 0, k = 0;
        for (int32_t p = rc_post_first(&s->index, h); p >= 0 && k < POSTINGS_PER_TERM;
             p = s->index.next[p]) {
            uint32_t slot = s->index.vals[p];
            story *st = &s->st[slot];
            if (!st->alive || t < st->t_first - RC_ST_WINDOW || t > st->t_last + RC_ST_WINDOW)
                continue;
            k++;
            found = 1;
            if (st->mark != mark && nc < MAX_CANDS) {
                st->mark = mark;
                s->cand[nc++] = slot;
            }
        }
        double w2 = (double)v->t[i].w * v->t[i].w;
        qn += found ? w2 : NOVEL * w2;
        if (IS_ANCHOR(h))
            qa += w2;
    }
    qn = sqrt(qn);
    qa = sqrt(qa);
    for (size_t c = 0; c < nc; c++) {
        story *st = &s->st[s->cand[c]];
        st->score = 0;
        if (st->norm <= 0 || qn <= 0)
            continue;
        double dot = 0, adot = 0;
        int shared = 0;
        for (uint32_t b = 0; b < st->ncent; b++) {
            int i = tmap_find(&q, st->cent[b].h);
            if (i < 0)
                continue;
            double x = (double)v->t[i].w * st->cent[b].w;
            dot += x;
            if (IS_ANCHOR(st->cent[b].h)) {
                adot += x;
                shared++;
            }
        }
        double sc = dot / st->norm / qn;
        if (shared >= ANCHOR_MIN && st->anorm > 0 && qa > 0 &&
            ANCHOR_GAIN * adot / st->anorm / qa > sc)
            sc = ANCHOR_GAIN * adot / st->anorm / qa;
        st->score = sc * (1.0 + SIZE_PRIOR * log((double)(st->n_docs ? st->n_docs : 1)));
    }
    return nc;
}

int rc_stories_assign(rc_stories *s, const rc_st_vec *v, int64_t t, int64_t join,
                      int64_t *story_id, int *created)
{
    *story_id = 0;
    *created = 0;
    s->n_merges = 0;
    if (v->n > RC_ST_DOC_TERMS)
        return RC_EINVAL;
    story *best = NULL;
    if (join) {
        join = resolve(s, join);
        best = find_id(s, join);
        if (!best) {
            /* Out of the window: the document still joins (the store keeps
             * the story), without touching a centroid. */
            *story_id = join;
            return RC_OK;
        }
    } else {
        size_t nc = score_candidates(s, v, t);
        double th = threshold(v->n), bs = 0;
        for (size_t c = 0; c < nc; c++) {
            story *st = &s->st[s->cand[c]];
            if (st->score >= th &&
                (st->score > bs || (st->score == bs && best && st->id < best->id))) {
                bs = st->score;
                best = st;
            }
        }
        /* Second chance: another story that this document reaches too, and
         * that looks like the best one, is the same story. */
        double msim = MERGE_SIM * th / JOIN;
        for (size_t c = 0; best && s->merging && c < nc && s->n_merges < MAX_MERGES; c++) {
            story *o = &s->st[s->cand[c]];
            if (o == best || !o->alive || o->score < th || story_sim(best, o) < msim)
                continue;
            story *keep = o->id < best->id ? o : best;
            int rc = merge_into(s, keep, keep == o ? best : o);
            if (rc)
                return rc;
            best = keep;
        }
    }
    if (!best) {
        best = new_slot(s);
        if (!best)
            return RC_ENOMEM;
        best->id = ++s->last_id;
        best->t_first = best->t_last = t;
        *created = 1;
        int rc = rc_post_add(&s->byid, (uint64_t)best->id, (uint32_t)(s->n - 1));
        if (rc)
            return rc;
    }
    if (t < best->t_first)
        best->t_first = t;
    if (t > best->t_last)
        best->t_last = t;
    best->n_docs++;
    *story_id = best->id;
    return absorb(s, best, v->t, v->n);
}

int rc_stories_expire(rc_stories *s, int64_t tmin)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->st[i].alive && s->st[i].t_last < tmin) {
            s->st[i].alive = 0;
            s->dead++;
        }
    if (s->dead * 4 < s->n || s->n < 256)
        return RC_OK;
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->st[i].alive)
            s->st[k++] = s->st[i];
    s->n = k;
    s->dead = 0;
    rc_post_clear(&s->index);
    rc_post_clear(&s->byid);
    for (size_t i = 0; i < s->n; i++) {
        int rc = index_story(s, (uint32_t)i);
        if (rc)
            return rc;
    }
    return RC_OK;
}
