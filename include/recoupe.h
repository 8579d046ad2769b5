/*
 * recoupe.h -- the one public header of librecoupe.
 *
 * recoupe cross-checks news: it reads articles (HTML, scraped text, JSONL),
 * extracts their main text and metadata, normalises and segments them, and
 * keeps them in an embedded store (SQLite) from which story dossiers are built.
 *
 * Conventions (every function below follows them):
 *   - Public names start with rc_ (functions, types) or RC_ (macros, enums).
 *   - Functions that can fail return an int: 0 (RC_OK) or a negative code from
 *     the single error table (rc_strerror() gives its message).  Long-lived
 *     objects keep the first error they met ("sticky", as in SQLite): once an
 *     object is in error, later calls return that error until it is cleared.
 *   - Strings are views (rc_str: pointer + length, not NUL-terminated unless
 *     said) or owning capped buffers (rc_buf).  Each function says who owns
 *     what it returns.
 *   - Long-lived objects are made with rc_X_new/rc_X_open and released with
 *     rc_X_free/rc_X_close.  Per-document results live in an arena that the
 *     owning object resets for the next document.
 */
#ifndef RECOUPE_H
#define RECOUPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RC_VERSION "0.1.0"

/* ------------------------------------------------------------------ errors */

/* The one error table.  X(name, value, message). */
#define RC_ERRORS(X)                                                        \
    X(RC_OK,          0,  "success")                                        \
    X(RC_ENOMEM,     -1,  "out of memory")                                  \
    X(RC_EIO,        -2,  "input/output error")                             \
    X(RC_EINVAL,     -3,  "invalid argument")                               \
    X(RC_ETOOBIG,    -4,  "input too large")                                \
    X(RC_EPARSE,     -5,  "malformed input")                                \
    X(RC_EEMPTY,     -6,  "empty input")                                    \
    X(RC_EBINARY,    -7,  "binary content, not text")                       \
    X(RC_ENOENT,     -8,  "no such file or directory")                      \
    X(RC_EDB,        -9,  "database error")                                 \
    X(RC_ESCHEMA,   -10,  "database schema is newer than this program")     \
    X(RC_ENOTFOUND, -11,  "not found")                                      \
    X(RC_ENOTSUP,   -12,  "not implemented yet")                            \
    X(RC_ECHARSET,  -13,  "unknown or unusable character encoding")         \
    X(RC_EFULL,     -14,  "capacity exceeded")                              \
    X(RC_EDEPTH,    -15,  "nesting too deep")

#define RC_ERROR_ENUM_(name, value, msg) name = value,
typedef enum rc_error { RC_ERRORS(RC_ERROR_ENUM_) } rc_error;
#undef RC_ERROR_ENUM_

/* Message for a code from the table; a static string (never NULL). */
const char *rc_strerror(int code);
/* Symbolic name ("RC_ENOMEM") for a code; a static string (never NULL). */
const char *rc_errname(int code);

/* ------------------------------------------------------------------ strings */

/* A view: ptr points into memory owned by someone else; not NUL-terminated
 * unless the producer says so.  {NULL, 0} is "absent". */
typedef struct rc_str {
    const char *ptr;
    size_t len;
} rc_str;

#define RC_STR_NULL ((rc_str){NULL, 0})
#define RC_STR_LIT(s) ((rc_str){(s), sizeof(s) - 1})

rc_str rc_str_c(const char *cstr);            /* view of a C string (NULL ok) */
int rc_str_eq(rc_str a, rc_str b);             /* byte equality */
int rc_str_eq_c(rc_str a, const char *b);
static inline int rc_str_empty(rc_str s) { return s.ptr == NULL || s.len == 0; }

/* An owning, growable, capped buffer.  Always NUL-terminated after a
 * successful append (ptr[len] == 0).  Appending past `max` (0 = the default
 * cap, RC_BUF_DEFAULT_MAX) fails with RC_ETOOBIG; an allocation failure with
 * RC_ENOMEM.  The first error sticks in `err` and later appends are no-ops,
 * so a caller may append many pieces and check once. */
typedef struct rc_buf {
    char *ptr;
    size_t len;
    size_t cap;
    size_t max;
    int err;
} rc_buf;

#define RC_BUF_DEFAULT_MAX ((size_t)1 << 31)

void rc_buf_init(rc_buf *b, size_t max);
void rc_buf_free(rc_buf *b);                   /* releases memory; b is reusable */
void rc_buf_clear(rc_buf *b);                  /* len = 0, keeps memory, clears err */
int rc_buf_reserve(rc_buf *b, size_t extra);
int rc_buf_append(rc_buf *b, const void *p, size_t n);
int rc_buf_puts(rc_buf *b, const char *s);
int rc_buf_putc(rc_buf *b, char c);
int rc_buf_printf(rc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline rc_str rc_buf_str(const rc_buf *b) { return (rc_str){b->ptr, b->len}; }

/* Append s as a JSON string literal, quotes included.  Invalid UTF-8 bytes
 * become U+FFFD, so the output is always valid JSON; U+2028/U+2029 are
 * escaped too (safe inside <script>).  rc_json_str_or_null writes `null` for
 * an empty or absent s. */
int rc_json_str(rc_buf *b, rc_str s);
int rc_json_str_or_null(rc_buf *b, rc_str s);

/* ------------------------------------------------------------------ arena */

/* A bump allocator for per-document work: many small allocations, one
 * rc_arena_reset() when the document is done.  Memory returned by the
 * rc_arena_* functions is owned by the arena and valid until reset/free. */
typedef struct rc_arena rc_arena;

rc_arena *rc_arena_new(size_t block_size);     /* 0 = default block size */
void rc_arena_free(rc_arena *a);
void rc_arena_reset(rc_arena *a);              /* keeps the first block */
void *rc_arena_alloc(rc_arena *a, size_t n);   /* 16-byte aligned; NULL on OOM */
void *rc_arena_calloc(rc_arena *a, size_t count, size_t size);
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n); /* NUL-terminated */
rc_str rc_arena_str(rc_arena *a, rc_str s);    /* copy of s, NUL-terminated */
size_t rc_arena_used(const rc_arena *a);       /* bytes handed out since reset */

/* ------------------------------------------------------------------ languages */

typedef enum rc_lang {
    RC_LANG_UND = 0,   /* undetermined: too little text */
    RC_LANG_FR,
    RC_LANG_EN,
    RC_LANG_DE,
    RC_LANG_ES,
    RC_LANG_IT,
    RC_LANG_PT,
    RC_LANG_NL,
    RC_LANG_OTHER,     /* text, but none of the languages above */
    RC_LANG_COUNT_
} rc_lang;

/* ISO 639-1 code ("fr"), "und" or "other"; static string. */
const char *rc_lang_code(rc_lang l);
/* Code -> enum; accepts "fr", "FR", "fr-FR", "fr_CA", "french"... RC_LANG_UND if unknown. */
rc_lang rc_lang_from_code(rc_str code);

/* Identify the language of UTF-8 text.  If confidence is not NULL it gets a
 * value in [0,1].  Pure function, thread-safe. */
rc_lang rc_langid(const char *text, size_t len, double *confidence);

/* ------------------------------------------------------------------ documents */

/* A byte span [start, end) into a document's text. */
typedef struct rc_span {
    uint32_t start;
    uint32_t end;
} rc_span;

typedef enum rc_tok_kind {
    RC_TOK_WORD = 1,   /* letters (with inner apostrophes/hyphens) */
    RC_TOK_NUM,        /* digits, with inner separators: 1,5  3.14  12h30  2022-11-14 */
    RC_TOK_PUNCT,      /* one punctuation or symbol character */
} rc_tok_kind;

typedef struct rc_token {
    uint32_t start;
    uint32_t end;
    uint8_t kind;      /* rc_tok_kind */
} rc_token;

/* A temporal expression (TIMEX3). */
typedef enum rc_timex_type {
    RC_TIMEX_DATE = 1,
    RC_TIMEX_TIME,
    RC_TIMEX_DURATION,
    RC_TIMEX_SET,
} rc_timex_type;

typedef struct rc_timex {
    uint32_t start, end;   /* byte span in the document's text */
    uint8_t type;          /* rc_timex_type */
    rc_str value;          /* TIMEX3 value: "2022-11-14", "2022-W46", "P3D", "PRESENT_REF", "XXXX-07-15" */
    rc_str how;            /* how the value was resolved: "absolute", "published", "tense-past", ... */
} rc_timex;

/* A mention of a named entity. */
typedef enum rc_ent_type {
    RC_ENT_PER = 1,
    RC_ENT_ORG,
    RC_ENT_LOC,
    RC_ENT_MISC,
} rc_ent_type;

typedef struct rc_mention {
    uint32_t start, end;   /* byte span in the document's text */
    uint8_t type;          /* rc_ent_type */
    rc_str name;           /* canonical name of the entity within the document */
    rc_str key;            /* cross-document merge key (folded, transliteration-aware) */
    rc_str role;           /* title or function attached ("porte-parole du Kremlin"), may be empty */
} rc_mention;

/* A quotation, direct (between quote marks) or indirect (reported speech). */
typedef struct rc_quote {
    uint32_t start, end;           /* the quoted words (without the marks) */
    uint8_t direct;                /* 1: between quote marks */
    rc_str speaker;                /* resolved speaker name, may be empty */
    int32_t speaker_start, speaker_end;  /* span of the speaker's mention, -1 if none */
    int32_t cue_start, cue_end;    /* span of the reporting verb/cue, -1 if none */
} rc_quote;

/* Status of a claim in one article. */
typedef enum rc_claim_status {
    RC_CLAIM_ASSERTED = 1,
    RC_CLAIM_ALLEGED,
    RC_CLAIM_CONFIRMED,
    RC_CLAIM_DENIED,
    RC_CLAIM_NOT_DENIED,
    RC_CLAIM_NO_COMMENT,
    RC_CLAIM_UNVERIFIED,
} rc_claim_status;

/* A claim: an attributed or reported proposition with its status. */
typedef struct rc_claim {
    uint32_t start, end;           /* the proposition's span */
    uint8_t status;                /* rc_claim_status */
    rc_str source;                 /* who makes/reports/denies it, may be empty */
    int32_t cue_start, cue_end;    /* the words that decided the status, -1 if none */
    rc_str cited;                  /* whom the source cites, where the text says it
                                      ("a source" in "Kommersant, citing a source"), may be empty */
} rc_claim;

/* "asserted", "alleged", ... (static), or "?" */
const char *rc_claim_status_name(int status);

/* "PER", "ORG", "LOC", "MISC" (static), or "?" */
const char *rc_ent_type_name(int type);
/* "DATE", "TIME", "DURATION", "SET" (static), or "?" */
const char *rc_timex_type_name(int type);

typedef enum rc_format {
    RC_FMT_AUTO = 0,   /* from the file name and content */
    RC_FMT_HTML,
    RC_FMT_TEXT,
} rc_format;

/* What a reader hands to the pipeline: one document's bytes and what is
 * already known about it.  Every view is borrowed from the caller for the
 * duration of rc_pipeline_run(). */
typedef struct rc_input {
    rc_str id;          /* JSONL id, else the file path as given */
    rc_str path;        /* file the bytes come from (for messages); may be empty */
    rc_str url, title, site, published, lang;   /* given by the input; may be empty */
    rc_str body;        /* the bytes (HTML or text) */
    rc_format format;
    int body_is_unicode; /* 1: body is already decoded UTF-8 text (JSON "html"/"text");
                            a <meta charset> inside it is ignored */
    int raw;             /* 1: text is already clean; keep it byte-identical */
    rc_str charset;      /* the bytes' encoding as declared outside them (the
                            charset of an HTTP Content-Type in a WARC record),
                            or empty; a BOM still wins, then this, then <meta> */
} rc_input;

/* One processed document.  Owned by the rc_pipeline that produced it; every
 * pointer is valid until the next rc_pipeline_run() or rc_pipeline_free(). */
typedef struct rc_doc {
    rc_str id, path;
    rc_str url;          /* the input's URL, else the page's canonical URL */
    rc_str title, author, site;
    rc_str published;    /* ISO 8601 date or date-time; empty if unknown */
    rc_str published_how;/* where `published` came from: "input", "json-ld", "meta", ... */
    rc_str charset;      /* the encoding the bytes were decoded from ("utf-8", ...) */
    rc_lang lang;
    double lang_confidence;
    rc_format format;    /* what the body was read as */
    rc_str text;         /* main text, NUL-terminated, paragraphs separated by "\n\n" */
    const rc_span *paras;  size_t n_paras;
    const rc_span *sents;  size_t n_sents;
    const rc_token *toks;  size_t n_toks;
    const rc_timex *dates; size_t n_dates;      /* in text order */
    const rc_mention *mentions; size_t n_mentions; /* in text order */
    const rc_quote *quotes; size_t n_quotes;    /* in text order */
    const rc_claim *claims; size_t n_claims;    /* in text order */
    uint64_t text_hash;  /* hash of `text` (exact-copy detection) */
    int replaced_bytes;  /* invalid byte sequences replaced by U+FFFD while decoding */
} rc_doc;

/* ------------------------------------------------------------------ pipeline */

/* Limits and switches for a pipeline.  Zero fields take the defaults. */
typedef struct rc_options {
    size_t max_doc_bytes;   /* larger inputs are rejected with RC_ETOOBIG (default 64 MiB) */
    int no_segment;         /* skip paragraph/sentence/token segmentation */
} rc_options;

#define RC_DEFAULT_MAX_DOC_BYTES ((size_t)64 << 20)

typedef struct rc_pipeline rc_pipeline;

/* opts may be NULL.  Returns NULL only when out of memory. */
rc_pipeline *rc_pipeline_new(const rc_options *opts);
void rc_pipeline_free(rc_pipeline *p);

/* Run one input through every stage: decode, extract (HTML) or clean (text),
 * normalise, identify the language, segment.  On success *out points to a
 * document owned by p (valid until the next run).  On failure returns a
 * negative code and rc_pipeline_errmsg() says why in words. */
int rc_pipeline_run(rc_pipeline *p, const rc_input *in, const rc_doc **out);
const char *rc_pipeline_errmsg(const rc_pipeline *p);

/* Append the contract's extract object for doc (one line of JSON, no newline)
 * to out.  Returns 0 or the buffer's error. */
int rc_doc_to_json(const rc_doc *doc, rc_buf *out);

/* ------------------------------------------------------------------ reading inputs */

/* How a reader reports each document or failure to its caller. */
typedef struct rc_reader_cb {
    /* A document to process; return non-zero to stop reading. */
    int (*doc)(void *ud, const rc_input *in);
    /* A file or line that could not be read: path (and line, 0 if none), code, words. */
    void (*error)(void *ud, const char *path, long line, int code, const char *msg);
    void *ud;
} rc_reader_cb;

/* Read a file, a directory (recursively, in name order) or "-" (standard
 * input, read as JSONL when jsonl is set, else as one document).  Kind by
 * extension: .html/.htm -> HTML, .txt -> text, .jsonl -> one document per line,
 * .warc/.warc.gz -> one document per HTML response (src/warc.c), .rss/.atom
 * and .xml with an rss/feed/RDF root -> one document per item (src/feed.c).
 * Other files in directories are skipped; a named file of another kind is
 * sniffed (WARC, gzip'd WARC, feed, else one document).  Feeds inside a
 * directory are read after everything else in it, and an item whose link is
 * the URL of a page already read in the same call is skipped: the page wins.
 * Returns 0 when everything was read, the first error code
 * otherwise (after reporting each error through cb->error and carrying on). */
typedef struct rc_read_opts {
    rc_format format;        /* force a format for non-JSONL files */
    int raw;                 /* inputs are clean text (keep byte-identical) */
    int jsonl;               /* treat named files and "-" as JSONL */
    rc_str url, published, lang;  /* defaults for every document (command line) */
    size_t max_doc_bytes;    /* 0 = RC_DEFAULT_MAX_DOC_BYTES */
    /* Optional (may be NULL): parts of a container (WARC file, RSS/Atom
     * feed) deliberately not made into documents -- request records, non-HTML
     * or non-200 responses, feed items whose page was read -- told once per
     * container and reason after it was read, with how many (> 0); reason is
     * a static string.  Not errors: rc_read_path() does not count them. */
    void (*skipped)(void *skipped_ud, const char *path, const char *reason, long count);
    void *skipped_ud;
} rc_read_opts;

int rc_read_path(const char *path, const rc_read_opts *opts, const rc_reader_cb *cb);

/* ------------------------------------------------------------------ store */

typedef struct rc_store rc_store;

/* Open (creating if needed) the database at path; runs schema migrations.
 * Returns NULL and sets *err (and *errmsg, a static or store-owned string) on
 * failure.  The store is not thread-safe; use one per thread. */
rc_store *rc_store_open(const char *path, int *err, const char **errmsg);
void rc_store_close(rc_store *s);
/* Last error message (owned by the store, valid until the next call). */
const char *rc_store_errmsg(const rc_store *s);

/* Group many puts in one transaction (much faster); commit at the end. */
int rc_store_begin(rc_store *s);
int rc_store_commit(rc_store *s);
int rc_store_rollback(rc_store *s);

typedef enum rc_put_result {
    RC_PUT_NEW = 1,        /* a new document */
    RC_PUT_UNCHANGED,      /* same id, same content: nothing written */
    RC_PUT_UPDATED,        /* same id, new content: replaced */
} rc_put_result;

/* Store one processed document.  *result says what happened; *copy_of
 * (may be NULL) gets, when the text equals an earlier document's, that
 * document's id (a NUL-terminated string owned by the store, valid until the
 * next call). */
int rc_store_put(rc_store *s, const rc_doc *doc, rc_put_result *result,
                 const char **copy_of);

/* Number of documents. */
int rc_store_count(rc_store *s, long *n);

/* Write the contract's export object (one JSON document) to out. */
int rc_store_export(rc_store *s, FILE *out);

/* Full-text search (FTS5 syntax; plain words are ANDed).  Each hit is given
 * to cb, best first: id, title, snippet (with [ and ] around matches), score.
 * Strings are valid during the callback only. */
typedef int (*rc_search_cb)(void *ud, const char *id, const char *title,
                            const char *snippet, double score);
int rc_store_search(rc_store *s, const char *query, int limit,
                    rc_search_cb cb, void *ud);

/* One document with its metadata and text as a JSON object appended to out;
 * RC_ENOTFOUND if no document has that id. */
int rc_store_show_json(rc_store *s, const char *id, rc_buf *out);

/* A document that may speak to a claim (rc_store_claim_docs).  Strings are
 * NUL-terminated, owned by the store and valid during the callback only; an
 * absent one is NULL (text is never NULL). */
typedef struct rc_claim_doc_row {
    const char *id, *title, *site, *published, *lang;
    const char *text;        /* the stored main text */
    size_t text_len;
    const char *original;    /* the document it copies or translates (through
                                copy_of and its copy group), itself when none */
    double score;            /* search relevance, higher is better */
} rc_claim_doc_row;

typedef int (*rc_claim_doc_cb)(void *ud, const rc_claim_doc_row *r);

/* The documents that share words with claim (`recoupe check`), best first
 * (the search's ranking), at most limit (<= 0: all): each word of claim is
 * a quoted FTS5 phrase (no FTS5 syntax is read in it), the phrases ORed.
 * The callback returns non-zero to stop (a negative value is then returned
 * as the error).  Returns 0, RC_EINVAL (no claim or callback), RC_EEMPTY
 * (claim has no letter or digit) or a store error; rc_store_errmsg() says
 * why. */
int rc_store_claim_docs(rc_store *s, const char *claim, int limit, rc_claim_doc_cb cb, void *ud);

/* One claim found in a stored document (rc_store_doc_claims): its sentence
 * text, status name ("asserted", "denied", ...), source (NULL if none);
 * valid during the callback only. */
typedef struct rc_doc_claim_row {
    const char *text, *status, *source;
} rc_doc_claim_row;

typedef int (*rc_doc_claim_cb)(void *ud, const rc_doc_claim_row *c);

/* The claims of document id, in text order (none for an unknown id).
 * Returns 0, RC_EINVAL (no id or callback), the callback's negative value,
 * or a store error. */
int rc_store_doc_claims(rc_store *s, const char *id, rc_doc_claim_cb cb, void *ud);

/* A stored quotation, as rc_store_quotes hands it to its callback.  Every
 * string is NUL-terminated, owned by the store and valid during the
 * callback only; an absent one is NULL. */
typedef struct rc_quote_row {
    const char *doc;         /* id of the document */
    const char *published;   /* the document's publication date */
    const char *story;       /* the document's story ("s12", as in the export) */
    const char *text;        /* the quoted words */
    int direct;              /* 1: between quote marks; 0: reported speech */
    const char *speaker;     /* the speaker's name as resolved in the document */
    const char *entity;      /* the speaker's entity ("e42", as in the export) */
    const char *cue;         /* the reporting words ("a déclaré", "said") */
} rc_quote_row;

/* Return non-zero to stop (a negative value is then returned as the error). */
typedef int (*rc_quote_cb)(void *ud, const rc_quote_row *q);

/* The stored quotations, earliest published first (then ingestion and text
 * order), at most limit (<= 0: all).  story (NULL: any) is a story id
 * ("s12" or "12").  speaker (NULL: anyone) is a name matched through
 * the entities: titles, functions and initials in front are dropped
 * ("M. Peskov" is "Peskov"); a full name ("Dmitri Peskov") matches the
 * quotes whose speaker has the same name key (names.h: "Dmitry Peskov",
 * "Dmitri Peskow") and every quote of the entities those speakers are; a
 * surname alone ("Peskov", "Peskow") matches every speaker with that surname
 * key and their entities (so two namesakes both).  Returns 0, RC_EINVAL (no
 * callback, a malformed story id, a speaker without letters), RC_ENOTFOUND
 * (no such story) or a store error; rc_store_errmsg() says why. */
int rc_store_quotes(rc_store *s, const char *speaker, const char *story, int limit,
                    rc_quote_cb cb, void *ud);

/* One event of a story's timeline (rc_store_timeline).  Strings as for
 * rc_quote_row: owned by the store, valid during the callback only. */
typedef struct rc_event_row {
    const char *date;        /* "2025-04-08", "2025-W15", "2025-04", "2025-Q2",
                                "2025-SU", "2025" */
    const char *type;        /* its period: "day", "week", "month", "quarter",
                                "season" or "year" */
    const char *text;        /* the sentence that tells it (earliest original) */
    const char *const *sources;   /* ids of the documents that tell it, earliest first */
    size_t n_sources;
    size_t independent_sources;   /* distinct originals among them (copies count
                                     under the document they copy) */
    const char *first_published;  /* earliest publication among them; NULL if unknown */
} rc_event_row;

typedef int (*rc_event_cb)(void *ud, const rc_event_row *e);

/* The timeline of a story ("s12" or "12"): its dated events in calendar
 * order (a period's first day, shorter periods first), at most 200 (the
 * best corroborated; *n_dropped, may be NULL, gets how many were left
 * out).  How events are made: src/timeline.c.  Returns 0, RC_EINVAL (no
 * callback, malformed id), RC_ENOTFOUND (no such story) or a store error. */
int rc_store_timeline(rc_store *s, const char *story, rc_event_cb cb, void *ud,
                      size_t *n_dropped);

/* One story as rc_store_stories hands it to its callback.  Strings are
 * NUL-terminated, owned by the store and valid during the callback only;
 * an absent one is NULL. */
typedef struct rc_story_row {
    const char *id;               /* "s12", as in the export */
    const char *title;            /* the title of its first document */
    const char *first_published;  /* earliest publication of its documents */
    const char *last_published;   /* latest one */
    long n_docs;                  /* its documents (> 0) */
    long n_copies;                /* those that copy another (the export's copy_of) */
    int n_langs;                  /* distinct languages among them (undetermined not counted) */
    const char *langs;            /* their codes, sorted, comma-separated ("en,fr") */
} rc_story_row;

typedef int (*rc_story_cb)(void *ud, const rc_story_row *r);

typedef enum rc_story_order {
    RC_STORIES_NEWEST = 0,        /* last_published, latest first (undated last), then id */
    RC_STORIES_LARGEST,           /* most documents first, then as RC_STORIES_NEWEST */
} rc_story_order;

/* The stories that have documents (the export's stories: a story merged
 * into another is not listed, its documents are the other's), in order
 * (rc_story_order), at most limit (<= 0: all).  The callback returns
 * non-zero to stop (a negative value is then returned as the error).
 * Returns 0, RC_EINVAL (no callback, unknown order) or a store error;
 * rc_store_errmsg() says why. */
int rc_store_stories(rc_store *s, int order, int limit, rc_story_cb cb, void *ud);

/* One story as a JSON object appended to out (no newline):
 *   {"id", "merged_from", "title", "first_published", "last_published",
 *    "langs": [codes], "docs": [{"id", "title", "site", "published", "lang",
 *    "copy_of", "copy_kind"}], "n_docs", "n_copies", "timeline": [events, as
 *    in the export], "quotes": [{"doc", "published", "text", "direct",
 *    "speaker", "entity", "cue"}]}
 * docs earliest published first (undated last), quotes as rc_store_quotes.
 * id is "s12" or "12"; a story merged into another (stories.merged_into)
 * resolves to the story that absorbed it: "id" is that story's and
 * "merged_from" the id asked for (null when it was not merged).  Returns 0,
 * RC_EINVAL (malformed id, no out), RC_ENOTFOUND (no such story), out's
 * error (RC_ETOOBIG, RC_ENOMEM) or a store error; on a store error or a
 * missing story out is left as it was. */
int rc_store_story_json(rc_store *s, const char *id, rc_buf *out);

/* ------------------------------------------------------------------ stance */

/* The stance of a text towards a claim (`recoupe stance`). */
typedef enum rc_stance_label {
    RC_STANCE_UNRELATED = 0,   /* the text does not speak to the claim */
    RC_STANCE_FOR,             /* the text asserts or confirms the claim */
    RC_STANCE_AGAINST,         /* the text denies or refutes it */
    RC_STANCE_OBSERVING,       /* the text reports it without taking sides */
} rc_stance_label;

/* "unrelated", "for", "against", "observing" (static), or "?". */
const char *rc_stance_label_name(int label);

/* A decision and the evidence it was made from (plain numbers, no pointers:
 * the caller owns the struct and everything in it). */
typedef struct rc_stance_result {
    int label;              /* rc_stance_label */
    double relevance;       /* share of the claim's terms (stems, numbers,
                               entity keys) found in the text, 0..1 */
    double best_sentence;   /* share of them found in the best sentence */
    int n_sents;            /* sentences of the text */
    int n_relevant;         /* sentences that speak to the claim */
    int claim_negative;     /* the claim itself denies or refutes ("X is a hoax") */
    int claim_hedged;       /* the claim is reported, hedged or asked ("Report: X", "X?") */
    double refute, hedge, confirm;  /* evidence of the text, per weighted sentence
                                       (relevance and position), 0 and up */
} rc_stance_result;

typedef struct rc_stance rc_stance;

/* One stance decider: a pipeline (opts may be NULL: the defaults), the cue
 * lexicons and stemmers, loaded once.  NULL only when out of memory.  Not
 * thread-safe: one per thread. */
rc_stance *rc_stance_new(const rc_options *opts);
void rc_stance_free(rc_stance *s);

/* Decide the stance of text towards claim.  lang: an ISO code ("en", "fr")
 * or empty (identified from the text).  An empty text is unrelated, and so
 * is any text to a claim of function and cue words only ("Not true!").
 * Invalid UTF-8 is read with U+FFFD.  *out is filled (owned by the caller).
 * Returns 0, or a negative code with rc_stance_errmsg() saying why:
 * RC_EEMPTY (the claim has no word),
 * RC_ETOOBIG (text over the pipeline's limit), RC_ENOMEM. */
int rc_stance_decide(rc_stance *s, rc_str claim, rc_str text, rc_str lang,
                     rc_stance_result *out);

/* One line of `recoupe stance` input, {"id", "claim", "text", "lang"?}
 * (id a string or an integer), decided and written to out as the output
 * line {"id", "stance"} (no newline; with explain set, an "explain" object
 * with the evidence too).  Returns 0, or a negative code with
 * rc_stance_errmsg() saying why: RC_EPARSE (not a JSON object, no id, no
 * claim or text string), RC_EEMPTY, RC_ETOOBIG, RC_ENOMEM.  On error,
 * when the line had a usable id, out still gets a line {"id", "stance":
 * null, "error"} so that output lines follow input lines; without an id
 * nothing is appended.  out is appended to, never cleared. */
int rc_stance_jsonl(rc_stance *s, rc_str line, int explain, rc_buf *out);

/* Why the last call failed (owned by s, valid until the next call). */
const char *rc_stance_errmsg(const rc_stance *s);

#ifdef __cplusplus
}
#endif
#endif /* RECOUPE_H */
