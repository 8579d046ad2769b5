/*
 * data.h -- the data files of data/, embedded in the library at build time.
 *
 * Lexicons and gazetteers live as plain text files in data/ (the source of
 * truth, reviewed like code).  tools/embed.c turns them into a generated C
 * file (build/gen/data.c) so that the binary needs no install path.  The
 * generated file is reproducible: same inputs, same bytes.
 *
 * Text data files are UTF-8, one entry per line; '#' starts a comment line.
 */
#ifndef RC_DATA_H
#define RC_DATA_H

#include "recoupe.h"

/* Contents of data/NAME (e.g. "abbrev-fr.txt"); NUL-terminated, static.
 * Returns {NULL,0} when there is no such file. */
rc_str rc_data_get(const char *name);

/* Iterate over the entries of a line-oriented data file: each call gives the
 * next non-empty, non-comment line with surrounding blanks trimmed.
 * *pos starts at 0.  Returns 0 at the end. */
int rc_data_next_line(rc_str file, size_t *pos, rc_str *line);

#endif
