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
 * extension: .html/.htm -> HTML, .txt -> text, .jsonl -> one document per line.
 * Other files in directories are skipped; a named file of another kind is
 * sniffed.  Returns 0 when everything was read, the first error code
 * otherwise (after reporting each error through cb->error and carrying on). */
typedef struct rc_read_opts {
    rc_format format;        /* force a format for non-JSONL files */
    int raw;                 /* inputs are clean text (keep byte-identical) */
    int jsonl;               /* treat named files and "-" as JSONL */
    rc_str url, published, lang;  /* defaults for every document (command line) */
    size_t max_doc_bytes;    /* 0 = RC_DEFAULT_MAX_DOC_BYTES */
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

#ifdef __cplusplus
}
#endif
#endif /* RECOUPE_H */
