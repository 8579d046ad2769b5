/* Tests of charset.c: BOMs, labels, <meta> prescan, legacy charsets,
 * mis-declared pages, invalid bytes, UTF-16, binary detection. */
#include "test.h"
#include "charset.h"

static rc_arena *A;

static rc_str dec(const char *bytes, size_t n, int is_html, const char *declared,
                  const char **cs, int *rep)
{
    if (!A)
        A = rc_arena_new(0);
    rc_arena_reset(A);
    rc_str out = RC_STR_NULL;
    int rc = rc_charset_decode(A, (rc_str){bytes, n}, is_html, declared, &out, cs, rep);
    if (rc)
        return RC_STR_NULL;
    return out;
}
#define DEC(lit, html, decl) dec(lit, sizeof(lit) - 1, html, decl, &cs, &rep)

TEST(charset_utf8_plain_fast_path)
{
    const char *cs = NULL;
    int rep = -1;
    rc_str o = DEC("Caf\xC3\xA9 \xC2\xAB ok \xC2\xBB", 0, NULL);
    CHECK_STR(o, "Café « ok »");
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_INT(rep, 0);
    CHECK_INT(o.ptr[o.len], 0);
    o = DEC("", 0, NULL);
    CHECK_STR(o, "");
    CHECK(strcmp(cs, "utf-8") == 0);
}

TEST(charset_boms)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("\xEF\xBB\xBFhello", 1, "iso-8859-1");
    CHECK_STR(o, "hello");
    CHECK(strcmp(cs, "utf-8") == 0);
    /* UTF-16LE with BOM: "é€😀" */
    o = DEC("\xFF\xFE\xE9\x00\xAC\x20\x3D\xD8\x00\xDE", 0, NULL);
    CHECK_STR(o, "é€\xF0\x9F\x98\x80");
    CHECK(strcmp(cs, "utf-16le") == 0);
    CHECK_INT(rep, 0);
    o = DEC("\xFE\xFF\x00h\x00\xE9", 0, NULL);
    CHECK_STR(o, "hé");
    CHECK(strcmp(cs, "utf-16be") == 0);
    /* Lone surrogate and odd trailing byte. */
    o = DEC("\xFF\xFE" "a\x00\x00\xD8" "b\x00" "c", 0, NULL);
    CHECK_STR(o, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK_INT(rep, 2);
}

TEST(charset_utf16_without_bom_sniffed)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", 0, NULL);
    CHECK_STR(o, "Hello world");
    CHECK(strcmp(cs, "utf-16le") == 0);
}

TEST(charset_labels_normalised)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("caf\xE9 \x80", 0, "ISO-8859-1");
    CHECK_STR(o, "café €");
    CHECK(strcmp(cs, "windows-1252") == 0);
    o = DEC("caf\xE9", 0, " Latin1 ");
    CHECK(strcmp(cs, "windows-1252") == 0);
    o = DEC("abc", 0, "US-ASCII");
    CHECK(strcmp(cs, "windows-1252") == 0);
    o = DEC("\xA4", 0, "iso-8859-15");
    CHECK_STR(o, "€");
    CHECK(strcmp(cs, "iso-8859-15") == 0);
    o = DEC("\xD6\xD0\xCE\xC4", 0, "GB2312");     /* 中文 */
    CHECK_STR(o, "中文");
    CHECK(strcmp(cs, "gb18030") == 0);
    o = DEC("\x93\xFA\x96\x7B", 0, "shift_jis");  /* 日本 */
    CHECK_STR(o, "日本");
    CHECK(strcmp(cs, "shift_jis") == 0);
    o = DEC("\xF0\xD2\xC9\xD7\xC5\xD4", 0, "KOI8-R");   /* Привет */
    CHECK_STR(o, "Привет");
    CHECK(strcmp(cs, "koi8-r") == 0);
    /* Unknown label: ignored, sniffed. */
    o = DEC("plain", 0, "x-no-such-charset");
    CHECK_STR(o, "plain");
    CHECK(strcmp(cs, "utf-8") == 0);
}

TEST(charset_windows1252_undefined_bytes_are_c1)
{
    const char *cs = NULL;
    int rep = -1;
    rc_str o = DEC("a\x81" "b\x9D", 0, "windows-1252");
    CHECK_STR(o, "a\xC2\x81" "b\xC2\x9D");
    CHECK_INT(rep, 0);
}

TEST(charset_meta_charset)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("<!doctype html><html><head><meta charset=\"windows-1251\">"
                   "<title>\xCD\xEE\xE2\xEE\xF1\xF2\xE8</title>", 1, NULL);
    CHECK(strcmp(cs, "windows-1251") == 0);
    CHECK_CONTAINS(o.ptr, "<title>Новости</title>");
    /* Not when is_html is 0. */
    o = DEC("<meta charset=\"windows-1251\">\xCD", 0, NULL);
    CHECK(strcmp(cs, "windows-1252") == 0);
    /* Unquoted, upper case, after a comment that mentions another one. */
    o = DEC("<!-- <meta charset=koi8-r> --><META CHARSET=ISO-8859-15>\xA4", 1, NULL);
    CHECK(strcmp(cs, "iso-8859-15") == 0);
    CHECK_CONTAINS(o.ptr, "€");
    /* An attribute value holding "<meta" is not a meta. */
    o = DEC("<div title='<meta charset=koi8-r>'>caf\xE9</div>", 1, NULL);
    CHECK(strcmp(cs, "windows-1252") == 0);
    /* A declared label beats <meta>. */
    o = DEC("<meta charset=koi8-r>caf\xE9", 1, "latin1");
    CHECK(strcmp(cs, "windows-1252") == 0);
    CHECK_CONTAINS(o.ptr, "café");
}

TEST(charset_meta_http_equiv)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("<html><head>\n<meta http-equiv=\"Content-Type\" "
                   "content=\"text/html; charset=iso-8859-1\">\n</head><body>"
                   "<p>L'\xE9t\xE9 \xE0 Paris</p>", 1, NULL);
    CHECK(strcmp(cs, "windows-1252") == 0);
    CHECK_CONTAINS(o.ptr, "L'été à Paris");
    /* content= first, http-equiv after: still a pragma. */
    o = DEC("<meta content='text/html; charset=windows-1251' http-equiv='content-type'>\xC0",
            1, NULL);
    CHECK(strcmp(cs, "windows-1251") == 0);
    CHECK_CONTAINS(o.ptr, "А");
    /* content= without http-equiv: not a declaration. */
    o = DEC("<meta name=x content='charset=windows-1251'>\xC0", 1, NULL);
    CHECK(strcmp(cs, "windows-1252") == 0);
    /* A page cannot declare itself UTF-16. */
    o = DEC("<meta charset=utf-16>ok", 1, NULL);
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_CONTAINS(o.ptr, "ok");
}

TEST(charset_meta_beyond_prescan_window_ignored)
{
    const char *cs = NULL;
    int rep = 0;
    static char page[6000];
    memset(page, ' ', sizeof page);
    memcpy(page + 5000, "<meta charset=koi8-r>", 21);
    page[5900] = (char)0xE9;
    rc_str o = dec(page, sizeof page, 1, NULL, &cs, &rep);
    CHECK(o.ptr != NULL);
    CHECK(strcmp(cs, "windows-1252") == 0);
}

TEST(charset_latin1_page_sniffed)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("Le pr\xE9sident a d\xE9" "clar\xE9 : \xAB non \xBB.", 0, NULL);
    CHECK_STR(o, "Le président a déclaré : « non ».");
    CHECK(strcmp(cs, "windows-1252") == 0);
    CHECK_INT(rep, 0);
}

TEST(charset_windows1251_page)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("<html><head><meta http-equiv=Content-Type content=\"text/html;charset=cp1251\">"
                   "</head><body>\xCC\xEE\xF1\xEA\xE2\xE0 \x97 \xF1\xF2\xEE\xEB\xE8\xF6\xE0"
                   "</body></html>", 1, NULL);
    CHECK(strcmp(cs, "windows-1251") == 0);
    CHECK_CONTAINS(o.ptr, "Москва — столица");
}

TEST(charset_misdeclared_latin1_is_utf8)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("<meta charset=\"iso-8859-1\"><p>L'\xC3\xA9t\xC3\xA9 \xC3\xA0 Paris</p>", 1, NULL);
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_CONTAINS(o.ptr, "L'été à Paris");
    o = DEC("\xC3\xA9t\xC3\xA9", 0, "latin1");
    CHECK(strcmp(cs, "utf-8") == 0);
    /* Pure ASCII: the label stays. */
    o = DEC("abc", 0, "latin1");
    CHECK(strcmp(cs, "windows-1252") == 0);
    /* Not valid UTF-8: the label is right. */
    o = DEC("\xC3\xA9t\xE9", 0, "latin1");
    CHECK(strcmp(cs, "windows-1252") == 0);
    CHECK_STR(o, "Ã©té");
}

TEST(charset_invalid_bytes_replaced_and_counted)
{
    const char *cs = NULL;
    int rep = 0;
    /* Mostly UTF-8 with stray bytes: stays UTF-8. */
    rc_str o = DEC("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 x\xFFy", 0, NULL);
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_STR(o, "éééééééé x\xEF\xBF\xBDy");
    CHECK_INT(rep, 1);
    /* Declared UTF-8: every maximal invalid subpart is one U+FFFD. */
    o = DEC("a\xFF" "b\xC3(c\xE2\x82" "d\xED\xA0\x80" "e\xF0\x9F\x98", 0, "utf-8");
    CHECK_STR(o, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD(c\xEF\xBF\xBD" "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                 "e\xEF\xBF\xBD");
    CHECK_INT(rep, 7);
    /* Overlong. */
    o = DEC("\xC0\xAF", 0, "utf-8");
    CHECK_INT(rep, 2);
}

TEST(charset_truncated_multibyte_at_end)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("d\xC3\xA9j\xC3\xA0 vu \xE2\x80", 0, NULL);
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_STR(o, "déjà vu \xEF\xBF\xBD");
    CHECK_INT(rep, 1);
    o = DEC("\xF0\x9F", 0, "utf-8");
    CHECK_STR(o, "\xEF\xBF\xBD");
    CHECK_INT(rep, 1);
    /* Truncated legacy multibyte (iconv EINVAL). */
    o = DEC("\xD6\xD0\xCE", 0, "gbk");
    CHECK_STR(o, "中\xEF\xBF\xBD");
    CHECK_INT(rep, 1);
}

TEST(charset_iconv_eilseq_skips_one_byte)
{
    const char *cs = NULL;
    int rep = 0;
    /* 0xFF is not a Shift_JIS byte. */
    rc_str o = DEC("a\xFF" "b\x93\xFA", 0, "shift_jis");
    CHECK_STR(o, "a\xEF\xBF\xBD" "b日");
    CHECK_INT(rep, 1);
}

TEST(charset_iso2022jp_stateful)
{
    const char *cs = NULL;
    int rep = 0;
    rc_str o = DEC("\x1B$BF|K\\\x1B(B!", 0, "iso-2022-jp");
    CHECK_STR(o, "日本!");
    CHECK_INT(rep, 0);
}

TEST(charset_sanitize)
{
    rc_arena *a = rc_arena_new(0);
    rc_str in = RC_STR_LIT("fine é");
    rc_str out;
    int rep = -1;
    CHECK_INT(rc_utf8_sanitize(a, in, &out, &rep), 0);
    CHECK(out.ptr == in.ptr && out.len == in.len);    /* no copy */
    CHECK_INT(rep, -1);                                /* untouched: nothing replaced */
    rep = 0;
    CHECK_INT(rc_utf8_sanitize(a, RC_STR_LIT("\xEF\xBB\xBFok\x80"), &out, &rep), 0);
    CHECK_STR(out, "ok\xEF\xBF\xBD");
    CHECK_INT(rep, 1);
    CHECK_INT(rc_utf8_sanitize(a, RC_STR_NULL, &out, NULL), 0);
    CHECK_INT(out.len, 0);
    rc_arena_free(a);
}

TEST(charset_binary_detection)
{
    CHECK(rc_looks_binary(RC_STR_LIT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR")));
    CHECK(rc_looks_binary(RC_STR_LIT("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")));
    CHECK(rc_looks_binary(RC_STR_LIT("\x1f\x8b\x08\x00\x00\x00\x00\x00")));
    CHECK(rc_looks_binary(RC_STR_LIT("PK\x03\x04\x14\x00")));
    CHECK(rc_looks_binary(RC_STR_LIT("\x7f" "ELF\x02\x01\x01")));
    CHECK(rc_looks_binary(RC_STR_LIT("some text\0with a NUL in the middle")));
    CHECK(rc_looks_binary(RC_STR_LIT("\x01\x02\x03\x04 abc \x05\x06")));
    CHECK(!rc_looks_binary(RC_STR_LIT("")));
    CHECK(!rc_looks_binary(RC_STR_LIT("Plain text.\r\n\tIndented, caf\xE9, \xC3\xA9t\xC3\xA9.\f")));
    CHECK(!rc_looks_binary(RC_STR_LIT("\xFF\xFEh\0i\0")));               /* UTF-16 BOM */
    CHECK(!rc_looks_binary(RC_STR_LIT("h\0e\0l\0l\0o\0 \0t\0h\0e\0r\0e\0")));  /* UTF-16 */
    CHECK(!rc_looks_binary(RC_STR_LIT("\x1B$BF|K\\\x1B(B")));          /* ISO-2022-JP */
    /* One stray control in a long text is still text. */
    char big[4000];
    memset(big, 'a', sizeof big);
    big[100] = 0x01;
    CHECK(!rc_looks_binary((rc_str){big, sizeof big}));
    /* Only the first 8 KiB are looked at. */
    static char huge[20000];
    memset(huge, 'a', sizeof huge);
    huge[15000] = 0;
    CHECK(!rc_looks_binary((rc_str){huge, sizeof huge}));
}

TEST(charset_large_valid_utf8_roundtrip)
{
    static char big[100000];
    for (size_t i = 0; i < sizeof big; i += 4)
        memcpy(big + i, i % 40 ? "abc " : "\xC3\xA9\xC3\xA0", 4);
    const char *cs = NULL;
    int rep = 0;
    rc_str o = dec(big, sizeof big, 1, NULL, &cs, &rep);
    CHECK(strcmp(cs, "utf-8") == 0);
    CHECK_INT(o.len, sizeof big);
    CHECK(memcmp(o.ptr, big, sizeof big) == 0);
    rc_arena_free(A);
    A = NULL;
}
