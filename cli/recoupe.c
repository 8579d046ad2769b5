/*
 * recoupe.c -- the `recoupe` command.
 *
 * A thin layer over the public API (include/recoupe.h only): argument
 * parsing, help texts, and wiring readers, the pipeline and the store
 * together.  Every command reports bad inputs on standard error as
 * "recoupe: PATH[:LINE]: reason" and carries on; the exit status is 0 when
 * everything went through, 1 when some input failed, 2 on a usage error or
 * when the command could not run at all.
 */
#include "recoupe.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXIT_INPUT 1
#define EXIT_USAGE 2

static const char *progname = "recoupe";

static const char usage_main[] =
    "usage: recoupe [--db PATH] COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "recoupe cross-checks news: it reads articles, extracts their text and\n"
    "metadata, and stores them for story dossiers.\n"
    "\n"
    "commands:\n"
    "  extract   extract text and metadata, print JSON Lines (no database)\n"
    "  ingest    read files, directories or JSONL into the database\n"
    "  export    print the database as one JSON object\n"
    "  search    full-text search over titles and texts\n"
    "  show      print one document\n"
    "  quotes    list stored quotations, by speaker (any spelling) or story\n"
    "  timeline  a story's dated events in order, with their sources\n"
    "  stories   list the stories, newest or largest first\n"
    "  story     one story: its documents, timeline and quotes\n"
    "  stance    stance of texts towards claims: for, against, observing, unrelated\n"
    "  check     which stored articles assert, deny or report a claim\n"
    "\n"
    "options:\n"
    "  --db PATH     database file (default: $RECOUPE_DB, else ./recoupe.db)\n"
    "  -h, --help    this help; `recoupe COMMAND --help` for a command's\n"
    "  --version     print the version\n"
    "\n"
    "examples:\n"
    "  recoupe ingest examples/corpus\n"
    "  recoupe search \"Kovalenko\"\n"
    "  recoupe extract page.html\n";

static const char usage_extract[] =
    "usage: recoupe extract [--format auto|html|text] [--raw] [--url URL]\n"
    "                       [--published DATE] [--lang CODE] [--max-size BYTES] FILE...\n"
    "       recoupe extract --jsonl [FILE]\n"
    "\n"
    "Extract main text and metadata from each input and print one JSON object\n"
    "per document on standard output (JSON Lines), in input order.  FILE may be\n"
    "`-` (standard input) or a directory (read recursively).  Nothing is stored.\n"
    "\n"
    "  --format F      read inputs as html or text (default: from the name and content)\n"
    "  --raw           the input is clean text: keep it byte-identical (offsets point into it)\n"
    "  --url URL       the documents' URL\n"
    "  --published D   publication date (anchor for relative dates)\n"
    "  --lang CODE     language (default: identified from the text)\n"
    "  --jsonl         inputs are JSON Lines {id, url?, title?, published?, lang?,\n"
    "                  html|html_b64|text}; output lines carry the same id\n"
    "  --max-size N    reject documents over N bytes (default 64 MiB)\n"
    "\n"
    "examples:\n"
    "  recoupe extract examples/corpus/courrier/2025-03-03-pourparlers.html\n"
    "  recoupe extract --jsonl pages.jsonl > out.jsonl\n"
    "  echo 'Le président a parlé.' | recoupe extract --raw -\n";

static const char usage_ingest[] =
    "usage: recoupe [--db PATH] ingest [--format auto|html|text] [--raw] [--jsonl]\n"
    "                              [--published DATE] [--lang CODE] FILE|DIR...\n"
    "\n"
    "Read .html/.htm, .txt and .jsonl files (directories recursively) into the\n"
    "database.  Re-ingesting the same input changes nothing; a document whose\n"
    "text equals an earlier one is recorded as its copy.  Prints a summary.\n"
    "\n"
    "examples:\n"
    "  recoupe ingest examples/corpus\n"
    "  recoupe --db news.db ingest pages.jsonl\n";

static const char usage_export[] =
    "usage: recoupe [--db PATH] export\n"
    "\n"
    "Print the whole database as one JSON object: docs, stories, entities,\n"
    "copies, claims (format: docs/contract.md).\n";

static const char usage_search[] =
    "usage: recoupe [--db PATH] search [--limit N] [--json] QUERY...\n"
    "\n"
    "Full-text search over titles and texts, best first, with snippets.\n"
    "Words are matched without regard to case or accents; FTS5 syntax\n"
    "(\"a phrase\", OR, NOT, prefix*) is accepted.\n"
    "\n"
    "examples:\n"
    "  recoupe search inondations\n"
    "  recoupe search --limit 5 '\"secret talks\"'\n";

static const char usage_show[] =
    "usage: recoupe [--db PATH] show [--json] DOC\n"
    "\n"
    "Print one document (by id, e.g. its path as ingested) with its metadata.\n";

static const char usage_quotes[] =
    "usage: recoupe [--db PATH] quotes [--speaker NAME] [--story ID] [--json] [--limit N]\n"
    "\n"
    "List the stored quotations, earliest published first, as\n"
    "  speaker \xe2\x80\x94 \xc2\xabquote\xc2\xbb (doc id, date)\n"
    "or, with --json, one object per line {doc, published, story, text, direct,\n"
    "speaker, entity, cue}.\n"
    "\n"
    "  --speaker NAME  quotes of that person, whatever the spelling: a full name\n"
    "                  matches the same name and its entity (\"Dmitri Peskov\" finds\n"
    "                  Dmitry Peskov), a surname alone or with a title matches\n"
    "                  every speaker of that surname (\"Peskow\", \"M. Peskov\")\n"
    "  --story ID      quotes of the documents of one story (s12, as in export)\n"
    "  --limit N       at most N quotes\n"
    "\n"
    "examples:\n"
    "  recoupe quotes --speaker Vorontsov\n"
    "  recoupe quotes --story s1 --json\n";

static const char usage_timeline[] =
    "usage: recoupe [--db PATH] timeline [--json] STORY\n"
    "\n"
    "Print the dated events of a story (s12, as in export) in calendar order:\n"
    "each a day, week, month, quarter, season or year, the sentence that tells\n"
    "it, and the documents that tell it (copies count under their original).\n"
    "With --json, one object per line {date, type, text, sources,\n"
    "independent_sources, first_published}.  At most 200 events per story.\n"
    "\n"
    "examples:\n"
    "  recoupe timeline s1\n"
    "  recoupe timeline --json s3\n";

static const char usage_stories[] =
    "usage: recoupe [--db PATH] stories [--order newest|largest] [--limit N] [--json]\n"
    "\n"
    "List the stories that have documents, one line each: id, documents,\n"
    "first and last publication, languages, title.  With --json, one object per\n"
    "line {id, title, n_docs, n_copies, first_published, last_published, langs}.\n"
    "\n"
    "  --order newest   latest last publication first (the default)\n"
    "  --order largest  most documents first\n"
    "  --limit N        at most N stories\n"
    "\n"
    "examples:\n"
    "  recoupe stories\n"
    "  recoupe stories --order largest --limit 5\n";

static const char usage_story[] =
    "usage: recoupe [--db PATH] story [--json] STORY\n"
    "\n"
    "Print one story (s12, as in export and stories): its title and dates, its\n"
    "documents (site, language, date, what they copy), its timeline, its\n"
    "claims (most independent sources first) and its quotes grouped by\n"
    "speaker.  A story merged into another is shown as the one that absorbed\n"
    "it.  With --json, one object {id, merged_from, title, first_published,\n"
    "last_published, langs, docs, n_docs, n_copies, timeline, quotes, claims}\n"
    "(docs/contract.md).\n"
    "\n"
    "examples:\n"
    "  recoupe story s1\n"
    "  recoupe story --json s3\n";

static const char usage_stance[] =
    "usage: recoupe stance [--explain] [FILE]\n"
    "\n"
    "Read JSON Lines {id, claim, text, lang?} from FILE (default or `-`: standard\n"
    "input) and print one line {id, stance} per input line, in order: stance is\n"
    "for (the text asserts the claim), against (denies or refutes it), observing\n"
    "(reports it without taking sides) or unrelated (does not speak to it).\n"
    "A line with an id but a bad field gets {id, stance: null, error}; a line\n"
    "that is not JSON or has no id gets no output line; both are reported on\n"
    "standard error as FILE:LINE and make the exit status 1.  Blank lines are\n"
    "skipped.\n"
    "\n"
    "  --explain   add the evidence of each decision (\"explain\": relevance,\n"
    "              claim polarity and hedging, refute/hedge/confirm scores)\n"
    "\n"
    "examples:\n"
    "  recoupe stance pairs.jsonl > stances.jsonl\n"
    "  echo '{\"id\":1,\"claim\":\"X is a hoax\",\"text\":\"...\"}' | recoupe stance\n";

static const char usage_check[] =
    "usage: recoupe [--db PATH] check [--limit N] [--json] [--lang fr|en] CLAIM...\n"
    "\n"
    "Find the stored articles that speak to a claim and say, per article and in\n"
    "total, whether each is for it (asserts or confirms), against it (denies or\n"
    "refutes), or observing (reports it without taking sides); articles that do\n"
    "not speak to it are left out.  Candidates are the documents sharing words\n"
    "with the claim (full-text search, best first, at most N: default 50).\n"
    "Copies and translations count under their original: the totals give the\n"
    "number of independent sources beside the number of articles.  When an\n"
    "article holds a claim close to the one checked, its status (asserted,\n"
    "alleged, confirmed, denied, ...) and source are shown.\n"
    "\n"
    "  --limit N     at most N candidate articles (default 50)\n"
    "  --json        one JSON object {claim, totals, articles}\n"
    "  --lang fr|en  the language of claim and articles (default: each\n"
    "                article's own)\n"
    "\n"
    "examples:\n"
    "  recoupe check \"the spy chiefs met in Abu Dhabi\"\n"
    "  recoupe check --json --lang fr \"le Kremlin confirme des contacts\"\n";

static void die_usage(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n\n%s", usage);
    exit(EXIT_USAGE);
}

/* Option parsing helpers: "--opt VALUE" or "--opt=VALUE". */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **val, const char *usage)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != 0)
        return 0;
    if (*i + 1 >= argc)
        die_usage(usage, "option %s needs a value", name);
    *val = argv[++*i];
    return 1;
}

static int is_help(const char *a)
{
    return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* ---------------------------------------------------------------- shared input options */

typedef struct input_opts {
    rc_read_opts ro;
    const char **files;
    int nfiles;
    long nskipped;      /* records or items passed over on purpose (not errors) */
} input_opts;

/* What a reader passed over on purpose (a WARC's non-HTML or non-200
 * records, a feed item whose page was read): said once per file and
 * reason, on standard error; not an error. */
static void print_skipped(void *ud, const char *path, const char *reason, long count)
{
    long *n = ud;
    *n += count;
    fprintf(stderr, "%s: %s: skipped %ld (%s)\n", progname, path, count, reason);
}

static rc_format parse_format(const char *v, const char *usage)
{
    if (strcmp(v, "auto") == 0) return RC_FMT_AUTO;
    if (strcmp(v, "html") == 0) return RC_FMT_HTML;
    if (strcmp(v, "text") == 0 || strcmp(v, "txt") == 0) return RC_FMT_TEXT;
    die_usage(usage, "unknown format '%s' (auto, html or text)", v);
    return RC_FMT_AUTO;
}

static void parse_inputs(int argc, char **argv, input_opts *io, const char *usage)
{
    memset(io, 0, sizeof *io);
    io->ro.skipped = print_skipped;
    io->ro.skipped_ud = &io->nskipped;
    io->files = calloc((size_t)argc + 1, sizeof *io->files);
    if (!io->files) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(EXIT_USAGE);
    }
    int only_files = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            io->files[io->nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (is_help(a)) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "--raw") == 0) {
            io->ro.raw = 1;
        } else if (strcmp(a, "--jsonl") == 0) {
            io->ro.jsonl = 1;
        } else if (opt_value(argc, argv, &i, "--format", &v, usage)) {
            io->ro.format = parse_format(v, usage);
        } else if (opt_value(argc, argv, &i, "--url", &v, usage)) {
            io->ro.url = rc_str_c(v);
        } else if (opt_value(argc, argv, &i, "--published", &v, usage)) {
            io->ro.published = rc_str_c(v);
        } else if (opt_value(argc, argv, &i, "--lang", &v, usage)) {
            io->ro.lang = rc_str_c(v);
        } else if (opt_value(argc, argv, &i, "--max-size", &v, usage)) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(v, &end, 10);
            if (errno || *end || n == 0)
                die_usage(usage, "bad --max-size '%s'", v);
            io->ro.max_doc_bytes = (size_t)n;
        } else {
            die_usage(usage, "unknown option '%s'", a);
        }
    }
}

static void print_input_error(void *ud, const char *path, long line, int code, const char *msg)
{
    int *nerr = ud;
    (*nerr)++;
    if (line > 0)
        fprintf(stderr, "%s: %s:%ld: %s\n", progname, path, line, msg);
    else
        fprintf(stderr, "%s: %s: %s\n", progname, path, msg);
}

/* ---------------------------------------------------------------- extract */

typedef struct extract_ctx {
    rc_pipeline *pipe;
    rc_buf out;
    int nerr;
} extract_ctx;

static void extract_error(void *ud, const char *path, long line, int code, const char *msg)
{
    extract_ctx *x = ud;
    print_input_error(&x->nerr, path, line, code, msg);
}

static int extract_doc(void *ud, const rc_input *in)
{
    extract_ctx *x = ud;
    const rc_doc *doc;
    rc_buf_clear(&x->out);
    int rc = rc_pipeline_run(x->pipe, in, &doc);
    if (rc) {
        x->nerr++;
        fprintf(stderr, "%s: %.*s: %s\n", progname, (int)in->id.len, in->id.ptr, rc_pipeline_errmsg(x->pipe));
        /* Still one line per input, in order: the id and the error. */
        rc_buf_printf(&x->out, "{\"id\":");
        rc_json_str(&x->out, in->id);
        rc_buf_puts(&x->out, ",\"error\":");
        rc_json_str(&x->out, rc_str_c(rc_pipeline_errmsg(x->pipe)));
        rc_buf_puts(&x->out, ",\"text\":\"\",\"entities\":[],\"quotes\":[],\"claims\":[],\"dates\":[]}");
    } else {
        rc_doc_to_json(doc, &x->out);
    }
    if (x->out.err) {
        fprintf(stderr, "%s: %.*s: output: %s\n", progname, (int)in->id.len, in->id.ptr, rc_strerror(x->out.err));
        x->nerr++;
        return 0;
    }
    rc_buf_putc(&x->out, '\n');
    if (fwrite(x->out.ptr, 1, x->out.len, stdout) != x->out.len) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return 1;
    }
    return 0;
}

static int cmd_extract(int argc, char **argv)
{
    input_opts io;
    parse_inputs(argc, argv, &io, usage_extract);
    if (io.nfiles == 0)
        io.files[io.nfiles++] = "-";
    rc_options po = {.max_doc_bytes = io.ro.max_doc_bytes};
    extract_ctx x = {.pipe = rc_pipeline_new(&po)};
    if (!x.pipe) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_USAGE;
    }
    rc_buf_init(&x.out, 0);
    rc_reader_cb cb = {.doc = extract_doc, .error = extract_error, .ud = &x};
    for (int i = 0; i < io.nfiles; i++) {
        int before = x.nerr;
        int rc = rc_read_path(io.files[i], &io.ro, &cb);
        if (rc && x.nerr == before)
            x.nerr++;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        x.nerr++;
    }
    rc_buf_free(&x.out);
    rc_pipeline_free(x.pipe);
    free(io.files);
    return x.nerr ? EXIT_INPUT : 0;
}

/* ---------------------------------------------------------------- database helpers */

static const char *db_path(const char *given)
{
    if (given)
        return given;
    const char *e = getenv("RECOUPE_DB");
    return e && *e ? e : "recoupe.db";
}

static rc_store *open_store(const char *path)
{
    int err = 0;
    const char *msg = NULL;
    rc_store *s = rc_store_open(path, &err, &msg);
    if (!s) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, msg ? msg : rc_strerror(err));
        exit(EXIT_USAGE);
    }
    return s;
}

/* ---------------------------------------------------------------- ingest */

typedef struct ingest_ctx {
    rc_pipeline *pipe;
    rc_store *store;
    long n_read, n_new, n_unchanged, n_updated, n_copies, n_batch;
    int nerr;
    int fatal;
} ingest_ctx;

#define INGEST_BATCH 500

static void ingest_error(void *ud, const char *path, long line, int code, const char *msg)
{
    ingest_ctx *x = ud;
    print_input_error(&x->nerr, path, line, code, msg);
}

static int ingest_doc(void *ud, const rc_input *in)
{
    ingest_ctx *x = ud;
    const rc_doc *doc;
    x->n_read++;
    int rc = rc_pipeline_run(x->pipe, in, &doc);
    if (rc) {
        x->nerr++;
        fprintf(stderr, "%s: %.*s: %s\n", progname, (int)in->id.len, in->id.ptr, rc_pipeline_errmsg(x->pipe));
        return 0;
    }
    rc_put_result res;
    const char *copy_of = NULL;
    rc = rc_store_put(x->store, doc, &res, &copy_of);
    if (rc) {
        fprintf(stderr, "%s: %.*s: cannot store: %s\n", progname, (int)in->id.len, in->id.ptr,
                rc_store_errmsg(x->store));
        x->nerr++;
        x->fatal = rc;
        return 1;
    }
    if (res == RC_PUT_NEW) x->n_new++;
    else if (res == RC_PUT_UNCHANGED) x->n_unchanged++;
    else x->n_updated++;
    if (copy_of && res != RC_PUT_UNCHANGED)
        x->n_copies++;
    if (++x->n_batch >= INGEST_BATCH) {
        x->n_batch = 0;
        if ((rc = rc_store_commit(x->store)) || (rc = rc_store_begin(x->store))) {
            fprintf(stderr, "%s: commit failed: %s\n", progname, rc_store_errmsg(x->store));
            x->fatal = rc;
            return 1;
        }
    }
    return 0;
}

static int cmd_ingest(const char *db, int argc, char **argv)
{
    input_opts io;
    parse_inputs(argc, argv, &io, usage_ingest);
    if (io.nfiles == 0)
        die_usage(usage_ingest, "%s", "no input given");
    rc_options po = {.max_doc_bytes = io.ro.max_doc_bytes};
    ingest_ctx x = {.pipe = rc_pipeline_new(&po)};
    if (!x.pipe) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_USAGE;
    }
    x.store = open_store(db_path(db));
    rc_reader_cb cb = {.doc = ingest_doc, .error = ingest_error, .ud = &x};
    int rc = rc_store_begin(x.store);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < io.nfiles && !rc && !x.fatal; i++) {
        int before = x.nerr;
        int r = rc_read_path(io.files[i], &io.ro, &cb);
        if (r && x.nerr == before)
            x.nerr++;
    }
    if (!rc && !x.fatal)
        rc = rc_store_commit(x.store);
    else
        rc_store_rollback(x.store);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (rc || x.fatal)
        fprintf(stderr, "%s: ingest failed: %s\n", progname, rc_store_errmsg(x.store));
    long total = 0;
    rc_store_count(x.store, &total);
    fprintf(stderr, "%s: ingested %ld documents in %.2fs: %ld new, %ld updated, %ld unchanged, "
            "%ld exact copies, %d errors, %ld skipped; database %s has %ld documents\n",
            progname, x.n_read, secs, x.n_new, x.n_updated, x.n_unchanged, x.n_copies, x.nerr,
            io.nskipped, db_path(db), total);
    rc_store_close(x.store);
    rc_pipeline_free(x.pipe);
    free(io.files);
    if (rc || x.fatal)
        return EXIT_USAGE;
    return x.nerr ? EXIT_INPUT : 0;
}

/* ---------------------------------------------------------------- export */

static int cmd_export(const char *db, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(usage_export, stdout);
            return 0;
        }
        die_usage(usage_export, "unexpected argument '%s'", argv[i]);
    }
    rc_store *s = open_store(db_path(db));
    int rc = rc_store_export(s, stdout);
    if (rc)
        fprintf(stderr, "%s: export failed: %s\n", progname, rc_store_errmsg(s));
    rc_store_close(s);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return EXIT_USAGE;
    }
    return rc ? EXIT_USAGE : 0;
}

/* ---------------------------------------------------------------- search */

typedef struct search_ctx {
    int json;
    int n;
    rc_buf b;
} search_ctx;

static int print_hit(void *ud, const char *id, const char *title, const char *snippet, double score)
{
    search_ctx *x = ud;
    x->n++;
    if (x->json) {
        rc_buf_clear(&x->b);
        rc_buf_puts(&x->b, "{\"id\":");
        rc_json_str(&x->b, rc_str_c(id));
        rc_buf_puts(&x->b, ",\"title\":");
        rc_json_str_or_null(&x->b, rc_str_c(title));
        rc_buf_puts(&x->b, ",\"snippet\":");
        rc_json_str_or_null(&x->b, rc_str_c(snippet));
        rc_buf_printf(&x->b, ",\"score\":%.4f}\n", score);
        fputs(x->b.ptr, stdout);
    } else {
        printf("%d. %s\n   %s\n   %s\n\n", x->n, title && *title ? title : "(untitled)", id,
               snippet ? snippet : "");
    }
    return 0;
}

static int cmd_search(const char *db, int argc, char **argv)
{
    search_ctx x = {0};
    int limit = 10;
    rc_buf q;
    rc_buf_init(&q, 4096);
    for (int i = 0; i < argc; i++) {
        const char *v;
        if (is_help(argv[i])) {
            fputs(usage_search, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            x.json = 1;
        } else if (opt_value(argc, argv, &i, "--limit", &v, usage_search)) {
            limit = atoi(v);
            if (limit <= 0)
                die_usage(usage_search, "bad --limit '%s'", v);
        } else {
            if (q.len)
                rc_buf_putc(&q, ' ');
            rc_buf_puts(&q, argv[i]);
        }
    }
    if (q.err)
        die_usage(usage_search, "%s", "query too long");
    if (!q.len)
        die_usage(usage_search, "%s", "no query given");
    rc_store *s = open_store(db_path(db));
    rc_buf_init(&x.b, 0);
    int rc = rc_store_search(s, q.ptr, limit, print_hit, &x);
    if (rc)
        fprintf(stderr, "%s: search: %s\n", progname, rc_store_errmsg(s));
    else if (!x.json && x.n == 0)
        fprintf(stderr, "%s: no document matches '%s'\n", progname, q.ptr);
    rc_store_close(s);
    rc_buf_free(&x.b);
    rc_buf_free(&q);
    return rc == RC_EINVAL ? EXIT_INPUT : rc ? EXIT_USAGE : 0;
}

/* ---------------------------------------------------------------- show */

/* Render the store's JSON view of a document for a person. */
static void show_text(const char *js, FILE *out)
{
    json_error_t e;
    json_t *o = json_loads(js, 0, &e);
    if (!o) {
        fputs(js, out);
        fputc('\n', out);
        return;
    }
    static const char *fields[] = {"id", "title", "author", "site", "published", "published_how",
                                   "url", "lang", "charset", "format", "copy_of", "path", NULL};
    for (int i = 0; fields[i]; i++) {
        json_t *v = json_object_get(o, fields[i]);
        if (json_is_string(v))
            fprintf(out, "%-14s %s\n", fields[i], json_string_value(v));
        else if (json_is_integer(v))
            fprintf(out, "%-14s %lld\n", fields[i], (long long)json_integer_value(v));
    }
    json_t *np = json_object_get(o, "n_paras"), *ns = json_object_get(o, "n_sents"),
           *nt = json_object_get(o, "n_toks");
    fprintf(out, "%-14s %lld paragraphs, %lld sentences, %lld tokens\n", "size",
            (long long)json_integer_value(np), (long long)json_integer_value(ns),
            (long long)json_integer_value(nt));
    json_t *t = json_object_get(o, "text");
    if (json_is_string(t))
        fprintf(out, "\n%s\n", json_string_value(t));
    json_decref(o);
}

static int cmd_show(const char *db, int argc, char **argv)
{
    int json = 0;
    const char *id = NULL;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(usage_show, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (!id) {
            id = argv[i];
        } else {
            die_usage(usage_show, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!id)
        die_usage(usage_show, "%s", "no document id given");
    rc_store *s = open_store(db_path(db));
    rc_buf b;
    rc_buf_init(&b, 0);
    int rc = rc_store_show_json(s, id, &b);
    if (rc == RC_ENOTFOUND) {
        fprintf(stderr, "%s: no document '%s'\n", progname, id);
    } else if (rc) {
        fprintf(stderr, "%s: show: %s\n", progname, rc_store_errmsg(s));
    } else if (json) {
        puts(b.ptr);
    } else {
        show_text(b.ptr, stdout);
    }
    rc_buf_free(&b);
    rc_store_close(s);
    return rc == RC_ENOTFOUND ? EXIT_INPUT : rc ? EXIT_USAGE : 0;
}

/* The end of a command that reads the store and writes to stdout: close
 * the store, free the output buffer, catch a write error, and map rc to the
 * exit status (unknown or bad id: EXIT_INPUT; other failures: EXIT_USAGE). */
static int end_store_command(rc_store *s, rc_buf *b, int rc)
{
    rc_buf_free(b);
    rc_store_close(s);
    if (fflush(stdout) != 0 && !rc) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        rc = RC_EIO;
    }
    return rc == RC_ENOTFOUND || rc == RC_EINVAL ? EXIT_INPUT : rc ? EXIT_USAGE : 0;
}

/* ---------------------------------------------------------------- quotes */

typedef struct quotes_ctx {
    int json;
    long n;
    rc_buf b;
} quotes_ctx;

static int print_quote(void *ud, const rc_quote_row *q)
{
    quotes_ctx *x = ud;
    x->n++;
    rc_buf_clear(&x->b);
    if (x->json) {
        rc_buf_puts(&x->b, "{\"doc\":");
        rc_json_str(&x->b, rc_str_c(q->doc));
        rc_buf_puts(&x->b, ",\"published\":");
        rc_json_str_or_null(&x->b, rc_str_c(q->published));
        rc_buf_puts(&x->b, ",\"story\":");
        rc_json_str_or_null(&x->b, rc_str_c(q->story));
        rc_buf_puts(&x->b, ",\"text\":");
        rc_json_str(&x->b, rc_str_c(q->text));
        rc_buf_printf(&x->b, ",\"direct\":%s,\"speaker\":", q->direct ? "true" : "false");
        rc_json_str_or_null(&x->b, rc_str_c(q->speaker));
        rc_buf_puts(&x->b, ",\"entity\":");
        rc_json_str_or_null(&x->b, rc_str_c(q->entity));
        rc_buf_puts(&x->b, ",\"cue\":");
        rc_json_str_or_null(&x->b, rc_str_c(q->cue));
        rc_buf_puts(&x->b, "}\n");
    } else {
        /* speaker — «quote» (doc, date); reported speech without the marks */
        rc_buf_printf(&x->b, "%s \xe2\x80\x94 %s%s%s (%s, %.10s)\n",
                      q->speaker ? q->speaker : "(unknown speaker)",
                      q->direct ? "\xc2\xab" : "", q->text ? q->text : "",
                      q->direct ? "\xc2\xbb" : "", q->doc ? q->doc : "",
                      q->published ? q->published : "undated");
    }
    if (x->b.err)
        return x->b.err;
    return fwrite(x->b.ptr, 1, x->b.len, stdout) == x->b.len ? 0 : RC_EIO;
}

static int cmd_quotes(const char *db, int argc, char **argv)
{
    quotes_ctx x = {0};
    const char *speaker = NULL, *story = NULL;
    int limit = 0;
    for (int i = 0; i < argc; i++) {
        const char *v;
        if (is_help(argv[i])) {
            fputs(usage_quotes, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            x.json = 1;
        } else if (opt_value(argc, argv, &i, "--speaker", &v, usage_quotes)) {
            speaker = v;
        } else if (opt_value(argc, argv, &i, "--story", &v, usage_quotes)) {
            story = v;
        } else if (opt_value(argc, argv, &i, "--limit", &v, usage_quotes)) {
            limit = atoi(v);
            if (limit <= 0)
                die_usage(usage_quotes, "bad --limit '%s'", v);
        } else {
            die_usage(usage_quotes, "unexpected argument '%s'", argv[i]);
        }
    }
    rc_store *s = open_store(db_path(db));
    rc_buf_init(&x.b, 0);
    int rc = rc_store_quotes(s, speaker, story, limit, print_quote, &x);
    if (rc == RC_EIO)
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
    else if (rc)
        fprintf(stderr, "%s: quotes: %s\n", progname, rc_store_errmsg(s));
    else if (x.n == 0)
        fprintf(stderr, "%s: no quote%s%s\n", progname, speaker ? " by " : "",
                speaker ? speaker : "");
    return end_store_command(s, &x.b, rc);
}

/* ---------------------------------------------------------------- timeline */

typedef struct timeline_ctx {
    int json;
    long n;
    rc_buf b;
} timeline_ctx;

static int print_event(void *ud, const rc_event_row *e)
{
    timeline_ctx *x = ud;
    x->n++;
    rc_buf_clear(&x->b);
    if (x->json) {
        rc_buf_puts(&x->b, "{\"date\":");
        rc_json_str(&x->b, rc_str_c(e->date));
        rc_buf_puts(&x->b, ",\"type\":");
        rc_json_str(&x->b, rc_str_c(e->type));
        rc_buf_puts(&x->b, ",\"text\":");
        rc_json_str(&x->b, rc_str_c(e->text));
        rc_buf_puts(&x->b, ",\"sources\":[");
        for (size_t i = 0; i < e->n_sources; i++) {
            if (i)
                rc_buf_putc(&x->b, ',');
            rc_json_str(&x->b, rc_str_c(e->sources[i]));
        }
        rc_buf_printf(&x->b, "],\"independent_sources\":%zu,\"first_published\":",
                      e->independent_sources);
        rc_json_str_or_null(&x->b, rc_str_c(e->first_published));
        rc_buf_puts(&x->b, "}\n");
    } else {
        rc_buf_printf(&x->b, "%-10s  %s\n", e->date, e->text);
        rc_buf_printf(&x->b, "%-10s  %zu source%s, %zu independent:", "",
                      e->n_sources, e->n_sources == 1 ? "" : "s", e->independent_sources);
        for (size_t i = 0; i < e->n_sources; i++)
            rc_buf_printf(&x->b, "%s%s", i ? ", " : " ", e->sources[i]);
        rc_buf_puts(&x->b, "\n\n");
    }
    if (x->b.err)
        return x->b.err;
    return fwrite(x->b.ptr, 1, x->b.len, stdout) == x->b.len ? 0 : RC_EIO;
}

static int cmd_timeline(const char *db, int argc, char **argv)
{
    timeline_ctx x = {0};
    const char *story = NULL;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(usage_timeline, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            x.json = 1;
        } else if (!story && argv[i][0] != '-') {
            story = argv[i];
        } else {
            die_usage(usage_timeline, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!story)
        die_usage(usage_timeline, "%s", "no story id given");
    rc_store *s = open_store(db_path(db));
    rc_buf_init(&x.b, 0);
    size_t dropped = 0;
    int rc = rc_store_timeline(s, story, print_event, &x, &dropped);
    if (rc == RC_EIO)
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
    else if (rc)
        fprintf(stderr, "%s: timeline: %s\n", progname, rc_store_errmsg(s));
    else if (x.n == 0)
        fprintf(stderr, "%s: story %s has no dated event\n", progname, story);
    else if (dropped)
        fprintf(stderr, "%s: story %s: %zu less corroborated events left out\n", progname,
                story, dropped);
    return end_store_command(s, &x.b, rc);
}

/* ---------------------------------------------------------------- stories */

typedef struct stories_ctx {
    int json;
    long n;
    rc_buf b;
} stories_ctx;

static int print_story_row(void *ud, const rc_story_row *r)
{
    stories_ctx *x = ud;
    x->n++;
    rc_buf_clear(&x->b);
    if (x->json) {
        rc_buf_puts(&x->b, "{\"id\":");
        rc_json_str(&x->b, rc_str_c(r->id));
        rc_buf_puts(&x->b, ",\"title\":");
        rc_json_str_or_null(&x->b, rc_str_c(r->title));
        rc_buf_printf(&x->b, ",\"n_docs\":%ld,\"n_copies\":%ld,\"first_published\":",
                      r->n_docs, r->n_copies);
        rc_json_str_or_null(&x->b, rc_str_c(r->first_published));
        rc_buf_puts(&x->b, ",\"last_published\":");
        rc_json_str_or_null(&x->b, rc_str_c(r->last_published));
        rc_buf_puts(&x->b, ",\"langs\":[");
        for (const char *p = r->langs ? r->langs : ""; *p;) {
            size_t n = strcspn(p, ",");
            if (p != r->langs)
                rc_buf_putc(&x->b, ',');
            rc_json_str(&x->b, (rc_str){p, n});
            p += n + (p[n] == ',');
        }
        rc_buf_puts(&x->b, "]}\n");
    } else {
        /* s3  10 docs  2025-04-14..2025-04-16  en,fr  title */
        rc_buf_printf(&x->b, "%-5s %4ld doc%s  %.10s..%.10s  %-5s  %s\n", r->id, r->n_docs,
                      r->n_docs == 1 ? " " : "s",
                      r->first_published ? r->first_published : "undated",
                      r->last_published ? r->last_published : "undated",
                      r->langs ? r->langs : "-", r->title ? r->title : "(untitled)");
    }
    if (x->b.err)
        return x->b.err;
    return fwrite(x->b.ptr, 1, x->b.len, stdout) == x->b.len ? 0 : RC_EIO;
}

static int cmd_stories(const char *db, int argc, char **argv)
{
    stories_ctx x = {0};
    int order = RC_STORIES_NEWEST, limit = 0;
    for (int i = 0; i < argc; i++) {
        const char *v;
        if (is_help(argv[i])) {
            fputs(usage_stories, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            x.json = 1;
        } else if (opt_value(argc, argv, &i, "--order", &v, usage_stories)) {
            if (strcmp(v, "newest") == 0)
                order = RC_STORIES_NEWEST;
            else if (strcmp(v, "largest") == 0)
                order = RC_STORIES_LARGEST;
            else
                die_usage(usage_stories, "unknown order '%s' (newest or largest)", v);
        } else if (opt_value(argc, argv, &i, "--limit", &v, usage_stories)) {
            limit = atoi(v);
            if (limit <= 0)
                die_usage(usage_stories, "bad --limit '%s'", v);
        } else {
            die_usage(usage_stories, "unexpected argument '%s'", argv[i]);
        }
    }
    rc_store *s = open_store(db_path(db));
    rc_buf_init(&x.b, 0);
    int rc = rc_store_stories(s, order, limit, print_story_row, &x);
    if (rc == RC_EIO)
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
    else if (rc)
        fprintf(stderr, "%s: stories: %s\n", progname, rc_store_errmsg(s));
    else if (x.n == 0)
        fprintf(stderr, "%s: no story in %s\n", progname, db_path(db));
    return end_store_command(s, &x.b, rc);   /* order and limit were checked above */
}

/* ---------------------------------------------------------------- story */

static const char *jstr(json_t *o, const char *key, const char *dflt)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : dflt;
}

/* The quotes of a story grouped by speaker: by entity when the quote has
 * one (so the spellings of one person are one group), else by the name as
 * written; groups in order of their first quote. */
static void story_quotes_text(json_t *quotes, FILE *out)
{
    size_t n = json_array_size(quotes);
    char *done = calloc(n ? n : 1, 1);
    if (!done) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        json_t *qi = json_array_get(quotes, i);
        const char *ent = jstr(qi, "entity", NULL), *sp = jstr(qi, "speaker", NULL);
        fprintf(out, "  %s\n", sp ? sp : "(unknown speaker)");
        for (size_t k = i; k < n; k++) {
            json_t *q = json_array_get(quotes, k);
            const char *ek = jstr(q, "entity", NULL), *sk = jstr(q, "speaker", NULL);
            int same = ent ? ek && strcmp(ek, ent) == 0
                           : !ek && (sp ? sk && strcmp(sk, sp) == 0 : !sk);
            if (done[k] || !same)
                continue;
            done[k] = 1;
            int direct = json_is_true(json_object_get(q, "direct"));
            fprintf(out, "    %s%s%s (%s%s%s, %.10s)\n", direct ? "\xc2\xab" : "",
                    jstr(q, "text", ""), direct ? "\xc2\xbb" : "", jstr(q, "doc", ""),
                    sk && sp && strcmp(sk, sp) ? ", as " : "",
                    sk && sp && strcmp(sk, sp) ? sk : "", jstr(q, "published", "undated"));
        }
    }
    free(done);
}

/* A claim group's rank in the text view: most independent sources first,
 * then the store's order. */
typedef struct claim_rank {
    long long independent;
    size_t i;
} claim_rank;

static int cmp_claim_rank(const void *a, const void *b)
{
    const claim_rank *x = a, *y = b;
    if (x->independent != y->independent)
        return x->independent > y->independent ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* The outlet (site) of document id among the story's docs, NULL if none. */
static const char *doc_site(json_t *docs, const char *id)
{
    for (size_t i = 0; i < json_array_size(docs); i++) {
        json_t *d = json_array_get(docs, i);
        if (strcmp(jstr(d, "id", ""), id) == 0)
            return jstr(d, "site", NULL);
    }
    return NULL;
}

/* The claim groups of a story, most independent sources first: the text,
 * the counts, who said it first, then one line per source. */
static void story_claims_text(json_t *claims, json_t *docs, FILE *out)
{
    size_t n = json_array_size(claims);
    claim_rank *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return;
    }
    for (size_t i = 0; i < n; i++)
        r[i] = (claim_rank){
            json_integer_value(json_object_get(json_array_get(claims, i),
                                               "independent_sources")), i};
    qsort(r, n, sizeof *r, cmp_claim_rank);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(claims, r[i].i), *src = json_object_get(c, "sources");
        json_t *first = json_object_get(c, "first");
        size_t ns = json_array_size(src);
        const char *fdoc = jstr(first, "doc", ""), *site = doc_site(docs, fdoc);
        fprintf(out, "  %s\n", jstr(c, "text", ""));
        fprintf(out, "      %zu source%s, %lld independent; first: %s%s%s%s, %.10s%s\n", ns,
                ns == 1 ? "" : "s", r[i].independent, site ? site : "", site ? " (" : "",
                fdoc, site ? ")" : "", jstr(first, "published", "undated"),
                json_is_true(json_object_get(c, "contradiction")) ? "  CONTRADICTED" : "");
        for (size_t k = 0; k < ns; k++) {
            json_t *x = json_array_get(src, k);
            const char *cited = jstr(x, "cited", NULL);
            fprintf(out, "        %-11s %s%s%s  %s\n", jstr(x, "status", "?"),
                    jstr(x, "source", "(the article)"), cited ? ", citing " : "",
                    cited ? cited : "", jstr(x, "doc", ""));
        }
    }
    free(r);
}

/* Render the store's JSON view of a story for a person. */
static void story_text(const char *js, FILE *out)
{
    json_error_t e;
    json_t *o = json_loads(js, 0, &e);
    if (!o) {
        fputs(js, out);
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s  %s\n", jstr(o, "id", ""), jstr(o, "title", "(untitled)"));
    if (json_is_string(json_object_get(o, "merged_from")))
        fprintf(out, "    (%s was merged into %s)\n", jstr(o, "merged_from", ""),
                jstr(o, "id", ""));
    json_t *langs = json_object_get(o, "langs");
    fprintf(out, "    %.10s..%.10s, %lld documents, %lld copies, languages:",
            jstr(o, "first_published", "undated"), jstr(o, "last_published", "undated"),
            (long long)json_integer_value(json_object_get(o, "n_docs")),
            (long long)json_integer_value(json_object_get(o, "n_copies")));
    for (size_t i = 0; i < json_array_size(langs); i++)
        fprintf(out, " %s", json_string_value(json_array_get(langs, i)));
    fputs(json_array_size(langs) ? "\n" : " none\n", out);

    json_t *docs = json_object_get(o, "docs");
    fputs("\ndocuments:\n", out);
    for (size_t i = 0; i < json_array_size(docs); i++) {
        json_t *d = json_array_get(docs, i);
        fprintf(out, "  %-10.10s  %-3s  %s  %s\n", jstr(d, "published", "undated"),
                jstr(d, "lang", "?"), jstr(d, "site", "(no site)"), jstr(d, "id", ""));
        fprintf(out, "  %-10s       %s\n", "", jstr(d, "title", "(untitled)"));
        if (json_is_string(json_object_get(d, "copy_of")))
            fprintf(out, "  %-10s       copy of %s (%s)\n", "", jstr(d, "copy_of", ""),
                    jstr(d, "copy_kind", "copy"));
    }

    json_t *tl = json_object_get(o, "timeline");
    fputs("\ntimeline:\n", out);
    if (!json_array_size(tl))
        fputs("  (no dated event)\n", out);
    for (size_t i = 0; i < json_array_size(tl); i++) {
        json_t *ev = json_array_get(tl, i), *src = json_object_get(ev, "sources");
        size_t ns = json_array_size(src);
        fprintf(out, "  %-10s  %s\n", jstr(ev, "date", ""), jstr(ev, "text", ""));
        fprintf(out, "  %-10s  %zu source%s, %lld independent:", "", ns, ns == 1 ? "" : "s",
                (long long)json_integer_value(json_object_get(ev, "independent_sources")));
        for (size_t k = 0; k < ns; k++)
            fprintf(out, "%s%s", k ? ", " : " ", json_string_value(json_array_get(src, k)));
        fputc('\n', out);
    }

    json_t *claims = json_object_get(o, "claims");
    fputs("\nclaims:\n", out);
    if (!json_array_size(claims))
        fputs("  (no claim)\n", out);
    story_claims_text(claims, docs, out);

    json_t *quotes = json_object_get(o, "quotes");
    fputs("\nquotes:\n", out);
    if (!json_array_size(quotes))
        fputs("  (no quote)\n", out);
    story_quotes_text(quotes, out);
    json_decref(o);
}

static int cmd_story(const char *db, int argc, char **argv)
{
    int json = 0;
    const char *id = NULL;
    for (int i = 0; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(usage_story, stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (!id && argv[i][0] != '-') {
            id = argv[i];
        } else {
            die_usage(usage_story, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!id)
        die_usage(usage_story, "%s", "no story id given");
    rc_store *s = open_store(db_path(db));
    rc_buf b;
    rc_buf_init(&b, 0);
    int rc = rc_store_story_json(s, id, &b);
    if (rc)
        fprintf(stderr, "%s: story: %s\n", progname, rc_store_errmsg(s));
    else if (json)
        puts(b.ptr);
    else
        story_text(b.ptr, stdout);
    return end_store_command(s, &b, rc);
}

/* ---------------------------------------------------------------- stance */

static int cmd_stance(int argc, char **argv)
{
    const char *file = NULL;
    int explain = 0, only_files = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && is_help(a)) {
            fputs(usage_stance, stdout);
            return 0;
        } else if (!only_files && strcmp(a, "--explain") == 0) {
            explain = 1;
        } else if (!only_files && strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (!only_files && a[0] == '-' && a[1]) {
            die_usage(usage_stance, "unknown option '%s'", a);
        } else if (file) {
            die_usage(usage_stance, "unexpected argument '%s' (one input file)", a);
        } else {
            file = a;
        }
    }
    int use_stdin = !file || strcmp(file, "-") == 0;
    const char *name = use_stdin ? "-" : file;
    FILE *in = use_stdin ? stdin : fopen(file, "rb");
    if (!in) {
        fprintf(stderr, "%s: %s: %s\n", progname, file, strerror(errno));
        return EXIT_USAGE;
    }
    rc_stance *st = rc_stance_new(NULL);
    if (!st) {
        fprintf(stderr, "%s: out of memory\n", progname);
        if (!use_stdin)
            fclose(in);
        return EXIT_USAGE;
    }
    rc_buf out;
    rc_buf_init(&out, 0);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int nerr = 0, fatal = 0;
    while (!fatal && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)n, k = 0;
        while (k < len && strchr(" \t\r\n", line[k]))
            k++;
        if (k == len)
            continue;
        rc_buf_clear(&out);
        if (rc_stance_jsonl(st, (rc_str){line, len}, explain, &out)) {
            nerr++;
            fprintf(stderr, "%s: %s:%ld: %s\n", progname, name, lineno, rc_stance_errmsg(st));
        }
        if (out.len && !out.err) {
            rc_buf_putc(&out, '\n');
            if (fwrite(out.ptr, 1, out.len, stdout) != out.len) {
                fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
                fatal = 1;
            }
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "%s: %s: %s\n", progname, name, strerror(errno));
        fatal = 1;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        fatal = 1;
    }
    free(line);
    rc_buf_free(&out);
    rc_stance_free(st);
    if (!use_stdin)
        fclose(in);
    return fatal ? EXIT_USAGE : nerr ? EXIT_INPUT : 0;
}

/* ---------------------------------------------------------------- check */

/* A stored claim speaks to the checked one when it holds at least this
 * share of its terms (rc_stance_result.relevance). */
#define CHECK_CLAIM_MIN 0.5

typedef struct check_art {
    char *id, *title, *site, *published, *original;
    int stance;                         /* rc_stance_label, never unrelated */
    char *claim_text, *claim_status, *claim_source;   /* the closest stored claim */
    double claim_rel;
} check_art;

typedef struct check_ctx {
    rc_stance *st;
    rc_str claim, lang;                 /* lang: --lang, else empty */
    check_art *a;
    size_t n, cap;
    int nerr;                           /* articles that could not be decided */
    check_art *cur;                     /* the article whose claims are read */
} check_ctx;

/* A copy of s (NULL for NULL); *oom is set when memory runs out. */
static char *check_dup(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

static void check_art_free(check_art *a)
{
    free(a->id); free(a->title); free(a->site); free(a->published); free(a->original);
    free(a->claim_text); free(a->claim_status); free(a->claim_source);
}

static int check_doc(void *ud, const rc_claim_doc_row *r)
{
    check_ctx *x = ud;
    rc_stance_result res;
    rc_str lang = x->lang.len ? x->lang : rc_str_c(r->lang);
    int rc = rc_stance_decide(x->st, x->claim, (rc_str){r->text, r->text_len}, lang, &res);
    if (rc == RC_ETOOBIG) {             /* this article only */
        fprintf(stderr, "%s: %s: %s\n", progname, r->id, rc_stance_errmsg(x->st));
        x->nerr++;
        return 0;
    }
    if (rc)
        return rc;
    if (res.label == RC_STANCE_UNRELATED)
        return 0;
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 16;
        check_art *a = realloc(x->a, cap * sizeof *a);
        if (!a)
            return RC_ENOMEM;
        x->a = a;
        x->cap = cap;
    }
    int oom = 0;
    check_art *a = &x->a[x->n++];
    *a = (check_art){
        .id = check_dup(r->id, &oom), .title = check_dup(r->title, &oom),
        .site = check_dup(r->site, &oom), .published = check_dup(r->published, &oom),
        .original = check_dup(r->original, &oom), .stance = res.label,
    };
    return oom ? RC_ENOMEM : 0;
}

/* Keep the stored claim of x->cur that holds most of the checked claim. */
static int check_doc_claim(void *ud, const rc_doc_claim_row *c)
{
    check_ctx *x = ud;
    check_art *a = x->cur;
    rc_stance_result res;
    int rc = rc_stance_decide(x->st, x->claim, rc_str_c(c->text), x->lang, &res);
    if (rc == RC_ETOOBIG)
        return 0;
    if (rc)
        return rc;
    if (res.relevance < CHECK_CLAIM_MIN || res.relevance <= a->claim_rel)
        return 0;
    free(a->claim_text); free(a->claim_status); free(a->claim_source);
    int oom = 0;
    a->claim_text = check_dup(c->text, &oom);
    a->claim_status = check_dup(c->status, &oom);
    a->claim_source = check_dup(c->source, &oom);
    a->claim_rel = res.relevance;
    return oom ? RC_ENOMEM : 0;
}

/* Articles of stance label (any: -1) and how many distinct originals they have. */
static void check_count(const check_ctx *x, int label, long *n, long *indep)
{
    *n = *indep = 0;
    for (size_t i = 0; i < x->n; i++) {
        if (label >= 0 && x->a[i].stance != label)
            continue;
        ++*n;
        size_t j = 0;
        while (j < i && !((label < 0 || x->a[j].stance == label) &&
                          strcmp(x->a[j].original, x->a[i].original) == 0))
            j++;
        *indep += j == i;
    }
}

static const int check_labels[] = {RC_STANCE_FOR, RC_STANCE_AGAINST, RC_STANCE_OBSERVING};

static void check_json(const check_ctx *x, rc_buf *b)
{
    long n, k;
    rc_buf_puts(b, "{\"claim\":");
    rc_json_str(b, x->claim);
    check_count(x, -1, &n, &k);
    rc_buf_printf(b, ",\"totals\":{\"articles\":%ld,\"independent\":%ld", n, k);
    for (size_t l = 0; l < 3; l++) {
        check_count(x, check_labels[l], &n, &k);
        const char *name = rc_stance_label_name(check_labels[l]);
        rc_buf_printf(b, ",\"%s\":%ld,\"independent_%s\":%ld", name, n, name, k);
    }
    rc_buf_puts(b, "},\"articles\":[");
    for (size_t i = 0; i < x->n; i++) {
        const check_art *a = &x->a[i];
        rc_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
        rc_json_str(b, rc_str_c(a->id));
        rc_buf_puts(b, ",\"title\":");
        rc_json_str_or_null(b, rc_str_c(a->title));
        rc_buf_puts(b, ",\"site\":");
        rc_json_str_or_null(b, rc_str_c(a->site));
        rc_buf_puts(b, ",\"published\":");
        rc_json_str_or_null(b, rc_str_c(a->published));
        rc_buf_printf(b, ",\"stance\":\"%s\",\"original\":", rc_stance_label_name(a->stance));
        rc_json_str(b, rc_str_c(a->original));
        rc_buf_puts(b, ",\"claim_text\":");
        rc_json_str_or_null(b, rc_str_c(a->claim_text));
        rc_buf_puts(b, ",\"claim_status\":");
        rc_json_str_or_null(b, rc_str_c(a->claim_status));
        rc_buf_puts(b, ",\"claim_source\":");
        rc_json_str_or_null(b, rc_str_c(a->claim_source));
        rc_buf_putc(b, '}');
    }
    rc_buf_puts(b, "]}\n");
}

static void check_text(const check_ctx *x, FILE *out)
{
    for (size_t l = 0; l < 3; l++) {
        long n, k;
        check_count(x, check_labels[l], &n, &k);
        fprintf(out, "%s%s %ld (%ld independent)", l ? ", " : "",
                rc_stance_label_name(check_labels[l]), n, k);
    }
    fputc('\n', out);
    for (size_t i = 0; i < x->n; i++) {
        const check_art *a = &x->a[i];
        fprintf(out, "%-9s  %.10s  %s  %s  (%s)", rc_stance_label_name(a->stance),
                a->published && *a->published ? a->published : "?         ",
                a->site && *a->site ? a->site : "?",
                a->title && *a->title ? a->title : "(untitled)", a->id);
        if (strcmp(a->original, a->id) != 0)
            fprintf(out, " copy of %s", a->original);
        if (a->claim_status)
            fprintf(out, " -- claim %s%s%s", a->claim_status,
                    a->claim_source ? ", source: " : "", a->claim_source ? a->claim_source : "");
        fputc('\n', out);
    }
}

static int cmd_check(const char *db, int argc, char **argv)
{
    int limit = 50, json = 0;
    const char *lang = NULL;
    rc_buf q;
    rc_buf_init(&q, 1 << 16);
    for (int i = 0; i < argc; i++) {
        const char *v;
        if (is_help(argv[i])) {
            fputs(usage_check, stdout);
            rc_buf_free(&q);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (opt_value(argc, argv, &i, "--limit", &v, usage_check)) {
            limit = atoi(v);
            if (limit <= 0)
                die_usage(usage_check, "bad --limit '%s'", v);
        } else if (opt_value(argc, argv, &i, "--lang", &v, usage_check)) {
            if (strcmp(v, "fr") != 0 && strcmp(v, "en") != 0)
                die_usage(usage_check, "bad --lang '%s' (fr or en)", v);
            lang = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            die_usage(usage_check, "unknown option '%s'", argv[i]);
        } else {
            if (q.len)
                rc_buf_putc(&q, ' ');
            rc_buf_puts(&q, argv[i]);
        }
    }
    if (q.err)
        die_usage(usage_check, "%s", "claim too long");
    if (!q.len || !q.ptr[strspn(q.ptr, " \t\r\n")])
        die_usage(usage_check, "%s", "no claim given");
    check_ctx x = {.claim = rc_buf_str(&q), .lang = rc_str_c(lang)};
    x.st = rc_stance_new(NULL);
    if (!x.st) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc_buf_free(&q);
        return EXIT_USAGE;
    }
    rc_store *s = open_store(db_path(db));
    int rc = rc_store_claim_docs(s, q.ptr, limit, check_doc, &x);
    const char *why = rc == RC_ENOMEM ? rc_strerror(rc) : rc_store_errmsg(s);
    for (size_t i = 0; !rc && i < x.n; i++) {
        x.cur = &x.a[i];
        rc = rc_store_doc_claims(s, x.a[i].id, check_doc_claim, &x);
        why = rc == RC_ENOMEM ? rc_strerror(rc) : rc_store_errmsg(s);
    }
    int status = 0;
    if (rc == RC_EEMPTY) {
        fprintf(stderr, "%s: %s\n\n%s", progname, why, usage_check);
        status = EXIT_USAGE;
    } else if (rc) {
        fprintf(stderr, "%s: %s\n", progname, why);
        status = EXIT_USAGE;
    } else {
        rc_buf b;
        rc_buf_init(&b, 0);
        if (json) {
            check_json(&x, &b);
            if (b.err)
                fprintf(stderr, "%s: check: %s\n", progname, rc_strerror(b.err));
            else
                fwrite(b.ptr, 1, b.len, stdout);
        } else {
            check_text(&x, stdout);
            if (x.n == 0)
                fprintf(stderr, "%s: no stored article speaks to '%s'\n", progname, q.ptr);
        }
        status = b.err ? EXIT_USAGE : x.nerr ? EXIT_INPUT : 0;
        rc_buf_free(&b);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
            status = EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < x.n; i++)
        check_art_free(&x.a[i]);
    free(x.a);
    rc_store_close(s);
    rc_stance_free(x.st);
    rc_buf_free(&q);
    return status;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    const char *db = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v;
        if (is_help(argv[i])) {
            fputs(usage_main, stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("recoupe %s\n", RC_VERSION);
            return 0;
        } else if (opt_value(argc, argv, &i, "--db", &v, usage_main)) {
            db = v;
        } else {
            die_usage(usage_main, "unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[i++];
    /* --db is also accepted after the command (`recoupe ingest --db X`). */
    int n = 0;
    char **rest = argv + i;
    int nrest = argc - i;
    for (int k = 0; k < nrest; k++) {
        const char *v;
        if (opt_value(nrest, rest, &k, "--db", &v, usage_main))
            db = v;
        else
            rest[n++] = rest[k];
    }
    nrest = n;
    if (strcmp(cmd, "extract") == 0) return cmd_extract(nrest, rest);
    if (strcmp(cmd, "ingest") == 0) return cmd_ingest(db, nrest, rest);
    if (strcmp(cmd, "export") == 0) return cmd_export(db, nrest, rest);
    if (strcmp(cmd, "search") == 0) return cmd_search(db, nrest, rest);
    if (strcmp(cmd, "show") == 0) return cmd_show(db, nrest, rest);
    if (strcmp(cmd, "quotes") == 0) return cmd_quotes(db, nrest, rest);
    if (strcmp(cmd, "timeline") == 0) return cmd_timeline(db, nrest, rest);
    if (strcmp(cmd, "stories") == 0) return cmd_stories(db, nrest, rest);
    if (strcmp(cmd, "story") == 0) return cmd_story(db, nrest, rest);
    if (strcmp(cmd, "stance") == 0) return cmd_stance(nrest, rest);
    if (strcmp(cmd, "check") == 0) return cmd_check(db, nrest, rest);
    if (strcmp(cmd, "help") == 0) {
        if (nrest > 0) {
            const char *h = strcmp(rest[0], "extract") == 0 ? usage_extract
                          : strcmp(rest[0], "ingest") == 0 ? usage_ingest
                          : strcmp(rest[0], "export") == 0 ? usage_export
                          : strcmp(rest[0], "search") == 0 ? usage_search
                          : strcmp(rest[0], "show") == 0 ? usage_show
                          : strcmp(rest[0], "quotes") == 0 ? usage_quotes
                          : strcmp(rest[0], "timeline") == 0 ? usage_timeline
                          : strcmp(rest[0], "stories") == 0 ? usage_stories
                          : strcmp(rest[0], "story") == 0 ? usage_story
                          : strcmp(rest[0], "stance") == 0 ? usage_stance
                          : strcmp(rest[0], "check") == 0 ? usage_check : usage_main;
            fputs(h, stdout);
        } else {
            fputs(usage_main, stdout);
        }
        return 0;
    }
    die_usage(usage_main, "unknown command '%s'", cmd);
    return EXIT_USAGE;
}
