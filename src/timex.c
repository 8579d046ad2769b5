/*
 * timex.c -- temporal expressions (TIMEX3) in French and English news.
 *
 * What: finds dates, times, durations and sets in running text and gives
 * each a TimeML value resolved against the publication date: "hier" ->
 * 2022-11-13, "la semaine dernière" -> 2022-W45, "trois ans" -> P3Y,
 * "chaque lundi" -> XXXX-WXX-1, "actuellement" -> PRESENT_REF.
 *
 * Algorithm: one pass over the text, in chunks of at most CHUNK bytes (cut
 * at a line or sentence end, so memory stays bounded on any input).
 *   1. A small tokenizer cuts the chunk into digit runs (with inner "." or
 *      "," between digits), words (letters with inner apostrophes and
 *      hyphens) and single punctuation characters.  Each word is folded
 *      (lower case, accents removed, ’ -> ') and looked up once in a hash
 *      table built from data/timex-fr.txt or data/timex-en.txt; a word not
 *      found is split at an elided article ("l'an" -> "l'" "an") or at its
 *      hyphens ("mi-juin", "two-year"), and hyphenated number words are
 *      summed ("vingt-quatre" -> 24); English years in words ("nineteen
 *      ninety-six") are merged into one number token.
 *   2. Only tokens that can start an expression (digits, lexicon words
 *      with a role other than context cue: "in", "will", "ago" start
 *      nothing) are tried, so ordinary words cost one hash probe.  At such
 *      a token a set of hand-written matchers (small grammars over token
 *      categories: day-month-year, weekday, deictic "ce/dernier/prochain",
 *      quarters, durations, clock times, sets, references, holidays) each
 *      propose an extent; the longest wins, and scanning resumes after it,
 *      so results never overlap.  Only the winner may update the context
 *      below (a rejected reading leaves no year behind).
 *   3. The value is computed with calendar arithmetic on day numbers.
 *      Anchors: the publication date (`published`) for deictic words, the
 *      last day-level date mentioned for clock times and "le lendemain"
 *      (TimeBank practice: "22 h" after "dimanche" is that Sunday), the
 *      last quarter mentioned for "the quarter", "the year-ago period",
 *      "the 1988 quarter"; "a year earlier" takes the quarter or the year
 *      the sentence compares ("quarterly profit ... a year earlier" ->
 *      1988-Q3, "for the nine months ... a year earlier" -> 1988); the
 *      narrative time -- the year (and month) of the last date written in
 *      full -- for "the following year", "that year", "l'année suivante",
 *      "cette année-là" and "four years later" (without any anchor "four
 *      years later" is a duration, never the publication date plus four
 *      years).  A day or month without a year takes the year of a full
 *      date in its sentence ("on Oct. 23, 1998 ... and on Oct. 25"), but
 *      not of a year written alone ("in 1987 ... through Sept. 29"), nor a
 *      past year when its clause is in the future.  Sentences end at . ! ?
 *      ; except after an abbreviation of segment.c's list or an initial,
 *      or before a lower-case word or a digit.
 *      Weekdays and months without a year follow the tense of their
 *      clause: cue words (future/conditional endings "-ra", "-ront",
 *      "va", "will", "would", "planned", "expected" ... against "hier",
 *      "a", "was", "said", "-ed" ...) in the sentence around the
 *      expression; the nearest cue decides.  A weekday in the past is the
 *      last such day (the publication day included), in the future the
 *      next one (also included); no cue means past (reported news).  A
 *      month falls in a window around the publication month: [-7, +4]
 *      months without a cue, [-1, +10] in the future, [-9, +2] in the past
 *      ([-11, 0] when an English cue is next to it: "dropped in
 *      December"); a deadline ("extended to Nov. 16") is not past.
 *      Movable holidays are computed (Easter and its feasts, the Nth
 *      weekday of a month: Thanksgiving, Labor Day, Election Day).
 *
 * Without a publication date no clock is read (results must not depend on
 * when the program runs): the largest explicit year of the text (1900-2100)
 * is the evidence.  "lundi 14 novembre" takes the latest year not after it
 * whose 14 November is a Monday; other relative expressions ("hier",
 * "lundi", "le 30 juin", "l'an dernier") get an underspecified value
 * (XXXX-XX-XX, XXXX-06-30, XXXX) rather than a guess.
 *
 * Why this way: the expressions are short and their grammar is small; a
 * token grammar with a lexicon in data files is fast (no regex engine),
 * easy to extend for both languages, and each rule can be reviewed.
 */
#include "timex.h"
#include "calendar.h"
#include "data.h"
#include "segment.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ lexicon */

enum lexcat {
    C_NONE = 0,
    C_MONTH, C_WDAY, C_WDAYS, C_NUM, C_ORD, C_ORDSUF, C_UNIT, C_DURW,
    C_HMARK, C_CLOCK, C_DAYREL, C_DAYCUR, C_PART, C_PARTREL, C_SEASON,
    C_THIS, C_LAST, C_NEXT, C_DET, C_POS, C_REF, C_AGOPRE, C_AGO, C_INPRE,
    C_EARLIER, C_LATER, C_APPROX, C_FEW, C_ABOUT, C_TZ, C_EVERY, C_SETW,
    C_SETPER, C_DECADE, C_CENTURY, C_HOLIDAY, C_YEARW, C_YPREP, C_FUT,
    C_PAST, C_YAGO, C_NCAT_
};

static const char *const cat_names[C_NCAT_] = {
    "", "MONTH", "WDAY", "WDAYS", "NUM", "ORD", "ORDSUF", "UNIT", "DURW",
    "HMARK", "CLOCK", "DAYREL", "DAYCUR", "PART", "PARTREL", "SEASON",
    "THIS", "LAST", "NEXT", "DET", "POS", "REF", "AGOPRE", "AGO", "INPRE",
    "EARLIER", "LATER", "APPROX", "FEW", "ABOUT", "TZ", "EVERY", "SETW",
    "SETPER", "DECADE", "CENTURY", "HOLIDAY", "YEARW", "YPREP", "FUT",
    "PAST", "YAGO",
};

/* units (UNIT values) */
enum { U_Y = 1, U_M, U_W, U_D, U_H, U_MIN, U_S, U_DEC, U_CENT, U_Q, U_HALF, U_WE };

#define MAXCAT 5
#define MAXPW 6
#define LEX_SLOTS 2048          /* power of two, > 2 * entries */
#define LEX_MAX 900
#define PHR_MAX 300
#define POOL_MAX 24000

typedef struct lexent {
    uint32_t key;               /* folded word: offset in lex_pool */
    uint16_t klen;
    uint8_t n;                  /* categories of the word alone */
    uint8_t cat[MAXCAT];
    int16_t val[MAXCAT];
    int32_t phr;                /* first phrase starting with the word, -1 */
    uint64_t pcats;             /* bit c: a phrase of category c starts here */
    uint64_t cats;              /* pcats and the word's own categories */
    uint8_t start;              /* can begin an expression (see ctx_only) */
} lexent;

typedef struct phrase {
    uint8_t nw, cat;
    int16_t val;
    uint32_t w[MAXPW];          /* words 2..nw, folded, in lex_pool */
    uint16_t wl[MAXPW];
    int32_t next;
} phrase;

typedef struct lexicon {
    lexent ent[LEX_MAX];
    int n;
    int16_t slot[LEX_SLOTS];    /* index + 1, 0 = empty */
    phrase phr[PHR_MAX];
    int nphr;
} lexicon;

static char lex_pool[POOL_MAX];
static size_t lex_pool_len;
static lexicon lex_fr, lex_en;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Fold a UTF-8 word: ASCII lower case, Latin-1 letters without accents,
 * œ -> oe, ’ ‘ -> '.  Never longer than the input; returns the length
 * written (at most cap). */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
    /* base letters of U+00C0..U+00DF (and +0x20 for lower case) */
    static const char lat[33] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts";
    size_t o = 0;
    for (size_t i = 0; i < n && o < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (c == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            unsigned char d = (unsigned char)s[i + 1];
            int idx = d & 0x1F;
            if (idx == 23) {                       /* × ÷ */
                out[o++] = (char)c;
                if (o < cap)
                    out[o++] = (char)d;
            } else {
                out[o++] = lat[idx];
            }
            i++;
        } else if (c == 0xC5 && i + 1 < n && ((unsigned char)s[i + 1] == 0x92 ||
                                             (unsigned char)s[i + 1] == 0x93)) {
            out[o++] = 'o';
            if (o < cap)
                out[o++] = 'e';
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    return o;
}

static int lex_find(const lexicon *L, const char *w, size_t n)
{
    if (n == 0 || n > 60)
        return -1;
    uint32_t h = hash_bytes(w, n) & (LEX_SLOTS - 1);
    for (;;) {
        int s = L->slot[h];
        if (s == 0)
            return -1;
        const lexent *e = &L->ent[s - 1];
        if (e->klen == n && memcmp(lex_pool + e->key, w, n) == 0)
            return s - 1;
        h = (h + 1) & (LEX_SLOTS - 1);
    }
}

static uint32_t pool_add(const char *s, size_t n)
{
    if (lex_pool_len + n + 1 > POOL_MAX)
        return UINT32_MAX;
    uint32_t off = (uint32_t)lex_pool_len;
    memcpy(lex_pool + off, s, n);
    lex_pool[off + n] = 0;
    lex_pool_len += n + 1;
    return off;
}

static int lex_get(lexicon *L, const char *w, size_t n)
{
    int k = lex_find(L, w, n);
    if (k >= 0)
        return k;
    if (L->n >= LEX_MAX || n == 0 || n > 60)
        return -1;
    uint32_t off = pool_add(w, n);
    if (off == UINT32_MAX)
        return -1;
    lexent *e = &L->ent[L->n];
    memset(e, 0, sizeof *e);
    e->key = off;
    e->klen = (uint16_t)n;
    e->phr = -1;
    uint32_t h = hash_bytes(w, n) & (LEX_SLOTS - 1);
    while (L->slot[h])
        h = (h + 1) & (LEX_SLOTS - 1);
    L->slot[h] = (int16_t)(L->n + 1);
    return L->n++;
}

static int parse_int(const char *s)
{
    int neg = 0, v = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
    return neg ? -v : v;
}

static void lex_load(lexicon *L, const char *file)
{
    rc_str f = rc_data_get(file);
    size_t pos = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line)) {
        /* split into fields */
        const char *p = line.ptr, *end = line.ptr + line.len;
        rc_str fld[MAXPW + 2];
        int nf = 0;
        while (p < end && nf < MAXPW + 2) {
            while (p < end && (*p == ' ' || *p == '\t'))
                p++;
            const char *s = p;
            while (p < end && *p != ' ' && *p != '\t')
                p++;
            if (p > s)
                fld[nf++] = (rc_str){s, (size_t)(p - s)};
        }
        if (nf < 3)
            continue;
        int cat = 0;
        for (int c = 1; c < C_NCAT_; c++)
            if (strlen(cat_names[c]) == fld[0].len &&
                memcmp(cat_names[c], fld[0].ptr, fld[0].len) == 0)
                cat = c;
        if (!cat)
            continue;
        char num[16];
        size_t nl = fld[1].len < 15 ? fld[1].len : 15;
        memcpy(num, fld[1].ptr, nl);
        num[nl] = 0;
        int val = parse_int(num);
        char fw[64];
        size_t fl = fold(fld[2].ptr, fld[2].len, fw, sizeof fw);
        int k = lex_get(L, fw, fl);
        if (k < 0)
            continue;
        lexent *e = &L->ent[k];
        if (nf == 3) {
            if (e->n < MAXCAT) {
                e->cat[e->n] = (uint8_t)cat;
                e->val[e->n] = (int16_t)val;
                e->n++;
            }
            continue;
        }
        if (L->nphr >= PHR_MAX)
            continue;
        phrase *ph = &L->phr[L->nphr];
        memset(ph, 0, sizeof *ph);
        ph->nw = (uint8_t)(nf - 2);
        ph->cat = (uint8_t)cat;
        ph->val = (int16_t)val;
        int ok = 1;
        for (int w = 3; w < nf; w++) {
            size_t l = fold(fld[w].ptr, fld[w].len, fw, sizeof fw);
            uint32_t off = pool_add(fw, l);
            if (off == UINT32_MAX)
                ok = 0;
            ph->w[w - 3] = off;
            ph->wl[w - 3] = (uint16_t)l;
        }
        if (!ok)
            continue;
        ph->next = e->phr;
        e->phr = L->nphr++;
        e->pcats |= 1ull << cat;
    }
}

/* Categories that only qualify a neighbour or the clause ("in", "will",
 * "ago", "th", "EST"): a word that has no other role starts no expression,
 * so the matchers are not tried there ("the", "of", "to" are frequent). */
static const uint64_t ctx_only = 1ull << C_YPREP | 1ull << C_FUT | 1ull << C_PAST | 1ull << C_AGO |
                                 1ull << C_ORDSUF | 1ull << C_TZ;

static void lex_starts(lexicon *L)
{
    for (int k = 0; k < L->n; k++) {
        lexent *e = &L->ent[k];
        uint64_t cats = e->pcats;
        for (int j = 0; j < e->n; j++)
            cats |= 1ull << e->cat[j];
        e->cats = cats;
        e->start = (cats & ~ctx_only) != 0;
    }
}

static void lex_init(void)
{
    lex_load(&lex_fr, "timex-fr.txt");
    lex_load(&lex_en, "timex-en.txt");
    lex_starts(&lex_fr);
    lex_starts(&lex_en);
}

/* ------------------------------------------------------------ calendar */

/* Day numbers, month lengths, ISO weekdays and weeks: calendar.h. */

/* ------------------------------------------------------------ tokens */

enum { K_END = 0, K_WORD, K_NUM, K_PUNCT };

#define PM_MAX 6                /* phrase matches cached per token */

typedef struct tk {
    uint32_t s, e;              /* byte span in the text */
    uint32_t f;                 /* folded text: offset in the chunk pool */
    uint16_t fl;
    uint8_t kind;
    uint8_t sp;                 /* blank before the token */
    uint8_t cap;                /* word starts with a capital */
    uint8_t nd;                 /* NUM: digits (capped at 200) */
    uint8_t sep;                /* NUM: inner separator ('.' or ','), 0 if none */
    int32_t num;                /* NUM or number word value; -1 if none/huge */
    uint32_t sent;              /* sentence number */
    const lexent *lx;
    /* phrases matched at this token, per category (longest), computed on
     * the first lx() call: matchers ask the same questions many times */
    uint8_t pm_done, pm_n;
    uint8_t pm_cat[PM_MAX], pm_len[PM_MAX];
    int16_t pm_val[PM_MAX];
} tk;

#define CHUNK (64 * 1024)
#define PAD 16                  /* K_END tokens after the last one */

typedef struct res {
    int start, end;             /* token range [start, end) */
    int type;
    char val[48];
    const char *how;
    int y, m, d;                /* for ranges: the parsed date */
} res;

/* Context set by the expressions already read.  Matchers may update it;
 * only the winner's update is kept (scan_chunk). */
typedef struct anchors {
    long ref;                   /* last day-level date mentioned */
    int ref_ok;
    int q_y, q_q;               /* last quarter mentioned */
    int sent_year;              /* explicit year in the current sentence */
    uint32_t sent_year_sent;
    int sent_year_bare;         /* it was a year alone ("in 1987"), not a date */
    int ny, nm;                 /* narrative time: year (and month, 0 if none) of
                                   the last date written in full ("in May 1995") */
} anchors;

typedef struct ctx {
    const char *text;
    const lexicon *L;
    int fr;
    tk *T;
    int n;
    char *pool;
    /* anchors */
    int dct_ok;
    long dct;                   /* publication day */
    int dy, dm, dd;
    int max_year;               /* evidence when there is no dct */
    anchors a;                  /* what the text has said so far */
} ctx;

static int u8len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    int n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (end - p < n)
        return 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Blank of `len` bytes at p (ASCII blanks, no-break and thin spaces). */
static int blank_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && end - p >= 2 && p[1] == 0xA0)
        return 2;
    if (c == 0xE2 && end - p >= 3 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF))
        return 3;
    return 0;
}

/* Letter of `len` bytes at p (0 if none): ASCII letters and non-ASCII
 * characters outside the Latin-1 and general punctuation blocks. */
static int letter_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    if ((c | 32) >= 'a' && (c | 32) <= 'z')
        return 1;
    if (c < 0x80)
        return 0;
    int n = u8len(p, end);
    if (n == 0 || c == 0xC2)
        return 0;
    if (c == 0xC3 && (p[1] == 0x97 || p[1] == 0xB7))
        return 0;
    if (c == 0xE2 && (p[1] == 0x80 || p[1] == 0x81 || p[1] == 0x82))
        return 0;
    if (c == 0xE3 && p[1] == 0x80)
        return 0;
    return n;
}

static int is_apos(const unsigned char *p, const unsigned char *end)
{
    if (p[0] == '\'')
        return 1;
    if (p[0] == 0xE2 && end - p >= 3 && p[1] == 0x80 && p[2] == 0x99)
        return 3;
    return 0;
}

typedef struct tz {             /* tokenizer state */
    ctx *c;
    rc_arena *a;                /* where the token array grows */
    int cap;                    /* token capacity (PAD more are allocated) */
    int maxcap;                 /* never more than one token per byte of a chunk */
    size_t pool_len, pool_cap;
    uint32_t sent;
} tz;

static tk *push_folded(tz *z, int kind, size_t s, size_t e, int sp, const char *f, size_t fl, int k);

static tk *push(tz *z, int kind, size_t s, size_t e, int sp)
{
    return push_folded(z, kind, s, e, sp, NULL, 0, -2);
}

/* Append a token [s, e).  For a word, f/fl may give its folded form and k
 * its lexicon index (-1: not found; -2: not looked up) when the caller
 * already computed them. */
static tk *push_folded(tz *z, int kind, size_t s, size_t e, int sp, const char *f, size_t fl, int k)
{
    ctx *c = z->c;
    if (c->n >= z->cap) {
        /* News text has about one token per five bytes: the array starts
         * there and doubles when a chunk has more (punctuation runs). */
        if (z->cap >= z->maxcap)
            return NULL;
        int nc = z->cap * 2 < z->maxcap ? z->cap * 2 : z->maxcap;
        tk *nt = rc_arena_alloc(z->a, ((size_t)nc + PAD) * sizeof(tk));
        if (!nt)
            return NULL;
        memcpy(nt, c->T, (size_t)c->n * sizeof(tk));
        c->T = nt;
        z->cap = nc;
    }
    tk *t = &c->T[c->n++];
    memset(t, 0, sizeof *t);
    t->s = (uint32_t)s;
    t->e = (uint32_t)e;
    t->kind = (uint8_t)kind;
    t->sp = (uint8_t)sp;
    t->num = -1;
    t->sent = z->sent;
    t->f = (uint32_t)z->pool_len;
    if (kind == K_WORD) {
        size_t room = z->pool_cap - z->pool_len;
        size_t l;
        if (f && fl <= room) {
            memcpy(c->pool + z->pool_len, f, fl);
            l = fl;
        } else {
            l = fold(c->text + s, e - s, c->pool + z->pool_len, room > 64 ? 64 : room);
            k = -2;
        }
        t->fl = (uint16_t)l;
        z->pool_len += l;
        unsigned char b = (unsigned char)c->text[s];
        t->cap = (b >= 'A' && b <= 'Z') ||
                 (b == 0xC3 && e - s >= 2 && (unsigned char)c->text[s + 1] < 0x9F);
        if (k == -2)
            k = lex_find(c->L, c->pool + t->f, t->fl);
        if (k < 0 && !c->fr && t->fl > 3 && c->pool[t->f + t->fl - 2] == '\'' &&
            c->pool[t->f + t->fl - 1] == 's')
            k = lex_find(c->L, c->pool + t->f, t->fl - 2u);
        if (k >= 0) {
            t->lx = &c->L->ent[k];
            for (int i = 0; i < t->lx->n; i++)
                if (t->lx->cat[i] == C_NUM)
                    t->num = t->lx->val[i];
        }
    } else if (kind == K_PUNCT) {
        size_t room = z->pool_cap - z->pool_len;
        if (room && e - s == 1) {
            c->pool[z->pool_len++] = c->text[s];
            t->fl = 1;
        }
    }
    return t;
}

/* A word [s, e): looked up whole, else split at an elided article, else
 * at its hyphens (hyphenated number words become one number). */
static void word(tz *z, size_t s, size_t e, int sp)
{
    ctx *c = z->c;
    const char *x = c->text;
    char f[72];
    size_t fl = 0;
    int k = -2;
    for (;;) {
        fl = fold(x + s, e - s, f, 64);
        k = lex_find(c->L, f, fl);
        if (k >= 0 || e - s > 60) {
            push_folded(z, K_WORD, s, e, sp, f, fl, k);
            return;
        }
        /* elision: l' d' qu' jusqu' ... */
        size_t ap = s;
        int al = 0;
        while (ap < e && !(al = is_apos((const unsigned char *)x + ap, (const unsigned char *)x + e)))
            ap++;
        if (ap < e && ap + al < e && ap - s <= 7) {
            size_t pl = fold(x + s, ap - s, f, 64);
            f[pl] = 0;
            if ((pl == 1 && strchr("ldjnmstc", f[0])) || !strcmp(f, "qu") ||
                !strcmp(f, "jusqu") || !strcmp(f, "lorsqu") || !strcmp(f, "puisqu") ||
                !strcmp(f, "presqu")) {
                push(z, K_WORD, s, ap + al, sp);
                s = ap + al;
                sp = 0;
                continue;
            }
            /* f was overwritten by the prefix: fold the word again */
            fl = fold(x + s, e - s, f, 64);
        }
        break;
    }
    /* hyphens */
    size_t h = s;
    while (h < e && x[h] != '-')
        h++;
    if (h == e) {
        /* the word as folded and looked up above (k: not found) */
        push_folded(z, K_WORD, s, e, sp, f, fl, k);
        return;
    }
    int first = c->n, allnum = 1, parts = 0;
    size_t p = s;
    while (p < e) {
        size_t q = p;
        while (q < e && x[q] != '-')
            q++;
        if (q > p) {
            tk *t = push(z, K_WORD, p, q, p == s ? sp : 0);
            if (!t)
                return;
            if (t->num < 0 && !(t->fl == 2 && !memcmp(c->pool + t->f, "et", 2)))
                allnum = 0;
            parts++;
        }
        if (q < e && !push(z, K_PUNCT, q, q + 1, 0))
            return;
        p = q + 1;
    }
    if (allnum && parts >= 2) {
        long total = 0, cur = 0;
        for (int i = first; i < c->n; i++) {
            tk *t = &c->T[i];
            if (t->kind != K_WORD || t->num < 0)
                continue;
            long v = t->num;
            if (v == 100)
                cur = (cur ? cur : 1) * 100;
            else if (v == 1000) {
                total += (cur ? cur : 1) * 1000;
                cur = 0;
            } else if (v == 20 && cur % 100 == 4)
                cur = cur - 4 + 80;
            else
                cur += v;
        }
        tk *t = &c->T[first];
        t->e = (uint32_t)e;
        t->num = (int32_t)(total + cur);
        t->lx = NULL;
        t->fl = 0;
        c->n = first + 1;
    }
}

/* English years in words become one 4-digit number token: "nineteen
 * ninety-six", "nineteen ninety six", "the year two thousand (and one)". */
static void spelled_years(ctx *c)
{
    int w = 0;
    for (int r = 0; r < c->n; r++) {
        const tk *tp = &c->T[r];
        if (tp->kind != K_WORD || (tp->num != 19 && tp->num != 2)) {
            /* the common case: moved only once a year has been merged */
            if (w != r)
                c->T[w] = *tp;
            w++;
            continue;
        }
        tk t = *tp;
        int y = -1, last = r;
        const tk *a = &c->T[r + 1], *b = r + 2 < c->n ? &c->T[r + 2] : NULL;
        if (t.kind == K_WORD && t.num == 19 && r + 1 < c->n && a->kind == K_WORD && a->sp &&
            a->num >= 10 && a->num <= 99) {
            y = 1900 + a->num;
            last = r + 1;
            if (a->num % 10 == 0 && a->num >= 20 && b && b->kind == K_WORD && b->sp &&
                b->num >= 1 && b->num <= 9) {
                y += b->num;
                last = r + 2;
            }
        } else if (t.kind == K_WORD && t.num == 2 && r + 1 < c->n && a->kind == K_WORD &&
                   a->num == 1000 && w > 0 && c->T[w - 1].kind == K_WORD && c->T[w - 1].fl == 4 &&
                   memcmp(c->pool + c->T[w - 1].f, "year", 4) == 0) {
            y = 2000;
            last = r + 1;
            int j = r + 2;
            if (j < c->n && c->T[j].kind == K_WORD && c->T[j].fl == 3 &&
                memcmp(c->pool + c->T[j].f, "and", 3) == 0)
                j++;
            if (j < c->n && c->T[j].kind == K_WORD && c->T[j].num >= 1 && c->T[j].num <= 99) {
                y += c->T[j].num;
                last = j;
            }
        }
        if (y > 0) {
            t.kind = K_NUM;
            t.e = c->T[last].e;
            t.nd = 4;
            t.sep = 0;
            t.num = y;
            t.lx = NULL;
            t.fl = 0;
            r = last;
        }
        c->T[w++] = t;
    }
    c->n = w;
}

/* Tokenize text[cs, ce) into c->T. */
static void tokenize(tz *z, size_t cs, size_t ce)
{
    ctx *c = z->c;
    const unsigned char *x = (const unsigned char *)c->text;
    const unsigned char *end = x + ce;
    size_t i = cs;
    int sp = 1;
    c->n = 0;
    z->pool_len = 0;
    while (i < ce && c->n < z->maxcap - 2) {
        int bl = blank_len(x + i, end);
        if (bl) {
            if (x[i] == '\n')
                z->sent++;
            sp = 1;
            i += (size_t)bl;
            continue;
        }
        if (x[i] >= '0' && x[i] <= '9') {
            size_t s = i;
            long v = 0;
            int nd = 0, sep = 0;
            for (;;) {
                while (i < ce && x[i] >= '0' && x[i] <= '9') {
                    if (v < 100000000)
                        v = v * 10 + (x[i] - '0');
                    else
                        v = -1;
                    if (v < 0)
                        v = 100000000;
                    nd++;
                    i++;
                }
                if (i + 1 < ce && (x[i] == '.' || x[i] == ',') && x[i + 1] >= '0' && x[i + 1] <= '9' &&
                    nd < 200) {
                    sep = x[i];
                    i++;
                    continue;
                }
                break;
            }
            tk *t = push(z, K_NUM, s, i, sp);
            if (t) {
                t->nd = (uint8_t)(nd > 200 ? 200 : nd);
                t->sep = (uint8_t)sep;
                t->num = sep || nd > 8 ? -1 : (int32_t)v;
            }
            sp = 0;
            continue;
        }
        int ll = letter_len(x + i, end);
        if (ll) {
            size_t s = i;
            i += (size_t)ll;
            for (;;) {
                /* ASCII letters inline: most of the text */
                while (i < ce && (x[i] | 32) >= 'a' && (x[i] | 32) <= 'z')
                    i++;
                if (i >= ce)
                    break;
                int l2 = letter_len(x + i, end);
                if (l2) {
                    i += (size_t)l2;
                    continue;
                }
                int al = is_apos(x + i, end);
                if (!al && x[i] == '-')
                    al = 1;
                if (al && i + (size_t)al < ce && letter_len(x + i + al, end)) {
                    i += (size_t)al;
                    continue;
                }
                break;
            }
            if (i - s > 4000) {         /* absurd word: skip it */
                sp = 0;
                continue;
            }
            word(z, s, i, sp);
            sp = 0;
            continue;
        }
        int n = u8len(x + i, end);
        if (n == 0)
            n = 1;
        push(z, K_PUNCT, i, i + (size_t)n, sp);
        if (x[i] == '.' || x[i] == '!' || x[i] == '?' || x[i] == ';') {
            /* Not after an abbreviation: an initial, a title ("M.", "Mr."),
             * or one of segment.c's list ("Nov.", "Inc.") before a word
             * that is not capitalised; and never before a lower-case word
             * or a digit ("Nov. 16", "a.m. on"). */
            const tk *p = c->n >= 2 ? &c->T[c->n - 2] : NULL;
            int abbr = 0;
            if (x[i] == '.' && p && p->kind == K_WORD && p->e == i) {
                size_t j = i + 1;
                while (j < ce && (x[j] == ' ' || x[j] == '\t'))
                    j++;
                int next_low = j < ce && ((x[j] >= 'a' && x[j] <= 'z') || (x[j] >= '0' && x[j] <= '9'));
                int k = p->fl == 1 ? 1 : rc_abbrev_kind(c->text + p->s, p->e - p->s,
                                                        c->fr ? RC_LANG_FR : RC_LANG_EN);
                abbr = k == 1 || (k == 2 && next_low) || (next_low && p->fl <= 4);
            }
            if (!abbr && (i + 1 >= ce || blank_len(x + i + 1, end)))
                z->sent++;
        }
        sp = 0;
        i += (size_t)n;
    }
    if (!c->fr)
        spelled_years(c);
    for (int k = 0; k < PAD; k++) {
        tk *t = &c->T[c->n + k];
        memset(t, 0, sizeof *t);
        t->kind = K_END;
        t->s = t->e = (uint32_t)ce;
        t->num = -1;
        t->sent = UINT32_MAX;
    }
}

/* ------------------------------------------------------------ token tests */

static int has(const tk *t, int cat, int *val)
{
    if (t->kind != K_WORD || !t->lx || !(t->lx->cats >> cat & 1))
        return 0;
    for (int i = 0; i < t->lx->n; i++)
        if (t->lx->cat[i] == cat) {
            if (val)
                *val = t->lx->val[i];
            return 1;
        }
    return 0;
}

/* Longest entry of category cat (one word or a phrase) at token i: the
 * number of tokens it covers, 0 if none. */
static int lx(const ctx *c, int i, int cat, int *val)
{
    const tk *t = &c->T[i];
    if (t->kind != K_WORD || !t->lx || !(t->lx->cats >> cat & 1))
        return 0;
    int best = has(t, cat, val) ? 1 : 0;
    if (!(t->lx->pcats >> cat & 1))
        return best;
    tk *mt = &c->T[i];
    if (!mt->pm_done) {
        /* every phrase starting here, once: keep the longest per category
         * (the first of equal length, as the walk below would) */
        mt->pm_done = 1;
        for (int p = t->lx->phr; p >= 0; p = c->L->phr[p].next) {
            const phrase *ph = &c->L->phr[p];
            int ok = 1;
            for (int w = 1; w < ph->nw && ok; w++) {
                const tk *u = &c->T[i + w];
                if (i + w >= c->n || u->kind != K_WORD || u->fl != ph->wl[w - 1] ||
                    memcmp(c->pool + u->f, lex_pool + ph->w[w - 1], u->fl) != 0)
                    ok = 0;
            }
            if (!ok)
                continue;
            int j = 0;
            while (j < mt->pm_n && mt->pm_cat[j] != ph->cat)
                j++;
            if (j == mt->pm_n) {
                if (j == PM_MAX) {
                    mt->pm_done = 2;        /* too many: walk each time */
                    break;
                }
                mt->pm_n++;
                mt->pm_cat[j] = ph->cat;
                mt->pm_len[j] = 0;
            }
            if (ph->nw > mt->pm_len[j]) {
                mt->pm_len[j] = ph->nw;
                mt->pm_val[j] = ph->val;
            }
        }
    }
    if (mt->pm_done == 1) {
        for (int j = 0; j < mt->pm_n; j++)
            if (mt->pm_cat[j] == cat && mt->pm_len[j] > best) {
                best = mt->pm_len[j];
                if (val)
                    *val = mt->pm_val[j];
            }
        return best;
    }
    for (int p = t->lx->phr; p >= 0; p = c->L->phr[p].next) {
        const phrase *ph = &c->L->phr[p];
        if (ph->cat != cat || ph->nw <= best)
            continue;
        int ok = 1;
        for (int w = 1; w < ph->nw && ok; w++) {
            const tk *u = &c->T[i + w];
            if (i + w >= c->n || u->kind != K_WORD || u->fl != ph->wl[w - 1] ||
                memcmp(c->pool + u->f, lex_pool + ph->w[w - 1], u->fl) != 0)
                ok = 0;
        }
        if (ok) {
            best = ph->nw;
            if (val)
                *val = ph->val;
        }
    }
    return best;
}

static int is_wn(const ctx *c, int i, const char *w, size_t n)
{
    const tk *t = &c->T[i];
    return t->kind == K_WORD && t->fl == n && memcmp(c->pool + t->f, w, n) == 0;
}

/* Token i is the folded word w (a string literal: its length is known at
 * compile time, no strlen in the matchers' hot paths). */
#define is_w(c, i, w) is_wn((c), (i), "" w, sizeof(w) - 1)

/* w or its possessive ("year's"). */
static int is_poss(const ctx *c, int i, const char *w)
{
    const tk *t = &c->T[i];
    size_t n = strlen(w);
    return t->kind == K_WORD && (t->fl == n || (t->fl == n + 2 && c->pool[t->f + n] == '\'' &&
                                                  c->pool[t->f + n + 1] == 's')) &&
           memcmp(c->pool + t->f, w, n) == 0;
}

static int is_p(const ctx *c, int i, char ch)
{
    const tk *t = &c->T[i];
    return t->kind == K_PUNCT && t->e - t->s == 1 && c->text[t->s] == ch;
}

/* A colon at i that makes the number before it an hour ("10:30"), not
 * the end of a phrase ("on April 25: the court"). */
static int clock_colon(const ctx *c, int i)
{
    return is_p(c, i, ':') && !c->T[i].sp && c->T[i + 1].kind == K_NUM && !c->T[i + 1].sp;
}

/* A plain integer token (no inner separator) of at most maxd digits. */
static int int_tok(const ctx *c, int i, int maxd, int *v)
{
    const tk *t = &c->T[i];
    if (t->kind != K_NUM || t->sep || t->nd > maxd || t->num < 0)
        return 0;
    *v = t->num;
    return 1;
}

static int month_at(const ctx *c, int i, int *m)
{
    const tk *t = &c->T[i];
    if (!has(t, C_MONTH, m))
        return 0;
    if (!c->fr && !t->cap)
        return 0;
    return 1;
}

static int wday_at(const ctx *c, int i, int *wd)
{
    const tk *t = &c->T[i];
    if (!has(t, C_WDAY, wd))
        return 0;
    if (!c->fr) {
        if (!t->cap)
            return 0;
        if ((t->fl <= 4 || t->lx->klen <= 4) && !is_p(c, i + 1, '.'))
            return 0;   /* "Wed." but not "Sun, Hewlett-Packard and others" */
    }
    return 1;
}

/* An abbreviated month name ("nov", "sept") is only a month next to a day
 * or a year, or with its period. */
static int month_abbrev(const ctx *c, int i)
{
    const tk *t = &c->T[i];
    if (t->fl > 4)
        return 0;
    static const char *const full[] = {"mai", "juin", "mars", "aout", "may", "june", "july"};
    for (size_t k = 0; k < sizeof full / sizeof *full; k++)
        if (is_wn(c, i, full[k], strlen(full[k])))
            return 0;
    return 1;
}

/* A 4-digit year, or a 2-digit one when two_ok. */
static int year_tok(const ctx *c, int i, int two_ok, int *y)
{
    int v;
    if (int_tok(c, i, 4, &v) && c->T[i].nd == 4 && v >= 1000 && v <= 2100) {
        *y = v;
        return 1;
    }
    if (two_ok && int_tok(c, i, 2, &v) && c->T[i].nd == 2 && c->T[i].sp &&
        !clock_colon(c, i + 1) && !is_w(c, i + 1, "h")) {
        *y = v < 40 ? 2000 + v : 1900 + v;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ tense */

/* Tense of the clause around token i: > 0 future, < 0 past, 0 no cue.  The
 * nearest cue in the sentence (20 tokens each way) decides; in English
 * +-2 when it is at most 3 tokens away, +-1 when further (French past
 * participles are too often passive or adjectives for that). */
static int tense(const ctx *c, int i)
{
    int bestd = 1000, best = 0;
    uint32_t sent = c->T[i].sent;
    for (int dir = -1; dir <= 1; dir += 2) {
        for (int d = 1; d <= 20; d++) {
            int k = i + dir * d;
            if (k < 0 || k >= c->n || c->T[k].sent != sent)
                break;
            const tk *t = &c->T[k];
            if (t->kind != K_WORD)
                continue;
            int cue = 0;
            if (lx(c, k, C_FUT, NULL))
                cue = is_w(c, k, "next") && is_w(c, k + 1, "to") ? 0 : 1;  /* "next to" */
            else if (lx(c, k, C_PAST, NULL))
                cue = -1;
            else if (!t->lx && t->fl >= 4) {
                const char *w = c->pool + t->f;
                size_t n = t->fl;
                const unsigned char *o = (const unsigned char *)c->text + t->e;
#define ENDS(s) (n >= sizeof(s) - 1 && memcmp(w + n - (sizeof(s) - 1), s, sizeof(s) - 1) == 0)
                if (c->fr) {
                    if (ENDS("ront") || ENDS("rons") || ENDS("rez") || ENDS("raient") ||
                        ENDS("rait") || (ENDS("ra") && n >= 5 && !ENDS("tra")))
                        cue = 1;
                    else if ((o[-1] == 0xA9 && o[-2] == 0xC3) ||
                             (n >= 3 && o[-2] == 0xA9 && o[-3] == 0xC3 && (o[-1] == 'e' || o[-1] == 's')) ||
                             ENDS("ait") || ENDS("aient"))
                        cue = -1;
                } else if (ENDS("ed") && n >= 5 && !ENDS("eed")) {   /* not "succeed", "need" */
                    /* "to be completed" looks ahead */
                    cue = is_w(c, k - 1, "be") ? 1 : -1;
                }
#undef ENDS
            }
            if (cue && d < bestd) {
                bestd = d;
                best = d <= 3 && !c->fr ? 2 * cue : cue;
            }
            if (cue)
                break;
        }
    }
    return best;
}

/* The period a financial comparison in the sentence before token i is
 * about: 'Q' for a quarter ("third-quarter profit ... a year earlier"),
 * 'Y' for a longer one ("for the nine months ... a year earlier"), 0. */
static int sentence_period(const ctx *c, int i)
{
    for (int k = i - 1; k >= 0 && k >= i - 40 && c->T[k].sent == c->T[i].sent; k--) {
        if (is_w(c, k, "quarter") || is_w(c, k, "quarterly"))
            return 'Q';
        if (is_w(c, k, "months") || is_w(c, k, "half") || (is_w(c, k, "year") && !is_w(c, k - 1, "a")))
            return 'Y';
    }
    return 0;
}

/* ------------------------------------------------------------ resolution */

/* A weekday: mode -2 strictly before base, -1 on or before, 0 same ISO
 * week, 1 on or after, 2 strictly after. */
static long wday_resolve(long base, int wd, int mode)
{
    int bw = rc_cal_weekday(base);
    if (mode == 0) {
        int delta = (wd - bw + 7) % 7;     /* the nearest such day */
        return delta <= 3 ? base + delta : base + delta - 7;
    }
    if (mode < 0) {
        int delta = (bw - wd + 7) % 7;
        if (delta == 0 && mode == -2)
            delta = 7;
        return base - delta;
    }
    int delta = (wd - bw + 7) % 7;
    if (delta == 0 && mode == 2)
        delta = 7;
    return base + delta;
}

/* The year of a month named without one, from the tense of its clause:
 * the month falls in a window around the publication month, [-7, +4]
 * months without a cue (news look back further than ahead), [-1, +10]
 * in the future, [-9, +2] in the past ([-11, 0] if the cue is next to
 * the month: "dropped in December"). */
static int month_year(const ctx *c, int i, int m)
{
    int t = tense(c, i);
    int p = i > 0 && (is_w(c, i - 1, "around") || is_w(c, i - 1, "about")) ? i - 2 : i - 1;
    if (t < 0 && p >= 0 && (is_w(c, p, "by") || is_w(c, p, "until") || is_w(c, p, "till") || is_w(c, p, "through") ||
                            is_w(c, p, "to") || is_w(c, p, "jusqu'au")))
        t = 0;          /* a deadline: "extended to Nov. 16" */
    int lo = t > 0 ? -1 : t < -1 ? -11 : t < 0 ? -9 : -7;
    int off = m - c->dm;
    if (off < lo)
        return c->dy + 1;
    if (off > lo + 11)
        return c->dy - 1;
    return c->dy;
}

/* The explicit year of the sentence of token i that a day or month named
 * without a year takes ("on Oct. 23, 1998 ... and on Oct. 25"), or 0.  A
 * year named alone lends itself only to a date in the same clause style
 * ("in 1987 ... through Sept. 29" is about the publication year), and a
 * clause in the future does not take a year before the publication
 * ("invited in July 1997, will join NATO on March 12"). */
static int sent_year(const ctx *c, int i)
{
    if (!c->a.sent_year || c->a.sent_year_sent != c->T[i].sent)
        return 0;
    if (c->a.sent_year_bare)
        return 0;
    if (c->dct_ok && c->a.sent_year < c->dy && tense(c, i) > 0)
        return 0;
    return c->a.sent_year;
}

/* The year of a day-month (d = 0: a month alone) without one.  mode as in
 * wday_resolve (-2 "dernier", 2 "prochain"); 9 = from the tense. */
static int year_for(const ctx *c, int i, int m, int d, int wd, int mode)
{
    if (mode == 9 && sent_year(c, i) &&
        (!wd || !d || (d <= rc_cal_month_days(c->a.sent_year, m) &&
                       rc_cal_weekday(rc_cal_days(c->a.sent_year, m, d)) == wd)))
        return c->a.sent_year;
    if (!c->dct_ok) {
        if (wd && d && c->max_year) {
            for (int y = c->max_year; y > c->max_year - 40; y--)
                if (d <= rc_cal_month_days(y, m) && rc_cal_weekday(rc_cal_days(y, m, d)) == wd)
                    return y;
        }
        return -1;
    }
    if (wd) {
        mode = 0;       /* a weekday decides alone: the nearest fitting year */
    } else if (mode == 9) {
        return month_year(c, i, m);
    }
    int best = c->dy;
    long bestdist = -1;
    for (int y = c->dy - 1; y <= c->dy + 1; y++) {
        int dd = d ? d : 1;
        if (dd > rc_cal_month_days(y, m))
            continue;
        long z = rc_cal_days(y, m, dd);
        long ze = d ? z : rc_cal_days(y, m, rc_cal_month_days(y, m));
        if (wd && d && rc_cal_weekday(z) != wd)
            continue;
        if (mode == -1 && z > c->dct)
            continue;
        if (mode == -2 && ze >= c->dct)
            continue;
        if (mode == 1 && ze < c->dct)
            continue;
        if (mode == 2 && z <= c->dct)
            continue;
        long dist = z > c->dct ? z - c->dct : (ze < c->dct ? c->dct - ze : 0);
        if (bestdist < 0 || dist < bestdist) {
            bestdist = dist;
            best = y;
        }
    }
    if (bestdist < 0 && wd && d) {
        /* no year around the publication has that weekday on that day: the
         * text speaks of an earlier year ("mardi 21 avril" in late 2022
         * is 2020); the latest fitting one within ten years */
        for (int y = c->dy - 2; y >= c->dy - 10; y--)
            if (d <= rc_cal_month_days(y, m) && rc_cal_weekday(rc_cal_days(y, m, d)) == wd)
                return y;
    }
    if (bestdist < 0 && wd)
        return year_for(c, i, m, d, 0, 0);
    return best;
}

static void put_day(char *v, size_t cap, long z)
{
    int y, m, d;
    rc_cal_civil(z, &y, &m, &d);
    snprintf(v, cap, "%04d-%02d-%02d", y, m, d);
}

static const char *const part_code[] = {"", "MO", "AF", "EV", "NI", "DT"};
static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};

static int finish(res *r, int start, int end, int type, const char *how)
{
    r->start = start;
    r->end = end;
    r->type = type;
    r->how = how;
    return end;
}

/* The day anchor for clock times and "le lendemain". */
static int day_anchor(const ctx *c, long *z)
{
    if (c->a.ref_ok) {
        *z = c->a.ref;
        return 1;
    }
    if (c->dct_ok) {
        *z = c->dct;
        return 1;
    }
    return 0;
}

/* A weekday resolved from the clause (mode 9) or a modifier. */
static int wday_value(const ctx *c, int i, int wd, int mode, long *z)
{
    if (!c->dct_ok)
        return 0;
    if (mode == 9) {
        int t = tense(c, i);
        mode = t > 0 ? 1 : -1;
    }
    *z = wday_resolve(c->dct, wd, mode);
    return 1;
}

/* ------------------------------------------------------------ matchers */

/* Each matcher tries to read an expression starting at token i; it returns
 * the end token (exclusive) and fills r, or returns 0. */

static int part_at(const ctx *c, int k, int *part)
{
    return has(&c->T[k], C_PART, part);
}

/* "hier soir", "en début d'après-midi" after a day: the part of the day
 * and the tokens it covers (0 if none). */
static int day_part(const ctx *c, int k, int *part)
{
    if (part_at(c, k, part))
        return 1;
    if (c->fr && (is_w(c, k, "en") || is_w(c, k, "dans")) ) {
        int j = k + 1;
        if (is_w(c, j, "la") || is_w(c, j, "l'"))
            j++;
        else if (is_w(c, j, "debut") || is_w(c, j, "fin")) {
            j++;
            if (is_w(c, j, "d'") || is_w(c, j, "de"))
                j++;
        }
        if (part_at(c, j, part))
            return j + 1 - k;
    }
    if (!c->fr && (is_w(c, k, "in") || is_w(c, k, "during")) && is_w(c, k + 1, "the") &&
        part_at(c, k + 2, part))
        return 3;
    return 0;
}

static int m_clock(ctx *c, int i, res *r);

/* Day-month[-year]: "14 novembre 2022", "le 1er mars", "mardi 14 nov.",
 * "November 14, 2022", "Nov. 14", "14th of November", "du 3 au 5 mars". */
static int m_daymonth(ctx *c, int i, res *r, int depth)
{
    int k = i, wd = 0, d = -1, m = 0, y = -1, v;
    if (has(&c->T[k], C_DET, NULL) && !is_w(c, k, "l'"))
        k++;
    if (wday_at(c, k, &wd)) {
        k++;
        if (is_p(c, k, ','))
            k++;
        if (c->fr && is_w(c, k, "le"))
            k++;
    }
    if (int_tok(c, k, 2, &v) && v >= 1 && v <= 31 && !clock_colon(c, k + 1) && !is_w(c, k + 1, "h")) {
        d = v;
        k++;
        if (has(&c->T[k], C_ORDSUF, NULL) && !c->T[k].sp)
            k++;
        if (!c->fr && is_w(c, k, "of") && month_at(c, k + 1, &v))
            k++;
    } else if (c->fr && (is_w(c, k, "premier") || is_w(c, k, "1er"))) {
        d = 1;
        k++;
    }
    if (d > 0) {
        if (!month_at(c, k, &m)) {
            /* a range or list: "du 3 au 5 mars", "les 6 et 13 avril" */
            if (depth == 0 && c->T[k].kind != K_END &&
                (is_w(c, k, "au") || is_w(c, k, "et") || is_w(c, k, "a") || is_w(c, k, "to") ||
                 is_w(c, k, "and") || is_w(c, k, "through") || is_p(c, k, '-') || is_p(c, k, ','))) {
                res r2;
                if (m_daymonth(c, k + 1, &r2, 1) && r2.m > 0) {
                    m = r2.m;
                    y = r2.y;
                    if (d > rc_cal_month_days(y > 0 ? y : 2000, m))
                        return 0;
                    r->m = m;
                    r->y = y;
                    r->d = d;
                    if (y > 0)
                        snprintf(r->val, sizeof r->val, "%04d-%02d-%02d", y, m, d);
                    else
                        snprintf(r->val, sizeof r->val, "XXXX-%02d-%02d", m, d);
                    return finish(r, i, k, RC_TIMEX_DATE, "range");
                }
            }
            return 0;
        }
        k++;
        if (is_p(c, k, '.') && !c->T[k].sp && month_abbrev(c, k - 1))
            k++;
    } else {
        /* month first (English, or "mars 14" rarely) */
        if (c->fr || !month_at(c, k, &m))
            return 0;
        int j = k + 1;
        if (is_p(c, j, '.') && !c->T[j].sp)
            j++;
        if (!int_tok(c, j, 2, &v) || v < 1 || v > 31 || clock_colon(c, j + 1) || !c->T[j].sp)
            return 0;
        d = v;
        k = j + 1;
        if (has(&c->T[k], C_ORDSUF, NULL) && !c->T[k].sp)
            k++;
    }
    const char *how = "absolute";
    int yk = k;
    if (is_p(c, yk, ',') && c->T[yk + 1].kind == K_NUM)
        yk++;
    if (!c->fr && is_w(c, yk, "of"))
        yk++;
    if (year_tok(c, yk, 1, &v)) {
        y = v;
        k = yk + 1;
    }
    int mode = 9;
    if (has(&c->T[k], C_LAST, NULL) && c->fr) {
        mode = -2;
        k++;
    } else if (has(&c->T[k], C_NEXT, NULL) && c->fr) {
        mode = 2;
        k++;
    }
    if (d > rc_cal_month_days(y > 0 ? y : 2000, m))
        return 0;
    if (y < 0) {
        y = year_for(c, i, m, d, wd, mode);
        how = y < 0 ? "underspecified" : !c->dct_ok ? "text-year" : mode == 9 ? "published-tense" : "published";
    } else {
        c->a.sent_year = y;
        c->a.sent_year_sent = c->T[i].sent;
        c->a.sent_year_bare = 0;
    }
    r->y = y;
    r->m = m;
    r->d = d;
    if (y > 0)
        snprintf(r->val, sizeof r->val, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(r->val, sizeof r->val, "XXXX-%02d-%02d", m, d);
    /* "mardi 14 novembre soir" is rare; "le 14 au soir" ignored */
    return finish(r, i, k, RC_TIMEX_DATE, how);
}

/* A month: "mars", "en mars" (without "en"), "novembre 2022", "fin mars",
 * "mi-juin", "juin dernier", "le mois de juin", "early September". */
static int m_month(ctx *c, int i, res *r)
{
    int k = i, m, y = -1, v, pos = 0;
    int n = lx(c, k, C_POS, NULL);
    if (n) {
        pos = 1;
        k += n;
        if (is_p(c, k, '-'))
            k++;
    }
    if (c->fr && (is_w(c, k, "mois") || (is_w(c, k, "le") && is_w(c, k + 1, "mois")))) {
        k += is_w(c, k, "le") ? 2 : 1;
        if (!is_w(c, k, "de") && !is_w(c, k, "d'"))
            return 0;
        k++;
        pos = 1;
    }
    if (!month_at(c, k, &m))
        return 0;
    int mk = k;
    k++;
    int dot = is_p(c, k, '.') && !c->T[k].sp && month_abbrev(c, mk);
    if (dot)
        k++;
    int yk = k;
    if (!c->fr && is_w(c, yk, "of"))
        yk++;
    else if (is_p(c, yk, ','))
        yk++;
    if (year_tok(c, yk, !is_p(c, k, ','), &v)) {
        y = v;
        k = yk + 1;
    }
    /* guards against "may", "mars" and abbreviations */
    const char *prev = i > 0 && c->T[i - 1].kind == K_WORD ? c->pool + c->T[i - 1].f : "";
    size_t pl = i > 0 ? c->T[i - 1].fl : 0;
    (void)prev;
    (void)pl;
    if (y < 0 && !pos) {
        if (month_abbrev(c, mk) && !dot)
            return 0;
        if (is_w(c, mk, "may") || (c->fr && is_w(c, mk, "mars") && c->T[mk].cap)) {
            int okp = mk > 0 && (has(&c->T[mk - 1], C_YPREP, NULL) || has(&c->T[mk - 1], C_LAST, NULL) ||
                                 has(&c->T[mk - 1], C_NEXT, NULL) || has(&c->T[mk - 1], C_THIS, NULL));
            if (!okp)
                return 0;
        }
        if (c->fr && is_w(c, mk, "sept"))
            return 0;
    }
    int mode = 9;
    if (c->fr && has(&c->T[k], C_LAST, NULL)) {
        mode = -2;
        k++;
    } else if (c->fr && has(&c->T[k], C_NEXT, NULL)) {
        mode = 2;
        k++;
    } else if (y < 0 && c->dct_ok && !c->fr && (n = lx(c, k, C_THIS, NULL) + lx(c, k, C_LAST, NULL) +
                                                  lx(c, k, C_NEXT, NULL)) && is_w(c, k + n, "year")) {
        y = c->dy + (lx(c, k, C_LAST, NULL) ? -1 : lx(c, k, C_NEXT, NULL) ? 1 : 0);
        k += n + 1;
    }
    const char *how = "absolute";
    if (y < 0) {
        if (mode == 9 && sent_year(c, i))
            y = c->a.sent_year;
        else if (mode == 9 && c->dct_ok)
            y = month_year(c, mk, m);
        else if (mode == 9)
            y = -1;
        else
            y = year_for(c, mk, m, 0, 0, mode);
        how = y < 0 ? "underspecified" : "published";
    } else {
        c->a.sent_year = y;
        c->a.sent_year_sent = c->T[i].sent;
        c->a.sent_year_bare = 0;
    }
    if (y > 0)
        snprintf(r->val, sizeof r->val, "%04d-%02d", y, m);
    else
        snprintf(r->val, sizeof r->val, "XXXX-%02d", m);
    r->y = y;
    r->m = m;
    r->d = 0;
    return finish(r, i, k, RC_TIMEX_DATE, how);
}

/* A weekday alone: "lundi", "lundi dernier", "ce dimanche", "last Friday",
 * "mardi soir", "Friday morning". */
static int m_wday(ctx *c, int i, res *r)
{
    int k = i, wd, mode = 9, n, part = 0;
    if (c->fr && is_w(c, k, "le"))
        k++;
    if ((n = lx(c, k, C_THIS, NULL)) && !is_w(c, k, "ces")) {
        mode = 0;
        k += n;
        if (c->fr && (is_w(c, k, "meme")))
            k++;
    } else if (!c->fr && (n = lx(c, k, C_LAST, NULL)) && !is_w(c, k, "past")) {
        mode = -2;
        k += n;
    } else if (!c->fr && (n = lx(c, k, C_NEXT, NULL))) {
        mode = 2;
        k += n;
    }
    if (!wday_at(c, k, &wd))
        return 0;
    k++;
    if (c->fr && has(&c->T[k], C_LAST, NULL)) {
        mode = -2;
        k++;
    } else if (c->fr && has(&c->T[k], C_NEXT, NULL)) {
        mode = 2;
        k++;
    }
    if ((n = day_part(c, k, &part)))
        k += n;
    long z;
    const char *how = mode == 9 ? "published-tense" : "published";
    if (!wday_value(c, i, wd, mode, &z)) {
        snprintf(r->val, sizeof r->val, part ? "XXXX-XX-XXT%s" : "XXXX-XX-XX", part_code[part]);
        how = "underspecified";
    } else {
        put_day(r->val, sizeof r->val, z);
        if (part) {
            size_t l = strlen(r->val);
            snprintf(r->val + l, sizeof r->val - l, "T%s", part_code[part]);
        }
    }
    return finish(r, i, k, part ? RC_TIMEX_TIME : RC_TIMEX_DATE, how);
}

static void add_part(res *r, int part)
{
    if (part) {
        size_t l = strlen(r->val);
        snprintf(r->val + l, sizeof r->val - l, "T%s", part_code[part]);
    }
}

/* Days named from now or from the last date: "hier", "demain matin",
 * "le lendemain", "ce soir", "this morning", "tonight", "la nuit",
 * "hier à 10 h". */
static int m_dayrel(ctx *c, int i, res *r)
{
    int k = i, off, n, part = 0;
    long z = 0;
    int ok;
    const char *how = "published";
    if ((n = lx(c, k, C_DAYREL, &off))) {
        k += n;
        ok = c->dct_ok;
        z = c->dct + off;
    } else if ((n = lx(c, k + (c->fr && has(&c->T[k], C_DET, NULL)), C_DAYCUR, &off))) {
        k += n + (c->fr && has(&c->T[k], C_DET, NULL));
        ok = day_anchor(c, &z);
        z += off;
        how = "context";
    } else if ((n = lx(c, k, C_PARTREL, &part))) {
        k += n;
        ok = c->dct_ok;
        z = c->dct - (part == 4);
        part = part == 4 ? 4 : 3;
        if (!ok)
            snprintf(r->val, sizeof r->val, "XXXX-XX-XXT%s", part_code[part]);
        else {
            put_day(r->val, sizeof r->val, z);
            add_part(r, part);
        }
        return finish(r, i, k, RC_TIMEX_TIME, ok ? how : "underspecified");
    } else if ((n = lx(c, k, C_THIS, NULL)) && !is_w(c, k, "ces") && part_at(c, k + n, &part)) {
        k += n + 1;
        ok = c->dct_ok;
        z = c->dct;
        if (ok) {
            put_day(r->val, sizeof r->val, z);
            add_part(r, part);
        } else
            snprintf(r->val, sizeof r->val, "XXXX-XX-XXT%s", part_code[part]);
        return finish(r, i, k, RC_TIMEX_TIME, ok ? how : "underspecified");
    } else if (((n = lx(c, k, C_POS, NULL)) && part_at(c, k + n, &part)) ||
               (c->fr && has(&c->T[k], C_DET, NULL) && !is_w(c, k, "les") && part_at(c, k + 1, &part) &&
                part != 5 && (n = 1))) {
        k += n + 1;
        ok = day_anchor(c, &z);
        if (ok) {
            put_day(r->val, sizeof r->val, z);
            add_part(r, part);
        } else
            snprintf(r->val, sizeof r->val, "XXXX-XX-XXT%s", part_code[part]);
        return finish(r, i, k, RC_TIMEX_TIME, "context");
    } else {
        return 0;
    }
    int type = RC_TIMEX_DATE;
    if ((n = day_part(c, k, &part))) {
        k += n;
        type = RC_TIMEX_TIME;
    }
    /* "aujourd'hui vendredi" */
    int wd;
    if (wday_at(c, k, &wd))
        k++;
    /* "hier à 10 h", "yesterday at 3 p.m." */
    res r2;
    int hh = -1, mi = 0;
    if ((is_w(c, k, "a") || is_w(c, k, "at")) && m_clock(c, k + 1, &r2) && r2.y >= 0) {
        hh = r2.y;
        mi = r2.m;
        k = r2.end;
        type = RC_TIMEX_TIME;
    }
    if (!ok) {
        snprintf(r->val, sizeof r->val, "XXXX-XX-XX");
        how = "underspecified";
    } else
        put_day(r->val, sizeof r->val, z);
    if (hh >= 0) {
        size_t l = strlen(r->val);
        snprintf(r->val + l, sizeof r->val - l, "T%02d:%02d", hh, mi);
    } else
        add_part(r, part);
    return finish(r, i, k, type, how);
}

/* Clock times: "21 h 45", "21h45", "10 heures", "9:30 a.m. ET", "midi",
 * "at noon" (without "at"), "vers 12 h 30", "4 h mardi".  r->y/r->m get
 * the hour and minute. */
static int m_clock(ctx *c, int i, res *r)
{
    int k = i, n, h = -1, mi = 0, v, about = 0;
    if ((n = lx(c, k, C_ABOUT, NULL))) {
        k += n;
        about = 1;
    }
    if (has(&c->T[k], C_CLOCK, &v)) {
        h = v;
        k++;
    } else if (int_tok(c, k, 2, &v) && v <= 24) {
        h = v;
        int j = k + 1;
        int hm = 0;
        if (has(&c->T[j], C_HMARK, NULL)) {
            hm = 1;
            int full = c->T[j].fl > 1;
            j++;
            if (int_tok(c, j, 2, &v) && c->T[j].nd == 2 && v < 60) {
                mi = v;
                j++;
            } else if (full && c->fr && !about) {
                /* "10 heures": a time after "à", else a duration */
                const tk *p = &c->T[i - (i > 0)];
                if (i == 0 || !(is_w(c, i - 1, "a") || is_w(c, i - 1, "des") ||
                                is_w(c, i - 1, "jusqu'a") || is_w(c, i - 1, "avant") ||
                                is_w(c, i - 1, "apres") || is_w(c, i - 1, "vers")))
                    return 0;
                (void)p;
            }
            if (!c->fr && full == 0)
                return 0;
        } else if (is_p(c, j, ':') && !c->T[j].sp && int_tok(c, j + 1, 2, &v) &&
                   c->T[j + 1].nd == 2 && v < 60 && !c->T[j + 1].sp) {
            mi = v;
            j += 2;
            if (is_p(c, j, ':') && !c->T[j].sp && int_tok(c, j + 1, 2, &v) && !c->T[j + 1].sp)
                j += 2;
            hm = 1;
        }
        /* a.m. / p.m. */
        int ap = 0;
        if (is_w(c, j, "am") || is_w(c, j, "pm")) {
            ap = c->pool[c->T[j].f] == 'a' ? 1 : 2;
            j++;
            if (is_p(c, j, '.') && !c->T[j].sp)
                j++;
        } else if ((is_w(c, j, "a") || is_w(c, j, "p")) && is_p(c, j + 1, '.') && is_w(c, j + 2, "m") &&
                   !c->T[j + 1].sp && !c->T[j + 2].sp) {
            ap = c->pool[c->T[j].f] == 'a' ? 1 : 2;
            j += 3;
            if (is_p(c, j, '.') && !c->T[j].sp)
                j++;
        }
        if (ap) {
            if (h < 1 || h > 12)
                return 0;
            if (ap == 2 && h < 12)
                h += 12;
            if (ap == 1 && h == 12)
                h = 0;
            hm = 1;
        }
        if (!hm)
            return 0;
        k = j;
    } else {
        return 0;
    }
    if ((n = lx(c, k, C_TZ, NULL)) && (c->fr || c->T[k].cap || c->T[k].fl > 3))
        k += n;
    else if (c->fr && is_w(c, k, "en") && is_w(c, k + 1, "france"))
        k += 2;
    /* a day right after: "4 h mardi", "noon Thursday", "15 h 30, hier" */
    long z;
    int ok = 0, wd, off;
    const char *how = "context";
    int j = k + (is_p(c, k, ',') ? 1 : 0);
    res r2;
    int e2;
    if (!c->fr && month_at(c, j, &v) && (e2 = m_daymonth(c, j, &r2, 1)) > j && r2.y > 0 && r2.d > 0) {
        /* "5 p.m. EST, Nov. 6" */
        z = rc_cal_days(r2.y, r2.m, r2.d);
        ok = 1;
        k = e2;
        how = "absolute";
    } else if (wday_at(c, j, &wd) && !month_at(c, j + 1, &v) && !int_tok(c, j + 1, 2, &v)) {
        if ((ok = wday_value(c, j, wd, 9, &z)))
            k = j + 1;
        how = "published-tense";
    } else if ((n = lx(c, j, C_DAYREL, &off)) && c->dct_ok) {
        z = c->dct + off;
        ok = 1;
        k = j + n;
        how = "published";
    }
    if (!ok)
        ok = day_anchor(c, &z);
    if (ok)
        put_day(r->val, sizeof r->val, z);
    else {
        snprintf(r->val, sizeof r->val, "XXXX-XX-XX");
        how = "underspecified";
    }
    size_t l = strlen(r->val);
    snprintf(r->val + l, sizeof r->val - l, "T%02d:%02d", h, mi);
    r->y = h;
    r->m = mi;
    return finish(r, i, k, RC_TIMEX_TIME, how);
}

static int roman(const char *s, size_t n)
{
    int v = 0, prev = 0;
    for (size_t i = n; i-- > 0;) {
        int x;
        switch (s[i]) {
        case 'i': x = 1; break;
        case 'v': x = 5; break;
        case 'x': x = 10; break;
        case 'l': x = 50; break;
        case 'c': x = 100; break;
        default: return -1;
        }
        v += x < prev ? -x : x;
        if (x > prev)
            prev = x;
    }
    return v;
}

/* Years, decades, centuries: "2021", "en 2021" (without "en"), "l'année
 * 2001", "début 2023", "les années 1990", "the 1990s", "the '90s",
 * "XIXe siècle", "20th century". */
static int m_year(ctx *c, int i, res *r)
{
    int k = i, n, y, v, marked = 0;
    if (!c->fr && is_w(c, k, "the")) {
        /* "the year ended Sept. 30" is a year long; "for the year," the
         * current one */
        int j = k + 1 + is_w(c, k + 1, "fiscal");
        if (is_w(c, j, "year") && !year_tok(c, j + 1, 0, &v) && !is_p(c, j + 1, '-')) {
            if (is_w(c, j + 1, "ended") || is_w(c, j + 1, "ending") || is_w(c, j + 1, "ends") ||
                (is_w(c, j + 1, "that") && is_w(c, j + 2, "ended"))) {
                snprintf(r->val, sizeof r->val, "P1Y");
                return finish(r, i, j + 1, RC_TIMEX_DURATION, "absolute");
            }
            if (i > 0 && is_w(c, i - 1, "for") && c->dct_ok &&
                ((c->T[j + 1].kind == K_PUNCT && !is_p(c, j + 1, '\'')) || is_w(c, j + 1, "of"))) {
                snprintf(r->val, sizeof r->val, "%04d", c->dy);
                return finish(r, i, j + 1, RC_TIMEX_DATE, "published");
            }
        }
    }
    if ((n = lx(c, k, C_POS, NULL))) {
        k += n;
        marked = 1;
        if (is_p(c, k, '-'))
            k++;
        if (c->fr && (is_w(c, k, "des") || is_w(c, k, "du")))
            k++;
    }
    if ((n = lx(c, k, C_YEARW, NULL))) {
        k += n;
        marked = 1;
    }
    /* decades */
    if ((n = lx(c, k, C_DECADE, NULL)) && c->fr) {
        int j = k + n;
        if (int_tok(c, j, 4, &v) && (c->T[j].nd == 2 || c->T[j].nd == 4) && v % 10 == 0) {
            int dec = c->T[j].nd == 2 ? 190 + v / 10 : v / 10;
            snprintf(r->val, sizeof r->val, "%dX", dec);
            return finish(r, i, j + 1, RC_TIMEX_DATE, "absolute");
        }
        return 0;
    }
    if (!c->fr && (is_w(c, k, "the") || marked)) {
        int j = k + (is_w(c, k, "the") ? 1 : 0);
        int apos = 0;
        if (c->T[j].kind == K_PUNCT && (c->text[c->T[j].s] == '\'' || (unsigned char)c->text[c->T[j].s] == 0xE2)) {
            j++;
            apos = 1;
        }
        if (int_tok(c, j, 4, &v) && v % 10 == 0 && is_w(c, j + 1, "s") && !c->T[j + 1].sp &&
            ((apos && c->T[j].nd == 2) || (!apos && c->T[j].nd == 4))) {
            int dec = c->T[j].nd == 2 ? 190 + v / 10 : v / 10;
            snprintf(r->val, sizeof r->val, "%d", dec);
            return finish(r, i, j + 2, RC_TIMEX_DATE, "absolute");
        }
    }
    /* centuries */
    if (c->T[k].kind == K_WORD && c->T[k].fl >= 2 && !c->T[k].lx) {
        const char *w = c->pool + c->T[k].f;
        size_t l = c->T[k].fl;
        size_t sl = (l > 3 && !memcmp(w + l - 3, "eme", 3)) ? 3 : (w[l - 1] == 'e' ? 1 : 0);
        int cen = sl ? roman(w, l - sl) : -1;
        if (cen > 0 && cen < 30 && has(&c->T[k + 1], C_CENTURY, NULL)) {
            snprintf(r->val, sizeof r->val, c->fr ? "%02dXX" : "%02d", cen - 1);
            return finish(r, i, k + 2, RC_TIMEX_DATE, "absolute");
        }
    }
    if (int_tok(c, k, 2, &v) && v > 0 && v < 30 && has(&c->T[k + 1], C_ORDSUF, NULL) &&
        has(&c->T[k + 2], C_CENTURY, NULL)) {
        snprintf(r->val, sizeof r->val, "%02d", v - 1);
        return finish(r, i, k + 3, RC_TIMEX_DATE, "absolute");
    }
    if (!year_tok(c, k, 0, &y))
        return 0;
    if (!c->fr && is_w(c, k + 1, "s") && !c->T[k + 1].sp && y % 10 == 0) {
        snprintf(r->val, sizeof r->val, "%d", y / 10);
        return finish(r, i, k + 2, RC_TIMEX_DATE, "absolute");
    }
    if (!marked) {
        const tk *p = k > 0 ? &c->T[k - 1] : NULL;
        const tk *nx = &c->T[k + 1];
        int prep = p && (has(p, C_YPREP, NULL) || has(p, C_MONTH, NULL) || p->kind == K_PUNCT);
        if (p && p->kind == K_PUNCT) {
            char ch = c->text[p->s];
            if (ch == '$' || ch == '#' || (unsigned char)ch == 0xE2 || (unsigned char)ch == 0xC2)
                return 0;
        }
        if (p && p->kind == K_NUM)
            return 0;
        if (nx->kind == K_PUNCT && (c->text[nx->s] == '%' || ((c->text[nx->s] == ',' || c->text[nx->s] == '.') && !nx->sp && c->T[k + 2].kind == K_NUM)))
            return 0;
        if (nx->kind == K_NUM && nx->sp && nx->nd == 3)
            return 0;
        /* a year used as an adjective after an article or a possessive
         * ("a 1996 law", "the company's 1989 results", "his 1996 campaign")
         * is a year: a count cannot follow "a" or a possessive */
        int det = 0;
        if (!c->fr && p && p->kind == K_WORD) {
            const char *w = c->pool + p->f;
            det = is_w(c, k - 1, "a") || is_w(c, k - 1, "an") || is_w(c, k - 1, "his") ||
                  is_w(c, k - 1, "her") || is_w(c, k - 1, "its") || is_w(c, k - 1, "their") ||
                  is_w(c, k - 1, "our") || (p->fl > 2 && w[p->fl - 2] == '\'' && w[p->fl - 1] == 's');
        }
        if (nx->kind == K_WORD && !nx->cap && !nx->lx && !prep && !det)
            return 0;
        if (!prep && (y < 1800))
            return 0;
    }
    c->a.sent_year = y;
    c->a.sent_year_sent = c->T[k].sent;
    c->a.sent_year_bare = 1;
    snprintf(r->val, sizeof r->val, "%04d", y);
    r->y = y;
    return finish(r, i, k + 1, RC_TIMEX_DATE, "absolute");
}

/* A period of the calendar shifted by off units from the publication date:
 * unit U_Y, U_M, U_W, U_WE, U_Q, U_HALF. */
static void period_value(const ctx *c, char *v, size_t cap, int unit, int off)
{
    if (!c->dct_ok) {
        const char *u = unit == U_Y ? "XXXX" : unit == U_M ? "XXXX-XX" : unit == U_Q ? "XXXX-QX" :
                        unit == U_HALF ? "XXXX-HX" : unit == U_WE ? "XXXX-WXX-WE" : "XXXX-WXX";
        snprintf(v, cap, "%s", u);
        return;
    }
    int y = c->dy, m = c->dm;
    switch (unit) {
    case U_Y:
        snprintf(v, cap, "%04d", y + off);
        break;
    case U_M: {
        int t = y * 12 + (m - 1) + off;
        snprintf(v, cap, "%04d-%02d", t / 12, t % 12 + 1);
        break;
    }
    case U_Q: {
        int t = y * 4 + (m - 1) / 3 + off;
        snprintf(v, cap, "%04d-Q%d", t / 4, t % 4 + 1);
        break;
    }
    case U_HALF: {
        int t = y * 2 + (m - 1) / 6 + off;
        snprintf(v, cap, "%04d-H%d", t / 2, t % 2 + 1);
        break;
    }
    default: {
        int wy, wn;
        rc_cal_iso_week(c->dct + 7L * off, &wy, &wn);
        snprintf(v, cap, unit == U_WE ? "%04d-W%02d-WE" : "%04d-W%02d", wy, wn);
        break;
    }
    }
}

/* "cette semaine", "l'an dernier", "la semaine prochaine", "le mois
 * dernier", "ce week-end", "last year", "next week", "this month",
 * "la fin de l'année", "earlier this year", "early next year". */
static int m_deictic(ctx *c, int i, res *r)
{
    int k = i, n, u = 0, off = 0, got = 0;
    if ((n = lx(c, k, C_POS, NULL)) || (!c->fr && (n = lx(c, k, C_EARLIER, NULL))) ||
        (!c->fr && (n = lx(c, k, C_LATER, NULL))))
        k += n;
    int det = 0;
    if (has(&c->T[k], C_DET, NULL) && !is_w(c, k, "les")) {
        det = 1;
        k++;
    }
    if (!c->fr && has(&c->T[k], C_YAGO, NULL)) {
        k++;
        int per = is_w(c, k, "quarter") ? 'Q' : sentence_period(c, i);
        if (is_w(c, k, "quarter") || is_w(c, k, "period"))
            k++;
        if (per != 'Y' && (c->a.q_q || (per == 'Q' && c->dct_ok)))
            snprintf(r->val, sizeof r->val, "%04d-Q%d", (c->a.q_q ? c->a.q_y : c->dy - (c->dm <= 3)) - 1,
                     c->a.q_q ? c->a.q_q : ((c->dm - 1) / 3 + 3) % 4 + 1);
        else
            period_value(c, r->val, sizeof r->val, U_Y, -1);
        return finish(r, i, k, RC_TIMEX_DATE, "context");
    }
    if (!c->fr && det && is_w(c, k, "weekend") && c->dct_ok) {
        long z = rc_cal_weekday(c->dct) >= 6 || tense(c, i) > 0 ? c->dct : c->dct - 7;
        int wy, wn;
        rc_cal_iso_week(z, &wy, &wn);
        snprintf(r->val, sizeof r->val, "%04d-W%02d-WE", wy, wn);
        return finish(r, i, k + 1, RC_TIMEX_DATE, "published-tense");
    }
    /* "that year", "the same year", "cette année-là", "la même année":
     * the narrative year */
    if (c->a.ny && ((!c->fr && (is_w(c, k, "that") || (det && is_w(c, k, "same"))) && is_w(c, k + 1, "year")) ||
                    (c->fr && det && is_w(c, k, "meme") && is_w(c, k + 1, "annee")) ||
                    (c->fr && (is_w(c, k, "cette") && is_w(c, k + 1, "annee") && is_p(c, k + 2, '-') &&
                               is_w(c, k + 3, "la"))))) {
        snprintf(r->val, sizeof r->val, "%04d", c->a.ny);
        return finish(r, i, k + (is_w(c, k + 2, "-") || is_p(c, k + 2, '-') ? 4 : 2), RC_TIMEX_DATE, "context");
    }
    int fis = 0, ana = 0;
    if ((n = lx(c, k, C_THIS, NULL)) || (!c->fr && ((n = lx(c, k, C_LAST, NULL)) || (n = lx(c, k, C_NEXT, NULL)))))
        fis = is_w(c, k + n, "fiscal");
    /* "the following year", "the previous month", "l'année suivante",
     * "le mois précédent" are counted from the narrative time, not from
     * the publication ("On May 22, 1995 ... the following year" is 1996) */
    for (int j = k; j < k + 3 && j < c->n; j++)
        if (is_w(c, j, "following") || is_w(c, j, "previous") || is_w(c, j, "suivant") ||
            is_w(c, j, "suivante") || is_w(c, j, "precedent") || is_w(c, j, "precedente"))
            ana = 1;
    if ((n = lx(c, k, C_THIS, NULL)) && !is_w(c, k, "ces") && has(&c->T[k + n + fis], C_UNIT, &u)) {
        k += n + fis + 1;
        got = 1;
        if (c->fr && is_p(c, k, '-') && is_w(c, k + 1, "ci"))
            k += 2;
    } else if (!c->fr && ((n = lx(c, k, C_LAST, NULL)) || (n = lx(c, k, C_NEXT, NULL))) &&
               has(&c->T[k + n + fis], C_UNIT, &u)) {
        off = lx(c, k, C_NEXT, NULL) ? 1 : -1;
        k += n + fis + 1;
        got = 1;
    } else if (c->fr && has(&c->T[k], C_UNIT, &u)) {
        if (has(&c->T[k + 1], C_LAST, NULL)) {
            off = -1;
            k += 2;
            got = 1;
        } else if (has(&c->T[k + 1], C_NEXT, NULL)) {
            off = 1;
            k += 2;
            got = 1;
        } else if (k > i + det && det && (u == U_Y)) {
            /* "la fin de l'année" */
            k++;
            got = 1;
        } else if (k > i && !det && (u == U_Y || u == U_M || u == U_W) && i > 0 &&
                   (is_w(c, i - 1, "en") || is_w(c, i - 1, "des") || is_w(c, i - 1, "vers") ||
                    is_w(c, i - 1, "jusqu'en"))) {
            /* "en début de semaine", "en fin de mois", "dès la fin d'année":
             * the current one (not "une fête de fin d'année") */
            k++;
            got = 1;
        }
    } else if (!c->fr && k > i + det && det && has(&c->T[k], C_UNIT, &u) && u == U_Y &&
               !is_w(c, k + 1, "ended") && !is_w(c, k + 1, "ending")) {
        /* "the end of the year", "the middle of the year" */
        k++;
        got = 1;
    } else if (!c->fr && k == i && is_poss(c, k, "year") &&
               (is_w(c, k + 1, "end") || (is_p(c, k + 1, '-') && !c->T[k + 1].sp && is_w(c, k + 2, "end")))) {
        /* "by year-end", "by year end", "by year's end": this year */
        k += is_w(c, k + 1, "end") ? 2 : 3;
        u = U_Y;
        got = 1;
    }
    if (!got)
        return 0;
    if (u != U_Y && u != U_M && u != U_W && u != U_WE && u != U_Q && u != U_HALF)
        return 0;
    /* plural units are durations ("ces derniers mois") */
    const tk *ut = &c->T[k - 1];
    if (ut->kind == K_WORD && ut->fl > 3 && c->pool[ut->f + ut->fl - 1] == 's' &&
        c->pool[ut->f + ut->fl - 2] != '\'' && !is_w(c, k - 1, "mois"))
        return 0;
    if (u == U_Q && !c->fr && off == -1 && c->a.q_q) {
        /* "the latest quarter": the one being reported */
        snprintf(r->val, sizeof r->val, "%04d-Q%d", c->a.q_y, c->a.q_q);
        return finish(r, i, k, RC_TIMEX_DATE, "context");
    }
    if (ana && off && c->a.ny && (u == U_Y || (u == U_M && c->a.nm))) {
        if (u == U_Y) {
            snprintf(r->val, sizeof r->val, "%04d", c->a.ny + off);
        } else {
            int mm = c->a.ny * 12 + c->a.nm - 1 + off;
            snprintf(r->val, sizeof r->val, "%04d-%02d", mm / 12, mm % 12 + 1);
        }
        return finish(r, i, k, RC_TIMEX_DATE, "context");
    }
    period_value(c, r->val, sizeof r->val, u, off);
    return finish(r, i, k, RC_TIMEX_DATE, c->dct_ok ? "published" : "underspecified");
}

/* Quarters and halves: "the third quarter", "third-quarter", "le premier
 * trimestre 2002", "the fourth quarter of 1989", "the quarter". */
static int m_quarter(ctx *c, int i, res *r)
{
    int k = i, q = 0, u = 0, y = -1, v, n;
    int det = 0;
    if (has(&c->T[k], C_DET, NULL) || is_w(c, k, "au")) {
        det = 1;
        k++;
    }
    if (!c->fr && (det || has(&c->T[k], C_YAGO, NULL) || has(&c->T[k], C_LAST, NULL) ||
                   has(&c->T[k], C_THIS, NULL) || has(&c->T[k], C_NEXT, NULL))) {
        /* a year before the quarter: "the 1988 third quarter", "the
         * year-ago quarter", "next year's first quarter", "the 1989
         * period"; the year's own quarter number, else the one in
         * context */
        int j = k, qy = -1;
        if (is_w(c, j, "comparable") || is_w(c, j, "corresponding") || is_w(c, j, "same"))
            j++;
        if (det && year_tok(c, j, 0, &v)) {
            qy = v;
            j++;
        } else if (has(&c->T[j], C_YAGO, NULL)) {
            qy = (c->a.q_q ? c->a.q_y : c->dct_ok ? c->dy : 0) - 1;
            j++;
        } else if (((n = lx(c, j, C_LAST, NULL)) || (n = lx(c, j, C_THIS, NULL)) ||
                    (n = lx(c, j, C_NEXT, NULL))) && n == 1 && is_poss(c, j + 1, "year") && c->dct_ok) {
            qy = c->dy + (lx(c, j, C_LAST, NULL) ? -1 : lx(c, j, C_NEXT, NULL) ? 1 : 0);
            j += 2;
        }
        if (qy < 0 && det && is_w(c, j, "latest") && is_w(c, j + 1, "period") && c->dct_ok) {
            /* "the latest period": the quarter being reported */
            qy = c->a.q_q ? c->a.q_y : c->dy - (c->dm <= 3);
            j++;
        }
        if (qy > 0) {
            int qq = 0;
            if (is_w(c, j, "fiscal"))
                j++;
            if (has(&c->T[j], C_ORD, &qq) && qq <= 4) {
                j++;
                if (is_p(c, j, '-') && !c->T[j].sp)
                    j++;
                if (!is_w(c, j, "quarter"))
                    return 0;
            } else if (!is_w(c, j, "quarter") && !is_w(c, j, "period")) {
                return 0;
            }
            if (!qq)
                qq = c->a.q_q ? c->a.q_q : c->dct_ok ? ((c->dm - 1) / 3 + 3) % 4 + 1 : 0;
            if (qq)
                snprintf(r->val, sizeof r->val, "%04d-Q%d", qy, qq);
            else
                snprintf(r->val, sizeof r->val, "%04d-QX", qy);
            return finish(r, i, j + 1, RC_TIMEX_DATE, "context");
        }
    }
    if (is_w(c, k, "fiscal"))
        k++;
    if (!c->fr && det && is_w(c, k, "last") && is_w(c, k + 1, "half")) {
        q = 2;          /* "the last half of 1989" */
        u = U_HALF;
        k += 2;
    } else if (has(&c->T[k], C_ORD, &q)) {
        k++;
        if (is_p(c, k, '-') && !c->T[k].sp)
            k++;
        if (!has(&c->T[k], C_UNIT, &u) || (u != U_Q && u != U_HALF))
            return 0;
        if ((u == U_Q && q > 4) || (u == U_HALF && q > 2))
            return 0;
        k++;
    } else if (det && !c->fr && has(&c->T[k], C_UNIT, &u) && u == U_Q && is_w(c, k, "quarter")) {
        k++;
        if (c->a.q_q)
            snprintf(r->val, sizeof r->val, "%04d-Q%d", c->a.q_y, c->a.q_q);
        else
            period_value(c, r->val, sizeof r->val, U_Q, -1);
        return finish(r, i, k, RC_TIMEX_DATE, "context");
    } else {
        return 0;
    }
    int j = k;
    if (is_w(c, j, "of") || is_w(c, j, "de"))
        j++;
    if (year_tok(c, j, 0, &v)) {
        y = v;
        k = j + 1;
    } else if (c->fr && (is_w(c, k, "de") && is_w(c, k + 1, "l'") && is_w(c, k + 2, "annee"))) {
        k += 3;
    }
    const char *how = "absolute";
    if (y < 0) {
        if (!c->dct_ok) {
            snprintf(r->val, sizeof r->val, "XXXX-%c%d", u == U_Q ? 'Q' : 'H', q);
            return finish(r, i, k, RC_TIMEX_DATE, "underspecified");
        }
        y = c->dy;
        int cur = u == U_Q ? (c->dm - 1) / 3 + 1 : (c->dm - 1) / 6 + 1;
        if (q > cur && tense(c, i) < 0)
            y--;
        how = "published";
    }
    snprintf(r->val, sizeof r->val, "%04d-%c%d", y, u == U_Q ? 'Q' : 'H', q);
    if (u == U_Q) {
        c->a.q_y = y;
        c->a.q_q = q;
    }
    return finish(r, i, k, RC_TIMEX_DATE, how);
}

static const char unit_letter[] = {0, 'Y', 'M', 'W', 'D', 'H', 'M', 'S', 'E', 'C', 'Q', 'H', 'W'};

static void dur_value(char *v, size_t cap, int u, const char *num)
{
    int t = u == U_H || u == U_MIN || u == U_S;
    int n = num[0] >= '1' && num[0] <= '9' && !strchr(num, '.') ? atoi(num) : 0;
    if ((u == U_DEC || u == U_CENT) && n > 0 && n < 100)
        snprintf(v, cap, "P%dY", n * (u == U_DEC ? 10 : 100));   /* TimeBank: "P20Y" */
    else if (u == U_HALF)
        snprintf(v, cap, "P%sH", num);
    else if (u == U_WE)
        snprintf(v, cap, "P%sWE", num);
    else
        snprintf(v, cap, "P%s%s%c", t ? "T" : "", num, unit_letter[u]);
}

/* Durations and the dates they point to: "trois ans", "48 heures", "two
 * weeks", "plusieurs mois", "près de quatre ans", "the past two months",
 * "il y a trois jours", "three days ago", "dans deux semaines", "deux
 * jours plus tard", "a year earlier", "un demi-siècle", "two-year". */
static int m_duration(ctx *c, int i, res *r)
{
    int k = i, n, v = -1, u = 0, ago = 0, inpre = 0, vague = 0;
    char num[24] = "";
    if (!c->fr && i > 0 && has(&c->T[i], C_UNIT, &u) && u != U_Q && u != U_HALF && u != U_WE &&
        c->T[i].fl > 3 && c->pool[c->T[i].f + c->T[i].fl - 1] == 's' &&
        (is_w(c, i - 1, "for") || is_w(c, i - 1, "within") || is_w(c, i - 1, "in"))) {
        /* bare plurals: "for years", "within weeks" */
        dur_value(r->val, sizeof r->val, u, "X");
        return finish(r, i, i + 1, RC_TIMEX_DURATION, "vague");
    }
    u = 0;
    if (c->fr && (n = lx(c, k, C_AGOPRE, NULL))) {
        k += n;
        ago = 1;
    } else if (c->fr && (n = lx(c, k, C_INPRE, NULL))) {
        k += n;
        inpre = 1;
    }
    if ((n = lx(c, k, C_APPROX, NULL)))
        k += n;
    int det = 0;
    if ((has(&c->T[k], C_DET, NULL) || has(&c->T[k], C_THIS, NULL)) && !is_w(c, k, "l'") &&
        !is_w(c, k, "le") && !is_w(c, k, "la")) {
        det = 1;
        k++;
    }
    int lastnext = 0;
    if (((!c->fr || det) && ((n = lx(c, k, C_LAST, NULL)) || (n = lx(c, k, C_NEXT, NULL)))) ||
        (det && has(&c->T[k], C_ORD, &v) && v == 1 && (n = 1))) {
        lastnext = 1;
        k += n;
        v = -1;
    }
    const tk *t = &c->T[k];
    int half = 0;
    if (t->kind == K_NUM && !t->sep && t->num >= 0 && t->nd <= 6) {
        v = t->num;
        snprintf(num, sizeof num, "%d", v);
        k++;
        if (c->T[k].kind == K_NUM && c->T[k].num == 1 && c->T[k].sp && is_p(c, k + 1, '/') &&
            c->T[k + 2].kind == K_NUM && c->T[k + 2].num == 2 && !c->T[k + 2].sp) {
            half = 1;   /* "2 1/2 years" */
            k += 3;
        }
    } else if (t->kind == K_NUM && t->sep && t->nd <= 6 && t->e - t->s < 12) {
        size_t l = t->e - t->s;
        memcpy(num, c->text + t->s, l);
        num[l] = 0;
        for (size_t q = 0; q < l; q++)
            if (num[q] == ',')
                num[q] = '.';
        v = 1;
        k++;
    } else if (t->kind == K_WORD && t->num >= 0 && (n = lx(c, k, C_NUM, NULL)) > 1) {
        v = t->num;
        snprintf(num, sizeof num, "%d", v);
        k += n;
    } else if (t->kind == K_WORD && t->num >= 0) {
        v = t->num;
        k++;
        /* "twenty four", "vingt et un" are rare; "twenty four" handled */
        const tk *t2 = &c->T[k];
        if (v >= 20 && v < 100 && v % 10 == 0 && t2->kind == K_WORD && t2->num > 0 && t2->num < 10) {
            v += t2->num;
            k++;
        } else if (v < 100 && t2->kind == K_WORD && (t2->num == 100 || t2->num == 1000)) {
            v *= t2->num;       /* "two thousand years" */
            k++;
        }
        snprintf(num, sizeof num, "%d", v);
    } else if ((n = lx(c, k, C_FEW, NULL))) {
        vague = 1;
        k += n;
    } else if (!lastnext && !has(t, C_DURW, NULL)) {
        return 0;
    }
    if (is_p(c, k, '-') && !c->T[k].sp)
        k++;
    if (c->fr && has(&c->T[k], C_LAST, NULL))
        k++;
    int dw;
    if ((n = lx(c, k, C_DURW, &dw))) {
        k += n;
        if (dw % 12 == 0)
            snprintf(r->val, sizeof r->val, "P%dY", dw / 12 * (v > 0 ? v : 1));
        else
            snprintf(r->val, sizeof r->val, "P%dM", dw * (v > 0 ? v : 1));
        return finish(r, i, k, RC_TIMEX_DURATION, "absolute");
    }
    if (!has(&c->T[k], C_UNIT, &u)) {
        /* "48 h" */
        if (v > 24 && c->fr && is_w(c, k, "h"))
            u = U_H;
        else if (v > 0 && !vague && (is_w(c, k, "a") || is_w(c, k, "to") || is_w(c, k, "ou") ||
                                     is_w(c, k, "or") || is_p(c, k, '-')) &&
                 c->T[k + 1].num > v && has(&c->T[k + 2], C_UNIT, &u) && u != U_WE) {
            /* "de 8 à 24 mois": the first bound takes the unit */
            dur_value(r->val, sizeof r->val, u, num);
            return finish(r, i, k, RC_TIMEX_DURATION, "range");
        } else
            return 0;
    }
    /* ages: "Jean Burget, 87 ans", "un chauffeur de 38 ans" */
    if (c->fr && u == U_Y && c->T[k - 1].kind == K_NUM && k - 1 == i && i > 0 && !ago && !inpre &&
        (is_p(c, i - 1, ',') || is_w(c, i - 1, "de") || is_w(c, i - 1, "d'") || is_p(c, i - 1, '-')))
        return 0;
    if (u == U_S && is_w(c, k + 1, "fois"))
        return 0;
    const tk *ut = &c->T[k];
    int plural = ut->fl > 2 && ((c->pool[ut->f + ut->fl - 1] == 's' && c->pool[ut->f + ut->fl - 2] != '\'') ||
                                is_w(c, k, "mois"));
    /* ages ("52 years old"), fractions ("three-quarters of", "a half") */
    if (!c->fr && ((is_w(c, k + 1, "old") || (is_p(c, k + 1, '-') && is_w(c, k + 2, "old"))) || u == U_HALF ||
                   (u == U_Q && plural && v > 0 && is_w(c, k + 1, "of"))))
        return 0;
    /* "the 1988 quarter", "the 1988 second quarter" are dates */
    if (!plural && c->T[k - 1].kind == K_NUM && c->T[k - 1].nd == 4 && v >= 1800 && v <= 2100)
        return 0;
    k++;
    if (v < 0 && !vague) {
        /* "the past year", "recent years", "ces derniers jours" */
        if (!lastnext || !plural)
            return 0;
        vague = 1;
    }
    if (vague && !plural)
        return 0;
    if (v == 0 || (v > 0 && u == U_WE))
        return 0;
    if (vague)
        snprintf(num, sizeof num, "X");
    if (half) {
        if (u != U_Y && u != U_H && u != U_D)
            return 0;
        snprintf(r->val, sizeof r->val, u == U_Y ? "P%dY6M" : u == U_D ? "P%dDT12H" : "PT%dH30M", v);
        return finish(r, i, k, RC_TIMEX_DURATION, "absolute");
    }
    /* "ago", "earlier", "later", "plus tard" */
    int rel = 0;
    if (!c->fr && (n = lx(c, k, C_AGO, NULL))) {
        ago = 1;
        k += n;
    } else if ((n = lx(c, k, C_EARLIER, NULL)) && !vague && !ago && !inpre) {
        rel = -1;
        k += n;
    } else if ((n = lx(c, k, C_LATER, NULL)) && !vague && !ago && !inpre && !is_w(c, k, "after") &&
               !is_w(c, k, "apres")) {
        /* "four years later" counts from an event of the story: the last
         * day or year written; without one it is only a length of time
         * (never the publication date plus four years) */
        if (c->a.ref_ok || (c->a.ny && u == U_Y)) {
            rel = 1;
            k += n;
        }
    }
    if ((ago || inpre || rel) && !vague && v > 0 && u != U_H && u != U_MIN && u != U_S) {
        int sign = ago || rel < 0 ? -1 : 1;
        long base = 0;
        int ok;
        const char *how = "published";
        if (rel > 0 && !c->a.ref_ok) {
            ok = 1;             /* the narrative year (above) */
            base = rc_cal_days(c->a.ny, 7, 1);
            how = "context";
        } else if (rel) {
            ok = day_anchor(c, &base);
            how = "context";
        } else {
            ok = c->dct_ok;
            base = c->dct;
        }
        int per = (rel < 0 || ago) && u == U_Y && v == 1 && !c->fr ? sentence_period(c, i) : 'Y';
        if (per != 'Y' && (c->a.q_q || (per == 'Q' && c->dct_ok))) {
            /* "a year earlier" after a quarter's results: that quarter */
            int qy = c->a.q_q ? c->a.q_y : c->dy - (c->dm <= 3);
            int qq = c->a.q_q ? c->a.q_q : ((c->dm - 1) / 3 + 3) % 4 + 1;
            snprintf(r->val, sizeof r->val, "%04d-Q%d", qy - 1, qq);
            return finish(r, i, k, RC_TIMEX_DATE, "context");
        }
        if (!ok) {
            snprintf(r->val, sizeof r->val, u == U_Y ? "XXXX" : u == U_M ? "XXXX-XX" : "XXXX-XX-XX");
            return finish(r, i, k, RC_TIMEX_DATE, "underspecified");
        }
        int y, m, d;
        rc_cal_civil(base, &y, &m, &d);
        if (u == U_D || (u == U_W && c->fr)) {
            put_day(r->val, sizeof r->val, base + sign * (long)v * (u == U_W ? 7 : 1));
        } else if (u == U_W || u == U_WE) {
            int wy, wn;
            rc_cal_iso_week(base + sign * 7L * v, &wy, &wn);
            snprintf(r->val, sizeof r->val, "%04d-W%02d", wy, wn);
        } else if (u == U_M) {
            long t2 = (long)y * 12 + (m - 1) + sign * (long)v;
            snprintf(r->val, sizeof r->val, "%04ld-%02ld", t2 / 12, t2 % 12 + 1);
        } else if (u == U_Q) {
            long t2 = (long)y * 4 + (m - 1) / 3 + sign * (long)v;
            snprintf(r->val, sizeof r->val, "%04ld-Q%ld", t2 / 4, t2 % 4 + 1);
        } else if (u == U_Y) {
            snprintf(r->val, sizeof r->val, "%04ld", (long)y + sign * (long)v);
        } else if (u == U_DEC) {
            snprintf(r->val, sizeof r->val, "%03ld", ((long)y + sign * 10L * v) / 10);
        } else if (u == U_CENT) {
            snprintf(r->val, sizeof r->val, "%02ld", ((long)y + sign * 100L * v) / 100);
        } else {
            return 0;
        }
        return finish(r, i, k, RC_TIMEX_DATE, how);
    }
    if (inpre)
        return 0;
    if (ago && vague) {
        snprintf(r->val, sizeof r->val, "PAST_REF");
        return finish(r, i, k, RC_TIMEX_DATE, "vague");
    }
    dur_value(r->val, sizeof r->val, u, num);
    return finish(r, i, k, RC_TIMEX_DURATION, vague ? "vague" : "absolute");
}

/* The value of "every v units". */
static void set_unit(char *val, size_t cap, int v, int u)
{
    if (u == U_H || u == U_MIN || u == U_S)
        snprintf(val, cap, "PT%d%c", v, unit_letter[u]);
    else if (u == U_WE)
        snprintf(val, cap, "XXXX-WXX-WE");
    else if (u == U_Q || u == U_HALF)
        snprintf(val, cap, "P%dM", v * (u == U_Q ? 3 : 6));
    else if (u == U_DEC || u == U_CENT)
        snprintf(val, cap, "P%dY", v * (u == U_DEC ? 10 : 100));
    else
        snprintf(val, cap, "P%d%c", v, unit_letter[u]);
}

/* Sets: "chaque lundi", "tous les jeudis", "every year", "chaque jour",
 * "par an", "daily", "annuel", "every July", "on Mondays". */
static int m_set(ctx *c, int i, res *r)
{
    int k = i, n, v = 1, u, x;
    if ((n = lx(c, k, C_SETW, &u))) {
        /* "le quotidien Le Monde" is a newspaper */
        if (c->fr && u == U_D && i > 0 && (is_w(c, i - 1, "le") || is_w(c, i - 1, "du") ||
                                           is_w(c, i - 1, "au") || is_w(c, i - 1, "un")))
            return 0;
        if (u == U_H)
            snprintf(r->val, sizeof r->val, "PT1H");
        else if (u == U_Q)
            snprintf(r->val, sizeof r->val, "P3M");
        else
            snprintf(r->val, sizeof r->val, "P1%c", unit_letter[u]);
        return finish(r, i, k + n, RC_TIMEX_SET, "absolute");
    }
    int every = 0;
    if ((n = lx(c, k, C_EVERY, NULL))) {
        every = 1;
        k += n;
        if (is_w(c, k, "les") || is_w(c, k, "the"))
            k++;
    } else if ((n = lx(c, k, C_SETPER, NULL))) {
        k += n;
        if (is_w(c, i, "a") && !c->fr) {
            const tk *p = i > 0 ? &c->T[i - 1] : NULL;
            if (!p || !(p->kind == K_NUM || is_w(c, i - 1, "million") || is_w(c, i - 1, "billion") ||
                        is_w(c, i - 1, "times") || is_w(c, i - 1, "percent") || is_w(c, i - 1, "once") ||
                        is_w(c, i - 1, "twice") || is_w(c, i - 1, "dollars")))
                return 0;
        }
        if (!has(&c->T[k], C_UNIT, &u) || c->pool[c->T[k].f + c->T[k].fl - 1] == 's')
            return 0;
        set_unit(r->val, sizeof r->val, 1, u);
        return finish(r, i, k + 1, RC_TIMEX_SET, "absolute");
    } else if (!c->fr && is_w(c, k, "on") && has(&c->T[k + 1], C_WDAYS, &x) && c->T[k + 1].cap) {
        snprintf(r->val, sizeof r->val, "XXXX-WXX-%d", x);
        return finish(r, i + 1, k + 2, RC_TIMEX_SET, "absolute");
    } else if (c->fr && is_w(c, k, "les") && has(&c->T[k + 1], C_WDAYS, &x)) {
        snprintf(r->val, sizeof r->val, "XXXX-WXX-%d", x);
        return finish(r, i, k + 2, RC_TIMEX_SET, "absolute");
    }
    if (!every)
        return 0;
    const tk *t = &c->T[k];
    if (t->num > 1 && t->kind != K_END) {
        v = t->num;
        k++;
        t = &c->T[k];
    }
    if (has(t, C_UNIT, &u)) {
        set_unit(r->val, sizeof r->val, v, u);
    } else if (has(t, C_WDAY, &x) || has(t, C_WDAYS, &x)) {
        snprintf(r->val, sizeof r->val, "XXXX-WXX-%d", x);
    } else if (has(t, C_MONTH, &x)) {
        snprintf(r->val, sizeof r->val, "XXXX-%02d", x);
    } else if (has(t, C_SEASON, &x)) {
        snprintf(r->val, sizeof r->val, "XXXX-%s", season_code[x]);
    } else if (has(t, C_PART, &x)) {
        snprintf(r->val, sizeof r->val, "XXXX-XX-XXT%s", part_code[x]);
    } else {
        return 0;
    }
    return finish(r, i, k + 1, RC_TIMEX_SET, "absolute");
}

/* PRESENT_REF, PAST_REF, FUTURE_REF words. */
static int m_ref(ctx *c, int i, res *r)
{
    int v, n = lx(c, i, C_REF, &v);
    if (!c->fr && !n && i > 0 && is_w(c, i - 1, "in") && is_w(c, i, "the") && is_w(c, i + 1, "past") &&
        c->T[i + 2].num < 0 && !has(&c->T[i + 2], C_UNIT, NULL) && !has(&c->T[i + 2], C_FEW, NULL)) {
        snprintf(r->val, sizeof r->val, "PAST_REF");   /* "in the past" */
        return finish(r, i, i + 2, RC_TIMEX_DATE, "reference");
    }
    if (!n || v < 1 || v > 4)
        return 0;
    /* English "current"/"recent" before a unit are deictic, not references */
    static const char *const refs[] = {"", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "TNI"};
    snprintf(r->val, sizeof r->val, "%s", refs[v]);
    return finish(r, i, i + n, c->fr || v == 4 ? RC_TIMEX_TIME : RC_TIMEX_DATE, "reference");
}

/* Seasons: "cet été", "l'automne", "l'été dernier", "last fall", "the
 * summer of 1999", "les mois d'été" (generic). */
static int m_season(ctx *c, int i, res *r)
{
    int k = i, n, s, mode = 0, y = -1, v, marked = 0, generic = 0;
    if ((n = lx(c, k, C_POS, NULL)))
        k += n;
    if (has(&c->T[k], C_DET, NULL) && !is_w(c, k, "les")) {
        k++;
        marked = 1;
    }
    if ((n = lx(c, k, C_THIS, NULL)) && !is_w(c, k, "ces")) {
        k += n;
        marked = 1;
    } else if (!c->fr && (n = lx(c, k, C_LAST, NULL))) {
        k += n;
        marked = 1;
        mode = -1;
    } else if (!c->fr && (n = lx(c, k, C_NEXT, NULL))) {
        k += n;
        marked = 1;
        mode = 1;
    }
    if (!has(&c->T[k], C_SEASON, &s))
        return 0;
    if (!marked && k > 0 && (is_w(c, k - 1, "en") || is_w(c, k - 1, "in") || is_w(c, k - 1, "during")))
        marked = 1;
    if (!marked && k > 1 && c->fr && is_w(c, k - 1, "d'") && is_w(c, k - 2, "mois"))
        marked = generic = 1;
    k++;
    if (c->fr && has(&c->T[k], C_LAST, NULL)) {
        mode = -1;
        k++;
    } else if (c->fr && has(&c->T[k], C_NEXT, NULL)) {
        mode = 1;
        k++;
    }
    int j = k + (is_w(c, k, "of") || is_w(c, k, "de") ? 1 : 0);
    if (year_tok(c, j, 0, &v)) {
        y = v;
        k = j + 1;
        marked = 1;
    }
    if (!marked)
        return 0;
    if (y < 0 && !generic && c->dct_ok) {
        /* the current season; a winter is named by the year it starts in */
        int cur = c->dm == 12 || c->dm <= 2 ? 4 : (c->dm - 3) / 3 + 1;
        int cy = c->dm <= 2 ? c->dy - 1 : c->dy;
        y = mode == 0 && s != 4 ? c->dy : cy;
        if (mode < 0 && s >= cur)
            y--;
        if (mode > 0 && s <= cur)
            y++;
    }
    if (y > 0)
        snprintf(r->val, sizeof r->val, "%04d-%s", y, season_code[s]);
    else
        snprintf(r->val, sizeof r->val, "XXXX-%s", season_code[s]);
    return finish(r, i, k, RC_TIMEX_DATE, y > 0 ? "published" : "underspecified");
}

/* Easter Sunday of year y (Gregorian computus). */
static long easter(int y)
{
    int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int l = (32 + 2 * e + 2 * (cc / 4) - h - cc % 4) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int t = h + l - 7 * m + 114;
    return rc_cal_days(y, t / 31, t % 31 + 1);
}

/* The day of holiday code hc in year y.  Codes (data/timex-*.txt): MMDD
 * a fixed day; 5000 + n: n days after Easter; 6000 + MM*100 + W*10 + N:
 * the Nth weekday W of month MM (N = 5: the last; N = 9: the first after
 * the first Monday, US Election Day). */
static long holiday_day(int y, int hc)
{
    if (hc >= 4900 && hc < 5100)
        return easter(y) + (hc - 5000);
    if (hc >= 6000) {
        int m = (hc - 6000) / 100, wd = hc / 10 % 10, nth = hc % 10;
        if (m < 1 || m > 12 || wd < 1 || wd > 7)
            return rc_cal_days(y, 1, 1);
        if (nth == 5)
            return wday_resolve(rc_cal_days(y, m, rc_cal_month_days(y, m)), wd, -1);
        if (nth == 9)
            return wday_resolve(rc_cal_days(y, m, 2), wd, 1);
        return wday_resolve(rc_cal_days(y, m, 1), wd, 1) + 7L * (nth - 1);
    }
    int m = hc / 100, d = hc % 100;
    if (m < 1 || m > 12 || d < 1 || d > rc_cal_month_days(y, m))
        return rc_cal_days(y, 1, 1);
    return rc_cal_days(y, m, d);
}

/* Holidays: "Noël", "Christmas Eve", "la Toussaint 2002", "Thanksgiving",
 * "Pâques", "last Easter".  Without a year: "last"/"next" take the one
 * before/after the publication day, else the month's year from the tense
 * (month_year). */
static int m_holiday(ctx *c, int i, res *r)
{
    int k = i, n, hc, y = -1, v, mode = 0;
    if (!c->fr && (n = lx(c, k, C_LAST, NULL)) && !has(&c->T[k], C_DET, NULL)) {
        mode = -1;
        k += n;
    } else if (!c->fr && (n = lx(c, k, C_NEXT, NULL)) && !has(&c->T[k], C_DET, NULL)) {
        mode = 1;
        k += n;
    } else if (has(&c->T[k], C_DET, NULL)) {
        k++;
    }
    if (!(n = lx(c, k, C_HOLIDAY, &hc)))
        return 0;
    if (!c->fr && !c->T[k].cap)
        return 0;
    int hk = k;
    k += n;
    long z = 0;
    if (year_tok(c, k, 0, &v)) {
        y = v;
        k++;
        z = holiday_day(y, hc);
    } else if (c->dct_ok) {
        if (mode) {
            z = holiday_day(c->dy, hc);
            if (mode < 0 && z >= c->dct)
                z = holiday_day(c->dy - 1, hc);
            else if (mode > 0 && z <= c->dct)
                z = holiday_day(c->dy + 1, hc);
        } else {
            int hy, hm, hd;
            rc_cal_civil(holiday_day(c->dy, hc), &hy, &hm, &hd);
            z = holiday_day(month_year(c, hk, hm), hc);
        }
        y = 1;
    }
    if (y > 0)
        put_day(r->val, sizeof r->val, z);
    else if (hc < 4900) 
        snprintf(r->val, sizeof r->val, "XXXX-%02d-%02d", hc / 100, hc % 100);
    else
        snprintf(r->val, sizeof r->val, "XXXX-XX-XX");
    return finish(r, i, k, RC_TIMEX_DATE, y > 0 ? "absolute" : "underspecified");
}

/* ------------------------------------------------------------ driver */

typedef struct outv {
    rc_arena *a;
    rc_timex *v;
    size_t n, cap;
} outv;

static int emit(ctx *c, outv *o, const res *r)
{
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 16;
        rc_timex *nv = rc_arena_alloc(o->a, nc * sizeof *nv);
        if (!nv)
            return RC_ENOMEM;
        if (o->n)
            memcpy(nv, o->v, o->n * sizeof *nv);
        o->v = nv;
        o->cap = nc;
    }
    rc_timex *x = &o->v[o->n];
    x->start = c->T[r->start].s;
    x->end = c->T[r->end - 1].e;
    x->type = (uint8_t)r->type;
    x->value = rc_arena_str(o->a, rc_str_c(r->val));
    x->how = rc_str_c(r->how);
    if (!x->value.ptr)
        return RC_ENOMEM;
    o->n++;
    const char *v = r->val;
    /* a date written with its year sets the narrative time that "the
     * following year", "that year", "l'année suivante" refer to */
    if (r->type == RC_TIMEX_DATE && r->how && strcmp(r->how, "absolute") == 0 &&
        v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[2] >= '0' && v[3] >= '0' &&
        (v[4] == 0 || (v[4] == '-' && v[5] >= '0' && v[5] <= '1'))) {
        c->a.ny = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
        c->a.nm = v[4] == '-' ? (v[5] - '0') * 10 + (v[6] - '0') : 0;
    }
    /* a day-level date becomes the anchor of what follows */
    if ((r->type == RC_TIMEX_DATE || r->type == RC_TIMEX_TIME) && strlen(v) >= 10 &&
        v[0] >= '0' && v[0] <= '9' && v[4] == '-' && v[7] == '-' && v[8] >= '0' && v[8] <= '9') {
        int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
        int m = (v[5] - '0') * 10 + (v[6] - '0');
        int d = (v[8] - '0') * 10 + (v[9] - '0');
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            c->a.ref = rc_cal_days(y, m, d);
            c->a.ref_ok = 1;
        }
    }
    return 0;
}

/* Numeric dates: "2022-11-14", "14/11/2022" (day first in French, month
 * first in English when the day allows), "14/11/22". */
static int m_numeric(ctx *c, int i, res *r)
{
    int a, b, y, v;
    char sep;
    if (c->T[i].kind != K_NUM || c->T[i].sep)
        return 0;
    const tk *t1 = &c->T[i + 1], *t3 = &c->T[i + 3];
    if (t1->kind != K_PUNCT || t1->sp || c->T[i + 2].sp || t3->kind != K_PUNCT || t3->sp ||
        c->T[i + 4].sp)
        return 0;
    sep = c->text[t1->s];
    if ((sep != '-' && sep != '/' && sep != '.') || c->text[t3->s] != sep)
        return 0;
    if (c->T[i].nd == 4 && int_tok(c, i, 4, &y) && int_tok(c, i + 2, 2, &a) && int_tok(c, i + 4, 2, &b)) {
        /* Y-M-D */
        if (a < 1 || a > 12 || b < 1 || b > rc_cal_month_days(y, a))
            return 0;
        snprintf(r->val, sizeof r->val, "%04d-%02d-%02d", y, a, b);
    } else if (int_tok(c, i, 2, &a) && int_tok(c, i + 2, 2, &b) && int_tok(c, i + 4, 4, &v) &&
               (c->T[i + 4].nd == 4 || c->T[i + 4].nd == 2)) {
        y = c->T[i + 4].nd == 2 ? (v < 40 ? 2000 + v : 1900 + v) : v;
        int d = a, m = b;
        if (!c->fr && b <= 31 && a <= 12) {
            d = b;
            m = a;
        } else if (m > 12 && d <= 12) {
            d = b;
            m = a;
        }
        if (m < 1 || m > 12 || d < 1 || d > rc_cal_month_days(y, m) || y < 1000)
            return 0;
        snprintf(r->val, sizeof r->val, "%04d-%02d-%02d", y, m, d);
    } else {
        return 0;
    }
    if (c->T[i + 5].kind == K_PUNCT && !c->T[i + 5].sp && c->T[i + 6].kind == K_NUM && !c->T[i + 6].sp)
        return 0;           /* part of a longer number run */
    return finish(r, i, i + 5, RC_TIMEX_DATE, "absolute");
}

typedef int (*matcher)(ctx *, int, res *);

static int m_daymonth0(ctx *c, int i, res *r)
{
    return m_daymonth(c, i, r, 0);
}

static const matcher matchers[] = {
    m_numeric, m_daymonth0, m_month, m_wday, m_dayrel, m_clock, m_year, m_deictic,
    m_quarter, m_set, m_duration, m_ref, m_season, m_holiday,
};

static int scan_chunk(ctx *c, outv *o)
{
    for (int i = 0; i < c->n; i++) {
        const tk *t = &c->T[i];
        if (t->kind == K_PUNCT || (t->kind == K_WORD && (!t->lx || !t->lx->start) && t->num < 0))
            continue;
        res best;
        best.end = 0;
        anchors a0 = c->a, abest = c->a;
        for (size_t m = 0; m < sizeof matchers / sizeof *matchers; m++) {
            res r;             /* no memset: it was a third of the scan */
            r.start = r.end = r.type = 0;
            r.val[0] = 0;
            r.how = NULL;
            r.y = -1;
            r.m = r.d = 0;
            c->a = a0;
            int e = matchers[m](c, i, &r);
            if (e > best.end && e <= c->n) {
                best = r;
                best.end = e;
                abest = c->a;
            }
        }
        c->a = abest;
        if (best.end > i) {
            /* extents never end on a blank or begin with "à"/"at" */
            int rc = emit(c, o, &best);
            if (rc)
                return rc;
            i = best.end - 1;
        }
    }
    return 0;
}

static int parse_dct(rc_str p, int *y, int *m, int *d)
{
    if (!p.ptr || p.len < 10)
        return 0;
    const char *s = p.ptr;
    for (int k = 0; k < 10; k++)
        if (k == 4 || k == 7 ? s[k] != '-' : !(s[k] >= '0' && s[k] <= '9'))
            return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= rc_cal_month_days(*y, *m);
}

/* French or English when the caller does not know: common words of the
 * first kilobytes. */
static int guess_fr(rc_str text)
{
    size_t n = text.len < 4096 ? text.len : 4096;
    int fr = 0, en = 0;
    for (size_t i = 0; i + 5 < n; i++) {
        if (text.ptr[i] != ' ')
            continue;
        const char *w = text.ptr + i + 1;
        if (!memcmp(w, "le ", 3) || !memcmp(w, "la ", 3) || !memcmp(w, "les ", 4) ||
            !memcmp(w, "et ", 3) || !memcmp(w, "des ", 4) || !memcmp(w, "du ", 3))
            fr++;
        else if (!memcmp(w, "the ", 4) || !memcmp(w, "and ", 4) || !memcmp(w, "of ", 3) ||
                 !memcmp(w, "to ", 3) || !memcmp(w, "is ", 3))
            en++;
    }
    return fr > en;
}

/* Largest year 1900-2100 written as 4 separate digits: the evidence used
 * when there is no publication date. */
static int largest_year(rc_str text)
{
    int best = 0;
    const char *s = text.ptr;
    size_t n = text.len;
    for (size_t i = 0; i + 4 <= n; i++) {
        if (s[i] != '1' && s[i] != '2')
            continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        if (!(s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
              s[i + 3] >= '0' && s[i + 3] <= '9'))
            continue;
        if (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')
            continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1900 && y <= 2100 && y > best)
            best = y;
    }
    return best;
}

int rc_timex_find(rc_arena *a, rc_str text, rc_lang lang, rc_str published,
                  const rc_token *toks, size_t n_toks, rc_timex **out, size_t *n)
{
    (void)toks;
    (void)n_toks;
    *out = NULL;
    *n = 0;
    if (!text.ptr || text.len == 0)
        return 0;
    if (text.len > UINT32_MAX - 1)
        text.len = UINT32_MAX - 1;
    pthread_once(&lex_once, lex_init);
    ctx c;
    memset(&c, 0, sizeof c);
    c.text = text.ptr;
    c.fr = lang == RC_LANG_FR ? 1 : lang == RC_LANG_EN ? 0 : guess_fr(text);
    c.L = c.fr ? &lex_fr : &lex_en;
    if (parse_dct(published, &c.dy, &c.dm, &c.dd)) {
        c.dct_ok = 1;
        c.dct = rc_cal_days(c.dy, c.dm, c.dd);
    } else {
        c.max_year = largest_year(text);
    }
    size_t chunk = text.len < CHUNK ? text.len : CHUNK;
    tz z;
    memset(&z, 0, sizeof z);
    z.c = &c;
    z.a = a;
    z.maxcap = (int)chunk + 8;
    z.cap = (int)(chunk / 4) + 64;
    if (z.cap > z.maxcap)
        z.cap = z.maxcap;
    z.pool_cap = chunk + 64;
    c.T = rc_arena_alloc(a, ((size_t)z.cap + PAD) * sizeof(tk));
    c.pool = rc_arena_alloc(a, z.pool_cap);
    if (!c.T || !c.pool)
        return RC_ENOMEM;
    outv o = {a, NULL, 0, 0};
    size_t pos = 0;
    while (pos < text.len) {
        size_t end = text.len;
        if (end - pos > CHUNK) {
            /* cut after a newline, else after a sentence end, else a blank */
            end = pos + CHUNK;
            size_t lim = pos + CHUNK / 2, e = end;
            while (e > lim && text.ptr[e - 1] != '\n')
                e--;
            if (e == lim) {
                e = end;
                while (e > lim && !(text.ptr[e - 1] == ' ' && text.ptr[e - 2] == '.'))
                    e--;
            }
            if (e == lim) {
                e = end;
                while (e > lim && text.ptr[e - 1] != ' ')
                    e--;
            }
            if (e == lim) {
                e = end;        /* no blank: do not cut inside a UTF-8 character */
                while (e > lim && ((unsigned char)text.ptr[e] & 0xC0) == 0x80)
                    e--;
            }
            end = e;
        }
        tokenize(&z, pos, end);
        int rc = scan_chunk(&c, &o);
        if (rc)
            return rc;
        pos = end;
    }
    *out = o.v;
    *n = o.n;
    return 0;
}
