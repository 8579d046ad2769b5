/*
 * entities.c -- cross-document entity resolution and storage (entities.h).
 *
 * What: every mention of every stored document is linked to one entity of
 * the corpus, so that "Sergueï Narychkine" (Le Monde), "Sergey Naryshkin"
 * (Reuters) and "Sergej Naryschkin" are one person, Moscou/Moscow/Moskau one
 * place and Bill/William Harrington one person, while Margaret Harrington,
 * Austin the city and Niger stay apart from William Harrington, Austin the
 * person and Nigeria.
 *
 * Algorithm, per document:
 *   0. Place spans.  Each mention is widened to the longest place name of the
 *      gazetteer that contains it within four tokens on each side ("La Haye"
 *      for the NER's "Haye", "Karlstadt am Main" for "Karlstadt" + "Main"),
 *      and capitalised gazetteer place names that no mention covers are
 *      added ("Manille :" in a headline the NER read as a common word).
 * then per distinct name (its document-level canonical name from ner.c,
 * else its surface text):
 *   1. Type.  The NER type is kept, except that a name found in the places
 *      gazetteer (data/gaz-places-alt.tsv) that the NER typed ORG or MISC,
 *      or PER without a role and without a given name first ("Hô Chi Minh
 *      Ville:"), is a place: headlines give the NER little context, and a
 *      place with exonyms is a strong prior.  Types must agree to merge.
 *   2. Merge key, always prefixed by the type ("loc:", "per:"...):
 *      - places: a name of a gazetteer group (English, French and German
 *        GeoNames names, common and official country names) gets the group's
 *        key, "loc:=" + key of its English name, so Pékin = Beijing; a name
 *        that two groups share ("Mexico": the country, and the city in
 *        French) is ambiguous, and so is a key two places share (Jena,
 *        China): the folded spelling then decides (Iéna is Jena), else the
 *        name keeps a key of its own spelling;
 *      - everything else: rc_name_key() (names.h), which folds case, accents
 *        and the French/English/German transliterations of Russian,
 *        Ukrainian, Arabic and Chinese names;
 *      - people: the key is split into a given name and a surname (unless it
 *        starts with a particle: "Le Pen" is a surname).  The given name is
 *        replaced by its formal form when the nickname list
 *        (data/names-nicknames.txt) gives exactly one (Bill -> William, so
 *        Bill and William Harrington share a key; Margaret's does not); a
 *        feminine form keeps its own key (Danielle is not Daniel, though
 *        rc_name_key drops the final e).  A given name without an exact key
 *        joins the only person of that surname whose given name is
 *        compatible (first_compatible: nickname list, truncation "Matt"/
 *        "Matthew", end "Mona"/"Ramona"), if exactly one exists, and a
 *        longer formal name then replaces the shorter one.  A surname
 *        alone ("Naryshkin", which ner.c could not attach to a full name in
 *        its own document) joins the one full-name person
 *        with that surname, and stays a separate surname-only entity when
 *        there are none or several (two different Johnsons); a surname-only
 *        entity is upgraded in place when the first full name with that
 *        surname arrives.  Decisions use the corpus as it is when the
 *        document is put.
 *   3. Look-ups go through the UNIQUE index on entities(key) and the index on
 *      entities(type, surname): one indexed probe or two per distinct name of
 *      a document, no pass over the corpus.
 * Storage: entity_docs(entity, doc_seq, count, roles) and entity_variants
 * (entity, doc_seq, variant, count, full, lang) hold one document's
 * contribution each, so re-putting a document deletes its rows and writes
 * them again (idempotent); entities left without documents are deleted, and
 * entities still linked keep their ids.
 * Export: the entity's `name` is a full name (two words or more) if it has
 * one, then the one most often canonical in English documents, then the one
 * most often canonical overall, then the most frequent (ties: byte order):
 * the export is read across languages and English is the common pivot;
 * `variants` are all distinct surface and canonical names seen (byte order);
 * `docs` the document ids in ingestion order.  Three cursors ordered by
 * entity id are walked in lockstep, so memory is bounded by the largest
 * entity.
 *
 * Why this way: merge keys make resolution one index probe per name and
 * keep it order-independent wherever no context is needed; the gazetteer
 * and nickname list add the equivalences no spelling rule can find
 * (Aix-la-Chapelle = Aachen, Peggy = Margaret); the guards (type agreement,
 * formal-name agreement, unambiguous surname) keep precision first, since
 * a false merge corrupts every dossier that uses the entity.
 *
 * The gazetteers are loaded once (pthread_once) and shared read-only.
 */
#include "entities.h"
#include "data.h"
#include "json.h"
#include "names.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ string map */

/* Open-addressing map from byte strings to int32 values.  Keys are not
 * copied: they must outlive the map (the lexicon's are never freed, a put's
 * live in its arena until the map is cleared). */
typedef struct smap_ent {
    const char *key;
    uint32_t len;
    uint32_t hash;
    int32_t val;
} smap_ent;

typedef struct smap {
    smap_ent *e;
    size_t cap;     /* power of two, or 0 */
    size_t n;
} smap;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

static smap_ent *smap_find(const smap *m, const char *k, size_t n, uint32_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        smap_ent *x = &m->e[i];
        if (!x->key || (x->hash == h && x->len == n && memcmp(x->key, k, n) == 0))
            return x;
    }
}

static const smap_ent *smap_get(const smap *m, const char *k, size_t n)
{
    smap_ent *x = smap_find(m, k, n, hash_bytes(k, n));
    return x && x->key ? x : NULL;
}

static int smap_grow(smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    smap_ent *e = calloc(cap, sizeof *e);
    if (!e)
        return RC_ENOMEM;
    smap old = *m;
    m->e = e;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.e[i].key)
            *smap_find(m, old.e[i].key, old.e[i].len, old.e[i].hash) = old.e[i];
    free(old.e);
    return 0;
}

/* The entry for k, created with value `val` if absent (*created says which). */
static smap_ent *smap_put(smap *m, const char *k, size_t n, int32_t val, int *created)
{
    if ((m->n + 1) * 2 > m->cap && smap_grow(m))
        return NULL;
    uint32_t h = hash_bytes(k, n);
    smap_ent *x = smap_find(m, k, n, h);
    *created = !x->key;
    if (!x->key) {
        *x = (smap_ent){k, (uint32_t)n, h, val};
        m->n++;
    }
    return x;
}

static void smap_clear(smap *m)
{
    if (m->cap)
        memset(m->e, 0, m->cap * sizeof *m->e);
    m->n = 0;
}

static void smap_free(smap *m)
{
    free(m->e);
    *m = (smap){0};
}

/* ------------------------------------------------------------------ lexicon */

#define MAX_FORMS 6     /* formal names a nickname may stand for */

typedef struct nick_set {
    const char *form[MAX_FORMS];   /* word keys of the formal names */
    int n;
    int formal;                    /* the word is itself a formal name */
} nick_set;

static struct {
    smap place;            /* name key (no type prefix) -> group, -1: ambiguous */
    smap place_fold;       /* folded spelling -> group, -1: ambiguous */
    smap place_first;      /* key of the first word of each place name (a filter) */
    char **group_key;      /* group -> entity key "loc:=..." */
    size_t n_groups;
    smap given;            /* word keys of given names -> 1 */
    smap given_fold;       /* folded spellings of given names -> 1 */
    smap nick;             /* word key -> index in nicks */
    nick_set *nicks;
    size_t n_nicks, cap_nicks;
    smap particle;         /* word keys of surname particles -> 1 */
    int err;
} lex;

static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* Key of a name for a type, without the type prefix, as a NUL-terminated
 * string owned by a ({NULL,0} when out of memory). */
static rc_str key_of_type(rc_arena *a, rc_str name, int type)
{
    rc_str k = RC_STR_NULL;
    if (rc_name_key(a, name, type, &k))
        return RC_STR_NULL;
    const char *c = type ? memchr(k.ptr, ':', k.len) : NULL;
    return c ? (rc_str){c + 1, k.len - (size_t)(c + 1 - k.ptr)} : k;
}

static rc_str key_of(rc_arena *a, rc_str name)
{
    return key_of_type(a, name, 0);
}

/* A copy that lives as long as the program (the lexicon is never freed). */
static char *keep(rc_str s)
{
    char *p = malloc(s.len + 1);
    if (p) {
        memcpy(p, s.ptr, s.len);
        p[s.len] = 0;
    }
    return p;
}

/* Leading article of a place name ("L'Escurial", "La Haye", "The Hague"):
 * the name without it, or the name itself. */
static rc_str strip_article(rc_str s)
{
    static const char *const arts[] = {"L'", "l'", "L\xe2\x80\x99", "l\xe2\x80\x99", "Le ",
                                       "La ", "Les ", "le ", "la ", "les ", "The ", "the "};
    for (size_t i = 0; i < sizeof arts / sizeof *arts; i++) {
        size_t n = strlen(arts[i]);
        if (s.len > n + 1 && memcmp(s.ptr, arts[i], n) == 0)
            return (rc_str){s.ptr + n, s.len - n};
    }
    return s;
}

static int set_word(smap *m, rc_arena *a, rc_str word)
{
    rc_str k = key_of(a, word);
    if (rc_str_empty(k) || memchr(k.ptr, ' ', k.len))
        return 0;
    const smap_ent *x = smap_get(m, k.ptr, k.len);
    if (x)
        return 0;
    char *kk = keep(k);
    int created;
    return kk && smap_put(m, kk, k.len, 1, &created) ? 0 : RC_ENOMEM;
}

/* Map k -> g in m; a key already mapped to another group becomes -1. */
static int map_group(smap *m, rc_str k, int32_t g)
{
    if (rc_str_empty(k))
        return 0;
    const smap_ent *old = smap_get(m, k.ptr, k.len);
    if (old) {
        if (old->val != g)
            ((smap_ent *)old)->val = -1;
        return 0;
    }
    char *kk = keep(k);
    int created;
    return kk && smap_put(m, kk, k.len, g, &created) ? 0 : RC_ENOMEM;
}

/* Folded spelling of a name (rc_name_fold) in the arena. */
static rc_str fold_of(rc_arena *a, rc_str name)
{
    char *f = rc_arena_alloc(a, name.len * 2 + 8);
    if (!f)
        return RC_STR_NULL;
    size_t n = rc_name_fold(name.ptr, name.len, f, name.len * 2 + 8);
    return (rc_str){f, n};
}

static int place_add(rc_arena *a, rc_str name, int32_t g)
{
    int rc = map_group(&lex.place_fold, fold_of(a, name), g);
    if (rc)
        return rc;
    rc_str forms[2] = {name, strip_article(name)};
    for (int f = 0; f < 2; f++) {
        if (f == 1 && forms[1].ptr == forms[0].ptr)
            break;
        if ((rc = map_group(&lex.place, key_of(a, forms[f]), g)))
            return rc;
        /* Its first word, so that span repair tries only spans that can
         * start a place name (most capitalised words cannot). */
        rc_str w = forms[f];
        for (size_t i = 0; i < w.len; i++)
            if (w.ptr[i] == ' ') {
                w.len = i;
                break;
            }
        if ((rc = map_group(&lex.place_first, key_of(a, w), 0)))
            return rc;
    }
    return 0;
}

static int load_places(rc_arena *a)
{
    rc_str f = rc_data_get("gaz-places-alt.tsv");
    size_t pos = 0, cap = 0;
    rc_str line;
    smap canon = {0};
    int rc = 0;
    while (!rc && rc_data_next_line(f, &pos, &line)) {
        rc_arena_reset(a);
        if (lex.n_groups == cap) {
            cap = cap ? cap * 2 : 1024;
            char **g = realloc(lex.group_key, cap * sizeof *g);
            if (!g) {
                rc = RC_ENOMEM;
                break;
            }
            lex.group_key = g;
        }
        int32_t g = (int32_t)lex.n_groups;
        const char *p = line.ptr, *end = line.ptr + line.len;
        int first = 1;
        while (!rc && p < end) {
            const char *t = memchr(p, '\t', (size_t)(end - p));
            rc_str name = {p, (size_t)((t ? t : end) - p)};
            p = t ? t + 1 : end;
            if (!name.len)
                continue;
            if (first) {
                /* the group's key: "loc:=" + key of the English name, with
                 * "#n" when another group's English name has the same key */
                rc_str k = key_of(a, name);
                char buf[300];
                int created = 0;
                if (k.len > 200) {
                    rc = RC_EINVAL;
                    break;
                }
                char *kc = keep(k);
                smap_ent *c = kc ? smap_put(&canon, kc, k.len, 0, &created) : NULL;
                if (!c) {
                    free(kc);
                    rc = RC_ENOMEM;
                    break;
                }
                if (!created)
                    free(kc);
                if (created)
                    snprintf(buf, sizeof buf, "loc:=%s", k.ptr);
                else
                    snprintf(buf, sizeof buf, "loc:=%s#%d", k.ptr, (int)++c->val);
                if (!(lex.group_key[g] = keep(rc_str_c(buf)))) {
                    rc = RC_ENOMEM;
                    break;
                }
                lex.n_groups++;
                first = 0;
            }
            rc = place_add(a, name, g);
        }
    }
    for (size_t i = 0; i < canon.cap; i++)
        free((char *)canon.e[i].key);
    smap_free(&canon);
    return rc;
}

static nick_set *nick_entry(rc_str k)
{
    const smap_ent *x = smap_get(&lex.nick, k.ptr, k.len);
    if (x)
        return &lex.nicks[x->val];
    if (lex.n_nicks == lex.cap_nicks) {
        size_t cap = lex.cap_nicks ? lex.cap_nicks * 2 : 512;
        nick_set *n = realloc(lex.nicks, cap * sizeof *n);
        if (!n)
            return NULL;
        lex.nicks = n;
        lex.cap_nicks = cap;
    }
    char *kk = keep(k);
    int created;
    if (!kk || !smap_put(&lex.nick, kk, k.len, (int32_t)lex.n_nicks, &created))
        return NULL;
    nick_set *s = &lex.nicks[lex.n_nicks++];
    memset(s, 0, sizeof *s);
    return s;
}

/* names-nicknames.txt: "Formal<TAB>Nick Nick...".  A formal name stands for
 * itself only; a nickname for each formal name it is listed under. */
static int load_nicknames(rc_arena *a)
{
    rc_str f = rc_data_get("names-nicknames.txt");
    for (int pass = 0; pass < 2; pass++) {
        size_t pos = 0;
        rc_str line;
        while (rc_data_next_line(f, &pos, &line)) {
            rc_arena_reset(a);
            const char *t = memchr(line.ptr, '\t', line.len);
            rc_str formal = {line.ptr, t ? (size_t)(t - line.ptr) : line.len};
            rc_str fk = key_of(a, formal);
            if (rc_str_empty(fk))
                continue;
            if (set_word(&lex.given, a, formal))
                return RC_ENOMEM;
            nick_set *fs = nick_entry(fk);
            if (!fs)
                return RC_ENOMEM;
            if (pass == 0) {
                if (!fs->formal) {
                    fs->formal = 1;
                    fs->form[0] = smap_get(&lex.nick, fk.ptr, fk.len)->key;
                    fs->n = 1;
                }
                continue;
            }
            const char *p = t ? t + 1 : line.ptr + line.len, *end = line.ptr + line.len;
            while (p < end) {
                const char *sp = memchr(p, ' ', (size_t)(end - p));
                rc_str nick = {p, (size_t)((sp ? sp : end) - p)};
                p = sp ? sp + 1 : end;
                rc_str nk = key_of(a, nick);
                if (rc_str_empty(nk))
                    continue;
                if (set_word(&lex.given, a, nick))
                    return RC_ENOMEM;
                nick_set *ns = nick_entry(nk);
                if (!ns)
                    return RC_ENOMEM;
                if (ns->formal)
                    continue;
                const char *form = smap_get(&lex.nick, fk.ptr, fk.len)->key;
                int dup = 0;
                for (int i = 0; i < ns->n; i++)
                    dup |= strcmp(ns->form[i], form) == 0;
                if (!dup && ns->n < MAX_FORMS)
                    ns->form[ns->n++] = form;
            }
        }
    }
    return 0;
}

static void lex_load(void)
{
    rc_arena *a = rc_arena_new(0);
    int rc = a ? 0 : RC_ENOMEM;
    if (!rc)
        rc = load_places(a);
    if (!rc)
        rc = load_nicknames(a);
    rc_str f = rc_data_get("gaz-firstnames.txt");
    size_t pos = 0;
    rc_str line;
    while (!rc && rc_data_next_line(f, &pos, &line)) {
        rc_arena_reset(a);
        rc = set_word(&lex.given, a, line);
        rc_str fo = fold_of(a, line);
        int created;
        char *kf = fo.len && !smap_get(&lex.given_fold, fo.ptr, fo.len) ? keep(fo) : NULL;
        if (kf && !smap_put(&lex.given_fold, kf, fo.len, 1, &created))
            rc = RC_ENOMEM;
    }
    static const char *const particles[] = {
        "le", "la", "les", "de", "du", "des", "d'", "van", "von", "der", "den", "ter", "ten",
        "da", "di", "del", "della", "dos", "das", "do", "mac", "st", "saint", "sainte", "abu",
        "abou", "bou", "ould", "o'", "y", "al", "el", "ben", "bin", "ibn"};
    for (size_t i = 0; !rc && i < sizeof particles / sizeof *particles; i++) {
        rc_arena_reset(a);
        rc = set_word(&lex.particle, a, rc_str_c(particles[i]));
    }
    rc_arena_free(a);
    lex.err = rc;
}

/* ------------------------------------------------------------------ statements */

#define ENT_STATEMENTS(X)                                                                   \
    X(ST_OLD, "SELECT entity FROM entity_docs WHERE doc_seq = ?1")                          \
    X(ST_DEL_DOCS, "DELETE FROM entity_docs WHERE doc_seq = ?1")                            \
    X(ST_DEL_VARS, "DELETE FROM entity_variants WHERE doc_seq = ?1")                        \
    X(ST_DEL_ORPHAN, "DELETE FROM entities WHERE id = ?1 AND NOT EXISTS"                    \
                     " (SELECT 1 FROM entity_docs WHERE entity = ?1)")                      \
    X(ST_BY_KEY, "SELECT id FROM entities WHERE key = ?1")                                  \
    X(ST_INSERT, "INSERT INTO entities (type, key, surname, first) VALUES (?1, ?2, ?3, ?4)") \
    X(ST_BY_SURNAME, "SELECT id, first FROM entities WHERE type = 1 AND surname = ?1"       \
                     " AND first <> '' ORDER BY id LIMIT 64")                               \
    X(ST_UPGRADE, "UPDATE entities SET key = ?2, first = ?3 WHERE id = ?1")                 \
    X(ST_DOC_INS, "INSERT INTO entity_docs (entity, doc_seq, count, roles)"                 \
                  " VALUES (?1, ?2, ?3, ?4)")                                               \
    X(ST_VAR_INS, "INSERT INTO entity_variants (entity, doc_seq, variant, count, full, lang)" \
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                       \
    X(ST_EXP_ENTS, "SELECT e.id, e.type FROM entities e WHERE EXISTS"                       \
                   " (SELECT 1 FROM entity_docs d WHERE d.entity = e.id) ORDER BY e.id")    \
    X(ST_EXP_VARS, "SELECT entity, variant, sum(count), sum(full),"                         \
                   " sum(CASE WHEN lang = 'en' THEN full ELSE 0 END)"                       \
                   " FROM entity_variants GROUP BY entity, variant ORDER BY entity, variant") \
    X(ST_EXP_DOCS, "SELECT ed.entity, d.id FROM entity_docs ed"                             \
                   " JOIN documents d ON d.seq = ed.doc_seq ORDER BY ed.entity, ed.doc_seq")

#define ENUM_(name, sql) name,
enum { ENT_STATEMENTS(ENUM_) ST_COUNT_ };
#undef ENUM_
#define SQL_(name, sql) sql,
static const char *const st_sql[] = {ENT_STATEMENTS(SQL_)};
#undef SQL_

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS entities ("
    " id INTEGER PRIMARY KEY,"
    " type INTEGER NOT NULL,"          /* rc_ent_type */
    " key TEXT NOT NULL UNIQUE,"       /* merge key, type prefix included */
    " surname TEXT,"                   /* PER: key of the surname; NULL otherwise */
    " first TEXT NOT NULL DEFAULT '');" /* PER: the given name, folded; '' if unknown */
    "CREATE INDEX IF NOT EXISTS entities_surname ON entities(type, surname)"
    " WHERE surname IS NOT NULL;"
    "CREATE TABLE IF NOT EXISTS entity_docs ("
    " entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " count INTEGER NOT NULL,"         /* mentions in the document */
    " roles TEXT,"                     /* distinct roles, "; "-separated */
    " PRIMARY KEY (doc_seq, entity)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS entity_docs_entity ON entity_docs(entity, doc_seq);"
    "CREATE TABLE IF NOT EXISTS entity_variants ("
    " entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " variant TEXT NOT NULL,"          /* a surface or canonical name */
    " count INTEGER NOT NULL,"         /* times seen in the document */
    " full INTEGER NOT NULL,"          /* times it was the canonical name */
    " lang TEXT,"                      /* the document's language */
    " PRIMARY KEY (doc_seq, entity, variant)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS entity_variants_entity ON entity_variants(entity, variant);";

/* What a document contributes to one entity. */
typedef struct agg {
    int64_t ent;
    uint32_t count;
    rc_buf roles;
} agg;

typedef struct var {
    int32_t agg;
    rc_str text;
    uint32_t count, full;
} var;

struct rc_entities {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT_];
    rc_arena *arena;       /* per put */
    smap names;            /* type byte + name -> agg index */
    smap ents;             /* decimal entity id -> agg index */
    smap vars;             /* agg index + 0x1f + variant -> var index */
    agg *aggs;
    size_t n_aggs, cap_aggs;
    var *vars_v;
    size_t n_vars, cap_vars;
    int64_t *old;
    size_t n_old, cap_old;
    char msg[256];
};

static int fail(rc_entities *e, int r, const char *what)
{
    snprintf(e->msg, sizeof e->msg, "entities: %s: %s", what, sqlite3_errmsg(e->db));
    return r == SQLITE_NOMEM ? RC_ENOMEM : RC_EDB;
}

static int nomem(rc_entities *e)
{
    snprintf(e->msg, sizeof e->msg, "entities: %s", rc_strerror(RC_ENOMEM));
    return RC_ENOMEM;
}

const char *rc_entities_errmsg(const rc_entities *e)
{
    return e ? e->msg : "";
}

int rc_entities_init(sqlite3 *db, rc_entities **out)
{
    *out = NULL;
    if (!db)
        return RC_EINVAL;
    int r = sqlite3_exec(db, schema, NULL, NULL, NULL);
    if (r != SQLITE_OK)
        return r == SQLITE_NOMEM ? RC_ENOMEM : RC_EDB;
    rc_entities *e = calloc(1, sizeof *e);
    if (!e || !(e->arena = rc_arena_new(0))) {
        free(e);
        return RC_ENOMEM;
    }
    e->db = db;
    for (int i = 0; i < ST_COUNT_; i++) {
        r = sqlite3_prepare_v3(db, st_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &e->st[i], NULL);
        if (r != SQLITE_OK) {
            rc_entities_close(e);
            return r == SQLITE_NOMEM ? RC_ENOMEM : RC_EDB;
        }
    }
    *out = e;
    return 0;
}

void rc_entities_close(rc_entities *e)
{
    if (!e)
        return;
    for (int i = 0; i < ST_COUNT_; i++)
        sqlite3_finalize(e->st[i]);
    for (size_t i = 0; i < e->cap_aggs; i++)
        rc_buf_free(&e->aggs[i].roles);
    free(e->aggs);
    free(e->vars_v);
    free(e->old);
    smap_free(&e->names);
    smap_free(&e->ents);
    smap_free(&e->vars);
    rc_arena_free(e->arena);
    free(e);
}

/* ------------------------------------------------------------------ resolution */

static void bind_s(sqlite3_stmt *st, int i, rc_str s)
{
    if (s.ptr)
        sqlite3_bind_text(st, i, s.ptr, (int)s.len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Step a statement expected to finish (INSERT/UPDATE/DELETE) and reset it. */
static int run(rc_entities *e, int which, const char *what)
{
    int r = sqlite3_step(e->st[which]);
    sqlite3_reset(e->st[which]);
    sqlite3_clear_bindings(e->st[which]);
    return r == SQLITE_DONE ? 0 : fail(e, r, what);
}

/* Entity with exactly this key: *id, or 0 when none. */
static int by_key(rc_entities *e, rc_str key, int64_t *id)
{
    sqlite3_stmt *st = e->st[ST_BY_KEY];
    bind_s(st, 1, key);
    int r = sqlite3_step(st);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : fail(e, r, "look up key");
}

static int insert(rc_entities *e, int type, rc_str key, rc_str surname, rc_str first, int64_t *id)
{
    sqlite3_stmt *st = e->st[ST_INSERT];
    sqlite3_bind_int(st, 1, type);
    bind_s(st, 2, key);
    bind_s(st, 3, surname);
    bind_s(st, 4, first.ptr ? first : RC_STR_LIT(""));
    int rc = run(e, ST_INSERT, "insert entity");
    *id = rc ? 0 : sqlite3_last_insert_rowid(e->db);
    return rc;
}

static int find_or_insert(rc_entities *e, int type, rc_str key, rc_str surname, rc_str first,
                          int64_t *id)
{
    int rc = by_key(e, key, id);
    if (rc || *id)
        return rc;
    return insert(e, type, key, surname, first, id);
}

/* Is the folded given name f the feminine of another given name: f is
 * that name + e, or + its last consonant doubled and e (Louise, Louis;
 * Danielle, Daniel; Jeanne, Jean)? */
static int feminine(const char *f)
{
    size_t n = strlen(f);
    if (n < 4 || f[n - 1] != 'e' || strchr("aeiouy", f[n - 2]) ||
        !smap_get(&lex.given_fold, f, n))
        return 0;
    if (smap_get(&lex.given_fold, f, n - 1))
        return 1;
    return n >= 5 && f[n - 2] == f[n - 3] && smap_get(&lex.given_fold, f, n - 2);
}

/* The nickname set of a folded given name (NULL if it is in none). */
static const nick_set *nicks_of(rc_arena *a, const char *f)
{
    rc_str k = key_of(a, rc_str_c(f));
    const smap_ent *x = k.len ? smap_get(&lex.nick, k.ptr, k.len) : NULL;
    return x ? &lex.nicks[x->val] : NULL;
}

/* Can folded given names a and b be one person's?  Equal; or sharing a
 * formal name in the nickname list (Bill, William); or the shorter a
 * truncation of the longer (Matt, Matthew; Al, Aldo), also once a
 * diminutive ending is taken off it (Gussie -> Gus, Gustavus), or its end
 * (three letters at least: Mona, Ramona; Tina, Christina).  Two formal
 * names of the list are never compatible (Daniel, Danielle), nor a
 * feminine form and another name (Louise, Louis). */
static int first_compatible(rc_arena *a, const char *x, const char *y)
{
    size_t nx = strlen(x), ny = strlen(y);
    if (nx == ny && memcmp(x, y, nx) == 0)
        return 1;
    if (feminine(x) != feminine(y))
        return 0;                       /* Danielle is not Daniel */
    const nick_set *sx = nicks_of(a, x), *sy = nicks_of(a, y);
    if (sx && sy) {
        for (int i = 0; i < sx->n; i++)
            for (int j = 0; j < sy->n; j++)
                if (strcmp(sx->form[i], sy->form[j]) == 0)
                    return 1;
        if (sx->formal && sy->formal)
            return 0;                   /* two listed formal names: Daniel, Danielle */
    }
    const char *s = nx < ny ? x : y, *l = nx < ny ? y : x;
    size_t ns = nx < ny ? nx : ny;
    size_t nl = nx < ny ? ny : nx;
    if (ns >= 2 && strncmp(l, s, ns) == 0)
        return 1;
    if (ns >= 3 && memcmp(l + nl - ns, s, ns) == 0)
        return 1;                       /* the end of the name: Mona, Ramona */
    static const char *const dim[] = {"sie", "sy", "ie", "ey", "y"};
    for (size_t i = 0; i < sizeof dim / sizeof *dim; i++) {
        size_t nd = strlen(dim[i]);
        if (ns >= nd + 3 && memcmp(s + ns - nd, dim[i], nd) == 0) {
            size_t m = ns - nd;
            if (s[m - 1] == s[m - 2])
                m--;                    /* Gussie -> Guss -> Gus */
            return strncmp(l, s, m) == 0;
        }
    }
    return 0;
}

/* The full-name people with this surname whose given name is compatible
 * with the folded given name `first` (NULL: any).  *n = how many (counting
 * stops at 2), *id and *cfirst (arena copy) = the first one's. */
static int by_surname(rc_entities *e, rc_str surname, const char *first, int *n, int64_t *id,
                      const char **cfirst)
{
    sqlite3_stmt *st = e->st[ST_BY_SURNAME];
    bind_s(st, 1, surname);
    int r = SQLITE_DONE;
    *n = 0;
    *id = 0;
    if (cfirst)
        *cfirst = NULL;
    while (*n < 2 && (r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 1);
        if (first && (!f || !first_compatible(e->arena, first, f)))
            continue;
        if ((*n)++ == 0) {
            *id = sqlite3_column_int64(st, 0);
            if (cfirst && f && !(*cfirst = rc_arena_strndup(e->arena, f, strlen(f)))) {
                sqlite3_reset(st);
                return nomem(e);
            }
        }
    }
    if (*n == 2)
        r = SQLITE_DONE;
    sqlite3_reset(st);
    return r == SQLITE_DONE ? 0 : fail(e, r, "look up surname");
}

static rc_str cat(rc_arena *a, const char *pre, rc_str x, const char *sep, rc_str y)
{
    size_t np = strlen(pre), ns = strlen(sep);
    char *p = rc_arena_alloc(a, np + x.len + ns + y.len + 1);
    if (!p)
        return RC_STR_NULL;
    memcpy(p, pre, np);
    memcpy(p + np, x.ptr, x.len);
    memcpy(p + np + x.len, sep, ns);
    memcpy(p + np + x.len + ns, y.ptr, y.len);
    p[np + x.len + ns + y.len] = 0;
    return (rc_str){p, np + x.len + ns + y.len};
}

static int upgrade(rc_entities *e, int64_t id, rc_str key, const char *first)
{
    sqlite3_stmt *st = e->st[ST_UPGRADE];
    sqlite3_bind_int64(st, 1, id);
    bind_s(st, 2, key);
    bind_s(st, 3, rc_str_c(first));
    return run(e, ST_UPGRADE, "upgrade entity");
}

/* A person: name as written, k its key (no prefix). */
static int resolve_person(rc_entities *e, rc_str name, rc_str k, int64_t *id)
{
    rc_arena *a = e->arena;
    const char *sp = memchr(k.ptr, ' ', k.len);
    rc_str first = RC_STR_NULL, surname = k;
    if (sp) {
        rc_str w = {k.ptr, (size_t)(sp - k.ptr)};
        if (!smap_get(&lex.particle, w.ptr, w.len)) {
            first = w;
            surname = (rc_str){sp + 1, k.len - w.len - 1};
        }
    }
    int n, rc;
    if (!first.ptr) {
        /* a surname alone: the one full-name person with it, if unique */
        if ((rc = by_surname(e, surname, NULL, &n, id, NULL)))
            return rc;
        if (n == 1)
            return 0;
        rc_str key = cat(a, "per:", surname, "", RC_STR_LIT(""));
        return key.ptr ? find_or_insert(e, RC_ENT_PER, key, surname, RC_STR_NULL, id) : nomem(e);
    }
    /* the given name as written, folded (the first word of the name) */
    char fold[128];
    size_t nf = rc_name_fold(name.ptr, name.len, fold, sizeof fold), i = 0;
    while (i < nf && fold[i] == ' ')
        i++;
    size_t j = i;
    while (j < nf && fold[j] != ' ')
        j++;
    fold[j] = 0;
    const char *ffirst = fold + i;
    const smap_ent *x = smap_get(&lex.nick, first.ptr, first.len);
    const nick_set *ns = x ? &lex.nicks[x->val] : NULL;
    if (feminine(ffirst)) {
        /* Danielle is not Daniel, though the key drops the final e */
        if (!(first = cat(a, "", first, "+f", RC_STR_LIT(""))).ptr)
            return nomem(e);
        ns = NULL;
    } else if (ns && ns->n == 1) {
        first = rc_str_c(ns->form[0]);  /* Bill -> William */
    }
    rc_str key = cat(a, "per:", first, " ", surname);
    if (!key.ptr)
        return nomem(e);
    if ((rc = by_key(e, key, id)) || *id)
        return rc;
    /* the one person of that surname whose given name is compatible */
    const char *cf;
    if ((rc = by_surname(e, surname, ffirst, &n, id, &cf)))
        return rc;
    if (n == 1) {
        /* a longer given name replaces a shorter one (Matt -> Matthew), so
         * that the entity keeps its most specific form */
        if (cf && strlen(ffirst) > strlen(cf) && !(ns && !ns->formal))
            return upgrade(e, *id, key, ffirst);
        return 0;
    }
    if (n == 0) {
        /* a surname-only entity becomes this person when no other full
         * name has that surname yet */
        rc_str skey = cat(a, "per:", surname, "", RC_STR_LIT(""));
        int64_t sid;
        if (!skey.ptr)
            return nomem(e);
        if ((rc = by_key(e, skey, &sid)))
            return rc;
        if (sid) {
            if ((rc = by_surname(e, surname, NULL, &n, id, NULL)))
                return rc;
            if (n == 0) {
                *id = sid;
                return upgrade(e, sid, key, ffirst);
            }
        }
    }
    return insert(e, RC_ENT_PER, key, surname, rc_str_c(ffirst), id);
}

/* The entity of one name of one type; *id = 0 when the name has no key. */
static int resolve(rc_entities *e, int type, rc_str name, rc_str role, int64_t *id)
{
    static const char *const prefix[] = {"", "per:", "org:", "loc:", "misc:"};
    *id = 0;
    rc_str k = key_of(e->arena, name);
    if (!k.ptr)
        return nomem(e);
    if (!k.len || type < RC_ENT_PER || type > RC_ENT_MISC)
        return 0;
    const smap_ent *g = smap_get(&lex.place, k.ptr, k.len);
    if (!g) {
        rc_str bare = strip_article(name);
        if (bare.ptr != name.ptr) {
            rc_str kb = key_of(e->arena, bare);
            if (!kb.ptr)
                return nomem(e);
            g = smap_get(&lex.place, kb.ptr, kb.len);
        }
    }
    if (g && g->val >= 0 && type != RC_ENT_LOC) {
        const char *sp = memchr(k.ptr, ' ', k.len);
        size_t w = sp ? (size_t)(sp - k.ptr) : k.len;
        if (type == RC_ENT_ORG || type == RC_ENT_MISC ||
            (type == RC_ENT_PER && rc_str_empty(role) && !smap_get(&lex.given, k.ptr, w)))
            type = RC_ENT_LOC;
    }
    if (type == RC_ENT_LOC && g && g->val >= 0) {
        rc_str key = rc_str_c(lex.group_key[g->val]);
        return find_or_insert(e, type, key, RC_STR_NULL, RC_STR_NULL, id);
    }
    if (type == RC_ENT_LOC && g && g->val < 0) {
        /* the key is shared by two places of the gazetteer (Jena, China):
         * too coarse here, so the exact folded spelling decides */
        rc_str f = fold_of(e->arena, name);
        if (!f.ptr)
            return nomem(e);
        const smap_ent *gf = smap_get(&lex.place_fold, f.ptr, f.len);
        if (gf && gf->val >= 0)
            return find_or_insert(e, type, rc_str_c(lex.group_key[gf->val]), RC_STR_NULL,
                                  RC_STR_NULL, id);
        rc_str key = cat(e->arena, "loc:~", f, "", RC_STR_LIT(""));
        return key.ptr ? find_or_insert(e, type, key, RC_STR_NULL, RC_STR_NULL, id) : nomem(e);
    }
    if (type == RC_ENT_PER) {
        rc_str kp = key_of_type(e->arena, name, RC_ENT_PER);
        return kp.ptr ? resolve_person(e, name, kp, id) : nomem(e);
    }
    rc_str key = cat(e->arena, prefix[type], k, "", RC_STR_LIT(""));
    return key.ptr ? find_or_insert(e, type, key, RC_STR_NULL, RC_STR_NULL, id) : nomem(e);
}

/* ------------------------------------------------------------------ place spans */

/* A mention as entities.c uses it: a mention of the document, possibly
 * widened to a longer place name, or a place name the NER missed. */
typedef struct item {
    uint32_t start, end;
    int type;
    rc_str name, role;
} item;

static int is_upper_start(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z')
        return 1;
    /* Latin-1 Supplement and Extended-A capitals (É, Î, Ł...) */
    if (c == 0xC3)
        return (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E;
    if (c == 0xC4 || c == 0xC5)
        return ((unsigned char)s[1] & 1) == 0;
    return 0;
}

/* Is text[a, b) one place name of the gazetteer?  Within one line, through
 * no punctuation but apostrophes, hyphens and abbreviation dots. */
/* Can the token at [a, b) be the first word of a place name? */
static int starts_place(rc_entities *e, const rc_doc *doc, uint32_t a, uint32_t b)
{
    rc_str k = key_of(e->arena, (rc_str){doc->text.ptr + a, b - a});
    return k.len && smap_get(&lex.place_first, k.ptr, k.len) != NULL;
}

static int place_span(rc_entities *e, const rc_doc *doc, uint32_t a, uint32_t b)
{
    const char *t = doc->text.ptr;
    for (uint32_t i = a; i < b; i++) {
        char c = t[i];
        if (c == '\n' || c == ':' || c == ',' || c == ';' || c == '(' || c == ')' ||
            c == '"' || c == '!' || c == '?')
            return 0;
    }
    rc_str k = key_of(e->arena, (rc_str){t + a, b - a});
    return k.len && smap_get(&lex.place, k.ptr, k.len) != NULL;
}

/* First token whose end is after byte `pos` (binary search). */
static size_t tok_at(const rc_doc *doc, size_t nt, uint32_t pos)
{
    size_t lo = 0, hi = nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#define SPAN_WORDS 4    /* words a place name may add on each side */

/* The document's mentions, each widened to the longest gazetteer place name
 * that contains it within SPAN_WORDS words on each side ("La Haye" for the
 * NER's "Haye", "Karlstadt am Main" for "Karlstadt" + "Main"), plus the
 * capitalised gazetteer place names no mention covers ("Manille :").
 * *out in the arena, in text order. */
static int gather(rc_entities *e, const rc_doc *doc, item **out, size_t *n)
{
    size_t cap = doc->n_mentions + 16, k = 0;
    item *it = rc_arena_alloc(e->arena, cap * sizeof *it);
    if (!it)
        return nomem(e);
    const rc_token *tk = doc->toks;
    size_t nt = tk ? doc->n_toks : 0, next_tok = 0;
    /* tokens must lie in the text (a document built by hand may lack them) */
    while (nt && tk[nt - 1].end > doc->text.len)
        nt--;
    uint32_t covered = 0;   /* text before this offset is taken */
    for (size_t i = 0; i <= doc->n_mentions; i++) {
        const rc_mention *m = i < doc->n_mentions ? &doc->mentions[i] : NULL;
        uint32_t limit = m ? m->start : (uint32_t)doc->text.len;
        /* gazetteer names between the previous item and this mention */
        for (size_t t = next_tok; t < nt && tk[t].end <= limit; t++) {
            if (tk[t].start < covered || tk[t].kind != RC_TOK_WORD ||
                !is_upper_start(doc->text.ptr + tk[t].start) ||
                !starts_place(e, doc, tk[t].start, tk[t].end))
                continue;
            size_t best = 0;
            for (size_t w = t; w < nt && w < t + 2 * SPAN_WORDS && tk[w].end <= limit; w++)
                if (tk[w].kind == RC_TOK_WORD && is_upper_start(doc->text.ptr + tk[w].start) &&
                    place_span(e, doc, tk[t].start, tk[w].end))
                    best = w + 1;
            if (best) {
                if (k == cap) {
                    item *grown = rc_arena_alloc(e->arena, 2 * cap * sizeof *it);
                    if (!grown)
                        return nomem(e);
                    memcpy(grown, it, k * sizeof *it);
                    it = grown;
                    cap *= 2;
                }
                it[k++] = (item){tk[t].start, tk[best - 1].end, RC_ENT_LOC,
                                 {doc->text.ptr + tk[t].start, tk[best - 1].end - tk[t].start},
                                 RC_STR_NULL};
                covered = tk[best - 1].end;
                t = best - 1;
            }
        }
        if (!m)
            break;
        if (m->start < covered || m->end > doc->text.len || m->end <= m->start)
            continue;
        item x = {m->start, m->end, m->type, m->name, m->role};
        size_t ta = tok_at(doc, nt, m->start), tb = tok_at(doc, nt, m->end - 1) + 1;
        if (ta < nt && tb <= nt && !(m->type == RC_ENT_PER && !rc_str_empty(m->role))) {
            uint32_t bs = 0, be = 0, blen = 0;
            for (size_t l = 0; l <= 2 * SPAN_WORDS && l <= ta; l++) {
                if (tk[ta - l].start < covered)
                    break;
                if (tk[ta - l].kind != RC_TOK_WORD ||
                    !starts_place(e, doc, tk[ta - l].start, tk[ta - l].end))
                    continue;
                for (size_t r = 0; r <= 2 * SPAN_WORDS && tb - 1 + r < nt; r++) {
                    uint32_t a = tk[ta - l].start, b = tk[tb - 1 + r].end;
                    if ((l || r) && b - a > blen && tk[ta - l].kind == RC_TOK_WORD &&
                        tk[tb - 1 + r].kind == RC_TOK_WORD && place_span(e, doc, a, b)) {
                        bs = a;
                        be = b;
                        blen = b - a;
                    }
                }
            }
            if (blen) {
                x = (item){bs, be, RC_ENT_LOC, {doc->text.ptr + bs, be - bs}, RC_STR_NULL};
                /* the NER's name may be a translation (The Hague): keep it
                 * only when it is the surface text */
                if (bs == m->start && be == m->end)
                    x.name = m->name;
            }
        }
        if (k == cap) {
            item *grown = rc_arena_alloc(e->arena, 2 * cap * sizeof *it);
            if (!grown)
                return nomem(e);
            memcpy(grown, it, k * sizeof *it);
            it = grown;
            cap *= 2;
        }
        it[k++] = x;
        covered = x.end;
        next_tok = tok_at(doc, nt, x.end);
    }
    *out = it;
    *n = k;
    return 0;
}

/* ------------------------------------------------------------------ put */

static int add_var(rc_entities *e, int32_t ai, rc_str text, int full)
{
    if (rc_str_empty(text))
        return 0;
    char *k = rc_arena_alloc(e->arena, text.len + 12);
    if (!k)
        return nomem(e);
    int kn = snprintf(k, 12, "%d\x1f", (int)ai);
    memcpy(k + kn, text.ptr, text.len);
    int created;
    if (e->n_vars == e->cap_vars) {
        size_t cap = e->cap_vars ? e->cap_vars * 2 : 64;
        var *v = realloc(e->vars_v, cap * sizeof *v);
        if (!v)
            return nomem(e);
        e->vars_v = v;
        e->cap_vars = cap;
    }
    smap_ent *x = smap_put(&e->vars, k, (size_t)kn + text.len, (int32_t)e->n_vars, &created);
    if (!x)
        return nomem(e);
    if (created)
        e->vars_v[e->n_vars++] = (var){ai, text, 0, 0};
    e->vars_v[x->val].count++;
    e->vars_v[x->val].full += (uint32_t)full;
    return 0;
}

static int agg_of(rc_entities *e, int64_t id, int32_t *ai)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%lld", (long long)id);
    char *k = rc_arena_strndup(e->arena, buf, (size_t)n);
    int created;
    if (!k)
        return nomem(e);
    if (e->n_aggs == e->cap_aggs) {
        size_t cap = e->cap_aggs ? e->cap_aggs * 2 : 32;
        agg *g = realloc(e->aggs, cap * sizeof *g);
        if (!g)
            return nomem(e);
        for (size_t i = e->cap_aggs; i < cap; i++)
            rc_buf_init(&g[i].roles, 1 << 16);
        e->aggs = g;
        e->cap_aggs = cap;
    }
    smap_ent *x = smap_put(&e->ents, k, (size_t)n, (int32_t)e->n_aggs, &created);
    if (!x)
        return nomem(e);
    if (created) {
        agg *g = &e->aggs[e->n_aggs++];
        g->ent = id;
        g->count = 0;
        rc_buf_clear(&g->roles);
    }
    *ai = x->val;
    return 0;
}

static void add_role(agg *g, rc_str role)
{
    if (rc_str_empty(role))
        return;
    /* distinct roles only ("; "-separated) */
    const char *p = g->roles.ptr, *end = p + g->roles.len;
    while (p && p < end) {
        const char *q = strstr(p, "; ");
        size_t n = (size_t)((q ? q : end) - p);
        if (n == role.len && memcmp(p, role.ptr, n) == 0)
            return;
        p = q ? q + 2 : end;
    }
    if (g->roles.len)
        rc_buf_puts(&g->roles, "; ");
    rc_buf_append(&g->roles, role.ptr, role.len);
}

static int forget_links(rc_entities *e, int64_t doc_seq)
{
    sqlite3_stmt *st = e->st[ST_OLD];
    sqlite3_bind_int64(st, 1, doc_seq);
    int r;
    e->n_old = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (e->n_old == e->cap_old) {
            size_t cap = e->cap_old ? e->cap_old * 2 : 64;
            int64_t *o = realloc(e->old, cap * sizeof *o);
            if (!o) {
                sqlite3_reset(st);
                return nomem(e);
            }
            e->old = o;
            e->cap_old = cap;
        }
        e->old[e->n_old++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return fail(e, r, "read links");
    int rc;
    sqlite3_bind_int64(e->st[ST_DEL_DOCS], 1, doc_seq);
    if ((rc = run(e, ST_DEL_DOCS, "delete links")))
        return rc;
    sqlite3_bind_int64(e->st[ST_DEL_VARS], 1, doc_seq);
    return run(e, ST_DEL_VARS, "delete variants");
}

/* Delete the entities that lost their last document. */
static int drop_orphans(rc_entities *e)
{
    for (size_t i = 0; i < e->n_old; i++) {
        sqlite3_bind_int64(e->st[ST_DEL_ORPHAN], 1, e->old[i]);
        int rc = run(e, ST_DEL_ORPHAN, "delete entity");
        if (rc)
            return rc;
    }
    e->n_old = 0;
    return 0;
}

int rc_entities_forget_doc(rc_entities *e, int64_t doc_seq)
{
    int rc = forget_links(e, doc_seq);
    return rc ? rc : drop_orphans(e);
}

int rc_entities_put(rc_entities *e, int64_t doc_seq, const rc_doc *doc)
{
    if (!e || !doc)
        return RC_EINVAL;
    pthread_once(&lex_once, lex_load);
    if (lex.err) {
        snprintf(e->msg, sizeof e->msg, "entities: gazetteers: %s", rc_strerror(lex.err));
        return lex.err;
    }
    rc_arena_reset(e->arena);
    smap_clear(&e->names);
    smap_clear(&e->ents);
    smap_clear(&e->vars);
    e->n_aggs = e->n_vars = 0;
    int rc = forget_links(e, doc_seq);
    if (rc)
        return rc;

    item *items = NULL;
    size_t n_items = 0;
    if ((rc = gather(e, doc, &items, &n_items)))
        return rc;
    for (size_t i = 0; i < n_items; i++) {
        const item *m = &items[i];
        rc_str surface = {doc->text.ptr + m->start, m->end - m->start};
        rc_str name = rc_str_empty(m->name) ? surface : m->name;
        if (rc_str_empty(name))
            continue;
        /* one resolution per distinct (type, name) of the document */
        char *nk = rc_arena_alloc(e->arena, name.len + 1);
        if (!nk)
            return nomem(e);
        nk[0] = (char)m->type;
        memcpy(nk + 1, name.ptr, name.len);
        int created;
        smap_ent *x = smap_put(&e->names, nk, name.len + 1, -1, &created);
        if (!x)
            return nomem(e);
        if (created) {
            int64_t id;
            if ((rc = resolve(e, m->type, name, m->role, &id)))
                return rc;
            if (id && (rc = agg_of(e, id, &x->val)))
                return rc;
        }
        if (x->val < 0)
            continue;
        agg *g = &e->aggs[x->val];
        g->count++;
        add_role(g, m->role);
        if ((rc = add_var(e, x->val, name, 1)) ||
            (!rc_str_eq(surface, name) && (rc = add_var(e, x->val, surface, 0))))
            return rc;
    }

    const char *lang = rc_lang_code(doc->lang);
    for (size_t i = 0; i < e->n_aggs; i++) {
        agg *g = &e->aggs[i];
        sqlite3_stmt *st = e->st[ST_DOC_INS];
        sqlite3_bind_int64(st, 1, g->ent);
        sqlite3_bind_int64(st, 2, doc_seq);
        sqlite3_bind_int64(st, 3, g->count);
        if (g->roles.err)
            return nomem(e);
        bind_s(st, 4, g->roles.len ? rc_buf_str(&g->roles) : RC_STR_NULL);
        if ((rc = run(e, ST_DOC_INS, "insert link")))
            return rc;
    }
    for (size_t i = 0; i < e->n_vars; i++) {
        var *v = &e->vars_v[i];
        sqlite3_stmt *st = e->st[ST_VAR_INS];
        sqlite3_bind_int64(st, 1, e->aggs[v->agg].ent);
        sqlite3_bind_int64(st, 2, doc_seq);
        bind_s(st, 3, v->text);
        sqlite3_bind_int64(st, 4, v->count);
        sqlite3_bind_int64(st, 5, v->full);
        sqlite3_bind_text(st, 6, lang, -1, SQLITE_STATIC);
        if ((rc = run(e, ST_VAR_INS, "insert variant")))
            return rc;
    }
    return drop_orphans(e);
}

/* ------------------------------------------------------------------ export */

static rc_str col(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return (rc_str){p, p ? (size_t)sqlite3_column_bytes(st, i) : 0};
}

static int export_rows(rc_entities *e, FILE *out, rc_buf *b, rc_buf *vars, rc_buf *name)
{
    sqlite3_stmt *se = e->st[ST_EXP_ENTS], *sv = e->st[ST_EXP_VARS], *sd = e->st[ST_EXP_DOCS];
    int re, rv = sqlite3_step(sv), rd = sqlite3_step(sd), first = 1;
    while ((re = sqlite3_step(se)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(se, 0);
        int f = 1;
        /* variants, and the best name among them */
        int64_t best[4] = {-1, -1, -1, -1};
        int nv = 0;
        rc_buf_clear(vars);
        rc_buf_clear(name);
        while (rv == SQLITE_ROW && sqlite3_column_int64(sv, 0) <= id) {
            if (sqlite3_column_int64(sv, 0) == id) {
                rc_str v = col(sv, 1);
                /* a full name (two words or more) first, then the
                 * canonical uses in English documents, then all canonical
                 * uses, then all uses */
                int64_t sc[4] = {memchr(v.ptr, ' ', v.len) != NULL, sqlite3_column_int64(sv, 4),
                                 sqlite3_column_int64(sv, 3), sqlite3_column_int64(sv, 2)};
                int better = 0;
                for (int q = 0; q < 4; q++)
                    if (sc[q] != best[q]) {
                        better = sc[q] > best[q];
                        break;
                    }
                if (better) {
                    memcpy(best, sc, sizeof best);
                    rc_buf_clear(name);
                    rc_buf_append(name, v.ptr, v.len);
                }
                rc_buf_puts(vars, nv++ ? "," : "");
                rc_json_str(vars, v);
            }
            rv = sqlite3_step(sv);
        }
        rc_buf_puts(b, first ? "\n{" : ",\n{");
        first = 0;
        rc_json_key(b, "id", &f);
        rc_buf_printf(b, "\"e%lld\"", (long long)id);
        rc_json_key(b, "name", &f);
        rc_json_str(b, rc_buf_str(name));
        rc_json_key(b, "type", &f);
        int type = sqlite3_column_int(se, 1);
        static const char *const type_names[] = {"?", "PER", "ORG", "LOC", "MISC"};
        rc_json_str(b, rc_str_c(type_names[type >= 1 && type <= 4 ? type : 0]));
        rc_json_key(b, "variants", &f);
        rc_buf_putc(b, '[');
        rc_buf_append(b, vars->ptr ? vars->ptr : "", vars->len);
        rc_buf_puts(b, "]");
        rc_json_key(b, "docs", &f);
        rc_buf_putc(b, '[');
        int nd = 0;
        while (rd == SQLITE_ROW && sqlite3_column_int64(sd, 0) <= id) {
            if (sqlite3_column_int64(sd, 0) == id) {
                rc_buf_puts(b, nd++ ? "," : "");
                rc_json_str(b, col(sd, 1));
            }
            rd = sqlite3_step(sd);
        }
        rc_buf_puts(b, "]}");
        if (b->err || vars->err || name->err) {
            snprintf(e->msg, sizeof e->msg, "entities: export: %s",
                     rc_strerror(b->err ? b->err : vars->err ? vars->err : name->err));
            return b->err ? b->err : vars->err ? vars->err : name->err;
        }
        if (fwrite(b->ptr, 1, b->len, out) != b->len) {
            snprintf(e->msg, sizeof e->msg, "entities: export: write error");
            return RC_EIO;
        }
        rc_buf_clear(b);
    }
    if (re != SQLITE_DONE)
        return fail(e, re, "export entities");
    if (rv != SQLITE_DONE && rv != SQLITE_ROW)
        return fail(e, rv, "export variants");
    if (rd != SQLITE_DONE && rd != SQLITE_ROW)
        return fail(e, rd, "export documents");
    if (fputs(first ? "]" : "\n]", out) == EOF) {
        snprintf(e->msg, sizeof e->msg, "entities: export: write error");
        return RC_EIO;
    }
    return 0;
}

int rc_entities_export(rc_entities *e, FILE *out)
{
    if (!e || !out)
        return RC_EINVAL;
    rc_buf b, vars, name;
    rc_buf_init(&b, 0);
    rc_buf_init(&vars, 0);
    rc_buf_init(&name, 0);
    if (fputc('[', out) == EOF) {
        snprintf(e->msg, sizeof e->msg, "entities: export: write error");
        return RC_EIO;
    }
    int rc = export_rows(e, out, &b, &vars, &name);
    sqlite3_reset(e->st[ST_EXP_ENTS]);
    sqlite3_reset(e->st[ST_EXP_VARS]);
    sqlite3_reset(e->st[ST_EXP_DOCS]);
    rc_buf_free(&b);
    rc_buf_free(&vars);
    rc_buf_free(&name);
    return rc;
}
