/*
 * dedup.c -- which articles are copies, rewrites or translations of which.
 *
 * Each document gets a fingerprint (rc_dd_feat) of three parts:
 *
 *   - a MinHash of its 5-word shingles (folded words and numbers, RC_MH_K
 *     values), indexed by LSH in RC_MH_BANDS bands of 4 rows: two texts
 *     with a Jaccard of 0.8 collide in some band with probability 0.9998,
 *     of 0.3 with 0.12.  Shingles seen in many documents (boilerplate,
 *     templates: document frequency above max(20, N/200), counted in a
 *     count-min sketch) are left out, so that a shared footer does not make
 *     two articles near duplicates;
 *   - a sample of its word bigrams (those whose hash is even): the
 *     containment of the smaller sample in the larger estimates how much of
 *     one text is inside the other, which finds partial copies (a wire story
 *     inside a longer page) and rewrites (machine round trips keep about
 *     half of the bigrams; independently written articles on the same story
 *     rarely a quarter).  Rare sampled bigrams are indexed too;
 *   - anchors, the language-independent skeleton of an article: numbers
 *     (digits only: "3,730" = "3730"), capitalised words that do not open a
 *     sentence and acronyms (folded: names survive translation between
 *     Latin-script languages and inside Chinese or Russian text), and
 *     entity keys (rc_mention.key) when the pipeline gives them; each with
 *     its relative position in the text.  A translation keeps them and
 *     keeps them in the same places; another article on the same story
 *     shares names and dates too but not where they occur, and not its
 *     specific numbers.  So two documents in different languages are
 *     translations when the idf-weighted share of anchors found at about the
 *     same relative position (within 12% of the text) is at least half of
 *     the smaller fingerprint, with at least three such anchors (or two and
 *     a rare one), and their lengths are comparable.
 *
 * Candidates for a new document come from the LSH buckets, the rare-bigram
 * postings and the rare-anchor postings of the documents of the window
 * (kept in memory, expired by time); the best few by evidence are verified
 * with the exact measures above (rc_dedup_compare) before any link is made.
 * Thresholds were chosen on the development pairs (copies/semeval-dev) as
 * round values, not fitted to single items.
 */
#include "dedup.h"
#include "calendar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include <xxhash.h>

/* ------------------------------------------------------------------ helpers */

uint64_t rc_hash(const void *p, size_t n, uint64_t seed)
{
    return XXH64(p, n, seed);
}

size_t rc_fold_word(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    int ascii = 1;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)w[k] >= 0x80) {
            ascii = 0;
            break;
        }
    if (ascii) {
        for (; i < n && o < cap; i++) {
            char c = w[i];
            out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        return o;
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (r < 0) {
        size_t k = n < cap ? n : cap;
        memcpy(out, w, k);
        return k;
    }
    size_t k = (size_t)r < cap ? (size_t)r : cap;
    memcpy(out, m, k);
    free(m);
    return k;
}

static int digits(const char *p, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        *v = *v * 10 + (p[i] - '0');
    }
    return 0;
}

int rc_parse_time(rc_str iso, int64_t *t)
{
    const char *p = iso.ptr;
    size_t n = iso.len;
    int y, mo = 1, d = 1, h = 0, mi = 0, se = 0;
    if (!p || n < 4 || digits(p, 4, &y))
        return RC_EPARSE;
    if (n >= 7 && (p[4] != '-' || digits(p + 5, 2, &mo)))
        return RC_EPARSE;
    if (n >= 10 && (p[7] != '-' || digits(p + 8, 2, &d)))
        return RC_EPARSE;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return RC_EPARSE;
    size_t i = n >= 10 ? 10 : n;
    int64_t off = 0;
    if (i < n && (p[i] == 'T' || p[i] == ' ') && n >= i + 6) {
        if (digits(p + i + 1, 2, &h) || p[i + 3] != ':' || digits(p + i + 4, 2, &mi))
            return RC_EPARSE;
        i += 6;
        if (i + 3 <= n && p[i] == ':' && !digits(p + i + 1, 2, &se))
            i += 3;
        while (i < n && (p[i] == '.' || (p[i] >= '0' && p[i] <= '9')))
            i++;
        if (i + 6 <= n && (p[i] == '+' || p[i] == '-')) {
            int oh, om;
            if (!digits(p + i + 1, 2, &oh) && !digits(p + i + 4, 2, &om))
                off = (p[i] == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
        }
    }
    *t = rc_cal_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
    return RC_OK;
}

/* ------------------------------------------------------------------ count-min */

int rc_cms_init(rc_cms *s, unsigned log2w)
{
    s->log2w = log2w;
    s->n = 0;
    s->c = calloc((size_t)4 << log2w, sizeof *s->c);
    return s->c ? RC_OK : RC_ENOMEM;
}

void rc_cms_free(rc_cms *s)
{
    free(s->c);
    s->c = NULL;
}

size_t rc_cms_bytes(const rc_cms *s)
{
    return ((size_t)4 << s->log2w) * sizeof *s->c;
}

static size_t cms_slot(const rc_cms *s, uint64_t h, unsigned row)
{
    uint64_t x = (h ^ (0x9E3779B97F4A7C15ULL * (row + 1))) * 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 31;
    return ((size_t)row << s->log2w) | (size_t)(x >> (64 - s->log2w));
}

uint32_t rc_cms_get(const rc_cms *s, uint64_t h)
{
    uint32_t m = UINT32_MAX;
    for (unsigned r = 0; r < 4; r++) {
        uint32_t v = s->c[cms_slot(s, h, r)];
        if (v < m)
            m = v;
    }
    return m;
}

void rc_cms_add(rc_cms *s, uint64_t h)
{
    for (unsigned r = 0; r < 4; r++) {
        uint32_t *v = &s->c[cms_slot(s, h, r)];
        if (*v < UINT32_MAX)
            (*v)++;
    }
}

/* ------------------------------------------------------------------ postings */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    x ^= x >> 33;
    return x;
}

static int post_grow(rc_post *p)
{
    size_t ncap = p->cap ? p->cap * 2 : 1024;
    uint64_t *keys = calloc(ncap, sizeof *keys);
    int32_t *heads = malloc(ncap * sizeof *heads);
    if (!keys || !heads) {
        free(keys);
        free(heads);
        return RC_ENOMEM;
    }
    for (size_t i = 0; i < p->cap; i++) {
        if (!p->keys[i])
            continue;
        size_t j = mix64(p->keys[i]) & (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = p->keys[i];
        heads[j] = p->heads[i];
    }
    free(p->keys);
    free(p->heads);
    p->keys = keys;
    p->heads = heads;
    p->cap = ncap;
    return RC_OK;
}

int rc_post_add(rc_post *p, uint64_t key, uint32_t val)
{
    if (!key)
        key = 1;
    if ((p->used + 1) * 4 > p->cap * 3 && post_grow(p))
        return RC_ENOMEM;
    if (p->n == p->ncap) {
        size_t ncap = p->ncap ? p->ncap * 2 : 4096;
        uint32_t *v = realloc(p->vals, ncap * sizeof *v);
        if (!v)
            return RC_ENOMEM;
        p->vals = v;
        int32_t *nx = realloc(p->next, ncap * sizeof *nx);
        if (!nx)
            return RC_ENOMEM;
        p->next = nx;
        p->ncap = ncap;
    }
    size_t j = mix64(key) & (p->cap - 1);
    while (p->keys[j] && p->keys[j] != key)
        j = (j + 1) & (p->cap - 1);
    if (!p->keys[j]) {
        p->keys[j] = key;
        p->heads[j] = -1;
        p->used++;
    }
    p->vals[p->n] = val;
    p->next[p->n] = p->heads[j];
    p->heads[j] = (int32_t)p->n++;
    return RC_OK;
}

int32_t rc_post_first(const rc_post *p, uint64_t key)
{
    if (!key)
        key = 1;
    if (!p->cap)
        return -1;
    size_t j = mix64(key) & (p->cap - 1);
    while (p->keys[j]) {
        if (p->keys[j] == key)
            return p->heads[j];
        j = (j + 1) & (p->cap - 1);
    }
    return -1;
}

void rc_post_clear(rc_post *p)
{
    if (p->keys)
        memset(p->keys, 0, p->cap * sizeof *p->keys);
    p->used = 0;
    p->n = 0;
}

void rc_post_free(rc_post *p)
{
    free(p->keys);
    free(p->heads);
    free(p->vals);
    free(p->next);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ fingerprints */

const char *rc_copy_kind_name(int kind)
{
    switch (kind) {
    case RC_COPY_DUPLICATE: return "duplicate";
    case RC_COPY_NEAR: return "near_duplicate";
    case RC_COPY_TRANSLATION: return "translation";
    case RC_COPY_REWRITE: return "rewrite";
    default: return "none";
    }
}

/* Seeds: one per kind of feature, so that they share the df sketch. */
enum {
    SEED_WORD = 11, SEED_SH5 = 12, SEED_BIG = 13, SEED_ANC = 14, SEED_NUM = 15, SEED_ENT = 16,
    SEED_LSH = 17,
};

#define MAX_BIG 1024
#define MAX_ANC 128
#define WINDOW_PROBE 256     /* postings walked per key at most */
#define VERIFY 24            /* candidates verified per document */

typedef struct entry {
    int64_t seq, t, root;
    int alive;
    rc_dd_feat f;            /* big and anc malloc'd */
} entry;

struct rc_dedup {
    rc_cms df;
    entry *ent;
    size_t n, cap, dead;
    rc_post lsh, big, anc, byseq;
    uint64_t mh_a[RC_MH_K], mh_b[RC_MH_K];
    /* query scratch: slot -> evidence */
    uint32_t *cand_slot;
    float *cand_ev;
    size_t cand_cap;
};

rc_dedup *rc_dedup_new(void)
{
    rc_dedup *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    if (rc_cms_init(&d->df, 20)) {
        free(d);
        return NULL;
    }
    uint64_t x = 0x2545F4914F6CDD1DULL;
    for (int k = 0; k < RC_MH_K; k++) {
        x = mix64(x + 0x9E3779B97F4A7C15ULL);
        d->mh_a[k] = x | 1;
        x = mix64(x + 0x9E3779B97F4A7C15ULL);
        d->mh_b[k] = x;
    }
    return d;
}

static void entry_free(entry *e)
{
    free(e->f.big);
    free(e->f.anc);
    e->f.big = NULL;
    e->f.anc = NULL;
}

void rc_dedup_free(rc_dedup *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        entry_free(&d->ent[i]);
    free(d->ent);
    rc_cms_free(&d->df);
    rc_post_free(&d->lsh);
    rc_post_free(&d->big);
    rc_post_free(&d->anc);
    rc_post_free(&d->byseq);
    free(d->cand_slot);
    free(d->cand_ev);
    free(d);
}

rc_cms *rc_dedup_df(rc_dedup *d)
{
    return &d->df;
}

size_t rc_dedup_size(const rc_dedup *d)
{
    return d->n - d->dead;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int is_upper_latin(const char *w, size_t n)
{
    unsigned char c = (unsigned char)w[0];
    if (c >= 'A' && c <= 'Z')
        return 1;
    /* U+00C0..U+00DE (not U+00D7) */
    return n >= 2 && c == 0xC3 && (unsigned char)w[1] >= 0x80 && (unsigned char)w[1] <= 0x9E &&
           (unsigned char)w[1] != 0x97;
}

static int all_caps_ascii(const char *w, size_t n)
{
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9')))
            return 0;
    return 1;
}

/* Boilerplate cut-off for shingles and bigrams. */
static uint32_t common_df(const rc_dedup *d)
{
    uint64_t c = d->df.n / 200;
    return c > 20 ? (uint32_t)c : 20;
}

static int add_anchor(rc_anchor *anc, uint32_t *n, uint64_t h, uint32_t off, uint32_t len)
{
    uint32_t h32 = (uint32_t)(h >> 32);
    for (uint32_t i = 0; i < *n; i++)
        if (anc[i].h == h32)
            return 0;
    if (*n >= MAX_ANC)
        return 0;
    anc[*n].h = h32;
    anc[*n].pos = (uint16_t)(len ? (uint64_t)off * 1000 / len : 0);
    (*n)++;
    return 1;
}

int rc_dedup_features(rc_dedup *d, rc_str text, const rc_token *toks, size_t n_toks,
                      rc_lang lang, const rc_mention *mentions, size_t n_mentions,
                      int count, rc_arena *a, rc_dd_feat *out)
{
    memset(out, 0, sizeof *out);
    out->lang = lang;
    out->nbytes = (uint32_t)text.len;
    for (int k = 0; k < RC_MH_K; k++)
        out->mh[k] = UINT32_MAX;
    uint64_t *w = rc_arena_alloc(a, (n_toks + 1) * sizeof *w);
    uint32_t *big = rc_arena_alloc(a, MAX_BIG * sizeof *big);
    rc_anchor *anc = rc_arena_alloc(a, MAX_ANC * sizeof *anc);
    if (!w || !big || !anc)
        return RC_ENOMEM;
    size_t nw = 0;
    uint32_t nbig = 0, nanc = 0;
    int sent_start = 1;
    char buf[256];
    for (size_t i = 0; i < n_toks; i++) {
        const char *p = text.ptr + toks[i].start;
        size_t n = toks[i].end - toks[i].start;
        if (toks[i].kind == RC_TOK_PUNCT) {
            if (n == 1 && (*p == '.' || *p == '!' || *p == '?' || *p == ':'))
                sent_start = 1;
            else if (n == 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
                     (unsigned char)p[2] == 0x82)   /* 。 */
                sent_start = 1;
            continue;
        }
        if (toks[i].kind == RC_TOK_NUM) {
            size_t k = 0;
            for (size_t j = 0; j < n && k < 12; j++)
                if (p[j] >= '0' && p[j] <= '9' && !(k == 0 && p[j] == '0'))
                    buf[k++] = p[j];
            if (k == 0)
                buf[k++] = '0';
            uint64_t h = rc_hash(buf, k, SEED_NUM);
            w[nw++] = h;
            add_anchor(anc, &nanc, h, toks[i].start, (uint32_t)text.len);
            sent_start = 0;
            continue;
        }
        size_t k = rc_fold_word(p, n, buf, sizeof buf);
        if (!k)
            continue;
        uint64_t h = rc_hash(buf, k, SEED_WORD);
        w[nw++] = h;
        if (is_upper_latin(p, n) && n >= 2 && (!sent_start || all_caps_ascii(p, n)))
            add_anchor(anc, &nanc, rc_hash(buf, k, SEED_ANC), toks[i].start, (uint32_t)text.len);
        sent_start = 0;
    }
    for (size_t i = 0; i < n_mentions; i++)
        if (!rc_str_empty(mentions[i].key))
            add_anchor(anc, &nanc, rc_hash(mentions[i].key.ptr, mentions[i].key.len, SEED_ENT),
                       mentions[i].start, (uint32_t)text.len);

    uint32_t common = common_df(d);
    /* MinHash over 5-word shingles. */
    for (size_t i = 0; i + 5 <= nw; i++) {
        uint64_t h = rc_hash(w + i, 5 * sizeof *w, SEED_SH5);
        if (count)
            rc_cms_add(&d->df, h);
        if (rc_cms_get(&d->df, h) > common)
            continue;
        out->nshingles++;
        for (int k = 0; k < RC_MH_K; k++) {
            uint32_t v = (uint32_t)((h * d->mh_a[k] + d->mh_b[k]) >> 32);
            if (v < out->mh[k])
                out->mh[k] = v;
        }
    }
    /* Sampled bigrams. */
    for (size_t i = 0; i + 2 <= nw && nbig < MAX_BIG; i++) {
        uint64_t h = rc_hash(w + i, 2 * sizeof *w, SEED_BIG);
        if (h & 1)
            continue;
        big[nbig++] = (uint32_t)(h >> 32);
    }
    qsort(big, nbig, sizeof *big, cmp_u32);
    uint32_t u = 0;
    for (uint32_t i = 0; i < nbig; i++)
        if (u == 0 || big[u - 1] != big[i])
            big[u++] = big[i];
    nbig = u;
    if (count) {
        for (uint32_t i = 0; i < nbig; i++)
            rc_cms_add(&d->df, (uint64_t)big[i] * 0x9E3779B97F4A7C15ULL + SEED_BIG);
        for (uint32_t i = 0; i < nanc; i++)
            rc_cms_add(&d->df, (uint64_t)anc[i].h * 0x9E3779B97F4A7C15ULL + SEED_ANC);
        d->df.n++;
    }
    out->big = big;
    out->nbig = nbig;
    out->anc = anc;
    out->nanc = nanc;
    return RC_OK;
}

/* ------------------------------------------------------------------ comparison */

static double anchor_idf(const rc_dedup *d, uint32_t h)
{
    uint32_t df = rc_cms_get(&d->df, (uint64_t)h * 0x9E3779B97F4A7C15ULL + SEED_ANC);
    double v = log(((double)d->df.n + 2.0) / ((double)df + 1.0));
    return v < 0.5 ? 0.5 : v;
}

static uint32_t big_df(const rc_dedup *d, uint32_t h)
{
    return rc_cms_get(&d->df, (uint64_t)h * 0x9E3779B97F4A7C15ULL + SEED_BIG);
}

static uint32_t intersect(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            n++;
            i++;
            j++;
        }
    }
    return n;
}

int rc_dedup_compare(const rc_dedup *d, const rc_dd_feat *a, const rc_dd_feat *b, double *score)
{
    *score = 0;
    /* 1. Near duplicates: estimated Jaccard of the shingle sets. */
    if (a->nshingles >= 3 && b->nshingles >= 3) {
        int eq = 0;
        for (int k = 0; k < RC_MH_K; k++)
            eq += a->mh[k] == b->mh[k];
        double j = (double)eq / RC_MH_K;
        if (j >= 0.8) {
            *score = j;
            return RC_COPY_NEAR;
        }
    }
    /* 2. Containment of the smaller bigram sample in the larger. */
    uint32_t small = a->nbig < b->nbig ? a->nbig : b->nbig;
    int same_lang = a->lang == b->lang && a->lang != RC_LANG_UND;
    double c = 0;
    if (small >= 8) {
        c = (double)intersect(a->big, a->nbig, b->big, b->nbig) / small;
        if (c >= 0.85) {
            *score = c;
            return RC_COPY_NEAR;
        }
    }
    /* 3. Anchors found at about the same place in both texts. */
    double wa = 0, wb = 0, wal = 0;
    int nal = 0;
    for (uint32_t i = 0; i < a->nanc; i++)
        wa += anchor_idf(d, a->anc[i].h);
    for (uint32_t j = 0; j < b->nanc; j++) {
        double w = anchor_idf(d, b->anc[j].h);
        wb += w;
        for (uint32_t i = 0; i < a->nanc; i++)
            if (a->anc[i].h == b->anc[j].h) {
                int dp = (int)a->anc[i].pos - (int)b->anc[j].pos;
                if (dp < 0)
                    dp = -dp;
                if (dp <= 120) {
                    wal += w;
                    nal++;
                }
                break;
            }
    }
    double mw = wa < wb ? wa : wb;
    double acont = mw > 0 ? wal / mw : 0;
    if (same_lang) {
        if (small >= 8 && c >= 0.3 && (c >= 0.5 || acont >= 0.3)) {
            *score = c;
            return RC_COPY_REWRITE;
        }
        return RC_COPY_NONE;
    }
    uint32_t lmin = a->nbytes < b->nbytes ? a->nbytes : b->nbytes;
    uint32_t lmax = a->nbytes < b->nbytes ? b->nbytes : a->nbytes;
    if (lmax == 0 || (double)lmin / lmax < 0.4)
        return RC_COPY_NONE;
    if (acont >= 0.45 && (nal >= 3 || (nal >= 2 && wal >= 5.0))) {
        *score = acont > 1 ? 1 : acont;
        return RC_COPY_TRANSLATION;
    }
    return RC_COPY_NONE;
}

/* ------------------------------------------------------------------ window */

static uint64_t lsh_key(const rc_dd_feat *f, int band)
{
    const int rows = RC_MH_K / RC_MH_BANDS;
    return rc_hash(f->mh + band * rows, rows * sizeof f->mh[0], SEED_LSH + (uint64_t)band);
}

static int index_entry(rc_dedup *d, uint32_t slot)
{
    entry *e = &d->ent[slot];
    int rc = rc_post_add(&d->byseq, (uint64_t)e->seq + 1, slot);
    if (e->f.nshingles >= 3)
        for (int b = 0; b < RC_MH_BANDS && !rc; b++)
            rc = rc_post_add(&d->lsh, lsh_key(&e->f, b), slot);
    uint32_t rare_big = 100;
    for (uint32_t i = 0; i < e->f.nbig && !rc; i++)
        if (big_df(d, e->f.big[i]) <= rare_big)
            rc = rc_post_add(&d->big, e->f.big[i] + 1, slot);
    for (uint32_t i = 0; i < e->f.nanc && !rc; i++)
        rc = rc_post_add(&d->anc, e->f.anc[i].h + 1, slot);
    return rc;
}

int rc_dedup_add(rc_dedup *d, int64_t seq, int64_t t, int64_t root, const rc_dd_feat *f)
{
    if (d->n == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 1024;
        entry *ne = realloc(d->ent, ncap * sizeof *ne);
        if (!ne)
            return RC_ENOMEM;
        d->ent = ne;
        d->cap = ncap;
    }
    entry *e = &d->ent[d->n];
    memset(e, 0, sizeof *e);
    e->seq = seq;
    e->t = t;
    e->root = root;
    e->alive = 1;
    e->f = *f;
    e->f.big = NULL;
    e->f.anc = NULL;
    if (f->nbig && !(e->f.big = malloc(f->nbig * sizeof *f->big)))
        return RC_ENOMEM;
    if (f->nanc && !(e->f.anc = malloc(f->nanc * sizeof *f->anc))) {
        free(e->f.big);
        return RC_ENOMEM;
    }
    if (f->nbig)
        memcpy(e->f.big, f->big, f->nbig * sizeof *f->big);
    if (f->nanc)
        memcpy(e->f.anc, f->anc, f->nanc * sizeof *f->anc);
    d->n++;
    return index_entry(d, (uint32_t)(d->n - 1));
}

static entry *find_seq(const rc_dedup *d, int64_t seq)
{
    for (int32_t i = rc_post_first(&d->byseq, (uint64_t)seq + 1); i >= 0; i = d->byseq.next[i]) {
        entry *e = &d->ent[d->byseq.vals[i]];
        if (e->seq == seq && e->alive)
            return e;
    }
    return NULL;
}

int64_t rc_dedup_root(const rc_dedup *d, int64_t seq)
{
    entry *e = find_seq(d, seq);
    return e ? e->root : seq;
}

void rc_dedup_reroot(rc_dedup *d, int64_t old_root, int64_t new_root)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->ent[i].root == old_root)
            d->ent[i].root = new_root;
}

void rc_dedup_forget(rc_dedup *d, int64_t seq)
{
    entry *e = find_seq(d, seq);
    if (e) {
        e->alive = 0;
        d->dead++;
    }
}

int rc_dedup_expire(rc_dedup *d, int64_t tmin)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->ent[i].alive && d->ent[i].t < tmin) {
            d->ent[i].alive = 0;
            d->dead++;
        }
    if (d->dead * 4 < d->n || d->n < 1024)
        return RC_OK;
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->ent[i].alive)
            d->ent[k++] = d->ent[i];
        else
            entry_free(&d->ent[i]);
    }
    d->n = k;
    d->dead = 0;
    rc_post_clear(&d->lsh);
    rc_post_clear(&d->big);
    rc_post_clear(&d->anc);
    rc_post_clear(&d->byseq);
    for (size_t i = 0; i < d->n; i++) {
        int rc = index_entry(d, (uint32_t)i);
        if (rc)
            return rc;
    }
    return RC_OK;
}

/* Candidate evidence, accumulated in a small open-addressing table. */
typedef struct cands {
    uint32_t *slot;
    float *ev;
    size_t cap;
} cands;

static void cand_add(cands *c, uint32_t slot, float ev)
{
    size_t j = (slot * 2654435761u) & (c->cap - 1);
    for (size_t probe = 0; probe < c->cap; probe++) {
        if (c->slot[j] == UINT32_MAX) {
            c->slot[j] = slot;
            c->ev[j] = ev;
            return;
        }
        if (c->slot[j] == slot) {
            c->ev[j] += ev;
            return;
        }
        j = (j + 1) & (c->cap - 1);
    }
}

static void walk(const rc_dedup *d, const rc_post *p, uint64_t key, float ev, cands *c)
{
    int n = 0;
    for (int32_t i = rc_post_first(p, key); i >= 0 && n < WINDOW_PROBE; i = p->next[i], n++)
        if (d->ent[p->vals[i]].alive)
            cand_add(c, p->vals[i], ev);
}

int rc_dedup_match(rc_dedup *d, const rc_dd_feat *f, int64_t *seq, int *kind, double *score)
{
    *seq = 0;
    *kind = RC_COPY_NONE;
    *score = 0;
    if (d->n == d->dead)
        return RC_OK;
    /* Enough room for every key's probes without filling the table. */
    size_t need = 1024;
    size_t keys = RC_MH_BANDS + f->nbig + f->nanc;
    while (need < keys * 8 && need < ((size_t)1 << 16))
        need *= 2;
    if (d->cand_cap < need) {
        free(d->cand_slot);
        free(d->cand_ev);
        d->cand_slot = malloc(need * sizeof *d->cand_slot);
        d->cand_ev = malloc(need * sizeof *d->cand_ev);
        if (!d->cand_slot || !d->cand_ev) {
            d->cand_cap = 0;
            return RC_ENOMEM;
        }
        d->cand_cap = need;
    }
    cands c = {d->cand_slot, d->cand_ev, d->cand_cap};
    memset(c.slot, 0xff, c.cap * sizeof *c.slot);
    if (f->nshingles >= 3)
        for (int b = 0; b < RC_MH_BANDS; b++)
            walk(d, &d->lsh, lsh_key(f, b), 4.0f, &c);
    for (uint32_t i = 0; i < f->nbig; i++)
        if (big_df(d, f->big[i]) <= 100)
            walk(d, &d->big, f->big[i] + 1, 1.0f, &c);
    for (uint32_t i = 0; i < f->nanc; i++) {
        double w = anchor_idf(d, f->anc[i].h);
        if (w >= 2.0)
            walk(d, &d->anc, f->anc[i].h + 1, (float)(w / 4), &c);
    }
    /* The VERIFY best by evidence. */
    uint32_t top[VERIFY];
    float topev[VERIFY];
    int ntop = 0;
    for (size_t j = 0; j < c.cap; j++) {
        if (c.slot[j] == UINT32_MAX || c.ev[j] < 1.0f)
            continue;
        int k;
        if (ntop < VERIFY) {
            k = ntop++;
        } else {
            if (topev[VERIFY - 1] >= c.ev[j])
                continue;
            k = VERIFY - 1;
        }
        while (k > 0 && topev[k - 1] < c.ev[j]) {
            top[k] = top[k - 1];
            topev[k] = topev[k - 1];
            k--;
        }
        top[k] = c.slot[j];
        topev[k] = c.ev[j];
    }
    /* Prefer the strongest kind of copy, then the score, then the earliest. */
    static const int rank[] = {0, 4, 3, 1, 2};
    for (int i = 0; i < ntop; i++) {
        const entry *e = &d->ent[top[i]];
        double s;
        if (f->text_hash && e->f.text_hash == f->text_hash)
            continue;
        int k = rc_dedup_compare(d, f, &e->f, &s);
        if (k == RC_COPY_NONE)
            continue;
        if (*kind == RC_COPY_NONE || rank[k] > rank[*kind] ||
            (rank[k] == rank[*kind] && (s > *score || (s == *score && e->seq < *seq)))) {
            *kind = k;
            *score = s;
            *seq = e->seq;
        }
    }
    return RC_OK;
}
