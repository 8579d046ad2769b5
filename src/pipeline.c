/*
 * pipeline.c -- one document through every stateless stage.
 *
 *   bytes --decode--> UTF-8 --extract (HTML) / clean (text)--> main text
 *         --normalise (NFC, spaces)--> --language id--> --segment--> rc_doc
 *
 * The pipeline owns one arena that is reset at the start of each document, so
 * a long run makes no per-document malloc traffic beyond libxml2's own tree.
 * Each stage is a pure function of its input (no global state besides
 * lazily-built read-only lexicons), which is what lets the extraction be run
 * as a stateless mapper (`recoupe extract --jsonl`) on many machines.
 *
 * What the input says (id, URL, title, publication date, language) takes
 * precedence over what the page says, which takes precedence over guesses.
 * Two guesses are the pipeline's own: a scraped page without a date takes
 * the date line that cleaning dropped (published_how "dateline"), and the
 * head of an HTML article loses the headline, byline and date line the
 * extractor kept (clean_lead, with the scraped-text cleaner's rules).
 */
#include "recoupe.h"
#include "charset.h"
#include "html.h"
#include "json.h"
#include "ner.h"
#include "normalize.h"
#include "pubdate.h"
#include "quotes.h"
#include "segment.h"
#include "textclean.h"
#include "timex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <xxhash.h>

struct rc_pipeline {
    rc_options opts;
    rc_arena *arena;
    rc_doc doc;
    char errmsg[256];
};

rc_pipeline *rc_pipeline_new(const rc_options *opts)
{
    rc_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (opts)
        p->opts = *opts;
    if (!p->opts.max_doc_bytes)
        p->opts.max_doc_bytes = RC_DEFAULT_MAX_DOC_BYTES;
    /* libxml2 wants its global state set up once before any parse, from one
     * thread; doing it here keeps later parallel pipelines safe. */
    xmlInitParser();
    p->arena = rc_arena_new(0);
    if (!p->arena) {
        free(p);
        return NULL;
    }
    return p;
}

void rc_pipeline_free(rc_pipeline *p)
{
    if (!p)
        return;
    rc_arena_free(p->arena);
    free(p);
}

const char *rc_pipeline_errmsg(const rc_pipeline *p)
{
    return p->errmsg[0] ? p->errmsg : "no error";
}

static int fail(rc_pipeline *p, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(rc_pipeline *p, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->errmsg, sizeof p->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

/* HTML or text?  Looks at the first non-blank bytes for markup. */
static rc_format sniff_format(rc_str body)
{
    size_t i = 0, n = body.len < 2048 ? body.len : 2048;
    const unsigned char *s = (const unsigned char *)body.ptr;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    if (i < n && s[i] == '<') {
        static const char *tags[] = {"<!doctype", "<html", "<head", "<body", "<meta",
                                     "<div", "<p>", "<p ", "<article", "<!--", "<title", NULL};
        for (int k = 0; tags[k]; k++) {
            size_t l = strlen(tags[k]);
            if (n - i >= l && strncasecmp((const char *)s + i, tags[k], l) == 0)
                return RC_FMT_HTML;
        }
    }
    /* Markup later in the first bytes (a fragment after some text). */
    if (memmem(s, n, "<html", 5) || memmem(s, n, "<HTML", 5) || memmem(s, n, "<body", 5))
        return RC_FMT_HTML;
    return RC_FMT_TEXT;
}

/* First non-empty of the views. */
static rc_str pick(rc_str a, rc_str b)
{
    return !rc_str_empty(a) ? a : b;
}

/* Trimmed copy of an input field (JSON values may carry blanks). */
static rc_str field(rc_arena *a, rc_str s)
{
    while (s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t' || s.ptr[0] == '\n' || s.ptr[0] == '\r'))
        s.ptr++, s.len--;
    while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t' ||
                     s.ptr[s.len - 1] == '\n' || s.ptr[s.len - 1] == '\r'))
        s.len--;
    return s.len ? rc_arena_str(a, s) : RC_STR_NULL;
}

/* The head of an HTML article: the headline, the byline and the date line
 * that the article container often holds before the first real paragraph
 * ("Par X", "Publié le ... mis à jour ...").  The scraped-text cleaner
 * knows them (title copies, leading metadata); it runs on the paragraphs
 * up to and including the first long one (at most HEAD_PARAS), so its cost
 * does not grow with the article, and its result is kept only when that
 * long paragraph survives.  Returns 0 or RC_ENOMEM. */
#define HEAD_PARAS 6
#define HEAD_LONG 120
static int clean_lead(rc_arena *a, rc_str *text, rc_str title)
{
    size_t pos = 0, end = 0;
    int k = 0;
    for (; k < HEAD_PARAS && pos < text->len; k++) {
        const char *e = memmem(text->ptr + pos, text->len - pos, "\n\n", 2);
        size_t pe = e ? (size_t)(e - text->ptr) : text->len;
        end = pe;
        if (pe - pos >= HEAD_LONG)
            break;
        pos = pe + 2;
    }
    if (k == 0 || k == HEAD_PARAS || end <= pos)
        return 0;                   /* the first paragraph is the long one, or none is */
    rc_str head = {text->ptr, end}, last = {text->ptr + pos, end - pos}, cleaned;
    int rc = rc_textclean(a, head, title, &cleaned, NULL);
    if (rc)
        return rc == RC_ENOMEM ? rc : 0;
    while (cleaned.len && (cleaned.ptr[cleaned.len - 1] == '\n'))
        cleaned.len--;
    if (cleaned.len == head.len || cleaned.len < last.len ||
        memcmp(cleaned.ptr + cleaned.len - last.len, last.ptr, last.len) != 0)
        return 0;                   /* nothing dropped, or the long paragraph changed */
    size_t rest = text->len - end;
    char *o = rc_arena_alloc(a, cleaned.len + rest + 1);
    if (!o)
        return RC_ENOMEM;
    memcpy(o, cleaned.ptr, cleaned.len);
    memcpy(o + cleaned.len, text->ptr + end, rest);
    o[cleaned.len + rest] = 0;
    *text = (rc_str){o, cleaned.len + rest};
    return 0;
}

int rc_pipeline_run(rc_pipeline *p, const rc_input *in, const rc_doc **out)
{
    rc_arena *a = p->arena;
    rc_doc *d = &p->doc;
    int rc;

    rc_arena_reset(a);
    memset(d, 0, sizeof *d);
    p->errmsg[0] = 0;
    *out = NULL;

    if (in->body.len > p->opts.max_doc_bytes)
        return fail(p, RC_ETOOBIG, "document of %zu bytes is over the limit of %zu bytes",
                    in->body.len, p->opts.max_doc_bytes);
    if (in->body.len > UINT32_MAX)
        return fail(p, RC_ETOOBIG, "document over 4 GiB");
    if (in->body.len == 0 && !in->raw)
        return fail(p, RC_EEMPTY, "empty document");

    d->id = rc_arena_str(a, in->id);     /* kept exactly as given: ids are keys */
    if (!d->id.ptr)
        d->id = (rc_str){"", 0};
    d->path = field(a, in->path);
    d->format = in->format ? in->format : sniff_format(in->body);

    rc_str text = RC_STR_NULL;
    rc_html_meta meta;
    memset(&meta, 0, sizeof meta);
    rc_str title_guess = RC_STR_NULL;
    rc_str scraped = RC_STR_NULL;    /* scraped text before cleaning (.txt inputs) */

    if (in->raw) {
        /* Clean text given: keep it byte for byte so offsets point into it. */
        text = rc_arena_str(a, in->body);
        if (in->body.len && !text.ptr)
            return fail(p, RC_ENOMEM, "out of memory");
        if (!text.ptr)
            text = (rc_str){"", 0};
        d->charset = RC_STR_LIT("utf-8");
        d->format = RC_FMT_TEXT;
    } else {
        rc_str utf8;
        const char *cs = "utf-8";
        if (in->body_is_unicode) {
            rc = rc_utf8_sanitize(a, in->body, &utf8, &d->replaced_bytes);
        } else {
            if (rc_looks_binary(in->body))
                return fail(p, RC_EBINARY, "binary content, not a text or HTML document");
            const char *declared = rc_str_empty(in->charset) ? NULL
                                   : rc_arena_strndup(a, in->charset.ptr, in->charset.len);
            rc = rc_charset_decode(a, in->body, d->format == RC_FMT_HTML, declared, &utf8, &cs,
                                   &d->replaced_bytes);
        }
        if (rc)
            return fail(p, rc, "cannot decode: %s", rc_strerror(rc));
        d->charset = rc_str_c(cs);

        rc_str extracted;
        if (d->format == RC_FMT_HTML) {
            /* NUL bytes (where libxml2 would stop) are handled by html.c. */
            rc = rc_html_extract(a, utf8, in->url, &extracted, &meta);
            if (rc)
                return fail(p, rc, "HTML extraction failed: %s", rc_strerror(rc));
            rc = rc_normalize_text(a, extracted, &text);
            /* The article container often holds the headline, the byline
             * and the date line ("Par X", "Publié le ... mis à jour ..."):
             * the scraped-text cleaner knows them (title copies, leading
             * metadata); its result is kept unless it took much of the text
             * (a safeguard: on the shared benchmarks it changes nothing). */
            if (!rc)
                rc = clean_lead(a, &text, pick(in->title, meta.title));
        } else {
            rc = rc_normalize_text(a, utf8, &scraped);
            if (!rc)
                rc = rc_textclean(a, scraped, in->title, &text, &title_guess);
        }
        if (rc)
            return fail(p, rc, "text normalisation failed: %s", rc_strerror(rc));
    }

    d->text = text;
    d->url = field(a, pick(in->url, meta.url));
    d->title = field(a, pick(in->title, pick(meta.title, title_guess)));
    d->author = field(a, meta.author);
    d->site = field(a, pick(in->site, meta.site));
    if (!rc_str_empty(in->published)) {
        d->published = field(a, in->published);
        d->published_how = RC_STR_LIT("input");
    } else if (!rc_str_empty(meta.published)) {
        d->published = field(a, meta.published);
        d->published_how = pick(meta.published_how, RC_STR_LIT("page"));
    }

    /* Language: the input's word, else what the text says, else the page's
     * declaration (templates often declare a wrong default, so it comes last). */
    rc_lang given = rc_lang_from_code(in->lang);
    if (given != RC_LANG_UND) {
        d->lang = given;
        d->lang_confidence = 1.0;
    } else {
        d->lang = rc_langid(text.ptr, text.len, &d->lang_confidence);
        if (d->lang == RC_LANG_UND || d->lang_confidence < 0.2) {
            rc_lang declared = rc_lang_from_code(meta.lang);
            if (declared != RC_LANG_UND)
                d->lang = declared;
        }
    }

    /* A scraped page keeps its dateline ("Publié le 3 mars 2025 à 21:47",
     * "April 15, 2025 by Staff") among the furniture that cleaning drops:
     * the first date written before the article's first words is the
     * page's own publication date. */
    if (rc_str_empty(d->published) && scraped.len && text.len) {
        rc_str head = {scraped.ptr, 0};
        size_t probe = text.len < 48 ? text.len : 48;
        const char *first = memmem(scraped.ptr, scraped.len, text.ptr, probe);
        head.len = first ? (size_t)(first - scraped.ptr) : 0;
        char iso[RC_PUBDATE_MAX];
        if (head.len && rc_pubdate_find(head, d->lang == RC_LANG_EN, 4096, iso, NULL)) {
            d->published = field(a, rc_str_c(iso));
            d->published_how = RC_STR_LIT("dateline");
        }
    }

    if (!p->opts.no_segment) {
        rc_segmentation seg;
        rc = rc_segment(a, text, d->lang, &seg);
        if (rc)
            return fail(p, rc, "segmentation failed: %s", rc_strerror(rc));
        d->paras = seg.paras;
        d->n_paras = seg.n_paras;
        d->sents = seg.sents;
        d->n_sents = seg.n_sents;
        d->toks = seg.toks;
        d->n_toks = seg.n_toks;

        rc_timex *dates;
        rc = rc_timex_find(a, text, d->lang, d->published, seg.toks, seg.n_toks, &dates, &d->n_dates);
        if (rc)
            return fail(p, rc, "date recognition failed: %s", rc_strerror(rc));
        d->dates = dates;

        rc_mention *mentions;
        rc = rc_ner_find(a, text, d->lang, seg.sents, seg.n_sents, seg.toks, seg.n_toks,
                         &mentions, &d->n_mentions);
        if (rc)
            return fail(p, rc, "entity recognition failed: %s", rc_strerror(rc));
        d->mentions = mentions;

        rc_quote *quotes;
        rc_claim *claims;
        rc = rc_quotes_claims_find(a, text, d->lang, seg.sents, seg.n_sents, seg.toks, seg.n_toks,
                                   mentions, d->n_mentions, &quotes, &d->n_quotes, &claims,
                                   &d->n_claims);
        if (rc)
            return fail(p, rc, "quote and claim recognition failed: %s", rc_strerror(rc));
        d->quotes = quotes;
        d->claims = claims;
    }
    d->text_hash = XXH3_64bits(text.ptr ? text.ptr : "", text.len);
    *out = d;
    return RC_OK;
}

/* The text of a span, clamped to the text (spans come from our own
 * recognisers, but output must never read out of bounds). */
static rc_str span_str(rc_str text, uint32_t start, uint32_t end)
{
    if (start > text.len)
        start = (uint32_t)text.len;
    if (end > text.len)
        end = (uint32_t)text.len;
    if (end < start)
        end = start;
    return (rc_str){text.ptr + start, end - start};
}

/* ,"NAME_start":N,"NAME_end":N or nulls when the span is absent (-1). */
static void json_span(rc_buf *b, const char *name, int32_t start, int32_t end)
{
    if (start >= 0 && end >= start)
        rc_buf_printf(b, ",\"%s_start\":%d,\"%s_end\":%d", name, start, name, end);
    else
        rc_buf_printf(b, ",\"%s_start\":null,\"%s_end\":null", name, name);
}

int rc_doc_to_json(const rc_doc *d, rc_buf *b)
{
    int first = 1;
    rc_buf_putc(b, '{');
    rc_json_key(b, "id", &first);
    rc_json_str(b, d->id);
    rc_json_key(b, "url", &first);
    rc_json_str_or_null(b, d->url);
    rc_json_key(b, "title", &first);
    rc_json_str_or_null(b, d->title);
    rc_json_key(b, "author", &first);
    rc_json_str_or_null(b, d->author);
    rc_json_key(b, "site", &first);
    rc_json_str_or_null(b, d->site);
    rc_json_key(b, "published", &first);
    rc_json_str_or_null(b, d->published);
    /* beyond the contract: where the date came from ("input", "json-ld",
     * "meta", "dateline", ...) */
    rc_json_key(b, "published_how", &first);
    rc_json_str_or_null(b, d->published_how);
    rc_json_key(b, "lang", &first);
    if (d->lang == RC_LANG_UND)
        rc_buf_puts(b, "null");
    else
        rc_json_str(b, rc_str_c(rc_lang_code(d->lang)));
    rc_json_key(b, "text", &first);
    rc_json_str(b, d->text.ptr ? d->text : RC_STR_LIT(""));
    rc_json_key(b, "entities", &first);
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_mentions; i++) {
        const rc_mention *m = &d->mentions[i];
        rc_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"type\":\"%s\",\"text\":", i ? "," : "",
                      m->start, m->end, rc_ent_type_name(m->type));
        rc_json_str(b, span_str(d->text, m->start, m->end));
        rc_buf_puts(b, ",\"name\":");
        rc_json_str_or_null(b, m->name);
        if (!rc_str_empty(m->role)) {
            rc_buf_puts(b, ",\"role\":");
            rc_json_str(b, m->role);
        }
        rc_buf_putc(b, '}');
    }
    rc_buf_putc(b, ']');
    rc_json_key(b, "quotes", &first);
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_quotes; i++) {
        const rc_quote *q = &d->quotes[i];
        rc_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "", q->start, q->end);
        rc_json_str(b, span_str(d->text, q->start, q->end));
        rc_buf_printf(b, ",\"direct\":%s,\"speaker\":", q->direct ? "true" : "false");
        rc_json_str_or_null(b, q->speaker);
        json_span(b, "speaker", q->speaker_start, q->speaker_end);
        rc_buf_puts(b, ",\"cue\":");
        if (q->cue_start >= 0 && q->cue_end > q->cue_start)
            rc_json_str(b, span_str(d->text, (uint32_t)q->cue_start, (uint32_t)q->cue_end));
        else
            rc_buf_puts(b, "null");
        json_span(b, "cue", q->cue_start, q->cue_end);
        rc_buf_putc(b, '}');
    }
    rc_buf_putc(b, ']');
    rc_json_key(b, "claims", &first);
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_claims; i++) {
        const rc_claim *c = &d->claims[i];
        rc_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "", c->start, c->end);
        rc_json_str(b, span_str(d->text, c->start, c->end));
        rc_buf_puts(b, ",\"source\":");
        rc_json_str_or_null(b, c->source);
        rc_buf_printf(b, ",\"status\":\"%s\"", rc_claim_status_name(c->status));
        /* beyond the contract: the source the source cites */
        rc_buf_puts(b, ",\"cited\":");
        rc_json_str_or_null(b, c->cited);
        rc_buf_putc(b, '}');
    }
    rc_buf_putc(b, ']');
    rc_json_key(b, "dates", &first);
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_dates; i++) {
        const rc_timex *t = &d->dates[i];
        rc_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "", t->start, t->end);
        rc_json_str(b, span_str(d->text, t->start, t->end));
        rc_buf_printf(b, ",\"type\":\"%s\",\"value\":", rc_timex_type_name(t->type));
        rc_json_str_or_null(b, t->value);
        /* beyond the contract: how the value was resolved ("absolute",
         * "published", "published-tense", "context", "underspecified"...) */
        rc_buf_puts(b, ",\"how\":");
        rc_json_str_or_null(b, t->how);
        rc_buf_putc(b, '}');
    }
    rc_buf_putc(b, ']');
    return rc_buf_putc(b, '}');
}

const char *rc_ent_type_name(int type)
{
    switch (type) {
    case RC_ENT_PER: return "PER";
    case RC_ENT_ORG: return "ORG";
    case RC_ENT_LOC: return "LOC";
    case RC_ENT_MISC: return "MISC";
    default: return "?";
    }
}

const char *rc_timex_type_name(int type)
{
    switch (type) {
    case RC_TIMEX_DATE: return "DATE";
    case RC_TIMEX_TIME: return "TIME";
    case RC_TIMEX_DURATION: return "DURATION";
    case RC_TIMEX_SET: return "SET";
    default: return "?";
    }
}

const char *rc_claim_status_name(int status)
{
    switch (status) {
    case RC_CLAIM_ASSERTED: return "asserted";
    case RC_CLAIM_ALLEGED: return "alleged";
    case RC_CLAIM_CONFIRMED: return "confirmed";
    case RC_CLAIM_DENIED: return "denied";
    case RC_CLAIM_NOT_DENIED: return "not_denied";
    case RC_CLAIM_NO_COMMENT: return "no_comment";
    case RC_CLAIM_UNVERIFIED: return "unverified";
    default: return "?";
    }
}
