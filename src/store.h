/*
 * store.h -- internal helpers of the embedded store (see store.c).
 *
 * Modules that later fill the store's other tables (entities, quotes,
 * claims, stories, near-duplicate copies) reach the SQLite connection here,
 * so that they share its transaction and its schema migrations.
 */
#ifndef RC_STORE_H
#define RC_STORE_H

#include "recoupe.h"

#include <sqlite3.h>

/* Schema version written in PRAGMA user_version by this program. */
#define RC_STORE_SCHEMA_VERSION 4

/* PRAGMA application_id of a recoupe database ("RCUP"). */
#define RC_STORE_APPLICATION_ID 0x52435550

/* The store's connection (owned by the store; do not close it). */
sqlite3 *rc_store_sqlite(rc_store *s);

/* Put the store in error with code (RC_EDB for an SQLite failure rc, whose
 * message is taken from the connection) and return the code.  For modules
 * that run their own statements on rc_store_sqlite(). */
int rc_store_fail(rc_store *s, int sqlite_rc, const char *what);

#endif
