/*
 * test.h -- a small assert-based test runner.
 *
 * Each test file defines tests with TEST(name) { ... }; they register
 * themselves at start-up (a constructor), so adding a file to tests/ is all
 * it takes.  A failed CHECK reports file:line and the expression and ends the
 * test; the runner carries on with the next one and ends with the line
 * "N passed, N failed".  `build/unit NAME...` runs the tests whose name
 * contains one of the given strings.
 */
#ifndef RC_TEST_H
#define RC_TEST_H

#include "recoupe.h"
#include <string.h>

typedef void (*rc_test_fn)(void);
void rc_test_register(const char *name, rc_test_fn fn, const char *file);
void rc_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Directory of the project's test fixtures ("tests/fixtures"), for tests
 * that read files. */
const char *rc_test_fixtures(void);

#define TEST(name)                                                        \
    static void name(void);                                               \
    __attribute__((constructor)) static void rc_reg_##name(void)         \
    { rc_test_register(#name, name, __FILE__); }                          \
    static void name(void)

#define CHECK(cond)                                                       \
    do { if (!(cond)) { rc_test_fail(__FILE__, __LINE__, "%s", #cond); return; } } while (0)

#define CHECK_INT(a, b)                                                   \
    do { long long a_ = (long long)(a), b_ = (long long)(b);              \
         if (a_ != b_) { rc_test_fail(__FILE__, __LINE__, "%s == %s (%lld != %lld)", \
                                      #a, #b, a_, b_); return; } } while (0)

/* Compare a view (rc_str) with a C string. */
#define CHECK_STR(view, cstr)                                             \
    do { rc_str v_ = (view); const char *c_ = (cstr);                     \
         if (!rc_str_eq_c(v_, c_)) { rc_test_fail(__FILE__, __LINE__,     \
             "%s == \"%s\" (got \"%.*s\")", #view, c_,                    \
             (int)(v_.len > 400 ? 400 : v_.len), v_.ptr ? v_.ptr : "(null)"); return; } } while (0)

/* A C string contains a substring. */
#define CHECK_CONTAINS(hay, needle)                                       \
    do { const char *h_ = (hay); const char *n_ = (needle);               \
         if (!h_ || !strstr(h_, n_)) { rc_test_fail(__FILE__, __LINE__,   \
             "\"%s\" in %s (got \"%.300s\")", n_, #hay, h_ ? h_ : "(null)"); return; } } while (0)

#define CHECK_NOT_CONTAINS(hay, needle)                                   \
    do { const char *h_ = (hay); const char *n_ = (needle);               \
         if (h_ && strstr(h_, n_)) { rc_test_fail(__FILE__, __LINE__,     \
             "\"%s\" not in %s", n_, #hay); return; } } while (0)

#endif
