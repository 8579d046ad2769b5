/*
 * html.c -- main text and metadata of an HTML page (libxml2).
 *
 * What: rc_html_extract() turns a UTF-8 page into its article text
 * (paragraphs separated by blank lines) and metadata (title, author,
 * publication date, site, canonical URL, language, description).
 *
 * Algorithm (all tree walks are iterative, over parent/next pointers, so
 * deep nesting cannot overflow the stack; every pass is linear):
 *
 *  1. One walk over libxml2's tree.  Each element that is not dropped
 *     (script, style, svg, iframe, hidden...) gets a record: parent, tag,
 *     the hints of its class/id/role ("article", "content" vs "nav",
 *     "share", "comment"..., data/html-hints.txt) and of its tag (nav,
 *     aside, footer, header, form, figure).  Text is gathered into
 *     paragraph-level blocks, cut at every block-level element and at
 *     double <br>: each block keeps its characters, link characters, words,
 *     function words (data/html-stopwords.txt), sentence punctuation and
 *     whether it starts with a furniture phrase ("Lire aussi", "Read more",
 *     cookie notices: data/html-boilerplate.txt).  Metadata (meta, link,
 *     JSON-LD, time, title, byline and date elements) is noted on the way.
 *  2. Hints are inherited top-down, but a furniture hint is ignored on an
 *     element that holds most of the page's prose (a "has-sidebar" wrapper,
 *     an ASP.NET <form> around the whole page).
 *  3. Each block gets a value: its non-link characters when it reads like
 *     prose (punctuation, function words), small negative values for short
 *     labels, strongly negative for link lists, furniture phrases and text
 *     inside furniture.  Values are summed bottom-up (elements are numbered
 *     in document order, so a reverse sweep is a post-order).  The article
 *     body is the element with the largest sum (article-like hints weigh a
 *     little more; ties go to the deepest): it gathers the prose and loses
 *     whatever furniture it would swallow.  Sibling elements of it that also
 *     carry enough prose are taken too (articles split over containers),
 *     as are other clean regions of the page scoring close to it, and
 *     prose just before it (a lead in the article header) joins it.
 *  4. Inside the chosen elements every block is kept (short ones too)
 *     except furniture below the body (navigation, share/comment widgets,
 *     bylines, captions, link lists, "Lire aussi" lines, short datelines),
 *     sentence-less labels left at its very end, and the title.  Prose
 *     hidden inside the body (a "read more" toggle) stays.  A page whose
 *     best element holds little prose gives no text, unless it has long
 *     link-free paragraphs elsewhere that add up to an article (then those
 *     are the text: pages whose structure defeats rule 3).
 *
 * Hidden elements and form controls are walked, not skipped: the parser
 * repairs misnested markup by nesting, so an unclosed <button> or hidden
 * menu may hold the whole article; rule 2 then saves it.  Parent pointers
 * of repaired trees can be wrong, so walks keep their own stack.
 *
 * Why: a subtree-sum with furniture penalties needs no thresholds tuned per
 * site and handles nested or split bodies; the block classification borrows
 * the well-known ideas (text and link density, function words, class hints)
 * but is our own.  Metadata goes from the most to the least explicit
 * source: JSON-LD, meta tags, <time>, then visible text near the title;
 * a full date in the URL path outranks them all (metadata dates are often
 * shifted by time zones or rewritten by updates).
 *
 * Memory: work arrays are malloc'd and freed before returning; results are
 * copied into the caller's arena; libxml2's tree is freed with xmlFreeDoc.
 */
#include "html.h"
#include "data.h"
#include "pubdate.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ word tables */

/* A small open-addressing hash set of short lowercase words -> code bits. */
#define WT_SIZE 2048        /* power of two, well above the entries */

typedef struct {
    char w[24];
    unsigned char len;
    unsigned char code;
} wt_slot;

typedef struct {
    wt_slot s[WT_SIZE];
} wordtab;

/* hint codes */
#define HC_POS 1
#define HC_NEG 2
#define HC_SKIP 4
#define HC_DATE 8
#define HC_AUTH 16
#define HC_UPD 32
#define HC_STRONG 64

static uint32_t wt_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void wt_add(wordtab *t, const char *w, size_t n, unsigned char code)
{
    if (n == 0 || n >= sizeof t->s[0].w)
        return;
    uint32_t i = wt_hash(w, n) & (WT_SIZE - 1);
    for (int k = 0; k < WT_SIZE; k++, i = (i + 1) & (WT_SIZE - 1)) {
        wt_slot *s = &t->s[i];
        if (s->len == 0) {
            memcpy(s->w, w, n);
            s->len = (unsigned char)n;
            s->code = code;
            return;
        }
        if (s->len == n && memcmp(s->w, w, n) == 0) {
            s->code |= code;
            return;
        }
    }
}

static unsigned wt_get(const wordtab *t, const char *w, size_t n)
{
    if (n == 0 || n >= sizeof t->s[0].w)
        return 0;
    uint32_t i = wt_hash(w, n) & (WT_SIZE - 1);
    for (;;) {
        const wt_slot *s = &t->s[i];
        if (s->len == 0)
            return 0;
        if (s->len == n && memcmp(s->w, w, n) == 0)
            return s->code;
        i = (i + 1) & (WT_SIZE - 1);
    }
}

#define PHRASES_MAX 256

typedef struct {
    char p[64];
    unsigned char len;
    unsigned char anywhere;
} phrase;

static wordtab hints, stops;
static phrase phrases[PHRASES_MAX];
static int n_phrases;
/* phrases by first byte: [start, end) into order[]; and a bitmap of the
 * first two bytes of the "anywhere" phrases, to skip most positions */
static unsigned char ph_order[PHRASES_MAX];
static unsigned short ph_first[257];
static uint8_t any_pair[65536 / 8];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Lowercase ASCII and the Latin-1 capitals U+00C0..U+00DE (2-byte UTF-8). */
static void lower_utf8(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d >= 0x80 && d <= 0x9E && d != 0x97)
                d = (unsigned char)(d + 0x20);
            out[i] = (char)c;
            out[++i] = (char)d;
            continue;
        }
        out[i] = (char)c;
    }
}

static void tables_load(void)
{
    rc_str f = rc_data_get("html-hints.txt");
    size_t pos = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line)) {
        size_t sp = 0;
        while (sp < line.len && line.ptr[sp] != ' ' && line.ptr[sp] != '\t')
            sp++;
        unsigned char code = 0;
        for (size_t i = sp; i < line.len; i++)
            switch (line.ptr[i]) {
            case '+': code |= HC_POS; break;
            case '-': code |= HC_NEG; break;
            case 'x': code |= HC_SKIP; break;
            case 'd': code |= HC_DATE; break;
            case 'a': code |= HC_AUTH; break;
            case 'u': code |= HC_UPD; break;
            case '!': code |= HC_STRONG; break;
            default: break;
            }
        wt_add(&hints, line.ptr, sp, code);
    }
    f = rc_data_get("html-stopwords.txt");
    pos = 0;
    while (rc_data_next_line(f, &pos, &line))
        wt_add(&stops, line.ptr, line.len, 1);
    f = rc_data_get("html-boilerplate.txt");
    pos = 0;
    while (n_phrases < PHRASES_MAX && rc_data_next_line(f, &pos, &line)) {
        phrase *p = &phrases[n_phrases];
        size_t off = 0;
        p->anywhere = 0;
        if (line.ptr[0] == '*') {
            p->anywhere = 1;
            off = 1;
        }
        size_t n = line.len - off;
        if (n == 0 || n >= sizeof p->p)
            continue;
        lower_utf8(line.ptr + off, n, p->p);
        p->len = (unsigned char)n;
        n_phrases++;
    }
    /* bucket the phrases by their first byte (counting sort) */
    for (int k = 0; k < n_phrases; k++)
        ph_first[(unsigned char)phrases[k].p[0] + 1]++;
    for (int i = 1; i <= 256; i++)
        ph_first[i] += ph_first[i - 1];
    unsigned short fill[256];
    memcpy(fill, ph_first, sizeof fill);
    for (int k = 0; k < n_phrases; k++) {
        ph_order[fill[(unsigned char)phrases[k].p[0]]++] = (unsigned char)k;
        if (phrases[k].anywhere) {
            unsigned pair = (unsigned)(unsigned char)phrases[k].p[0] << 8 |
                            (phrases[k].len > 1 ? (unsigned char)phrases[k].p[1] : 0);
            any_pair[pair >> 3] |= (uint8_t)(1u << (pair & 7));
        }
    }
}

/* ------------------------------------------------------------ tags */

enum {
    T_OTHER = 0, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR,
    T_CAPTION, T_DD, T_DIV, T_DL, T_DT, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM,
    T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER, T_HR, T_HTML, T_LI,
    T_LINK, T_MAIN, T_META, T_NAV, T_OL, T_P, T_PRE, T_SCRIPT, T_SECTION, T_SKIP,
    T_STYLE, T_TABLE, T_TD, T_TH, T_TIME, T_TITLE, T_TR, T_UL, T_BLOCK, T_MENU, T_WIDGET,
};

typedef struct {
    const char *name;
    unsigned char id;
} tagname;

/* sorted by name for bsearch */
static const tagname tagnames[] = {
    {"a", T_A}, {"address", T_ADDRESS}, {"article", T_ARTICLE}, {"aside", T_ASIDE},
    {"audio", T_WIDGET}, {"blockquote", T_BLOCKQUOTE}, {"body", T_BODY}, {"br", T_BR},
    {"button", T_WIDGET}, {"canvas", T_WIDGET}, {"caption", T_CAPTION}, {"center", T_BLOCK},
    {"datalist", T_WIDGET}, {"dd", T_DD}, {"details", T_BLOCK}, {"dialog", T_WIDGET},
    {"dir", T_UL}, {"div", T_DIV}, {"dl", T_DL}, {"dt", T_DT}, {"embed", T_SKIP},
    {"fieldset", T_BLOCK}, {"figcaption", T_FIGCAPTION}, {"figure", T_FIGURE},
    {"footer", T_FOOTER}, {"form", T_FORM}, {"frameset", T_SKIP}, {"h1", T_H1},
    {"h2", T_H2}, {"h3", T_H3}, {"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6},
    {"head", T_HEAD}, {"header", T_HEADER}, {"hgroup", T_BLOCK}, {"hr", T_HR},
    {"html", T_HTML}, {"iframe", T_SKIP}, {"input", T_SKIP}, {"legend", T_BLOCK},
    {"li", T_LI}, {"link", T_LINK}, {"main", T_MAIN}, {"map", T_WIDGET},
    {"math", T_SKIP}, {"menu", T_MENU}, {"meta", T_META}, {"nav", T_NAV},
    {"noscript", T_BLOCK}, {"object", T_WIDGET}, {"ol", T_OL}, {"option", T_WIDGET},
    {"p", T_P}, {"pre", T_PRE}, {"script", T_SCRIPT}, {"section", T_SECTION},
    {"select", T_WIDGET}, {"style", T_STYLE}, {"summary", T_BLOCK}, {"svg", T_SKIP},
    {"table", T_TABLE}, {"tbody", T_BLOCK}, {"td", T_TD}, {"template", T_SKIP},
    {"textarea", T_SKIP}, {"tfoot", T_BLOCK}, {"th", T_TH}, {"thead", T_BLOCK},
    {"time", T_TIME}, {"title", T_TITLE}, {"tr", T_TR}, {"ul", T_UL},
    {"video", T_WIDGET},
};

static int tagcmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const tagname *)e)->name);
}

static int tag_lookup(const xmlChar *name)
{
    const tagname *t = bsearch(name, tagnames, sizeof tagnames / sizeof tagnames[0], sizeof tagnames[0], tagcmp);
    return t ? t->id : T_OTHER;
}

/* Element names are interned in the document's dictionary, so a small
 * cache keyed by the name's address saves the string search. */
typedef struct {
    const xmlChar *name[64];
    unsigned char id[64];
} tagcache;

static int tag_of_cached(tagcache *tc, const xmlChar *name)
{
    if (!name)
        return T_OTHER;
    unsigned h = (unsigned)(((uintptr_t)name >> 4) & 63);
    if (tc->name[h] != name) {
        tc->name[h] = name;
        tc->id[h] = (unsigned char)tag_lookup(name);
    }
    return tc->id[h];
}

static int tag_of(const xmlChar *name)
{
    return name ? tag_lookup(name) : T_OTHER;
}

static int is_block_tag(int t)
{
    switch (t) {
    case T_OTHER: case T_A: case T_TIME: case T_BR: case T_META: case T_LINK:
    case T_SCRIPT: case T_STYLE: case T_SKIP: case T_TITLE: case T_WIDGET:
        return 0;
    default:
        return 1;
    }
}

static int is_heading(int t)
{
    return t >= T_H1 && t <= T_H6;
}

/* ------------------------------------------------------------ work records */

/* element flags */
#define F_LINK    0x0001u
#define F_NAV     0x0002u
#define F_ASIDE   0x0004u
#define F_FOOTER  0x0008u
#define F_HEADER  0x0010u
#define F_FORM    0x0020u
#define F_FIG     0x0040u
#define F_NEG     0x0080u
#define F_POS     0x0100u
#define F_QUOTE   0x0200u
#define F_HEAD    0x0400u     /* inside <head>: no text */
#define F_STRONGPOS 0x0800u   /* <article>, itemprop=articleBody, role=main */
#define F_HIDDEN  0x1000u     /* hidden attribute, display:none, "sr-only" */
#define F_STRONGNEG 0x2000u   /* cookie notices, pop-ups: always furniture */

#define F_FURNITURE (F_NAV | F_ASIDE | F_FOOTER | F_HEADER | F_FORM | F_FIG | F_NEG | F_HIDDEN | F_STRONGNEG)

typedef struct {
    xmlNode *node;
    int parent;
    int blk_el;          /* nearest block-level element, itself included */
    int end;             /* index after the last descendant */
    uint32_t first_blk, end_blk;
    uint32_t iflags;     /* inherited unconditionally (link, quote, head) */
    uint32_t own;        /* this element's own furniture/article flags */
    uint32_t flags;      /* final: inherited and honoured */
    unsigned char tag;
    unsigned char hint;  /* HC_* codes of its class/id */
    float good;          /* prose characters in the subtree */
    float score;         /* summed block values */
} elrec;

enum { K_RUN = 0, K_P, K_H1, K_H, K_LI, K_PRE, K_Q, K_TD };

typedef struct {
    uint32_t off, len;   /* in the text buffer */
    uint32_t chars, link;
    uint32_t words, stops, punct;
    int el;
    unsigned char kind;
    unsigned char boiler;
    unsigned char dateish;
    float v;
} block;

#define MAX_MARKS 24

typedef struct {
    rc_str v;
    int prio;
} cand;

typedef struct {
    rc_arena *a;
    int oom;

    elrec *el;
    int n_el, cap_el;
    block *bl;
    uint32_t n_bl, cap_bl;
    rc_buf text;         /* block texts, back to back */

    /* the block being gathered */
    size_t bstart;
    uint32_t bchars, blink;
    int bel;
    int pend;            /* a blank is pending */

    /* metadata candidates */
    cand title, author, date, site, url, lang, desc, ld_title, h_title;
    const char *date_how;
    int n_h1, h1[8];
    int n_time, time_el[MAX_MARKS];
    int n_dmark, dmark[MAX_MARKS];
    int n_amark, amark[MAX_MARKS];
    rc_str title_tag;
    int mdy;
    tagcache tc;
} ctx;

/* ------------------------------------------------------------ small helpers */

static rc_str collapse(rc_arena *a, const char *s, size_t n)
{
    char *o = rc_arena_alloc(a, n + 1);
    if (!o)
        return RC_STR_NULL;
    size_t k = 0;
    int pend = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pend = k > 0;
            continue;
        }
        if (c == 0)
            continue;
        if (pend)
            o[k++] = ' ';
        pend = 0;
        o[k++] = (char)c;
    }
    o[k] = 0;
    return (rc_str){o, k};
}

/* Keep the candidate with the highest priority (first wins on ties). */
static void offer(ctx *c, cand *f, const char *s, size_t n, int prio)
{
    if (!s || prio <= f->prio)
        return;
    rc_str v = collapse(c->a, s, n);
    if (!v.ptr) {
        c->oom = 1;
        return;
    }
    if (v.len == 0)
        return;
    f->v = v;
    f->prio = prio;
}

static void offer_c(ctx *c, cand *f, const char *s, int prio)
{
    if (s)
        offer(c, f, s, strlen(s), prio);
}

static const char *attr_value(const xmlAttr *at)
{
    const xmlNode *t = at->children;
    if (t && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
        return (const char *)t->content;
    return "";
}

static const char *get_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *at = n->properties; at; at = at->next)
        if (at->name && strcmp((const char *)at->name, name) == 0)
            return attr_value(at);
    return NULL;
}

static int ieq(const char *a, const char *b)
{
    return a && strcasecmp(a, b) == 0;
}

static int istarts(const char *a, const char *p)
{
    return a && strncasecmp(a, p, strlen(p)) == 0;
}

static int icontains(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* The text of a subtree, at most cap-1 bytes, scripts skipped; iterative and
 * bounded in nodes visited too. */
static size_t gather(const xmlNode *root, char *out, size_t cap)
{
    const xmlNode *stack[32];
    int sp = 0, visits = 0;
    size_t k = 0;
    const xmlNode *n = root->children;
    while (n && k + 1 < cap && visits++ < 4000) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE && n->content) {
            size_t l = strlen((const char *)n->content);
            if (l > cap - 1 - k)
                l = cap - 1 - k;
            memcpy(out + k, n->content, l);
            k += l;
        } else if (n->type == XML_ELEMENT_NODE) {
            int t = tag_of(n->name);
            if (t != T_SCRIPT && t != T_STYLE && t != T_SKIP)
                descend = 1;
            if (t == T_BR || (is_block_tag(t) && k > 0 && k + 1 < cap))
                out[k++] = ' ';
        }
        if (descend && n->children && sp < 32) {
            stack[sp++] = n;
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = sp ? stack[--sp] : NULL;
        if (n)
            n = n->next;
    }
    out[k] = 0;
    return k;
}

static int looks_like_url(const char *s)
{
    return istarts(s, "http:") || istarts(s, "https:") || istarts(s, "//") || istarts(s, "www.") ||
           (s && s[0] == '/');
}

/* ------------------------------------------------------------ growing arrays */

static int el_push(ctx *c)
{
    if (c->n_el == c->cap_el) {
        int nc = c->cap_el ? c->cap_el * 2 : 1024;
        elrec *p = realloc(c->el, (size_t)nc * sizeof *p);
        if (!p) {
            c->oom = 1;
            return -1;
        }
        c->el = p;
        c->cap_el = nc;
    }
    memset(&c->el[c->n_el], 0, sizeof c->el[0]);
    return c->n_el++;
}

static block *bl_push(ctx *c)
{
    if (c->n_bl == c->cap_bl) {
        uint32_t nc = c->cap_bl ? c->cap_bl * 2 : 256;
        block *p = realloc(c->bl, (size_t)nc * sizeof *p);
        if (!p) {
            c->oom = 1;
            return NULL;
        }
        c->bl = p;
        c->cap_bl = nc;
    }
    block *b = &c->bl[c->n_bl++];
    memset(b, 0, sizeof *b);
    return b;
}

/* ------------------------------------------------------------ blocks */

static int is_word_byte(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    if (c < 0x80)
        return 0;
    if (c == 0xC2)                       /* U+0080..U+00BF: « » nbsp © ... */
        return 0;
    if (c == 0xE2 && i + 1 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81))
        return 0;                        /* U+2000..U+207F: dashes, quotes, spaces */
    if ((c & 0xC0) == 0x80) {            /* continuation: belongs with its lead */
        size_t j = i;
        while (j > 0 && (s[j] & 0xC0) == 0x80)
            j--;
        if ((s[j] & 0xC0) == 0x80)       /* stray continuation bytes */
            return 0;
        return is_word_byte(s, j, n);
    }
    return 1;
}

/* Words, function words and sentence punctuation of a block. */
static void block_stats(block *b, const unsigned char *s)
{
    size_t n = b->len;
    int lookup = b->chars >= 40;   /* function words matter for longer blocks */
    uint32_t words = 0, st = 0, punct = 0;
    size_t i = 0;
    while (i < n) {
        if (!is_word_byte(s, i, n)) {
            unsigned char c = s[i];
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\n'))
                punct++;
            else if (c == ',' || c == ';')
                punct++;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_word_byte(s, j, n))
            j++;
        words++;
        if (lookup && i < 3000 && j - i < 16) {
            char w[16];
            lower_utf8((const char *)s + i, j - i, w);
            if (wt_get(&stops, w, j - i))
                st++;
        }
        i = j;
    }
    /* scale the function words of a long block's sample to the block */
    if (n > 3000 && words) {
        uint32_t sampled = 0;
        for (size_t k = 0; k < 3000; k++)
            sampled += s[k] == ' ';
        if (sampled)
            st = (uint32_t)((double)st * words / (sampled + 1));
    }
    b->words = words;
    b->stops = st;
    b->punct = punct;
}

static int prefix_ok(const phrase *p, const char *low, size_t n, size_t chars)
{
    if (chars > 120 || p->len > n || memcmp(low, p->p, p->len) != 0)
        return 0;
    if (!memchr(p->p, ' ', p->len) && chars > 40)
        return 0;
    unsigned char nx = p->len < n ? (unsigned char)low[p->len] : ' ';
    unsigned char last = (unsigned char)p->p[p->len - 1];
    return !((nx >= 'a' && nx <= 'z') || (nx >= '0' && nx <= '9')) || last == ' ' || last == ':';
}

/* Does a lowercased short block start with, or contain, a furniture
 * phrase?  One pass over the block, phrases bucketed by first byte. */
static int match_phrase(const char *low, size_t n, size_t chars)
{
    if (n == 0)
        return 0;
    unsigned char c0 = (unsigned char)low[0];
    for (unsigned k = ph_first[c0]; k < ph_first[c0 + 1]; k++) {
        const phrase *p = &phrases[ph_order[k]];
        if (!p->anywhere && prefix_ok(p, low, n, chars))
            return 1;
    }
    if (chars > 500)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned pair = (unsigned)(unsigned char)low[i] << 8 | (unsigned char)low[i + 1];
        if (!(any_pair[pair >> 3] & (1u << (pair & 7))))
            continue;
        c0 = (unsigned char)low[i];
        for (unsigned k = ph_first[c0]; k < ph_first[c0 + 1]; k++) {
            const phrase *p = &phrases[ph_order[k]];
            if (p->anywhere && p->len <= n - i && memcmp(low + i, p->p, p->len) == 0)
                return 1;
        }
    }
    return 0;
}

static void flush(ctx *c)
{
    if (c->text.err) {
        c->oom = 1;
        return;
    }
    size_t len = c->text.len;
    while (len > c->bstart && (c->text.ptr[len - 1] == ' ' || c->text.ptr[len - 1] == '\n'))
        len--;
    if (len > c->bstart && c->bchars > 0) {
        block *b = bl_push(c);
        if (b) {
            b->off = (uint32_t)c->bstart;
            b->len = (uint32_t)(len - c->bstart);
            b->chars = c->bchars;
            b->link = c->blink > c->bchars ? c->bchars : c->blink;
            b->el = c->bel;
            int t = c->el[c->bel].tag;
            b->kind = t == T_P ? K_P : t == T_H1 ? K_H1 : is_heading(t) ? K_H :
                      (t == T_LI || t == T_DD || t == T_DT) ? K_LI : t == T_PRE ? K_PRE :
                      t == T_BLOCKQUOTE ? K_Q : (t == T_TD || t == T_TH) ? K_TD : K_RUN;
            const unsigned char *s = (const unsigned char *)c->text.ptr + b->off;
            block_stats(b, s);
            if (b->chars <= 500) {
                char low[640];
                size_t m = b->len < 600 ? b->len : 600;
                lower_utf8((const char *)s, m, low);
                b->boiler = (unsigned char)match_phrase(low, m, b->chars);
            }
            /* a short line holding a date is a dateline, not content */
            int digits = 0;
            for (uint32_t k = 0; k < b->len && b->chars < 80 && digits < 4; k++)
                digits += s[k] >= '0' && s[k] <= '9';
            if (b->chars < 80 && b->words <= 8 && digits >= 4) {    /* a year at least */
                char d[RC_PUBDATE_MAX];
                b->dateish = rc_pubdate_find((rc_str){(const char *)s, b->len}, 0, b->len, d, NULL) > 0;
            }
            len = c->bstart + b->len;
        }
    }
    c->text.len = len;
    if (c->text.ptr)
        c->text.ptr[len] = 0;
    c->bstart = len;
    c->bchars = c->blink = 0;
    c->pend = 0;
}

static void add_text(ctx *c, int cur, const unsigned char *t)
{
    size_t n = strlen((const char *)t);
    if (n == 0)
        return;
    if (rc_buf_reserve(&c->text, n + 2) != RC_OK) {
        c->oom = 1;
        return;
    }
    char *o = c->text.ptr;
    size_t k = c->text.len;
    uint32_t chars = 0;
    int pend = c->pend;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = t[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            pend = 1;
            continue;
        }
        if (k == c->bstart) {
            c->bel = c->el[cur].blk_el;
        } else if (pend && o[k - 1] != '\n') {
            o[k++] = ' ';
        }
        pend = 0;
        o[k++] = (char)ch;
        if ((ch & 0xC0) != 0x80)
            chars++;
    }
    c->pend = pend;
    c->text.len = k;
    o[k] = 0;
    c->bchars += chars;
    if (c->el[cur].iflags & F_LINK)
        c->blink += chars;
}

static void line_break(ctx *c)
{
    size_t k = c->text.len;
    if (k == c->bstart)
        return;
    if (c->text.ptr[k - 1] == '\n') {       /* <br><br>: a new paragraph */
        flush(c);
        return;
    }
    if (rc_buf_putc(&c->text, '\n') != RC_OK)
        c->oom = 1;
    c->pend = 0;
}

/* ------------------------------------------------------------ class hints */

/* HC_SKIP counts only for a whole class name ("sr-only", "hidden"), not
 * for a word inside one ("field-label-hidden" is shown). */
static unsigned hint_skip(const char *v)
{
    char w[24];
    size_t k = 0;
    if (strchr(v, ':'))       /* "hidden lg:block": shown on wide screens */
        return 0;
    for (size_t i = 0;; i++) {
        char ch = v[i];
        if (ch == 0 || ch == ' ' || ch == '\t' || ch == '\n') {
            if (k && k < sizeof w && (wt_get(&hints, w, k) & HC_SKIP))
                return HC_SKIP;
            k = 0;
            if (ch == 0 || i > 512)
                return 0;
            continue;
        }
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z')) {
            if (k < sizeof w)
                w[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
            k++;
        }
    }
}

/* Words of a class/id value.  A furniture word is ignored when it only
 * qualifies its element: after "has", "no", "with" ("has-sidebar",
 * "no-ads") or in a BEM modifier after "--" ("Section--Ads"). */
static unsigned hint_words(const char *v)
{
    unsigned code = 0;
    char w[24];
    size_t i = 0;
    int guard = 0, qualified = 0, modifier = 0;
    while (v[i] && guard++ < 64) {
        size_t sep = i;
        while (v[i] && !((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
                         (v[i] >= '0' && v[i] <= '9')))
            i++;
        if (!v[i])
            break;
        /* a blank starts a new class name; "--" starts a modifier */
        for (size_t j = sep; j < i; j++)
            if (v[j] == ' ' || v[j] == '\t' || v[j] == '\n')
                qualified = modifier = 0;
        if (i - sep >= 2 && v[i - 1] == '-' && v[i - 2] == '-')
            modifier = 1;
        size_t k = 0;
        size_t start = i;
        while (v[i] && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
                        (v[i] >= '0' && v[i] <= '9'))) {
            /* camelCase boundary */
            if (i > start && v[i] >= 'A' && v[i] <= 'Z' && v[i - 1] >= 'a' && v[i - 1] <= 'z')
                break;
            if (k < sizeof w)
                w[k] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
            k++;
            i++;
        }
        if (k >= sizeof w)
            continue;
        while (k > 0 && w[k - 1] >= '0' && w[k - 1] <= '9')
            k--;
        unsigned wc = wt_get(&hints, w, k) & ~(unsigned)HC_SKIP;
        if (k >= 6 && (memmem(w, k, "cookie", 6) || memmem(w, k, "consent", 7)))
            wc |= HC_NEG | HC_STRONG;
        if (qualified || modifier)
            wc &= ~(unsigned)HC_NEG;
        code |= wc;
        qualified = (k == 3 && !memcmp(w, "has", 3)) || (k == 2 && !memcmp(w, "no", 2)) ||
                    (k == 4 && !memcmp(w, "with", 4));
    }
    return code | hint_skip(v);
}

/* ------------------------------------------------------------ JSON-LD */

static int type_has(json_t *o, const char *const *names)
{
    json_t *t = json_object_get(o, "@type");
    size_t n = json_is_array(t) ? json_array_size(t) : 1;
    for (size_t i = 0; i < n && i < 8; i++) {
        json_t *x = json_is_array(t) ? json_array_get(t, i) : t;
        const char *s = json_string_value(x);
        if (!s)
            continue;
        for (int k = 0; names[k]; k++)
            if (strstr(s, names[k]))
                return 1;
    }
    return 0;
}

/* Decode the few entities that JSON-LD writers leave in strings. */
static size_t decode_entities(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; s[i] && k + 5 < cap; i++) {
        if (s[i] == '&') {
            static const struct { const char *e; const char *r; } ents[] = {
                {"&amp;", "&"}, {"&quot;", "\""}, {"&#039;", "'"}, {"&#39;", "'"}, {"&apos;", "'"},
                {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "}, {"&#8217;", "\xE2\x80\x99"},
                {"&rsquo;", "\xE2\x80\x99"}, {"&#8211;", "\xE2\x80\x93"}, {"&ndash;", "\xE2\x80\x93"},
            };
            int done = 0;
            for (size_t e = 0; e < sizeof ents / sizeof ents[0]; e++) {
                size_t l = strlen(ents[e].e);
                if (strncmp(s + i, ents[e].e, l) == 0) {
                    size_t rl = strlen(ents[e].r);
                    memcpy(out + k, ents[e].r, rl);
                    k += rl;
                    i += l - 1;
                    done = 1;
                    break;
                }
            }
            if (done)
                continue;
        }
        out[k++] = s[i];
    }
    out[k] = 0;
    return k;
}

static void ld_offer(ctx *c, cand *f, const char *s, int prio)
{
    if (!s)
        return;
    char buf[1024];
    size_t n = decode_entities(s, buf, sizeof buf);
    offer(c, f, buf, n, prio);
}

static void ld_authors(ctx *c, json_t *a, int prio)
{
    char buf[512];
    size_t k = 0;
    size_t n = json_is_array(a) ? json_array_size(a) : 1;
    for (size_t i = 0; i < n && i < 10; i++) {
        json_t *x = json_is_array(a) ? json_array_get(a, i) : a;
        const char *name = json_is_string(x) ? json_string_value(x) :
                           json_is_object(x) ? json_string_value(json_object_get(x, "name")) : NULL;
        if (!name || !*name || looks_like_url(name))
            continue;
        size_t l = strlen(name);
        if (k + l + 3 >= sizeof buf)
            break;
        if (k) {
            memcpy(buf + k, ", ", 2);
            k += 2;
        }
        memcpy(buf + k, name, l);
        k += l;
    }
    buf[k] = 0;
    if (k)
        ld_offer(c, &c->author, buf, prio);
}

static void ld_walk(ctx *c, json_t *j, int depth)
{
    static const char *const art[] = {"Article", "Posting", "Report", "Review", NULL};
    static const char *const page[] = {"WebPage", "Page", NULL};
    static const char *const org[] = {"Organization", "WebSite", NULL};
    if (depth > 6 || !j)
        return;
    if (json_is_array(j)) {
        for (size_t i = 0; i < json_array_size(j) && i < 64; i++)
            ld_walk(c, json_array_get(j, i), depth + 1);
        return;
    }
    if (!json_is_object(j))
        return;
    ld_walk(c, json_object_get(j, "@graph"), depth + 1);
    if (type_has(j, art)) {
        ld_offer(c, &c->ld_title, json_string_value(json_object_get(j, "headline")), 10);
        ld_offer(c, &c->ld_title, json_string_value(json_object_get(j, "name")), 8);
        char d[RC_PUBDATE_MAX];
        const char *dp = json_string_value(json_object_get(j, "datePublished"));
        if (!dp)
            dp = json_string_value(json_object_get(j, "dateCreated"));
        if (dp && rc_pubdate_parse(rc_str_c(dp), c->mdy, d) && 100 > c->date.prio) {
            offer_c(c, &c->date, d, 100);
            c->date_how = "json-ld";
        }
        ld_authors(c, json_object_get(j, "author"), 10);
        json_t *pub = json_object_get(j, "publisher");
        if (json_is_array(pub))
            pub = json_array_get(pub, 0);
        if (json_is_object(pub))
            ld_offer(c, &c->site, json_string_value(json_object_get(pub, "name")), 8);
    } else if (type_has(j, page)) {
        char d[RC_PUBDATE_MAX];
        const char *dp = json_string_value(json_object_get(j, "datePublished"));
        if (dp && rc_pubdate_parse(rc_str_c(dp), c->mdy, d) && 70 > c->date.prio) {
            offer_c(c, &c->date, d, 70);
            c->date_how = "json-ld";
        }
        ld_offer(c, &c->ld_title, json_string_value(json_object_get(j, "headline")), 5);
        ld_authors(c, json_object_get(j, "author"), 6);
    } else if (type_has(j, org)) {
        ld_offer(c, &c->site, json_string_value(json_object_get(j, "name")), 5);
    }
    json_t *me = json_object_get(j, "mainEntity");
    if (json_is_object(me) || json_is_array(me))
        ld_walk(c, me, depth + 1);
}

static void read_jsonld(ctx *c, const xmlNode *script)
{
    rc_buf b;
    rc_buf_init(&b, (size_t)4 << 20);
    for (const xmlNode *t = script->children; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
            rc_buf_puts(&b, (const char *)t->content);
    if (b.err || b.len == 0) {
        rc_buf_free(&b);
        return;
    }
    /* tolerate a wrapping HTML comment or CDATA marker */
    char *s = b.ptr;
    size_t n = b.len;
    while (n && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) {
        s++;
        n--;
    }
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        s += 4;
        n -= 4;
        char *e = n >= 3 ? memmem(s, n, "-->", 3) : NULL;
        if (e)
            n = (size_t)(e - s);
    }
    json_error_t err;
    json_t *j = json_loadb(s, n, JSON_DISABLE_EOF_CHECK, &err);
    if (j) {
        ld_walk(c, j, 0);
        json_decref(j);
    }
    rc_buf_free(&b);
}

/* ------------------------------------------------------------ meta tags */

typedef struct {
    const char *key;
    int field;    /* 0 title 1 author 2 date 3 site 4 desc 5 url 6 lang */
    int prio;
} metakey;

static const metakey metakeys[] = {
    {"og:title", 0, 7}, {"twitter:title", 0, 5}, {"dc.title", 0, 8}, {"dc:title", 0, 8},
    {"dcterms.title", 0, 8}, {"parsely-title", 0, 6}, {"sailthru.title", 0, 4}, {"headline", 0, 8},
    {"title", 0, 3},
    {"author", 1, 6}, {"article:author", 1, 5}, {"dc.creator", 1, 5}, {"dc:creator", 1, 5},
    {"dcterms.creator", 1, 5}, {"parsely-author", 1, 6}, {"sailthru.author", 1, 5}, {"byl", 1, 5},
    {"citation_author", 1, 3}, {"og:article:author", 1, 4}, {"article.author", 1, 4},
    {"article:published_time", 2, 90}, {"og:published_time", 2, 88}, {"og:article:published_time", 2, 88},
    {"datepublished", 2, 90}, {"article.published", 2, 86}, {"article_date_original", 2, 86},
    {"publishdate", 2, 85}, {"publish-date", 2, 85}, {"publish_date", 2, 85}, {"pubdate", 2, 85},
    {"publication_date", 2, 85}, {"published-date", 2, 85}, {"original-publish-date", 2, 86},
    {"parsely-pub-date", 2, 86}, {"sailthru.date", 2, 84}, {"dc.date.issued", 2, 84},
    {"dcterms.issued", 2, 84}, {"dc.date.created", 2, 83}, {"dcterms.created", 2, 83},
    {"citation_publication_date", 2, 83}, {"citation_date", 2, 82}, {"og:pubdate", 2, 84},
    {"article:published", 2, 84}, {"datecreated", 2, 80}, {"date", 2, 80}, {"dc.date", 2, 80},
    {"dc:date", 2, 80}, {"dcterms.date", 2, 80}, {"cxenseparse:recs:publishtime", 2, 80},
    {"date.available", 2, 78}, {"created", 2, 60},
    {"og:site_name", 3, 7}, {"application-name", 3, 3}, {"publisher", 3, 2}, {"dc.publisher", 3, 3},
    {"description", 4, 5}, {"og:description", 4, 4}, {"twitter:description", 4, 3},
    {"og:url", 5, 3},
    {"og:locale", 6, 2}, {"content-language", 6, 3}, {"dc.language", 6, 2}, {"language", 6, 2},
};

static void read_meta(ctx *c, const xmlNode *n)
{
    const char *key = NULL, *content = NULL;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        const char *an = (const char *)at->name;
        if (!an)
            continue;
        if (!strcmp(an, "name") || !strcmp(an, "property") || !strcmp(an, "itemprop") ||
            !strcmp(an, "http-equiv")) {
            if (!key || !*key)
                key = attr_value(at);
        } else if (!strcmp(an, "content"))
            content = attr_value(at);
        else if (!strcmp(an, "charset"))
            return;
    }
    if (!key || !content || !*content)
        return;
    for (size_t i = 0; i < sizeof metakeys / sizeof metakeys[0]; i++) {
        const metakey *m = &metakeys[i];
        if (strcasecmp(key, m->key) != 0)
            continue;
        switch (m->field) {
        case 0: offer_c(c, &c->title, content, m->prio); break;
        case 1:
            if (!looks_like_url(content) && content[0] != '@')
                offer_c(c, &c->author, content, m->prio);
            break;
        case 2: {
            char d[RC_PUBDATE_MAX];
            if (m->prio > c->date.prio && rc_pubdate_parse(rc_str_c(content), c->mdy, d)) {
                offer_c(c, &c->date, d, m->prio);
                c->date_how = "meta";
            }
            break;
        }
        case 3: offer_c(c, &c->site, content, m->prio); break;
        case 4: offer_c(c, &c->desc, content, m->prio); break;
        case 5: offer_c(c, &c->url, content, m->prio); break;
        case 6: offer_c(c, &c->lang, content, m->prio); break;
        default: break;
        }
        return;
    }
}

/* ------------------------------------------------------------ the walk */

/* Returns 1 to descend into the element. */
static int enter(ctx *c, xmlNode *n, int *cur)
{
    int tag = tag_of_cached(&c->tc, n->name);
    switch (tag) {
    case T_SCRIPT: {
        const char *ty = get_attr(n, "type");
        if (ty && icontains(ty, "ld+json"))
            read_jsonld(c, n);
        return 0;
    }
    case T_STYLE: case T_SKIP:
        return 0;
    case T_TITLE:
        if (!c->title_tag.ptr) {
            char buf[1024];
            size_t k = gather(n, buf, sizeof buf);
            c->title_tag = collapse(c->a, buf, k);
        }
        return 0;
    case T_META:
        read_meta(c, n);
        return 0;
    case T_LINK: {
        const char *rel = get_attr(n, "rel"), *href = get_attr(n, "href");
        if (rel && href && *href && ieq(rel, "canonical"))
            offer_c(c, &c->url, href, 5);
        return 0;
    }
    case T_BR:
        line_break(c);
        return 0;
    default:
        break;
    }
    unsigned code = 0;
    uint32_t own = 0;
    const char *itemprop = NULL, *rel = NULL, *role = NULL;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        const char *an = (const char *)at->name;
        if (!an)
            continue;
        const char *v = attr_value(at);
        if (!strcmp(an, "class") || !strcmp(an, "id"))
            code |= hint_words(v);
        else if (!strcmp(an, "itemprop"))
            itemprop = v;
        else if (!strcmp(an, "rel"))
            rel = v;
        else if (!strcmp(an, "role"))
            role = v;
        else if (!strcmp(an, "hidden"))
            own |= F_HIDDEN;
        else if (!strcmp(an, "style") && (icontains(v, "display:none") || icontains(v, "display: none") ||
                                           icontains(v, "visibility:hidden")))
            own |= F_HIDDEN;
        else if (!strcmp(an, "lang") && tag == T_HTML && *v) {
            offer_c(c, &c->lang, v, 9);
            /* 01/02/2022 reads month first in American English only */
            c->mdy = istarts(v, "en") && !istarts(v, "en-gb") && !istarts(v, "en-au") &&
                     !istarts(v, "en-in") && !istarts(v, "en-ie") && !istarts(v, "en-nz");
        }
    }
    /* Hidden things are furniture rather than dropped outright: markup
     * repaired by the parser can put a whole article inside an unclosed
     * hidden menu, and the "most of the prose" rule then saves it. */
    if ((code & HC_SKIP) && tag != T_BODY && tag != T_HTML)
        own |= F_HIDDEN;
    if (tag == T_BODY || tag == T_HTML)
        code = 0;
    switch (tag) {
    case T_NAV: case T_MENU: own |= F_NAV; break;
    case T_ASIDE: own |= F_ASIDE; break;
    case T_FOOTER: own |= F_FOOTER; break;
    case T_HEADER: own |= F_HEADER; break;
    case T_FORM: own |= F_FORM; break;
    case T_FIGURE: case T_FIGCAPTION: own |= F_FIG; break;
    /* controls are furniture, not dropped: the parser lets an unclosed
     * <button> swallow the rest of the page */
    case T_WIDGET: own |= F_HIDDEN; break;
    case T_ARTICLE: case T_MAIN: own |= F_STRONGPOS; break;
    default: break;
    }
    if (role) {
        if (ieq(role, "navigation") || ieq(role, "menu") || ieq(role, "menubar"))
            own |= F_NAV;
        else if (ieq(role, "complementary"))
            own |= F_ASIDE;
        else if (ieq(role, "contentinfo"))
            own |= F_FOOTER;
        else if (ieq(role, "main") || ieq(role, "article"))
            own |= F_STRONGPOS;
        else if (ieq(role, "dialog") || ieq(role, "alertdialog"))
            own |= F_NEG;
    }
    if (itemprop && (ieq(itemprop, "articleBody") || ieq(itemprop, "text")))
        own |= F_STRONGPOS;
    if (code & HC_POS)
        own |= F_POS;
    if (code & HC_NEG)
        own |= (code & HC_STRONG) ? F_STRONGNEG : F_NEG;

    int i = el_push(c);
    if (i < 0)
        return 0;
    elrec *e = &c->el[i];
    elrec *p = &c->el[*cur];
    e->node = n;
    e->parent = *cur;
    e->tag = (unsigned char)tag;
    e->hint = (unsigned char)code;
    e->own = own;
    e->iflags = p->iflags | (tag == T_A ? F_LINK : 0) | (tag == T_BLOCKQUOTE ? F_QUOTE : 0) |
                (tag == T_HEAD ? F_HEAD : 0);
    e->blk_el = is_block_tag(tag) ? i : p->blk_el;
    if (is_block_tag(tag))
        flush(c);
    e->first_blk = c->n_bl;
    *cur = i;

    /* metadata marks */
    if (tag == T_H1 && c->n_h1 < 8)
        c->h1[c->n_h1++] = i;
    if ((tag == T_TIME || (itemprop && (ieq(itemprop, "datePublished") || ieq(itemprop, "dateCreated")))) &&
        c->n_time < MAX_MARKS)
        c->time_el[c->n_time++] = i;
    else if ((code & HC_DATE) && !(code & HC_UPD) && c->n_dmark < MAX_MARKS)
        c->dmark[c->n_dmark++] = i;
    int author_link = 0;
    if (tag == T_A && c->n_amark < MAX_MARKS) {
        const char *href = get_attr(n, "href");
        author_link = href && (strstr(href, "/author/") || strstr(href, "/authors/") || strstr(href, "/autor/") ||
                               strstr(href, "/auteur/") || strstr(href, "/autoren/"));
    }
    if (((code & HC_AUTH) || author_link || (rel && ieq(rel, "author")) || (itemprop && ieq(itemprop, "author"))) &&
        c->n_amark < MAX_MARKS)
        c->amark[c->n_amark++] = i;
    if (itemprop && ieq(itemprop, "headline") && tag != T_META) {
        char buf[512];
        size_t k = gather(n, buf, sizeof buf);
        offer(c, &c->h_title, buf, k, 4);
    }
    return 1;
}

static void leave(ctx *c, xmlNode *n, int *cur)
{
    if (*cur <= 0 || c->el[*cur].node != n)
        return;
    elrec *e = &c->el[*cur];
    if (is_block_tag(e->tag))
        flush(c);
    e->end_blk = c->n_bl;
    e->end = c->n_el;
    *cur = e->parent;
}

/* The walk goes down through children and across through next, and comes
 * back up through its own stack: libxml2's HTML parser can leave parent
 * pointers that disagree with children lists after repairing misnested
 * markup, so they are not followed. */
static void walk(ctx *c, xmlDoc *doc)
{
    int root = el_push(c);
    if (root < 0)
        return;
    c->el[root].blk_el = 0;
    int cur = 0;
    size_t sp = 0, cap = 256;
    xmlNode **stack = malloc(cap * sizeof *stack);
    if (!stack) {
        c->oom = 1;
        return;
    }
    xmlNode *n = doc->children;
    while (n && !c->oom) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE)
            descend = enter(c, n, &cur);
        else if (n->type == XML_TEXT_NODE && n->content && !(c->el[cur].iflags & F_HEAD))
            add_text(c, cur, n->content);
        if (descend && n->children) {
            if (sp == cap) {
                xmlNode **ns = realloc(stack, 2 * cap * sizeof *stack);
                if (!ns) {
                    c->oom = 1;
                    break;
                }
                stack = ns;
                cap *= 2;
            }
            stack[sp++] = n;
            n = n->children;
            continue;
        }
        for (;;) {
            if (n->type == XML_ELEMENT_NODE)
                leave(c, n, &cur);
            if (n->next) {
                n = n->next;
                break;
            }
            if (sp == 0) {
                n = NULL;
                break;
            }
            n = stack[--sp];
        }
    }
    free(stack);
    flush(c);
    /* elements left open by an early stop still need their ranges */
    while (cur > 0) {
        c->el[cur].end_blk = c->n_bl;
        c->el[cur].end = c->n_el;
        cur = c->el[cur].parent;
    }
    c->el[0].end_blk = c->n_bl;
    c->el[0].end = c->n_el;
}

/* ------------------------------------------------------------ scoring */

static double block_value(const block *b, uint32_t flags)
{
    double ch = b->chars;
    if (ch == 0)
        return 0;
    double ld = b->link / ch;
    double v;
    if (b->boiler)
        v = -ch;
    else if (b->kind == K_H1 || b->kind == K_H)
        v = ld > 0.5 ? -0.5 * ch * ld : 0;
    else if (ld > 0.5)
        v = -ch * ld;
    else if (ch < 40)
        v = -0.2 * ch * (1 + ld);
    else {
        double q = 1;
        double avg = b->words ? (double)b->len / b->words : 99;
        if (b->words >= 6 && b->stops < 0.08 * b->words && avg < 14)
            q *= 0.25;                         /* labels and names, not prose */
        else if (b->words >= 10 && b->stops >= 0.25 * b->words)
            q *= 1.25;                         /* running prose */
        if (b->punct == 0)
            q *= 0.5;
        if (ld > 0.25)
            q *= 0.5;
        v = ch * (1 - ld) * q;
    }
    if (flags & (F_NAV | F_ASIDE | F_FOOTER | F_NEG | F_FORM | F_HIDDEN | F_STRONGNEG))
        v = v > 0 ? -0.5 * v : 1.5 * v;
    else if ((flags & (F_FIG | F_HEADER)) && v > 0)
        v = 0;
    return v;
}

static int is_prose(const block *b)
{
    return b->chars >= 50 && b->link * 10 < b->chars * 3 && !b->boiler;
}

/* ------------------------------------------------------------ output */

/* FNV-1a over a block's bytes: equal paragraphs, for de-duplication. */
#define DEDUP_MAX 256
static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int same_text(const char *a, size_t na, rc_str b)
{
    if (!b.ptr || na != b.len)
        return 0;
    return strncasecmp(a, b.ptr, na) == 0;
}

static int keep_block(ctx *c, const block *b, uint32_t region_flags)
{
    uint32_t rel = c->el[b->el].flags & ~region_flags;
    /* prose hidden inside the body is the rest of the article behind a
     * "read more" toggle, not furniture */
    if ((rel & F_HIDDEN) && is_prose(b) && b->punct > 0)
        rel &= ~F_HIDDEN;
    if (rel & F_FURNITURE)
        return 0;
    if (b->boiler || b->dateish)
        return 0;
    double ld = b->chars ? (double)b->link / b->chars : 0;
    if (ld > 0.6 || (ld > 0.35 && b->chars < 120))
        return 0;
    return 1;
}

/* ------------------------------------------------------------ metadata */

static rc_str strip_author(rc_arena *a, rc_str s)
{
    static const char *const pre[] = {"written by ", "posted by ", "by ", "par ", "von ", "por ", "de ",
                                      "texte : ", "texte: ", "auteur : ", "author: ", "autor: ", NULL};
    if (!s.ptr)
        return s;
    const char *p = s.ptr;
    size_t n = s.len;
    for (int k = 0; pre[k]; k++) {
        size_t l = strlen(pre[k]);
        if (n > l && strncasecmp(p, pre[k], l) == 0) {
            p += l;
            n -= l;
            break;
        }
    }
    /* cut at a separator that starts a date or a role */
    for (size_t i = 0; i + 2 < n; i++)
        if ((p[i] == ' ' && (p[i + 1] == '|' || p[i + 1] == '-' || p[i + 1] == '/') && p[i + 2] == ' ') ||
            p[i] == '\n') {
            n = i;
            break;
        }
    while (n && (p[n - 1] == ' ' || p[n - 1] == ',' || p[n - 1] == ':'))
        n--;
    return collapse(a, p, n);
}

static int word_count(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int norm_eq(rc_str a, rc_str b)
{
    /* equality ignoring case and everything but letters and digits */
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a.len && (unsigned char)a.ptr[i] < 0x80 && !((a.ptr[i] | 32) >= 'a' && (a.ptr[i] | 32) <= 'z') &&
               !(a.ptr[i] >= '0' && a.ptr[i] <= '9'))
            i++;
        while (j < b.len && (unsigned char)b.ptr[j] < 0x80 && !((b.ptr[j] | 32) >= 'a' && (b.ptr[j] | 32) <= 'z') &&
               !(b.ptr[j] >= '0' && b.ptr[j] <= '9'))
            j++;
        if (i == a.len || j == b.len)
            return i == a.len && j == b.len;
        char x = a.ptr[i], y = b.ptr[j];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
        i++;
        j++;
    }
}

/* Separators between a title and a site name. */
static const char *const title_seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB ",
                                         " \xC2\xB7 ", " :: ", " // ", " / ", " \xE2\x80\xA2 ", NULL};

static int find_sep(rc_str t, int last, size_t *pos, size_t *len)
{
    int found = 0;
    for (size_t i = 0; i < t.len; i++)
        for (int k = 0; title_seps[k]; k++) {
            size_t l = strlen(title_seps[k]);
            if (i + l <= t.len && memcmp(t.ptr + i, title_seps[k], l) == 0) {
                if (!found || last) {
                    *pos = i;
                    *len = l;
                }
                found = 1;
                if (!last)
                    return 1;
            }
        }
    return found;
}

/* Remove a site name before or after a separator; with guess, drop a short
 * trailing segment even when the site name is unknown. */
static rc_str strip_site(rc_str t, rc_str site, int guess)
{
    size_t p, l;
    if (!t.ptr || !find_sep(t, 1, &p, &l))
        return t;
    rc_str head = {t.ptr, p}, tail = {t.ptr + p + l, t.len - p - l};
    if (site.ptr && norm_eq(tail, site))
        return head;
    size_t p1, l1;
    find_sep(t, 0, &p1, &l1);
    rc_str first = {t.ptr, p1}, rest = {t.ptr + p1 + l1, t.len - p1 - l1};
    if (site.ptr && norm_eq(first, site))
        return rest;
    if (!guess)
        return t;
    if (word_count(head.ptr, head.len) >= 3 && word_count(tail.ptr, tail.len) <= 4)
        return head;
    if (word_count(rest.ptr, rest.len) >= 3 && word_count(first.ptr, first.len) <= 3)
        return rest;
    return t;
}

static rc_str block_text(ctx *c, const block *b)
{
    return (rc_str){c->text.ptr + b->off, b->len};
}

static rc_str el_text(ctx *c, int i)
{
    elrec *e = &c->el[i];
    if (e->first_blk >= e->end_blk)
        return RC_STR_NULL;
    const block *f = &c->bl[e->first_blk], *l = &c->bl[e->end_blk - 1];
    return (rc_str){c->text.ptr + f->off, l->off + l->len - f->off};
}

static int contains_ci(rc_str hay, rc_str needle)
{
    if (!needle.len || needle.len > hay.len)
        return 0;
    for (size_t i = 0; i + needle.len <= hay.len; i++)
        if (strncasecmp(hay.ptr + i, needle.ptr, needle.len) == 0)
            return 1;
    return 0;
}

static rc_str choose_title(ctx *c, int best)
{
    rc_str site = c->site.v;
    rc_str h1 = RC_STR_NULL;
    int in_best = 0;
    for (int k = 0; k < c->n_h1; k++) {
        int i = c->h1[k];
        int inside = best > 0 && i >= best && i < c->el[best].end;
        if (c->el[i].flags & (F_NAV | F_FOOTER | F_ASIDE))
            continue;
        rc_str t = el_text(c, i);
        if (!t.len || t.len > 300)
            continue;
        if (!h1.ptr || (inside && !in_best)) {
            h1 = t;
            in_best = inside;
        }
    }
    rc_str mt = RC_STR_NULL;
    if (c->ld_title.v.ptr && c->ld_title.prio >= 8)
        mt = c->ld_title.v;
    else if (c->title.v.ptr)
        mt = c->title.v;
    else if (c->ld_title.v.ptr)
        mt = c->ld_title.v;
    if (mt.ptr) {
        /* the page's own heading, when the metadata title only adds to it
         * (a site name, a tagline), is the cleaner title */
        if (h1.ptr && h1.len >= 12 && word_count(h1.ptr, h1.len) >= 2 && contains_ci(mt, h1))
            return h1;
        return strip_site(mt, site, 0);
    }
    rc_str tt = c->title_tag;
    if (tt.ptr && tt.len) {
        if (h1.ptr && h1.len >= 10 && contains_ci(tt, h1))
            return h1;
        rc_str s = strip_site(tt, site, 1);
        if (word_count(s.ptr, s.len) >= 2 || !h1.ptr)
            return s;
    }
    if (c->h_title.v.ptr)
        return c->h_title.v;
    return h1;
}

static void find_author(ctx *c, int best)
{
    if (c->author.v.ptr)
        return;
    for (int k = 0; k < c->n_amark; k++) {
        int i = c->amark[k];
        if (c->el[i].flags & (F_NAV | F_FOOTER | F_ASIDE))
            continue;
        if (best > 0 && (c->el[i].flags & F_NEG) && !(i >= best && i < c->el[best].end) &&
            !(i < best))
            continue;
        char buf[256];
        size_t n = gather(c->el[i].node, buf, sizeof buf);
        rc_str s = strip_author(c->a, collapse(c->a, buf, n));
        if (s.len < 3 || s.len > 80 || word_count(s.ptr, s.len) > 6)
            continue;
        int digits = 0;
        for (size_t j = 0; j < s.len; j++)
            digits += s.ptr[j] >= '0' && s.ptr[j] <= '9';
        if (digits > 2)
            continue;
        c->author.v = s;
        c->author.prio = 1;
        return;
    }
}

static int says_updated(const char *s, size_t before)
{
    /* "Mis à jour le", "Updated", "Aktualisiert", "Actualizado", "modified" just before */
    size_t from = before > 40 ? before - 40 : 0;
    char low[48];
    size_t n = before - from;
    lower_utf8(s + from, n, low);
    low[n] = 0;
    return strstr(low, "jour") || strstr(low, "updat") || strstr(low, "aktualisiert") ||
           strstr(low, "actualiz") || strstr(low, "modifi") || strstr(low, "edited");
}

static void find_date(ctx *c, rc_str url, int best)
{
    char d[RC_PUBDATE_MAX];
    /* a full date in the URL path is the most reliable of all: metadata
     * dates are often shifted by time zones or rewritten by updates */
    if (rc_pubdate_from_url(url, d) || (c->url.v.ptr && rc_pubdate_from_url(c->url.v, d))) {
        /* ... but a metadata date of the same day keeps its time of day
         * (ordering copies needs it: the wire before the aggregator) */
        if (c->date.v.ptr && c->date.v.len > 10 && c->date.prio >= 80 &&
            memcmp(c->date.v.ptr, d, 10) == 0)
            return;
        offer_c(c, &c->date, d, 200);
        c->date_how = "url";
        return;
    }
    if (c->date.prio >= 80)
        return;
    /* <time> and itemprop=datePublished */
    int first_time = -1;
    for (int k = 0; k < c->n_time; k++) {
        int i = c->time_el[k];
        elrec *e = &c->el[i];
        if (e->flags & (F_NAV | F_FOOTER | F_ASIDE))
            continue;
        const char *ip = get_attr(e->node, "itemprop");
        const char *dt = get_attr(e->node, "datetime");
        if (!dt)
            dt = get_attr(e->node, "content");
        const char *cls = get_attr(e->node, "class");
        int pub = get_attr(e->node, "pubdate") || (ip && (ieq(ip, "datePublished") || ieq(ip, "dateCreated"))) ||
                  (cls && (icontains(cls, "publish") || icontains(cls, "entry-date") || icontains(cls, "posted")));
        int upd = (ip && ieq(ip, "dateModified")) || (cls && (icontains(cls, "updat") || icontains(cls, "modif")));
        if (upd)
            continue;
        size_t ok = 0;
        if (dt)
            ok = rc_pubdate_parse(rc_str_c(dt), c->mdy, d);
        if (!ok) {
            char buf[200];
            size_t n = gather(e->node, buf, sizeof buf);
            ok = rc_pubdate_find((rc_str){buf, n}, c->mdy, n, d, NULL);
        }
        if (!ok)
            continue;
        if (pub && 75 > c->date.prio) {
            offer_c(c, &c->date, d, 75);
            c->date_how = "time";
            return;
        }
        if (first_time < 0 && 65 > c->date.prio) {
            offer_c(c, &c->date, d, 65);
            c->date_how = "time";
            first_time = i;
        }
    }
    if (c->date.prio >= 60)
        return;
    /* elements whose class says "date" */
    for (int k = 0; k < c->n_dmark; k++) {
        elrec *e = &c->el[c->dmark[k]];
        if (e->flags & (F_NAV | F_FOOTER))
            continue;
        static const char *const attrs[] = {"datetime", "content", "title", "data-date", "data-time", NULL};
        int got = 0;
        for (int k2 = 0; attrs[k2] && !got; k2++) {
            const char *v = get_attr(e->node, attrs[k2]);
            if (v && rc_pubdate_parse(rc_str_c(v), c->mdy, d))
                got = 1;
        }
        if (got) {
            offer_c(c, &c->date, d, 45);
            c->date_how = "text";
            return;
        }
        char buf[300];
        size_t n = gather(e->node, buf, sizeof buf), at = 0;
        rc_str s = {buf, n};
        while (s.len && rc_pubdate_find(s, c->mdy, s.len, d, &at)) {
            if (!says_updated(s.ptr, at)) {
                offer_c(c, &c->date, d, 40);
                c->date_how = "text";
                return;
            }
            s.ptr += at + 1;
            s.len -= at + 1;
        }
    }
    /* running text near the title: the blocks from the first h1 (or the
     * article body) on, a few thousand characters */
    uint32_t from = 0;
    if (c->n_h1)
        from = c->el[c->h1[0]].first_blk;
    else if (best > 0)
        from = c->el[best].first_blk > 6 ? c->el[best].first_blk - 6 : 0;
    size_t seen = 0;
    for (uint32_t b = from; b < c->n_bl && seen < 6000; b++) {
        const block *bk = &c->bl[b];
        if (c->el[bk->el].flags & (F_NAV | F_FOOTER | F_ASIDE))
            continue;
        seen += bk->len;
        rc_str s = block_text(c, bk);
        size_t at;
        if (rc_pubdate_find(s, c->mdy, s.len, d, &at) && !says_updated(s.ptr, at)) {
            offer_c(c, &c->date, d, 30);
            c->date_how = "text";
            return;
        }
    }
    /* last resort: the first dateline anywhere outside navigation and
     * footers (asides of blogs often hold the post's date) */
    for (uint32_t b = 0; b < c->n_bl; b++) {
        const block *bk = &c->bl[b];
        if (!bk->dateish || (c->el[bk->el].flags & (F_NAV | F_FOOTER)))
            continue;
        rc_str s = block_text(c, bk);
        size_t at;
        if (rc_pubdate_find(s, c->mdy, s.len, d, &at) && !says_updated(s.ptr, at)) {
            offer_c(c, &c->date, d, 20);
            c->date_how = "text";
            return;
        }
    }
}

static void resolve_url(ctx *c, rc_str base)
{
    if (!c->url.v.ptr)
        return;
    if (istarts(c->url.v.ptr, "http://") || istarts(c->url.v.ptr, "https://"))
        return;
    if (!base.ptr || !base.len) {
        c->url.v = RC_STR_NULL;
        return;
    }
    char *b = rc_arena_strndup(c->a, base.ptr, base.len);
    if (!b) {
        c->oom = 1;
        return;
    }
    xmlChar *r = xmlBuildURI((const xmlChar *)c->url.v.ptr, (const xmlChar *)b);
    if (r && (istarts((const char *)r, "http://") || istarts((const char *)r, "https://")))
        c->url.v = rc_arena_str(c->a, rc_str_c((const char *)r));
    else
        c->url.v = RC_STR_NULL;
    xmlFree(r);
}

/* ------------------------------------------------------------ main */


/* the least summed value of an article body (a short blog post scores
 * about 50) */
#define MIN_BODY 50

int rc_html_extract(rc_arena *a, rc_str html, rc_str url, rc_str *text, rc_html_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    *text = (rc_str){"", 0};
    if (!html.ptr || html.len == 0)
        return RC_OK;
    if (html.len > (size_t)INT32_MAX)
        return RC_ETOOBIG;
    pthread_once(&tables_once, tables_load);

    ctx *c = calloc(1, sizeof *c);
    if (!c)
        return RC_ENOMEM;
    c->a = a;
    rc_buf_init(&c->text, 0);

    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    /* libxml2 stops at a NUL byte: a copy with spaces instead */
    char *nonul = NULL;
    if (memchr(html.ptr, 0, html.len)) {
        nonul = malloc(html.len);
        if (!nonul) {
            free(c);
            return RC_ENOMEM;
        }
        for (size_t i = 0; i < html.len; i++)
            nonul[i] = html.ptr[i] ? html.ptr[i] : ' ';
    }
    xmlDoc *doc = htmlReadMemory(nonul ? nonul : html.ptr, (int)html.len, NULL, "UTF-8", opts);
    free(nonul);
    if (!doc) {
        free(c);
        return RC_EPARSE;
    }
    walk(c, doc);
    int rc = RC_OK;
    if (c->oom)
        goto out_oom;

    /* prose characters per element, bottom-up */
    for (uint32_t b = 0; b < c->n_bl; b++)
        if (is_prose(&c->bl[b]))
            c->el[c->bl[b].el].good += (float)(c->bl[b].chars - c->bl[b].link);
    for (int i = c->n_el - 1; i > 0; i--)
        c->el[c->el[i].parent].good += c->el[i].good;
    double page_good = c->el[0].good;

    /* inherited flags, top-down; furniture hints are not honoured on an
     * element that holds most of the page's prose */
    for (int i = 1; i < c->n_el; i++) {
        elrec *e = &c->el[i];
        uint32_t own = e->own;
        if ((own & F_FURNITURE) && e->good > 0.5 * page_good && e->good > 400)
            own &= ~F_FURNITURE | F_STRONGNEG;
        /* a <header> or <footer> with that much prose is misnested markup */
        if ((own & (F_HEADER | F_FOOTER)) && e->good > 1000)
            own &= ~(F_HEADER | F_FOOTER);
        if ((own & F_NEG) && (own & F_POS) && e->good > 0.3 * page_good && e->good > 300)
            own &= ~F_NEG;
        e->flags = c->el[e->parent].flags | e->iflags | own;
    }
    for (uint32_t b = 0; b < c->n_bl; b++) {
        block *bk = &c->bl[b];
        bk->v = (float)block_value(bk, c->el[bk->el].flags);
        c->el[bk->el].score += bk->v;
    }
    for (int i = c->n_el - 1; i > 0; i--)
        c->el[c->el[i].parent].score += c->el[i].score;

    /* the article body: the largest sum, deepest on ties */
    int best = 0;
    double best_s = 0;
    for (int i = 1; i < c->n_el; i++) {
        elrec *e = &c->el[i];
        if (e->score <= 0)
            continue;
        double s = e->score;
        if (e->own & F_STRONGPOS)
            s *= 1.15;
        else if (e->own & F_POS)
            s *= 1.08;
        if (s > best_s * 1.0001 || (s >= best_s * 0.9999 && best > 0 && i < c->el[best].end)) {
            best = i;
            best_s = s;
        }
    }

    /* metadata that needs the body */
    rc_str title = choose_title(c, best);
    find_author(c, best);
    find_date(c, url, best);
    resolve_url(c, url);

    /* text */
    rc_buf out;
    rc_buf_init(&out, 0);
    unsigned char *sel = c->n_bl ? calloc(c->n_bl, 1) : NULL;
    if (c->n_bl && !sel)
        goto out_oom;
    if (best > 0 && c->el[best].score >= MIN_BODY) {
        int p = c->el[best].parent;
        elrec *pe = &c->el[p];
        double thr = 0.1 * c->el[best].score;
        if (thr < 60)
            thr = 60;
        uint32_t lo = UINT32_MAX, hi = 0;
        for (int i = p + 1; i < pe->end && i > p; i = c->el[i].end) {
            /* children of p, in order (skipping each child's subtree) */
            elrec *s = &c->el[i];
            int take = i == best;
            if (!take && s->score > thr && !(s->flags & F_FURNITURE & ~pe->flags)) {
                double ch = 0, lk = 0;
                for (uint32_t b = s->first_blk; b < s->end_blk; b++) {
                    ch += c->bl[b].chars;
                    lk += c->bl[b].link;
                }
                take = ch > 0 && lk / ch < 0.25;
            }
            if (!take)
                continue;
            for (uint32_t b = s->first_blk; b < s->end_blk; b++)
                if (keep_block(c, &c->bl[b], s->flags)) {
                    sel[b] = 1;
                    if (b < lo)
                        lo = b;
                    hi = b + 1;
                }
        }
        /* Other prose regions of the page as strong as the body (an
         * article whose parts sit in different columns): taken whole. */
        double thr2 = 0.4 * c->el[best].score;
        if (thr2 < 200)
            thr2 = 200;
        for (int i = 1; i < c->n_el;) {
            elrec *e = &c->el[i];
            if (i <= best && best < e->end) {        /* an ancestor of the body */
                i++;
                continue;
            }
            if (i == p || (e->first_blk < e->end_blk && sel[e->first_blk]) ||
                (i > p && i < pe->end)) {           /* the body's parent's subtree: done above */
                i = i == p ? i + 1 : e->end;
                continue;
            }
            if (e->score >= thr2 && !(e->flags & F_FURNITURE)) {
                double ch = 0, lk = 0;
                for (uint32_t b = e->first_blk; b < e->end_blk; b++) {
                    ch += c->bl[b].chars;
                    lk += c->bl[b].link;
                }
                if (ch > 0 && lk / ch < 0.25) {
                    for (uint32_t b = e->first_blk; b < e->end_blk; b++)
                        if (keep_block(c, &c->bl[b], e->flags))
                            sel[b] = 1;
                    i = e->end;
                    continue;
                }
            }
            i++;
        }
        /* Prose just before the body (a lead paragraph in the article
         * header) joins it, over short blocks only (headings, bylines,
         * dates, share labels); link lists and long furniture stop the
         * extension.  (The same forward, after the body, was measured
         * neutral and is not done.) */
        if (lo < hi) {
            uint32_t lim = F_FURNITURE & ~(pe->flags | F_HEADER);
            int skipped = 0;
            for (uint32_t b = lo; b-- > 0;) {
                const block *bk = &c->bl[b];
                uint32_t f = c->el[bk->el].flags;
                double ld = bk->chars ? (double)bk->link / bk->chars : 0;
                if (!(f & lim) && is_prose(bk) && bk->v > 0 && bk->punct > 0 && ld < 0.2 && bk->kind != K_TD &&
                    bk->kind != K_LI) {
                    sel[b] = 1;
                    skipped = 0;
                    continue;
                }
                if (bk->chars >= 80 || (ld > 0.5 && bk->chars >= 25) || ++skipped > 5)
                    break;
            }
        }
        /* Labels left at the end of the body ("Kontakt", "Weitere Themen",
         * "Explore further"): short blocks without a sentence in them. */
        for (uint32_t b = c->n_bl; b-- > 0;) {
            if (!sel[b])
                continue;
            const block *bk = &c->bl[b];
            if (bk->chars >= 60 || bk->punct > 0 || bk->kind == K_LI || bk->kind == K_TD)
                break;
            sel[b] = 0;
        }
        int nb = 0, nh = 0;
        uint64_t seen[DEDUP_MAX];
        for (uint32_t b = 0; b < c->n_bl; b++) {
            if (!sel[b])
                continue;
            rc_str tx = block_text(c, &c->bl[b]);
            if (nb < 3 && title.ptr && same_text(tx.ptr, tx.len, title))
                continue;
            /* a paragraph given twice (a <noscript> copy of lazily loaded
             * text) is kept once */
            if (c->bl[b].chars >= 50) {
                uint64_t h = text_hash(tx.ptr, tx.len);
                int dup = 0;
                for (int k = 0; k < nh && !dup; k++)
                    dup = seen[k] == h;
                if (dup)
                    continue;
                if (nh < DEDUP_MAX)
                    seen[nh++] = h;
            }
            if (nb++)
                rc_buf_puts(&out, "\n\n");
            rc_buf_append(&out, tx.ptr, tx.len);
        }
    }
    /* Fallback: no body, or a tiny one, on a page that has prose: take the
     * long link-free prose blocks that are not furniture, wherever they
     * are, if they add up to an article (teasers of a home page are
     * shorter and sit among links). */
    if (out.len < 200 && page_good > 500 && sel) {
        rc_buf fb;
        rc_buf_init(&fb, 0);
        int nb = 0;
        for (uint32_t b = 0; b < c->n_bl; b++) {
            const block *bk = &c->bl[b];
            if (bk->chars < 120 || bk->link * 10 > bk->chars || bk->v <= 0 || bk->punct < 2 ||
                (c->el[bk->el].flags & F_FURNITURE))
                continue;
            rc_str tx = block_text(c, bk);
            if (nb++)
                rc_buf_puts(&fb, "\n\n");
            rc_buf_append(&fb, tx.ptr, tx.len);
        }
        if (fb.len >= 500 && !fb.err) {
            rc_buf_clear(&out);
            rc_buf_append(&out, fb.ptr, fb.len);
        }
        rc_buf_free(&fb);
    }
    free(sel);
    if (out.err) {
        rc_buf_free(&out);
        goto out_oom;
    }
    if (out.len)
        *text = rc_arena_str(a, rc_buf_str(&out));
    rc_buf_free(&out);
    if (out.len && !text->ptr)
        goto out_oom;

    meta->title = title.ptr ? rc_arena_str(a, title) : RC_STR_NULL;
    meta->author = c->author.v;
    meta->published = c->date.v;
    meta->published_how = c->date.v.ptr ? rc_arena_str(a, rc_str_c(c->date_how)) : RC_STR_NULL;
    meta->site = c->site.v;
    meta->url = c->url.v;
    meta->lang = c->lang.v;
    meta->description = c->desc.v;
    if (c->oom)
        rc = RC_ENOMEM;
    goto out;
out_oom:
    rc = RC_ENOMEM;
out:
    xmlFreeDoc(doc);
    free(c->el);
    free(c->bl);
    rc_buf_free(&c->text);
    free(c);
    return rc;
}
