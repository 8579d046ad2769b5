/*
 * names.h -- merge keys for names of people, organisations and places.
 */
#ifndef RC_NAMES_H
#define RC_NAMES_H

#include "recoupe.h"

/* Cross-document merge key of a name (UTF-8): lower-case, accents folded,
 * Cyrillic transliterated, and the usual variants of transliteration into
 * French, English and German collapsed (ch/sh/sch/tch/zh/kh/j, ou/u, i/y/ï,
 * -ij/-iy/-yy, e/i and o/u vowels, -ov/-ow, double letters, w/v, z/s,
 * final mute e, Arabic articles al-/el-, ben/bin), so that "Sergueï
 * Narychkine", "Sergey Naryshkin" and "Sergei Naryschkin" get one key.
 * The key starts with the entity type in lower case and a colon ("per:",
 * "org:", "loc:", "misc:"; none when type is 0), so two mentions merge only
 * when their types agree: compare keys whole.
 * *out is NUL-terminated, allocated in a.  Returns 0 or RC_ENOMEM. */
int rc_name_key(rc_arena *a, rc_str name, int type, rc_str *out);

/* Lower-case, accent-folded ASCII form of UTF-8 text (Latin letters folded,
 * Cyrillic transliterated, other characters kept as they are, punctuation
 * other than letters/digits/apostrophes/hyphens turned into spaces).  Writes
 * at most cap-1 bytes and a NUL; returns the length written. */
size_t rc_name_fold(const char *s, size_t n, char *out, size_t cap);

#endif
