/* Tests of normalize.c: NFC, line ends, controls, invisible characters,
 * blanks, typography kept; rc_fold. */
#include "test.h"
#include "normalize.h"

#include <stdlib.h>
#include <time.h>

static rc_str norm(rc_arena *a, const char *s, size_t n)
{
    rc_str out = RC_STR_NULL;
    if (rc_normalize_text(a, (rc_str){s, n}, &out))
        return RC_STR_NULL;
    return out;
}
#define NORM(lit) norm(a, lit, sizeof(lit) - 1)

TEST(normalize_nfc_composes)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("e\xCC\x81t\xC3\xA9"), "été");                  /* e + U+0301 */
    CHECK_STR(NORM("Cre\xCC\x81" "dit agricole"), "Crédit agricole");
    CHECK_STR(NORM("\xE2\x84\xAB"), "\xC3\x85");                    /* Angstrom sign -> Å */
    CHECK_STR(NORM("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");    /* Hangul jamo -> 가 */
    CHECK_STR(NORM("q\xCC\xA3\xCC\x87"), "q\xCC\xA3\xCC\x87");      /* already in canonical order */
    CHECK_STR(NORM("q\xCC\x87\xCC\xA3"), "q\xCC\xA3\xCC\x87");      /* canonical order */
    /* Lines are independent: a mark at a line start stays. */
    CHECK_STR(NORM("e\n\xCC\x81x"), "e\n\xCC\x81x");
    /* Precomposed French needs nothing. */
    CHECK_STR(NORM("Noël à l'Élysée, œuvre"), "Noël à l'Élysée, œuvre");
    /* Non-BMP characters go through utf8proc and survive. */
    CHECK_STR(NORM("ok \xF0\x9F\x98\x80 e\xCC\x81"), "ok \xF0\x9F\x98\x80 é");
    rc_arena_free(a);
}

TEST(normalize_line_ends)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("a\r\nb\rc\nd"), "a\nb\nc\nd");
    CHECK_STR(NORM("a\r\n\r\nb"), "a\n\nb");
    CHECK_STR(NORM("a\r\r\r\rb"), "a\n\nb");
    CHECK_STR(NORM("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c"), "a\nb\n\nc");   /* LS, PS */
    CHECK_STR(NORM("a\xC2\x85" "b"), "a\nb");                            /* NEL */
    rc_arena_free(a);
}

TEST(normalize_controls_and_invisibles_dropped)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("a\x01" "b\x7F" "c\x1B" "d"), "abcd");
    CHECK_STR(NORM("a\xC2\x80" "b\xC2\x9F" "c"), "abc");                 /* C1 */
    CHECK_STR(NORM("zero\xE2\x80\x8Bwidth\xEF\xBB\xBF soft\xC2\xADhyphen"), "zerowidth softhyphen");
    CHECK_STR(NORM("\xEF\xBB\xBFstart"), "start");
    CHECK_STR(NORM("a\0b"), "ab");
    /* ZWJ is kept (emoji sequences, Indic scripts). */
    CHECK_STR(NORM("x\xE2\x80\x8Dy"), "x\xE2\x80\x8Dy");
    rc_arena_free(a);
}

TEST(normalize_spaces_and_trimming)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("  a  \t b\t\tc   "), "a b c");
    CHECK_STR(NORM("\t line one  \n   line two\t"), "line one\nline two");
    CHECK_STR(NORM("   "), "");
    CHECK_STR(NORM(""), "");
    CHECK_STR(NORM("\n\n\n"), "");
    rc_arena_free(a);
}

TEST(normalize_nbsp_kept_not_collapsed)
{
    rc_arena *a = rc_arena_new(0);
    /* « » with U+202F inside, NBSP before the colon. */
    CHECK_STR(NORM("Il a dit\xC2\xA0: \xC2\xAB\xE2\x80\xAFnon\xE2\x80\xAF\xC2\xBB"),
              "Il a dit\xC2\xA0: \xC2\xAB\xE2\x80\xAFnon\xE2\x80\xAF\xC2\xBB");
    CHECK_STR(NORM("a \xC2\xA0 b"), "a \xC2\xA0 b");
    /* Trimmed at the line edges; a line of only NBSP is blank. */
    CHECK_STR(NORM("\xC2\xA0" "a\xC2\xA0\n\xC2\xA0\n\xC2\xA0\nb"), "a\n\nb");
    /* Quotes, apostrophes and dashes untouched. */
    CHECK_STR(NORM("“Yes” — l’été – ‘q’"), "“Yes” — l’été – ‘q’");
    rc_arena_free(a);
}

TEST(normalize_blank_line_runs)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("\n\n  \na\n\n\n\n\nb\n \n\t\nc\nd\n\n\n"), "a\n\nb\n\nc\nd");
    CHECK_STR(NORM("a\n \nb"), "a\n\nb");
    rc_arena_free(a);
}

TEST(normalize_invalid_utf8_never_crashes)
{
    rc_arena *a = rc_arena_new(0);
    CHECK_STR(NORM("a\xFF" "b\xC3"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    /* Random bytes: output is valid and NUL-terminated. */
    srand(7);
    static char buf[5000];
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof buf; i++)
            buf[i] = (char)(rand() & 0xFF);
        rc_str o = norm(a, buf, sizeof buf);
        CHECK(o.ptr != NULL);
        CHECK_INT(o.ptr[o.len], 0);
        CHECK(strstr(o.ptr, "\n\n\n") == NULL);
        rc_arena_reset(a);
    }
    rc_arena_free(a);
}

TEST(normalize_idempotent)
{
    rc_arena *a = rc_arena_new(0);
    const char *s = "  Titre\r\n\r\n\r\nLe pre\xCC\x81sident\xC2\xA0: «\xE2\x80\xAFoui\xE2\x80\xAF» \t\n";
    rc_str o1 = norm(a, s, strlen(s));
    rc_str o2 = norm(a, o1.ptr, o1.len);
    CHECK(rc_str_eq(o1, o2));
    CHECK_STR(o1, "Titre\n\nLe président\xC2\xA0: «\xE2\x80\xAFoui\xE2\x80\xAF»");
    rc_arena_free(a);
}

TEST(fold_case_and_accents)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o;
    CHECK_INT(rc_fold(a, RC_STR_LIT("Élysée"), &o), 0);
    CHECK_STR(o, "elysee");
    CHECK_INT(rc_fold(a, RC_STR_LIT("Straße"), &o), 0);
    CHECK_STR(o, "strasse");
    CHECK_INT(rc_fold(a, RC_STR_LIT("ÇA ŒUVRE ﬁn"), &o), 0);     /* ligature fi: NFKC */
    CHECK_STR(o, "ca œuvre fin");
    CHECK_INT(rc_fold(a, RC_STR_LIT("Hello WORLD 42"), &o), 0);  /* ASCII path */
    CHECK_STR(o, "hello world 42");
    CHECK_INT(rc_fold(a, RC_STR_LIT("Cre\xCC\x81" "dit"), &o), 0);
    CHECK_STR(o, "credit");
    CHECK_INT(rc_fold(a, RC_STR_LIT("bad\xFF"), &o), 0);
    CHECK_STR(o, "bad\xEF\xBF\xBD");
    CHECK_INT(rc_fold(a, RC_STR_NULL, &o), 0);
    CHECK_STR(o, "");
    rc_arena_free(a);
}

/* Speed: run with `unit normalize_speed` to see MB/s (always passes unless
 * it is absurdly slow). */
TEST(normalize_speed)
{
    size_t n = 8u << 20;
    char *big = malloc(n + 1);
    CHECK(big != NULL);
    const char *para = "Le président de la République a déclaré mardi\xC2\xA0: «\xE2\x80\xAFNous "
                       "tiendrons nos engagements.\xE2\x80\xAF» Les syndicats  ont répondu.\r\n\r\n";
    size_t pl = strlen(para), o = 0;
    while (o + pl <= n) {
        memcpy(big + o, para, pl);
        o += pl;
    }
    rc_arena *a = rc_arena_new(0);
    rc_str out;
    clock_t t0 = clock();
    int rc = rc_normalize_text(a, (rc_str){big, o}, &out);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (getenv("RC_SPEED"))
        fprintf(stderr, "normalize: %.0f MB/s (%zu bytes, %.3f s)\n",
                (double)o / 1e6 / (secs > 0 ? secs : 1e-9), o, secs);
    CHECK_INT(rc, 0);
    CHECK(out.len < o);
    CHECK(secs < 5.0);
    rc_arena_free(a);
    free(big);
}
