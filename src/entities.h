/*
 * entities.h -- cross-document entities: every spelling of a name merged
 * into one entity ("Sergueï Narychkine" = "Sergey Naryshkin", Moscou =
 * Moscow, Bill = William Harrington), kept in the store's SQLite database
 * and exported as the contract's "entities" array.
 *
 * Life cycle, on the store's connection (rc_store_sqlite()):
 *   rc_entities_init   once after the store's schema migrations: creates the
 *                      entity tables if needed and prepares the statements;
 *   rc_entities_put    after each stored document, inside the same
 *                      transaction (idempotent: a document's links are
 *                      replaced);
 *   rc_entities_export writes the "entities" array value;
 *   rc_entities_close  before the connection is closed.
 * An rc_entities handle is not thread-safe (like the store it belongs to).
 */
#ifndef RC_ENTITIES_H
#define RC_ENTITIES_H

#include "recoupe.h"

#include <sqlite3.h>

typedef struct rc_entities rc_entities;

/* Create the tables entities, entity_docs and entity_variants (CREATE ...
 * IF NOT EXISTS: safe on every open) and prepare the statements.  db stays
 * owned by the caller and must outlive the handle.  On success *out is a new
 * handle, owned by the caller (release with rc_entities_close).  Returns 0,
 * RC_ENOMEM or RC_EDB (rc_entities_errmsg is not available then: the
 * message is in sqlite3_errmsg(db)). */
int rc_entities_init(sqlite3 *db, rc_entities **out);

/* Finalise the statements and free the handle (NULL is accepted). */
void rc_entities_close(rc_entities *e);

/* Link the mentions of a stored document (its documents.seq) to entities,
 * creating the entities that are new, and replace whatever links the
 * document had before.  Runs in the caller's transaction if one is open
 * (the store's put should call it before committing).  Returns 0, RC_ENOMEM
 * or RC_EDB (then rc_entities_errmsg says why). */
int rc_entities_put(rc_entities *e, int64_t doc_seq, const rc_doc *doc);

/* Remove a document's links; entities left without documents are deleted.
 * Returns 0 or RC_EDB. */
int rc_entities_forget_doc(rc_entities *e, int64_t doc_seq);

/* Write the contract's "entities" JSON array (from '[' to ']', no newline
 * after it) to out, one entity a line: {"id", "name", "type", "variants",
 * "docs"} with the document ids of the store's documents table, streamed
 * (memory bounded by the largest entity).  Call inside the export's read
 * transaction so that it agrees with "docs".  Returns 0, RC_EIO, RC_ENOMEM
 * or RC_EDB. */
int rc_entities_export(rc_entities *e, FILE *out);

/* Message of the last error (owned by the handle, valid until the next call). */
const char *rc_entities_errmsg(const rc_entities *e);

#endif
