/*
 * test_entities.c -- cross-document entities (src/entities.c) and the
 * transliteration-aware keys they rest on (src/names.c).
 *
 * Documents are built by hand (text, tokens, mentions as ner.c would give
 * them) and linked in a private SQLite database that has the one column of
 * the store's documents table the module reads (seq, id).
 */
#include "test.h"
#include "entities.h"
#include "names.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ fixture */

typedef struct ment_spec {
    const char *surface;   /* first occurrence in the text */
    int type;
    const char *name;      /* canonical name (NULL: the surface) */
    const char *role;
} ment_spec;

#define MAX_M 8

typedef struct tdoc {
    rc_doc doc;
    rc_mention m[MAX_M];
    rc_token toks[256];
} tdoc;

/* Words (runs of letters, digits, apostrophes, hyphens; any non-ASCII byte
 * counts as a letter) and one-byte punctuation tokens. */
static size_t tokenize(const char *s, rc_token *t, size_t cap)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len) {
            unsigned char d = (unsigned char)s[j];
            if (!(d >= 0x80 || (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
                  (d >= '0' && d <= '9') || d == '\'' || d == '-'))
                break;
            j++;
        }
        if (j == i) {
            t[n++] = (rc_token){(uint32_t)i, (uint32_t)i + 1, RC_TOK_PUNCT};
            i++;
        } else {
            t[n++] = (rc_token){(uint32_t)i, (uint32_t)j, RC_TOK_WORD};
            i = j;
        }
    }
    return n;
}

static void make_doc(tdoc *d, rc_arena *a, const char *id, rc_lang lang, const char *text,
                     const ment_spec *ms, size_t n)
{
    memset(d, 0, sizeof *d);
    d->doc.id = rc_str_c(id);
    d->doc.lang = lang;
    d->doc.text = rc_str_c(text);
    d->doc.n_toks = tokenize(text, d->toks, 256);
    d->doc.toks = d->toks;
    for (size_t i = 0; i < n && i < MAX_M; i++) {
        const char *p = strstr(text, ms[i].surface);
        rc_mention *m = &d->m[i];
        m->start = p ? (uint32_t)(p - text) : 0;
        m->end = m->start + (uint32_t)strlen(ms[i].surface);
        m->type = (uint8_t)ms[i].type;
        m->name = rc_str_c(ms[i].name ? ms[i].name : ms[i].surface);
        m->role = rc_str_c(ms[i].role);
        rc_name_key(a, m->name, m->type, &m->key);
    }
    d->doc.mentions = d->m;
    d->doc.n_mentions = n < MAX_M ? n : MAX_M;
}

typedef struct env {
    sqlite3 *db;
    rc_entities *ents;
    rc_arena *a;
} env;

static int env_open(env *v)
{
    memset(v, 0, sizeof *v);
    if (sqlite3_open(":memory:", &v->db) != SQLITE_OK)
        return -1;
    if (sqlite3_exec(v->db, "PRAGMA foreign_keys = ON;"
                     "CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL);",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    v->a = rc_arena_new(0);
    return rc_entities_init(v->db, &v->ents);
}

static void env_close(env *v)
{
    rc_entities_close(v->ents);
    sqlite3_close(v->db);
    rc_arena_free(v->a);
}

/* Store the document row (if new) and link its mentions; returns the code. */
static int put(env *v, const char *id, rc_lang lang, const char *text, const ment_spec *ms,
               size_t n)
{
    tdoc *d = malloc(sizeof *d);
    if (!d)
        return RC_ENOMEM;
    make_doc(d, v->a, id, lang, text, ms, n);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(v->db, "INSERT OR IGNORE INTO documents (id) VALUES (?1)", -1, &st, NULL);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(v->db, "SELECT seq FROM documents WHERE id = ?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int64_t seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    int rc = rc_entities_put(v->ents, seq, &d->doc);
    free(d);
    return rc;
}

#define M1(s, t) ((ment_spec[]){{s, t, NULL, NULL}}), 1

/* The export as a jansson array (NULL if it is not valid JSON). */
static json_t *export_json(env *v, char **text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = rc_entities_export(v->ents, f);
    fclose(f);
    json_error_t err;
    json_t *j = rc ? NULL : json_loads(buf, 0, &err);
    if (text)
        *text = buf;
    else
        free(buf);
    return j;
}

/* The exported entity that lists doc id `doc` and holds variant `var`. */
static json_t *entity_of(json_t *arr, const char *doc, const char *var)
{
    size_t i, j;
    json_t *e, *x;
    json_array_foreach(arr, i, e) {
        int has_doc = 0, has_var = 0;
        json_array_foreach(json_object_get(e, "docs"), j, x)
            has_doc |= strcmp(json_string_value(x), doc) == 0;
        json_array_foreach(json_object_get(e, "variants"), j, x)
            has_var |= strcmp(json_string_value(x), var) == 0;
        if (has_doc && has_var)
            return e;
    }
    return NULL;
}

#define SAME(arr, d1, v1, d2, v2) CHECK(entity_of(arr, d1, v1) && entity_of(arr, d1, v1) == entity_of(arr, d2, v2))
#define APART(arr, d1, v1, d2, v2) CHECK(entity_of(arr, d1, v1) && entity_of(arr, d2, v2) && entity_of(arr, d1, v1) != entity_of(arr, d2, v2))

/* ------------------------------------------------------------------ merging */

TEST(entities_transliterations_merge)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    CHECK_INT(put(&v, "fr1", RC_LANG_FR, "Sergueï Narychkine a parlé.", M1("Sergueï Narychkine", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "en1", RC_LANG_EN, "Sergey Naryshkin said.", M1("Sergey Naryshkin", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "de1", RC_LANG_DE, "Sergej Naryschkin sagte.", M1("Sergej Naryschkin", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "fr2", RC_LANG_FR, "Mouammar Kadhafi est mort.", M1("Mouammar Kadhafi", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "en2", RC_LANG_EN, "Muammar Gaddafi died.", M1("Muammar Gaddafi", RC_ENT_PER)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j && json_is_array(j));
    SAME(j, "fr1", "Sergueï Narychkine", "en1", "Sergey Naryshkin");
    SAME(j, "fr1", "Sergueï Narychkine", "de1", "Sergej Naryschkin");
    SAME(j, "fr2", "Mouammar Kadhafi", "en2", "Muammar Gaddafi");
    APART(j, "fr1", "Sergueï Narychkine", "fr2", "Mouammar Kadhafi");
    json_t *e = entity_of(j, "fr1", "Sergueï Narychkine");
    CHECK_INT(json_array_size(json_object_get(e, "docs")), 3);
    CHECK_INT(json_array_size(json_object_get(e, "variants")), 3);
    /* the name: the English documents' spelling */
    CHECK(strcmp(json_string_value(json_object_get(e, "name")), "Sergey Naryshkin") == 0);
    CHECK(strcmp(json_string_value(json_object_get(e, "type")), "PER") == 0);
    json_decref(j);
    env_close(&v);
}

TEST(entities_exonyms_through_gazetteer)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    CHECK_INT(put(&v, "a", RC_LANG_FR, "Moscou a répondu.", M1("Moscou", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "b", RC_LANG_EN, "Moscow replied.", M1("Moscow", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "c", RC_LANG_DE, "Moskau antwortete.", M1("Moskau", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "d", RC_LANG_FR, "Pékin dément.", M1("Pékin", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "e", RC_LANG_EN, "Beijing denies.", M1("Beijing", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "f", RC_LANG_EN, "Kyiv said.", M1("Kyiv", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "g", RC_LANG_FR, "Kiev a dit.", M1("Kiev", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "h", RC_LANG_DE, "Kiew sagte.", M1("Kiew", RC_ENT_LOC)), 0);
    /* a country the NER typed ORG is still the country */
    CHECK_INT(put(&v, "i", RC_LANG_FR, "L'Allemagne a voté.", M1("Allemagne", RC_ENT_ORG)), 0);
    CHECK_INT(put(&v, "j", RC_LANG_EN, "Germany voted.", M1("Germany", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "k", RC_LANG_EN, "Niger voted.", M1("Niger", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "l", RC_LANG_EN, "Nigeria voted.", M1("Nigeria", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "m", RC_LANG_FR, "Le Nigéria a voté.", M1("Nigéria", RC_ENT_LOC)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j);
    SAME(j, "a", "Moscou", "b", "Moscow");
    SAME(j, "a", "Moscou", "c", "Moskau");
    SAME(j, "d", "Pékin", "e", "Beijing");
    SAME(j, "f", "Kyiv", "g", "Kiev");
    SAME(j, "f", "Kyiv", "h", "Kiew");
    SAME(j, "i", "Allemagne", "j", "Germany");
    SAME(j, "l", "Nigeria", "m", "Nigéria");
    APART(j, "k", "Niger", "l", "Nigeria");
    APART(j, "a", "Moscou", "d", "Pékin");
    CHECK(strcmp(json_string_value(json_object_get(entity_of(j, "a", "Moscou"), "name")), "Moscow") == 0);
    CHECK(strcmp(json_string_value(json_object_get(entity_of(j, "i", "Allemagne"), "type")), "LOC") == 0);
    json_decref(j);
    env_close(&v);
}

TEST(entities_place_spans_widened_and_found)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    /* the NER kept "Haye" without its article, and missed "Manille" */
    CHECK_INT(put(&v, "a", RC_LANG_FR, "La Haye : la cour a statué.", M1("Haye", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "b", RC_LANG_EN, "The Hague: the court ruled.", M1("The Hague", RC_ENT_LOC)), 0);
    CHECK_INT(put(&v, "c", RC_LANG_FR, "Manille : trois blessés.", NULL, 0), 0);
    CHECK_INT(put(&v, "d", RC_LANG_EN, "Manila: three injured.", M1("Manila", RC_ENT_LOC)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j);
    SAME(j, "a", "La Haye", "b", "The Hague");
    SAME(j, "c", "Manille", "d", "Manila");
    json_decref(j);
    env_close(&v);
}

TEST(entities_nicknames_and_namesakes)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    CHECK_INT(put(&v, "1", RC_LANG_EN, "William Harrington resigned.", M1("William Harrington", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "2", RC_LANG_EN, "Margaret Harrington won.", M1("Margaret Harrington", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "3", RC_LANG_EN, "Bill Harrington said no.", M1("Bill Harrington", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "4", RC_LANG_EN, "Peggy Harrington said yes.", M1("Peggy Harrington", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "5", RC_LANG_EN, "Robert Smith left.", M1("Robert Smith", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "6", RC_LANG_EN, "Bob Smith came.", M1("Bob Smith", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "7", RC_LANG_EN, "Matt Jones came.", M1("Matt Jones", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "8", RC_LANG_EN, "Matthew Jones left.", M1("Matthew Jones", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "9", RC_LANG_EN, "Daniel Brown left.", M1("Daniel Brown", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "10", RC_LANG_EN, "Danielle Brown came.", M1("Danielle Brown", RC_ENT_PER)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j);
    SAME(j, "1", "William Harrington", "3", "Bill Harrington");
    SAME(j, "2", "Margaret Harrington", "4", "Peggy Harrington");
    APART(j, "1", "William Harrington", "2", "Margaret Harrington");
    APART(j, "3", "Bill Harrington", "4", "Peggy Harrington");
    SAME(j, "5", "Robert Smith", "6", "Bob Smith");
    SAME(j, "7", "Matt Jones", "8", "Matthew Jones");
    APART(j, "9", "Daniel Brown", "10", "Danielle Brown");
    json_decref(j);
    env_close(&v);
}

TEST(entities_person_is_not_place)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    CHECK_INT(put(&v, "p", RC_LANG_EN, "Lloyd Austin, the defense secretary, said.",
                  ((ment_spec[]){{"Lloyd Austin", RC_ENT_PER, NULL, "the defense secretary"}}), 1), 0);
    CHECK_INT(put(&v, "q", RC_LANG_EN, "Austin said it would hold.",
                  ((ment_spec[]){{"Austin", RC_ENT_PER, "Lloyd Austin", NULL}}), 1), 0);
    CHECK_INT(put(&v, "c", RC_LANG_EN, "Flooding in Austin, Texas.", M1("Austin", RC_ENT_LOC)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j);
    SAME(j, "p", "Lloyd Austin", "q", "Lloyd Austin");
    APART(j, "p", "Lloyd Austin", "c", "Austin");
    CHECK(strcmp(json_string_value(json_object_get(entity_of(j, "c", "Austin"), "type")), "LOC") == 0);
    json_decref(j);
    env_close(&v);
}

TEST(entities_partial_names_across_documents)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    /* a surname alone before any full name: upgraded when the full name comes */
    CHECK_INT(put(&v, "a", RC_LANG_FR, "Peskov a démenti.", M1("Peskov", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "b", RC_LANG_EN, "Dmitry Peskov denied it.", M1("Dmitry Peskov", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "c", RC_LANG_EN, "Peskov said again.", M1("Peskov", RC_ENT_PER)), 0);
    /* two Johnsons: a lone "Johnson" joins neither */
    CHECK_INT(put(&v, "d", RC_LANG_EN, "Boris Johnson spoke.", M1("Boris Johnson", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "e", RC_LANG_EN, "Dustin Johnson won.", M1("Dustin Johnson", RC_ENT_PER)), 0);
    CHECK_INT(put(&v, "f", RC_LANG_EN, "Johnson smiled.", M1("Johnson", RC_ENT_PER)), 0);
    json_t *j = export_json(&v, NULL);
    CHECK(j);
    SAME(j, "a", "Peskov", "b", "Dmitry Peskov");
    SAME(j, "c", "Peskov", "b", "Dmitry Peskov");
    APART(j, "d", "Boris Johnson", "e", "Dustin Johnson");
    APART(j, "f", "Johnson", "d", "Boris Johnson");
    APART(j, "f", "Johnson", "e", "Dustin Johnson");
    CHECK(strcmp(json_string_value(json_object_get(entity_of(j, "a", "Peskov"), "name")),
                 "Dmitry Peskov") == 0);
    json_decref(j);
    env_close(&v);
}

/* ------------------------------------------------------------------ storage */

TEST(entities_reput_is_idempotent_and_replaces_links)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    const ment_spec two[] = {{"Vladimir Poutine", RC_ENT_PER, NULL, "président russe"},
                             {"Moscou", RC_ENT_LOC, NULL, NULL}};
    CHECK_INT(put(&v, "a", RC_LANG_FR, "Vladimir Poutine, président russe, à Moscou.", two, 2), 0);
    CHECK_INT(put(&v, "b", RC_LANG_EN, "Vladimir Putin in Moscow.",
                  ((ment_spec[]){{"Vladimir Putin", RC_ENT_PER, NULL, NULL},
                                 {"Moscow", RC_ENT_LOC, NULL, NULL}}), 2), 0);
    char *t1, *t2, *t3;
    json_t *j1 = export_json(&v, &t1);
    CHECK_INT(put(&v, "a", RC_LANG_FR, "Vladimir Poutine, président russe, à Moscou.", two, 2), 0);
    CHECK_INT(put(&v, "a", RC_LANG_FR, "Vladimir Poutine, président russe, à Moscou.", two, 2), 0);
    json_t *j2 = export_json(&v, &t2);
    CHECK(j1 && j2);
    CHECK(strcmp(t1, t2) == 0);
    /* document b now names someone else: its old links go, Moscow keeps doc a */
    CHECK_INT(put(&v, "b", RC_LANG_EN, "Olaf Scholz spoke.", M1("Olaf Scholz", RC_ENT_PER)), 0);
    json_t *j3 = export_json(&v, &t3);
    CHECK(j3);
    CHECK(!entity_of(j3, "b", "Vladimir Putin"));
    CHECK(entity_of(j3, "a", "Moscou") && !entity_of(j3, "b", "Moscow"));
    CHECK(entity_of(j3, "b", "Olaf Scholz"));
    CHECK_INT(json_array_size(j3), 3);
    /* forgetting a document deletes the entities only it named */
    int64_t seq = 0;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(v.db, "SELECT seq FROM documents WHERE id = 'b'", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    CHECK_INT(rc_entities_forget_doc(v.ents, seq), 0);
    sqlite3_prepare_v2(v.db, "SELECT count(*) FROM entities", -1, &st, NULL);
    sqlite3_step(st);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    CHECK_INT(n, 2);
    json_decref(j1);
    json_decref(j2);
    json_decref(j3);
    free(t1);
    free(t2);
    free(t3);
    env_close(&v);
}

TEST(entities_export_json_shape)
{
    env v;
    CHECK_INT(env_open(&v), 0);
    char *t;
    json_t *j = export_json(&v, &t);
    CHECK(j && json_is_array(j) && json_array_size(j) == 0);
    json_decref(j);
    free(t);
    CHECK_INT(put(&v, "x\"1", RC_LANG_EN, "Reuters and \"Hamas\" in Gaza.",
                  ((ment_spec[]){{"Reuters", RC_ENT_ORG, NULL, NULL},
                                 {"Hamas", RC_ENT_ORG, NULL, NULL},
                                 {"Gaza", RC_ENT_LOC, NULL, NULL}}), 3), 0);
    j = export_json(&v, &t);
    CHECK(j && json_array_size(j) == 3);
    size_t i;
    json_t *e;
    json_array_foreach(j, i, e) {
        CHECK(json_is_string(json_object_get(e, "id")));
        CHECK(json_is_string(json_object_get(e, "name")));
        CHECK(json_is_string(json_object_get(e, "type")));
        CHECK(json_is_array(json_object_get(e, "variants")));
        CHECK(json_is_array(json_object_get(e, "docs")));
        CHECK(strcmp(json_string_value(json_array_get(json_object_get(e, "docs"), 0)), "x\"1") == 0);
    }
    json_decref(j);
    free(t);
    env_close(&v);
}

/* ------------------------------------------------------------------ transliteration */

TEST(entities_names_pairs_precision_recall)
{
    char path[512];
    snprintf(path, sizeof path, "%s/names-pairs.tsv", rc_test_fixtures());
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    rc_arena *a = rc_arena_new(0);
    char line[512];
    int tp = 0, fp = 0, fn = 0, tn = 0, n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = 0;
        char *x = strtok(line, "\t"), *y = strtok(NULL, "\t"), *lab = strtok(NULL, "\t"),
             *ty = strtok(NULL, "\t");
        if (!x || !y || !lab || !ty)
            continue;
        int type = strcmp(ty, "PER") == 0 ? RC_ENT_PER : strcmp(ty, "LOC") == 0 ? RC_ENT_LOC
                 : RC_ENT_ORG;
        rc_str k1, k2;
        rc_name_key(a, rc_str_c(x), type, &k1);
        rc_name_key(a, rc_str_c(y), type, &k2);
        int same = rc_str_eq(k1, k2), gold = strcmp(lab, "same") == 0;
        n++;
        if (same && gold)
            tp++;
        else if (same)
            fp++, fprintf(stderr, "  names-pairs: false merge %s / %s (%s)\n", x, y, k1.ptr);
        else if (gold)
            fn++, fprintf(stderr, "  names-pairs: missed %s / %s (%s | %s)\n", x, y, k1.ptr, k2.ptr);
        else
            tn++;
    }
    fclose(f);
    rc_arena_free(a);
    double p = tp + fp ? (double)tp / (tp + fp) : 1, r = tp + fn ? (double)tp / (tp + fn) : 1;
    fprintf(stderr, "  names-pairs: %d pairs, precision %.3f recall %.3f (tp %d fp %d fn %d tn %d)\n",
            n, p, r, tp, fp, fn, tn);
    CHECK(n >= 150);
    CHECK(p >= 0.97);
    CHECK(r >= 0.85);
}

/* ------------------------------------------------------------------ demo corpus */

/* The demo corpus (examples/corpus) read and processed as `recoupe ingest`
 * does (rc_read_path + rc_pipeline), each document linked in turn, then the
 * export checked against the "entities" part of expected.json.  For every
 * expected entity, its export entity is the one holding most of its
 * spellings; every miss is reported on stderr, entity by entity: a spelling
 * found in another entity or in several (a split), a spelling found nowhere,
 * a wrong type, two entities the file calls distinct merged.
 *
 * What fails the test: any distinct pair merged; and for the people whose
 * spellings the engine claims to merge -- transliterations, titles,
 * surname alone, a role or demonym before the name (WHOLE below) -- any
 * split or wrong type.  The other misses are known gaps, counted and
 * reported: given-name variants across languages (Aleksandr/Oleksandr),
 * hyphen against space in compound names (Jean-Marc/Jean Marc),
 * Lindqvist/Lindquist, Eastern name order (Park Jun-ho/Jun-ho Park), places
 * and organisations the NER types by weak context, and names the NER does
 * not find. */

typedef struct corpus_run {
    env *v;
    rc_pipeline *pipe;
    int n_docs, failed;
} corpus_run;

static int corpus_doc(void *ud, const rc_input *in)
{
    corpus_run *c = ud;
    const rc_doc *d;
    if (rc_pipeline_run(c->pipe, in, &d) != 0) {
        c->failed++;
        return 0;
    }
    char id[512];
    snprintf(id, sizeof id, "%.*s", (int)d->id.len, d->id.ptr);
    sqlite3_stmt *st;
    int64_t seq = 0;
    if (sqlite3_prepare_v2(c->v->db, "INSERT INTO documents (id) VALUES (?1) RETURNING seq", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            seq = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (!seq || rc_entities_put(c->v->ents, seq, d) != 0)
        c->failed++;
    c->n_docs++;
    return 0;
}

static void corpus_err(void *ud, const char *path, long line, int code, const char *msg)
{
    ((corpus_run *)ud)->failed++;
    fprintf(stderr, "  demo corpus: %s:%ld: %s\n", path, line, msg);
}

/* The exported entity holding variant s, honorific dropped ("Mr Sokolovsky",
 * "général Kovalenko": the NER leaves titles out of the name); *n_holders
 * counts the entities holding it. */
static json_t *holder_of(json_t *arr, const char *s, int *n_holders)
{
    static const char *const titles[] = {"Mr ", "Ms ", "Mrs ", "M. ", "Mme ", "General ",
                                         "général "};
    for (size_t t = 0; t < sizeof titles / sizeof *titles; t++)
        if (strncmp(s, titles[t], strlen(titles[t])) == 0) {
            s += strlen(titles[t]);
            break;
        }
    json_t *found = NULL, *e, *x;
    size_t i, j;
    *n_holders = 0;
    json_array_foreach(arr, i, e) {
        json_array_foreach(json_object_get(e, "variants"), j, x)
            if (strcmp(json_string_value(x), s) == 0) {
                if (!found)
                    found = e;
                ++*n_holders;
                break;
            }
    }
    return found;
}

/* The export entity of an expected one: the entity holding most of its
 * variants (NULL if none holds any). */
static json_t *main_entity(json_t *arr, json_t *exp)
{
    json_t *best = NULL, *e, *x, *y;
    size_t i, j, k, n_best = 0;
    json_array_foreach(arr, i, e) {
        size_t n = 0;
        json_array_foreach(json_object_get(exp, "variants"), j, x) {
            const char *s = json_string_value(x);
            json_array_foreach(json_object_get(e, "variants"), k, y)
                if (strcmp(json_string_value(y), s) == 0) {
                    n++;
                    break;
                }
        }
        if (n > n_best)
            best = e, n_best = n;
    }
    return best;
}

static const char *const WHOLE[] = {
    "Gennady Sokolovsky", "Daniel Whitcombe", "Ilya Vorontsov", "Ivan Petrenko",
    "Andriy Kovalenko", "Rachel Ainsworth", "Nikita Sokolov", "Halvor Bjørnstad",
};

static int must_be_whole(const char *name)
{
    for (size_t i = 0; i < sizeof WHOLE / sizeof *WHOLE; i++)
        if (strcmp(WHOLE[i], name) == 0)
            return 1;
    return 0;
}

TEST(entities_demo_corpus_matches_expected)
{
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/../../examples/corpus", rc_test_fixtures());
    snprintf(path, sizeof path, "%s/expected.json", dir);
    json_error_t je;
    json_t *exp = json_load_file(path, 0, &je);
    CHECK(exp != NULL);
    json_t *expected = json_object_get(exp, "entities");
    CHECK(json_array_size(expected) >= 40);

    env v;
    CHECK_INT(env_open(&v), 0);
    corpus_run c = {&v, rc_pipeline_new(NULL), 0, 0};
    CHECK(c.pipe != NULL);
    rc_read_opts o = {0};
    rc_reader_cb cb = {corpus_doc, corpus_err, &c};
    sqlite3_exec(v.db, "BEGIN", NULL, NULL, NULL);
    int rc = rc_read_path(dir, &o, &cb);
    sqlite3_exec(v.db, "COMMIT", NULL, NULL, NULL);
    rc_pipeline_free(c.pipe);
    CHECK_INT(rc, 0);
    CHECK_INT(c.failed, 0);
    CHECK_INT(c.n_docs, (long long)json_array_size(json_object_get(exp, "documents")));
    json_t *arr = export_json(&v, NULL);
    CHECK(arr != NULL);

    int splits = 0, bad_types = 0, absent = 0, n_variants = 0, merged = 0, lost = 0;
    int whole_misses = 0;
    size_t i, j, k;
    json_t *x, *y;
    json_array_foreach(expected, i, x) {
        const char *name = json_string_value(json_object_get(x, "name"));
        const char *type = json_string_value(json_object_get(x, "type"));
        const char *want = strcmp(type, "person") == 0 ? "PER"
                         : strcmp(type, "place") == 0 ? "LOC"
                         : strcmp(type, "organization") == 0 ? "ORG" : NULL;
        json_t *m = main_entity(arr, x);
        if (!m) {
            fprintf(stderr, "  demo corpus: %s (%s): no spelling found\n", name, type);
            lost++;
            whole_misses += must_be_whole(name);
            continue;
        }
        const char *got = json_string_value(json_object_get(m, "type"));
        if (want && strcmp(got, want) != 0) {
            fprintf(stderr, "  demo corpus: %s: type %s, expected %s\n", name, got, want);
            bad_types++;
            whole_misses += must_be_whole(name);
        }
        json_array_foreach(json_object_get(x, "variants"), j, y) {
            const char *s = json_string_value(y);
            int n_holders;
            json_t *h = holder_of(arr, s, &n_holders);
            n_variants++;
            if (!h) {
                fprintf(stderr, "  demo corpus: %s: \"%s\" not found\n", name, s);
                absent++;
            } else if (h != m || n_holders > 1) {
                fprintf(stderr, "  demo corpus: %s: \"%s\" in %d entities (\"%s\" ...)\n", name, s,
                        n_holders, json_string_value(json_object_get(h, "name")));
                splits++;
                whole_misses += must_be_whole(name);
            }
        }
    }
    /* distinct entities stay apart */
    json_array_foreach(expected, i, x) {
        json_t *m = main_entity(arr, x);
        json_array_foreach(json_object_get(x, "distinct_from"), j, y) {
            json_t *o2;
            json_array_foreach(expected, k, o2)
                if (strcmp(json_string_value(json_object_get(o2, "name")),
                           json_string_value(y)) == 0 && m && m == main_entity(arr, o2)) {
                    fprintf(stderr, "  demo corpus: %s merged with %s\n",
                            json_string_value(json_object_get(x, "name")), json_string_value(y));
                    merged++;
                }
        }
    }
    fprintf(stderr, "  demo corpus: %zu expected entities, %d spellings: %d split, %d absent,"
            " %d entities not found, %d wrong types, %d distinct pairs merged,"
            " %d misses on the people that must be whole\n",
            json_array_size(expected), n_variants, splits, absent, lost, bad_types, merged,
            whole_misses);
    json_decref(arr);
    json_decref(exp);
    env_close(&v);
    CHECK_INT(merged, 0);
    CHECK_INT(whole_misses, 0);
}
