/* Tests of the embedded store (src/store.c).  Documents are built by hand;
 * every database lives in a fresh temporary directory. */
#include "test.h"
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

/* A document as the pipeline would give it: paragraphs split on "\n\n". */
typedef struct tdoc {
    rc_doc d;
    rc_span paras[16];
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
