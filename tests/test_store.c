/* Tests of the embedded store (src/store.c).  Documents are built by hand;
 * every database lives in a fresh temporary directory. */
#include "test.h"
#include "names.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ------------------------------------------------------------------ helpers */

typedef struct tdb {
    char dir[64];
    char path[96];
} tdb;

static int tdb_init(tdb *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/rc-store-XXXXXX");
    if (!mkdtemp(t->dir))
        return 0;
    snprintf(t->path, sizeof t->path, "%s/test.db", t->dir);
    return 1;
}

static void tdb_done(tdb *t)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/junk", t->dir);
    unlink(p);
    rmdir(t->dir);
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* A document as the pipeline would give it: paragraphs split on "\n\n";
 * what it says (mentions, quotes, claims, dates, sentences) is added by the
 * add_* helpers below. */
typedef struct tdoc {
    rc_doc d;
    rc_span paras[16];
    rc_span sents[16];
    rc_mention mentions[16];
    rc_quote quotes[8];
    rc_claim claims[8];
    rc_timex dates[8];
} tdoc;

static const rc_doc *mkdoc(tdoc *t, const char *id, const char *title, const char *text)
{
    memset(t, 0, sizeof *t);
    t->d.id = rc_str_c(id);
    t->d.path = rc_str_c(id);
    t->d.title = rc_str_c(title);
    t->d.text = rc_str_c(text ? text : "");
    t->d.url = RC_STR_LIT("https://example.org/a");
    t->d.site = RC_STR_LIT("example.org");
    t->d.published = RC_STR_LIT("2022-11-14");
    t->d.published_how = RC_STR_LIT("input");
    t->d.charset = RC_STR_LIT("utf-8");
    t->d.lang = RC_LANG_FR;
    t->d.format = RC_FMT_TEXT;
    t->d.text_hash = fnv1a(t->d.text.ptr, t->d.text.len);
    size_t n = 0, start = 0, len = t->d.text.len;
    const char *s = t->d.text.ptr;
    for (size_t i = 0; i + 1 < len && n < 15; i++)
        if (s[i] == '\n' && s[i + 1] == '\n') {
            t->paras[n++] = (rc_span){(uint32_t)start, (uint32_t)i};
            start = i + 2;
            i++;
        }
    if (start < len)
        t->paras[n++] = (rc_span){(uint32_t)start, (uint32_t)len};
    t->d.paras = t->paras;
    t->d.n_paras = n;
    t->d.n_sents = n;
    t->d.n_toks = len / 5;
    return &t->d;
}

static rc_put_result put(rc_store *s, const rc_doc *d, const char **copy_of)
{
    rc_put_result r = 0;
    int rc = rc_store_put(s, d, &r, copy_of);
    if (rc)
        fprintf(stderr, "put %.*s: %s\n", (int)d->id.len, d->id.ptr, rc_store_errmsg(s));
    return rc ? 0 : r;
}

/* One SQL value as a string into buf (NULL -> "(null)"). */
static const char *sql_text(rc_store *s, const char *sql, const char *arg, char *buf, size_t cap)
{
    sqlite3_stmt *st;
    buf[0] = 0;
    if (sqlite3_prepare_v2(rc_store_sqlite(s), sql, -1, &st, NULL) != SQLITE_OK)
        return "(error)";
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        snprintf(buf, cap, "%s", v ? v : "(null)");
    } else {
        snprintf(buf, cap, "(no row)");
    }
    sqlite3_finalize(st);
    return buf;
}

static long long sql_int(rc_store *s, const char *sql, const char *arg)
{
    char buf[64];
    return atoll(sql_text(s, sql, arg, buf, sizeof buf));
}

/* Every row of the store's tables, as one string (to compare states). */
static char *dump(rc_store *s)
{
    static const char *const q[] = {
        "SELECT seq, id, path, url, title, author, site, published, published_how, lang,"
        " charset, format, text, text_hash, n_paras, n_sents, n_toks, copy_of, ingested_at"
        " FROM documents ORDER BY seq",
        "SELECT doc_seq, idx, start, \"end\" FROM paragraphs ORDER BY doc_seq, idx",
        "SELECT a, b, kind, score FROM copies ORDER BY a, b, kind",
    };
    rc_buf b;
    rc_buf_init(&b, 0);
    for (size_t i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(rc_store_sqlite(s), q[i], -1, &st, NULL) != SQLITE_OK)
            break;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                rc_buf_printf(&b, "%s|", v ? v : "NULL");
            }
            rc_buf_putc(&b, '\n');
        }
        sqlite3_finalize(st);
        rc_buf_puts(&b, "--\n");
    }
    return b.ptr;
}

static int fts_ok(rc_store *s)
{
    return sqlite3_exec(rc_store_sqlite(s),
                        "INSERT INTO documents_fts(documents_fts, rank) VALUES('integrity-check', 1)",
                        NULL, NULL, NULL) == SQLITE_OK;
}

typedef struct hits {
    int n;
    char ids[8][32];
    char snippets[8][256];
    double scores[8];
} hits;

static int on_hit(void *ud, const char *id, const char *title, const char *snippet, double score)
{
    hits *h = ud;
    if (h->n < 8) {
        snprintf(h->ids[h->n], sizeof h->ids[0], "%s", id);
        snprintf(h->snippets[h->n], sizeof h->snippets[0], "%s", snippet);
        h->scores[h->n] = score;
    }
    h->n++;
    return 0;
}

/* ------------------------------------------------------------------ open */

TEST(store_open_create_reopen)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err = 1;
    const char *msg = "x";
    rc_store *s = rc_store_open(t.path, &err, &msg);
    CHECK(s != NULL);
    CHECK_INT(err, RC_OK);
    CHECK(msg == NULL);
    long n = -1;
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 0);
    CHECK_INT(sql_int(s, "PRAGMA user_version", NULL), RC_STORE_SCHEMA_VERSION);
    char buf[64];
    CHECK(strcmp(sql_text(s, "PRAGMA journal_mode", NULL, buf, sizeof buf), "wal") == 0);
    CHECK_INT(sql_int(s, "PRAGMA foreign_keys", NULL), 1);
    tdoc a, b;
    CHECK_INT(put(s, mkdoc(&a, "a", "Titre A", "Premier texte.\n\nDeuxième paragraphe."), NULL),
              RC_PUT_NEW);
    CHECK_INT(put(s, mkdoc(&b, "b", "Titre B", "Autre texte."), NULL), RC_PUT_NEW);
    rc_store_close(s);

    s = rc_store_open(t.path, &err, &msg);
    CHECK(s != NULL);
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 2);
    CHECK_INT(sql_int(s, "SELECT seq FROM documents WHERE id = ?", "b"), 2);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM paragraphs WHERE doc_seq = 1", NULL), 2);
    CHECK_INT(put(s, mkdoc(&a, "a", "Titre A", "Premier texte.\n\nDeuxième paragraphe."), NULL),
              RC_PUT_UNCHANGED);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_schema_newer_is_refused)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    const char *msg;
    rc_store *s = rc_store_open(t.path, &err, &msg);
    CHECK(s != NULL);
    CHECK_INT(sqlite3_exec(rc_store_sqlite(s), "PRAGMA user_version = 99", NULL, NULL, NULL),
              SQLITE_OK);
    rc_store_close(s);
    s = rc_store_open(t.path, &err, &msg);
    CHECK(s == NULL);
    CHECK_INT(err, RC_ESCHEMA);
    CHECK_CONTAINS(msg, "newer");
    CHECK_CONTAINS(msg, "99");
    tdb_done(&t);
}

TEST(store_not_a_database)
{
    tdb t;
    CHECK(tdb_init(&t));
    FILE *f = fopen(t.path, "w");
    CHECK(f != NULL);
    for (int i = 0; i < 100; i++)
        fputs("this is not an SQLite database, just text\n", f);
    fclose(f);
    int err;
    const char *msg;
    rc_store *s = rc_store_open(t.path, &err, &msg);
    CHECK(s == NULL);
    CHECK_INT(err, RC_EDB);
    CHECK_CONTAINS(msg, "not a database");
    CHECK_CONTAINS(msg, t.path);

    /* Another program's SQLite database is not ours either. */
    unlink(t.path);
    sqlite3 *db;
    CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "CREATE TABLE other (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    s = rc_store_open(t.path, &err, &msg);
    CHECK(s == NULL);
    CHECK_INT(err, RC_EDB);
    CHECK_CONTAINS(msg, "not a recoupe database");

    /* A directory that does not exist. */
    s = rc_store_open("/nonexistent-dir-rc/x.db", &err, &msg);
    CHECK(s == NULL);
    CHECK_INT(err, RC_EDB);
    CHECK(msg != NULL && msg[0]);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ put */

TEST(store_put_new_unchanged_updated)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc a, b;
    const char *co = "x";
    CHECK_INT(put(s, mkdoc(&a, "a", "Un", "Le texte un."), &co), RC_PUT_NEW);
    CHECK(co == NULL);
    CHECK_INT(put(s, mkdoc(&b, "b", "Deux", "Le texte deux."), &co), RC_PUT_NEW);

    sqlite3_int64 before = sqlite3_total_changes64(rc_store_sqlite(s));
    CHECK_INT(put(s, mkdoc(&a, "a", "Un", "Le texte un."), &co), RC_PUT_UNCHANGED);
    CHECK_INT(sqlite3_total_changes64(rc_store_sqlite(s)), before);

    /* Metadata only. */
    mkdoc(&a, "a", "Un", "Le texte un.");
    a.d.author = RC_STR_LIT("Jeanne Martin");
    CHECK_INT(put(s, &a.d, &co), RC_PUT_UPDATED);
    CHECK(co == NULL);
    CHECK_INT(put(s, &a.d, &co), RC_PUT_UNCHANGED);
    /* Paragraph spans only. */
    a.paras[0].end--;
    CHECK_INT(put(s, &a.d, &co), RC_PUT_UPDATED);
    CHECK_INT(put(s, &a.d, &co), RC_PUT_UNCHANGED);
    /* Language and format count as metadata. */
    a.d.lang = RC_LANG_UND;
    CHECK_INT(put(s, &a.d, &co), RC_PUT_UPDATED);
    char buf[64];
    CHECK(strcmp(sql_text(s, "SELECT lang FROM documents WHERE id = ?", "a", buf, sizeof buf),
                 "(null)") == 0);

    /* Text. */
    CHECK_INT(put(s, mkdoc(&a, "a", "Un", "Un tout autre texte sur Berlin."), &co),
              RC_PUT_UPDATED);
    CHECK_INT(sql_int(s, "SELECT seq FROM documents WHERE id = ?", "a"), 1);
    long n;
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 2);
    CHECK(fts_ok(s));
    CHECK_INT(rc_store_search(s, "berlin", 10, NULL, NULL), RC_EINVAL);   /* no callback */
    /* The index follows the new text and title, and forgets the old. */
    hits h = {0};
    CHECK_INT(rc_store_search(s, "berlin", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "\"texte un\"", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 0);
    CHECK_INT(put(s, mkdoc(&a, "a", "Nouveau titre", "Un tout autre texte sur Berlin."), &co),
              RC_PUT_UPDATED);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "title:nouveau", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "texte", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 2);
    CHECK(fts_ok(s));
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_reput_corpus_changes_nothing)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    char ids[40][16], texts[40][64];
    tdoc d;
    for (int pass = 0; pass < 2; pass++) {
        CHECK_INT(rc_store_begin(s), RC_OK);
        for (int i = 0; i < 40; i++) {
            snprintf(ids[i], sizeof ids[i], "doc-%02d", i);
            snprintf(texts[i], sizeof texts[i], "Texte numéro %d.\n\nSuite.", i % 7);
            rc_put_result r = put(s, mkdoc(&d, ids[i], "T", i % 5 ? texts[i] : ""), NULL);
            CHECK_INT(r, pass == 0 ? RC_PUT_NEW : RC_PUT_UNCHANGED);
        }
        CHECK_INT(rc_store_commit(s), RC_OK);
        if (pass == 0)
            continue;
    }
    char *one = dump(s);
    sqlite3_int64 before = sqlite3_total_changes64(rc_store_sqlite(s));
    CHECK_INT(rc_store_begin(s), RC_OK);
    for (int i = 0; i < 40; i++)
        CHECK_INT(put(s, mkdoc(&d, ids[i], "T", i % 5 ? texts[i] : ""), NULL), RC_PUT_UNCHANGED);
    CHECK_INT(rc_store_commit(s), RC_OK);
    char *two = dump(s);
    int same = strcmp(one, two) == 0;
    free(one);
    free(two);
    CHECK(same);
    CHECK_INT(sqlite3_total_changes64(rc_store_sqlite(s)), before);
    long n;
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 40);
    CHECK_INT(sql_int(s, "SELECT max(seq) FROM documents", NULL), 40);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_put_rejects_bad_documents)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    rc_put_result r;
    mkdoc(&d, "", "T", "x");
    CHECK_INT(rc_store_put(s, &d.d, &r, NULL), RC_EINVAL);
    CHECK_CONTAINS(rc_store_errmsg(s), "id");
    mkdoc(&d, "p", "T", "short");
    d.paras[0].end = 99;
    CHECK_INT(rc_store_put(s, &d.d, &r, NULL), RC_EINVAL);
    /* Not sticky: the next put works. */
    CHECK_INT(put(s, mkdoc(&d, "p", "T", "short"), NULL), RC_PUT_NEW);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ copies */

static const char *copy_of_in_db(rc_store *s, const char *id, char *buf, size_t cap)
{
    return sql_text(s, "SELECT copy_of FROM documents WHERE id = ?", id, buf, cap);
}

TEST(store_copies_point_to_the_first)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    const char *text = "Le président a parlé.\n\nIl a dit des choses.";
    tdoc d;
    const char *co;
    char buf[64];
    CHECK_INT(put(s, mkdoc(&d, "orig", "A", text), &co), RC_PUT_NEW);
    CHECK(co == NULL);
    CHECK_INT(put(s, mkdoc(&d, "other", "B", "Autre chose."), &co), RC_PUT_NEW);
    CHECK(co == NULL);
    CHECK_INT(put(s, mkdoc(&d, "copy1", "C", text), &co), RC_PUT_NEW);
    CHECK(co && strcmp(co, "orig") == 0);
    CHECK_INT(put(s, mkdoc(&d, "copy2", "D", text), &co), RC_PUT_NEW);
    CHECK(co && strcmp(co, "orig") == 0);
    CHECK(strcmp(copy_of_in_db(s, "orig", buf, sizeof buf), "(null)") == 0);
    CHECK(strcmp(copy_of_in_db(s, "copy1", buf, sizeof buf), "orig") == 0);
    CHECK(strcmp(copy_of_in_db(s, "copy2", buf, sizeof buf), "orig") == 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies WHERE a = 'orig' AND kind = 'duplicate'"
                         " AND score = 1.0", NULL), 2);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies", NULL), 2);
    /* Re-putting a copy says what it copies. */
    CHECK_INT(put(s, mkdoc(&d, "copy1", "C", text), &co), RC_PUT_UNCHANGED);
    CHECK(co && strcmp(co, "orig") == 0);

    /* Same hash, different bytes: not a copy. */
    mkdoc(&d, "collide", "E", "Le président a parlé.\n\nIl a dit d'autres choses.");
    d.d.text_hash = fnv1a(text, strlen(text));
    CHECK_INT(put(s, &d.d, &co), RC_PUT_NEW);
    CHECK(co == NULL);

    /* The original changes its text: copy1 becomes the original. */
    CHECK_INT(put(s, mkdoc(&d, "orig", "A", "Nouveau texte."), &co), RC_PUT_UPDATED);
    CHECK(co == NULL);
    CHECK(strcmp(copy_of_in_db(s, "copy1", buf, sizeof buf), "(null)") == 0);
    CHECK(strcmp(copy_of_in_db(s, "copy2", buf, sizeof buf), "copy1") == 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies", NULL), 1);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies WHERE a = 'copy1' AND b = 'copy2'", NULL), 1);

    /* ... and back: it is the earliest again, so the original again. */
    CHECK_INT(put(s, mkdoc(&d, "orig", "A", text), &co), RC_PUT_UPDATED);
    CHECK(co == NULL);
    CHECK(strcmp(copy_of_in_db(s, "copy1", buf, sizeof buf), "orig") == 0);
    CHECK(strcmp(copy_of_in_db(s, "copy2", buf, sizeof buf), "orig") == 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies WHERE a = 'orig'", NULL), 2);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies", NULL), 2);

    /* A copy changes its text to another document's: it follows. */
    CHECK_INT(put(s, mkdoc(&d, "copy2", "D", "Autre chose."), &co), RC_PUT_UPDATED);
    CHECK(co && strcmp(co, "other") == 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies WHERE a = 'orig'", NULL), 1);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies WHERE a = 'other' AND b = 'copy2'", NULL), 1);
    CHECK(fts_ok(s));
    CHECK_INT(sql_int(s, "SELECT count(*) FROM pragma_foreign_key_check", NULL), 0);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_empty_text_is_never_a_copy)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    const char *co = "x";
    CHECK_INT(put(s, mkdoc(&d, "e1", "Vide", ""), &co), RC_PUT_NEW);
    CHECK(co == NULL);
    CHECK_INT(put(s, mkdoc(&d, "e2", "Vide aussi", ""), &co), RC_PUT_NEW);
    CHECK(co == NULL);
    mkdoc(&d, "e3", "Sans texte", NULL);
    d.d.text = RC_STR_NULL;
    CHECK_INT(put(s, &d.d, &co), RC_PUT_NEW);
    CHECK(co == NULL);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies", NULL), 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM documents WHERE copy_of IS NOT NULL", NULL), 0);
    /* A document whose text becomes empty stops being a copy. */
    CHECK_INT(put(s, mkdoc(&d, "x1", "X", "Texte."), &co), RC_PUT_NEW);
    CHECK_INT(put(s, mkdoc(&d, "x2", "X", "Texte."), &co), RC_PUT_NEW);
    CHECK(co && strcmp(co, "x1") == 0);
    CHECK_INT(put(s, mkdoc(&d, "x2", "X", ""), &co), RC_PUT_UPDATED);
    CHECK(co == NULL);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM copies", NULL), 0);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ transactions */

TEST(store_transactions)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    long n;
    CHECK_INT(rc_store_commit(s), RC_EINVAL);
    CHECK_INT(rc_store_begin(s), RC_OK);
    CHECK_INT(rc_store_begin(s), RC_EINVAL);            /* nested: an error */
    CHECK_CONTAINS(rc_store_errmsg(s), "nested");
    CHECK_INT(put(s, mkdoc(&d, "a", "A", "Texte a."), NULL), RC_PUT_NEW);
    CHECK_INT(rc_store_rollback(s), RC_OK);
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 0);
    CHECK_INT(rc_store_begin(s), RC_OK);
    CHECK_INT(put(s, mkdoc(&d, "a", "A", "Texte a."), NULL), RC_PUT_NEW);
    CHECK_INT(put(s, mkdoc(&d, "b", "B", "Texte b."), NULL), RC_PUT_NEW);
    CHECK_INT(rc_store_commit(s), RC_OK);
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 2);
    CHECK(fts_ok(s));
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_sqlite_errors_stick_until_rollback)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    long n;
    CHECK_INT(put(s, mkdoc(&d, "a", "A", "Texte a."), NULL), RC_PUT_NEW);
    CHECK_INT(rc_store_begin(s), RC_OK);
    /* Break the schema under the store's feet. */
    CHECK_INT(sqlite3_exec(rc_store_sqlite(s), "DROP TABLE paragraphs", NULL, NULL, NULL),
              SQLITE_OK);
    rc_put_result r;
    CHECK_INT(rc_store_put(s, mkdoc(&d, "b", "B", "Texte b."), &r, NULL), RC_EDB);
    CHECK_CONTAINS(rc_store_errmsg(s), "paragraphs");
    CHECK_INT(rc_store_count(s, &n), RC_EDB);          /* sticky */
    CHECK_INT(rc_store_commit(s), RC_EDB);             /* never commits after a failure */
    CHECK_INT(rc_store_rollback(s), RC_OK);            /* clears it; the table is back */
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 1);
    CHECK_INT(put(s, mkdoc(&d, "b", "B", "Texte b."), NULL), RC_PUT_NEW);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ search */

static rc_store *search_fixture(tdb *t)
{
    int err;
    if (!tdb_init(t))
        return NULL;
    rc_store *s = rc_store_open(t->path, &err, NULL);
    if (!s)
        return NULL;
    tdoc d;
    put(s, mkdoc(&d, "elysee", "Réunion à l'Élysée",
                 "Le président a reçu les ministres à l'Élysée mardi.\n\n"
                 "L'armée a été évoquée, ainsi que les U.S. et la Chine."), NULL);
    put(s, mkdoc(&d, "sport", "Match nul", "Les deux équipes se quittent sur un match nul."),
        NULL);
    put(s, mkdoc(&d, "palais", "Le palais",
                 "Un texte sur un palais, pas celui de l'Élysée, mais un autre, "
                 "avec beaucoup de mots autour pour allonger le texte un peu."), NULL);
    return s;
}

TEST(store_search_without_accents)
{
    tdb t;
    rc_store *s = search_fixture(&t);
    CHECK(s != NULL);
    hits h = {0};
    CHECK_INT(rc_store_search(s, "elysee", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 2);
    CHECK(strcmp(h.ids[0], "elysee") == 0);            /* in the title too: first */
    CHECK(h.scores[0] >= h.scores[1]);
    CHECK_CONTAINS(h.snippets[0], "[Élysée]");
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "ELYSÉE président", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    /* Limit. */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "elysee", 1, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    /* Nothing. */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "tokyo", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 0);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_search_punctuation_and_syntax)
{
    tdb t;
    rc_store *s = search_fixture(&t);
    CHECK(s != NULL);
    hits h = {0};
    /* Plain words with punctuation are quoted, not syntax errors. */
    CHECK_INT(rc_store_search(s, "l'armée", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "U.S. chine", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "match-nul 12:30", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 0);
    /* FTS5 syntax is passed through. */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "match OR palais", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 2);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "title:elysee", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "minis*", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    /* Malformed FTS5: an error with a message, and the store still works. */
    CHECK_INT(rc_store_search(s, "\"unterminated", 10, on_hit, &h), RC_EINVAL);
    CHECK_CONTAINS(rc_store_errmsg(s), "unterminated");
    CHECK_INT(rc_store_search(s, "(match OR", 10, on_hit, &h), RC_EINVAL);
    CHECK_CONTAINS(rc_store_errmsg(s), "syntax error");
    CHECK_INT(rc_store_search(s, "nosuchcolumn:x AND y", 10, on_hit, &h), RC_EINVAL);
    CHECK_INT(rc_store_search(s, "   ", 10, on_hit, &h), RC_EINVAL);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_search(s, "match", 10, on_hit, &h), RC_OK);
    CHECK_INT(h.n, 1);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ show / export */

TEST(store_show_json)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    put(s, mkdoc(&d, "a", "Titre \"cité\"", "Premier.\n\nSecond paragraphe."), NULL);
    put(s, mkdoc(&d, "b", "Copie", "Premier.\n\nSecond paragraphe."), NULL);
    rc_buf b;
    rc_buf_init(&b, 0);
    CHECK_INT(rc_store_show_json(s, "missing", &b), RC_ENOTFOUND);
    CHECK_CONTAINS(rc_store_errmsg(s), "missing");
    CHECK_INT(rc_store_show_json(s, "b", &b), RC_OK);
    json_error_t je;
    json_t *o = json_loadb(b.ptr, b.len, 0, &je);
    rc_buf_free(&b);
    CHECK(o != NULL);
    CHECK(strcmp(json_string_value(json_object_get(o, "id")), "b") == 0);
    CHECK(strcmp(json_string_value(json_object_get(o, "copy_of")), "a") == 0);
    CHECK(strcmp(json_string_value(json_object_get(o, "lang")), "fr") == 0);
    CHECK(strcmp(json_string_value(json_object_get(o, "format")), "text") == 0);
    CHECK(strcmp(json_string_value(json_object_get(o, "text")), "Premier.\n\nSecond paragraphe.") == 0);
    CHECK(json_is_null(json_object_get(o, "author")));
    CHECK_INT(json_integer_value(json_object_get(o, "n_paras")), 2);
    json_t *p = json_object_get(o, "paragraphs");
    CHECK(json_array_size(p) == 2);
    CHECK_INT(json_integer_value(json_array_get(json_array_get(p, 1), 0)), 10);
    CHECK_INT(json_integer_value(json_array_get(json_array_get(p, 1), 1)), 28);
    static const char *const keys[] = {"path", "url", "title", "site", "published",
                                       "published_how", "charset", "n_sents", "n_toks"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        CHECK(json_object_get(o, keys[i]) != NULL);
    json_decref(o);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_export_is_the_contract)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    put(s, mkdoc(&d, "z-first", "Premier «titre»", "Texte commun."), NULL);
    mkdoc(&d, "a-second", "Second", "Autre texte.");
    d.d.lang = RC_LANG_UND;
    d.d.published = RC_STR_LIT("2022-11-14T09:30:00Z");
    d.d.url = RC_STR_NULL;
    put(s, &d.d, NULL);
    put(s, mkdoc(&d, "m-third", "Troisième", "Texte commun."), NULL);

    FILE *f = tmpfile();
    CHECK(f != NULL);
    CHECK_INT(rc_store_export(s, f), RC_OK);
    rewind(f);
    json_error_t je;
    json_t *o = json_loadf(f, 0, &je);
    fclose(f);
    if (!o)
        fprintf(stderr, "export JSON: %s (line %d)\n", je.text, je.line);
    CHECK(o != NULL);
    CHECK(json_is_array(json_object_get(o, "stories")));
    CHECK(json_is_array(json_object_get(o, "entities")));
    CHECK(json_is_array(json_object_get(o, "claims")));
    json_t *docs = json_object_get(o, "docs");
    CHECK(json_array_size(docs) == 3);
    /* Ingestion order, not id order. */
    static const char *const order[] = {"z-first", "a-second", "m-third"};
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(docs, i);
        CHECK(strcmp(json_string_value(json_object_get(x, "id")), order[i]) == 0);
        CHECK(json_is_string(json_object_get(x, "story")));   /* every document has a story */
        CHECK(json_object_get(x, "copy_of") != NULL);
        CHECK(json_object_get(x, "title") != NULL && json_object_get(x, "site") != NULL);
    }
    json_t *x0 = json_array_get(docs, 0), *x1 = json_array_get(docs, 1),
           *x2 = json_array_get(docs, 2);
    CHECK(strcmp(json_string_value(json_object_get(x0, "title")), "Premier «titre»") == 0);
    CHECK(strcmp(json_string_value(json_object_get(x0, "lang")), "fr") == 0);
    CHECK(strcmp(json_string_value(json_object_get(x0, "published")), "2022-11-14") == 0);
    CHECK(strcmp(json_string_value(json_object_get(x0, "url")), "https://example.org/a") == 0);
    CHECK(json_is_null(json_object_get(x0, "copy_of")));
    CHECK(json_is_null(json_object_get(x1, "lang")));
    CHECK(json_is_null(json_object_get(x1, "url")));
    CHECK(strcmp(json_string_value(json_object_get(x1, "published")), "2022-11-14T09:30:00Z") == 0);
    CHECK(strcmp(json_string_value(json_object_get(x2, "copy_of")), "z-first") == 0);
    json_t *copies = json_object_get(o, "copies");
    CHECK(json_array_size(copies) == 1);
    json_t *c = json_array_get(copies, 0);
    CHECK(strcmp(json_string_value(json_object_get(c, "a")), "z-first") == 0);
    CHECK(strcmp(json_string_value(json_object_get(c, "b")), "m-third") == 0);
    CHECK(strcmp(json_string_value(json_object_get(c, "kind")), "duplicate") == 0);
    CHECK(json_real_value(json_object_get(c, "score")) == 1.0);
    json_decref(o);

    /* An empty store exports an empty, valid object. */
    rc_store_close(s);
    tdb_done(&t);
    CHECK(tdb_init(&t));
    s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    f = tmpfile();
    CHECK(f != NULL);
    CHECK_INT(rc_store_export(s, f), RC_OK);
    rewind(f);
    o = json_loadf(f, 0, &je);
    fclose(f);
    CHECK(o != NULL);
    CHECK(json_array_size(json_object_get(o, "docs")) == 0);
    CHECK(json_array_size(json_object_get(o, "copies")) == 0);
    json_decref(o);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ quotes, claims, dates */

/* Offset of the first occurrence of needle in the document's text. */
static uint32_t at(const tdoc *t, const char *needle)
{
    const char *p = strstr(t->d.text.ptr, needle);
    return p ? (uint32_t)(p - t->d.text.ptr) : UINT32_MAX;
}

static void add_sent(tdoc *t, const char *sentence)
{
    if (t->d.sents != t->sents) {
        t->d.sents = t->sents;
        t->d.n_sents = 0;
    }
    uint32_t a = at(t, sentence);
    t->sents[t->d.n_sents++] = (rc_span){a, a + (uint32_t)strlen(sentence)};
}

static void add_mention(tdoc *t, const char *surface, const char *name, int type)
{
    uint32_t a = at(t, surface);
    t->mentions[t->d.n_mentions++] = (rc_mention){a, a + (uint32_t)strlen(surface), (uint8_t)type,
                                                  rc_str_c(name), RC_STR_NULL, RC_STR_NULL};
    t->d.mentions = t->mentions;
}

/* speaker_words: where the speaker is named (NULL: nowhere); cue: NULL if none. */
static void add_quote(tdoc *t, const char *words, int direct, const char *speaker_words,
                      const char *speaker, const char *cue)
{
    uint32_t a = at(t, words);
    rc_quote q = {.start = a, .end = a + (uint32_t)strlen(words), .direct = (uint8_t)direct,
                  .speaker = rc_str_c(speaker), .speaker_start = -1, .speaker_end = -1,
                  .cue_start = -1, .cue_end = -1};
    if (speaker_words) {
        q.speaker_start = (int32_t)at(t, speaker_words);
        q.speaker_end = q.speaker_start + (int32_t)strlen(speaker_words);
    }
    if (cue) {
        q.cue_start = (int32_t)at(t, cue);
        q.cue_end = q.cue_start + (int32_t)strlen(cue);
    }
    t->quotes[t->d.n_quotes++] = q;
    t->d.quotes = t->quotes;
}

static void add_claim(tdoc *t, const char *words, int status, const char *source, const char *cue)
{
    uint32_t a = at(t, words);
    rc_claim c = {.start = a, .end = a + (uint32_t)strlen(words), .status = (uint8_t)status,
                  .source = rc_str_c(source), .cue_start = -1, .cue_end = -1};
    if (cue) {
        c.cue_start = (int32_t)at(t, cue);
        c.cue_end = c.cue_start + (int32_t)strlen(cue);
    }
    t->claims[t->d.n_claims++] = c;
    t->d.claims = t->claims;
}

static void add_date(tdoc *t, const char *words, int type, const char *value, const char *how)
{
    uint32_t a = at(t, words);
    t->dates[t->d.n_dates++] = (rc_timex){a, a + (uint32_t)strlen(words), (uint8_t)type,
                                          rc_str_c(value), rc_str_c(how)};
    t->d.dates = t->dates;
}

static const char peskov_text[] =
    "Dmitri Peskov a déclaré lundi : « Nous ne commentons pas ces informations. »\n\n"
    "Le Kremlin aurait envoyé une délégation à Genève, selon la presse. "
    "Le 8 avril, les deux hommes se sont parlé.";

/* The document of peskov_text with what it says. */
static const rc_doc *peskov_doc(tdoc *t, const char *id)
{
    mkdoc(t, id, "Le Kremlin ne commente pas", peskov_text);
    add_sent(t, "Dmitri Peskov a déclaré lundi : « Nous ne commentons pas ces informations. »");
    add_sent(t, "Le Kremlin aurait envoyé une délégation à Genève, selon la presse.");
    /* "Le 8 avril..." is left without a sentence on purpose */
    add_mention(t, "Dmitri Peskov", "Dmitri Peskov", RC_ENT_PER);
    add_mention(t, "Kremlin", "Kremlin", RC_ENT_ORG);
    add_mention(t, "Genève", "Genève", RC_ENT_LOC);
    add_quote(t, "Nous ne commentons pas ces informations.", 1, "Dmitri Peskov", "Dmitri Peskov",
              "a déclaré");
    add_claim(t, "Le Kremlin aurait envoyé une délégation à Genève", RC_CLAIM_ALLEGED,
              "la presse", "aurait");
    t->claims[t->d.n_claims - 1].cited = rc_str_c("une source");   /* schema v4 */
    add_date(t, "lundi", RC_TIMEX_DATE, "2025-04-14", "published");
    add_date(t, "8 avril", RC_TIMEX_DATE, "2025-04-08", "absolute");
    return &t->d;
}

static long long count_facts(rc_store *s, const char *id)
{
    /* quotes + 100 * claims + 10000 * dates of the document */
    static const char sql[] =
        "SELECT (SELECT count(*) FROM doc_quotes q WHERE q.doc_seq = d.seq)"
        " + 100 * (SELECT count(*) FROM doc_claims c WHERE c.doc_seq = d.seq)"
        " + 10000 * (SELECT count(*) FROM doc_dates t WHERE t.doc_seq = d.seq)"
        " FROM documents d WHERE d.id = ?";
    return sql_int(s, sql, id);
}

/* ------------------------------------------------------------------ claim check */

typedef struct cands {
    int n;
    char ids[8][32], originals[8][32];
} cands;

static int on_cand(void *ud, const rc_claim_doc_row *r)
{
    cands *c = ud;
    if (c->n < 8) {
        snprintf(c->ids[c->n], sizeof c->ids[0], "%s", r->id);
        snprintf(c->originals[c->n], sizeof c->originals[0], "%s", r->original);
    }
    c->n++;
    return r->text_len == strlen(r->text) ? 0 : -99;
}

static int on_doc_claim(void *ud, const rc_doc_claim_row *c)
{
    char *out = ud;
    snprintf(out, 256, "%s|%s|%s", c->text, c->status, c->source ? c->source : "(null)");
    return 0;
}

TEST(store_claim_docs_and_doc_claims)
{
    tdb t;
    rc_store *s = search_fixture(&t);
    CHECK(s != NULL);
    tdoc d;
    /* an exact copy of "elysee": counted under it */
    CHECK_INT(put(s, mkdoc(&d, "elysee-copy", "Copie",
                           "Le président a reçu les ministres à l'Élysée mardi.\n\n"
                           "L'armée a été évoquée, ainsi que les U.S. et la Chine."), NULL),
              RC_PUT_NEW);
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_NEW);
    cands c = {0};
    CHECK_INT(rc_store_claim_docs(s, NULL, 10, on_cand, &c), RC_EINVAL);
    CHECK_INT(rc_store_claim_docs(s, "élysée", 10, NULL, NULL), RC_EINVAL);
    CHECK_INT(rc_store_claim_docs(s, "  !!! \" -- ", 10, on_cand, &c), RC_EEMPTY);
    CHECK_INT(c.n, 0);
    /* words are ORed, FTS syntax is not read: "palais" or "élysée" */
    CHECK_INT(rc_store_claim_docs(s, "(palais\" OR ÉLYSÉE* title:x", 10, on_cand, &c), RC_OK);
    CHECK_INT(c.n, 3);
    int copy = -1;
    for (int i = 0; i < c.n && i < 8; i++) {
        CHECK(strcmp(c.ids[i], "sport") != 0 && strcmp(c.ids[i], "pk") != 0);
        if (strcmp(c.ids[i], "elysee-copy") == 0)
            copy = i;
        else
            CHECK_STR(rc_str_c(c.originals[i]), c.ids[i]);
    }
    CHECK(copy >= 0);
    CHECK_STR(rc_str_c(c.originals[copy >= 0 ? copy : 0]), "elysee");
    memset(&c, 0, sizeof c);
    CHECK_INT(rc_store_claim_docs(s, "palais élysée", 1, on_cand, &c), RC_OK);
    CHECK_INT(c.n, 1);
    memset(&c, 0, sizeof c);
    CHECK_INT(rc_store_claim_docs(s, "tokyo", 10, on_cand, &c), RC_OK);
    CHECK_INT(c.n, 0);
    CHECK_INT(rc_store_claim_docs(s, "Genève délégation", 10, on_cand, &c), RC_OK);
    CHECK_INT(c.n, 1);
    CHECK_STR(rc_str_c(c.ids[0]), "pk");

    char got[256] = "";
    CHECK_INT(rc_store_doc_claims(s, "pk", NULL, NULL), RC_EINVAL);
    CHECK_INT(rc_store_doc_claims(s, "pk", on_doc_claim, got), RC_OK);
    CHECK_STR(rc_str_c(got), "Le Kremlin aurait envoyé une délégation à Genève|alleged|la presse");
    got[0] = 0;
    CHECK_INT(rc_store_doc_claims(s, "nosuchdoc", on_doc_claim, got), RC_OK);
    CHECK_INT(rc_store_doc_claims(s, "elysee", on_doc_claim, got), RC_OK);
    CHECK_STR(rc_str_c(got), "");
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_quotes_claims_dates_round_trip)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_NEW);
    CHECK_INT(count_facts(s, "pk"), 1 + 100 + 20000);
    CHECK_INT(sql_int(s, "SELECT facts FROM documents WHERE id = ?", "pk"), 1);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM doc_claims WHERE cited = ?", "une source"), 1);
    char buf[256];
    CHECK_STR(rc_str_c(sql_text(s, "SELECT text || '|' || direct || '|' || speaker || '|' ||"
                                   " speaker_start || '|' || speaker_end || '|' || cue || '|' ||"
                                   " cue_start FROM doc_quotes WHERE idx = 0", NULL, buf,
                                sizeof buf)),
              "Nous ne commentons pas ces informations.|1|Dmitri Peskov|0|13|a déclaré|14");
    /* the speaker's keys, as names.h makes them, and the entity of its mention */
    rc_arena *a = rc_arena_new(0);
    rc_str key;
    CHECK(a && rc_name_key(a, RC_STR_LIT("Dmitri Peskov"), RC_ENT_PER, &key) == 0);
    char want[128], joined[128];
    snprintf(want, sizeof want, "%.*s", (int)key.len, key.ptr);
    size_t nj = 0;                      /* stored without spaces: Jean Marc = Jean-Marc */
    for (size_t i = 0; want[i]; i++)
        if (want[i] != ' ')
            joined[nj++] = want[i];
    joined[nj] = 0;
    CHECK(nj + 1 == strlen(want));
    CHECK_STR(rc_str_c(sql_text(s, "SELECT 'per:' || speaker_key FROM doc_quotes", NULL, buf,
                                sizeof buf)), joined);
    const char *sp = strchr(want, ' ');
    CHECK(sp != NULL);
    CHECK_STR(rc_str_c(sql_text(s, "SELECT speaker_surname FROM doc_quotes", NULL, buf,
                                sizeof buf)), sp + 1);
    rc_arena_free(a);
    CHECK_STR(rc_str_c(sql_text(s, "SELECT e.key FROM doc_quotes q JOIN entities e"
                                   " ON e.id = q.entity", NULL, buf, sizeof buf)), want);
    CHECK_STR(rc_str_c(sql_text(s, "SELECT text || '|' || status || '|' || source || '|' || cue"
                                   " FROM doc_claims", NULL, buf, sizeof buf)),
              "Le Kremlin aurait envoyé une délégation à Genève|alleged|la presse|aurait");
    /* dates: value, type, how and the sentence that holds each (none for the
     * second: no sentence was given there) */
    snprintf(want, sizeof want,
             "lundi,DATE,2025-04-14,published,0,%zu;8 avril,DATE,2025-04-08,absolute,-,-",
             strlen("Dmitri Peskov a déclaré lundi : « Nous ne commentons pas ces informations. »"));
    CHECK_STR(rc_str_c(sql_text(s, "SELECT group_concat(text || ',' || type || ',' || value ||"
                                   " ',' || how || ',' || ifnull(sent_start, '-') || ',' ||"
                                   " ifnull(sent_end, '-'), ';') FROM"
                                   " (SELECT * FROM doc_dates ORDER BY idx)", NULL, buf,
                                sizeof buf)), want);

    /* the export's quotes: the speaker's entity is the one of "entities" */
    FILE *f = tmpfile();
    CHECK(f != NULL);
    CHECK_INT(rc_store_export(s, f), RC_OK);
    rewind(f);
    json_error_t je;
    json_t *o = json_loadf(f, 0, &je);
    fclose(f);
    CHECK(o != NULL);
    json_t *qs = json_object_get(o, "quotes");
    CHECK(json_array_size(qs) == 1);
    json_t *q = json_array_get(qs, 0);
    CHECK(strcmp(json_string_value(json_object_get(q, "doc")), "pk") == 0);
    CHECK(strcmp(json_string_value(json_object_get(q, "text")),
                 "Nous ne commentons pas ces informations.") == 0);
    CHECK(json_is_true(json_object_get(q, "direct")));
    CHECK(strcmp(json_string_value(json_object_get(q, "speaker")), "Dmitri Peskov") == 0);
    CHECK(strcmp(json_string_value(json_object_get(q, "cue")), "a déclaré") == 0);
    const char *ent = json_string_value(json_object_get(q, "entity"));
    CHECK(ent != NULL);
    int found = 0;
    json_t *ents = json_object_get(o, "entities");
    for (size_t i = 0; i < json_array_size(ents); i++) {
        json_t *e = json_array_get(ents, i);
        if (strcmp(json_string_value(json_object_get(e, "id")), ent) == 0)
            found = strcmp(json_string_value(json_object_get(e, "name")), "Dmitri Peskov") == 0;
    }
    json_decref(o);
    CHECK(found);

    /* a span outside the text is the caller's error, not stored */
    peskov_doc(&d, "bad");
    d.quotes[0].end = 9999;
    rc_put_result r;
    CHECK_INT(rc_store_put(s, &d.d, &r, NULL), RC_EINVAL);
    CHECK_CONTAINS(rc_store_errmsg(s), "quote 0");
    peskov_doc(&d, "bad");
    d.dates[1].start = 500;
    d.dates[1].end = 501;
    CHECK_INT(rc_store_put(s, &d.d, &r, NULL), RC_EINVAL);
    peskov_doc(&d, "bad");
    d.d.quotes = NULL;
    CHECK_INT(rc_store_put(s, &d.d, &r, NULL), RC_EINVAL);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM documents WHERE id = ?", "bad"), 0);
    rc_store_close(s);
    tdb_done(&t);
}

TEST(store_update_replaces_quotes_claims_dates)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d, other;
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_NEW);
    CHECK_INT(put(s, mkdoc(&other, "other", "Autre", "Rien à signaler."), NULL), RC_PUT_NEW);

    /* unchanged: nothing written at all */
    sqlite3_int64 before = sqlite3_total_changes64(rc_store_sqlite(s));
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_UNCHANGED);
    CHECK_INT(sqlite3_total_changes64(rc_store_sqlite(s)), before);

    /* new metadata: the rows are written again, the same */
    char *one = NULL, *two = NULL;
    static const char dump_sql[] =
        "SELECT group_concat(x, ';') FROM (SELECT doc_seq || text || ifnull(entity, '') AS x"
        " FROM doc_quotes UNION ALL SELECT doc_seq || text || status FROM doc_claims"
        " UNION ALL SELECT doc_seq || text || value FROM doc_dates)";
    char buf[1024];
    one = strdup(sql_text(s, dump_sql, NULL, buf, sizeof buf));
    peskov_doc(&d, "pk");
    d.d.author = RC_STR_LIT("Jeanne Martin");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_UPDATED);
    two = strdup(sql_text(s, dump_sql, NULL, buf, sizeof buf));
    int same = one && two && strcmp(one, two) == 0;
    free(one);
    free(two);
    CHECK(same);

    /* a new text: the old rows go, the new ones come, the other document's stay */
    mkdoc(&d, "pk", "Le Kremlin dément", "Le porte-parole a démenti mardi toute rencontre.");
    add_sent(&d, "Le porte-parole a démenti mardi toute rencontre.");
    add_claim(&d, "toute rencontre", RC_CLAIM_DENIED, "Le porte-parole", "a démenti");
    add_date(&d, "mardi", RC_TIMEX_DATE, "2025-04-15", "published");
    add_date(&d, "rencontre", RC_TIMEX_DURATION, "P1D", "absolute");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_UPDATED);
    CHECK_INT(count_facts(s, "pk"), 0 + 100 + 20000);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM doc_quotes", NULL), 0);
    CHECK_STR(rc_str_c(sql_text(s, "SELECT status || ':' || text FROM doc_claims", NULL, buf,
                                sizeof buf)), "denied:toute rencontre");
    CHECK_STR(rc_str_c(sql_text(s, "SELECT group_concat(value, ',') FROM"
                                   " (SELECT value FROM doc_dates ORDER BY idx)", NULL, buf,
                                sizeof buf)), "2025-04-15,P1D");
    /* and it is unchanged again afterwards */
    before = sqlite3_total_changes64(rc_store_sqlite(s));
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_UNCHANGED);
    CHECK_INT(sqlite3_total_changes64(rc_store_sqlite(s)), before);
    rc_store_close(s);
    tdb_done(&t);
}

/* The schema of a database as one string (to compare two of them). */
static char *schema_of(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    rc_buf b;
    rc_buf_init(&b, 0);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return NULL;
    if (sqlite3_prepare_v2(db, "SELECT type, name, ifnull(sql, '') FROM sqlite_schema"
                               " ORDER BY name", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            rc_buf_printf(&b, "%s %s %s\n", sqlite3_column_text(st, 0),
                          sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return b.ptr;
}

TEST(store_migrates_version_2)
{
    tdb t, fresh;
    CHECK(tdb_init(&t));
    CHECK(tdb_init(&fresh));
    int err;
    rc_store *s = rc_store_open(fresh.path, &err, NULL);
    CHECK(s != NULL);
    rc_store_close(s);

    /* A version 2 database with documents: this program's database without
     * what version 3 added (its three tables and documents.facts). */
    s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d, e, c;
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_NEW);
    CHECK_INT(put(s, mkdoc(&e, "plain", "Sans citation", "Un texte sans rien."), NULL),
              RC_PUT_NEW);
    CHECK_INT(put(s, peskov_doc(&c, "pk-copy"), NULL), RC_PUT_NEW);   /* same text */
    rc_store_close(s);
    sqlite3 *db;
    CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "DROP TABLE doc_quotes; DROP TABLE doc_claims;"
                               " DROP TABLE doc_dates; ALTER TABLE documents DROP COLUMN facts;"
                               " PRAGMA user_version = 2;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char *before = schema_of(t.path);
    CHECK(before && !strstr(before, "doc_quotes") && !strstr(before, "facts"));
    free(before);

    /* Opening migrates: the schema of a new database, the documents kept,
     * none of them with quotes yet. */
    s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    CHECK_INT(sql_int(s, "PRAGMA user_version", NULL), RC_STORE_SCHEMA_VERSION);
    char *mig = schema_of(t.path), *want = schema_of(fresh.path);
    int same = mig && want && strcmp(mig, want) == 0;
    if (!same)
        fprintf(stderr, "migrated schema:\n%s\nnew database schema:\n%s\n", mig, want);
    free(mig);
    free(want);
    CHECK(same);
    long n;
    CHECK_INT(rc_store_count(s, &n), RC_OK);
    CHECK_INT(n, 3);
    CHECK_INT(sql_int(s, "SELECT sum(facts) FROM documents", NULL), 0);
    CHECK_INT(count_facts(s, "pk"), 0);

    /* Re-putting the same documents completes the migration: their quotes,
     * claims and dates are written, nothing else moves. */
    char *docs_before = dump(s);
    const char *co = NULL;
    CHECK_INT(rc_store_begin(s), RC_OK);
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_UPDATED);
    CHECK_INT(put(s, mkdoc(&e, "plain", "Sans citation", "Un texte sans rien."), NULL),
              RC_PUT_UPDATED);
    CHECK_INT(put(s, peskov_doc(&c, "pk-copy"), &co), RC_PUT_UPDATED);
    CHECK(co && strcmp(co, "pk") == 0);
    CHECK_INT(rc_store_commit(s), RC_OK);
    char *docs_after = dump(s);
    same = docs_before && docs_after && strcmp(docs_before, docs_after) == 0;
    free(docs_before);
    free(docs_after);
    CHECK(same);
    CHECK_INT(count_facts(s, "pk"), 1 + 100 + 20000);
    CHECK_INT(count_facts(s, "pk-copy"), 1 + 100 + 20000);
    CHECK_INT(count_facts(s, "plain"), 0);
    CHECK_INT(sql_int(s, "SELECT count(*) FROM doc_quotes WHERE entity IS NULL", NULL), 0);
    CHECK_INT(sql_int(s, "SELECT sum(facts) FROM documents", NULL), 3);
    /* and then they are unchanged */
    sqlite3_int64 changes = sqlite3_total_changes64(rc_store_sqlite(s));
    CHECK_INT(put(s, peskov_doc(&d, "pk"), NULL), RC_PUT_UNCHANGED);
    CHECK_INT(put(s, mkdoc(&e, "plain", "Sans citation", "Un texte sans rien."), NULL),
              RC_PUT_UNCHANGED);
    CHECK_INT(sqlite3_total_changes64(rc_store_sqlite(s)), changes);
    rc_store_close(s);
    tdb_done(&t);
    tdb_done(&fresh);
}

typedef struct qhits {
    int n;
    char docs[16][32];
    char entity[16][32];
} qhits;

static int on_quote(void *ud, const rc_quote_row *q)
{
    qhits *h = ud;
    if (h->n < 16) {
        snprintf(h->docs[h->n], sizeof h->docs[0], "%s", q->doc);
        snprintf(h->entity[h->n], sizeof h->entity[0], "%s", q->entity ? q->entity : "-");
    }
    h->n++;
    return 0;
}

/* The documents whose quotes match speaker, in order, as "a,b,c". */
static const char *quoted(rc_store *s, const char *speaker, char *buf, size_t cap)
{
    qhits h = {0};
    int rc = rc_store_quotes(s, speaker, NULL, 0, on_quote, &h);
    size_t len = 0;
    buf[0] = 0;
    if (rc) {
        snprintf(buf, cap, "error %d", rc);
        return buf;
    }
    for (int i = 0; i < h.n && i < 16; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "", h.docs[i]);
    return buf;
}

TEST(store_quotes_by_speaker_across_spellings)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    /* published in this order: a, b, c, d */
    mkdoc(&d, "a", "Le Kremlin", "Dmitri Peskov a déclaré : « Nous ne commentons pas. »");
    d.d.published = RC_STR_LIT("2025-04-14T08:00:00Z");
    add_mention(&d, "Dmitri Peskov", "Dmitri Peskov", RC_ENT_PER);
    add_quote(&d, "Nous ne commentons pas.", 1, "Dmitri Peskov", "Dmitri Peskov", "a déclaré");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);
    mkdoc(&d, "b", "The Kremlin", "Kremlin spokesman Dmitry Peskov said: \"No comment.\"");
    d.d.published = RC_STR_LIT("2025-04-14T09:00:00Z");
    d.d.lang = RC_LANG_EN;
    add_mention(&d, "Dmitry Peskov", "Dmitry Peskov", RC_ENT_PER);
    add_quote(&d, "No comment.", 1, "Dmitry Peskov", "Dmitry Peskov", "said");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);
    /* the surname alone in its document: entities.c joins it to Dmitry Peskov */
    mkdoc(&d, "c", "Talks", "Peskow said the talks had been useful.");
    d.d.published = RC_STR_LIT("2025-04-14T10:00:00Z");
    d.d.lang = RC_LANG_EN;
    add_mention(&d, "Peskow", "Peskow", RC_ENT_PER);
    add_quote(&d, "the talks had been useful", 0, "Peskow", "Peskow", "said");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);
    /* a namesake, and a speaker without a mention */
    mkdoc(&d, "d", "Un homonyme", "Ivan Peskov, maire de Lunel, a ajouté : « Tout va bien. »"
                                  " Un témoin a dit que « rien n'a bougé ».");
    d.d.published = RC_STR_LIT("2025-04-14T11:00:00Z");
    add_mention(&d, "Ivan Peskov", "Ivan Peskov", RC_ENT_PER);
    add_quote(&d, "Tout va bien.", 1, "Ivan Peskov", "Ivan Peskov", "a ajouté");
    add_quote(&d, "rien n'a bougé", 1, NULL, "un témoin", "a dit");
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);
    mkdoc(&d, "e", "Saumon", "« Nous saisirons l'OMC », a prévenu Ingrid Solberg-Haug.");
    d.d.published = RC_STR_LIT("2025-04-14T12:00:00Z");
    add_quote(&d, "Nous saisirons l'OMC", 1, "Ingrid Solberg-Haug", "Ingrid Solberg-Haug",
              "a prévenu");
    add_mention(&d, "Ingrid Solberg-Haug", "Ingrid Solberg-Haug", RC_ENT_PER);
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);

    char buf[256];
    CHECK_STR(rc_str_c(quoted(s, NULL, buf, sizeof buf)), "a,b,c,d,d,e");
    /* a full name in any spelling: the person, and the surname-only mention
     * that is the same entity; not the namesake */
    CHECK_STR(rc_str_c(quoted(s, "Dmitri Peskov", buf, sizeof buf)), "a,b,c");
    CHECK_STR(rc_str_c(quoted(s, "Dmitry Peskov", buf, sizeof buf)), "a,b,c");
    CHECK_STR(rc_str_c(quoted(s, "dmitri peskow", buf, sizeof buf)), "a,b,c");
    CHECK_STR(rc_str_c(quoted(s, "Ivan Peskov", buf, sizeof buf)), "d");
    /* a surname, with or without a title or an initial: every Peskov */
    CHECK_STR(rc_str_c(quoted(s, "Peskov", buf, sizeof buf)), "a,b,c,d");
    CHECK_STR(rc_str_c(quoted(s, "Peskow", buf, sizeof buf)), "a,b,c,d");
    CHECK_STR(rc_str_c(quoted(s, "M. Peskov", buf, sizeof buf)), "a,b,c,d");
    CHECK_STR(rc_str_c(quoted(s, "D. Peskov", buf, sizeof buf)), "a,b,c,d");
    CHECK_STR(rc_str_c(quoted(s, "  Mr  Peskov ", buf, sizeof buf)), "a,b,c,d");
    CHECK_STR(rc_str_c(quoted(s, "Sokolov", buf, sizeof buf)), "");
    /* spaces or hyphens inside a name do not matter; a name of two words
     * may be a compound surname */
    CHECK_STR(rc_str_c(quoted(s, "Solberg Haug", buf, sizeof buf)), "e");
    CHECK_STR(rc_str_c(quoted(s, "Solberg-Haug", buf, sizeof buf)), "e");
    CHECK_STR(rc_str_c(quoted(s, "Ingrid Solberg Haug", buf, sizeof buf)), "e");
    CHECK_STR(rc_str_c(quoted(s, "Mme Ingrid Solberg-Haug", buf, sizeof buf)), "e");
    CHECK_STR(rc_str_c(quoted(s, "un témoin", buf, sizeof buf)), "d");
    snprintf(buf, sizeof buf, "error %d", RC_EINVAL);
    char got[64];
    CHECK_STR(rc_str_c(quoted(s, "« ! »", got, sizeof got)), buf);

    /* the entity: one for a, b and c, another for d */
    qhits h = {0};
    CHECK_INT(rc_store_quotes(s, "Peskov", NULL, 0, on_quote, &h), RC_OK);
    CHECK_INT(h.n, 4);
    CHECK(h.entity[0][0] == 'e');
    CHECK(strcmp(h.entity[0], h.entity[1]) == 0 && strcmp(h.entity[0], h.entity[2]) == 0);
    CHECK(h.entity[3][0] == 'e' && strcmp(h.entity[0], h.entity[3]) != 0);
    /* limit, story */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_quotes(s, NULL, NULL, 2, on_quote, &h), RC_OK);
    CHECK_INT(h.n, 2);
    char story[32];
    snprintf(story, sizeof story, "s%lld",
             sql_int(s, "SELECT story FROM documents WHERE id = ?", "d"));
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_quotes(s, NULL, story, 0, on_quote, &h), RC_OK);
    CHECK_INT(h.n, sql_int(s, "SELECT count(*) FROM doc_quotes q JOIN documents d ON"
                              " d.seq = q.doc_seq WHERE d.story = (SELECT story FROM documents"
                              " WHERE id = ?)", "d"));
    CHECK(h.n >= 2);
    CHECK_INT(rc_store_quotes(s, NULL, "s999", 0, on_quote, &h), RC_ENOTFOUND);
    CHECK_CONTAINS(rc_store_errmsg(s), "s999");
    CHECK_INT(rc_store_quotes(s, NULL, "story-one", 0, on_quote, &h), RC_EINVAL);
    CHECK_INT(rc_store_quotes(s, NULL, NULL, 0, NULL, NULL), RC_EINVAL);
    rc_store_close(s);
    tdb_done(&t);
}

typedef struct ehits {
    int n;
    char date[8][16], type[8][12], text[8][128], src[8][64];
    size_t nsrc[8], indep[8];
} ehits;

static int on_event(void *ud, const rc_event_row *e)
{
    ehits *h = ud;
    if (h->n < 8) {
        snprintf(h->date[h->n], sizeof h->date[0], "%s", e->date);
        snprintf(h->type[h->n], sizeof h->type[0], "%s", e->type);
        snprintf(h->text[h->n], sizeof h->text[0], "%s", e->text);
        size_t len = 0;
        h->src[h->n][0] = 0;
        for (size_t i = 0; i < e->n_sources && len < sizeof h->src[0]; i++)
            len += (size_t)snprintf(h->src[h->n] + len, sizeof h->src[0] - len, "%s%s",
                                    i ? "," : "", e->sources[i]);
        h->nsrc[h->n] = e->n_sources;
        h->indep[h->n] = e->independent_sources;
    }
    h->n++;
    return 0;
}

static const char flood_text[] =
    "Lundi, la préfète a démenti toute rupture du barrage. "
    "Le 3 mars, la Meurthe avait débordé à Lunel. "
    "Aujourd'hui, la décrue commence.";

static const rc_doc *flood_doc(tdoc *t, const char *id, const char *published)
{
    mkdoc(t, id, "La crue de la Meurthe", flood_text);
    t->d.published = rc_str_c(published);
    add_sent(t, "Lundi, la préfète a démenti toute rupture du barrage.");
    add_sent(t, "Le 3 mars, la Meurthe avait débordé à Lunel.");
    add_sent(t, "Aujourd'hui, la décrue commence.");
    add_date(t, "Lundi", RC_TIMEX_DATE, "2025-03-10", "published");
    add_date(t, "3 mars", RC_TIMEX_DATE, "2025-03-03", "absolute");
    add_date(t, "Aujourd'hui", RC_TIMEX_DATE, "PRESENT_REF", "published");
    return &t->d;
}

TEST(store_timeline_of_a_story)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    CHECK_INT(put(s, flood_doc(&d, "orig", "2025-03-10T08:00:00Z"), NULL), RC_PUT_NEW);
    const char *co;
    CHECK_INT(put(s, flood_doc(&d, "copy", "2025-03-10T09:00:00Z"), &co), RC_PUT_NEW);
    CHECK(co && strcmp(co, "orig") == 0);
    long long sid = sql_int(s, "SELECT story FROM documents WHERE id = ?", "orig");
    CHECK_INT(sql_int(s, "SELECT story FROM documents WHERE id = ?", "copy"), sid);
    char story[32];
    snprintf(story, sizeof story, "s%lld", sid);

    ehits h = {0};
    size_t dropped = 5;
    CHECK_INT(rc_store_timeline(s, story, on_event, &h, &dropped), RC_OK);
    CHECK_INT(dropped, 0);
    CHECK_INT(h.n, 2);                  /* PRESENT_REF is not an event */
    CHECK_STR(rc_str_c(h.date[0]), "2025-03-03");
    CHECK_STR(rc_str_c(h.type[0]), "day");
    CHECK_STR(rc_str_c(h.text[0]), "Le 3 mars, la Meurthe avait débordé à Lunel.");
    CHECK_STR(rc_str_c(h.src[0]), "orig,copy");
    CHECK_INT(h.nsrc[0], 2);
    CHECK_INT(h.indep[0], 1);           /* the copy counts under its original */
    CHECK_STR(rc_str_c(h.date[1]), "2025-03-10");
    CHECK_STR(rc_str_c(h.text[1]), "Lundi, la préfète a démenti toute rupture du barrage.");
    /* "12" names the same story */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_timeline(s, story + 1, on_event, &h, NULL), RC_OK);
    CHECK_INT(h.n, 2);
    CHECK_INT(rc_store_timeline(s, "s4242", on_event, &h, NULL), RC_ENOTFOUND);
    CHECK_CONTAINS(rc_store_errmsg(s), "s4242");
    CHECK_INT(rc_store_timeline(s, "s", on_event, &h, NULL), RC_EINVAL);
    CHECK_INT(rc_store_timeline(s, "s1x", on_event, &h, NULL), RC_EINVAL);
    CHECK_INT(rc_store_timeline(s, story, NULL, NULL, NULL), RC_EINVAL);

    /* the export's story carries the same timeline */
    FILE *f = tmpfile();
    CHECK(f != NULL);
    CHECK_INT(rc_store_export(s, f), RC_OK);
    rewind(f);
    json_error_t je;
    json_t *o = json_loadf(f, 0, &je);
    fclose(f);
    CHECK(o != NULL);
    json_t *st = NULL, *stories = json_object_get(o, "stories");
    for (size_t i = 0; i < json_array_size(stories); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(stories, i), "id")),
                   story) == 0)
            st = json_array_get(stories, i);
    CHECK(st != NULL);
    json_t *tl = json_object_get(st, "timeline");
    CHECK(json_array_size(tl) == 2);
    json_t *e0 = json_array_get(tl, 0);
    CHECK(strcmp(json_string_value(json_object_get(e0, "date")), "2025-03-03") == 0);
    CHECK(strcmp(json_string_value(json_object_get(e0, "type")), "day") == 0);
    CHECK(strcmp(json_string_value(json_object_get(e0, "text")),
                 "Le 3 mars, la Meurthe avait débordé à Lunel.") == 0);
    CHECK(json_array_size(json_object_get(e0, "sources")) == 2);
    CHECK(json_integer_value(json_object_get(e0, "independent_sources")) == 1);
    json_decref(o);
    rc_store_close(s);
    tdb_done(&t);
}

/* The export's claims: a story's claims grouped, a copy counted under its
 * original, a chain (the outlet citing the Gazette) under the Gazette. */
TEST(store_export_claims)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    tdoc d;
    static const char txt[] =
        "Selon la Harbour Gazette, Marta Quillon et Oskar Vendt se sont rencontrés à Tallinn "
        "le 30 avril. Le ministère a démenti toute rencontre.";
    const char *co;
    for (int i = 0; i < 2; i++) {
        mkdoc(&d, i ? "copy" : "orig", "Rencontre à Tallinn", txt);
        d.d.published = i ? RC_STR_LIT("2025-05-02T10:00:00Z") : RC_STR_LIT("2025-05-02T08:00:00Z");
        add_claim(&d, "Marta Quillon et Oskar Vendt se sont rencontrés à Tallinn le 30 avril",
                  RC_CLAIM_ALLEGED, "le journal", NULL);
        d.claims[0].cited = rc_str_c("la Harbour Gazette");
        add_claim(&d, "toute rencontre", RC_CLAIM_DENIED, "Le ministère", NULL);
        CHECK_INT(put(s, &d.d, &co), RC_PUT_NEW);
    }
    CHECK(co && strcmp(co, "orig") == 0);
    long long sid = sql_int(s, "SELECT story FROM documents WHERE id = ?", "orig");
    char story[32];
    snprintf(story, sizeof story, "s%lld", sid);

    FILE *f = tmpfile();
    CHECK(f != NULL);
    CHECK_INT(rc_store_export(s, f), RC_OK);
    rewind(f);
    json_error_t je;
    json_t *o = json_loadf(f, 0, &je);
    fclose(f);
    CHECK(o != NULL);
    json_t *claims = json_object_get(o, "claims");
    CHECK_INT(json_array_size(claims), 2);
    json_t *c0 = json_array_get(claims, 0), *c1 = json_array_get(claims, 1);
    char id[48];
    snprintf(id, sizeof id, "%s.c1", story);
    CHECK(strcmp(json_string_value(json_object_get(c0, "id")), id) == 0);
    CHECK(strcmp(json_string_value(json_object_get(c0, "story")), story) == 0);
    /* same first publication: by text ('M' < 't') */
    CHECK(strcmp(json_string_value(json_object_get(c0, "text")),
                 "Marta Quillon et Oskar Vendt se sont rencontrés à Tallinn le 30 avril") == 0);
    json_t *src = json_object_get(c0, "sources");
    CHECK_INT(json_array_size(src), 2);
    json_t *s0 = json_array_get(src, 0);
    CHECK(strcmp(json_string_value(json_object_get(s0, "doc")), "orig") == 0);
    CHECK(strcmp(json_string_value(json_object_get(s0, "status")), "alleged") == 0);
    CHECK(strcmp(json_string_value(json_object_get(s0, "source")), "le journal") == 0);
    CHECK(strcmp(json_string_value(json_object_get(s0, "cited")), "la Harbour Gazette") == 0);
    CHECK_INT(json_integer_value(json_object_get(c0, "independent_sources")), 1);
    CHECK(json_is_false(json_object_get(c0, "contradiction")));
    json_t *first = json_object_get(c0, "first");
    CHECK(strcmp(json_string_value(json_object_get(first, "doc")), "orig") == 0);
    CHECK(strcmp(json_string_value(json_object_get(first, "published")),
                 "2025-05-02T08:00:00Z") == 0);
    CHECK(strcmp(json_string_value(json_object_get(c1, "text")), "toute rencontre") == 0);
    CHECK(strcmp(json_string_value(json_object_get(
                     json_array_get(json_object_get(c1, "sources"), 0), "status")),
                 "denied") == 0);
    /* the story's view has the export's claims of that story, the same objects */
    rc_buf b;
    rc_buf_init(&b, 0);
    CHECK_INT(rc_store_story_json(s, story, &b), RC_OK);
    json_t *so = json_loads(b.ptr, 0, &je);
    rc_buf_free(&b);
    CHECK(so != NULL);
    json_t *mine = json_array();
    for (size_t i = 0; i < json_array_size(claims); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(claims, i), "story")),
                   story) == 0)
            json_array_append(mine, json_array_get(claims, i));
    CHECK_INT(json_array_size(mine), 2);
    CHECK(json_equal(json_object_get(so, "claims"), mine));
    json_decref(mine);
    json_decref(so);
    json_decref(o);

    /* the same rows give the same claims, byte for byte */
    char *one = NULL, *two = NULL;
    size_t n1 = 0, n2 = 0;
    FILE *m = open_memstream(&one, &n1);
    CHECK(m != NULL);
    CHECK_INT(rc_store_export(s, m), RC_OK);
    fclose(m);
    m = open_memstream(&two, &n2);
    CHECK(m != NULL);
    CHECK_INT(rc_store_export(s, m), RC_OK);
    fclose(m);
    CHECK(n1 == n2 && memcmp(one, two, n1) == 0);
    free(one);
    free(two);
    rc_store_close(s);
    tdb_done(&t);
}

/* ------------------------------------------------------------------ stories */

typedef struct shits {
    int n, stop_after;
    char id[8][16], first[8][32], last[8][32], langs[8][16], title[8][64];
    long docs[8], copies[8];
    int nlangs[8];
} shits;

static int on_story(void *ud, const rc_story_row *r)
{
    shits *h = ud;
    if (h->n < 8) {
        snprintf(h->id[h->n], sizeof h->id[0], "%s", r->id);
        snprintf(h->first[h->n], sizeof h->first[0], "%s", r->first_published ? r->first_published : "(null)");
        snprintf(h->last[h->n], sizeof h->last[0], "%s", r->last_published ? r->last_published : "(null)");
        snprintf(h->langs[h->n], sizeof h->langs[0], "%s", r->langs ? r->langs : "(null)");
        snprintf(h->title[h->n], sizeof h->title[0], "%s", r->title ? r->title : "(null)");
        h->docs[h->n] = r->n_docs;
        h->copies[h->n] = r->n_copies;
        h->nlangs[h->n] = r->n_langs;
    }
    h->n++;
    return h->stop_after && h->n >= h->stop_after ? RC_EIO : 0;
}

static const char budget_text[] =
    "Le Parlement a adopté mardi le budget de la sécurité sociale après un long débat.";

/* "s12" of a document's story. */
static const char *story_of(rc_store *s, const char *doc, char *buf, size_t cap)
{
    snprintf(buf, cap, "s%lld", sql_int(s, "SELECT story FROM documents WHERE id = ?", doc));
    return buf;
}

TEST(store_stories_and_story_json)
{
    tdb t;
    CHECK(tdb_init(&t));
    int err;
    rc_store *s = rc_store_open(t.path, &err, NULL);
    CHECK(s != NULL);
    /* three stories months apart: F (the flood, an original and its exact
     * copy), P (Peskov, 2022, one document), N (the budget, the newest) */
    tdoc d;
    CHECK_INT(put(s, flood_doc(&d, "orig", "2025-03-10T08:00:00Z"), NULL), RC_PUT_NEW);
    CHECK_INT(put(s, flood_doc(&d, "copy", "2025-03-10T09:00:00Z"), NULL), RC_PUT_NEW);
    CHECK_INT(put(s, peskov_doc(&d, "peskov"), NULL), RC_PUT_NEW);
    mkdoc(&d, "budget", "Le budget adopté", budget_text);
    d.d.published = RC_STR_LIT("2025-06-03");
    d.d.lang = RC_LANG_EN;               /* a second language for F once merged */
    CHECK_INT(put(s, &d.d, NULL), RC_PUT_NEW);
    char f[32], p[32], n[32];
    story_of(s, "orig", f, sizeof f);
    story_of(s, "peskov", p, sizeof p);
    story_of(s, "budget", n, sizeof n);
    CHECK(strcmp(f, p) != 0 && strcmp(f, n) != 0 && strcmp(p, n) != 0);

    shits h = {0};
    CHECK_INT(rc_store_stories(s, RC_STORIES_NEWEST, 0, on_story, &h), RC_OK);
    CHECK_INT(h.n, 3);
    CHECK_STR(rc_str_c(h.id[0]), n);
    CHECK_STR(rc_str_c(h.id[1]), f);
    CHECK_STR(rc_str_c(h.id[2]), p);
    CHECK_INT(h.docs[1], 2);
    CHECK_INT(h.copies[1], 1);           /* "copy" copies "orig" */
    CHECK_INT(h.copies[2], 0);
    CHECK_STR(rc_str_c(h.first[1]), "2025-03-10T08:00:00Z");
    CHECK_STR(rc_str_c(h.last[1]), "2025-03-10T09:00:00Z");
    CHECK_STR(rc_str_c(h.langs[1]), "fr");
    CHECK_INT(h.nlangs[1], 1);
    CHECK_STR(rc_str_c(h.title[1]), "La crue de la Meurthe");
    /* largest: F first, then the one-document stories newest first */
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_stories(s, RC_STORIES_LARGEST, 0, on_story, &h), RC_OK);
    CHECK_INT(h.n, 3);
    CHECK_STR(rc_str_c(h.id[0]), f);
    CHECK_STR(rc_str_c(h.id[1]), n);
    CHECK_STR(rc_str_c(h.id[2]), p);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_stories(s, RC_STORIES_NEWEST, 2, on_story, &h), RC_OK);
    CHECK_INT(h.n, 2);
    CHECK_STR(rc_str_c(h.id[1]), f);
    /* a callback's negative value stops the listing and is the result */
    memset(&h, 0, sizeof h);
    h.stop_after = 1;
    CHECK_INT(rc_store_stories(s, RC_STORIES_NEWEST, 0, on_story, &h), RC_EIO);
    CHECK_INT(h.n, 1);
    CHECK_INT(rc_store_stories(s, 7, 0, on_story, &h), RC_EINVAL);
    CHECK_INT(rc_store_stories(s, RC_STORIES_NEWEST, 0, NULL, NULL), RC_EINVAL);

    /* one story: its documents, its timeline (the export's), its quotes */
    rc_buf b;
    rc_buf_init(&b, 0);
    CHECK_INT(rc_store_story_json(s, f, &b), RC_OK);
    json_error_t je;
    json_t *o = json_loads(b.ptr, 0, &je);
    CHECK(o != NULL);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(o, "id"))), f);
    CHECK(json_is_null(json_object_get(o, "merged_from")));
    CHECK_INT(json_integer_value(json_object_get(o, "n_docs")), 2);
    CHECK_INT(json_integer_value(json_object_get(o, "n_copies")), 1);
    json_t *docs = json_object_get(o, "docs");
    CHECK_INT(json_array_size(docs), 2);
    json_t *d1 = json_array_get(docs, 1);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(d1, "id"))), "copy");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(d1, "copy_of"))), "orig");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(d1, "copy_kind"))), "duplicate");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(d1, "site"))), "example.org");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(d1, "lang"))), "fr");
    json_t *tl = json_object_get(o, "timeline");
    CHECK_INT(json_array_size(tl), 2);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(json_array_get(tl, 0), "date"))),
              "2025-03-03");
    CHECK_INT(json_array_size(json_object_get(o, "quotes")), 0);
    CHECK(json_is_array(json_object_get(o, "claims")));
    json_decref(o);
    rc_buf_clear(&b);
    CHECK_INT(rc_store_story_json(s, p + 1, &b), RC_OK);          /* "12" works too */
    o = json_loads(b.ptr, 0, &je);
    CHECK(o != NULL);
    json_t *q0 = json_array_get(json_object_get(o, "quotes"), 0);
    CHECK(q0 != NULL);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(q0, "speaker"))), "Dmitri Peskov");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(q0, "text"))),
              "Nous ne commentons pas ces informations.");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(q0, "doc"))), "peskov");
    json_decref(o);

    /* unknown and malformed ids; out is left as it was */
    rc_buf_clear(&b);
    rc_buf_puts(&b, "kept");
    CHECK_INT(rc_store_story_json(s, "s4242", &b), RC_ENOTFOUND);
    CHECK_CONTAINS(rc_store_errmsg(s), "s4242");
    CHECK_INT(rc_store_story_json(s, "s1x", &b), RC_EINVAL);
    CHECK_INT(rc_store_story_json(s, NULL, &b), RC_EINVAL);
    CHECK_STR(rc_buf_str(&b), "kept");

    /* N merged into F, as stories.c leaves it: N's documents are F's, N
     * empty and pointing at F.  N is no longer listed; its id is F. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "UPDATE documents SET story = %s WHERE story = %s;"
             "UPDATE stories SET n_docs = n_docs + 1 WHERE id = %s;"
             "UPDATE stories SET n_docs = 0, centroid = NULL, merged_into = %s WHERE id = %s;",
             f + 1, n + 1, f + 1, f + 1, n + 1);
    CHECK_INT(sqlite3_exec(rc_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
    memset(&h, 0, sizeof h);
    CHECK_INT(rc_store_stories(s, RC_STORIES_LARGEST, 0, on_story, &h), RC_OK);
    CHECK_INT(h.n, 2);
    CHECK_STR(rc_str_c(h.id[0]), f);
    CHECK_INT(h.docs[0], 3);
    CHECK_STR(rc_str_c(h.langs[0]), "en,fr");
    CHECK_INT(h.nlangs[0], 2);
    CHECK_STR(rc_str_c(h.id[1]), p);
    rc_buf_clear(&b);
    CHECK_INT(rc_store_story_json(s, n, &b), RC_OK);
    o = json_loads(b.ptr, 0, &je);
    CHECK(o != NULL);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(o, "id"))), f);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(o, "merged_from"))), n);
    CHECK_INT(json_array_size(json_object_get(o, "docs")), 3);
    CHECK_INT(json_array_size(json_object_get(o, "langs")), 2);
    json_decref(o);
    /* the timeline, without following merges, still refuses the empty story */
    ehits eh = {0};
    CHECK_INT(rc_store_timeline(s, n, on_event, &eh, NULL), RC_ENOTFOUND);
    rc_buf_free(&b);
    rc_store_close(s);
    tdb_done(&t);
}
