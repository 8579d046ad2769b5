/*
 * stories.c -- incremental clustering of articles into stories.
 *
 * A story is one event or development.  Each arriving document becomes a
 * short tf-idf vector (RC_ST_DOC_TERMS terms, unit length) of:
 *   - stemmed words of its title (counted twice) and of its lead (the first
 *     200 tokens of the text), folded (lower case, no accents) so that
 *     "Élysée" and "elysee" agree, stop words (data/stories-stopwords.txt)
 *     left out, stemmed with the Snowball stemmer of its language
 *     (libstemmer; French and English together, other languages too);
 *   - numbers (digits only) and entity keys (rc_mention.key) as terms of
 *     their own, which match across languages.
 * idf comes from document frequencies counted in a count-min sketch as
 * documents arrive (persisted by the store).
 *
 * Single pass, leader-follower: the document is compared with the centroids
 * (sum of member vectors, its RC_ST_CENTROID heaviest terms) of the stories
 * of the time window -- stories whose span [first, last] is within
 * RC_ST_WINDOW of the document's time -- found through an inverted index
 * term -> stories, so each document meets only the stories that share a
 * term with it, never the whole corpus.  It joins the most similar story
 * when the cosine reaches RC_ST_JOIN, else opens a new story.  Decisions
 * are never revisited: a story keeps its id and its documents, so a later
 * ingest continues where the previous one stopped.  Stories idle for longer
 * than the window leave memory (the store keeps them).
 *
 * Why leader-follower: it is incremental by nature, linear in the number of
 * documents, and its state (centroids of recent stories) is small.  Its
 * weakness is order dependence and one centroid per story: a story whose
 * headlines drift (a product launch covered from many angles) splits.
 */
#include "stories.h"
#include "data.h"
#include "segment.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RC_ST_JOIN 0.18          /* cosine to join a story */
#define LEAD_TOKENS 200
#define MAX_TERMS 512            /* distinct terms considered per document */

enum { SEED_TERM = 31, SEED_NUM = 32, SEED_ENT = 33, SEED_STOP = 34 };

typedef struct story {
    int64_t id, t_first, t_last;
    uint32_t n_docs;
    int alive;
    uint32_t ncent;
    float norm;
    rc_st_term cent[RC_ST_CENTROID];
    uint32_t mark;
} story;

struct rc_stories {
    rc_cms df;
    rc_post stop;                /* stop words (keys), value unused */
    struct sb_stemmer *stem[RC_LANG_COUNT_];
    int stem_tried[RC_LANG_COUNT_];
    story *st;
    size_t n, cap, dead;
    rc_post index;               /* term -> story slot */
    rc_post byid;                /* id -> story slot */
    int64_t last_id;
    uint32_t mark;
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
    rc_str f = rc_data_get("stories-stopwords.txt");
    size_t pos = 0;
    rc_str line;
    while (f.ptr && rc_data_next_line(f, &pos, &line))
        if (rc_post_add(&s->stop, rc_hash(line.ptr, line.len, SEED_STOP), 0)) {
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
    rc_post_free(&s->stop);
    rc_post_free(&s->index);
    rc_post_free(&s->byid);
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

static struct sb_stemmer *stemmer(rc_stories *s, rc_lang l)
{
    static const char *const names[RC_LANG_COUNT_] = {
        [RC_LANG_FR] = "french", [RC_LANG_EN] = "english", [RC_LANG_DE] = "german",
        [RC_LANG_ES] = "spanish", [RC_LANG_IT] = "italian", [RC_LANG_PT] = "portuguese",
        [RC_LANG_NL] = "dutch",
    };
    if ((unsigned)l >= RC_LANG_COUNT_ || !names[l])
        return NULL;
    if (!s->stem_tried[l]) {
        s->stem_tried[l] = 1;
        s->stem[l] = sb_stemmer_new(names[l], "UTF_8");
    }
    return s->stem[l];
}

/* ------------------------------------------------------------------ vectors */

typedef struct tf {
    uint64_t h[MAX_TERMS];
    float c[MAX_TERMS];
    uint32_t n;
} tf;

static void tf_add(tf *t, uint64_t h, float c)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (t->h[i] == h) {
            t->c[i] += c;
            return;
        }
    if (t->n < MAX_TERMS) {
        t->h[t->n] = h;
        t->c[t->n++] = c;
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
                tf_add(t, rc_hash(buf, k, SEED_NUM), weight);
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
        if (k < 2 || rc_post_first(&s->stop, rc_hash(buf, k, SEED_STOP)) >= 0)
            continue;
        const sb_symbol *st = NULL;
        if (sb)
            st = sb_stemmer_stem(sb, (const sb_symbol *)buf, (int)k);
        if (st) {
            int sl = sb_stemmer_length(sb);
            tf_add(t, rc_hash(st, (size_t)sl, SEED_TERM), weight);
        } else {
            tf_add(t, rc_hash(buf, k, SEED_TERM), weight);
        }
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
    if (!rc_str_empty(title)) {
        rc_token *tt;
        size_t nt;
        int rc = rc_tokenize(a, title, &tt, &nt);
        if (rc)
            return rc;
        add_tokens(s, t, title, tt, nt, lang, 2.0f);
    }
    add_tokens(s, t, text, toks, n_toks < LEAD_TOKENS ? n_toks : LEAD_TOKENS, lang, 1.0f);
    for (size_t i = 0; i < n_mentions; i++)
        if (!rc_str_empty(mentions[i].key))
            tf_add(t, rc_hash(mentions[i].key.ptr, mentions[i].key.len, SEED_ENT), 1.5f);
    if (count) {
        for (uint32_t i = 0; i < t->n; i++)
            rc_cms_add(&s->df, t->h[i]);
        s->df.n++;
    }
    rc_st_term *v = rc_arena_alloc(a, (t->n + 1) * sizeof *v);
    if (!v)
        return RC_ENOMEM;
    double N = (double)s->df.n + 1.0;
    for (uint32_t i = 0; i < t->n; i++) {
        double df = rc_cms_get(&s->df, t->h[i]);
        double idf = log(N / (df + 0.5));
        if (idf < 0.1)
            idf = 0.1;
        v[i].h = t->h[i];
        v[i].w = (float)((1.0 + log(t->c[i])) * idf);
    }
    qsort(v, t->n, sizeof *v, cmp_term_desc);
    uint32_t n = t->n < RC_ST_DOC_TERMS ? t->n : RC_ST_DOC_TERMS;
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
    double n = 0;
    for (uint32_t i = 0; i < st->ncent; i++)
        n += (double)st->cent[i].w * st->cent[i].w;
    st->norm = (float)sqrt(n);
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

/* Add v to the centroid; new terms go into the index. */
static int absorb(rc_stories *s, story *st, uint32_t slot, const rc_st_vec *v)
{
    rc_st_term merged[RC_ST_CENTROID + RC_ST_DOC_TERMS];
    uint32_t n = st->ncent;
    memcpy(merged, st->cent, n * sizeof *merged);
    for (uint32_t i = 0; i < v->n; i++) {
        uint32_t j = 0;
        while (j < n && merged[j].h != v->t[i].h)
            j++;
        if (j < n) {
            merged[j].w += v->t[i].w;
        } else {
            merged[n++] = v->t[i];
        }
    }
    qsort(merged, n, sizeof *merged, cmp_term_desc);
    if (n > RC_ST_CENTROID)
        n = RC_ST_CENTROID;
    for (uint32_t i = 0; i < n; i++) {
        int known = 0;
        for (uint32_t j = 0; j < st->ncent && !known; j++)
            known = st->cent[j].h == merged[i].h;
        if (!known) {
            int rc = rc_post_add(&s->index, merged[i].h, slot);
            if (rc)
                return rc;
        }
    }
    memcpy(st->cent, merged, n * sizeof *merged);
    st->ncent = n;
    set_norm(st);
    return RC_OK;
}

int rc_stories_assign(rc_stories *s, const rc_st_vec *v, int64_t t, int64_t join,
                      int64_t *story_id, int *created)
{
    *story_id = 0;
    *created = 0;
    story *best = NULL;
    if (join) {
        best = find_id(s, join);
        if (!best) {
            /* Out of the window: the document still joins (the store keeps
             * the story), without touching a centroid. */
            *story_id = join;
            return RC_OK;
        }
    } else {
        double bs = 0;
        s->mark++;
        for (uint32_t i = 0; i < v->n; i++) {
            for (int32_t k = rc_post_first(&s->index, v->t[i].h); k >= 0; k = s->index.next[k]) {
                story *st = &s->st[s->index.vals[k]];
                if (st->mark == s->mark || !st->alive)
                    continue;
                st->mark = s->mark;
                if (t < st->t_first - RC_ST_WINDOW || t > st->t_last + RC_ST_WINDOW ||
                    st->norm <= 0)
                    continue;
                double dot = 0;
                for (uint32_t a = 0; a < v->n; a++)
                    for (uint32_t b = 0; b < st->ncent; b++)
                        if (st->cent[b].h == v->t[a].h) {
                            dot += (double)v->t[a].w * st->cent[b].w;
                            break;
                        }
                double cos = dot / st->norm;
                if (cos > bs || (cos == bs && best && st->id < best->id)) {
                    bs = cos;
                    best = st;
                }
            }
        }
        if (bs < RC_ST_JOIN)
            best = NULL;
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
    return absorb(s, best, (uint32_t)(best - s->st), v);
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
