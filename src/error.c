/*
 * error.c -- the one error table of recoupe.
 *
 * Every failure in the library is a negative code from RC_ERRORS (recoupe.h).
 * This module maps codes to their message and symbolic name.  The table is a
 * single X-macro so that the enum, the names and the messages cannot drift.
 */
#include "recoupe.h"

#define RC_ERR_CASE_MSG_(name, value, msg) case name: return msg;
#define RC_ERR_CASE_NAME_(name, value, msg) case name: return #name;

const char *rc_strerror(int code)
{
    switch (code) {
        RC_ERRORS(RC_ERR_CASE_MSG_)
    default: return "unknown error";
    }
}

const char *rc_errname(int code)
{
    switch (code) {
        RC_ERRORS(RC_ERR_CASE_NAME_)
    default: return "RC_EUNKNOWN";
    }
}
