/*
 * json.h -- writing JSON into an rc_buf (reading JSON uses jansson).
 */
#ifndef RC_JSON_H
#define RC_JSON_H

#include "recoupe.h"

/* rc_json_str and rc_json_str_or_null are public (recoupe.h). */
int rc_json_cstr_or_null(rc_buf *b, const char *s);
/* Append "key": (with the quotes and the colon, and a comma first unless
 * *first is set, which it then clears).  key must not need escaping. */
int rc_json_key(rc_buf *b, const char *key, int *first);

#endif
