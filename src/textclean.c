/*
 * textclean.c -- cleaning already-scraped text (see textclean.h).
 *
 * What it does: a scraped .txt article is the article's paragraphs mixed
 * with site furniture (menus, share buttons, bylines, "Lire aussi" links,
 * comment forms, cookie notices, captions, markup leftovers).  We classify
 * each paragraph and keep the article.
 *
 * Algorithm:
 *   1. Units: one line is one paragraph, unless the text is hard-wrapped
 *      (blank-line separated blocks whose lines mostly end near the same
 *      width), in which case each block is one paragraph.
 *   2. Inline clean-up of each unit: HTML tags of known names, comments,
 *      WordPress shortcodes ([caption ...]...[/caption]) removed, character
 *      references decoded (named ones through libxml2's HTML entity table).
 *   3. Features of each unit, from a folded key (rc_fold: lower case, no
 *      accents; punctuation split into tokens): number of words, of
 *      function words (stop words, FR+EN), of share-button words, of date
 *      words and numbers; whether it ends like a sentence; whether it
 *      matches a boilerplate phrase (whole line, prefix, contained phrase:
 *      data/textclean-boilerplate.txt), is a bare URL, an image credit
 *      ("X / AFP"), a copy of the title or of an earlier paragraph.
 *   4. Decision, using position: site furniture clusters before and after
 *      the article, so
 *        - "strong" furniture (a boilerplate match, markup, URL, share row,
 *          title copy, duplicate) is dropped wherever it is;
 *        - in the leading and trailing runs (before the first / after the
 *          last paragraph that reads like running text: enough words and
 *          function words, or a sentence ending), everything that does not
 *          read like text is dropped too: bylines, datelines (also a
 *          date followed by a byline: "31 mars 2025 / Par X"), category
 *          labels, tag lists; a breadcrumb trail ("Home » World » ...")
 *          is strong furniture;
 *        - in the middle, nothing else is dropped: a short paragraph or a
 *          subheading between two paragraphs is content.
 *      A comment or "related articles" heading in the second half ends the
 *      article; a bare "Lire aussi" line takes the headline after it along.
 *   5. The first line is taken as the title when none is given and it looks
 *      like a headline (no final full stop, not too long).
 * Features rather than exact strings: a variant ("Partagez sur Facebook",
 * "12 commentaires", "LIRE AUSSI >> ...") is caught by the share-word
 * counts and by prefix matching on folded tokens.
 *
 * The word lists are data files (data/textclean-*.txt), parsed once
 * (pthread_once) into one open-addressing hash table of folded phrases.
 * There is no Debian library for this kind of paragraph classification of
 * plain text (boilerpipe/jusText/trafilatura work on HTML, and are not C),
 * hence the hand-written classifier.
 */
#include "textclean.h"
#include "data.h"
#include "langid.h"
#include "normalize.h"

#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ lexicon */

enum {
    LX_EXACT = 1u << 0,      /* '=' whole line */
    LX_END = 1u << 1,        /* '!' whole line, ends the article late in the text */
    LX_PREFIX = 1u << 2,     /* '^' */
    LX_RELATED = 1u << 3,    /* '>' as a prefix */
    LX_RELBARE = 1u << 4,    /* '>' as a whole line */
    LX_CONTAIN = 1u << 5,    /* '~' */
    LX_META = 1u << 6,       /* '@' */
    LX_AGENCY = 1u << 7,     /* '%' */
    LX_STOP = 1u << 8,
    LX_SHARE = 1u << 9,
    LX_SHARELINK = 1u << 10,
    LX_DATE = 1u << 11,
    LX_DATELINK = 1u << 12,
};

typedef struct {
    char *k;
    uint32_t len;
    uint32_t flags;
} lx_entry;

static lx_entry *lx_tab;
static size_t lx_cap;          /* power of two */
static size_t lx_count;
static int lx_maxtok = 1;      /* longest phrase, in tokens */
static pthread_once_t lx_once = PTHREAD_ONCE_INIT;

#define FNV_INIT 1469598103934665603ull

static uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {      /* FNV-1a: can be continued */
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    return hash_more(FNV_INIT, s, n);
}

/* Flags of the phrase s[0..n) whose hash is h. */
static uint32_t lx_get_h(uint64_t h, const char *s, size_t n)
{
    if (!lx_tab || n == 0)
        return 0;
    size_t i = (size_t)h & (lx_cap - 1);
    while (lx_tab[i].k) {
        if (lx_tab[i].len == n && memcmp(lx_tab[i].k, s, n) == 0)
            return lx_tab[i].flags;
        i = (i + 1) & (lx_cap - 1);
    }
    return 0;
}

static uint32_t lx_get(const char *s, size_t n)
{
    return lx_get_h(hash_bytes(s, n), s, n);
}

static void lx_put(const char *s, size_t n, uint32_t flags)
{
    if (n == 0 || lx_count * 2 >= lx_cap)
        return;                 /* table sized at load time; never full */
    size_t i = (size_t)hash_bytes(s, n) & (lx_cap - 1);
    while (lx_tab[i].k) {
        if (lx_tab[i].len == n && memcmp(lx_tab[i].k, s, n) == 0) {
            lx_tab[i].flags |= flags;
            return;
        }
        i = (i + 1) & (lx_cap - 1);
    }
    char *k = malloc(n);
    if (!k)
        return;
    memcpy(k, s, n);
    lx_tab[i] = (lx_entry){k, (uint32_t)n, flags};
    lx_count++;
}

/* ------------------------------------------------------------------ keys */

/* Category of a code point for tokenising folded text. */
enum { CH_SPACE, CH_WORD, CH_JOIN, CH_PUNCT };

static int char_class(uint32_t u)
{
    if (u < 0x80) {
        if (u == ' ' || u == '\t' || u == '\n')
            return CH_SPACE;
        if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
            return CH_WORD;
        if (u == '\'' || u == '-' || u == '_')
            return CH_JOIN;
        return CH_PUNCT;
    }
    if (u == 0x2019 || u == 0x2010 || u == 0x2011)
        return CH_JOIN;
    switch (utf8proc_category((utf8proc_int32_t)u)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return CH_SPACE;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return CH_WORD;
    default:
        return CH_PUNCT;
    }
}

static uint32_t dec_cp(const unsigned char *p, size_t n, size_t *len)
{
    utf8proc_int32_t u;
    utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &u);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return (uint32_t)u;
}

/* The key of a piece of text: folded, then tokens separated by one space.
 * A word is a run of letters/digits with inner apostrophes, hyphens and
 * underscores; a run of other non-blank characters is one token. */
static int make_key(rc_arena *a, const char *s, size_t n, rc_str *key)
{
    rc_str f;
    int rc = rc_fold(a, (rc_str){s, n}, &f);
    if (rc)
        return rc;
    char *d = rc_arena_alloc(a, f.len * 2 + 1);
    if (!d)
        return RC_ENOMEM;
    const unsigned char *p = (const unsigned char *)f.ptr;
    size_t i = 0, o = 0;
    int prev = CH_SPACE;          /* class of the last token char written */
    while (i < f.len) {
        size_t l;
        uint32_t u = dec_cp(p + i, f.len - i, &l);
        int c = char_class(u);
        if (c == CH_JOIN) {
            /* Inside a word only if a word character follows. */
            size_t l2 = 0;
            int next = i + l < f.len ? char_class(dec_cp(p + i + l, f.len - i - l, &l2)) : CH_SPACE;
            if (prev == CH_WORD && next == CH_WORD) {
                d[o++] = u == 0x2019 || u == '\'' ? '\'' : (u == '_' ? '_' : '-');
                i += l;
                continue;
            }
            c = CH_PUNCT;
        }
        if (c == CH_SPACE) {
            prev = CH_SPACE;
            i += l;
            continue;
        }
        if (o > 0 && c != prev)
            d[o++] = ' ';
        memcpy(d + o, p + i, l);
        o += l;
        prev = c;
        i += l;
    }
    d[o] = 0;
    *key = (rc_str){d, o};
    return RC_OK;
}

/* Next token of a key at *pos; 0 at the end. */
static int next_tok(rc_str key, size_t *pos, rc_str *tok)
{
    size_t i = *pos;
    while (i < key.len && key.ptr[i] == ' ')
        i++;
    if (i >= key.len)
        return 0;
    size_t s = i;
    while (i < key.len && key.ptr[i] != ' ')
        i++;
    *tok = (rc_str){key.ptr + s, i - s};
    *pos = i;
    return 1;
}

static int tok_is_word(rc_str t)
{
    size_t l;
    return char_class(dec_cp((const unsigned char *)t.ptr, t.len, &l)) == CH_WORD;
}

static int tok_is_num(rc_str t)
{
    return t.len && t.ptr[0] >= '0' && t.ptr[0] <= '9';
}

/* The key without leading and trailing punctuation tokens. */
static rc_str key_strip(rc_str k)
{
    size_t pos = 0, s = k.len, e = 0;
    rc_str t;
    while (next_tok(k, &pos, &t)) {
        if (tok_is_word(t)) {
            if (s == k.len)
                s = (size_t)(t.ptr - k.ptr);
            e = (size_t)(t.ptr - k.ptr) + t.len;
        }
    }
    if (s >= e)
        return (rc_str){k.ptr, 0};
    return (rc_str){k.ptr + s, e - s};
}

static void lx_load_file(rc_arena *a, const char *name, int mode)
{
    rc_str file = rc_data_get(name);
    size_t pos = 0;
    rc_str line;
    while (file.ptr && rc_data_next_line(file, &pos, &line)) {
        uint32_t flags = 0;
        char c = line.ptr[0];
        rc_str ph = line;
        if (mode == 0) {                          /* boilerplate */
            switch (c) {
            case '=': flags = LX_EXACT; break;
            case '!': flags = LX_END; break;
            case '^': flags = LX_PREFIX; break;
            case '>': flags = LX_RELATED; break;
            case '~': flags = LX_CONTAIN; break;
            case '@': flags = LX_META; break;
            case '%': flags = LX_AGENCY; break;
            default: continue;
            }
            ph.ptr++;
            ph.len--;
        } else if (c == '-' && line.len > 1) {
            flags = mode == 2 ? LX_SHARELINK : LX_DATELINK;
            ph.ptr++;
            ph.len--;
        } else {
            flags = mode == 1 ? LX_STOP : mode == 2 ? LX_SHARE : LX_DATE;
        }
        rc_str key;
        if (make_key(a, ph.ptr, ph.len, &key) || key.len == 0)
            continue;
        if (flags & (LX_EXACT | LX_END))
            key = key_strip(key);
        if (flags & LX_RELATED)
            lx_put(key_strip(key).ptr, key_strip(key).len, LX_RELBARE);
        lx_put(key.ptr, key.len, flags);
        int ntok = 0;
        size_t p2 = 0;
        rc_str t;
        while (next_tok(key, &p2, &t))
            ntok++;
        if (ntok > lx_maxtok)
            lx_maxtok = ntok;
    }
}

static void lx_init(void)
{
    rc_arena *a = rc_arena_new(0);
    if (!a)
        return;
    size_t lines = 16;
    const char *files[] = {"textclean-boilerplate.txt", "textclean-stopwords.txt",
                           "textclean-share.txt", "textclean-dates.txt"};
    for (size_t i = 0; i < 4; i++) {
        rc_str f = rc_data_get(files[i]);
        for (size_t k = 0; k < f.len; k++)
            lines += f.ptr[k] == '\n';
    }
    lx_cap = 64;
    while (lx_cap < lines * 4)
        lx_cap *= 2;
    lx_tab = calloc(lx_cap, sizeof *lx_tab);
    if (lx_tab) {
        for (int m = 0; m < 4; m++)
            lx_load_file(a, files[m], m);
    }
    rc_arena_free(a);
}

/* ------------------------------------------------------------------ inline clean-up */

static const char *const html_tags[] = {
    "a", "abbr", "article", "aside", "audio", "b", "blockquote", "br", "button", "center",
    "cite", "code", "dd", "del", "div", "dl", "dt", "em", "embed", "figcaption", "figure",
    "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "iframe", "img", "input", "ins", "label", "li", "link", "mark", "meta", "nav",
    "noscript", "ol", "p", "path", "picture", "pre", "q", "s", "script", "section",
    "small", "source", "span", "strong", "style", "sub", "sup", "svg", "table", "tbody",
    "td", "th", "thead", "time", "tr", "u", "ul", "video",
};

static const char *const shortcodes[] = {
    "audio", "caption", "embed", "gallery", "playlist", "tweet", "video", "wp_caption",
    "youtube",
};

static int name_in(const char *s, size_t n, const char *const *set, size_t count)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = 0;
    for (size_t i = 0; i < count; i++)
        if (strcmp(set[i], low) == 0)
            return 1;
    return 0;
}

static int is_alnum_ascii(unsigned c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static size_t put_cp(char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* A character reference at s[0] == '&': its code point and length, or 0. */
static uint32_t entity(const char *s, size_t n, size_t *len)
{
    size_t i = 1;
    uint32_t v = 0;
    if (i < n && s[i] == '#') {
        i++;
        int hex = i < n && (s[i] == 'x' || s[i] == 'X');
        i += (size_t)hex;
        size_t d0 = i;
        while (i < n && i - d0 < 8) {
            unsigned c = (unsigned char)s[i];
            unsigned dv = c >= '0' && c <= '9' ? c - '0'
                        : hex && (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : 99;
            if (dv == 99)
                break;
            v = v * (hex ? 16 : 10) + dv;
            i++;
        }
        if (i == d0 || i >= n || s[i] != ';')
            return 0;
        *len = i + 1;
        if (v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
            v = v == '\t' || v == '\n' ? ' ' : 0xFFFD;
        return v;
    }
    size_t s0 = i;
    while (i < n && i - s0 < 24 && is_alnum_ascii((unsigned char)s[i]))
        i++;
    if (i == s0 || i >= n || s[i] != ';')
        return 0;
    char name[32];
    memcpy(name, s + s0, i - s0);
    name[i - s0] = 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *len = i + 1;
    return e->value;
}

static int is_uspace_at(const unsigned char *p, size_t n, size_t *len)
{
    if (p[0] == ' ' || p[0] == '\t') {
        *len = 1;
        return 1;
    }
    if (p[0] < 0x80)
        return 0;
    uint32_t u = dec_cp(p, n, len);
    return u == 0xA0 || u == 0x202F || (u >= 0x2000 && u <= 0x200A) || u == 0x3000;
}

/* Clean one unit: remove tags, comments, shortcodes; decode references;
 * collapse spaces; trim.  Returns a view (the input itself when nothing
 * needed doing). */
static rc_str clean_inline(rc_arena *a, const char *s, size_t n)
{
    int special = memchr(s, '<', n) || memchr(s, '&', n) || memchr(s, '[', n);
    if (special) {
        char *d = rc_arena_alloc(a, n + 1);   /* decoding never grows text */
        if (!d)
            return (rc_str){s, n};
        size_t i = 0, o = 0;
        while (i < n) {
            char c = s[i];
            if (c == '<') {
                size_t j = i + 1;
                if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
                    const char *e = NULL;
                    for (size_t k = i + 4; k + 3 <= n; k++)
                        if (memcmp(s + k, "-->", 3) == 0) {
                            e = s + k;
                            break;
                        }
                    i = e ? (size_t)(e - s) + 3 : n;
                    d[o++] = ' ';
                    continue;
                }
                if (j < n && s[j] == '/')
                    j++;
                size_t ns = j;
                while (j < n && is_alnum_ascii((unsigned char)s[j]))
                    j++;
                if (j < n && (s[j] == '>' || s[j] == ' ' || s[j] == '/') &&
                    name_in(s + ns, j - ns, html_tags, sizeof html_tags / sizeof *html_tags)) {
                    const char *gt = memchr(s + j, '>', n - j);
                    const char *lt = memchr(s + j, '<', n - j);
                    if (gt && (!lt || lt > gt)) {
                        i = (size_t)(gt - s) + 1;
                        d[o++] = ' ';
                        continue;
                    }
                    if (!gt && !lt) {    /* cut at the end of the line */
                        i = n;
                        continue;
                    }
                }
            } else if (c == '[') {
                size_t j = i + 1;
                int closing = j < n && s[j] == '/';
                j += (size_t)closing;
                size_t ns = j;
                while (j < n && (is_alnum_ascii((unsigned char)s[j]) || s[j] == '_'))
                    j++;
                if (j < n && (s[j] == ']' || s[j] == ' ') &&
                    name_in(s + ns, j - ns, shortcodes, sizeof shortcodes / sizeof *shortcodes)) {
                    const char *rb = memchr(s + j, ']', n - j);
                    if (rb) {
                        i = (size_t)(rb - s) + 1;
                        if (!closing && j - ns >= 7 && memcmp(s + j - 7, "caption", 7) == 0) {
                            /* The caption text goes with its shortcode. */
                            for (size_t k = i; k + 10 <= n; k++)
                                if (memcmp(s + k, "[/caption]", 10) == 0 ||
                                    memcmp(s + k, "[/wp_capti", 10) == 0) {
                                    const char *rb2 = memchr(s + k, ']', n - k);
                                    i = rb2 ? (size_t)(rb2 - s) + 1 : n;
                                    break;
                                }
                        }
                        d[o++] = ' ';
                        continue;
                    }
                }
            } else if (c == '&') {
                size_t l = 0;
                uint32_t u = entity(s + i, n - i, &l);
                if (u) {
                    /* A reference is at least 4 bytes, its UTF-8 at most 4. */
                    o += put_cp(d + o, u);
                    i += l;
                    continue;
                }
            }
            d[o++] = c;
            i++;
        }
        s = d;
        n = o;
    }
    /* Collapse spaces and trim (also needed when nothing was removed: the
     * merged lines of a hard-wrapped block). */
    const unsigned char *p = (const unsigned char *)s;
    size_t l;
    size_t b = 0, e = n;
    while (b < e && is_uspace_at(p + b, e - b, &l))
        b += l;
    while (e > b) {
        size_t k = e - 1;
        while (k > b && (p[k] & 0xC0) == 0x80)
            k--;
        if (!is_uspace_at(p + k, e - k, &l))
            break;
        e = k;
    }
    int dbl = 0;
    for (size_t k = b; k + 1 < e; k++)
        if (p[k] == ' ' && p[k + 1] == ' ')
            dbl = 1;
    if (!dbl)
        return (rc_str){s + b, e - b};
    char *d = rc_arena_alloc(a, e - b + 1);
    if (!d)
        return (rc_str){s + b, e - b};
    size_t o = 0;
    for (size_t k = b; k < e; k++) {
        if (p[k] == ' ' && o > 0 && d[o - 1] == ' ')
            continue;
        d[o++] = (char)p[k];
    }
    return (rc_str){d, o};
}

/* ------------------------------------------------------------------ units */

typedef struct {
    rc_str text;        /* cleaned text */
    rc_str key;         /* folded key */
    rc_str xkey;        /* key without leading/trailing punctuation */
    int nwords, nstop, nnum, nshare, nsharelink, ndate, ndatelink, npunct;
    int terminal;       /* ends like a sentence */
    int fullstop;       /* ends with '.' */
    int url;            /* only URLs */
    int agency;         /* image credit */
    uint32_t match;     /* LX_* boilerplate classes matched */
    int strong;         /* furniture wherever it is */
    int meta;           /* date or byline */
    int content;        /* reads like running text */
    int drop;
} unit;

static int ends_sentence(rc_str t, int *fullstop)
{
    *fullstop = 0;
    const unsigned char *p = (const unsigned char *)t.ptr;
    size_t n = t.len;
    /* Skip closing quotes and brackets to the punctuation before them. */
    int closers = 0;
    while (n > 0) {
        size_t k = n - 1;
        while (k > 0 && (p[k] & 0xC0) == 0x80)
            k--;
        size_t l;
        uint32_t u = dec_cp(p + k, n - k, &l);
        /* Latin, CJK (。！？) and Arabic (؟) sentence ends. */
        if (u == '.' || u == '!' || u == '?' || u == 0x2026 || u == 0x3002 || u == 0xFF01 ||
            u == 0xFF1F || u == 0x061F) {
            *fullstop = u == '.' || u == 0x2026 || u == 0x3002;
            return 1;
        }
        if (u == ':' || u == ';')
            return !closers;
        if (u == 0xBB || u == 0x201D || u == '"' || u == 0x2019 || u == '\'') {
            if (!closers)
                return 1;            /* a quotation */
        }
        if (u == ')' || u == ']' || u == 0xBB || u == 0x201D || u == '"' || u == 0x2019 ||
            u == '\'' || u == ' ' || u == 0xA0 || u == 0x202F) {
            closers = 1;
            n = k;
            continue;
        }
        return 0;
    }
    return 0;
}

static int is_url_only(rc_str t)
{
    size_t i = 0;
    int any = 0;
    while (i < t.len) {
        while (i < t.len && t.ptr[i] == ' ')
            i++;
        if (i >= t.len)
            break;
        size_t s = i;
        while (i < t.len && t.ptr[i] != ' ')
            i++;
        size_t l = i - s;
        const char *w = t.ptr + s;
        if (!((l > 7 && memcmp(w, "http://", 7) == 0) || (l > 8 && memcmp(w, "https://", 8) == 0) ||
              (l > 4 && memcmp(w, "www.", 4) == 0)))
            return 0;
        any = 1;
    }
    return any;
}

static void analyse(unit *u)
{
    rc_str k = u->key;
    size_t pos = 0;
    rc_str t, prev = RC_STR_NULL;
    int prev_slash = 0;
    while (next_tok(k, &pos, &t)) {
        if (!tok_is_word(t)) {
            int slash = (t.len == 1 && t.ptr[0] == '/') || (t.len == 2 && memcmp(t.ptr, "\xC2\xA9", 2) == 0);
            /* "X / AFP": an agency name right after the slash. */
            if (slash && prev.len && (lx_get(prev.ptr, prev.len) & LX_AGENCY))
                u->agency = 1;
            prev_slash = slash;
            prev = RC_STR_NULL;
            u->npunct++;
            continue;
        }
        u->nwords++;
        uint32_t f = lx_get(t.ptr, t.len);
        if (!(f & LX_STOP)) {
            /* Elision: l'article, qu'il, d'une. */
            const char *ap = memchr(t.ptr, '\'', t.len);
            if (ap && (lx_get(t.ptr, (size_t)(ap - t.ptr) + 1) & LX_STOP))
                f |= LX_STOP;
        }
        /* Function words of the other languages langid knows (de, es, it,
         * pt, nl) count too: their articles are not furniture either. */
        if ((f & LX_STOP) || rc_langid_is_function_word(t.ptr, t.len))
            u->nstop++;
        if (f & LX_SHARE)
            u->nshare++;
        else if (f & LX_SHARELINK)
            u->nsharelink++;
        if (tok_is_num(t))
            u->nnum++;
        else if (f & LX_DATE)
            u->ndate++;
        else if (f & LX_DATELINK)
            u->ndatelink++;
        if (prev_slash && (f & LX_AGENCY))
            u->agency = 1;
        prev_slash = 0;
        prev = t;
    }

    /* Boilerplate phrases: the whole line, its prefixes, its substrings
     * (each at token boundaries, up to the longest phrase). */
    rc_str x = u->xkey;
    if (x.len) {
        u->match |= lx_get(x.ptr, x.len) & (LX_EXACT | LX_END | LX_RELBARE);
        /* "12 commentaires": also without leading numbers. */
        size_t p2 = 0;
        rc_str t2;
        if (next_tok(x, &p2, &t2) && tok_is_num(t2) && p2 < x.len)
            u->match |= lx_get(x.ptr + p2 + 1, x.len - p2 - 1) & (LX_EXACT | LX_END);
    }
    /* Prefixes start after leading punctuation ("» Lire aussi", "- Par"). */
    size_t start = 0;
    pos = 0;
    while (next_tok(k, &pos, &t)) {
        if (tok_is_word(t) || (t.len == 2 && memcmp(t.ptr, "\xC2\xA9", 2) == 0)) {
            start = (size_t)(t.ptr - k.ptr);
            break;
        }
        start = pos;
    }
    int ntok = 0;
    pos = start;
    uint64_t h = FNV_INIT;
    size_t hashed = start;             /* bytes of k hashed into h so far */
    while (ntok < lx_maxtok && next_tok(k, &pos, &t)) {
        ntok++;
        size_t end = (size_t)(t.ptr - k.ptr) + t.len;
        h = hash_more(h, k.ptr + hashed, end - hashed);
        hashed = end;
        uint32_t f = lx_get_h(h, k.ptr + start, end - start) & (LX_PREFIX | LX_RELATED | LX_META);
        if (!f)
            continue;
        if ((f & LX_PREFIX) && ntok == 1 && u->nwords > 8) {
            /* A one-word prefix ("Copyright", "Tags") only when a
             * punctuation mark follows, or in a short line. */
            size_t p3 = pos;
            rc_str nt;
            if (next_tok(k, &p3, &nt) && tok_is_word(nt))
                f &= ~(uint32_t)LX_PREFIX;
        }
        u->match |= f;
    }
    /* Contained phrases: from each token, extend the hash token by token. */
    size_t s = 0;
    while (!(u->match & LX_CONTAIN) && next_tok(k, &s, &t)) {
        size_t p4 = (size_t)(t.ptr - k.ptr);
        size_t q = p4, done = p4;
        uint64_t h4 = FNV_INIT;
        rc_str t4;
        for (int m = 0; m < lx_maxtok && next_tok(k, &q, &t4); m++) {
            size_t end = (size_t)(t4.ptr - k.ptr) + t4.len;
            h4 = hash_more(h4, k.ptr + done, end - done);
            done = end;
            if (m > 0 && (lx_get_h(h4, k.ptr + p4, end - p4) & LX_CONTAIN)) {
                u->match |= LX_CONTAIN;
                break;
            }
        }
    }
    /* A date followed by a byline: "31 mars 2025 / Par X", "April 10, 2025 | By X". */
    {
        size_t p5 = 0;
        int lead = 0, nums = 0;
        rc_str t5;
        while (next_tok(k, &p5, &t5)) {
            if (tok_is_num(t5)) {
                lead++, nums++;
                continue;
            }
            if (tok_is_word(t5)) {
                uint32_t f5 = lx_get(t5.ptr, t5.len);
                if (f5 & (LX_DATE | LX_DATELINK)) {
                    lead++;
                    continue;
                }
                if (lead >= 2 && nums && (lx_get(t5.ptr, t5.len) & LX_META))
                    u->match |= LX_META;
                break;
            }
            /* punctuation: "," inside the date, "/" or "|" before the byline */
        }
    }
    u->terminal = ends_sentence(u->text, &u->fullstop);
    u->url = is_url_only(u->text);
    /* A breadcrumb trail: "Home » World » <headline>", "Accueil > Monde > ...". */
    int crumbs = 0;
    for (size_t i = 0; i + 2 < u->text.len && crumbs < 2; i++) {
        const char *c = u->text.ptr + i;
        if (c[0] != ' ')
            continue;
        if ((c[1] == '>' && c[2] == ' ') ||
            (i + 3 < u->text.len && (unsigned char)c[1] == 0xC2 && (unsigned char)c[2] == 0xBB && c[3] == ' ') ||
            (i + 4 < u->text.len && !memcmp(c + 1, "\xE2\x80\xBA", 3) && c[4] == ' '))
            crumbs++;
    }

    int share_line = u->nshare > 0 && u->nwords <= 10 &&
                     u->nshare + u->nsharelink + u->nnum == u->nwords;
    u->strong = (u->match & (LX_EXACT | LX_END | LX_PREFIX | LX_RELATED | LX_RELBARE | LX_CONTAIN)) ||
                share_line || u->url || u->nwords == 0 || (u->agency && u->nwords <= 25) ||
                (crumbs >= 2 && !u->terminal && u->nwords <= 40);
    int dateline = u->nwords <= 20 && u->nnum + u->ndate > 0 &&
                   u->nnum + u->ndate + u->ndatelink == u->nwords;
    u->meta = ((u->match & LX_META) && u->nwords <= 20 && (u->nnum + u->ndate > 0 || !u->terminal)) ||
              dateline;
    /* A long unit is running text in any language and script (furniture
     * lines are short); CJK text has no spaces, hence bytes, not words. */
    u->content = (u->nwords >= 10 && u->nstop * 100 >= u->nwords * 15) ||
                 (u->terminal && u->nwords >= 3 && u->nstop >= 1) ||
                 (u->terminal && u->nwords >= 5) ||
                 (u->terminal && u->text.len >= 60 && (size_t)u->nwords * 12 < u->text.len) ||
                 u->text.len >= 280;
}

/* Same text as the title, or the title followed by " - Site". */
static int is_title_copy(rc_str x, rc_str tk)
{
    if (tk.len == 0 || x.len < tk.len || memcmp(x.ptr, tk.ptr, tk.len) != 0)
        return 0;
    if (x.len == tk.len)
        return 1;
    if (x.ptr[tk.len] != ' ')
        return 0;
    rc_str rest = {x.ptr + tk.len, x.len - tk.len};
    size_t pos = 0;
    rc_str t;
    if (!next_tok(rest, &pos, &t) || tok_is_word(t))
        return 0;
    int words = 0;
    while (next_tok(rest, &pos, &t))
        words += tok_is_word(t);
    return words <= 5;
}

/* ------------------------------------------------------------------ splitting */

typedef struct {
    const char *s;
    size_t len;
    int block;
} line_t;

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

int rc_textclean(rc_arena *a, rc_str text, rc_str title, rc_str *out, rc_str *title_out)
{
    pthread_once(&lx_once, lx_init);
    if (title_out)
        *title_out = RC_STR_NULL;
    const char *s = text.ptr ? text.ptr : "";
    size_t n = text.ptr ? text.len : 0;

    /* Lines, with the number of the blank-line separated block of each. */
    size_t nlines = 1;
    for (size_t i = 0; i < n; i++)
        nlines += s[i] == '\n';
    line_t *lines = rc_arena_alloc(a, nlines * sizeof *lines);
    if (!lines)
        return RC_ENOMEM;
    size_t nl = 0;
    int block = 0, has_blank = 0;
    for (size_t i = 0; i <= n;) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t end = e ? (size_t)(e - s) : n;
        size_t b = i, f = end;
        while (b < f && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
            b++;
        while (f > b && (s[f - 1] == ' ' || s[f - 1] == '\t' || s[f - 1] == '\r'))
            f--;
        if (f > b)
            lines[nl++] = (line_t){s + b, f - b, block};
        else if (nl > 0 && lines[nl - 1].block == block) {
            block++;
            has_blank = 1;
        }
        if (!e)
            break;
        i = end + 1;
    }

    /* Hard-wrapped text: lines followed by another line of the same block
     * mostly end close to the widest line. */
    int wrapped = 0;
    if (has_blank) {
        size_t maxw = 0, cont = 0, near = 0;
        for (size_t i = 0; i < nl; i++) {
            size_t w = cp_count(lines[i].s, lines[i].len);
            if (w > maxw)
                maxw = w;
        }
        for (size_t i = 0; i + 1 < nl; i++) {
            if (lines[i + 1].block != lines[i].block)
                continue;
            cont++;
            if (cp_count(lines[i].s, lines[i].len) + 25 >= maxw)
                near++;
        }
        wrapped = maxw <= 120 && cont >= 3 && near * 4 >= cont * 3;
    }

    /* Units. */
    unit *u = rc_arena_calloc(a, nl ? nl : 1, sizeof *u);
    if (!u)
        return RC_ENOMEM;
    size_t nu = 0;
    for (size_t i = 0; i < nl;) {
        size_t j = i + 1;
        rc_str t = {lines[i].s, lines[i].len};
        if (wrapped) {
            while (j < nl && lines[j].block == lines[i].block)
                j++;
            if (j > i + 1) {
                size_t len = (size_t)(lines[j - 1].s + lines[j - 1].len - lines[i].s);
                char *d = rc_arena_alloc(a, len + 1);
                if (!d)
                    return RC_ENOMEM;
                size_t o = 0;
                for (size_t k = i; k < j; k++) {
                    if (k > i)
                        d[o++] = ' ';
                    memcpy(d + o, lines[k].s, lines[k].len);
                    o += lines[k].len;
                }
                t = (rc_str){d, o};
            }
        }
        u[nu].text = clean_inline(a, t.ptr, t.len);
        if (make_key(a, u[nu].text.ptr, u[nu].text.len, &u[nu].key))
            return RC_ENOMEM;
        u[nu].xkey = key_strip(u[nu].key);
        analyse(&u[nu]);
        nu++;
        i = j;
    }

    /* The title: given, or the first line when it looks like a headline. */
    rc_str tkey = RC_STR_NULL;
    if (!rc_str_empty(title)) {
        rc_str k;
        rc_str tc = clean_inline(a, title.ptr, title.len);
        if (make_key(a, tc.ptr, tc.len, &k))
            return RC_ENOMEM;
        tkey = key_strip(k);
    } else {
        /* The first headline-like line before the first real paragraph
         * (menu items and labels before it are skipped). */
        for (size_t h = 0; h + 1 < nu; h++) {
            if (u[h].strong || u[h].meta)
                continue;
            if (!u[h].fullstop && u[h].nwords >= 4 && u[h].nwords <= 30 &&
                u[h].text.len <= 300 && u[h].npunct * 3 <= u[h].nwords) {
                tkey = u[h].xkey;
                if (title_out)
                    *title_out = u[h].text;
                u[h].drop = 1;
                break;
            }
            if (u[h].content && u[h].terminal)
                break;
        }
    }

    /* Strong furniture, title copies, duplicates. */
    size_t dcap = 16;
    while (dcap < nu * 2)
        dcap *= 2;
    uint32_t *dup = rc_arena_calloc(a, dcap, sizeof *dup);
    if (!dup)
        return RC_ENOMEM;
    for (size_t i = 0; i < nu; i++) {
        if (u[i].strong || is_title_copy(u[i].xkey, tkey))
            u[i].drop = 1;
        if (!u[i].drop && u[i].nwords >= 3) {
            /* Seen before?  (open addressing over unit indexes + 1) */
            size_t j = (size_t)hash_bytes(u[i].xkey.ptr, u[i].xkey.len) & (dcap - 1);
            while (dup[j] && !rc_str_eq(u[dup[j] - 1].xkey, u[i].xkey))
                j = (j + 1) & (dcap - 1);
            if (dup[j])
                u[i].drop = 1;
            else
                dup[j] = (uint32_t)i + 1;
        }
        /* A bare "Lire aussi" takes the headline after it. */
        if ((u[i].match & LX_RELBARE) && i + 1 < nu && !u[i + 1].fullstop &&
            u[i + 1].nwords <= 25)
            u[i + 1].drop = u[i + 1].strong = 1;
    }
    /* A comments / related heading ends the article when most of the text
     * is before it. */
    size_t body = 0, seen = 0;
    for (size_t i = 0; i < nu; i++)
        if (!u[i].drop)
            body += u[i].text.len;
    for (size_t i = 0; i < nu; i++) {
        if ((u[i].match & LX_END) && seen * 10 >= body * 6) {
            for (size_t k = i; k < nu; k++)
                u[k].drop = 1;
            break;
        }
        if (!u[i].drop)
            seen += u[i].text.len;
    }
    /* Leading and trailing furniture. */
    for (size_t i = 0; i < nu; i++) {
        if (u[i].drop)
            continue;
        if (u[i].content && !u[i].meta)
            break;
        u[i].drop = 1;
    }
    for (size_t i = nu; i-- > 0;) {
        if (u[i].drop)
            continue;
        if (u[i].content && !u[i].meta)
            break;
        u[i].drop = 1;
    }

    /* Output. */
    size_t total = 1;
    for (size_t i = 0; i < nu; i++)
        if (!u[i].drop)
            total += u[i].text.len + 2;
    char *d = rc_arena_alloc(a, total);
    if (!d)
        return RC_ENOMEM;
    size_t o = 0;
    for (size_t i = 0; i < nu; i++) {
        if (u[i].drop)
            continue;
        if (o) {
            d[o++] = '\n';
            d[o++] = '\n';
        }
        memcpy(d + o, u[i].text.ptr, u[i].text.len);
        o += u[i].text.len;
    }
    d[o] = 0;
    *out = (rc_str){d, o};
    return RC_OK;
}
