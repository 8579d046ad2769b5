/*
 * segment.c -- paragraphs, sentences and tokens of normalised text.
 *
 * What: rc_segment() cuts a document's text into paragraphs, sentences and
 * tokens (byte spans into the text); rc_tokenize() gives the tokens only.
 *
 * Algorithm: one pass over the UTF-8 bytes.  ASCII is classified inline;
 * other code points through a few fixed ranges (Latin letters, no-break
 * spaces) and utf8proc_category() for the rest.
 *   Tokens.  Blanks separate tokens and are not tokens.
 *     - WORD: a letter, then letters, combining marks and digits ("G7"),
 *       joined across an inner apostrophe (' or ’), hyphen, '.', '@' or '_'
 *       when a letter or digit follows: "aujourd'hui", "don't", "a-t-il",
 *       "COVID-19", "lemonde.fr", "jean.dupont@exemple.fr".  French elided
 *       words split off with their apostrophe: "l’armée" -> "l’" "armée",
 *       also d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'
 *       presqu' (in any case; the same rule serves Italian "l'anno").
 *       English contractions stay whole ("don't", "John's").
 *       Dotted acronyms whose parts have at most two letters keep their
 *       final period: "U.S.", "e.g.", "a.m.", "J.-C.", "Ph.D." (splitting
 *       them would leave meaningless pieces).  URLs starting with a scheme
 *       (http://, https://, ftp://) or "www." run to the next blank, minus
 *       trailing punctuation.
 *     - NUM: a digit, then digits and letters ("1er", "12h30", "100km"),
 *       joined across . , : / - when a digit follows ("3.14", "1,5",
 *       "12:30", "2022-11-14", "14/11/2022"), and across a no-break space
 *       (U+00A0, U+202F, U+2009) followed by exactly three digits
 *       ("1 000 000" written the French way).  An ordinary space does not
 *       join numbers ("en 2022 150 personnes" is two numbers).
 *     - PUNCT: any other single code point (« » … — % € and so on; "..."
 *       is three tokens, as the public header says "one character").
 *   Paragraphs.  A run of blanks holding two or more line breaks (a blank
 *     line, possibly with spaces on it) ends a paragraph.  A paragraph's
 *     span runs from its first token's start to its last token's end;
 *     single line breaks inside a paragraph are blanks.
 *   Sentences, within each paragraph, from its tokens.  A candidate end is
 *     a run of . ! ? … (with "?!", "!!!", "..."), or a dotted acronym token,
 *     then optional closing quotes or brackets (» ” may follow after a
 *     space, French style; " ’ ' ) ] must touch).  It is an end when the
 *     next token can start a sentence: a capitalised word, a number, an
 *     opening quote/bracket/dash.  A lower-case word, a comma etc. never
 *     follows a sentence end: "« Nous partons. » a-t-il dit." and "Il a
 *     hésité... puis il est parti." are one sentence each.  For a single
 *     period after a word:
 *       - an abbreviation of data/abbrev-fr.txt or data/abbrev-en.txt that
 *         precedes names or numbers (M., Mme, Dr, Mr., Gen., p., cf., No.)
 *         never ends a sentence;
 *       - one marked "final" (etc., Inc., Jr., J.-C., a.m., U.S., months),
 *         a single capital letter (initials: "John F. Kennedy", "J. R. R.
 *         Tolkien"; a lower-case letter is not an initial: "100 m.")
 *         and unknown dotted acronyms ("S.N.C.F.") end one only when the next word is a
 *         capitalised function word ("The", "Il", "Le"...: see
 *         rc_langid_is_function_word) -- "in the U.S. The next day" splits,
 *         "U.S. Army" does not;
 *       - a number that is the first token of the sentence is a list number
 *         ("1. Introduction"), not a sentence;
 *       - in German text (lang RC_LANG_DE) a one- or two-digit number with
 *         a period is an ordinal ("am 3. Oktober") unless a function word
 *         follows.
 *     Decimal numbers never reach this test (3.5 is one token) and neither
 *     do URLs or e-mail addresses.
 *     Quotations: while a quotation opened by « “ „ or an opening " is not
 *     closed, its inner sentence ends are ignored, so
 *       Il a dit : « Non. Jamais. »   and   “We are ready. We will win,” he said.
 *     are one sentence each: a quoted statement stays with its attribution,
 *     which is what cross-checking compares.  An unclosed quotation stops
 *     holding after RC_QUOTE_SPAN bytes, so a stray « cannot swallow a
 *     whole paragraph.
 *
 * Why: one pass, no backtracking beyond a token or two, so it is fast
 * (well over 50 MB/s on news text) and every span is in bounds and in order
 * by construction.  The rules are those a careful reader applies to French
 * and English news; they are deliberately simple and listed above so that
 * a wrong split can be traced to one rule.
 *
 * Working arrays grow on the heap while scanning and are copied into the
 * caller's arena at the end (the arena cannot grow an allocation).
 */
#include "segment.h"
#include "data.h"
#include "langid.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define RC_QUOTE_SPAN 1000   /* bytes an unclosed quotation holds sentences */

/* ------------------------------------------------------------------ characters */

enum { K_SPACE, K_NL, K_LETTER, K_DIGIT, K_MARK, K_PUNCT, K_IGNORE };

typedef struct uch {
    int32_t cp;
    uint32_t len;   /* bytes; 0 at the end of the text */
    int cls;
} uch;

/* Class of each ASCII byte. */
static const uint8_t ascii_cls[128] = {
    K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE,
    K_IGNORE, K_SPACE, K_NL, K_SPACE, K_SPACE, K_SPACE, K_IGNORE, K_IGNORE,
    K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE,
    K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE, K_IGNORE,
    K_SPACE, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT,
    K_DIGIT, K_DIGIT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_PUNCT, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
    K_PUNCT, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER, K_LETTER,
    K_LETTER, K_LETTER, K_LETTER, K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT, K_IGNORE,
};

static inline int ascii_class(unsigned c)
{
    return ascii_cls[c];
}

static int uni_class(int32_t cp)
{
    if (cp >= 0xC0 && cp < 0x250)
        return (cp == 0xD7 || cp == 0xF7) ? K_PUNCT : K_LETTER;
    switch (cp) {
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return K_SPACE;
    case 0x2028: case 0x2029:
        return K_NL;
    case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return K_IGNORE;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return K_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return K_MARK;
    case UTF8PROC_CATEGORY_ND:
        return K_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
        return K_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return K_NL;
    case UTF8PROC_CATEGORY_CF:
        return K_IGNORE;
    default:
        return K_PUNCT;
    }
}

/* The character at s[i]; len 0 past the end.  An invalid byte is a
 * one-byte PUNCT character (U+FFFD). */
static inline uch get(const unsigned char *s, size_t n, size_t i)
{
    uch u;
    if (i >= n) {
        u.cp = -1, u.len = 0, u.cls = K_SPACE;
        return u;
    }
    if (s[i] < 0x80) {
        u.cp = s[i], u.len = 1, u.cls = ascii_class(s[i]);
        return u;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        u.cp = 0xFFFD, u.len = 1, u.cls = K_PUNCT;
        return u;
    }
    u.cp = cp, u.len = (uint32_t)k, u.cls = uni_class(cp);
    return u;
}

static int is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
static int is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static int is_alnum_cls(int c) { return c == K_LETTER || c == K_DIGIT; }

static int is_terminator(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C ||
           cp == 0x2047 || cp == 0x2048 || cp == 0x2049 || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F;
}

/* ------------------------------------------------------------------ abbreviations */

#define AB_SLOTS 1024
#define AB_KEY 16
#define AB_PRESENT 1
#define AB_FINAL 2
#define AB_CAP 4

typedef struct abbrev {
    char key[AB_KEY];       /* lower case, without the final period; "" = empty */
    uint8_t len;
    uint8_t flags[2];       /* [0] French list, [1] English list */
} abbrev;

static abbrev abtab[AB_SLOTS];
static pthread_once_t ab_once = PTHREAD_ONCE_INIT;

static uint32_t ab_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Lower-case s into key; returns its length, 0 if too long or invalid.
 * *cap gets whether the first letter is upper case. */
static size_t ab_key(const char *s, size_t n, char key[AB_KEY], int *cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    *cap = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        if (i == 0) {
            utf8proc_category_t c = utf8proc_category(cp);
            *cap = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (m <= 0 || o + (size_t)m >= AB_KEY)
            return 0;
        memcpy(key + o, enc, (size_t)m);
        o += (size_t)m;
        i += (size_t)k;
    }
    key[o] = 0;
    return o;
}

static abbrev *ab_find(const char *key, size_t n, int create)
{
    uint32_t h = ab_hash(key, n);
    for (uint32_t i = h & (AB_SLOTS - 1), probes = 0; probes < AB_SLOTS;
         i = (i + 1) & (AB_SLOTS - 1), probes++) {
        abbrev *e = &abtab[i];
        if (e->len == 0) {
            if (!create)
                return NULL;
            memcpy(e->key, key, n);
            e->len = (uint8_t)n;
            return e;
        }
        if (e->len == n && memcmp(e->key, key, n) == 0)
            return e;
    }
    return NULL;
}

static void ab_load_file(const char *name, int which)
{
    rc_str f = rc_data_get(name);
    size_t pos = 0, count = 0;
    rc_str line;
    while (f.ptr && rc_data_next_line(f, &pos, &line)) {
        size_t e = 0;
        while (e < line.len && line.ptr[e] != ' ' && line.ptr[e] != '\t')
            e++;
        rc_str rest = {line.ptr + e, line.len - e};
        while (rest.len && (rest.ptr[0] == ' ' || rest.ptr[0] == '\t'))
            rest.ptr++, rest.len--;
        size_t n = e;
        if (n > 1 && line.ptr[n - 1] == '.')
            n--;
        char key[AB_KEY];
        int cap;
        size_t kn = ab_key(line.ptr, n, key, &cap);
        if (kn == 0 || ++count > AB_SLOTS / 4)
            continue;
        abbrev *a = ab_find(key, kn, 1);
        if (!a)
            continue;
        a->flags[which] = (uint8_t)(AB_PRESENT | (cap ? AB_CAP : 0) |
                                    (rc_str_eq_c(rest, "final") ? AB_FINAL : 0));
    }
}

static void ab_load(void)
{
    ab_load_file("abbrev-fr.txt", 0);
    ab_load_file("abbrev-en.txt", 1);
}

/* What the word w (without its final period) is before a period:
 * 0 not an abbreviation, 1 one that never ends a sentence, 2 a "final" one.
 * Shared with timex.c (segment.h) so that both read sentences alike. */
int rc_abbrev_kind(const char *w, size_t n, rc_lang lang)
{
    pthread_once(&ab_once, ab_load);
    char key[AB_KEY];
    int cap;
    size_t kn = ab_key(w, n, key, &cap);
    if (kn == 0)
        return 0;
    const abbrev *a = ab_find(key, kn, 0);
    if (!a)
        return 0;
    int res = 0;
    for (int which = 0; which < 2; which++) {
        uint8_t fl = a->flags[which];
        if (!(fl & AB_PRESENT))
            continue;
        if ((which == 0 && lang == RC_LANG_EN) || (which == 1 && lang == RC_LANG_FR))
            continue;
        if ((fl & AB_CAP) && !cap)
            continue;
        int k = (fl & AB_FINAL) ? 2 : 1;
        if (res == 0 || k < res)
            res = k;
    }
    return res;
}

/* ------------------------------------------------------------------ growable arrays */

typedef struct vec {
    void *p;
    size_t n, cap;
} vec;

static void *vec_add(vec *v, size_t elsize)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 64;
        void *np = realloc(v->p, nc * elsize);
        if (!np)
            return NULL;
        v->p = np;
        v->cap = nc;
    }
    return (char *)v->p + elsize * v->n++;
}

/* ------------------------------------------------------------------ tokens */

typedef struct seg {
    const unsigned char *s;
    size_t n;
    rc_lang lang;
    vec toks, paras, sents;
    int oom;
} seg;

#define TOK(g, k) (((rc_token *)(g)->toks.p)[k])

static int is_elision(const unsigned char *w, size_t n)
{
    static const char *const el[] = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu",
        "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    };
    if (n > 6)
        return 0;
    char low[8];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    for (size_t i = 0; i < sizeof el / sizeof el[0]; i++)
        if (strlen(el[i]) == n && memcmp(el[i], low, n) == 0)
            return 1;
    return 0;
}

/* Parts between periods have 1 or 2 letters (after an optional '-'). */
static int acronym_shape(const unsigned char *w, size_t n)
{
    size_t part = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.') {
            if (part == 0 || part > 2)
                return 0;
            part = 0;
        } else if (w[i] == '-' && i > 0 && w[i - 1] == '.') {
            continue;
        } else if ((w[i] & 0xC0) != 0x80) {   /* count characters, not bytes */
            part++;
        }
    }
    return part >= 1 && part <= 2;
}

static int starts_with_ci(const unsigned char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned c = s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)p[i])
            return 0;
    }
    return 1;
}

/* A URL at s[i]: returns its end, or i if there is none. */
static size_t scan_url(const unsigned char *s, size_t n, size_t i)
{
    const unsigned char *p = s + i;
    size_t m = n - i;
    if (!(starts_with_ci(p, m, "http://") || starts_with_ci(p, m, "https://") ||
          starts_with_ci(p, m, "ftp://") || starts_with_ci(p, m, "www.")))
        return i;
    size_t e = i;
    while (e < n) {
        uch u = get(s, n, e);
        if (u.cls == K_SPACE || u.cls == K_NL || u.cp == '<' || u.cp == '>' ||
            u.cp == 0xAB || u.cp == 0xBB || u.cp == 0x201C || u.cp == 0x201D)
            break;
        e += u.len;
    }
    /* Trailing punctuation belongs to the sentence. */
    while (e > i) {
        unsigned char c = s[e - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
            c == ')' || c == ']' || c == '}' || c == '"' || c == '\'')
            e--;
        else if (e - i >= 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && s[e - 1] == 0x99)
            e -= 3;   /* ’ */
        else
            break;
    }
    /* "www." alone or "http://" alone is not a URL. */
    return e - i > 7 ? e : i;
}

/* A word starting with the letter at i; returns its end. */
static size_t scan_word(const unsigned char *s, size_t n, size_t start)
{
    size_t u = scan_url(s, n, start);
    if (u > start)
        return u;
    size_t i = start + get(s, n, start).len;
    int has_dot = 0;
    for (;;) {
        uch c = get(s, n, i);
        if (c.len == 0)
            break;
        if (c.cls == K_LETTER || c.cls == K_MARK || c.cls == K_DIGIT) {
            i += c.len;
            continue;
        }
        uch d = get(s, n, i + c.len);
        if (is_apostrophe(c.cp)) {
            if (d.cls != K_LETTER)
                break;
            if (is_elision(s + start, i - start))
                return i + c.len;
            i += c.len;
            continue;
        }
        if (is_hyphen(c.cp) || c.cp == '@' || c.cp == '_') {
            if (!is_alnum_cls(d.cls))
                break;
            i += c.len;
            continue;
        }
        if (c.cp == '.') {
            if (is_alnum_cls(d.cls)) {
                has_dot = 1;
                i += 1;
                continue;
            }
            if (d.cp == '-' && get(s, n, i + 2).cls == K_LETTER) {
                has_dot = 1;
                i += 2;
                continue;
            }
        }
        break;
    }
    if (has_dot && i < n && s[i] == '.' && acronym_shape(s + start, i - start))
        i++;
    return i;
}

static int is_nbsp_group_sep(int32_t cp) { return cp == 0xA0 || cp == 0x202F || cp == 0x2009; }

/* A number starting with the digit at i; returns its end. */
static size_t scan_number(const unsigned char *s, size_t n, size_t start)
{
    size_t i = start + get(s, n, start).len;
    for (;;) {
        uch c = get(s, n, i);
        if (c.len == 0)
            break;
        if (c.cls == K_DIGIT || c.cls == K_LETTER || c.cls == K_MARK) {
            i += c.len;
            continue;
        }
        if (c.cp == '.' || c.cp == ',' || c.cp == ':' || c.cp == '/' || c.cp == '-') {
            if (get(s, n, i + 1).cls != K_DIGIT)
                break;
            i += 1;
            continue;
        }
        if (is_nbsp_group_sep(c.cp)) {
            size_t j = i + c.len;
            if (j + 3 <= n && s[j] >= '0' && s[j] <= '9' && s[j + 1] >= '0' &&
                s[j + 1] <= '9' && s[j + 2] >= '0' && s[j + 2] <= '9' &&
                get(s, n, j + 3).cls != K_DIGIT) {
                i = j + 3;
                continue;
            }
        }
        break;
    }
    return i;
}

/* ------------------------------------------------------------------ sentences */

static int32_t tok_cp(const seg *g, const rc_token *t)
{
    return get(g->s, g->n, t->start).cp;
}

static int adjacent(const seg *g, size_t a, size_t b)
{
    return TOK(g, a).end == TOK(g, b).start;
}

/* Quotation role of the PUNCT token k: +1 opens, -1 closes, 0 neither.
 * " and “ open when a blank (or the paragraph start) is before them and
 * none after; otherwise they close (German „…“ closes with “). */
static int quote_role(const seg *g, size_t k, size_t para0, int32_t cp)
{
    if (cp == 0xAB || cp == 0x201E)
        return 1;
    if (cp == 0xBB || cp == 0x201D)
        return -1;
    if (cp == '"' || cp == 0x201C) {
        int space_before = k == para0 || !adjacent(g, k - 1, k);
        int space_after = k + 1 >= g->toks.n || !adjacent(g, k, k + 1);
        if (space_before && !space_after)
            return 1;
        return -1;
    }
    return 0;
}

/* Can token t (after a closing quote or a terminator) close the sentence
 * it follows?  » and ” may come after a blank (French typography). */
static int is_closer(const seg *g, size_t prev, size_t k)
{
    const rc_token *t = &TOK(g, k);
    if (t->kind != RC_TOK_PUNCT)
        return 0;
    int32_t cp = tok_cp(g, t);
    if (cp == 0xBB || cp == 0x201D)
        return 1;
    if (cp == '"' || cp == 0x201C || cp == 0x2019 || cp == '\'' || cp == ')' ||
        cp == ']' || cp == 0x203A)
        return adjacent(g, prev, k);
    return 0;
}

/* Can token t start a sentence? */
static int can_start(const seg *g, const rc_token *t)
{
    int32_t cp = tok_cp(g, t);
    if (t->kind == RC_TOK_NUM)
        return 1;
    if (t->kind == RC_TOK_WORD) {
        if (cp < 0x80)
            return cp >= 'A' && cp <= 'Z';
        utf8proc_category_t c = utf8proc_category(cp);
        return c != UTF8PROC_CATEGORY_LL;   /* upper, title case, or caseless */
    }
    switch (cp) {
    case 0xAB: case 0x201C: case 0x201E: case '"': case 0x2018: case '\'':
    case '(': case '[': case 0xBF: case 0xA1: case 0x2014: case 0x2013: case '-':
    case 0x2022: case 0x2039:
        return 1;
    default:
        return 0;
    }
}

static int is_function_word(const seg *g, const rc_token *t)
{
    return t->kind == RC_TOK_WORD &&
           rc_langid_is_function_word((const char *)g->s + t->start, t->end - t->start);
}

/* After a word w followed by a period (the period is w's last byte when
 * with_dot): does the sentence end before token next? */
static int word_period_ends(const seg *g, const rc_token *w, int with_dot, const rc_token *next)
{
    const char *p = (const char *)g->s + w->start;
    size_t n = w->end - w->start - (with_dot ? 1 : 0);
    int kind = rc_abbrev_kind(p, n, g->lang);
    if (kind == 1)
        return 0;
    uch first = get(g->s, g->n, w->start);
    int one_letter = first.len == n && first.cls == K_LETTER &&
                     (first.cp < 0x80 ? (first.cp >= 'A' && first.cp <= 'Z')
                                      : utf8proc_category(first.cp) == UTF8PROC_CATEGORY_LU);
    if (kind == 2 || one_letter || (with_dot && memchr(p, '.', n))) {
        if (next->kind == RC_TOK_NUM)
            return 0;
        if (next->kind == RC_TOK_PUNCT)
            return 1;
        return is_function_word(g, next);
    }
    return 1;
}

static int push_span(vec *v, uint32_t a, uint32_t b)
{
    rc_span *sp = vec_add(v, sizeof *sp);
    if (!sp)
        return RC_ENOMEM;
    sp->start = a;
    sp->end = b;
    return 0;
}

/* Sentences of the paragraph made of tokens [a, b). */
static int split_sentences(seg *g, size_t a, size_t b)
{
    size_t start = a;
    int depth = 0;
    uint32_t qpos = 0;
    for (size_t k = a; k < b; k++) {
        const rc_token *t = &TOK(g, k);
        int32_t cp = tok_cp(g, t);
        if (t->kind == RC_TOK_PUNCT) {
            int q = quote_role(g, k, a, cp);
            if (q > 0) {
                if (depth++ == 0)
                    qpos = t->start;
                continue;
            }
            if (q < 0) {
                if (depth > 0)
                    depth--;
                continue;
            }
            if (!is_terminator(cp))
                continue;
        } else if (!(t->kind == RC_TOK_WORD && g->s[t->end - 1] == '.')) {
            continue;
        }
        /* The run of terminators, then closing quotes and brackets. */
        size_t r = k;
        if (t->kind == RC_TOK_PUNCT)
            while (r + 1 < b && TOK(g, r + 1).kind == RC_TOK_PUNCT && adjacent(g, r, r + 1) &&
                   is_terminator(tok_cp(g, &TOK(g, r + 1))))
                r++;
        size_t j = r;
        while (j + 1 < b && is_closer(g, j, j + 1)) {
            j++;
            int32_t c = tok_cp(g, &TOK(g, j));
            if ((c == 0xBB || c == 0x201D || c == '"' || c == 0x201C) && depth > 0)
                depth--;
        }
        if (j + 1 >= b)
            break;
        const rc_token *next = &TOK(g, j + 1);
        int ends = can_start(g, next);
        if (ends && depth > 0 && next->start - qpos < RC_QUOTE_SPAN)
            ends = 0;
        if (ends && t->kind == RC_TOK_WORD) {
            ends = word_period_ends(g, t, 1, next);
        } else if (ends && cp == '.' && r == k && k > start && adjacent(g, k - 1, k)) {
            const rc_token *p = &TOK(g, k - 1);
            if (p->kind == RC_TOK_WORD)
                ends = word_period_ends(g, p, 0, next);
            else if (p->kind == RC_TOK_NUM && k - 1 == start)
                ends = 0;
            else if (p->kind == RC_TOK_NUM && g->lang == RC_LANG_DE && p->end - p->start <= 2 &&
                     next->kind == RC_TOK_WORD)
                ends = is_function_word(g, next);   /* "am 3. Oktober" */
        }
        if (ends) {
            if (push_span(&g->sents, TOK(g, start).start, TOK(g, j).end))
                return RC_ENOMEM;
            start = j + 1;
            depth = 0;
        }
        k = j;
    }
    if (start < b && push_span(&g->sents, TOK(g, start).start, TOK(g, b - 1).end))
        return RC_ENOMEM;
    return 0;
}

static int end_paragraph(seg *g, size_t a, size_t b, int want_sents)
{
    if (b <= a)
        return 0;
    if (push_span(&g->paras, TOK(g, a).start, TOK(g, b - 1).end))
        return RC_ENOMEM;
    return want_sents ? split_sentences(g, a, b) : 0;
}

/* ------------------------------------------------------------------ driver */

static int run(seg *g, int want_paras)
{
    const unsigned char *s = g->s;
    size_t n = g->n, i = 0, para0 = 0;
    int nl = 0;
    while (i < n) {
        uch c = get(s, n, i);
        if (c.cls == K_SPACE || c.cls == K_IGNORE) {
            i += c.len;
            continue;
        }
        if (c.cls == K_NL) {
            nl++;
            i += c.len;
            continue;
        }
        if (nl >= 2 && want_paras) {
            if (end_paragraph(g, para0, g->toks.n, want_paras))
                return RC_ENOMEM;
            para0 = g->toks.n;
        }
        nl = 0;
        size_t e;
        uint8_t kind;
        if (c.cls == K_LETTER) {
            e = scan_word(s, n, i);
            kind = RC_TOK_WORD;
        } else if (c.cls == K_DIGIT) {
            e = scan_number(s, n, i);
            kind = RC_TOK_NUM;
        } else {
            e = i + c.len;        /* punctuation, or a stray combining mark */
            kind = RC_TOK_PUNCT;
        }
        rc_token *t = vec_add(&g->toks, sizeof *t);
        if (!t)
            return RC_ENOMEM;
        t->start = (uint32_t)i;
        t->end = (uint32_t)e;
        t->kind = kind;
        i = e;
    }
    if (want_paras && end_paragraph(g, para0, g->toks.n, want_paras))
        return RC_ENOMEM;
    return 0;
}

/* Copy a heap array into the arena (NULL when empty). */
static int to_arena(rc_arena *a, const vec *v, size_t elsize, void **out)
{
    *out = NULL;
    if (v->n == 0)
        return 0;
    void *p = rc_arena_alloc(a, v->n * elsize);
    if (!p)
        return RC_ENOMEM;
    memcpy(p, v->p, v->n * elsize);
    *out = p;
    return 0;
}

static void seg_free(seg *g)
{
    free(g->toks.p);
    free(g->paras.p);
    free(g->sents.p);
}

static int seg_init(seg *g, rc_str text, rc_lang lang)
{
    memset(g, 0, sizeof *g);
    if (!text.ptr && text.len)
        return RC_EINVAL;
    if (text.len > UINT32_MAX)
        return RC_ETOOBIG;
    g->s = (const unsigned char *)text.ptr;
    g->n = text.len;
    g->lang = lang;
    /* About one token per 5 bytes of news text. */
    size_t guess = text.len / 5 + 16;
    g->toks.p = malloc(guess * sizeof(rc_token));
    if (!g->toks.p)
        return RC_ENOMEM;
    g->toks.cap = guess;
    return 0;
}

int rc_segment(rc_arena *a, rc_str text, rc_lang lang, rc_segmentation *out)
{
    memset(out, 0, sizeof *out);
    seg g;
    int rc = seg_init(&g, text, lang);
    if (rc == 0)
        rc = run(&g, 1);
    void *p = NULL, *q = NULL, *r = NULL;
    if (rc == 0)
        rc = to_arena(a, &g.toks, sizeof(rc_token), &p);
    if (rc == 0)
        rc = to_arena(a, &g.paras, sizeof(rc_span), &q);
    if (rc == 0)
        rc = to_arena(a, &g.sents, sizeof(rc_span), &r);
    if (rc == 0) {
        out->toks = p, out->n_toks = g.toks.n;
        out->paras = q, out->n_paras = g.paras.n;
        out->sents = r, out->n_sents = g.sents.n;
    }
    seg_free(&g);
    return rc;
}

int rc_tokenize(rc_arena *a, rc_str text, rc_token **toks, size_t *n)
{
    *toks = NULL;
    *n = 0;
    seg g;
    int rc = seg_init(&g, text, RC_LANG_UND);
    if (rc == 0)
        rc = run(&g, 0);
    void *p = NULL;
    if (rc == 0)
        rc = to_arena(a, &g.toks, sizeof(rc_token), &p);
    if (rc == 0) {
        *toks = p;
        *n = g.toks.n;
    }
    seg_free(&g);
    return rc;
}
