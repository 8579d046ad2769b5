/*
 * runner.c -- main() of the unit tests (see test.h).
 */
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    const char *name;
    rc_test_fn fn;
    const char *file;
} rc_test;

static rc_test *tests;
static size_t ntests, captests;
static int current_failed;

void rc_test_register(const char *name, rc_test_fn fn, const char *file)
{
    if (ntests == captests) {
        captests = captests ? captests * 2 : 64;
        tests = realloc(tests, captests * sizeof *tests);
        if (!tests)
            abort();
    }
    tests[ntests++] = (rc_test){name, fn, file};
}

void rc_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    current_failed = 1;
}

const char *rc_test_fixtures(void)
{
    const char *d = getenv("RC_FIXTURES");
    return d ? d : "tests/fixtures";
}

static int cmp_test(const void *a, const void *b)
{
    const rc_test *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    qsort(tests, ntests, sizeof *tests, cmp_test);
    for (size_t i = 0; i < ntests; i++) {
        if (argc > 1) {
            int want = 0;
            for (int k = 1; k < argc; k++)
                if (strstr(tests[i].name, argv[k]))
                    want = 1;
            if (!want)
                continue;
        }
        current_failed = 0;
        tests[i].fn();
        if (current_failed) {
            fprintf(stderr, "  in test %s (%s)\n", tests[i].name, tests[i].file);
            failed++;
        } else {
            passed++;
        }
    }
    free(tests);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
