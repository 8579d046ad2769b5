/*
 * bench_stages.c -- what each recogniser costs on the same segmented text:
 * segmentation, entities (NER), dates (timex), quotes + claims together.
 *
 *     build/bench_stages [-n ROUNDS] [-l LANG] [-j JOIN] INPUT...
 *
 * Inputs, read in place (never copied):
 *   *.jsonl, *.jsonl.gz  one document per line, in the formats of the shared
 *                        evaluation sets: {"text", "lang"?, "published"?}
 *                        (dates, quotes) or {"tokens": [[...], ...]} (NER:
 *                        tokens joined by single spaces, sentences by a
 *                        blank line, exactly as ner/score.py sends them).  A
 *                        line without "lang" takes the "lang" of a meta.json
 *                        beside the file, else language identification.
 *                        Lines with neither (HTML items) are counted and
 *                        skipped.
 *   anything else        a file or a directory (recursively: .html, .htm,
 *                        .txt, .jsonl in the contract's format) read by
 *                        rc_read_path, e.g. examples/corpus.
 * Options apply to the inputs after them: -l LANG forces the language
 * ("auto" gives it back to the data), -j JOIN makes one document of JOIN
 * consecutive lines of a JSONL file (paragraphs separated by a blank line;
 * for one-sentence items such as WikiNEuRal).  -n ROUNDS (default 7) is
 * global.  Exit status 0; 1 if an input could not be read (said on stderr,
 * the others are measured); 2 on a usage error.
 *
 * Algorithm.  Each input goes once through rc_pipeline_run with segmentation
 * off, which gives the text and its language: the texts of JSONL lines as
 * given, byte for byte (as the scorers send them, `extract --raw`), files
 * as `recoupe extract` reads them (HTML extracted, scraped text cleaned).  Each document is segmented once,
 * and its entity mentions found once, into a long-lived arena: the inputs of
 * the later stages.  Then ROUNDS rounds; in each, every document runs each
 * stage once, one after the other (so that machine noise hits all stages
 * alike), each call on a scratch arena reset before it (the reset is not
 * timed).  Quotes + claims are called as src/pipeline.c calls them (with the
 * entity mentions).  Per document and stage the minimum CPU time
 * (CLOCK_PROCESS_CPUTIME_ID, one thread) over the rounds is kept; these are
 * summed per input and per language.
 *
 * Output: per input and language, then per language, MB/s of text (10^6
 * bytes of the documents' text per CPU second) for each stage, and the cost
 * ratios dates/NER and (quotes+claims)/NER: CPU time of the stage over the
 * CPU time of NER on the same documents (<= 1: it costs no more than NER).
 *
 * Why: issues #5 and #6 ask that quotes + claims, and dates, cost no more
 * than entity recognition on the same text; a ratio measured in the same
 * run on the same segmented documents is robust to a shared, noisy machine,
 * where absolute MB/s are not.
 */
#include "recoupe.h"
#include "ner.h"
#include "quotes.h"
#include "segment.h"
#include "timex.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum { ST_SEG, ST_NER, ST_DATES, ST_QC, N_STAGES };
static const char *stage_name[N_STAGES] = {"seg", "ner", "dates", "quotes+claims"};

typedef struct bdoc {
    char *text;              /* owned, NUL-terminated */
    size_t len;
    rc_lang lang;
    char published[40];      /* ISO date or empty */
    int src;                 /* index of its input */
    rc_segmentation seg;     /* in the long-lived arena */
    rc_mention *men;
    size_t n_men;
    double best[N_STAGES];   /* seconds, minimum over the rounds */
} bdoc;

typedef struct bench {
    bdoc *docs;
    size_t n, cap;
    const char **src_label;
    size_t n_src;
    rc_pipeline *pipe;       /* segmentation off: text and language only */
    rc_lang force_lang;      /* RC_LANG_UND: as the data says */
    int cur_src;
    int errors;
} bench;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run one input through the pipeline (no segmentation) and keep its text,
 * language and publication date as a document of the current input.
 * Returns 0, or a negative code (reported on stderr, the input skipped). */
static int add_input(bench *b, const rc_input *in_given)
{
    rc_input in = *in_given;
    if (b->force_lang != RC_LANG_UND)
        in.lang = rc_str_c(rc_lang_code(b->force_lang));
    const rc_doc *d;
    int rc = rc_pipeline_run(b->pipe, &in, &d);
    if (rc) {
        fprintf(stderr, "bench_stages: %.*s: %s\n", (int)in.id.len, in.id.ptr,
                rc_pipeline_errmsg(b->pipe));
        b->errors++;
        return rc;
    }
    if (d->text.len == 0)
        return 0;
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        bdoc *nd = realloc(b->docs, nc * sizeof *nd);
        if (!nd)
            return RC_ENOMEM;
        b->docs = nd;
        b->cap = nc;
    }
    bdoc *bd = &b->docs[b->n];
    memset(bd, 0, sizeof *bd);
    bd->text = malloc(d->text.len + 1);
    if (!bd->text)
        return RC_ENOMEM;
    memcpy(bd->text, d->text.ptr, d->text.len);
    bd->text[d->text.len] = 0;
    bd->len = d->text.len;
    bd->lang = d->lang;
    snprintf(bd->published, sizeof bd->published, "%.*s", (int)d->published.len,
             d->published.ptr ? d->published.ptr : "");
    bd->src = b->cur_src;
    b->n++;
    return 0;
}

static int reader_doc(void *ud, const rc_input *in)
{
    return add_input(ud, in) == RC_ENOMEM;
}

static void reader_error(void *ud, const char *path, long line, int code, const char *msg)
{
    bench *b = ud;
    fprintf(stderr, "bench_stages: %s:%ld: %s (%s)\n", path, line, msg, rc_strerror(code));
    b->errors++;
}

/* The whole (possibly gzipped) file in a malloc'd NUL-terminated buffer. */
static char *slurp_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        int got = gzread(f, buf + n, (unsigned)(cap - n));
        if (got < 0) {
            free(buf);
            buf = NULL;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    gzclose(f);
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}

/* The "lang" of the meta.json beside path, or RC_LANG_UND. */
static rc_lang meta_lang(const char *path)
{
    char mp[4096];
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0;
    if (dir + sizeof "meta.json" > sizeof mp)
        return RC_LANG_UND;
    memcpy(mp, path, dir);
    memcpy(mp + dir, "meta.json", sizeof "meta.json");
    json_t *m = json_load_file(mp, 0, NULL);
    rc_lang l = RC_LANG_UND;
    if (m && json_is_string(json_object_get(m, "lang")))
        l = rc_lang_from_code(rc_str_c(json_string_value(json_object_get(m, "lang"))));
    json_decref(m);
    return l;
}

/* Append the text of one JSONL item to out, after sep (may be NULL) when
 * there is some: "text", else "tokens" joined by single spaces, sentences
 * by a blank line.  Returns 1 if it had text, 0 (out unchanged) if not. */
static int item_text(json_t *item, const char *sep, rc_buf *out)
{
    json_t *t = json_object_get(item, "text");
    if (json_is_string(t)) {
        if (sep)
            rc_buf_puts(out, sep);
        rc_buf_append(out, json_string_value(t), json_string_length(t));
        return 1;
    }
    json_t *sents = json_object_get(item, "tokens");
    if (!json_is_array(sents))
        return 0;
    size_t i, j;
    json_t *s, *tok;
    int any = 0;
    json_array_foreach(sents, i, s) {
        if (!json_is_array(s) || json_array_size(s) == 0)
            continue;
        if (any || sep)
            rc_buf_puts(out, any ? "\n\n" : sep);
        json_array_foreach(s, j, tok) {
            if (!json_is_string(tok))
                continue;
            if (j)
                rc_buf_putc(out, ' ');
            rc_buf_append(out, json_string_value(tok), json_string_length(tok));
        }
        any = 1;
    }
    return any;
}

/* Hand the document gathered in text (with its lang and published) to
 * add_input.  Returns 0, RC_ENOMEM, or the text buffer's error (reported;
 * the rest of the file is not read). */
static int flush_doc(bench *b, const char *path, const rc_buf *text, const rc_buf *lang,
                     const rc_buf *pub)
{
    if (text->err) {
        fprintf(stderr, "bench_stages: %s: %s\n", path, rc_strerror(text->err));
        b->errors++;
        return text->err;
    }
    rc_input in = {.id = rc_str_c(path), .path = rc_str_c(path), .body = rc_buf_str(text),
                   .lang = rc_buf_str(lang), .published = rc_buf_str(pub),
                   .format = RC_FMT_TEXT, .body_is_unicode = 1, .raw = 1};
    return add_input(b, &in) == RC_ENOMEM ? RC_ENOMEM : 0;
}

/* One JSONL file of the evaluation sets, JOIN items per document.  A line
 * that is not a JSON object is reported and skipped.  Returns 0, RC_EIO
 * (unreadable) or RC_ENOMEM. */
static int read_jsonl(bench *b, const char *path, int join)
{
    size_t len;
    char *all = slurp_gz(path, &len);
    if (!all) {
        fprintf(stderr, "bench_stages: cannot read %s\n", path);
        b->errors++;
        return RC_EIO;
    }
    rc_lang file_lang = meta_lang(path);
    rc_buf text, lang, pub;
    rc_buf_init(&text, 0);
    rc_buf_init(&lang, 0);
    rc_buf_init(&pub, 0);
    int in_doc = 0, rc = 0;
    long lineno = 0, no_text = 0;
    char *p = all, *end = all + len;
    while (p < end && !rc) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        json_error_t err;
        json_t *item = le > p ? json_loadb(p, (size_t)(le - p), 0, &err) : NULL;
        int blank = le == p;
        p = le + 1;
        if (!json_is_object(item)) {
            if (!blank) {
                fprintf(stderr, "bench_stages: %s:%ld: not a JSON object\n", path, lineno);
                b->errors++;
            }
            json_decref(item);
            continue;
        }
        if (!in_doc) {
            rc_buf_clear(&text);
            rc_buf_clear(&lang);
            rc_buf_clear(&pub);
            json_t *l = json_object_get(item, "lang"), *d = json_object_get(item, "published");
            if (json_is_string(l))
                rc_buf_puts(&lang, json_string_value(l));
            else if (file_lang != RC_LANG_UND)
                rc_buf_puts(&lang, rc_lang_code(file_lang));
            if (json_is_string(d))
                rc_buf_puts(&pub, json_string_value(d));
        }
        if (item_text(item, in_doc ? "\n\n" : NULL, &text))
            in_doc++;
        else
            no_text++;
        json_decref(item);
        if (in_doc >= join) {
            rc = flush_doc(b, path, &text, &lang, &pub);
            in_doc = 0;
        }
    }
    if (in_doc && !rc)      /* the last, partial group */
        rc = flush_doc(b, path, &text, &lang, &pub);
    if (no_text)
        fprintf(stderr, "bench_stages: %s: %ld lines without \"text\" or \"tokens\" skipped\n",
                path, no_text);
    rc_buf_free(&text);
    rc_buf_free(&lang);
    rc_buf_free(&pub);
    free(all);
    return rc;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

/* "…/eval/dates/fr-timebank/gold.jsonl" -> "dates/fr-timebank"; else the
 * path as given. */
static const char *label_of(const char *path)
{
    static char buf[64][128];
    static int next;
    char *out = buf[next++ % 64];
    size_t n = strlen(path);
    const char *base = strrchr(path, '/');
    if (base && strncmp(base + 1, "gold.jsonl", 10) == 0) {
        n = (size_t)(base - path);
        /* the last two folders */
        size_t k = n, slashes = 0;
        while (k > 0 && slashes < 2) {
            k--;
            if (path[k] == '/')
                slashes++;
        }
        if (path[k] == '/')
            k++;
        snprintf(out, sizeof buf[0], "%.*s", (int)(n - k), path + k);
        return out;
    }
    snprintf(out, sizeof buf[0], "%s", path);
    return out;
}

/* One call of a stage on document d, timed; the scratch arena is reset
 * before.  Returns seconds, or a negative value on failure.  Not inlined:
 * profiles collect inside it (valgrind --toggle-collect=run_stage). */
__attribute__((noinline)) static double run_stage(int st, bdoc *d, rc_arena *a)
{
    rc_arena_reset(a);
    rc_str text = {d->text, d->len};
    int rc = 0;
    double t0 = now();
    switch (st) {
    case ST_SEG: {
        rc_segmentation sg;
        rc = rc_segment(a, text, d->lang, &sg);
        break;
    }
    case ST_NER: {
        rc_mention *m;
        size_t n;
        rc = rc_ner_find(a, text, d->lang, d->seg.sents, d->seg.n_sents, d->seg.toks, d->seg.n_toks,
                         &m, &n);
        break;
    }
    case ST_DATES: {
        rc_timex *t;
        size_t n;
        rc = rc_timex_find(a, text, d->lang, rc_str_c(d->published), d->seg.toks, d->seg.n_toks, &t, &n);
        break;
    }
    case ST_QC: {
        rc_quote *q;
        rc_claim *c;
        size_t nq, nc;
        rc = rc_quotes_claims_find(a, text, d->lang, d->seg.sents, d->seg.n_sents, d->seg.toks,
                                   d->seg.n_toks, d->men, d->n_men, &q, &nq, &c, &nc);
        break;
    }
    default:
        rc = RC_EINVAL;
    }
    double t1 = now();
    return rc ? -1.0 : t1 - t0;
}

typedef struct agg {
    size_t docs, bytes;
    double t[N_STAGES];
} agg;

static void print_row(const char *label, const char *lang, const agg *g)
{
    if (!g->docs)
        return;
    double mb = (double)g->bytes / 1e6;
    printf("%-26.26s %-5s %5zu %7.2f", label, lang, g->docs, mb);
    for (int s = 0; s < N_STAGES; s++)
        printf(" %8.1f", g->t[s] > 0 ? mb / g->t[s] : 0.0);
    printf("   %6.2f %6.2f\n", g->t[ST_DATES] / g->t[ST_NER], g->t[ST_QC] / g->t[ST_NER]);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_stages [-n ROUNDS] [-l LANG|auto] [-j JOIN] INPUT...\n"
                    "  INPUT: an evaluation set's gold.jsonl[.gz], a .jsonl[.gz], a file or a directory\n");
}

int main(int argc, char **argv)
{
    int rounds = 7, join = 1;
    bench b;
    memset(&b, 0, sizeof b);
    rc_options po = {.no_segment = 1};
    b.pipe = rc_pipeline_new(&po);
    b.src_label = calloc((size_t)argc, sizeof *b.src_label);
    if (!b.pipe || !b.src_label)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-n") == 0 || strcmp(arg, "-l") == 0 || strcmp(arg, "-j") == 0) {
            if (i + 1 >= argc) {
                usage();
                return 2;
            }
            const char *v = argv[++i];
            int bad = 0;
            if (arg[1] == 'n') {
                rounds = atoi(v);
                bad = rounds <= 0;
            } else if (arg[1] == 'j') {
                join = atoi(v);
                bad = join <= 0;
            } else if (strcmp(v, "auto") == 0) {
                b.force_lang = RC_LANG_UND;
            } else {
                b.force_lang = rc_lang_from_code(rc_str_c(v));
                bad = b.force_lang == RC_LANG_UND;
            }
            if (bad) {
                usage();
                return 2;
            }
            continue;
        }
        if (arg[0] == '-' && arg[1]) {
            usage();
            return 2;
        }
        b.cur_src = (int)b.n_src;
        b.src_label[b.n_src++] = label_of(arg);
        int rc;
        if (ends_with(arg, ".jsonl") || ends_with(arg, ".jsonl.gz")) {
            rc = read_jsonl(&b, arg, join);
        } else {
            rc_read_opts ro = {0};
            rc_reader_cb cb = {.doc = reader_doc, .error = reader_error, .ud = &b};
            rc = rc_read_path(arg, &ro, &cb);
        }
        if (rc == RC_ENOMEM) {
            fprintf(stderr, "bench_stages: out of memory\n");
            return 1;
        }
    }
    if (b.n_src == 0) {
        usage();
        return 2;
    }
    if (b.n == 0) {
        fprintf(stderr, "bench_stages: no document to measure\n");
        return 1;
    }

    /* Segment each document once, and find its entities once: the inputs of
     * the timed stages. */
    rc_arena *keep = rc_arena_new((size_t)8 << 20), *scratch = rc_arena_new(0);
    if (!keep || !scratch)
        return 1;
    for (size_t i = 0; i < b.n; i++) {
        bdoc *d = &b.docs[i];
        rc_str text = {d->text, d->len};
        if (rc_segment(keep, text, d->lang, &d->seg) ||
            rc_ner_find(keep, text, d->lang, d->seg.sents, d->seg.n_sents, d->seg.toks,
                        d->seg.n_toks, &d->men, &d->n_men)) {
            fprintf(stderr, "bench_stages: segmentation or NER failed\n");
            return 1;
        }
        for (int s = 0; s < N_STAGES; s++)
            d->best[s] = 1e30;
    }

    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < b.n; i++) {
            bdoc *d = &b.docs[i];
            for (int s = 0; s < N_STAGES; s++) {
                double t = run_stage(s, d, scratch);
                if (t < 0) {
                    fprintf(stderr, "bench_stages: stage %s failed on a document of %s\n",
                            stage_name[s], b.src_label[d->src]);
                    return 1;
                }
                if (t < d->best[s])
                    d->best[s] = t;
            }
        }
    }

    /* Totals per input and language, then per language. */
    static const rc_lang shown[] = {RC_LANG_FR, RC_LANG_EN};
    printf("CPU time, one thread, minimum over %d rounds per document; MB/s of text per stage;\n"
           "ratios: CPU time of the stage / CPU time of NER on the same documents (<= 1: no costlier)\n",
           rounds);
    printf("%-26s %-5s %5s %7s %8s %8s %8s %8s   %6s %6s\n", "source", "lang", "docs", "MB", "seg",
           "ner", "dates", "quo+cla", "dat/ne", "q+c/ne");
    agg per_lang[3];
    memset(per_lang, 0, sizeof per_lang);
    for (size_t src = 0; src < b.n_src; src++) {
        agg g[3];
        memset(g, 0, sizeof g);
        for (size_t i = 0; i < b.n; i++) {
            const bdoc *d = &b.docs[i];
            if ((size_t)d->src != src)
                continue;
            int li = d->lang == RC_LANG_FR ? 0 : d->lang == RC_LANG_EN ? 1 : 2;
            agg *to[2] = {&g[li], &per_lang[li]};
            for (int k = 0; k < 2; k++) {
                to[k]->docs++;
                to[k]->bytes += d->len;
                for (int s = 0; s < N_STAGES; s++)
                    to[k]->t[s] += d->best[s];
            }
        }
        for (int li = 0; li < 3; li++)
            print_row(b.src_label[src], li < 2 ? rc_lang_code(shown[li]) : "other", &g[li]);
    }
    for (int li = 0; li < 3; li++)
        print_row("total", li < 2 ? rc_lang_code(shown[li]) : "other", &per_lang[li]);
    for (int li = 0; li < 2; li++)
        if (per_lang[li].docs)
            printf("ratio %s: dates/NER %.2f, (quotes+claims)/NER %.2f\n", rc_lang_code(shown[li]),
                   per_lang[li].t[ST_DATES] / per_lang[li].t[ST_NER],
                   per_lang[li].t[ST_QC] / per_lang[li].t[ST_NER]);

    for (size_t i = 0; i < b.n; i++)
        free(b.docs[i].text);
    free(b.docs);
    free(b.src_label);
    rc_arena_free(keep);
    rc_arena_free(scratch);
    rc_pipeline_free(b.pipe);
    return b.errors ? 1 : 0;
}
