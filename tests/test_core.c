/* Tests of the core: error table, rc_buf, rc_arena, JSON writer, data files. */
#include "test.h"
#include "json.h"
#include "data.h"

#include <stdlib.h>

TEST(error_table_has_messages)
{
    CHECK(strcmp(rc_strerror(RC_OK), "success") == 0);
    CHECK(strcmp(rc_strerror(RC_ENOMEM), "out of memory") == 0);
    CHECK(strcmp(rc_errname(RC_ETOOBIG), "RC_ETOOBIG") == 0);
    CHECK(strcmp(rc_strerror(-9999), "unknown error") == 0);
}

TEST(buf_appends_and_caps)
{
    rc_buf b;
    rc_buf_init(&b, 10);
    CHECK_INT(rc_buf_puts(&b, "hello"), RC_OK);
    CHECK_INT(rc_buf_printf(&b, "%d", 1234), RC_OK);
    CHECK_STR(rc_buf_str(&b), "hello1234");
    CHECK_INT(rc_buf_puts(&b, "xy"), RC_ETOOBIG);     /* 11 > 10 */
    CHECK_INT(b.err, RC_ETOOBIG);
    CHECK_INT(rc_buf_puts(&b, "z"), RC_ETOOBIG);      /* sticky */
    CHECK_STR(rc_buf_str(&b), "hello1234");
    rc_buf_clear(&b);
    CHECK_INT(rc_buf_puts(&b, "ok"), RC_OK);
    CHECK_INT(b.ptr[b.len], 0);
    rc_buf_free(&b);
}

TEST(buf_printf_long)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_INT(rc_buf_printf(&b, "<%s>", big), RC_OK);
    CHECK_INT(b.len, 1001);
    CHECK(b.ptr[0] == '<' && b.ptr[1000] == '>');
    rc_buf_free(&b);
}

TEST(arena_alloc_reset)
{
    rc_arena *a = rc_arena_new(1024);
    CHECK(a != NULL);
    char *p = rc_arena_strndup(a, "abc", 3);
    CHECK(strcmp(p, "abc") == 0);
    CHECK(((uintptr_t)rc_arena_alloc(a, 3) & 15) == 0);
    void *big = rc_arena_alloc(a, 100000);        /* larger than a block */
    CHECK(big != NULL);
    memset(big, 1, 100000);
    for (int i = 0; i < 1000; i++)
        CHECK(rc_arena_alloc(a, 100) != NULL);
    CHECK(rc_arena_used(a) > 100000);
    rc_arena_reset(a);
    CHECK_INT(rc_arena_used(a), 0);
    CHECK(rc_arena_calloc(a, 10, 10) != NULL);
    CHECK(rc_arena_calloc(a, SIZE_MAX / 2, 4) == NULL);   /* overflow refused */
    rc_arena_free(a);
}

TEST(json_escapes)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_json_str(&b, RC_STR_LIT("a\"b\\c\n\x01 «é» \xe2\x80\xa8"));
    CHECK_STR(rc_buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001 «é» \\u2028\"");
    rc_buf_clear(&b);
    rc_json_str(&b, RC_STR_LIT("bad\xff\xc3(end"));
    CHECK_STR(rc_buf_str(&b), "\"bad\xEF\xBF\xBD\xEF\xBF\xBD(end\"");
    rc_buf_clear(&b);
    rc_json_str_or_null(&b, RC_STR_NULL);
    CHECK_STR(rc_buf_str(&b), "null");
    rc_buf_free(&b);
}

TEST(data_files_embedded)
{
    rc_str f = rc_data_get("no-such-file.txt");
    CHECK(f.ptr == NULL);
    rc_str t = RC_STR_LIT("# comment\n  one \n\n two\r\n#x\nthree");
    size_t pos = 0;
    rc_str line;
    CHECK(rc_data_next_line(t, &pos, &line));
    CHECK_STR(line, "one");
    CHECK(rc_data_next_line(t, &pos, &line));
    CHECK_STR(line, "two");
    CHECK(rc_data_next_line(t, &pos, &line));
    CHECK_STR(line, "three");
    CHECK(!rc_data_next_line(t, &pos, &line));
}
