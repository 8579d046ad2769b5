/*
 * textsig.c -- content signatures of short texts (see textsig.h).
 *
 * Algorithm: tokens from segment.c's tokenizer; each number, each folded
 * content word cut to a prefix, and the name key of each capitalised word
 * are hashed (xxhash through rc_hash); the arrays are sorted and made
 * distinct, so that two signatures are compared by a merge in linear time.
 * Why: "the same thing said twice" across outlets and languages shows in
 * shared names and numbers (anchors) and, within a language, in shared
 * content words; prefixes are a stemmer good enough for both French and
 * English without a stemmer per language.
 */
#include "textsig.h"
#include "data.h"
#include "dedup.h"
#include "names.h"
#include "segment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SEED_WORD = 71, SEED_ANCHOR = 72 };

static struct {
    uint64_t *h;     /* sorted hashes of the folded stop words */
    size_t n;
    int err;
} stop;

static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void stop_load(void)
{
    rc_str f = rc_data_get("stories-stopwords.txt");
    size_t pos = 0, n = 0, cap = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 512;
            uint64_t *h = realloc(stop.h, cap * sizeof *h);
            if (!h) {
                stop.err = RC_ENOMEM;
                return;
            }
            stop.h = h;
        }
        stop.h[n++] = rc_hash(line.ptr, line.len, SEED_WORD);
    }
    if (n)
        qsort(stop.h, n, sizeof *stop.h, cmp_u64);
    stop.n = n;
}

int rc_sig_init(void)
{
    pthread_once(&stop_once, stop_load);
    return stop.err;
}

static int is_stop(uint64_t h)
{
    return stop.n && bsearch(&h, stop.h, stop.n, sizeof *stop.h, cmp_u64) != NULL;
}

int rc_sig_is_stop(const char *w, size_t n)
{
    return is_stop(rc_hash(w, n, SEED_WORD));
}

int rc_sig_capitalised(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (n >= 2 && c == 0xC3)   /* À..Þ */
        return (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E;
    if (n >= 2 && (c == 0xC4 || c == 0xC5))   /* Latin Extended-A capitals */
        return ((unsigned char)s[1] & 1) == 0;
    return 0;
}

static uint32_t uniq(uint64_t *a, uint32_t n)
{
    if (n == 0)
        return 0;
    qsort(a, n, sizeof *a, cmp_u64);
    uint32_t k = 1;
    for (uint32_t i = 1; i < n; i++)
        if (a[i] != a[k - 1])
            a[k++] = a[i];
    return k;
}

/* The folded word without a French elision (l', d', qu'...) or an English
 * possessive 's. */
static size_t strip_elision(char **w, size_t n)
{
    char *p = *w;
    for (size_t i = 0; i < n; i++) {
        size_t al = p[i] == '\'' ? 1 : (i + 2 < n && (unsigned char)p[i] == 0xE2 &&
                                         (unsigned char)p[i + 1] == 0x80 &&
                                         (unsigned char)p[i + 2] == 0x99) ? 3 : 0;
        if (!al)
            continue;
        if (i >= 1 && i <= 2 && i + al < n) {        /* l'eau, qu'il */
            *w = p + i + al;
            return n - i - al;
        }
        if (i + al + 1 == n && p[n - 1] == 's')      /* Ukraine's */
            return i;
    }
    return n;
}

int rc_sig_make(rc_arena *a, rc_str text, uint32_t skip_start, uint32_t skip_end, rc_sig *out)
{
    memset(out, 0, sizeof *out);
    rc_token *toks;
    size_t nt;
    int rc = rc_tokenize(a, text, &toks, &nt);
    if (rc || nt == 0)
        return rc;
    out->w = rc_arena_alloc(a, nt * sizeof *out->w);
    out->an = rc_arena_alloc(a, nt * sizeof *out->an);
    if (!out->w || !out->an)
        return RC_ENOMEM;
    for (size_t i = 0; i < nt; i++) {
        const rc_token *t = &toks[i];
        const char *s = text.ptr + t->start;
        size_t n = t->end - t->start;
        if (skip_end > skip_start && t->end > skip_start && t->start < skip_end)
            continue;
        if (t->kind == RC_TOK_NUM) {
            char num[64];
            size_t k = 0;
            for (size_t j = 0; j < n && k < sizeof num; j++)
                if ((s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.')
                    num[k++] = s[j] == ',' ? '.' : s[j];   /* 1,5 (fr) = 1.5 (en) */
            out->an[out->na++] = rc_hash(num, k, SEED_ANCHOR);
            out->w[out->nw++] = rc_hash(num, k, SEED_WORD);
            continue;
        }
        if (t->kind != RC_TOK_WORD)
            continue;
        char buf[256];
        size_t k = rc_fold_word(s, n, buf, sizeof buf);
        char *f = buf;
        k = strip_elision(&f, k);
        if (k < 2 || is_stop(rc_hash(f, k, SEED_WORD)))
            continue;
        size_t cut = k < RC_SIG_PREFIX ? k : RC_SIG_PREFIX;
        while (cut < k && cut > 0 && ((unsigned char)f[cut] & 0xC0) == 0x80)
            cut--;   /* whole characters only */
        out->w[out->nw++] = rc_hash(f, cut, SEED_WORD);
        if (rc_sig_capitalised(s, n)) {
            rc_str key;
            if ((rc = rc_name_key(a, (rc_str){f, k}, 0, &key)))
                return rc;
            if (key.len)
                out->an[out->na++] = rc_hash(key.ptr, key.len, SEED_ANCHOR);
        }
    }
    out->nw = uniq(out->w, out->nw);
    out->na = uniq(out->an, out->na);
    return 0;
}

uint32_t rc_sig_common(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            c++;
            i++;
            j++;
        }
    }
    return c;
}
