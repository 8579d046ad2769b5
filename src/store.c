/*
 * store.c -- the embedded store: processed documents in one SQLite file.
 *
 * `recoupe ingest` puts every processed document here; `export`, `search`,
 * `show`, `quotes` and `timeline` read it back.  SQLite gives us one
 * crash-safe file, full-text search (FTS5) and transactions without a
 * server.
 *
 * Schema (version 1, in PRAGMA user_version; application_id "RCUP"):
 *
 *   documents  (seq INTEGER PRIMARY KEY   -- ingestion order, kept on update
 *               id TEXT UNIQUE NOT NULL   -- JSONL id or file path
 *               path, url, title, author, site, published, published_how,
 *               lang, charset, format     -- TEXT, NULL when unknown
 *               text TEXT NOT NULL        -- main text ('' when none)
 *               text_hash INTEGER         -- rc_doc.text_hash as a signed 64-bit
 *               n_paras, n_sents, n_toks  -- segment counts
 *               copy_of TEXT NULL         -- id of the earliest document with
 *                                            the same (non-empty) text
 *               ingested_at TEXT)         -- UTC, ISO 8601, of the last write
 *   paragraphs (doc_seq, idx, start, "end")  -- byte spans into text
 *   copies     (a, b, kind, score)        -- a = original id, b = copy id;
 *                                            only kind 'duplicate' (score 1.0)
 *                                            so far
 *   documents_fts  FTS5 over (title, text), external content = documents,
 *                  rowid = seq, tokenizer "unicode61 remove_diacritics 2"
 *                  (so "elysee" finds "Élysée"), ranked by bm25 with the
 *                  title weighted 5x.  Kept in sync by the store's own
 *                  statements, not by triggers: a trigger (like a savepoint)
 *                  opens a statement transaction, which makes FTS5 flush its
 *                  pending terms at every document -- 3 to 5 times slower.
 *
 * Version 2 adds stories and copies beyond exact duplicates (schema_v2);
 * entities have tables of their own, created by entities.c.  Version 3 adds
 * what each document says (schema_v3):
 *
 *   doc_quotes (doc_seq, idx, start, "end", text, direct, speaker,
 *               speaker_start, speaker_end, speaker_key, speaker_surname,
 *               entity, cue, cue_start, cue_end)
 *                 -- rc_doc.quotes; speaker_key and speaker_surname are
 *                    the keys of the speaker's full name (NULL when it is a
 *                    surname alone) and of its surname, as name_keys()
 *                    makes them, for `recoupe quotes --speaker`; entity is
 *                    the entities.id of the speaker (see put_facts), NULL
 *                    when unknown
 *   doc_claims (doc_seq, idx, start, "end", text, status, source, cue,
 *               cue_start, cue_end, cited) -- rc_doc.claims, status by name;
 *                                           cited (version 4): whom the
 *                                           source cites, NULL if no chain
 *   doc_dates  (doc_seq, idx, start, "end", text, type, value, how,
 *               sent_start, sent_end)    -- rc_doc.dates, type by name, and
 *                                           the span of the sentence that
 *                                           holds the date (NULL if none)
 *   documents.facts  -- 1 once the three tables hold the document's rows
 *
 * keyed by the document's seq, in text order (idx), written with the
 * document in the same transaction and replaced with it on update.  A
 * database migrated from version 2 or 3 has documents with facts = 0: the next
 * put of such a document, even unchanged, writes its rows (and says
 * RC_PUT_UPDATED), so re-ingesting the corpus completes the migration.
 *
 * Each version is one more step in `migrations` below, run in order inside
 * one transaction.  A database whose version is newer than ours is refused
 * (RC_ESCHEMA) rather than damaged.
 *
 * Copies.  Invariant: a document with non-empty text whose text is
 * byte-identical to that of documents with a lower seq has copy_of = the id
 * of the lowest-seq one, and a copies row (that id, its id, 'duplicate', 1);
 * every other document has copy_of NULL and no 'duplicate' row as b.  A new
 * document only needs one indexed lookup (text_hash, then bytes, in seq
 * order).  An update that changes a document's text regroups the documents
 * that depended on it and the group it joins.
 *
 * Re-putting an unchanged document writes nothing at all (same seq, same
 * rows, same file), so re-ingesting a corpus is idempotent.
 *
 * Errors.  SQLite failures (I/O, corruption, full disk, out of memory) put
 * the store in error: the code sticks and every later call returns it, until
 * rc_store_rollback() clears it.  Errors of one call (RC_EINVAL for a bad
 * query or document, RC_ENOTFOUND) are returned with a message but do not
 * stick.  rc_store_errmsg() always describes the last error.
 *
 * Transactions.  rc_store_begin() opens one (BEGIN IMMEDIATE); a nested
 * begin is an error (RC_EINVAL), not a counter.  A put outside of one runs
 * in a transaction of its own.  A put that fails inside the caller's
 * transaction may have written part of the document (no savepoint, see
 * above), so the error sticks, rc_store_commit() refuses, and the caller
 * rolls the whole transaction back.
 *
 * Every statement is prepared once, when the store is opened.
 */
#include "store.h"
#include "entities.h"
#include "data.h"
#include "dedup.h"
#include "claimgroup.h"
#include "json.h"
#include "names.h"
#include "segment.h"
#include "stories.h"
#include "timeline.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------------ schema */

static const char schema_v1[] =
    "CREATE TABLE documents ("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " path TEXT, url TEXT, title TEXT, author TEXT, site TEXT,"
    " published TEXT, published_how TEXT, lang TEXT, charset TEXT, format TEXT,"
    " text TEXT NOT NULL DEFAULT '',"
    " text_hash INTEGER NOT NULL DEFAULT 0,"
    " n_paras INTEGER NOT NULL DEFAULT 0,"
    " n_sents INTEGER NOT NULL DEFAULT 0,"
    " n_toks INTEGER NOT NULL DEFAULT 0,"
    " copy_of TEXT NULL REFERENCES documents(id),"
    " ingested_at TEXT NOT NULL);"
    "CREATE INDEX documents_hash ON documents(text_hash, seq);"
    "CREATE INDEX documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;"
    "CREATE TABLE paragraphs ("
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " start INTEGER NOT NULL,"
    " \"end\" INTEGER NOT NULL,"
    " PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID;"
    "CREATE TABLE copies ("
    " a TEXT NOT NULL REFERENCES documents(id),"
    " b TEXT NOT NULL REFERENCES documents(id),"
    " kind TEXT NOT NULL,"
    " score REAL NOT NULL,"
    " PRIMARY KEY (a, b, kind));"
    "CREATE INDEX copies_b ON copies(b);"
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    " title, text, content='documents', content_rowid='seq',"
    " tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO documents_fts(documents_fts, rank) VALUES('rank', 'bm25(5.0, 1.0)');";

/* Version 2: copies beyond exact duplicates, and stories (see dedup.c,
 * stories.c).  documents.t is the time key (published, in seconds since
 * 1970, else the clock of ingestion order), story the document's story,
 * orig_seq the original of its copy group (near duplicates, translations,
 * rewrites; NULL for originals and exact duplicates, which use copy_of).
 * state holds the document-frequency sketches and the clock. */
static const char schema_v2[] =
    "ALTER TABLE documents ADD COLUMN t INTEGER;"
    "ALTER TABLE documents ADD COLUMN story INTEGER;"
    "ALTER TABLE documents ADD COLUMN orig_seq INTEGER;"
    "CREATE INDEX documents_t ON documents(t) WHERE t IS NOT NULL;"
    "CREATE INDEX documents_story ON documents(story, seq) WHERE story IS NOT NULL;"
    "CREATE INDEX documents_orig ON documents(orig_seq) WHERE orig_seq IS NOT NULL;"
    "CREATE TABLE stories ("
    " id INTEGER PRIMARY KEY,"
    " title TEXT,"
    " first_published TEXT, last_published TEXT,"
    " t_first INTEGER NOT NULL, t_last INTEGER NOT NULL,"
    " n_docs INTEGER NOT NULL DEFAULT 0,"
    " merged_into INTEGER NULL REFERENCES stories(id),"
    " centroid BLOB);"
    "CREATE INDEX stories_t_last ON stories(t_last);"
    "CREATE TABLE state (name TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;";

/* Version 3: what each document says -- its quotations, claims and dates
 * (see the top of this file). */
static const char schema_v3[] =
    "ALTER TABLE documents ADD COLUMN facts INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE doc_quotes ("
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " direct INTEGER NOT NULL,"
    " speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,"
    " speaker_key TEXT, speaker_surname TEXT,"
    " entity INTEGER,"
    " cue TEXT, cue_start INTEGER, cue_end INTEGER,"
    " PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID;"
    "CREATE INDEX doc_quotes_entity ON doc_quotes(entity) WHERE entity IS NOT NULL;"
    "CREATE INDEX doc_quotes_key ON doc_quotes(speaker_key) WHERE speaker_key IS NOT NULL;"
    "CREATE INDEX doc_quotes_surname ON doc_quotes(speaker_surname)"
    " WHERE speaker_surname IS NOT NULL;"
    "CREATE TABLE doc_claims ("
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " source TEXT,"
    " cue TEXT, cue_start INTEGER, cue_end INTEGER,"
    " PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID;"
    "CREATE TABLE doc_dates ("
    " doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " how TEXT,"
    " sent_start INTEGER, sent_end INTEGER,"
    " PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID;";

/* Version 4: the source a claim's source cites ("a source" in "Kommersant,
 * citing a source"); documents stored before it are written again at their
 * next put (facts = 0), as after version 3. */
static const char schema_v4[] =
    "ALTER TABLE doc_claims ADD COLUMN cited TEXT;"
    "UPDATE documents SET facts = 0;";

/* migrations[v] takes a database from version v to v + 1. */
static const char *const migrations[] = {
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
};

_Static_assert(sizeof migrations / sizeof migrations[0] == RC_STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* ------------------------------------------------------------------ statements */

#define DOC_COLS "path, url, title, author, site, published, published_how, lang," \
                 " charset, format, text, text_hash, n_paras, n_sents, n_toks"

/* One row per story with documents: id, title, first and last published,
 * its documents (n), those that copy another (as the export's copy_of). */
#define STORIES_SQL "SELECT s.id, s.title, s.first_published, s.last_published," \
                    " count(*) AS n, sum(d.copy_of IS NOT NULL OR d.orig_seq IS NOT NULL)" \
                    " FROM stories s JOIN documents d ON d.story = s.id"      \
                    " WHERE s.n_docs > 0 AND s.merged_into IS NULL GROUP BY s.id"

#define RC_STATEMENTS(X)                                                      \
    X(ST_GET, "SELECT seq, " DOC_COLS ", copy_of, facts FROM documents WHERE id = ?1") \
    X(ST_PARAS, "SELECT start, \"end\" FROM paragraphs WHERE doc_seq = ?1 ORDER BY idx") \
    X(ST_INSERT, "INSERT INTO documents (" DOC_COLS ", copy_of, ingested_at, id, facts)" \
                 " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,1)") \
    X(ST_UPDATE, "UPDATE documents SET path=?1, url=?2, title=?3, author=?4, site=?5," \
                 " published=?6, published_how=?7, lang=?8, charset=?9, format=?10," \
                 " text=?11, text_hash=?12, n_paras=?13, n_sents=?14, n_toks=?15," \
                 " copy_of=?16, ingested_at=?17, facts=1 WHERE id=?18")     \
    X(ST_PARAS_DEL, "DELETE FROM paragraphs WHERE doc_seq = ?1")             \
    X(ST_PARA_INS, "INSERT INTO paragraphs (doc_seq, idx, start, \"end\") VALUES (?1,?2,?3,?4)") \
    X(ST_FIND_ORIG, "SELECT id FROM documents WHERE text_hash = ?1 AND text = ?2" \
                    " ORDER BY seq LIMIT 1")                                 \
    X(ST_GROUP, "SELECT seq, id, copy_of FROM documents WHERE text_hash = ?1 AND text = ?2" \
                " ORDER BY seq")                                             \
    X(ST_DEPENDENTS, "SELECT seq, id, copy_of FROM documents WHERE copy_of = ?1 ORDER BY seq") \
    X(ST_SET_COPY_OF, "UPDATE documents SET copy_of = ?1 WHERE seq = ?2")    \
    X(ST_COPY_DEL, "DELETE FROM copies WHERE b = ?1 AND kind = 'duplicate'") \
    X(ST_COPY_INS, "INSERT INTO copies (a, b, kind, score)"                   \
                   " VALUES (?1, ?2, 'duplicate', 1.0)")                     \
    X(ST_FTS_INS, "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)") \
    X(ST_FTS_DEL, "INSERT INTO documents_fts (documents_fts, rowid, title, text)" \
                  " VALUES ('delete', ?1, ?2, ?3)")                          \
    X(ST_COUNT, "SELECT count(*) FROM documents")                            \
    X(ST_EXPORT_DOCS, "SELECT d.id, d.url, d.title, d.site, d.published, d.lang," \
                      " COALESCE(d.copy_of, o.id), d.story FROM documents d" \
                      " LEFT JOIN documents o ON o.seq = d.orig_seq ORDER BY d.seq") \
    X(ST_EXPORT_STORIES, "SELECT id, title, first_published, last_published" \
                         " FROM stories WHERE n_docs > 0 ORDER BY id")       \
    X(ST_STORY_DOCS, "SELECT id FROM documents WHERE story = ?1 ORDER BY seq") \
    X(ST_ID_INFO, "SELECT seq, story, orig_seq FROM documents WHERE id = ?1") \
    X(ST_SEQ_INFO, "SELECT id, published, story, lang FROM documents WHERE seq = ?1") \
    X(ST_SET_CC, "UPDATE documents SET t = ?1, story = ?2, orig_seq = ?3 WHERE seq = ?4") \
    X(ST_NEAR_DEL, "DELETE FROM copies WHERE b = ?1 AND kind != 'duplicate'") \
    X(ST_NEAR_INS, "INSERT OR REPLACE INTO copies (a, b, kind, score) VALUES (?1, ?2, ?3, ?4)") \
    X(ST_REROOT_COPIES, "UPDATE copies SET a = ?1 WHERE a = ?2 AND kind != 'duplicate'") \
    X(ST_REROOT_DOCS, "UPDATE documents SET orig_seq = ?1 WHERE orig_seq = ?2") \
    /* after a re-root, each copy's kind against its new original: another  \
     * language is a translation, the same one cannot be */                  \
    X(ST_REKIND, "UPDATE copies SET kind = CASE"                            \
                 " WHEN (SELECT lang FROM documents WHERE id = copies.a) IS NOT" \
                 "  (SELECT lang FROM documents WHERE id = copies.b) THEN 'translation'" \
                 " WHEN kind = 'translation' THEN 'rewrite' ELSE kind END"  \
                 " WHERE a = ?1 AND kind != 'duplicate'")                   \
    X(ST_STORY_INS, "INSERT INTO stories (id, title, first_published, last_published," \
                    " t_first, t_last, n_docs, centroid) VALUES (?1, ?2, ?3, ?3, ?4, ?4, 1, ?5)") \
    X(ST_STORY_UPD, "UPDATE stories SET"                                     \
                    " first_published = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL" \
                    "  OR ?2 < first_published) THEN ?2 ELSE first_published END," \
                    " last_published = CASE WHEN ?2 IS NOT NULL AND (last_published IS NULL" \
                    "  OR ?2 > last_published) THEN ?2 ELSE last_published END," \
                    " title = COALESCE(title, ?3), t_first = min(t_first, ?4)," \
                    " t_last = max(t_last, ?4), n_docs = n_docs + 1,"        \
                    " centroid = COALESCE(?5, centroid) WHERE id = ?1")      \
    X(ST_STATE_GET, "SELECT value FROM state WHERE name = ?1")               \
    X(ST_STATE_PUT, "INSERT OR REPLACE INTO state (name, value) VALUES (?1, ?2)") \
    X(ST_LOAD_STORIES, "SELECT id, t_first, t_last, n_docs, centroid FROM stories" \
                       " WHERE t_last >= ?1 AND merged_into IS NULL")        \
    /* a story merged into another (stories.c): ?1 from, ?2 into */         \
    X(ST_MERGE_DOCS, "UPDATE documents SET story = ?2 WHERE story = ?1")     \
    X(ST_MERGE_INTO, "UPDATE stories SET"                                    \
                     " first_published = CASE WHEN f.first_published IS NOT NULL AND" \
                     "  (stories.first_published IS NULL OR f.first_published < stories.first_published)" \
                     "  THEN f.first_published ELSE stories.first_published END," \
                     " last_published = CASE WHEN f.last_published IS NOT NULL AND" \
                     "  (stories.last_published IS NULL OR f.last_published > stories.last_published)" \
                     "  THEN f.last_published ELSE stories.last_published END," \
                     " title = COALESCE(stories.title, f.title)," \
                     " t_first = min(stories.t_first, f.t_first), t_last = max(stories.t_last, f.t_last)," \
                     " n_docs = stories.n_docs + f.n_docs"                   \
                     " FROM stories AS f WHERE stories.id = ?2 AND f.id = ?1") \
    X(ST_MERGE_GONE, "UPDATE stories SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1") \
    X(ST_MERGE_EMPTY, "UPDATE stories SET n_docs = 0, centroid = NULL WHERE id = ?1") \
    X(ST_MAX_STORY, "SELECT max(id) FROM stories")                           \
    X(ST_LOAD_DOCS, "SELECT seq, t, lang, text, COALESCE(orig_seq, seq), text_hash FROM documents" \
                    " WHERE t >= ?1 ORDER BY seq")                           \
    X(ST_EXPORT_COPIES, "SELECT c.a, c.b, c.kind, c.score FROM copies c"      \
                        " JOIN documents d ON d.id = c.b ORDER BY d.seq, c.kind, c.a") \
    X(ST_SEARCH, "SELECT d.id, d.title,"                                     \
                 " snippet(documents_fts, 1, '[', ']', '\xE2\x80\xA6', 16), f.rank" \
                 " FROM documents_fts f JOIN documents d ON d.seq = f.rowid"  \
                 " WHERE documents_fts MATCH ?1 ORDER BY f.rank, f.rowid LIMIT ?2") \
    X(ST_SHOW, "SELECT seq, id, path, url, title, author, site, published, published_how," \
               " lang, charset, format, copy_of, n_paras, n_sents, n_toks, text" \
               " FROM documents WHERE id = ?1")                              \
    X(ST_QUOTES_DEL, "DELETE FROM doc_quotes WHERE doc_seq = ?1")            \
    X(ST_CLAIMS_DEL, "DELETE FROM doc_claims WHERE doc_seq = ?1")            \
    X(ST_DATES_DEL, "DELETE FROM doc_dates WHERE doc_seq = ?1")              \
    X(ST_QUOTE_INS, "INSERT INTO doc_quotes (doc_seq, idx, start, \"end\", text, direct," \
                    " speaker, speaker_start, speaker_end, speaker_key, speaker_surname," \
                    " entity, cue, cue_start, cue_end)"                      \
                    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)") \
    X(ST_CLAIM_INS, "INSERT INTO doc_claims (doc_seq, idx, start, \"end\", text, status," \
                    " source, cue, cue_start, cue_end, cited)"               \
                    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)")          \
    X(ST_DATE_INS, "INSERT INTO doc_dates (doc_seq, idx, start, \"end\", text, type, value," \
                   " how, sent_start, sent_end) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)") \
    X(ST_SET_FACTS, "UPDATE documents SET facts = 1 WHERE seq = ?1")          \
    /* the entity that entities.c linked this name of this document to */   \
    X(ST_SPEAKER_ENTITY, "SELECT v.entity FROM entity_variants v"            \
                         " JOIN entities e ON e.id = v.entity"               \
                         " WHERE v.doc_seq = ?1 AND v.variant = ?2"          \
                         " ORDER BY e.type = ?3 DESC, v.full DESC, v.entity LIMIT 1") \
    X(ST_EXPORT_QUOTES, "SELECT d.id, q.text, q.direct, q.speaker, e.id, q.cue" \
                        " FROM doc_quotes q JOIN documents d ON d.seq = q.doc_seq" \
                        " LEFT JOIN entities e ON e.id = q.entity ORDER BY q.doc_seq, q.idx") \
    X(ST_STORY_EXISTS, "SELECT 1 FROM stories WHERE id = ?1 AND n_docs > 0") \
    /* the stories with documents (rc_store_stories), ?1 limit */            \
    X(ST_STORIES_NEWEST, STORIES_SQL " ORDER BY s.last_published IS NULL,"    \
                         " s.last_published DESC, s.id LIMIT ?1")            \
    X(ST_STORIES_LARGEST, STORIES_SQL " ORDER BY n DESC, s.last_published IS NULL," \
                          " s.last_published DESC, s.id LIMIT ?1")           \
    X(ST_STORY_LANGS, "SELECT DISTINCT lang FROM documents"                  \
                      " WHERE story = ?1 AND lang IS NOT NULL AND lang != '' ORDER BY lang") \
    X(ST_STORY_MERGED, "SELECT merged_into FROM stories WHERE id = ?1")      \
    X(ST_STORY_ROW, "SELECT title, first_published, last_published FROM stories" \
                    " WHERE id = ?1")                                        \
    /* a story's documents, earliest published first, with what they copy */ \
    X(ST_STORY_DOCS_FULL, "SELECT d.id, d.title, d.site, d.published, d.lang," \
                          " COALESCE(d.copy_of, o.id), (SELECT c.kind FROM copies c" \
                          "  WHERE c.b = d.id AND c.a = COALESCE(d.copy_of, o.id)" \
                          "  ORDER BY c.kind = 'duplicate' DESC, c.score DESC LIMIT 1)" \
                          " FROM documents d LEFT JOIN documents o ON o.seq = d.orig_seq" \
                          " WHERE d.story = ?1"                               \
                          " ORDER BY d.published IS NULL, d.published, d.seq") \
    X(ST_TL_ITEMS, "SELECT d.seq, d.id, d.published, COALESCE(d.copy_of, o.id)," \
                   " t.value, t.type, t.how, t.start, t.\"end\", t.sent_start, t.sent_end" \
                   " FROM documents d JOIN doc_dates t ON t.doc_seq = d.seq"  \
                   " LEFT JOIN documents o ON o.seq = d.orig_seq"             \
                   " WHERE d.story = ?1 AND t.type IN ('DATE', 'TIME')"      \
                   " AND t.sent_start IS NOT NULL ORDER BY d.seq, t.idx")     \
    X(ST_DOC_TEXT, "SELECT text FROM documents WHERE seq = ?1")               \
    /* a story's claims, with what each document copies and its outlet */    \
    X(ST_CG_ITEMS, "SELECT d.id, d.published, COALESCE(d.copy_of, o.id),"      \
                   " COALESCE(p.site, o.site, d.site), d.lang, c.text, c.status," \
                   " c.source, c.cited FROM documents d"                      \
                   " JOIN doc_claims c ON c.doc_seq = d.seq"                  \
                   " LEFT JOIN documents o ON o.seq = d.orig_seq"             \
                   " LEFT JOIN documents p ON p.id = d.copy_of"               \
                   " WHERE d.story = ?1 ORDER BY d.seq, c.idx")               \
    /* ?1 story (NULL: any), ?5 limit */                                     \
    X(ST_QUOTES, "SELECT d.id, d.published, d.story, q.text, q.direct, q.speaker, e.id, q.cue" \
                 " FROM doc_quotes q JOIN documents d ON d.seq = q.doc_seq"   \
                 " LEFT JOIN entities e ON e.id = q.entity"                   \
                 " WHERE ?1 IS NULL OR d.story = ?1"                          \
                 " ORDER BY d.t, d.seq, q.idx LIMIT ?5")                      \
    /* the same for a speaker: ?2 the key of a full name (NULL for a surname \
     * alone), which may also be a compound surname; ?3 a surname's key     \
     * (NULL for a full name); keys without spaces (see put_facts) */       \
    X(ST_QUOTES_BY, "SELECT d.id, d.published, d.story, q.text, q.direct, q.speaker, e.id," \
                    " q.cue FROM doc_quotes q JOIN documents d ON d.seq = q.doc_seq" \
                    " LEFT JOIN entities e ON e.id = q.entity"                \
                    " WHERE (?1 IS NULL OR d.story = ?1) AND (q.speaker_key = ?2" \
                    "  OR q.speaker_surname = ?2 OR q.speaker_surname = ?3"    \
                    "  OR q.entity IN (SELECT id FROM entities WHERE type = 1" \
                    "   AND (replace(key, ' ', '') = 'per:' || ?2"             \
                    "    OR replace(surname, ' ', '') = ?2 OR replace(surname, ' ', '') = ?3)" \
                    "   UNION ALL SELECT entity FROM doc_quotes WHERE speaker_key = ?2" \
                    "    OR speaker_surname = ?2 OR speaker_surname = ?3))"    \
                    " ORDER BY d.t, d.seq, q.idx LIMIT ?5")                   \
    X(ST_BEGIN, "BEGIN IMMEDIATE")                                           \
    X(ST_BEGIN_READ, "BEGIN")                                                \
    X(ST_COMMIT, "COMMIT")                                                   \
    X(ST_ROLLBACK, "ROLLBACK")

#define RC_ST_ENUM_(name, sql) name,
enum { RC_STATEMENTS(RC_ST_ENUM_) ST_COUNT_ };
#undef RC_ST_ENUM_

#define RC_ST_SQL_(name, sql) sql,
static const char *const statement_sql[] = { RC_STATEMENTS(RC_ST_SQL_) };
#undef RC_ST_SQL_

struct rc_store {
    sqlite3 *db;
    int err;               /* sticky error (RC_EDB, RC_ENOMEM) or 0 */
    int in_txn;            /* inside rc_store_begin() */
    char msg[1024];        /* last error message */
    rc_buf result;         /* copy_of handed back by rc_store_put */
    rc_buf row;            /* one row of JSON (export) */
    rc_buf query;          /* the rewritten search query */
    rc_arena *scratch;     /* per-put scratch, reset at each put */
    rc_arena *tl;          /* a story's timeline or claims (rows and results), reset per story */
    time_t now_t;
    char now[32];          /* ingested_at for now_t */
    sqlite3_stmt *st[ST_COUNT_];
    /* Copies and stories (loaded at the first put). */
    rc_dedup *dd;
    rc_stories *ss;
    rc_entities *ents;     /* entities across documents (entities.c) */
    int64_t clock;         /* latest time key seen */
    int cc_dirty;          /* sketches changed since saved */
    unsigned since_expire;
};

static int cc_save(rc_store *s);
static int nomem(rc_store *s);

/* ------------------------------------------------------------------ errors */

static void set_msg(rc_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_msg(rc_store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
}

int rc_store_fail(rc_store *s, int sqlite_rc, const char *what)
{
    int code = (sqlite_rc & 0xff) == SQLITE_NOMEM ? RC_ENOMEM : RC_EDB;
    set_msg(s, "%s: %s", what, sqlite3_errmsg(s->db));
    if (!s->err)
        s->err = code;
    return s->err;
}

/* An error of this call only: message, no stickiness. */
static int fail_once(rc_store *s, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail_once(rc_store *s, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    return code;
}

const char *rc_store_errmsg(const rc_store *s)
{
    if (!s)
        return "no store";
    return s->msg[0] ? s->msg : rc_strerror(s->err);
}

sqlite3 *rc_store_sqlite(rc_store *s)
{
    return s->db;
}

/* Step a statement that returns no row we need, then reset it. */
static int run(rc_store *s, int which, const char *what)
{
    sqlite3_stmt *st = s->st[which];
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        rc_store_fail(s, rc, what);
        sqlite3_reset(st);
        return s->err;
    }
    sqlite3_reset(st);
    return RC_OK;
}

/* ------------------------------------------------------------------ binding */

static int bind_str(sqlite3_stmt *st, int i, rc_str v)
{
    if (rc_str_empty(v))
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text64(st, i, v.ptr, v.len, SQLITE_STATIC, SQLITE_UTF8);
}

/* Bind a value that must not be NULL (empty string when absent). */
static int bind_str_nn(sqlite3_stmt *st, int i, rc_str v)
{
    return sqlite3_bind_text64(st, i, v.ptr ? v.ptr : "", v.len, SQLITE_STATIC, SQLITE_UTF8);
}

static int bind_cstr(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Column i equals v (NULL equals the empty/absent view). */
static int col_eq(sqlite3_stmt *st, int i, rc_str v)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return rc_str_empty(v);
    const void *p = sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    return n == v.len && (n == 0 || memcmp(p, v.ptr, n) == 0);
}

static rc_str col_str(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return p ? (rc_str){p, (size_t)sqlite3_column_bytes(st, i)} : RC_STR_NULL;
}

/* The stored language code: rc_lang_code()'s, NULL when undetermined. */
static rc_str lang_str(rc_lang l)
{
    if (l == RC_LANG_UND || (unsigned)l >= RC_LANG_COUNT_)
        return RC_STR_NULL;
    return rc_str_c(rc_lang_code(l));
}

static rc_str format_str(rc_format f)
{
    switch (f) {
    case RC_FMT_HTML: return RC_STR_LIT("html");
    case RC_FMT_TEXT: return RC_STR_LIT("text");
    default: return RC_STR_NULL;
    }
}

static const char *now_iso(rc_store *s)
{
    time_t t = time(NULL);
    if (t != s->now_t || !s->now[0]) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        s->now_t = t;
    }
    return s->now;
}

/* ------------------------------------------------------------------ open / close */

static _Thread_local char open_msg[2048];

static int exec(rc_store *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? RC_OK : rc_store_fail(s, rc, what);
}

/* One integer from a one-row query (a PRAGMA). */
static int query_int(rc_store *s, const char *sql, sqlite3_int64 *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK)
        rc_store_fail(s, rc, sql);
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? RC_OK : s->err;
}

/* Bring the schema to RC_STORE_SCHEMA_VERSION. */
static int migrate(rc_store *s, const char *path)
{
    sqlite3_int64 version, app;
    int rc = query_int(s, "PRAGMA user_version", &version);
    if (rc)
        return rc;
    if (version > RC_STORE_SCHEMA_VERSION) {
        set_msg(s, "%s: database schema version %lld is newer than this program's (%d);"
                " use a newer recoupe", path, (long long)version, RC_STORE_SCHEMA_VERSION);
        return s->err = RC_ESCHEMA;
    }
    if ((rc = query_int(s, "PRAGMA application_id", &app)))
        return rc;
    if (app != 0 && app != RC_STORE_APPLICATION_ID) {
        set_msg(s, "%s: not a recoupe database (application_id %lld)", path, (long long)app);
        return s->err = RC_EDB;
    }
    if (version == RC_STORE_SCHEMA_VERSION)
        return RC_OK;

    if ((rc = exec(s, "BEGIN IMMEDIATE", "begin migration")))
        return rc;
    /* Read again under the lock: another process may have migrated. */
    if ((rc = query_int(s, "PRAGMA user_version", &version)))
        goto fail;
    if (version == 0) {
        sqlite3_int64 ntables;
        if ((rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &ntables)))
            goto fail;
        if (ntables > 0 && app != RC_STORE_APPLICATION_ID) {
            set_msg(s, "%s: not a recoupe database (it has other tables)", path);
            rc = s->err = RC_EDB;
            goto fail;
        }
    }
    for (sqlite3_int64 v = version; v < RC_STORE_SCHEMA_VERSION; v++)
        if ((rc = exec(s, migrations[v], "schema migration")))
            goto fail;
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
             RC_STORE_SCHEMA_VERSION, RC_STORE_APPLICATION_ID);
    if ((rc = exec(s, sql, "schema migration")) || (rc = exec(s, "COMMIT", "commit migration")))
        goto fail;
    return RC_OK;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int prepare_all(rc_store *s)
{
    for (int i = 0; i < ST_COUNT_; i++) {
        int rc = sqlite3_prepare_v3(s->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                    &s->st[i], NULL);
        if (rc != SQLITE_OK)
            return rc_store_fail(s, rc, "prepare");
    }
    return RC_OK;
}

static int configure(rc_store *s)
{
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    /* The first statement reads the file: a non-database fails here. */
    int rc = exec(s, "PRAGMA journal_mode = WAL", "open");
    if (!rc)
        rc = exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                     " PRAGMA cache_size = -32768;", "open");
    return rc;
}

rc_store *rc_store_open(const char *path, int *err, const char **errmsg)
{
    int code = RC_OK;
    const char *msg = NULL;
    rc_store *s = NULL;

    if (!path || !*path) {
        code = RC_EINVAL;
        msg = "no database path";
        goto out;
    }
    s = calloc(1, sizeof *s);
    if (!s || !(s->scratch = rc_arena_new(0)) || !(s->tl = rc_arena_new(0))) {
        code = RC_ENOMEM;
        msg = rc_strerror(code);
        goto out;
    }
    rc_buf_init(&s->result, 0);
    rc_buf_init(&s->row, 0);
    rc_buf_init(&s->query, 0);

    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        code = rc == SQLITE_NOMEM ? RC_ENOMEM : RC_EDB;
        snprintf(open_msg, sizeof open_msg, "%s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        msg = open_msg;
        goto out;
    }
    /* The entity tables first: some of our statements read them. */
    if ((code = configure(s)) || (code = migrate(s, path)) ||
        ((code = rc_entities_init(s->db, &s->ents)) &&
         (snprintf(s->msg, sizeof s->msg, "entities: %s", sqlite3_errmsg(s->db)), 1)) ||
        (code = prepare_all(s))) {
        if (strncmp(s->msg, path, strlen(path)) == 0)
            snprintf(open_msg, sizeof open_msg, "%s", s->msg);
        else
            snprintf(open_msg, sizeof open_msg, "%s: %s", path, s->msg);
        msg = open_msg;
        goto out;
    }
    s->msg[0] = 0;
out:
    if (err)
        *err = code;
    if (errmsg)
        *errmsg = code ? msg : NULL;
    if (code && s) {
        rc_store_close(s);
        s = NULL;
    }
    return s;
}

void rc_store_close(rc_store *s)
{
    if (!s)
        return;
    /* Sketches changed by puts outside of a transaction are saved now. */
    if (s->dd && s->cc_dirty && !s->err && sqlite3_get_autocommit(s->db) &&
        run(s, ST_BEGIN, "begin") == RC_OK) {
        if (cc_save(s) == RC_OK)
            run(s, ST_COMMIT, "commit");
        else
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    rc_entities_close(s->ents);
    rc_dedup_free(s->dd);
    rc_stories_free(s->ss);
    for (int i = 0; i < ST_COUNT_; i++)
        sqlite3_finalize(s->st[i]);
    /* An open transaction is rolled back by SQLite on close. */
    sqlite3_close_v2(s->db);
    rc_buf_free(&s->result);
    rc_buf_free(&s->row);
    rc_buf_free(&s->query);
    rc_arena_free(s->scratch);
    rc_arena_free(s->tl);
    free(s);
}

/* ------------------------------------------------------------------ transactions */

int rc_store_begin(rc_store *s)
{
    if (s->err)
        return s->err;
    if (s->in_txn || !sqlite3_get_autocommit(s->db))
        return fail_once(s, RC_EINVAL, "a transaction is already open (nested begin)");
    int rc = run(s, ST_BEGIN, "begin");
    if (!rc)
        s->in_txn = 1;
    return rc;
}

int rc_store_commit(rc_store *s)
{
    if (s->err)
        return s->err;           /* never commit after a failure: roll back */
    if (!s->in_txn)
        return fail_once(s, RC_EINVAL, "commit without begin");
    int rc = cc_save(s);
    if (!rc)
        rc = run(s, ST_COMMIT, "commit");
    if (!rc)
        s->in_txn = 0;
    return rc;
}

int rc_store_rollback(rc_store *s)
{
    int rc = RC_OK;
    if (!sqlite3_get_autocommit(s->db)) {
        int r = sqlite3_step(s->st[ST_ROLLBACK]);
        sqlite3_reset(s->st[ST_ROLLBACK]);
        if (r != SQLITE_DONE) {
            s->err = 0;
            return rc_store_fail(s, r, "rollback");
        }
    }
    s->in_txn = 0;
    s->err = RC_OK;
    s->msg[0] = 0;
    return rc;
}

/* ------------------------------------------------------------------ put */

/* Does the stored row (ST_GET, current row) hold exactly doc? */
static int same_as_stored(rc_store *s, sqlite3_stmt *g, const rc_doc *doc, sqlite3_int64 seq,
                          int *same)
{
    *same = 0;
    if (!(col_eq(g, 1, doc->path) && col_eq(g, 2, doc->url) && col_eq(g, 3, doc->title) &&
          col_eq(g, 4, doc->author) && col_eq(g, 5, doc->site) && col_eq(g, 6, doc->published) &&
          col_eq(g, 7, doc->published_how) && col_eq(g, 8, lang_str(doc->lang)) &&
          col_eq(g, 9, doc->charset) && col_eq(g, 10, format_str(doc->format)) &&
          sqlite3_column_int64(g, 12) == (sqlite3_int64)doc->text_hash &&
          col_eq(g, 11, doc->text) &&
          sqlite3_column_int64(g, 13) == (sqlite3_int64)doc->n_paras &&
          sqlite3_column_int64(g, 14) == (sqlite3_int64)doc->n_sents &&
          sqlite3_column_int64(g, 15) == (sqlite3_int64)doc->n_toks))
        return RC_OK;
    sqlite3_stmt *p = s->st[ST_PARAS];
    sqlite3_bind_int64(p, 1, seq);
    size_t i = 0;
    int rc, eq = 1;
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
        if (i >= doc->n_paras || sqlite3_column_int64(p, 0) != doc->paras[i].start ||
            sqlite3_column_int64(p, 1) != doc->paras[i].end)
            eq = 0;
        i++;
    }
    sqlite3_reset(p);
    if (rc != SQLITE_DONE)
        return rc_store_fail(s, rc, "read paragraphs");
    *same = eq && i == doc->n_paras;
    return RC_OK;
}

static int bind_doc(sqlite3_stmt *st, const rc_doc *doc, const char *copy_of, const char *now)
{
    bind_str(st, 1, doc->path);
    bind_str(st, 2, doc->url);
    bind_str(st, 3, doc->title);
    bind_str(st, 4, doc->author);
    bind_str(st, 5, doc->site);
    bind_str(st, 6, doc->published);
    bind_str(st, 7, doc->published_how);
    bind_str(st, 8, lang_str(doc->lang));
    bind_str(st, 9, doc->charset);
    bind_str(st, 10, format_str(doc->format));
    bind_str_nn(st, 11, doc->text);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)doc->text_hash);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)doc->n_paras);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)doc->n_sents);
    sqlite3_bind_int64(st, 15, (sqlite3_int64)doc->n_toks);
    bind_cstr(st, 16, copy_of);
    sqlite3_bind_text(st, 17, now, -1, SQLITE_TRANSIENT);
    return bind_str_nn(st, 18, doc->id);
}

static int put_paragraphs(rc_store *s, sqlite3_int64 seq, const rc_doc *doc)
{
    sqlite3_stmt *st = s->st[ST_PARA_INS];
    sqlite3_bind_int64(st, 1, seq);
    for (size_t i = 0; i < doc->n_paras; i++) {
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, doc->paras[i].start);
        sqlite3_bind_int64(st, 4, doc->paras[i].end);
        int rc = run(s, ST_PARA_INS, "insert paragraph");
        if (rc)
            return rc;
    }
    return RC_OK;
}

/* ------------------------------------------------------------------ quotes, claims, dates */

/* Speaker names as keys.  A person is written "Dmitri Peskov", "Dmitry
 * Peskov", "M. Peskov", "Peskow", "Jean-Marc Thiébaut", "Jean Marc
 * Thiebaut", "Ingrid Solberg Haug"...  name_keys() gives a name two keys
 * that every such spelling shares, for `quotes --speaker`:
 *   - titles, functions and initials in front are dropped (the title and
 *     role words of data/ner-words.tsv, with their article: "le
 *     porte-parole", one-letter words);
 *   - the first word is the given name, the rest the surname (the whole
 *     name is a surname when it has one word or starts with a particle,
 *     as in entities.c: "Le Pen");
 *   - each part is keyed by rc_name_key() (names.h: case, accents and
 *     transliterations folded) with its hyphens read as spaces, and its
 *     spaces then removed, so "Jean-Marc" = "Jean Marc" and
 *     "Solberg-Haug" = "Solberg Haug";
 *   - full = given name + surname keys (none for a surname alone).
 * Why not the entity keys alone: a quote's speaker may have no entity (a
 * name the NER did not see, "M. Peskov" written by quotes.c), and a
 * compound name splits differently with and without its hyphen. */

/* Surname particles, the list of entities.c. */
static int is_particle(const char *w, size_t n)
{
    static const char *const particles[] = {
        "le", "la", "les", "de", "du", "des", "d'", "van", "von", "der", "den", "ter", "ten",
        "da", "di", "del", "della", "dos", "das", "do", "mac", "st", "saint", "sainte", "abu",
        "abou", "bou", "ould", "o'", "y", "al", "el", "ben", "bin", "ibn"};
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strlen(particles[i]) == n && memcmp(particles[i], w, n) == 0)
            return 1;
    return 0;
}

/* The one-word titles and functions of data/ner-words.tsv, folded and
 * sorted (loaded once, read-only). */
static struct {
    char (*w)[32];
    size_t n;
} titles;

static pthread_once_t titles_once = PTHREAD_ONCE_INIT;

static int cmp_title(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void titles_load(void)
{
    rc_str f = rc_data_get("ner-words.tsv");
    size_t pos = 0, cap = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line)) {
        const char *tab = memchr(line.ptr, '\t', line.len);
        if (!tab || memchr(line.ptr, ' ', (size_t)(tab - line.ptr)))
            continue;
        rc_str cls = {tab + 1, line.len - (size_t)(tab + 1 - line.ptr)};
        if (!rc_str_eq_c(cls, "title") && !rc_str_eq_c(cls, "role"))
            continue;
        char fw[32];
        size_t nf = rc_fold_word(line.ptr, (size_t)(tab - line.ptr), fw, sizeof fw - 1);
        if (!nf || nf >= sizeof fw - 1)
            continue;
        if (titles.n == cap) {
            cap = cap ? 2 * cap : 256;
            char(*w)[32] = realloc(titles.w, cap * sizeof *w);
            if (!w)
                break;                  /* fewer titles: names keep them */
            titles.w = w;
        }
        memcpy(titles.w[titles.n], fw, nf);
        titles.w[titles.n++][nf] = 0;
    }
    if (titles.n)
        qsort(titles.w, titles.n, sizeof *titles.w, cmp_title);
}

/* Is the word w[0..n) a title, a function or an initial ("M.", "Mme",
 * "General", "spokesman", "D.")? */
static int title_word(const char *w, size_t n)
{
    size_t letters = n && w[n - 1] == '.' ? n - 1 : n;
    if (letters == 1 || (letters == 2 && ((unsigned char)w[0] & 0xE0) == 0xC0))
        return 1;                       /* one letter: an initial */
    char fw[32];
    size_t nf = rc_fold_word(w, n, fw, sizeof fw - 1);
    if (!nf || nf >= sizeof fw - 1)
        return 0;
    fw[nf] = 0;
    pthread_once(&titles_once, titles_load);
    return titles.n && bsearch(fw, titles.w, titles.n, sizeof *titles.w, cmp_title) != NULL;
}

/* rc_name_key() of part (a person's), hyphens read as spaces, without the
 * "per:" prefix and without spaces; NUL-terminated in a, {NULL, 0} when it
 * has no letters.  Returns 0 or RC_ENOMEM. */
static int part_key(rc_arena *a, rc_str part, rc_str *out)
{
    *out = RC_STR_NULL;
    if (rc_str_empty(part))
        return RC_OK;
    char *c = rc_arena_strndup(a, part.ptr, part.len);
    if (!c)
        return RC_ENOMEM;
    for (size_t i = 0; i < part.len; i++)
        if (c[i] == '-')
            c[i] = ' ';
    rc_str k;
    if (rc_name_key(a, (rc_str){c, part.len}, RC_ENT_PER, &k))
        return RC_ENOMEM;
    if (k.len <= 4 || memcmp(k.ptr, "per:", 4) != 0)
        return RC_OK;
    char *p = (char *)k.ptr;            /* the key is ours (in a): squeeze it */
    size_t n = 0;
    for (size_t i = 4; i < k.len; i++)
        if (p[i] != ' ')
            p[n++] = p[i];
    p[n] = 0;
    if (n)
        *out = (rc_str){p, n};
    return RC_OK;
}

/* An article before a function ("le porte-parole", "the spokesman"). */
static int article(const char *w, size_t n)
{
    static const char *const arts[] = {"le", "la", "les", "the", "un", "une", "a", "an"};
    for (size_t i = 0; i < sizeof arts / sizeof *arts; i++)
        if (strlen(arts[i]) == n && strncasecmp(arts[i], w, n) == 0)
            return 1;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The keys of a person's name (see above), in a: *full ({NULL, 0} for a
 * surname alone) and *surname ({NULL, 0} when nothing has letters).
 * Returns 0 or RC_ENOMEM. */
static int name_keys(rc_arena *a, rc_str name, rc_str *full, rc_str *surname)
{
    *full = *surname = RC_STR_NULL;
    const char *p = name.ptr, *end = name.ptr ? name.ptr + name.len : NULL;
    rc_str first = RC_STR_NULL, rest = RC_STR_NULL;
    while (p && p < end) {
        while (p < end && is_blank(*p))
            p++;
        const char *w = p;
        while (p < end && !is_blank(*p))
            p++;
        const char *r = p;
        while (r < end && is_blank(*r))
            r++;
        if (w == p)
            break;
        if (r < end && title_word(w, (size_t)(p - w)))
            continue;                   /* "M." before "Peskov" */
        if (r < end && article(w, (size_t)(p - w))) {
            /* "le porte-parole Vorontsov", "the spokesman Vorontsov" */
            const char *w2 = r, *p2 = r;
            while (p2 < end && !is_blank(*p2))
                p2++;
            const char *r2 = p2;
            while (r2 < end && is_blank(*r2))
                r2++;
            if (r2 < end && title_word(w2, (size_t)(p2 - w2))) {
                p = p2;
                continue;
            }
        }
        first = (rc_str){w, (size_t)(p - w)};
        const char *e = end;
        while (e > r && is_blank(e[-1]))
            e--;
        rest = (rc_str){r, (size_t)(e - r)};
        break;
    }
    if (rc_str_empty(first))
        return RC_OK;
    rc_str kf;
    if (part_key(a, first, &kf))
        return RC_ENOMEM;
    if (rc_str_empty(rest) || rc_str_empty(kf) || is_particle(kf.ptr, kf.len)) {
        /* a surname alone: the whole name */
        size_t n = rest.ptr && rest.len ? (size_t)(rest.ptr + rest.len - first.ptr) : first.len;
        rc_str whole = {first.ptr, n};
        return part_key(a, whole, surname);
    }
    if (part_key(a, rest, surname))
        return RC_ENOMEM;
    if (rc_str_empty(*surname)) {
        *surname = kf;                  /* "Peskov ." */
        return RC_OK;
    }
    char *f = rc_arena_alloc(a, kf.len + surname->len + 1);
    if (!f)
        return RC_ENOMEM;
    memcpy(f, kf.ptr, kf.len);
    memcpy(f + kf.len, surname->ptr, surname->len);
    f[kf.len + surname->len] = 0;
    *full = (rc_str){f, kf.len + surname->len};
    return RC_OK;
}

static rc_str slice(const rc_doc *doc, int64_t a, int64_t b)
{
    if (a < 0 || b < a || (uint64_t)b > doc->text.len)
        return RC_STR_NULL;
    return (rc_str){doc->text.ptr + a, (size_t)(b - a)};
}

static void bind_opt(sqlite3_stmt *st, int i, int32_t v)
{
    if (v < 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

/* The mention of doc that holds [a, b), or NULL (mentions are in text
 * order and do not overlap). */
static const rc_mention *mention_at(const rc_doc *doc, uint32_t a, uint32_t b)
{
    size_t lo = 0, hi = doc->mentions ? doc->n_mentions : 0;
    while (lo < hi) {                  /* first mention starting after a */
        size_t mid = lo + (hi - lo) / 2;
        if (doc->mentions[mid].start <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0 && lo - k <= 4;) {
        const rc_mention *m = &doc->mentions[k];
        if (m->start <= a && m->end >= b)
            return m;
    }
    return NULL;
}

/* The entity of a quote's speaker: the document's mention that holds the
 * speaker's words, else the speaker's name, looked up among the names that
 * entities.c linked for this document (entity_variants: a name as written
 * and its canonical form, each with its entity).  Going through the names
 * rather than rc_mention.key gives exactly the entity entities.c chose,
 * whose key may differ from the mention's (a nickname made formal, a
 * surname alone joined to the one full name).  *id = 0 when none. */
static int speaker_entity(rc_store *s, sqlite3_int64 seq, const rc_doc *doc, const rc_quote *q,
                          sqlite3_int64 *id)
{
    *id = 0;
    const rc_mention *m = q->speaker_start >= 0 && q->speaker_end > q->speaker_start
                              ? mention_at(doc, (uint32_t)q->speaker_start, (uint32_t)q->speaker_end)
                              : NULL;
    rc_str names[3] = {RC_STR_NULL, RC_STR_NULL, q->speaker};
    if (m) {
        names[0] = m->name;
        names[1] = slice(doc, m->start, m->end);
    }
    sqlite3_stmt *st = s->st[ST_SPEAKER_ENTITY];
    for (int i = 0; i < 3 && !*id; i++) {
        if (rc_str_empty(names[i]))
            continue;
        sqlite3_bind_int64(st, 1, seq);
        bind_str(st, 2, names[i]);
        sqlite3_bind_int(st, 3, m ? m->type : RC_ENT_PER);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (r != SQLITE_ROW && r != SQLITE_DONE)
            return rc_store_fail(s, r, "find the speaker's entity");
    }
    return RC_OK;
}

/* The sentence of doc that holds [a, b): its span, or {0, 0} if none. */
static rc_span sentence_of(const rc_doc *doc, uint32_t a, uint32_t b)
{
    size_t n = doc->sents ? doc->n_sents : 0, lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sents[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && doc->sents[lo].start <= a && doc->sents[lo].end >= b)
        return doc->sents[lo];
    return (rc_span){0, 0};
}

/* Write what doc says -- quotes, claims, dates -- for document seq, after
 * rc_entities_put() (the speakers' entities come from its rows).  replace:
 * delete the document's earlier rows first.  Spans were checked by
 * check_doc.  Strings are bound as views of doc (SQLITE_STATIC: each
 * statement is run before the next bind). */
static int put_facts(rc_store *s, sqlite3_int64 seq, const rc_doc *doc, int replace)
{
    int rc;
    if (replace) {
        static const int del[] = {ST_QUOTES_DEL, ST_CLAIMS_DEL, ST_DATES_DEL};
        for (int i = 0; i < 3; i++) {
            sqlite3_bind_int64(s->st[del[i]], 1, seq);
            if ((rc = run(s, del[i], "delete quotes, claims and dates")))
                return rc;
        }
    }
    sqlite3_stmt *st = s->st[ST_QUOTE_INS];
    for (size_t i = 0; i < doc->n_quotes; i++) {
        const rc_quote *q = &doc->quotes[i];
        sqlite3_int64 ent;
        if ((rc = speaker_entity(s, seq, doc, q, &ent)))
            return rc;
        rc_str full, surname;
        if (name_keys(s->scratch, q->speaker, &full, &surname))
            return nomem(s);
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, q->start);
        sqlite3_bind_int64(st, 4, q->end);
        bind_str_nn(st, 5, slice(doc, q->start, q->end));
        sqlite3_bind_int(st, 6, q->direct != 0);
        bind_str(st, 7, q->speaker);
        bind_opt(st, 8, q->speaker_start);
        bind_opt(st, 9, q->speaker_end);
        bind_str(st, 10, full);
        bind_str(st, 11, surname);
        if (ent)
            sqlite3_bind_int64(st, 12, ent);
        else
            sqlite3_bind_null(st, 12);
        bind_str(st, 13, slice(doc, q->cue_start, q->cue_end));
        bind_opt(st, 14, q->cue_start);
        bind_opt(st, 15, q->cue_end);
        if ((rc = run(s, ST_QUOTE_INS, "insert quote")))
            return rc;
    }
    st = s->st[ST_CLAIM_INS];
    for (size_t i = 0; i < doc->n_claims; i++) {
        const rc_claim *c = &doc->claims[i];
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, c->start);
        sqlite3_bind_int64(st, 4, c->end);
        bind_str_nn(st, 5, slice(doc, c->start, c->end));
        sqlite3_bind_text(st, 6, rc_claim_status_name(c->status), -1, SQLITE_STATIC);
        bind_str(st, 7, c->source);
        bind_str(st, 8, slice(doc, c->cue_start, c->cue_end));
        bind_opt(st, 9, c->cue_start);
        bind_opt(st, 10, c->cue_end);
        bind_str(st, 11, c->cited);
        if ((rc = run(s, ST_CLAIM_INS, "insert claim")))
            return rc;
    }
    st = s->st[ST_DATE_INS];
    for (size_t i = 0; i < doc->n_dates; i++) {
        const rc_timex *x = &doc->dates[i];
        rc_span sent = sentence_of(doc, x->start, x->end);
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, x->start);
        sqlite3_bind_int64(st, 4, x->end);
        bind_str_nn(st, 5, slice(doc, x->start, x->end));
        sqlite3_bind_text(st, 6, rc_timex_type_name(x->type), -1, SQLITE_STATIC);
        bind_str_nn(st, 7, x->value);
        bind_str(st, 8, x->how);
        if (sent.end > sent.start) {
            sqlite3_bind_int64(st, 9, sent.start);
            sqlite3_bind_int64(st, 10, sent.end);
        } else {
            sqlite3_bind_null(st, 9);
            sqlite3_bind_null(st, 10);
        }
        if ((rc = run(s, ST_DATE_INS, "insert date")))
            return rc;
    }
    return RC_OK;
}

/* Make document seq a copy of `orig` (NULL: not a copy): copy_of and its
 * copies row. */
static int set_copy(rc_store *s, sqlite3_int64 seq, const char *id, const char *orig)
{
    int rc;
    bind_cstr(s->st[ST_SET_COPY_OF], 1, orig);
    sqlite3_bind_int64(s->st[ST_SET_COPY_OF], 2, seq);
    if ((rc = run(s, ST_SET_COPY_OF, "set copy_of")))
        return rc;
    bind_cstr(s->st[ST_COPY_DEL], 1, id);
    if ((rc = run(s, ST_COPY_DEL, "delete copy")))
        return rc;
    if (orig) {
        bind_cstr(s->st[ST_COPY_INS], 1, orig);
        bind_cstr(s->st[ST_COPY_INS], 2, id);
        rc = run(s, ST_COPY_INS, "insert copy");
    }
    return rc;
}

typedef struct member {
    sqlite3_int64 seq;
    const char *id;
    const char *copy_of;   /* NULL if none */
} member;

/* Collect the rows of a (seq, id, copy_of) query into the scratch arena (so
 * that we may write while going through them). */
static int collect(rc_store *s, sqlite3_stmt *st, member **out, size_t *n)
{
    size_t cap = 8, len = 0;
    member *m = rc_arena_alloc(s->scratch, cap * sizeof *m);
    int rc;
    if (!m)
        goto nomem;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            member *bigger = rc_arena_alloc(s->scratch, 2 * cap * sizeof *m);
            if (!bigger)
                goto nomem;
            memcpy(bigger, m, len * sizeof *m);
            m = bigger;
            cap *= 2;
        }
        rc_str id = col_str(st, 1), co = col_str(st, 2);
        m[len].seq = sqlite3_column_int64(st, 0);
        m[len].id = rc_arena_strndup(s->scratch, id.ptr ? id.ptr : "", id.len);
        m[len].copy_of = co.ptr ? rc_arena_strndup(s->scratch, co.ptr, co.len) : NULL;
        if (!m[len].id || (co.ptr && !m[len].copy_of))
            goto nomem;
        len++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return rc_store_fail(s, rc, "read copies");
    *out = m;
    *n = len;
    return RC_OK;
nomem:
    sqlite3_reset(st);
    set_msg(s, "out of memory while regrouping copies");
    return s->err = RC_ENOMEM;
}

/* Fix the copy links of a set of identical documents, in seq order: the
 * first is the original, the others its copies.  Writes only what differs. */
static int relink(rc_store *s, const member *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *want = i == 0 ? NULL : m[0].id;
        int same = (want == NULL) == (m[i].copy_of == NULL) &&
                   (want == NULL || strcmp(want, m[i].copy_of) == 0);
        if (!same) {
            int rc = set_copy(s, m[i].seq, m[i].id, want);
            if (rc)
                return rc;
        }
    }
    return RC_OK;
}

/* After doc `seq` (id) changed its text: relink the documents that were
 * copies of it, then the group of documents with its new text.  Its own
 * copy_of is NULL at this point and its duplicate row gone. */
static int regroup_after_update(rc_store *s, sqlite3_int64 seq, const char *id,
                                const char *old_copy_of, const rc_doc *doc,
                                const char **new_copy_of)
{
    member *m;
    size_t n;
    int rc;
    *new_copy_of = NULL;
    if (!old_copy_of) {
        /* It may have been an original: its copies get a new one. */
        sqlite3_stmt *st = s->st[ST_DEPENDENTS];
        bind_cstr(st, 1, id);
        if ((rc = collect(s, st, &m, &n)) || (rc = relink(s, m, n)))
            return rc;
    }
    if (rc_str_empty(doc->text))
        return RC_OK;
    sqlite3_stmt *st = s->st[ST_GROUP];
    sqlite3_bind_int64(st, 1, (sqlite3_int64)doc->text_hash);
    bind_str_nn(st, 2, doc->text);
    if ((rc = collect(s, st, &m, &n)))
        return rc;
    /* The updated document reads as not-a-copy (we cleared it above). */
    for (size_t i = 0; i < n; i++)
        if (m[i].seq == seq)
            m[i].copy_of = NULL;
    if ((rc = relink(s, m, n)))
        return rc;
    if (n > 0 && m[0].seq != seq)
        *new_copy_of = m[0].id;
    return RC_OK;
}

static int nomem(rc_store *s)
{
    set_msg(s, "out of memory");
    if (!s->err)
        s->err = RC_ENOMEM;
    return s->err;
}

static int fts_insert(rc_store *s, sqlite3_int64 seq, rc_str title, rc_str text)
{
    sqlite3_stmt *st = s->st[ST_FTS_INS];
    sqlite3_bind_int64(st, 1, seq);
    bind_str(st, 2, title);
    bind_str_nn(st, 3, text);
    return run(s, ST_FTS_INS, "index document");
}

/* Is [a, b) a span of a text of len bytes? */
static int span_ok(uint32_t a, uint32_t b, size_t len)
{
    return a <= b && b <= len;
}

/* An optional span (-1, -1 when absent). */
static int opt_span_ok(int32_t a, int32_t b, size_t len)
{
    return (a == -1 && b == -1) || (a >= 0 && b >= 0 && span_ok((uint32_t)a, (uint32_t)b, len));
}

static int check_doc(rc_store *s, const rc_doc *doc)
{
    if (!doc || rc_str_empty(doc->id))
        return fail_once(s, RC_EINVAL, "document without an id");
    int id_len = (int)doc->id.len;
    const char *id = doc->id.ptr;
    if ((doc->n_paras && !doc->paras) || (doc->n_quotes && !doc->quotes) ||
        (doc->n_claims && !doc->claims) || (doc->n_dates && !doc->dates))
        return fail_once(s, RC_EINVAL, "%.*s: a count without its array", id_len, id);
    size_t len = doc->text.len;
    for (size_t i = 0; i < doc->n_paras; i++)
        if (!span_ok(doc->paras[i].start, doc->paras[i].end, len))
            return fail_once(s, RC_EINVAL, "%.*s: paragraph %zu [%u, %u) outside the text",
                             id_len, id, i,
                             (unsigned)doc->paras[i].start, (unsigned)doc->paras[i].end);
    for (size_t i = 0; i < doc->n_quotes; i++) {
        const rc_quote *q = &doc->quotes[i];
        if (!span_ok(q->start, q->end, len) || !opt_span_ok(q->speaker_start, q->speaker_end, len) ||
            !opt_span_ok(q->cue_start, q->cue_end, len))
            return fail_once(s, RC_EINVAL, "%.*s: quote %zu: a span outside the text",
                             id_len, id, i);
    }
    for (size_t i = 0; i < doc->n_claims; i++) {
        const rc_claim *c = &doc->claims[i];
        if (!span_ok(c->start, c->end, len) || !opt_span_ok(c->cue_start, c->cue_end, len))
            return fail_once(s, RC_EINVAL, "%.*s: claim %zu: a span outside the text",
                             id_len, id, i);
    }
    for (size_t i = 0; i < doc->n_dates; i++)
        if (!span_ok(doc->dates[i].start, doc->dates[i].end, len))
            return fail_once(s, RC_EINVAL, "%.*s: date %zu [%u, %u) outside the text", id_len,
                             id, i, (unsigned)doc->dates[i].start, (unsigned)doc->dates[i].end);
    for (size_t i = 0; doc->sents && i < doc->n_sents; i++)
        if (!span_ok(doc->sents[i].start, doc->sents[i].end, len))
            return fail_once(s, RC_EINVAL, "%.*s: sentence %zu outside the text", id_len, id, i);
    return RC_OK;
}

static int hand_back(rc_store *s, const char *copy_of, const char **out)
{
    if (!out)
        return RC_OK;
    *out = NULL;
    if (!copy_of)
        return RC_OK;
    rc_buf_clear(&s->result);
    if (rc_buf_puts(&s->result, copy_of)) {
        set_msg(s, "out of memory");
        return s->err = RC_ENOMEM;
    }
    *out = s->result.ptr;
    return RC_OK;
}

/* ------------------------------------------------------------------ copies and stories */

#define DEDUP_WINDOW (30 * 86400)   /* copies are looked for this far back */
#define EXPIRE_EVERY 1000           /* puts between two expirations */

/* Save a sketch: 8 bytes of document count, then the counters. */
static int save_sketch(rc_store *s, const char *name, const rc_cms *c)
{
    size_t n = rc_cms_bytes(c);
    unsigned char *blob = malloc(8 + n);
    if (!blob)
        return nomem(s);
    uint64_t dn = c->n;
    memcpy(blob, &dn, 8);
    memcpy(blob + 8, c->c, n);
    sqlite3_stmt *st = s->st[ST_STATE_PUT];
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 2, blob, 8 + n, SQLITE_STATIC);
    int rc = run(s, ST_STATE_PUT, "save state");
    sqlite3_bind_null(st, 2);
    free(blob);
    return rc;
}

static int load_sketch(rc_store *s, const char *name, rc_cms *c)
{
    sqlite3_stmt *st = s->st[ST_STATE_GET];
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == 8 + rc_cms_bytes(c)) {
        const unsigned char *p = sqlite3_column_blob(st, 0);
        uint64_t dn;
        memcpy(&dn, p, 8);
        c->n = dn;
        memcpy(c->c, p + 8, rc_cms_bytes(c));
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? RC_OK : rc_store_fail(s, r, "load state");
}

/* Write the sketches and the clock if they changed (inside a transaction). */
static int cc_save(rc_store *s)
{
    if (!s->cc_dirty || !s->dd)
        return RC_OK;
    int rc;
    if ((rc = save_sketch(s, "dedup_df", rc_dedup_df(s->dd))) ||
        (rc = save_sketch(s, "stories_df", rc_stories_df(s->ss))))
        return rc;
    sqlite3_stmt *st = s->st[ST_STATE_PUT];
    sqlite3_bind_text(st, 1, "clock", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, s->clock);
    if ((rc = run(s, ST_STATE_PUT, "save state")))
        return rc;
    s->cc_dirty = 0;
    return RC_OK;
}

/* Bring back the state of the window: sketches, clock, recent stories and
 * the fingerprints of recent documents (recomputed from their text). */
static int cc_load(rc_store *s)
{
    if (s->dd)
        return RC_OK;
    s->dd = rc_dedup_new();
    s->ss = rc_stories_new();
    if (s->ss)
        rc_stories_set_merging(s->ss, 1);
    if (!s->dd || !s->ss)
        return nomem(s);
    int rc, r;
    if ((rc = load_sketch(s, "dedup_df", rc_dedup_df(s->dd))) ||
        (rc = load_sketch(s, "stories_df", rc_stories_df(s->ss))))
        return rc;
    sqlite3_stmt *st = s->st[ST_STATE_GET];
    sqlite3_bind_text(st, 1, "clock", -1, SQLITE_STATIC);
    if ((r = sqlite3_step(st)) == SQLITE_ROW)
        s->clock = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    st = s->st[ST_MAX_STORY];
    if ((r = sqlite3_step(st)) == SQLITE_ROW)
        rc_stories_set_last_id(s->ss, sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    st = s->st[ST_LOAD_STORIES];
    sqlite3_bind_int64(st, 1, s->clock - 2 * RC_ST_WINDOW);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_story_state ss = {
            .id = sqlite3_column_int64(st, 0), .t_first = sqlite3_column_int64(st, 1),
            .t_last = sqlite3_column_int64(st, 2), .n_docs = (uint32_t)sqlite3_column_int64(st, 3),
            .cent = sqlite3_column_blob(st, 4),
            .ncent = (uint32_t)((size_t)sqlite3_column_bytes(st, 4) / sizeof(rc_st_term)),
        };
        rc_st_term tmp[RC_ST_CENTROID];
        if (ss.ncent > RC_ST_CENTROID)
            ss.ncent = RC_ST_CENTROID;
        memcpy(tmp, ss.cent, ss.ncent * sizeof *tmp);   /* the blob may be unaligned */
        ss.cent = tmp;
        rc = rc_stories_load(s->ss, &ss);
    }
    sqlite3_reset(st);
    if (rc)
        return rc == RC_ENOMEM ? nomem(s) : rc;
    /* Its own arena: the caller's strings live in the scratch one. */
    rc_arena *a = rc_arena_new(0);
    if (!a)
        return nomem(s);
    st = s->st[ST_LOAD_DOCS];
    sqlite3_bind_int64(st, 1, s->clock - DEDUP_WINDOW);
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_arena_reset(a);
        rc_str text = col_str(st, 3);
        rc_token *toks;
        size_t nt;
        rc_dd_feat f;
        if (!(rc = rc_tokenize(a, text, &toks, &nt)) &&
            !(rc = rc_dedup_features(s->dd, text, toks, nt, rc_lang_from_code(col_str(st, 2)),
                                     NULL, 0, 0, a, &f))) {
            f.text_hash = (uint64_t)sqlite3_column_int64(st, 5);
            rc = rc_dedup_add(s->dd, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                              sqlite3_column_int64(st, 4), &f);
        }
    }
    sqlite3_reset(st);
    rc_arena_free(a);
    if (rc)
        return rc == RC_ENOMEM ? nomem(s) : fail_once(s, rc, "reload fingerprints");
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return rc_store_fail(s, r, "reload the window");
    return RC_OK;
}

/* A representative title: the document's, else its first line (at most
 * 120 bytes, cut at a character boundary). */
static rc_str story_title(const rc_doc *doc)
{
    if (!rc_str_empty(doc->title))
        return doc->title;
    rc_str t = doc->text;
    size_t n = 0;
    while (n < t.len && t.ptr[n] != '\n' && n < 120)
        n++;
    while (n > 0 && n < t.len && ((unsigned char)t.ptr[n] & 0xC0) == 0x80)
        n--;
    return (rc_str){t.ptr, n};
}

static int bind_centroid(rc_store *s, sqlite3_stmt *st, int i, int64_t story)
{
    rc_story_state ss;
    if (rc_stories_get(s->ss, story, &ss))
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_blob64(st, i, ss.cent, ss.ncent * sizeof *ss.cent, SQLITE_TRANSIENT);
}

/* After document seq (id) was written with new text: find what it copies,
 * put it in a story, record both.  exact_of: id of the document whose text
 * is identical (NULL if none); changed: an update of an earlier text. */
static int cc_put(rc_store *s, const rc_doc *doc, sqlite3_int64 seq, const char *id,
                  const char *exact_of, int changed)
{
    int rc = cc_load(s);
    if (rc)
        return rc;
    s->cc_dirty = 1;
    int64_t t;
    if (rc_str_empty(doc->published) || rc_parse_time(doc->published, &t))
        t = s->clock;
    else if (t > s->clock)
        s->clock = t;
    if (changed) {
        rc_dedup_forget(s->dd, seq);
        bind_cstr(s->st[ST_NEAR_DEL], 1, id);
        if ((rc = run(s, ST_NEAR_DEL, "delete copies")))
            return rc;
    }
    const rc_token *toks = doc->toks;
    size_t nt = doc->toks ? doc->n_toks : 0;
    if (!toks && !rc_str_empty(doc->text)) {
        rc_token *tt;
        if ((rc = rc_tokenize(s->scratch, doc->text, &tt, &nt)))
            return fail_once(s, rc, "tokenize %s", id);
        toks = tt;
    }
    rc_dd_feat f;
    if ((rc = rc_dedup_features(s->dd, doc->text, toks, nt, doc->lang, doc->mentions,
                                doc->n_mentions, 1, s->scratch, &f)))
        return nomem(s);
    f.text_hash = doc->text_hash;

    /* 1. Copies: the group original (root), and this document's link. */
    int64_t root = seq, join = 0, orig_col = 0;
    if (exact_of) {
        sqlite3_stmt *st = s->st[ST_ID_INFO];
        bind_cstr(st, 1, exact_of);
        if (sqlite3_step(st) == SQLITE_ROW) {
            root = rc_dedup_root(s->dd, sqlite3_column_int64(st, 0));
            join = sqlite3_column_int64(st, 1);
        }
        sqlite3_reset(st);
    } else if (!rc_str_empty(doc->text)) {
        int64_t mseq;
        int kind;
        double score;
        if ((rc = rc_dedup_match(s->dd, &f, &mseq, &kind, &score)))
            return nomem(s);
        if (kind != RC_COPY_NONE && mseq != seq) {
            int64_t r0 = rc_dedup_root(s->dd, mseq);
            sqlite3_stmt *st = s->st[ST_SEQ_INFO];
            sqlite3_bind_int64(st, 1, r0);
            char *rid = NULL;
            int earlier = 0;
            if (sqlite3_step(st) == SQLITE_ROW) {
                rc_str ri = col_str(st, 0), rp = col_str(st, 1), rl = col_str(st, 3);
                rid = rc_arena_strndup(s->scratch, ri.ptr ? ri.ptr : "", ri.len);
                join = sqlite3_column_int64(st, 2);
                /* The original is the earliest published of the group, in
                 * time (zones differ: "18:12+02:00" is before "17:00Z"); a
                 * date without a time counts as its day's start. */
                int64_t t_doc, t_root;
                if (!rc_str_empty(doc->published) && !rc_str_empty(rp) &&
                    rc_parse_time(doc->published, &t_doc) == 0 && rc_parse_time(rp, &t_root) == 0)
                    earlier = t_doc < t_root;
                else
                    earlier = !rc_str_empty(doc->published) && !rc_str_empty(rp) &&
                              (doc->published.len < rp.len
                                   ? memcmp(doc->published.ptr, rp.ptr, doc->published.len) < 0
                                   : memcmp(doc->published.ptr, rp.ptr, rp.len) < 0);
                /* The kind was found against the matched document, which may
                 * not be the group's original: against the original, another
                 * language is a translation and the same one is not. */
                const char *dl = rc_lang_code(doc->lang);
                if (rl.len && dl && *dl) {
                    int same = strlen(dl) == rl.len && memcmp(dl, rl.ptr, rl.len) == 0;
                    if (!same && kind != RC_COPY_DUPLICATE)
                        kind = RC_COPY_TRANSLATION;
                    else if (same && kind == RC_COPY_TRANSLATION)
                        kind = RC_COPY_REWRITE;
                }
            }
            sqlite3_reset(st);
            if (rid && earlier) {
                /* This document is older than the group's original: it
                 * becomes the original. */
                sqlite3_stmt *u = s->st[ST_REROOT_COPIES];
                bind_cstr(u, 1, id);
                bind_cstr(u, 2, rid);
                if ((rc = run(s, ST_REROOT_COPIES, "re-root copies")))
                    return rc;
                u = s->st[ST_REROOT_DOCS];
                sqlite3_bind_int64(u, 1, seq);
                sqlite3_bind_int64(u, 2, r0);
                if ((rc = run(s, ST_REROOT_DOCS, "re-root copies")))
                    return rc;
                rc_dedup_reroot(s->dd, r0, seq);
                u = s->st[ST_REKIND];
                bind_cstr(u, 1, id);
                if ((rc = run(s, ST_REKIND, "re-root copies")))
                    return rc;
                u = s->st[ST_NEAR_INS];
                bind_cstr(u, 1, id);
                bind_cstr(u, 2, rid);
                sqlite3_bind_text(u, 3, rc_copy_kind_name(kind), -1, SQLITE_STATIC);
                sqlite3_bind_double(u, 4, score);
                if ((rc = run(s, ST_NEAR_INS, "insert copy")))
                    return rc;
                /* The old original is now a copy of this document. */
                char sql[96];
                snprintf(sql, sizeof sql, "UPDATE documents SET orig_seq = %lld WHERE seq = %lld",
                         (long long)seq, (long long)r0);
                if ((rc = exec(s, sql, "re-root copies")))
                    return rc;
            } else if (rid) {
                root = r0;
                orig_col = r0;
                sqlite3_stmt *u = s->st[ST_NEAR_INS];
                bind_cstr(u, 1, rid);
                bind_cstr(u, 2, id);
                sqlite3_bind_text(u, 3, rc_copy_kind_name(kind), -1, SQLITE_STATIC);
                sqlite3_bind_double(u, 4, score);
                if ((rc = run(s, ST_NEAR_INS, "insert copy")))
                    return rc;
            }
        }
    }
    if ((rc = rc_dedup_add(s->dd, seq, t, root, &f)))
        return nomem(s);

    /* 2. Story: a copy joins its original's story. */
    rc_st_vec v;
    if ((rc = rc_stories_vector(s->ss, doc->title, doc->text, toks, nt, doc->lang,
                                doc->mentions, doc->n_mentions, 1, s->scratch, &v)))
        return nomem(s);
    int64_t story;
    int created;
    if ((rc = rc_stories_assign(s->ss, &v, t, join, &story, &created)))
        return nomem(s);
    /* Stories that this document showed to be one (stories.c, second
     * chance): their documents move to the one that keeps its id. */
    const rc_st_merge *mg;
    size_t nmg = rc_stories_merges(s->ss, &mg);
    for (size_t i = 0; i < nmg; i++) {
        static const int steps[] = {ST_MERGE_DOCS, ST_MERGE_INTO, ST_MERGE_GONE, ST_MERGE_EMPTY};
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            sqlite3_stmt *m = s->st[steps[k]];
            sqlite3_bind_int64(m, 1, mg[i].from);
            if (steps[k] != ST_MERGE_EMPTY)
                sqlite3_bind_int64(m, 2, mg[i].into);
            if ((rc = run(s, steps[k], "merge stories")))
                return rc;
        }
    }
    sqlite3_stmt *st = s->st[created ? ST_STORY_INS : ST_STORY_UPD];
    sqlite3_bind_int64(st, 1, story);
    if (created) {
        bind_str(st, 2, story_title(doc));
        bind_str(st, 3, doc->published);
        sqlite3_bind_int64(st, 4, t);
    } else {
        bind_str(st, 2, doc->published);
        bind_str(st, 3, story_title(doc));
        sqlite3_bind_int64(st, 4, t);
    }
    bind_centroid(s, st, 5, story);
    if ((rc = run(s, created ? ST_STORY_INS : ST_STORY_UPD, "save story")))
        return rc;
    st = s->st[ST_SET_CC];
    sqlite3_bind_int64(st, 1, t);
    sqlite3_bind_int64(st, 2, story);
    if (orig_col)
        sqlite3_bind_int64(st, 3, orig_col);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_int64(st, 4, seq);
    if ((rc = run(s, ST_SET_CC, "save story")))
        return rc;

    if (++s->since_expire >= EXPIRE_EVERY) {
        s->since_expire = 0;
        if (rc_dedup_expire(s->dd, s->clock - DEDUP_WINDOW) ||
            rc_stories_expire(s->ss, s->clock - 2 * RC_ST_WINDOW))
            return nomem(s);
    }
    return RC_OK;
}

int rc_store_put(rc_store *s, const rc_doc *doc, rc_put_result *result, const char **copy_of)
{
    if (result)
        *result = 0;
    if (copy_of)
        *copy_of = NULL;
    if (s->err)
        return s->err;
    int rc = check_doc(s, doc);
    if (rc)
        return rc;
    rc_arena_reset(s->scratch);

    /* 1. Is it there already, and the same? */
    sqlite3_stmt *g = s->st[ST_GET];
    bind_str_nn(g, 1, doc->id);
    int r = sqlite3_step(g);
    int exists = r == SQLITE_ROW, same = 0, text_same = 0, fts_same = 0, has_facts = 0;
    sqlite3_int64 seq = 0;
    const char *old_copy_of = NULL;
    rc_str old_title = RC_STR_NULL, old_text = RC_STR_NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc_store_fail(s, r, "look up document");
        sqlite3_reset(g);
        return s->err;
    }
    if (exists) {
        seq = sqlite3_column_int64(g, 0);
        has_facts = sqlite3_column_int(g, 17) != 0;
        rc_str co = col_str(g, 16);
        old_copy_of = co.ptr ? rc_arena_strndup(s->scratch, co.ptr, co.len) : NULL;
        text_same = sqlite3_column_int64(g, 12) == (sqlite3_int64)doc->text_hash &&
                    col_eq(g, 11, doc->text);
        fts_same = text_same && col_eq(g, 3, doc->title);
        rc = (co.ptr && !old_copy_of) ? nomem(s) : same_as_stored(s, g, doc, seq, &same);
        if (!rc && !same && !fts_same) {
            /* The FTS index forgets a row by being given its old values. */
            old_title = rc_arena_str(s->scratch, col_str(g, 3));
            old_text = rc_arena_str(s->scratch, col_str(g, 11));
            if ((col_str(g, 3).ptr && !old_title.ptr) || (col_str(g, 11).ptr && !old_text.ptr))
                rc = nomem(s);
        }
    }
    sqlite3_reset(g);
    if (rc)
        return rc;
    if (same && has_facts) {
        if (result)
            *result = RC_PUT_UNCHANGED;
        return hand_back(s, old_copy_of, copy_of);
    }

    /* 2. Write it: in the caller's transaction, else in one of its own.
     * (No savepoint per document: a savepoint makes FTS5 flush its pending
     * terms, which makes bulk ingestion several times slower.) */
    int own = !s->in_txn;
    if (own && (rc = run(s, ST_BEGIN, "begin")))
        return rc;
    const char *now = now_iso(s);
    const char *final_copy_of = NULL;
    char *id = rc_arena_strndup(s->scratch, doc->id.ptr, doc->id.len);
    if (!id) {
        rc = nomem(s);
        goto fail;
    }
    if (same) {
        /* Stored by a version without quotes, claims and dates: only they
         * are missing. */
        final_copy_of = old_copy_of;
        sqlite3_bind_int64(s->st[ST_SET_FACTS], 1, seq);
        if ((rc = run(s, ST_SET_FACTS, "update document")))
            goto fail;
    } else if (!exists) {
        if (!rc_str_empty(doc->text)) {
            sqlite3_stmt *f = s->st[ST_FIND_ORIG];
            sqlite3_bind_int64(f, 1, (sqlite3_int64)doc->text_hash);
            bind_str_nn(f, 2, doc->text);
            r = sqlite3_step(f);
            if (r == SQLITE_ROW) {
                rc_str o = col_str(f, 0);
                final_copy_of = rc_arena_strndup(s->scratch, o.ptr ? o.ptr : "", o.len);
                if (!final_copy_of)
                    nomem(s);
            } else if (r != SQLITE_DONE) {
                rc_store_fail(s, r, "look for an identical text");
            }
            sqlite3_reset(f);
            if ((rc = s->err))
                goto fail;
        }
        bind_doc(s->st[ST_INSERT], doc, final_copy_of, now);
        if ((rc = run(s, ST_INSERT, "insert document")))
            goto fail;
        seq = sqlite3_last_insert_rowid(s->db);
        if ((rc = fts_insert(s, seq, doc->title, doc->text)) || (rc = put_paragraphs(s, seq, doc)))
            goto fail;
        if (final_copy_of) {
            bind_cstr(s->st[ST_COPY_INS], 1, final_copy_of);
            bind_cstr(s->st[ST_COPY_INS], 2, id);
            if ((rc = run(s, ST_COPY_INS, "insert copy")))
                goto fail;
        }
        if ((rc = cc_put(s, doc, seq, id, final_copy_of, 0)))
            goto fail;
    } else {
        if (!fts_same) {
            sqlite3_stmt *d = s->st[ST_FTS_DEL];
            sqlite3_bind_int64(d, 1, seq);
            bind_str(d, 2, old_title);
            bind_str_nn(d, 3, old_text);
            if ((rc = run(s, ST_FTS_DEL, "unindex document")))
                goto fail;
        }
        bind_doc(s->st[ST_UPDATE], doc, text_same ? old_copy_of : NULL, now);
        if ((rc = run(s, ST_UPDATE, "update document")))
            goto fail;
        if (!fts_same && (rc = fts_insert(s, seq, doc->title, doc->text)))
            goto fail;
        sqlite3_bind_int64(s->st[ST_PARAS_DEL], 1, seq);
        if ((rc = run(s, ST_PARAS_DEL, "delete paragraphs")) ||
            (rc = put_paragraphs(s, seq, doc)))
            goto fail;
        if (text_same) {
            final_copy_of = old_copy_of;
        } else {
            bind_cstr(s->st[ST_COPY_DEL], 1, id);
            if ((rc = run(s, ST_COPY_DEL, "delete copy")) ||
                (rc = regroup_after_update(s, seq, id, old_copy_of, doc, &final_copy_of)) ||
                (rc = cc_put(s, doc, seq, id, final_copy_of, 1)))
                goto fail;
        }
    }
    if ((rc = rc_entities_put(s->ents, seq, doc))) {
        set_msg(s, "%s", rc_entities_errmsg(s->ents));
        s->err = rc;
        goto fail;
    }
    if ((rc = put_facts(s, seq, doc, exists)))
        goto fail;
    if (own && (rc = run(s, ST_COMMIT, "commit")))
        goto fail;
    if (result)
        *result = exists ? RC_PUT_UPDATED : RC_PUT_NEW;
    return hand_back(s, final_copy_of, copy_of);

fail:
    /* Our own transaction is undone here; the caller's must be rolled back
     * by the caller (the error sticks and commit refuses). */
    if (own && !sqlite3_get_autocommit(s->db)) {
        sqlite3_step(s->st[ST_ROLLBACK]);
        sqlite3_reset(s->st[ST_ROLLBACK]);
    }
    return rc;
}

/* ------------------------------------------------------------------ reading */

int rc_store_count(rc_store *s, long *n)
{
    *n = 0;
    if (s->err)
        return s->err;
    sqlite3_stmt *st = s->st[ST_COUNT];
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r == SQLITE_ROW ? RC_OK : rc_store_fail(s, r, "count");
}

/* A JSON number for a score; null when not finite. */
static void json_score(rc_buf *b, double x)
{
    if (!isfinite(x)) {
        rc_buf_puts(b, "null");
        return;
    }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.6g", x);
    rc_buf_puts(b, tmp);
    if (!strpbrk(tmp, ".e"))
        rc_buf_puts(b, ".0");
}

static int flush_row(rc_store *s, FILE *out)
{
    if (s->row.err) {
        set_msg(s, "export: %s", rc_strerror(s->row.err));
        return s->row.err;
    }
    if (s->row.len && fwrite(s->row.ptr, 1, s->row.len, out) != s->row.len)
        return fail_once(s, RC_EIO, "export: write error");
    rc_buf_clear(&s->row);
    return RC_OK;
}

/* ------------------------------------------------------------------ timelines */

/* rc_timex_type of a stored type name (0 if none). */
static int timex_type_of(rc_str name)
{
    for (int t = RC_TIMEX_DATE; t <= RC_TIMEX_SET; t++)
        if (rc_str_eq_c(name, rc_timex_type_name(t)))
            return t;
    return 0;
}

/* Copy of a column into the timeline arena, NUL-terminated ({NULL, 0} for
 * NULL; *bad set when out of memory). */
static rc_str tl_copy(rc_store *s, rc_str v, int *bad)
{
    if (!v.ptr)
        return RC_STR_NULL;
    char *p = rc_arena_strndup(s->tl, v.ptr, v.len);
    if (!p)
        *bad = 1;
    return (rc_str){p, p ? v.len : 0};
}

/* The timeline of a story (stories.id): its dated sentences from doc_dates,
 * each document's text read once, given to rc_timeline_build().  *ev (and
 * every string of the events, NUL-terminated) lives in s->tl, valid until
 * the next call. */
static int story_timeline(rc_store *s, sqlite3_int64 story, rc_tl_event **ev, size_t *n,
                          size_t *dropped)
{
    *ev = NULL;
    *n = 0;
    rc_arena_reset(s->tl);
    size_t cap = 64, ni = 0;
    rc_tl_item *items = rc_arena_alloc(s->tl, cap * sizeof *items);
    if (!items)
        return nomem(s);
    sqlite3_stmt *st = s->st[ST_TL_ITEMS], *tx = s->st[ST_DOC_TEXT];
    sqlite3_bind_int64(st, 1, story);
    sqlite3_int64 cur = -1;
    rc_str text = RC_STR_NULL, id = RC_STR_NULL, pub = RC_STR_NULL, orig = RC_STR_NULL;
    int r = SQLITE_DONE, r2 = SQLITE_DONE, bad = 0;
    while (!bad && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_str value = col_str(st, 4);
        int type = timex_type_of(col_str(st, 5));
        rc_tl_cal cal;
        if (!rc_tl_calendar(value, type, &cal))
            continue;
        sqlite3_int64 seq = sqlite3_column_int64(st, 0);
        if (seq != cur) {
            /* the document's text, read once (the row stays current) */
            cur = seq;
            sqlite3_reset(tx);
            sqlite3_bind_int64(tx, 1, seq);
            r2 = sqlite3_step(tx);
            if (r2 != SQLITE_ROW && r2 != SQLITE_DONE)
                break;
            text = r2 == SQLITE_ROW ? col_str(tx, 0) : RC_STR_NULL;
            id = tl_copy(s, col_str(st, 1), &bad);
            pub = tl_copy(s, col_str(st, 2), &bad);
            orig = tl_copy(s, col_str(st, 3), &bad);
        }
        sqlite3_int64 a = sqlite3_column_int64(st, 7), b = sqlite3_column_int64(st, 8),
                      sa = sqlite3_column_int64(st, 9), sb = sqlite3_column_int64(st, 10);
        if (!text.ptr || sa < 0 || sb < sa || (uint64_t)sb > text.len)
            continue;                  /* a span the text does not have */
        if (ni == cap) {
            rc_tl_item *bigger = rc_arena_alloc(s->tl, 2 * cap * sizeof *items);
            if (!bigger) {
                bad = 1;
                break;
            }
            memcpy(bigger, items, ni * sizeof *items);
            items = bigger;
            cap *= 2;
        }
        int inside = a >= sa && b >= a && b <= sb;
        items[ni++] = (rc_tl_item){
            .doc = id, .published = pub, .original = orig,
            .value = tl_copy(s, value, &bad), .type = (uint8_t)type,
            .how = tl_copy(s, col_str(st, 6), &bad),
            .sentence = tl_copy(s, (rc_str){text.ptr + sa, (size_t)(sb - sa)}, &bad),
            .date_start = inside ? (uint32_t)(a - sa) : 0,
            .date_end = inside ? (uint32_t)(b - sa) : 0,
        };
    }
    sqlite3_reset(st);
    sqlite3_reset(tx);
    if (bad)
        return nomem(s);
    if (r2 != SQLITE_ROW && r2 != SQLITE_DONE)
        return rc_store_fail(s, r2, "timeline: read a text");
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return rc_store_fail(s, r, "timeline");
    int rc = rc_timeline_build(items, ni, RC_TL_MAX_EVENTS, s->tl, ev, n, dropped);
    if (rc == RC_ENOMEM)
        return nomem(s);
    return rc ? fail_once(s, rc, "timeline of story s%lld: %s", (long long)story,
                          rc_strerror(rc))
              : RC_OK;
}

/* One event as the export's (and `timeline --json`'s) JSON object. */
static void json_event(rc_buf *b, const rc_tl_event *e)
{
    int f = 1;
    rc_buf_putc(b, '{');
    rc_json_key(b, "date", &f);
    rc_json_str(b, rc_str_c(e->cal.norm));
    rc_json_key(b, "type", &f);
    rc_json_str(b, rc_str_c(rc_tl_period_name(e->cal.period)));
    rc_json_key(b, "text", &f);
    rc_json_str(b, e->text.ptr ? e->text : RC_STR_LIT(""));
    rc_json_key(b, "sources", &f);
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < e->n_sources; i++) {
        if (i)
            rc_buf_putc(b, ',');
        rc_json_str(b, e->sources[i]);
    }
    rc_buf_putc(b, ']');
    rc_json_key(b, "independent_sources", &f);
    rc_buf_printf(b, "%zu", e->independent);
    rc_json_key(b, "first_published", &f);
    rc_json_str_or_null(b, e->first_published);
    rc_buf_putc(b, '}');
}

/* A story's timeline as the export's JSON array of events, appended to b
 * (the caller checks b->err).  Returns 0 or the store's error. */
static int timeline_json(rc_store *s, sqlite3_int64 story, rc_buf *b)
{
    rc_tl_event *ev;
    size_t nev;
    int rc = story_timeline(s, story, &ev, &nev, NULL);
    if (rc)
        return rc;
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < nev; i++) {
        if (i)
            rc_buf_putc(b, ',');
        json_event(b, &ev[i]);
    }
    rc_buf_putc(b, ']');
    return RC_OK;
}

/* ------------------------------------------------------------------ claims */

/* rc_claim_status of a stored status name (0 if none). */
static int claim_status_of(rc_str name)
{
    for (int t = RC_CLAIM_ASSERTED; t <= RC_CLAIM_UNVERIFIED; t++)
        if (rc_str_eq_c(name, rc_claim_status_name(t)))
            return t;
    return 0;
}

/* The claim groups of a story (stories.id): its doc_claims rows with their
 * documents' publication, original and outlet, given to rc_claim_groups().
 * *g (and every string of the groups, NUL-terminated) lives in s->tl, valid
 * until the next call. */
static int story_claims(rc_store *s, sqlite3_int64 story, rc_cg_group **g, size_t *n)
{
    *g = NULL;
    *n = 0;
    rc_arena_reset(s->tl);
    size_t cap = 64, ni = 0;
    rc_cg_item *items = rc_arena_alloc(s->tl, cap * sizeof *items);
    if (!items)
        return nomem(s);
    sqlite3_stmt *st = s->st[ST_CG_ITEMS];
    sqlite3_bind_int64(st, 1, story);
    int r, bad = 0;
    while (!bad && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (ni == cap) {
            rc_cg_item *bigger = rc_arena_alloc(s->tl, 2 * cap * sizeof *items);
            if (!bigger) {
                bad = 1;
                break;
            }
            memcpy(bigger, items, ni * sizeof *items);
            items = bigger;
            cap *= 2;
        }
        items[ni++] = (rc_cg_item){
            .doc = tl_copy(s, col_str(st, 0), &bad),
            .published = tl_copy(s, col_str(st, 1), &bad),
            .original = tl_copy(s, col_str(st, 2), &bad),
            .site = tl_copy(s, col_str(st, 3), &bad),
            .lang = tl_copy(s, col_str(st, 4), &bad),
            .text = tl_copy(s, col_str(st, 5), &bad),
            .status = (uint8_t)claim_status_of(col_str(st, 6)),
            .source = tl_copy(s, col_str(st, 7), &bad),
            .cited = tl_copy(s, col_str(st, 8), &bad),
        };
    }
    sqlite3_reset(st);
    if (bad)
        return nomem(s);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "claims");
    int rc = rc_claim_groups(items, ni, s->tl, g, n);
    if (rc == RC_ENOMEM)
        return nomem(s);
    return rc ? fail_once(s, rc, "claims of story s%lld: %s", (long long)story, rc_strerror(rc))
              : RC_OK;
}

/* One source of a claim group as JSON. */
static void json_claim_source(rc_buf *b, const rc_cg_source *c, int with_published)
{
    int f = 1;
    rc_buf_putc(b, '{');
    rc_json_key(b, "doc", &f);
    rc_json_str(b, c->doc);
    rc_json_key(b, "source", &f);
    rc_json_str_or_null(b, c->source);
    rc_json_key(b, "status", &f);
    rc_json_str(b, rc_str_c(rc_claim_status_name(c->status)));
    if (with_published) {
        rc_json_key(b, "published", &f);
        rc_json_str_or_null(b, c->published);
    } else {
        rc_json_key(b, "cited", &f);
        rc_json_str_or_null(b, c->cited);
    }
    rc_buf_putc(b, '}');
}

/* Claim group g, the rank-th (from 0) of story sid, as the export's JSON
 * object ("s4.c1" for rank 0 of story 4). */
static void json_claim_group(rc_buf *b, sqlite3_int64 sid, size_t rank, const rc_cg_group *g)
{
    int f = 1;
    rc_buf_putc(b, '{');
    rc_json_key(b, "id", &f);
    rc_buf_printf(b, "\"s%lld.c%zu\"", (long long)sid, rank + 1);
    rc_json_key(b, "text", &f);
    rc_json_str(b, g->text.ptr ? g->text : RC_STR_LIT(""));
    rc_json_key(b, "story", &f);
    rc_buf_printf(b, "\"s%lld\"", (long long)sid);
    rc_json_key(b, "independent_sources", &f);
    rc_buf_printf(b, "%zu", g->independent);
    rc_json_key(b, "sources", &f);
    rc_buf_putc(b, '[');
    for (size_t k = 0; k < g->n_sources; k++) {
        if (k)
            rc_buf_putc(b, ',');
        json_claim_source(b, &g->sources[k], 0);
    }
    rc_buf_putc(b, ']');
    rc_json_key(b, "first", &f);
    json_claim_source(b, g->first, 1);
    rc_json_key(b, "contradiction", &f);
    rc_buf_puts(b, g->contradiction ? "true" : "false");
    rc_buf_putc(b, '}');
}

/* A story's claim groups as a JSON array of the export's objects (the
 * same ids, in the same order), appended to b (the caller checks b->err). */
static int story_claims_json(rc_store *s, sqlite3_int64 sid, rc_buf *b)
{
    rc_cg_group *g;
    size_t ng;
    int rc = story_claims(s, sid, &g, &ng);
    if (rc)
        return rc;
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < ng; i++) {
        if (i)
            rc_buf_putc(b, ',');
        json_claim_group(b, sid, i, &g[i]);
    }
    rc_buf_putc(b, ']');
    return RC_OK;
}

/* The export's "claims" array: every story's claim groups, stories in id
 * order, groups numbered within their story ("s4.c1", "s4.c2", ... in the
 * order rc_claim_groups gives, stable for the same rows).  Appends from the
 * '[' to the closing ']'. */
static int export_claims(rc_store *s, FILE *out)
{
    rc_buf *b = &s->row;
    int rc, r, first = 1;
    sqlite3_stmt *st = s->st[ST_EXPORT_STORIES];
    rc_buf_putc(b, '[');
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 sid = sqlite3_column_int64(st, 0);
        rc_cg_group *g;
        size_t ng;
        if ((rc = story_claims(s, sid, &g, &ng))) {
            sqlite3_reset(st);
            return rc;
        }
        for (size_t i = 0; i < ng; i++) {
            rc_buf_puts(b, first ? "\n" : ",\n");
            first = 0;
            json_claim_group(b, sid, i, &g[i]);
            if (b->len > 65536 && (rc = flush_row(s, out))) {
                sqlite3_reset(st);
                return rc;
            }
        }
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "export claims");
    rc_buf_puts(b, first ? "]" : "\n]");
    return RC_OK;
}

/* One stored quotation as a JSON object, from a row whose column 0 is the
 * document id, pub_col (-1: none) its publication date, and text_col ..
 * text_col + 4 the text, direct, speaker, entity id and cue (the export and
 * the story object write the same objects). */
static void json_quote_row(rc_buf *b, sqlite3_stmt *st, int pub_col, int text_col)
{
    int f = 1;
    rc_buf_putc(b, '{');
    rc_json_key(b, "doc", &f);
    rc_json_str(b, col_str(st, 0));
    if (pub_col >= 0) {
        rc_json_key(b, "published", &f);
        rc_json_str_or_null(b, col_str(st, pub_col));
    }
    rc_json_key(b, "text", &f);
    rc_json_str(b, col_str(st, text_col));
    rc_json_key(b, "direct", &f);
    rc_buf_puts(b, sqlite3_column_int(st, text_col + 1) ? "true" : "false");
    rc_json_key(b, "speaker", &f);
    rc_json_str_or_null(b, col_str(st, text_col + 2));
    rc_json_key(b, "entity", &f);
    if (sqlite3_column_type(st, text_col + 3) == SQLITE_NULL)
        rc_buf_puts(b, "null");
    else
        rc_buf_printf(b, "\"e%lld\"", (long long)sqlite3_column_int64(st, text_col + 3));
    rc_json_key(b, "cue", &f);
    rc_json_str_or_null(b, col_str(st, text_col + 4));
    rc_buf_putc(b, '}');
}

/* The stories array's elements and its closing "],". */
static int export_stories(rc_store *s, FILE *out)
{
    rc_buf *b = &s->row;
    int rc, r, first = 1;
    sqlite3_stmt *st = s->st[ST_EXPORT_STORIES];
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int f = 1;
        rc_buf_puts(b, first ? "\n{" : ",\n{");
        first = 0;
        rc_json_key(b, "id", &f);
        rc_buf_printf(b, "\"s%lld\"", (long long)sqlite3_column_int64(st, 0));
        rc_json_key(b, "title", &f);
        rc_json_str_or_null(b, col_str(st, 1));
        rc_json_key(b, "docs", &f);
        rc_buf_putc(b, '[');
        sqlite3_stmt *d = s->st[ST_STORY_DOCS];
        sqlite3_bind_int64(d, 1, sqlite3_column_int64(st, 0));
        int n = 0, r2;
        while ((r2 = sqlite3_step(d)) == SQLITE_ROW) {
            if (n++)
                rc_buf_putc(b, ',');
            rc_json_str(b, col_str(d, 0));
            if (b->len > 65536 && (rc = flush_row(s, out))) {
                sqlite3_reset(d);
                sqlite3_reset(st);
                return rc;
            }
        }
        sqlite3_reset(d);
        if (r2 != SQLITE_DONE) {
            sqlite3_reset(st);
            return rc_store_fail(s, r2, "export stories");
        }
        rc_buf_putc(b, ']');
        rc_json_key(b, "first_published", &f);
        rc_json_str_or_null(b, col_str(st, 2));
        rc_json_key(b, "last_published", &f);
        rc_json_str_or_null(b, col_str(st, 3));
        rc_json_key(b, "timeline", &f);
        if ((rc = timeline_json(s, sqlite3_column_int64(st, 0), b))) {
            sqlite3_reset(st);
            return rc;
        }
        rc_buf_putc(b, '}');
        if ((rc = flush_row(s, out))) {
            sqlite3_reset(st);
            return rc;
        }
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "export stories");
    rc_buf_puts(b, first ? "]," : "\n],");
    return RC_OK;
}

static int export_rows(rc_store *s, FILE *out)
{
    rc_buf *b = &s->row;
    int rc, r, first = 1;

    rc_buf_clear(b);
    rc_buf_puts(b, "{\"docs\":[");
    sqlite3_stmt *st = s->st[ST_EXPORT_DOCS];
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int f = 1;
        rc_buf_puts(b, first ? "\n{" : ",\n{");
        first = 0;
        rc_json_key(b, "id", &f);
        rc_json_str(b, col_str(st, 0));
        rc_json_key(b, "url", &f);
        rc_json_str_or_null(b, col_str(st, 1));
        rc_json_key(b, "title", &f);
        rc_json_str_or_null(b, col_str(st, 2));
        rc_json_key(b, "site", &f);
        rc_json_str_or_null(b, col_str(st, 3));
        rc_json_key(b, "published", &f);
        rc_json_str_or_null(b, col_str(st, 4));
        rc_json_key(b, "lang", &f);
        rc_json_str_or_null(b, col_str(st, 5));
        rc_json_key(b, "story", &f);
        if (sqlite3_column_type(st, 7) == SQLITE_NULL)
            rc_buf_puts(b, "null");
        else
            rc_buf_printf(b, "\"s%lld\"", (long long)sqlite3_column_int64(st, 7));
        rc_json_key(b, "copy_of", &f);
        rc_json_str_or_null(b, col_str(st, 6));
        rc_buf_putc(b, '}');
        if ((rc = flush_row(s, out))) {
            sqlite3_reset(st);
            return rc;
        }
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "export documents");

    rc_buf_puts(b, "\n],\"stories\":[");
    if ((rc = export_stories(s, out)))
        return rc;
    rc_buf_puts(b, "\"entities\":");
    if ((rc = flush_row(s, out)))
        return rc;
    if ((rc = rc_entities_export(s->ents, out))) {
        set_msg(s, "%s", rc_entities_errmsg(s->ents));
        return s->err = rc;
    }
    rc_buf_puts(b, ",\"copies\":[");
    first = 1;
    st = s->st[ST_EXPORT_COPIES];
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int f = 1;
        rc_buf_puts(b, first ? "\n{" : ",\n{");
        first = 0;
        rc_json_key(b, "a", &f);
        rc_json_str(b, col_str(st, 0));
        rc_json_key(b, "b", &f);
        rc_json_str(b, col_str(st, 1));
        rc_json_key(b, "kind", &f);
        rc_json_str(b, col_str(st, 2));
        rc_json_key(b, "score", &f);
        json_score(b, sqlite3_column_double(st, 3));
        rc_buf_putc(b, '}');
        if ((rc = flush_row(s, out))) {
            sqlite3_reset(st);
            return rc;
        }
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "export copies");
    rc_buf_puts(b, first ? "],\"quotes\":[" : "\n],\"quotes\":[");
    first = 1;
    st = s->st[ST_EXPORT_QUOTES];
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_buf_puts(b, first ? "\n" : ",\n");
        first = 0;
        json_quote_row(b, st, -1, 1);
        if (b->len > 65536 && (rc = flush_row(s, out))) {
            sqlite3_reset(st);
            return rc;
        }
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "export quotes");
    rc_buf_puts(b, first ? "],\"claims\":" : "\n],\"claims\":");
    if ((rc = export_claims(s, out)))
        return rc;
    rc_buf_puts(b, "}\n");
    if ((rc = flush_row(s, out)))
        return rc;
    if (fflush(out) != 0 || ferror(out))
        return fail_once(s, RC_EIO, "export: write error");
    return RC_OK;
}

int rc_store_export(rc_store *s, FILE *out)
{
    if (s->err)
        return s->err;
    /* One read transaction, so that docs and copies agree. */
    int own = sqlite3_get_autocommit(s->db);
    if (own && run(s, ST_BEGIN_READ, "begin export"))
        return s->err;
    int rc = export_rows(s, out);
    if (own) {
        int r = sqlite3_step(s->st[ST_COMMIT]);
        sqlite3_reset(s->st[ST_COMMIT]);
        if (r != SQLITE_DONE && !rc)
            rc = rc_store_fail(s, r, "end export");
    }
    return rc;
}

/* Does the query use FTS5 syntax (then it is passed as is)?  Quotes,
 * parentheses, AND/OR/NOT/NEAR, a trailing * (prefix), a leading ^, a
 * column filter "title:" / "text:" / "{...}". */
static int is_fts_syntax(const char *q)
{
    if (strpbrk(q, "\"(){}"))
        return 1;
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        size_t n = (size_t)(p - w);
        if (n == 0)
            break;
        if ((n == 3 && (!memcmp(w, "AND", 3) || !memcmp(w, "NOT", 3))) ||
            (n == 2 && !memcmp(w, "OR", 2)) || w[0] == '^' || w[n - 1] == '*' ||
            (n > 6 && !memcmp(w, "title:", 6)) || (n > 5 && !memcmp(w, "text:", 5)) ||
            (n > 7 && !memcmp(w, "-title:", 7)) || (n > 6 && !memcmp(w, "-text:", 6)))
            return 1;
    }
    return 0;
}

/* Plain words: each becomes a quoted phrase ("l'armée" -> "l'armée", which
 * the tokenizer reads as l + armée), so punctuation never is a syntax
 * error; the phrases are ANDed. */
static int quote_words(rc_buf *b, const char *q)
{
    const char *p = q;
    rc_buf_clear(b);
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        if (p == w)
            break;
        if (b->len)
            rc_buf_putc(b, ' ');
        rc_buf_putc(b, '"');
        rc_buf_append(b, w, (size_t)(p - w));
        rc_buf_putc(b, '"');
    }
    return b->err;
}

int rc_store_search(rc_store *s, const char *query, int limit, rc_search_cb cb, void *ud)
{
    if (s->err)
        return s->err;
    if (!query || !cb)
        return fail_once(s, RC_EINVAL, "search: no query");
    int rc;
    const char *q = query;
    if (!is_fts_syntax(query)) {
        if ((rc = quote_words(&s->query, query)))
            return fail_once(s, rc, "search: %s", rc_strerror(rc));
        q = s->query.ptr;
    }
    if (!q || !*q)
        return fail_once(s, RC_EINVAL, "search: empty query");

    sqlite3_stmt *st = s->st[ST_SEARCH];
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    int r;
    rc = RC_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *title = (const char *)sqlite3_column_text(st, 1);
        const char *snip = (const char *)sqlite3_column_text(st, 2);
        double score = -sqlite3_column_double(st, 3);   /* bm25: lower is better */
        int c = cb(ud, id ? id : "", title, snip ? snip : "", score);
        if (c) {
            rc = c < 0 ? c : RC_OK;
            break;
        }
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        if ((r & 0xff) == SQLITE_ERROR) {
            /* A malformed query (FTS5 syntax, unknown column): the caller's. */
            rc = fail_once(s, RC_EINVAL, "search %s: %s", query, sqlite3_errmsg(s->db));
        } else {
            rc = rc_store_fail(s, r, "search");
        }
    }
    sqlite3_reset(st);
    sqlite3_bind_null(st, 1);
    return rc;
}

int rc_store_show_json(rc_store *s, const char *id, rc_buf *out)
{
    static const char *const names[] = {
        "id", "path", "url", "title", "author", "site", "published", "published_how",
        "lang", "charset", "format", "copy_of",
    };
    if (s->err)
        return s->err;
    if (!id)
        return fail_once(s, RC_EINVAL, "show: no id");
    sqlite3_stmt *st = s->st[ST_SHOW];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        sqlite3_reset(st);
        return fail_once(s, RC_ENOTFOUND, "no document with id \"%s\"", id);
    }
    if (r != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc_store_fail(s, r, "show");
    }
    sqlite3_int64 seq = sqlite3_column_int64(st, 0);
    int first = 1;
    rc_buf_putc(out, '{');
    for (int i = 0; i < 12; i++) {
        rc_json_key(out, names[i], &first);
        rc_json_str_or_null(out, col_str(st, i + 1));
    }
    rc_buf_printf(out, ",\"n_paras\":%lld,\"n_sents\":%lld,\"n_toks\":%lld",
                  (long long)sqlite3_column_int64(st, 13),
                  (long long)sqlite3_column_int64(st, 14),
                  (long long)sqlite3_column_int64(st, 15));
    rc_json_key(out, "text", &first);
    rc_str text = col_str(st, 16);
    rc_json_str(out, text.ptr ? text : RC_STR_LIT(""));
    sqlite3_reset(st);

    rc_json_key(out, "paragraphs", &first);
    rc_buf_putc(out, '[');
    sqlite3_stmt *p = s->st[ST_PARAS];
    sqlite3_bind_int64(p, 1, seq);
    int n = 0;
    while ((r = sqlite3_step(p)) == SQLITE_ROW)
        rc_buf_printf(out, "%s[%lld,%lld]", n++ ? "," : "",
                      (long long)sqlite3_column_int64(p, 0),
                      (long long)sqlite3_column_int64(p, 1));
    sqlite3_reset(p);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "show paragraphs");
    rc_buf_puts(out, "]}");
    if (out->err)
        return fail_once(s, out->err, "show: %s", rc_strerror(out->err));
    return RC_OK;
}

/* ------------------------------------------------------------------ claim check */

/* A claim's words as an FTS5 query: each blank-separated word that holds a
 * letter or digit (any non-ASCII byte counts) becomes a quoted phrase, its
 * double quotes dropped, and the phrases are ORed.  Nothing else is read as
 * syntax.  RC_EEMPTY when no word is left. */
static int claim_query(rc_buf *b, const char *q)
{
    rc_buf_clear(b);
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        const char *w = p;
        int word = 0;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            unsigned char c = (unsigned char)*p++;
            word |= c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        }
        if (!word)
            continue;
        if (b->len)
            rc_buf_puts(b, " OR ");
        rc_buf_putc(b, '"');
        for (const char *c = w; c < p; c++)
            if (*c != '"')
                rc_buf_putc(b, *c);
        rc_buf_putc(b, '"');
    }
    return b->err ? b->err : b->len ? RC_OK : RC_EEMPTY;
}

int rc_store_claim_docs(rc_store *s, const char *claim, int limit, rc_claim_doc_cb cb, void *ud)
{
    /* original: through an exact copy's copy_of to its own copy group's
     * original, else the copy group's original, else the document */
    static const char sql[] =
        "SELECT d.id, d.title, d.site, d.published, d.lang, d.text,"
        " COALESCE(po.id, d.copy_of, o.id, d.id), f.rank"
        " FROM documents_fts f JOIN documents d ON d.seq = f.rowid"
        " LEFT JOIN documents o ON o.seq = d.orig_seq"
        " LEFT JOIN documents p ON p.id = d.copy_of"
        " LEFT JOIN documents po ON po.seq = p.orig_seq"
        " WHERE documents_fts MATCH ?1 ORDER BY f.rank, f.rowid LIMIT ?2";
    if (s->err)
        return s->err;
    if (!claim || !cb)
        return fail_once(s, RC_EINVAL, "check: no claim or callback");
    int rc = claim_query(&s->query, claim);
    if (rc == RC_EEMPTY)
        return fail_once(s, rc, "check: the claim has no word");
    if (rc)
        return fail_once(s, rc, "check: %s", rc_strerror(rc));
    sqlite3_stmt *st;
    int r = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (r != SQLITE_OK)
        return rc_store_fail(s, r, "check");
    sqlite3_bind_text(st, 1, s->query.ptr, (int)s->query.len, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_claim_doc_row row = {
            .id = (const char *)sqlite3_column_text(st, 0),
            .title = (const char *)sqlite3_column_text(st, 1),
            .site = (const char *)sqlite3_column_text(st, 2),
            .published = (const char *)sqlite3_column_text(st, 3),
            .lang = (const char *)sqlite3_column_text(st, 4),
            .text = (const char *)sqlite3_column_text(st, 5),
            .original = (const char *)sqlite3_column_text(st, 6),
            .score = -sqlite3_column_double(st, 7),   /* bm25: lower is better */
        };
        row.text_len = (size_t)sqlite3_column_bytes(st, 5);
        if (!row.id || !row.original || !row.text) {
            rc = nomem(s);
            break;
        }
        int c = cb(ud, &row);
        if (c) {
            rc = c < 0 ? c : RC_OK;
            break;
        }
    }
    if (!rc && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = rc_store_fail(s, r, "check");
    sqlite3_finalize(st);
    return rc;
}

int rc_store_doc_claims(rc_store *s, const char *id, rc_doc_claim_cb cb, void *ud)
{
    static const char sql[] =
        "SELECT c.text, c.status, c.source FROM doc_claims c"
        " JOIN documents d ON d.seq = c.doc_seq WHERE d.id = ?1 ORDER BY c.idx";
    if (s->err)
        return s->err;
    if (!id || !cb)
        return fail_once(s, RC_EINVAL, "claims: no id or callback");
    sqlite3_stmt *st;
    int r = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (r != SQLITE_OK)
        return rc_store_fail(s, r, "claims");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = RC_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_doc_claim_row row = {
            .text = (const char *)sqlite3_column_text(st, 0),
            .status = (const char *)sqlite3_column_text(st, 1),
            .source = (const char *)sqlite3_column_text(st, 2),
        };
        if (!row.text || !row.status) {
            rc = nomem(s);
            break;
        }
        int c = cb(ud, &row);
        if (c) {
            rc = c < 0 ? c : RC_OK;
            break;
        }
    }
    if (!rc && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = rc_store_fail(s, r, "claims");
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------------------------ quotes and timelines */

/* A story id as the export writes it ("s12") or its number ("12"). */
static int parse_story(const char *id, sqlite3_int64 *out)
{
    const char *p = id;
    if (*p == 's' || *p == 'S')
        p++;
    if (!*p || strlen(p) > 18)
        return 0;
    sqlite3_int64 v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return 1;
}

/* Follow stories.merged_into from *story to the story that absorbed it
 * (merges flatten the chain, see ST_MERGE_GONE; a bounded walk all the
 * same).  *story is left alone when it was not merged. */
static int follow_merges(rc_store *s, sqlite3_int64 *story)
{
    sqlite3_stmt *st = s->st[ST_STORY_MERGED];
    for (int hops = 0; hops < 64; hops++) {
        sqlite3_bind_int64(st, 1, *story);
        int r = sqlite3_step(st);
        if (r != SQLITE_ROW && r != SQLITE_DONE) {
            sqlite3_reset(st);
            return rc_store_fail(s, r, "look up story");
        }
        int merged = r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
        sqlite3_int64 next = merged ? sqlite3_column_int64(st, 0) : *story;
        sqlite3_reset(st);
        if (next == *story)
            break;
        *story = next;
    }
    return RC_OK;
}

/* The story of a user-given id: RC_EINVAL (malformed) or RC_ENOTFOUND
 * (no such story, or one left without documents), with a message.  With
 * follow set, a story merged into another is the one that absorbed it. */
static int find_story_ex(rc_store *s, const char *id, int follow, sqlite3_int64 *story)
{
    if (!id || !parse_story(id, story))
        return fail_once(s, RC_EINVAL, "\"%s\" is not a story id (s12, as in the export)",
                         id ? id : "");
    int rc;
    if (follow && (rc = follow_merges(s, story)))
        return rc;
    sqlite3_stmt *st = s->st[ST_STORY_EXISTS];
    sqlite3_bind_int64(st, 1, *story);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_DONE)
        return fail_once(s, RC_ENOTFOUND, "no story \"%s\"", id);
    return r == SQLITE_ROW ? RC_OK : rc_store_fail(s, r, "look up story");
}

static int find_story(rc_store *s, const char *id, sqlite3_int64 *story)
{
    return find_story_ex(s, id, 0, story);
}

/* A --speaker name as keys (name_keys): *full for a full name, else
 * {NULL, 0} and *surname for a surname alone (then *full is {NULL, 0}): the
 * surname of a full name must not match on its own, or Oleksandr Kovalenko
 * would find Andriy Kovalenko.  In the scratch arena.  RC_EINVAL when the
 * name has no letters. */
static int speaker_query(rc_store *s, const char *name, rc_str *full, rc_str *surname)
{
    rc_arena_reset(s->scratch);
    if (name_keys(s->scratch, rc_str_c(name), full, surname))
        return nomem(s);
    if (rc_str_empty(*surname))
        return fail_once(s, RC_EINVAL, "\"%s\" is not a name", name);
    if (full->ptr)
        *surname = RC_STR_NULL;
    return RC_OK;
}

int rc_store_quotes(rc_store *s, const char *speaker, const char *story, int limit,
                    rc_quote_cb cb, void *ud)
{
    if (s->err)
        return s->err;
    if (!cb)
        return fail_once(s, RC_EINVAL, "quotes: no callback");
    sqlite3_int64 sid = 0;
    int rc;
    if (story && (rc = find_story(s, story, &sid)))
        return rc;
    rc_str full = RC_STR_NULL, surname = RC_STR_NULL;
    if (speaker && (rc = speaker_query(s, speaker, &full, &surname)))
        return rc;
    sqlite3_stmt *st = s->st[speaker ? ST_QUOTES_BY : ST_QUOTES];
    if (story)
        sqlite3_bind_int64(st, 1, sid);
    else
        sqlite3_bind_null(st, 1);
    if (speaker) {
        bind_str(st, 2, full);
        bind_str(st, 3, surname);
    }
    sqlite3_bind_int(st, 5, limit > 0 ? limit : -1);
    int r;
    rc = RC_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        char story_buf[32], entity_buf[32];
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            snprintf(story_buf, sizeof story_buf, "s%lld",
                     (long long)sqlite3_column_int64(st, 2));
        if (sqlite3_column_type(st, 6) != SQLITE_NULL)
            snprintf(entity_buf, sizeof entity_buf, "e%lld",
                     (long long)sqlite3_column_int64(st, 6));
        rc_quote_row q = {
            .doc = (const char *)sqlite3_column_text(st, 0),
            .published = (const char *)sqlite3_column_text(st, 1),
            .story = sqlite3_column_type(st, 2) != SQLITE_NULL ? story_buf : NULL,
            .text = (const char *)sqlite3_column_text(st, 3),
            .direct = sqlite3_column_int(st, 4),
            .speaker = (const char *)sqlite3_column_text(st, 5),
            .entity = sqlite3_column_type(st, 6) != SQLITE_NULL ? entity_buf : NULL,
            .cue = (const char *)sqlite3_column_text(st, 7),
        };
        int c = cb(ud, &q);
        if (c) {
            rc = c < 0 ? c : RC_OK;
            break;
        }
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = rc_store_fail(s, r, "quotes");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

int rc_store_timeline(rc_store *s, const char *story, rc_event_cb cb, void *ud,
                      size_t *n_dropped)
{
    if (n_dropped)
        *n_dropped = 0;
    if (s->err)
        return s->err;
    if (!cb)
        return fail_once(s, RC_EINVAL, "timeline: no callback");
    sqlite3_int64 sid;
    int rc = find_story(s, story, &sid);
    if (rc)
        return rc;
    /* One read transaction, so that the rows and the texts agree. */
    int own = sqlite3_get_autocommit(s->db);
    if (own && run(s, ST_BEGIN_READ, "begin timeline"))
        return s->err;
    rc_tl_event *ev;
    size_t nev;
    rc = story_timeline(s, sid, &ev, &nev, n_dropped);
    if (own) {
        int r = sqlite3_step(s->st[ST_COMMIT]);
        sqlite3_reset(s->st[ST_COMMIT]);
        if (r != SQLITE_DONE && !rc)
            rc = rc_store_fail(s, r, "end timeline");
    }
    for (size_t i = 0; !rc && i < nev; i++) {
        const rc_tl_event *e = &ev[i];
        const char **src = rc_arena_alloc(s->tl, (e->n_sources ? e->n_sources : 1) * sizeof *src);
        if (!src)
            return nomem(s);
        for (size_t k = 0; k < e->n_sources; k++)
            src[k] = e->sources[k].ptr;   /* NUL-terminated copies (story_timeline) */
        rc_event_row row = {
            .date = e->cal.norm,
            .type = rc_tl_period_name(e->cal.period),
            .text = e->text.ptr ? e->text.ptr : "",
            .sources = src,
            .n_sources = e->n_sources,
            .independent_sources = e->independent,
            .first_published = rc_str_empty(e->first_published) ? NULL : e->first_published.ptr,
        };
        int c = cb(ud, &row);
        if (c)
            return c < 0 ? c : RC_OK;
    }
    return rc;
}

/* ------------------------------------------------------------------ stories */

/* The distinct languages of a story's documents, sorted, as "en,fr" into
 * buf (NUL-terminated; a code that would not fit is left out) and their
 * number into *n. */
static int story_langs(rc_store *s, sqlite3_int64 story, char *buf, size_t cap, int *n)
{
    sqlite3_stmt *st = s->st[ST_STORY_LANGS];
    size_t len = 0;
    int r;
    *n = 0;
    buf[0] = 0;
    sqlite3_bind_int64(st, 1, story);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rc_str code = col_str(st, 0);
        (*n)++;
        if (len + code.len + 2 > cap)
            continue;
        if (len)
            buf[len++] = ',';
        memcpy(buf + len, code.ptr, code.len);
        len += code.len;
        buf[len] = 0;
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? RC_OK : rc_store_fail(s, r, "story languages");
}

/* Begin a read transaction unless one is open; *own says whether to end it. */
static int read_begin(rc_store *s, int *own, const char *what)
{
    *own = sqlite3_get_autocommit(s->db);
    return *own && run(s, ST_BEGIN_READ, what) ? s->err : RC_OK;
}

/* End what read_begin began; rc is the work's result, returned unless the
 * work succeeded and the commit did not. */
static int read_end(rc_store *s, int own, int rc, const char *what)
{
    if (!own)
        return rc;
    int r = sqlite3_step(s->st[ST_COMMIT]);
    sqlite3_reset(s->st[ST_COMMIT]);
    if (r != SQLITE_DONE && !rc)
        rc = rc_store_fail(s, r, what);
    return rc;
}

static int stories_rows(rc_store *s, sqlite3_stmt *st, rc_story_cb cb, void *ud)
{
    int r, rc = RC_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 sid = sqlite3_column_int64(st, 0);
        char id[32], langs[256];
        int n_langs;
        snprintf(id, sizeof id, "s%lld", (long long)sid);
        if ((rc = story_langs(s, sid, langs, sizeof langs, &n_langs)))
            break;
        rc_story_row row = {
            .id = id,
            .title = (const char *)sqlite3_column_text(st, 1),
            .first_published = (const char *)sqlite3_column_text(st, 2),
            .last_published = (const char *)sqlite3_column_text(st, 3),
            .n_docs = (long)sqlite3_column_int64(st, 4),
            .n_copies = (long)sqlite3_column_int64(st, 5),
            .n_langs = n_langs,
            .langs = n_langs ? langs : NULL,
        };
        int c = cb(ud, &row);
        if (c) {
            rc = c < 0 ? c : RC_OK;
            break;
        }
    }
    if (!rc && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = rc_store_fail(s, r, "stories");
    sqlite3_reset(st);
    return rc;
}

int rc_store_stories(rc_store *s, int order, int limit, rc_story_cb cb, void *ud)
{
    if (s->err)
        return s->err;
    if (!cb)
        return fail_once(s, RC_EINVAL, "stories: no callback");
    if (order != RC_STORIES_NEWEST && order != RC_STORIES_LARGEST)
        return fail_once(s, RC_EINVAL, "stories: unknown order %d", order);
    sqlite3_stmt *st = s->st[order == RC_STORIES_LARGEST ? ST_STORIES_LARGEST : ST_STORIES_NEWEST];
    sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
    /* One read transaction, so that the rows and their languages agree. */
    int own, rc = read_begin(s, &own, "begin stories");
    if (rc)
        return rc;
    rc = stories_rows(s, st, cb, ud);
    return read_end(s, own, rc, "end stories");
}

/* The story's documents as the "docs" array, with n_docs, n_copies; then
 * its quotes as the "quotes" array. */
static int story_docs_json(rc_store *s, sqlite3_int64 sid, rc_buf *b, long *n_docs,
                           long *n_copies)
{
    sqlite3_stmt *st = s->st[ST_STORY_DOCS_FULL];
    int r;
    *n_docs = *n_copies = 0;
    sqlite3_bind_int64(st, 1, sid);
    rc_buf_putc(b, '[');
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        static const char *const names[] = {"id", "title", "site", "published", "lang",
                                            "copy_of", "copy_kind"};
        int f = 1;
        rc_buf_puts(b, (*n_docs)++ ? ",{" : "{");
        for (int i = 0; i < 7; i++) {
            rc_json_key(b, names[i], &f);
            rc_json_str_or_null(b, col_str(st, i));
        }
        rc_buf_putc(b, '}');
        if (sqlite3_column_type(st, 5) != SQLITE_NULL)
            (*n_copies)++;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "story documents");
    rc_buf_putc(b, ']');
    return RC_OK;
}

static int story_quotes_json(rc_store *s, sqlite3_int64 sid, rc_buf *b)
{
    sqlite3_stmt *st = s->st[ST_QUOTES];
    int r, n = 0;
    sqlite3_bind_int64(st, 1, sid);
    sqlite3_bind_int(st, 5, -1);
    rc_buf_putc(b, '[');
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++)
            rc_buf_putc(b, ',');
        json_quote_row(b, st, 1, 3);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (r != SQLITE_DONE)
        return rc_store_fail(s, r, "story quotes");
    rc_buf_putc(b, ']');
    return RC_OK;
}

/* The object of rc_store_story_json, appended to out. */
static int story_object(rc_store *s, sqlite3_int64 sid, const char *asked, rc_buf *out)
{
    sqlite3_stmt *st = s->st[ST_STORY_ROW];
    sqlite3_bind_int64(st, 1, sid);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        sqlite3_reset(st);
        return r == SQLITE_DONE ? fail_once(s, RC_ENOTFOUND, "no story \"%s\"", asked)
                                : rc_store_fail(s, r, "story");
    }
    int f = 1, rc, n_langs;
    sqlite3_int64 asked_id = sid;
    parse_story(asked, &asked_id);
    rc_buf_putc(out, '{');
    rc_json_key(out, "id", &f);
    rc_buf_printf(out, "\"s%lld\"", (long long)sid);
    rc_json_key(out, "merged_from", &f);
    if (asked_id != sid)
        rc_buf_printf(out, "\"s%lld\"", (long long)asked_id);
    else
        rc_buf_puts(out, "null");
    rc_json_key(out, "title", &f);
    rc_json_str_or_null(out, col_str(st, 0));
    rc_json_key(out, "first_published", &f);
    rc_json_str_or_null(out, col_str(st, 1));
    rc_json_key(out, "last_published", &f);
    rc_json_str_or_null(out, col_str(st, 2));
    sqlite3_reset(st);

    char langs[256];
    if ((rc = story_langs(s, sid, langs, sizeof langs, &n_langs)))
        return rc;
    rc_json_key(out, "langs", &f);
    rc_buf_putc(out, '[');
    for (const char *p = langs; *p;) {
        size_t n = strcspn(p, ",");
        if (p != langs)
            rc_buf_putc(out, ',');
        rc_json_str(out, (rc_str){p, n});
        p += n + (p[n] == ',');
    }
    rc_buf_putc(out, ']');
    /* n_docs and n_copies come after the docs they count */
    long n_docs, n_copies;
    rc_json_key(out, "docs", &f);
    if ((rc = story_docs_json(s, sid, out, &n_docs, &n_copies)))
        return rc;
    rc_buf_printf(out, ",\"n_docs\":%ld,\"n_copies\":%ld", n_docs, n_copies);
    rc_json_key(out, "timeline", &f);
    if ((rc = timeline_json(s, sid, out)))
        return rc;
    rc_json_key(out, "quotes", &f);
    if ((rc = story_quotes_json(s, sid, out)))
        return rc;
    rc_json_key(out, "claims", &f);
    if ((rc = story_claims_json(s, sid, out)))
        return rc;
    rc_buf_putc(out, '}');
    return RC_OK;
}

int rc_store_story_json(rc_store *s, const char *id, rc_buf *out)
{
    if (s->err)
        return s->err;
    if (!out)
        return fail_once(s, RC_EINVAL, "story: no output buffer");
    sqlite3_int64 sid;
    int rc = find_story_ex(s, id, 1, &sid);
    if (rc)
        return rc;
    size_t start = out->len;
    int own;
    if ((rc = read_begin(s, &own, "begin story")))
        return rc;
    rc = story_object(s, sid, id, out);
    rc = read_end(s, own, rc, "end story");
    if (!rc && out->err)
        rc = fail_once(s, out->err, "story: %s", rc_strerror(out->err));
    if (rc && !out->err) {
        out->len = start;              /* no half object */
        if (out->ptr)
            out->ptr[start] = 0;
    }
    return rc;
}
