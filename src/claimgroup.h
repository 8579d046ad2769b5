/*
 * claimgroup.h -- a story's claims matched across its articles (src/claimgroup.c).
 *
 * Pure logic: no SQL, no global state but the read-only stop-word table
 * loaded once, so the store can call it on a story's doc_claims rows and a
 * test on any list of claims.
 */
#ifndef RC_CLAIMGROUP_H
#define RC_CLAIMGROUP_H

#include "recoupe.h"

/* One claim of one of a story's documents.  Every view is the caller's and
 * must stay valid as long as the groups built from it are used. */
typedef struct rc_cg_item {
    rc_str doc;          /* document id (not empty) */
    rc_str published;    /* the document's publication date (ISO 8601), may be empty */
    rc_str original;     /* id of the document it copies or translates; empty for an original */
    rc_str site;         /* outlet of the document's original (of the document
                            itself when it is one), may be empty */
    rc_str text;         /* the proposition */
    rc_str lang;         /* the document's language, may be empty (informative) */
    rc_str source;       /* who makes/reports/denies it (rc_claim.source), may be empty */
    rc_str cited;        /* whom the source cites (rc_claim.cited), may be empty */
    uint8_t status;      /* rc_claim_status */
} rc_cg_item;

/* One source of a group: a claim of a document (views of an item). */
typedef struct rc_cg_source {
    rc_str doc, source, cited, published;
    uint8_t status;
} rc_cg_source;

/* A group: one proposition, in whatever words and languages. */
typedef struct rc_cg_group {
    rc_str text;                  /* representative: the earliest published original's claim */
    const rc_cg_source *sources;  /* distinct (doc, source, cited, status), earliest first */
    size_t n_sources;
    const rc_cg_source *first;    /* who said it first: sources[0] */
    size_t independent;           /* distinct origins (see claimgroup.c, step 4) */
    int contradiction;            /* 1: affirmed (asserted, alleged, confirmed) and denied */
} rc_cg_group;

/* Group the claims items[0..n) that state the same proposition.  *out (an
 * array of *n_out groups, NULL when 0), the groups' source arrays and
 * origin keys are allocated in a; their strings are the items' views.
 * Groups come in order of first publication (unknown last), then text,
 * then input order, so that the same input gives the same groups in the
 * same order (the store numbers them).  Returns 0, RC_EINVAL (items NULL
 * with n > 0, an item without a doc id) or RC_ENOMEM. */
int rc_claim_groups(const rc_cg_item *items, size_t n, rc_arena *a, rc_cg_group **out,
                    size_t *n_out);

#endif
