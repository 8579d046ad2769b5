/*
 * feed.c -- RSS (2.0, 0.9x, 1.0/RDF) and Atom (1.0, 0.3) feeds as documents.
 *
 * What: each item or entry becomes one HTML document: id (guid, atom:id,
 * else the link, else "PATH#N"), url (link), title, site (the feed's
 * title), published (pubDate as RFC 822, dc:date, Atom published, else
 * updated -- through rc_pubdate_parse), author (author, dc:creator, Atom
 * author/name) and the body: content:encoded, else description for RSS;
 * content, else summary for Atom (type text, html or xhtml).  The body is
 * wrapped in a small HTML page (<title>, <meta name="author">, <html lang>
 * from the feed's language) so that the pipeline's HTML extractor reads it
 * like any page: the input's title and date win over the page's, the
 * author comes from the meta, the feed's language is only the fallback
 * when the text is too short to identify.
 *
 * The page wins: an item whose link was already handed out in this
 * rc_read_path() call (its saved page, a WARC record of it, the same item
 * in an earlier feed) is skipped and counted (input.c reads the feeds of a
 * directory after everything else for that).  Items without any content
 * (a title and a link only) are skipped and counted too.
 *
 * Safety: libxml2 with XML_PARSE_NONET and neither NOENT nor DTDLOAD, so no
 * entity is substituted and no external DTD or entity is fetched; beyond
 * that, a SAX hook stops the parse at the first entity declaration and the
 * whole feed is refused: feeds have no use for them, and it rules out
 * billion-laughs expansion and XXE whatever the libxml2 version.  Text is
 * gathered from text and CDATA nodes only (entity references are never
 * followed).  libxml2's default limits (no XML_PARSE_HUGE) cap depth and
 * text node sizes; the whole file is capped by r->max before parsing.
 * A feed that is not well-formed is reported as an error, and the items
 * libxml2 recovers are still read (a stray "&" should not cost a feed).
 *
 * Why libxml2: it is already linked for HTML, it is the maintained XML
 * parser in Debian, and it handles encodings, CDATA and namespaces.
 */
#include "feed.h"
#include "pubdate.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#define NS_RSS1     "http://purl.org/rss/1.0/"
#define NS_RSS09    "http://my.netscape.com/rdf/simple/0.9/"
#define NS_ATOM     "http://www.w3.org/2005/Atom"
#define NS_ATOM03   "http://purl.org/atom/ns#"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT  "http://purl.org/rss/1.0/modules/content/"
#define NS_XHTML    "http://www.w3.org/1999/xhtml"

#define TEXT_DEPTH  64      /* deepest element whose text is gathered */

enum { NSC_PLAIN, NSC_ATOM, NSC_DC, NSC_CONTENT };

static int ns_class_is(const xmlNode *n, int cls)
{
    const char *h = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
    switch (cls) {
    case NSC_PLAIN:
        return !h || strcmp(h, NS_RSS1) == 0 || strcmp(h, NS_RSS09) == 0;
    case NSC_ATOM:
        return !h || strcmp(h, NS_ATOM) == 0 || strcmp(h, NS_ATOM03) == 0;
    case NSC_DC:
        return h && strcmp(h, NS_DC) == 0;
    case NSC_CONTENT:
        return h && strcmp(h, NS_CONTENT) == 0;
    }
    return 0;
}

static int is_el(const xmlNode *n, const char *local, int cls)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, local) == 0 &&
           ns_class_is(n, cls);
}

static xmlNode *child_el(xmlNode *parent, const char *local, int cls)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_el(c, local, cls))
            return c;
    return NULL;
}

/* An attribute's value as a view into the tree (first text child), or empty. */
static rc_str attr(const xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            return rc_str_c((const char *)a->children->content);
    return RC_STR_NULL;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    rc_str v = attr(n, name);
    size_t m = strlen(value);
    while (v.len && (v.ptr[0] == ' ' || v.ptr[0] == '\n' || v.ptr[0] == '\t'))
        v.ptr++, v.len--;
    while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\n' || v.ptr[v.len - 1] == '\t'))
        v.len--;
    return v.len == m && strncasecmp(v.ptr, value, m) == 0;
}

/* Append the text of n's text and CDATA descendants to b. */
static void text_of(const xmlNode *n, rc_buf *b, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            rc_buf_puts(b, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE && depth < TEXT_DEPTH)
            text_of(c, b, depth + 1);
    }
}

/* ---------------------------------------------------------------- small text helpers */

static void html_escape(rc_buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
                        : s[i] == '"' ? "&quot;" : NULL;
        if (rep) {
            rc_buf_append(b, s + from, i - from);
            rc_buf_puts(b, rep);
            from = i + 1;
        }
    }
    rc_buf_append(b, s + from, n - from);
}

/* Plain text as HTML paragraphs (blank lines separate them). */
static void text_to_html(rc_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        size_t j = i;
        while (j < n) {
            const char *nl = memchr(s + j, '\n', n - j);
            if (!nl) {
                j = n;
                break;
            }
            size_t k = (size_t)(nl - s) + 1;
            while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                k++;
            if (k < n && s[k] == '\n') {
                j = (size_t)(nl - s);
                break;
            }
            j = k;
        }
        rc_buf_puts(b, "<p>");
        html_escape(b, s + i, j - i);
        rc_buf_puts(b, "</p>");
        i = j;
    }
}

static void put_utf8(rc_buf *b, unsigned long cp)
{
    char u[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        rc_buf_append(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        rc_buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        rc_buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        rc_buf_append(b, u, 4);
    }
}

/* A title or name that may carry HTML (Atom type="html", and RSS titles,
 * which are HTML-escaped in practice): tags dropped, the common character
 * references decoded, blanks collapsed, trimmed; appended to out. */
static void html_to_text(rc_buf *out, const char *s, size_t n)
{
    static const struct { const char *name; unsigned long cp; } ents[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
        {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C},
        {"laquo", 0xAB}, {"raquo", 0xBB}, {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014},
        {"eacute", 0xE9}, {"egrave", 0xE8}, {"agrave", 0xE0}, {"ccedil", 0xE7},
    };
    int space = 0, any = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                i = (size_t)(gt - s) + 1;
                space = any;
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = any;
            i++;
            continue;
        }
        unsigned long cp = 0;
        size_t used = 0;
        if (c == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi && i + 2 < (size_t)(semi - s)) {
                const char *e = s + i + 1;
                size_t el = (size_t)(semi - e);
                if (e[0] == '#') {
                    char *end;
                    char num[12];
                    memcpy(num, e + 1, el - 1);
                    num[el - 1] = 0;
                    cp = (num[0] == 'x' || num[0] == 'X') ? strtoul(num + 1, &end, 16) : strtoul(num, &end, 10);
                    if (*end == 0 && end != num)
                        used = el + 2;
                } else {
                    for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++)
                        if (strlen(ents[k].name) == el && memcmp(ents[k].name, e, el) == 0) {
                            cp = ents[k].cp;
                            used = el + 2;
                        }
                }
            }
        }
        if (space)
            rc_buf_putc(out, ' ');
        space = 0;
        any = 1;
        if (used) {
            if (cp == 0xA0)
                cp = ' ';
            put_utf8(out, cp);
            i += used;
        } else {
            rc_buf_append(out, s + i, 1);
            i++;
        }
    }
}

/* Collapse blanks of plain text into out (an Atom type="text" title). */
static void collapse(rc_buf *out, const char *s, size_t n)
{
    int space = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = any;
            continue;
        }
        if (space)
            rc_buf_putc(out, ' ');
        space = 0;
        any = 1;
        rc_buf_append(out, &c, 1);
    }
}

static void trimmed(rc_buf *out, const char *s, size_t n)
{
    while (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    rc_buf_append(out, s, n);
}

/* ---------------------------------------------------------------- one item */

typedef struct item {
    rc_buf tmp, title, link, id, author, body, page;
    char date[RC_PUBDATE_MAX];
} item;

enum { SKF_SEEN, SKF_EMPTY, SKF_N };
static const char *const feed_skip_reason[SKF_N] = {
    "feed items whose page (or the same link) was already read",
    "feed items without content",
};

typedef struct feed {
    rc_reader *r;
    const char *path;
    xmlDoc *doc;
    rc_buf site, lang, feed_author;
    item it;
    long n_items;
    long skipped[SKF_N];
} feed;

/* The trimmed text of element n into a cleared tmp, as a view. */
static rc_str text_view(feed *f, const xmlNode *n)
{
    rc_buf_clear(&f->it.tmp);
    if (n)
        text_of(n, &f->it.tmp, 0);
    rc_str v = rc_buf_str(&f->it.tmp);
    while (v.len && (v.ptr[0] == ' ' || v.ptr[0] == '\t' || v.ptr[0] == '\n' || v.ptr[0] == '\r'))
        v.ptr++, v.len--;
    while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t' ||
                     v.ptr[v.len - 1] == '\n' || v.ptr[v.len - 1] == '\r'))
        v.len--;
    return v.ptr ? v : RC_STR_NULL;
}

static void set_date(feed *f, const xmlNode *n)
{
    if (f->it.date[0] || !n)
        return;
    rc_str v = text_view(f, n);
    if (v.len && !rc_pubdate_parse(v, 0, f->it.date))
        f->it.date[0] = 0;
}

/* "jane@example.org (Jane Doe)" -> "Jane Doe"; an address alone is no name. */
static void add_author(feed *f, rc_buf *out, rc_str v)
{
    const char *open = v.len ? memchr(v.ptr, '(', v.len) : NULL;
    if (open && v.ptr[v.len - 1] == ')') {
        v = (rc_str){open + 1, (size_t)(v.ptr + v.len - 1 - (open + 1))};
    } else if (v.len && memchr(v.ptr, '@', v.len) && !memchr(v.ptr, ' ', v.len)) {
        return;
    }
    rc_buf_clear(&f->it.page);                  /* page is free until the body is built */
    html_to_text(&f->it.page, v.ptr, v.len);
    if (!f->it.page.len)
        return;
    if (out->len)
        rc_buf_puts(out, ", ");
    rc_buf_append(out, f->it.page.ptr, f->it.page.len);
}

/* Atom text construct (content, summary, title) as HTML into out.  Returns
 * 0 when it has no inline content (src=, a binary type). */
static int atom_html(feed *f, const xmlNode *n, rc_buf *out)
{
    if (!rc_str_empty(attr(n, "src")))
        return 0;
    rc_str type = attr(n, "type");
    if (type.len == 0 || attr_is(n, "type", "text") || (type.len > 5 && strncasecmp(type.ptr, "text/", 5) == 0 &&
                                                        !attr_is(n, "type", "text/html"))) {
        rc_str v = text_view(f, n);
        text_to_html(out, v.ptr, v.len);
        return 1;
    }
    if (attr_is(n, "type", "html") || attr_is(n, "type", "text/html")) {
        text_of(n, out, 0);
        return 1;
    }
    if (attr_is(n, "type", "xhtml") || attr_is(n, "type", "application/xhtml+xml")) {
        const xmlNode *div = NULL;
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                if (!div && c->name && strcmp((const char *)c->name, "div") == 0)
                    div = c;
                else
                    div = n;                     /* not a lone wrapper div */
            }
        if (!div)
            div = n;
        xmlBuffer *xb = xmlBufferCreate();
        if (!xb) {
            out->err = out->err ? out->err : RC_ENOMEM;
            return 1;
        }
        for (xmlNode *c = div->children; c; c = c->next)
            xmlNodeDump(xb, f->doc, c, 0, 0);
        rc_buf_append(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
        xmlBufferFree(xb);
        return 1;
    }
    return 0;                                     /* base64 of another type */
}

static void emit_item(feed *f)
{
    item *it = &f->it;
    f->n_items++;
    rc_str link = rc_buf_str(&it->link);
    if (!rc_str_empty(link) && rc_reader_seen_url(f->r, link)) {
        f->skipped[SKF_SEEN]++;
        return;
    }
    if (it->body.len == 0) {
        f->skipped[SKF_EMPTY]++;
        return;
    }
    /* The body as a small page. */
    rc_buf *pg = &it->page;
    rc_buf_clear(pg);
    rc_buf_puts(pg, "<!DOCTYPE html><html");
    if (f->lang.len) {
        rc_buf_puts(pg, " lang=\"");
        html_escape(pg, f->lang.ptr, f->lang.len);
        rc_buf_putc(pg, '"');
    }
    rc_buf_puts(pg, "><head><meta charset=\"utf-8\"><title>");
    html_escape(pg, it->title.ptr ? it->title.ptr : "", it->title.len);
    rc_buf_puts(pg, "</title>");
    rc_buf *au = it->author.len ? &it->author : &f->feed_author;
    if (au->len) {
        rc_buf_puts(pg, "<meta name=\"author\" content=\"");
        html_escape(pg, au->ptr, au->len);
        rc_buf_puts(pg, "\">");
    }
    rc_buf_puts(pg, "</head><body><article>");
    rc_buf_append(pg, it->body.ptr, it->body.len);
    rc_buf_puts(pg, "</article></body></html>");
    int err = pg->err ? pg->err : it->body.err ? it->body.err : it->title.err;
    if (err) {
        rc_reader_report(f->r, f->path, 0, err, "item %ld%s%.200s: %s", f->n_items, link.len ? " " : "",
                         link.len ? link.ptr : "", err == RC_ETOOBIG ? "over the size limit" : rc_strerror(err));
        return;
    }

    rc_input in;
    rc_reader_input(f->r, &in, f->path);
    char fallback[4200];
    if (it->id.len) {
        in.id = rc_buf_str(&it->id);
    } else if (link.len) {
        in.id = link;
    } else {
        snprintf(fallback, sizeof fallback, "%s#%ld", f->path, f->n_items);
        in.id = rc_str_c(fallback);
    }
    if (link.len)
        in.url = link;
    if (it->title.len)
        in.title = rc_buf_str(&it->title);
    if (f->site.len)
        in.site = rc_buf_str(&f->site);
    if (it->date[0])
        in.published = rc_str_c(it->date);     /* the item's own date, as a JSONL line's */
    in.body = rc_buf_str(pg);
    in.body_is_unicode = 1;
    in.raw = 0;
    if (!in.format)
        in.format = RC_FMT_HTML;
    rc_reader_emit(f->r, &in);
}

static void item_reset(item *it)
{
    rc_buf_clear(&it->title);
    rc_buf_clear(&it->link);
    rc_buf_clear(&it->id);
    rc_buf_clear(&it->author);
    rc_buf_clear(&it->body);
    it->date[0] = 0;
}

static void rss_item(feed *f, xmlNode *n)
{
    item *it = &f->it;
    item_reset(it);
    xmlNode *content = NULL, *desc = NULL, *guid = NULL;
    rc_str v;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "title", NSC_PLAIN) && !it->title.len) {
            v = text_view(f, c);
            html_to_text(&it->title, v.ptr, v.len);
        } else if (is_el(c, "link", NSC_PLAIN) && !it->link.len) {
            v = text_view(f, c);
            trimmed(&it->link, v.ptr, v.len);
        } else if (is_el(c, "guid", NSC_PLAIN)) {
            guid = c;
        } else if (is_el(c, "pubDate", NSC_PLAIN) || is_el(c, "date", NSC_DC)) {
            set_date(f, c);
        } else if (is_el(c, "author", NSC_PLAIN) || is_el(c, "creator", NSC_DC)) {
            add_author(f, &it->author, text_view(f, c));
        } else if (is_el(c, "encoded", NSC_CONTENT)) {
            content = c;
        } else if (is_el(c, "description", NSC_PLAIN)) {
            desc = c;
        }
    }
    if (guid) {
        v = text_view(f, guid);
        trimmed(&it->id, v.ptr, v.len);
        if (!it->link.len && !attr_is(guid, "isPermaLink", "false") &&
            (strncmp(it->id.ptr ? it->id.ptr : "", "http://", 7) == 0 ||
             strncmp(it->id.ptr ? it->id.ptr : "", "https://", 8) == 0))
            rc_buf_append(&it->link, it->id.ptr, it->id.len);
    }
    if (!it->id.len && n->type == XML_ELEMENT_NODE) {
        rc_str about = attr(n, "about");          /* RSS 1.0: rdf:about */
        trimmed(&it->id, about.ptr ? about.ptr : "", about.len);
    }
    xmlNode *b = content ? content : desc;
    if (b) {
        v = text_view(f, b);
        rc_buf_append(&it->body, v.ptr ? v.ptr : "", v.len);
    }
    emit_item(f);
}

/* The entry's alternate link, resolved against xml:base. */
static void atom_link(feed *f, xmlNode *entry)
{
    xmlNode *best = NULL;
    int best_score = -1;
    for (xmlNode *c = entry->children; c; c = c->next) {
        if (!is_el(c, "link", NSC_ATOM) || rc_str_empty(attr(c, "href")))
            continue;
        rc_str rel = attr(c, "rel");
        int score;
        if (rel.len == 0 || attr_is(c, "rel", "alternate"))
            score = attr(c, "type").len == 0 || attr_is(c, "type", "text/html") ? 3 : 2;
        else
            continue;
        if (score > best_score) {
            best = c;
            best_score = score;
        }
    }
    if (!best)
        return;
    rc_str href = attr(best, "href");
    xmlChar *base = xmlNodeGetBase(f->doc, best);
    xmlChar *abs = base ? xmlBuildURI((const xmlChar *)href.ptr, base) : NULL;
    const char *u = abs ? (const char *)abs : href.ptr;
    trimmed(&f->it.link, u, strlen(u));
    xmlFree(abs);
    xmlFree(base);
}

static void atom_authors(feed *f, xmlNode *parent, rc_buf *out)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (!is_el(c, "author", NSC_ATOM))
            continue;
        xmlNode *name = child_el(c, "name", NSC_ATOM);
        if (name)
            add_author(f, out, text_view(f, name));
    }
}

static void atom_entry(feed *f, xmlNode *n)
{
    item *it = &f->it;
    item_reset(it);
    xmlNode *content = NULL, *summary = NULL, *published = NULL, *updated = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "title", NSC_ATOM) && !it->title.len) {
            rc_str v = text_view(f, c);
            if (attr_is(c, "type", "html") || attr_is(c, "type", "xhtml"))
                html_to_text(&it->title, v.ptr, v.len);
            else
                collapse(&it->title, v.ptr, v.len);
        } else if (is_el(c, "id", NSC_ATOM) && !it->id.len) {
            rc_str v = text_view(f, c);
            trimmed(&it->id, v.ptr, v.len);
        } else if (is_el(c, "published", NSC_ATOM) || is_el(c, "issued", NSC_ATOM)) {
            published = c;
        } else if (is_el(c, "updated", NSC_ATOM) || is_el(c, "modified", NSC_ATOM)) {
            updated = c;
        } else if (is_el(c, "content", NSC_ATOM)) {
            content = c;
        } else if (is_el(c, "summary", NSC_ATOM)) {
            summary = c;
        }
    }
    set_date(f, published);
    set_date(f, updated);
    atom_link(f, n);
    atom_authors(f, n, &it->author);
    if (!(content && atom_html(f, content, &it->body)) && summary)
        atom_html(f, summary, &it->body);
    emit_item(f);
}

/* ---------------------------------------------------------------- the document */

static void set_feed_meta(feed *f, xmlNode *holder, int atom)
{
    if (!holder)
        return;
    xmlNode *t = child_el(holder, "title", atom ? NSC_ATOM : NSC_PLAIN);
    if (t) {
        rc_str v = text_view(f, t);
        html_to_text(&f->site, v.ptr, v.len);
    }
    if (atom) {
        atom_authors(f, holder, &f->feed_author);
        xmlChar *lang = xmlNodeGetLang(holder);
        if (lang) {
            trimmed(&f->lang, (const char *)lang, strlen((const char *)lang));
            xmlFree(lang);
        }
    } else {
        xmlNode *l = child_el(holder, "language", NSC_PLAIN);
        if (!l)
            l = child_el(holder, "language", NSC_DC);
        if (l) {
            rc_str v = text_view(f, l);
            trimmed(&f->lang, v.ptr, v.len);
        }
    }
}

typedef struct parse_state {
    int entities;        /* an entity declaration was met: refused */
} parse_state;

static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
    xmlParserCtxt *ctxt = ctx;
    parse_state *ps = ctxt->_private;
    if (ps)
        ps->entities = 1;
    xmlStopParser(ctxt);
}

void rc_feed_read(rc_reader *r, const char *path, const char *bytes, size_t len)
{
    if (len == 0) {
        rc_reader_report(r, path, 0, RC_EEMPTY, "empty file");
        return;
    }
    if (len > INT_MAX || len > r->max) {
        rc_reader_report(r, path, 0, RC_ETOOBIG, "feed of %zu bytes is over the limit of %zu bytes",
                         len, r->max < INT_MAX ? r->max : (size_t)INT_MAX);
        return;
    }
    xmlInitParser();
    xmlParserCtxt *ctxt = xmlCreateMemoryParserCtxt(bytes, (int)len);
    if (!ctxt) {
        rc_reader_report(r, path, 0, RC_ENOMEM, "out of memory");
        return;
    }
    parse_state ps = {0};
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA | XML_PARSE_RECOVER | XML_PARSE_COMPACT);
    ctxt->_private = &ps;
    ctxt->replaceEntities = 0;
    ctxt->loadsubset = 0;
    if (ctxt->sax)
        ctxt->sax->entityDecl = refuse_entity;
    xmlParseDocument(ctxt);
    xmlDoc *doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int well_formed = ctxt->wellFormed;
    const xmlError *err = xmlCtxtGetLastError(ctxt);
    char why[200];
    snprintf(why, sizeof why, "line %d: %s", err ? err->line : 0,
             err && err->message ? err->message : "malformed");
    size_t wl = strlen(why);
    while (wl && (why[wl - 1] == '\n' || why[wl - 1] == ' '))
        why[--wl] = 0;
    xmlFreeParserCtxt(ctxt);

    feed f;
    memset(&f, 0, sizeof f);
    f.r = r;
    f.path = path;
    f.doc = doc;
    rc_buf *bufs[] = {&f.site, &f.lang, &f.feed_author, &f.it.tmp, &f.it.title, &f.it.link,
                      &f.it.id, &f.it.author, &f.it.body, &f.it.page};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        rc_buf_init(bufs[i], r->max);

    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (ps.entities) {
        rc_reader_report(r, path, 0, RC_EPARSE,
                         "the feed declares entities: refused (no entity expansion, no external entities)");
    } else if (!root) {
        rc_reader_report(r, path, 0, RC_EPARSE, "not an XML document (%s)", why);
    } else {
        const char *rn = (const char *)root->name;
        if (!well_formed)
            rc_reader_report(r, path, 0, RC_EPARSE, "not well-formed XML (%s); reading the items recovered", why);
        if (strcmp(rn, "rss") == 0 || strcmp(rn, "RDF") == 0) {
            xmlNode *channel = child_el(root, "channel", NSC_PLAIN);
            set_feed_meta(&f, channel, 0);
            for (int pass = 0; pass < 2 && !r->stop; pass++) {
                xmlNode *holder = pass == 0 ? channel : root;   /* RSS 1.0: items beside the channel */
                for (xmlNode *c = holder ? holder->children : NULL; c && !r->stop; c = c->next)
                    if (is_el(c, "item", NSC_PLAIN))
                        rss_item(&f, c);
            }
        } else if (strcmp(rn, "feed") == 0 && ns_class_is(root, NSC_ATOM)) {
            set_feed_meta(&f, root, 1);
            for (xmlNode *c = root->children; c && !r->stop; c = c->next)
                if (is_el(c, "entry", NSC_ATOM))
                    atom_entry(&f, c);
        } else {
            rc_reader_report(r, path, 0, RC_ENOTSUP, "XML whose root is <%.40s>, not an RSS or Atom feed", rn);
        }
    }
    for (int k = 0; k < SKF_N; k++)
        rc_reader_skipped(r, path, feed_skip_reason[k], f.skipped[k]);
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        rc_buf_free(bufs[i]);
    xmlFreeDoc(doc);
}

int rc_feed_sniff(const char *b, size_t n)
{
    size_t i = 0, m = n < 4096 ? n : 4096;
    if (m >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF)
        i = 3;
    for (;;) {
        while (i < m && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
            i++;
        if (i + 1 >= m || b[i] != '<')
            return 0;
        const char *end;
        if (b[i + 1] == '?') {
            end = memmem(b + i, m - i, "?>", 2);
            if (!end)
                return 0;
            i = (size_t)(end - b) + 2;
        } else if (m - i >= 4 && memcmp(b + i, "<!--", 4) == 0) {
            end = memmem(b + i, m - i, "-->", 3);
            if (!end)
                return 0;
            i = (size_t)(end - b) + 3;
        } else if (b[i + 1] == '!') {
            int brackets = 0;                    /* a DOCTYPE, with its internal subset */
            for (i += 2; i < m && (b[i] != '>' || brackets > 0); i++)
                brackets += b[i] == '[' ? 1 : b[i] == ']' ? -1 : 0;
            if (i >= m)
                return 0;
            i++;
        } else {
            size_t s = ++i;
            while (i < m && b[i] != ' ' && b[i] != '>' && b[i] != '/' && b[i] != '\t' &&
                   b[i] != '\r' && b[i] != '\n')
                i++;
            const char *colon = memchr(b + s, ':', i - s);
            if (colon)
                s = (size_t)(colon - b) + 1;
            size_t l = i - s;
            return (l == 3 && memcmp(b + s, "rss", 3) == 0) || (l == 4 && memcmp(b + s, "feed", 4) == 0) ||
                   (l == 3 && memcmp(b + s, "RDF", 3) == 0);
        }
    }
}

int rc_read_feed_bytes(const char *bytes, size_t len, const char *name,
                       const rc_read_opts *opts, const rc_reader_cb *cb)
{
    rc_reader r;
    rc_reader_init(&r, opts, cb);
    rc_feed_read(&r, name, bytes, len);
    int rc = r.first_err;
    rc_reader_done(&r);
    return rc;
}
