/*
 * charset.c -- decoding input bytes to UTF-8 (see charset.h).
 *
 * What it does: finds the encoding of a document and converts it to valid
 * UTF-8, replacing what cannot be decoded by U+FFFD.
 *
 * Algorithm (the order of the HTML5 "encoding sniffing algorithm", trimmed to
 * what a batch tool can know):
 *   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins;
 *   2. else a label given from outside (HTTP header, command line);
 *   3. else, for HTML, a <meta charset> or <meta http-equiv=Content-Type>
 *      found by the HTML5 prescan of the first 4 KiB (comments and other
 *      tags are skipped as the prescan does, so a "charset=" inside a
 *      comment or a <script> attribute does not count);
 *   4. else sniffing: UTF-16 without BOM (NUL bytes at every other
 *      position), UTF-8 if the bytes are (almost all) valid UTF-8, else
 *      windows-1252.
 * A label from 2 or 3 that names a legacy encoding is overridden when the
 * bytes are valid UTF-8 containing multibyte sequences: such byte pairs are
 * vanishingly rare in real legacy text ("Ã©" is mojibake, not French), and
 * mis-declared pages are common.
 * Labels are normalised with (a subset of) the WHATWG Encoding Standard's
 * label table: latin1/iso-8859-1/ascii -> windows-1252, gb2312/gbk ->
 * gb18030, and so on.
 *
 * Conversion: UTF-8 is validated (8 bytes at a time over ASCII) and copied;
 * invalid sequences are replaced, one U+FFFD per "maximal subpart" as the
 * Unicode standard and browsers do.  Legacy encodings go through glibc's
 * iconv, opened per call (an iconv_t is not thread-safe, so nothing is
 * cached); on EILSEQ we emit U+FFFD and skip one byte.
 * Hand-written instead of iconv, and why:
 *   - windows-1252: the most common fallback; WHATWG maps its five undefined
 *     bytes (0x81 0x8D 0x8F 0x90 0x9D) to C1 controls where glibc reports
 *     EILSEQ, and a 32-entry table is faster than opening a converter;
 *   - UTF-16: iconv's error recovery is per byte, which would misalign a
 *     UTF-16 stream after a lone surrogate; decoding UTF-16 is a few lines.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* ------------------------------------------------------------------ UTF-8 */

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD};   /* U+FFFD */

/* Length of the valid UTF-8 sequence at p (2..4) for a non-ASCII lead byte,
 * or 0 if invalid; then *bad gets the length of the maximal subpart to
 * replace by one U+FFFD (>= 1). */
static size_t utf8_seq(const unsigned char *p, size_t n, size_t *bad)
{
    unsigned c = p[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    size_t i = 1;
    for (; i < need; i++) {
        if (i >= n) {
            *bad = i;
            return 0;
        }
        unsigned b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
            *bad = i;
            return 0;
        }
    }
    return need;
}

/* Scan UTF-8: number of maximal invalid subparts (0 = valid) and of valid
 * multibyte sequences (*multi, may be NULL). */
static size_t utf8_scan(const unsigned char *p, size_t n, size_t *multi)
{
    size_t i = 0, nbad = 0, nmulti = 0;
    while (i < n) {
        /* ASCII, 8 bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        while (i < n && p[i] < 0x80)
            i++;
        if (i >= n)
            break;
        size_t bad = 0, k = utf8_seq(p + i, n - i, &bad);
        if (k) {
            nmulti++;
            i += k;
        } else {
            nbad++;
            i += bad;
        }
    }
    if (multi)
        *multi = nmulti;
    return nbad;
}

/* 1 if the last bytes are the start of a valid sequence cut short (a
 * document truncated in the middle of a character). */
static int utf8_truncated_tail(const unsigned char *p, size_t n)
{
    size_t k = n;
    while (k > 0 && n - k < 3 && (p[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == 0 || p[k - 1] < 0xC2)
        return 0;
    size_t bad = 0;
    return utf8_seq(p + k - 1, n - k + 1, &bad) == 0 && bad == n - k + 1;
}

/* Copy p[0..n) to dst replacing invalid subparts by U+FFFD; returns the
 * length written.  dst must hold n + 2 * nbad bytes. */
static size_t utf8_repair(const unsigned char *p, size_t n, char *dst)
{
    size_t i = 0, o = 0;
    while (i < n) {
        size_t s = i;
        while (i < n && p[i] < 0x80)
            i++;
        memcpy(dst + o, p + s, i - s);
        o += i - s;
        if (i >= n)
            break;
        size_t bad = 0, k = utf8_seq(p + i, n - i, &bad);
        if (k) {
            memcpy(dst + o, p + i, k);
            o += k;
            i += k;
        } else {
            memcpy(dst + o, REPL, 3);
            o += 3;
            i += bad;
        }
    }
    return o;
}

/* Decode UTF-8 bytes into the arena (always a NUL-terminated copy). */
static int decode_utf8(rc_arena *a, const unsigned char *p, size_t n, size_t nbad,
                       rc_str *out, int *replaced)
{
    char *d = rc_arena_alloc(a, n + 2 * nbad + 1);
    if (!d)
        return RC_ENOMEM;
    size_t o;
    if (nbad == 0) {
        memcpy(d, p, n);
        o = n;
    } else {
        o = utf8_repair(p, n, d);
    }
    d[o] = 0;
    *out = (rc_str){d, o};
    *replaced += (int)(nbad > (size_t)INT32_MAX ? INT32_MAX : nbad);
    return RC_OK;
}

int rc_utf8_sanitize(rc_arena *a, rc_str in, rc_str *out, int *replaced)
{
    const unsigned char *p = (const unsigned char *)in.ptr;
    size_t n = in.ptr ? in.len : 0;
    int dummy = 0;
    if (!replaced)
        replaced = &dummy;
    int bom = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
    if (bom) {
        p += 3;
        n -= 3;
    }
    size_t nbad = utf8_scan(p, n, NULL);
    if (nbad == 0 && !bom) {
        *out = in.ptr ? in : (rc_str){"", 0};
        return RC_OK;
    }
    return decode_utf8(a, p, n, nbad, out, replaced);
}

/* ------------------------------------------------------------------ UTF-16 */

static size_t put_utf8(char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static int decode_utf16(rc_arena *a, const unsigned char *p, size_t n, int be,
                        rc_str *out, int *replaced)
{
    /* A 2-byte unit gives at most 3 bytes, a pair 4; a dangling byte 3. */
    char *d = rc_arena_alloc(a, (n / 2) * 3 + 4);
    if (!d)
        return RC_ENOMEM;
    size_t i = 0, o = 0;
    int nrep = 0;
    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t v = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                i += 2;
                o += put_utf8(d + o, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            memcpy(d + o, REPL, 3);
            o += 3;
            nrep++;
            continue;
        }
        o += put_utf8(d + o, u);
    }
    if (i < n) {             /* odd length: truncated last unit */
        memcpy(d + o, REPL, 3);
        o += 3;
        nrep++;
    }
    d[o] = 0;
    *out = (rc_str){d, o};
    *replaced += nrep;
    return RC_OK;
}

/* ------------------------------------------------------------------ windows-1252 */

/* 0x80..0x9F; the rest of the bytes are Latin-1 (U+00A0..U+00FF). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static int decode_cp1252(rc_arena *a, const unsigned char *p, size_t n, rc_str *out)
{
    size_t need = n;
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 0x80)
            need += 2;           /* at most 3 bytes each */
    char *d = rc_arena_alloc(a, need + 1);
    if (!d)
        return RC_ENOMEM;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c < 0x80)
            d[o++] = (char)c;
        else
            o += put_utf8(d + o, c < 0xA0 ? cp1252_hi[c - 0x80] : c);
    }
    d[o] = 0;
    *out = (rc_str){d, o};
    return RC_OK;
}

/* ------------------------------------------------------------------ iconv */

static int decode_iconv(rc_arena *a, const unsigned char *p, size_t n, const char *from,
                        rc_str *out, int *replaced)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return RC_ECHARSET;
    /* Every legacy encoding we name gives at most 3 UTF-8 bytes per input
     * byte (U+FFFD included); grow anyway if a converter disagrees. */
    size_t cap = n * 3 + 16;
    char *d = rc_arena_alloc(a, cap);
    if (!d) {
        iconv_close(cd);
        return RC_ENOMEM;
    }
    char *ip = (char *)p, *op = d;
    size_t ileft = n, oleft = cap - 1;
    int nrep = 0, rc = RC_OK, flushing = 0;
    for (;;) {
        if (oleft < 8) {
            /* Grow (a copy in the arena; only when a converter expands). */
            size_t used = (size_t)(op - d);
            char *nd = rc_arena_alloc(a, cap * 2);
            if (!nd) {
                rc = RC_ENOMEM;
                break;
            }
            memcpy(nd, d, used);
            d = nd;
            op = d + used;
            cap *= 2;
            oleft = cap - used - 1;
        }
        size_t r = ileft ? iconv(cd, &ip, &ileft, &op, &oleft)
                         : iconv(cd, NULL, NULL, &op, &oleft);   /* flush shift state */
        if (r != (size_t)-1) {
            if (ileft == 0 && flushing)
                break;
            if (ileft == 0)
                flushing = 1;
            continue;
        }
        if (errno == E2BIG) {
            oleft = 0;              /* grow at the top of the loop */
            continue;
        }
        if (errno != EILSEQ && errno != EINVAL) {
            rc = RC_ECHARSET;
            break;
        }
        memcpy(op, REPL, 3);
        op += 3;
        oleft -= 3;
        nrep++;
        if (errno == EINVAL) {      /* incomplete sequence at the end */
            ileft = 0;
        } else {                     /* invalid: skip one byte */
            ip++;
            ileft--;
        }
    }
    iconv_close(cd);
    if (rc)
        return rc;
    *op = 0;
    *out = (rc_str){d, (size_t)(op - d)};
    *replaced += nrep;
    return RC_OK;
}

/* ------------------------------------------------------------------ labels */

typedef struct {
    const char *label;     /* lower-case WHATWG label */
    const char *name;      /* canonical name (static, returned to callers) */
} label_map;

/* Canonical encodings: name -> how to decode. */
typedef struct {
    const char *name;
    const char *iconv;     /* iconv name; NULL = decoded by hand */
} enc_info;

static const enc_info encodings[] = {
    {"utf-8", NULL},         {"utf-16le", NULL},      {"utf-16be", NULL},
    {"windows-1252", NULL},
    {"iso-8859-2", "ISO-8859-2"},   {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},   {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},   {"iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"},   {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"}, {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
    {"windows-1250", "CP1250"},     {"windows-1251", "CP1251"},
    {"windows-1253", "CP1253"},     {"windows-1254", "CP1254"},
    {"windows-1255", "CP1255"},     {"windows-1256", "CP1256"},
    {"windows-1257", "CP1257"},     {"windows-1258", "CP1258"},
    {"windows-874", "CP874"},       {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},           {"ibm866", "IBM866"},
    {"macintosh", "MACINTOSH"},     {"x-mac-cyrillic", "MAC-CYRILLIC"},
    {"gb18030", "GB18030"},         {"big5", "BIG5-HKSCS"},
    {"euc-jp", "EUC-JP"},           {"iso-2022-jp", "ISO-2022-JP"},
    {"shift_jis", "CP932"},         {"euc-kr", "CP949"},
};

/* Labels (WHATWG Encoding Standard, the ones seen in practice). */
static const label_map labels[] = {
    {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"},
    {"unicode11utf8", "utf-8"}, {"unicode20utf8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"utf-16", "utf-16le"}, {"utf-16le", "utf-16le"}, {"unicode", "utf-16le"},
    {"ucs-2", "utf-16le"}, {"csunicode", "utf-16le"}, {"iso-10646-ucs-2", "utf-16le"},
    {"unicodefeff", "utf-16le"}, {"utf-16be", "utf-16be"}, {"unicodefffe", "utf-16be"},
    {"windows-1252", "windows-1252"}, {"cp1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
    {"latin1", "windows-1252"}, {"l1", "windows-1252"}, {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"}, {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"iso-ir-100", "windows-1252"}, {"ibm819", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ascii", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"ansi_x3.4-1968", "windows-1252"},
    {"iso-8859-2", "iso-8859-2"}, {"iso8859-2", "iso-8859-2"}, {"latin2", "iso-8859-2"},
    {"l2", "iso-8859-2"}, {"iso_8859-2", "iso-8859-2"},
    {"iso-8859-3", "iso-8859-3"}, {"latin3", "iso-8859-3"},
    {"iso-8859-4", "iso-8859-4"}, {"latin4", "iso-8859-4"},
    {"iso-8859-5", "iso-8859-5"}, {"cyrillic", "iso-8859-5"}, {"iso8859-5", "iso-8859-5"},
    {"iso-8859-6", "iso-8859-6"}, {"arabic", "iso-8859-6"},
    {"iso-8859-7", "iso-8859-7"}, {"greek", "iso-8859-7"}, {"iso8859-7", "iso-8859-7"},
    {"iso-8859-8", "iso-8859-8"}, {"hebrew", "iso-8859-8"}, {"iso-8859-8-i", "iso-8859-8"},
    {"iso-8859-10", "iso-8859-10"}, {"latin6", "iso-8859-10"},
    {"iso-8859-13", "iso-8859-13"}, {"iso-8859-14", "iso-8859-14"},
    {"iso-8859-15", "iso-8859-15"}, {"iso8859-15", "iso-8859-15"}, {"iso_8859-15", "iso-8859-15"},
    {"latin9", "iso-8859-15"}, {"l9", "iso-8859-15"}, {"csisolatin9", "iso-8859-15"},
    {"iso-8859-16", "iso-8859-16"},
    {"windows-1250", "windows-1250"}, {"cp1250", "windows-1250"}, {"x-cp1250", "windows-1250"},
    {"windows-1251", "windows-1251"}, {"cp1251", "windows-1251"}, {"x-cp1251", "windows-1251"},
    {"windows-1253", "windows-1253"}, {"cp1253", "windows-1253"},
    {"windows-1254", "windows-1254"}, {"cp1254", "windows-1254"}, {"latin5", "windows-1254"},
    {"iso-8859-9", "windows-1254"}, {"iso8859-9", "windows-1254"},
    {"windows-1255", "windows-1255"}, {"cp1255", "windows-1255"},
    {"windows-1256", "windows-1256"}, {"cp1256", "windows-1256"},
    {"windows-1257", "windows-1257"}, {"cp1257", "windows-1257"},
    {"windows-1258", "windows-1258"}, {"cp1258", "windows-1258"},
    {"windows-874", "windows-874"}, {"tis-620", "windows-874"}, {"iso-8859-11", "windows-874"},
    {"koi8-r", "koi8-r"}, {"koi8r", "koi8-r"}, {"koi", "koi8-r"}, {"koi8", "koi8-r"},
    {"cskoi8r", "koi8-r"}, {"koi8-u", "koi8-u"}, {"koi8-ru", "koi8-u"},
    {"ibm866", "ibm866"}, {"cp866", "ibm866"}, {"866", "ibm866"},
    {"macintosh", "macintosh"}, {"mac", "macintosh"}, {"x-mac-roman", "macintosh"},
    {"x-mac-cyrillic", "x-mac-cyrillic"}, {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"gb18030", "gb18030"}, {"gbk", "gb18030"}, {"gb2312", "gb18030"}, {"x-gbk", "gb18030"},
    {"cp936", "gb18030"}, {"ms936", "gb18030"}, {"windows-936", "gb18030"},
    {"csgb2312", "gb18030"}, {"chinese", "gb18030"}, {"gb_2312-80", "gb18030"},
    {"euc-cn", "gb18030"}, {"iso-ir-58", "gb18030"},
    {"big5", "big5"}, {"big5-hkscs", "big5"}, {"cn-big5", "big5"}, {"x-x-big5", "big5"},
    {"csbig5", "big5"},
    {"euc-jp", "euc-jp"}, {"x-euc-jp", "euc-jp"}, {"cseucpkdfmtjapanese", "euc-jp"},
    {"iso-2022-jp", "iso-2022-jp"}, {"csiso2022jp", "iso-2022-jp"},
    {"shift_jis", "shift_jis"}, {"shift-jis", "shift_jis"}, {"sjis", "shift_jis"},
    {"x-sjis", "shift_jis"}, {"ms932", "shift_jis"}, {"windows-31j", "shift_jis"},
    {"ms_kanji", "shift_jis"}, {"csshiftjis", "shift_jis"}, {"cp932", "shift_jis"},
    {"euc-kr", "euc-kr"}, {"cseuckr", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"},
    {"windows-949", "euc-kr"}, {"korean", "euc-kr"}, {"ksc5601", "euc-kr"},
};

static int is_ws(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Canonical name for a label (case-insensitive, blanks and quotes around
 * ignored), or NULL if unknown. */
static const char *label_lookup(const char *s, size_t n)
{
    while (n && (is_ws((unsigned char)*s) || *s == '"' || *s == '\'')) {
        s++;
        n--;
    }
    while (n && (is_ws((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    char low[32];
    if (n == 0 || n >= sizeof low)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].label, low) == 0)
            return labels[i].name;
    return NULL;
}

static const enc_info *enc_find(const char *name)
{
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        if (strcmp(encodings[i].name, name) == 0)
            return &encodings[i];
    return NULL;
}

/* ------------------------------------------------------------------ meta prescan */

static int ieq_prefix(const unsigned char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned c = p[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)lit[i])
            return 0;
    }
    return 1;
}

static int is_alpha(unsigned c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

typedef struct {
    const unsigned char *name; size_t nlen;
    const unsigned char *val;  size_t vlen;
} attr;

/* The prescan's "get an attribute": at *i, skip blanks and '/', read one
 * name[=value].  Returns 0 at '>' or the end. */
static int get_attr(const unsigned char *p, size_t n, size_t *i, attr *at)
{
    size_t k = *i;
    while (k < n && (is_ws(p[k]) || p[k] == '/'))
        k++;
    if (k >= n || p[k] == '>') {
        *i = k;
        return 0;
    }
    at->name = p + k;
    size_t s = k;
    /* The first character may be '=' (it is then part of the name). */
    k++;
    while (k < n && !is_ws(p[k]) && p[k] != '/' && p[k] != '>' && p[k] != '=')
        k++;
    at->nlen = k - s;
    at->val = NULL;
    at->vlen = 0;
    while (k < n && is_ws(p[k]))
        k++;
    if (k >= n || p[k] != '=') {
        *i = k;
        return 1;
    }
    k++;
    while (k < n && is_ws(p[k]))
        k++;
    if (k < n && (p[k] == '"' || p[k] == '\'')) {
        unsigned char q = p[k++];
        s = k;
        while (k < n && p[k] != q)
            k++;
        at->val = p + s;
        at->vlen = k - s;
        if (k < n)
            k++;
    } else {
        s = k;
        while (k < n && !is_ws(p[k]) && p[k] != '>')
            k++;
        at->val = p + s;
        at->vlen = k - s;
    }
    *i = k;
    return 1;
}

/* The HTML5 "extract a character encoding from a meta element": find
 * "charset", skip blanks, '=', blanks, then a quoted or bare value. */
static const char *charset_from_content(const unsigned char *v, size_t n)
{
    size_t i = 0;
    while (i + 7 <= n) {
        if (!ieq_prefix(v + i, n - i, "charset")) {
            i++;
            continue;
        }
        i += 7;
        while (i < n && is_ws(v[i]))
            i++;
        if (i >= n || v[i] != '=')
            continue;
        i++;
        while (i < n && is_ws(v[i]))
            i++;
        if (i >= n)
            return NULL;
        size_t s;
        if (v[i] == '"' || v[i] == '\'') {
            unsigned char q = v[i++];
            s = i;
            while (i < n && v[i] != q)
                i++;
            if (i >= n)
                return NULL;
        } else {
            s = i;
            while (i < n && !is_ws(v[i]) && v[i] != ';')
                i++;
        }
        return label_lookup((const char *)v + s, i - s);
    }
    return NULL;
}

#define PRESCAN_BYTES 4096

/* Canonical name of the charset declared in the first 4 KiB, or NULL. */
static const char *meta_prescan(const unsigned char *p, size_t n)
{
    if (n > PRESCAN_BYTES)
        n = PRESCAN_BYTES;
    size_t i = 0;
    while (i < n) {
        if (p[i] != '<') {
            const unsigned char *lt = memchr(p + i, '<', n - i);
            if (!lt)
                break;
            i = (size_t)(lt - p);
        }
        if (ieq_prefix(p + i, n - i, "<!--")) {
            /* Up to "-->", whose hyphens may be those of "<!--". */
            size_t k = i + 2;
            while (k + 2 < n && !(p[k] == '-' && p[k + 1] == '-' && p[k + 2] == '>'))
                k++;
            i = k + 3;
            continue;
        }
        if (ieq_prefix(p + i, n - i, "<meta") && i + 5 < n &&
            (is_ws(p[i + 5]) || p[i + 5] == '/')) {
            size_t k = i + 5;
            attr at;
            int got_pragma = 0, need_pragma = -1;   /* -1 null, 0 false, 1 true */
            const char *cs = NULL;
            while (get_attr(p, n, &k, &at)) {
                if (at.nlen == 10 && ieq_prefix(at.name, at.nlen, "http-equiv")) {
                    if (at.vlen == 12 && ieq_prefix(at.val, at.vlen, "content-type"))
                        got_pragma = 1;
                } else if (at.nlen == 7 && ieq_prefix(at.name, at.nlen, "content")) {
                    if (!cs && need_pragma == -1) {
                        cs = charset_from_content(at.val ? at.val : at.name, at.val ? at.vlen : 0);
                        if (cs)
                            need_pragma = 1;
                    }
                } else if (at.nlen == 7 && ieq_prefix(at.name, at.nlen, "charset")) {
                    if (need_pragma == -1 || need_pragma == 1) {
                        const char *c2 = at.val ? label_lookup((const char *)at.val, at.vlen) : NULL;
                        if (c2 || need_pragma == -1) {
                            cs = c2;
                            need_pragma = 0;
                        }
                    }
                }
            }
            i = k + 1;
            if (cs && (need_pragma == 0 || (need_pragma == 1 && got_pragma))) {
                /* A page cannot declare itself UTF-16 in ASCII bytes. */
                if (strncmp(cs, "utf-16", 6) == 0)
                    cs = "utf-8";
                return cs;
            }
            continue;
        }
        if (i + 1 < n && (is_alpha(p[i + 1]) ||
                          (p[i + 1] == '/' && i + 2 < n && is_alpha(p[i + 2])))) {
            /* Another tag: skip its name and attributes (values may hold '>'). */
            size_t k = i + 1;
            while (k < n && !is_ws(p[k]) && p[k] != '>')
                k++;
            attr at;
            while (get_attr(p, n, &k, &at))
                ;
            i = k + 1;
            continue;
        }
        if (i + 1 < n && (p[i + 1] == '!' || p[i + 1] == '/' || p[i + 1] == '?')) {
            const unsigned char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                break;
            i = (size_t)(gt - p) + 1;
            continue;
        }
        i++;
    }
    return NULL;
}

/* ------------------------------------------------------------------ binary sniffing */

static int has_magic(const unsigned char *p, size_t n)
{
    static const struct { const char *m; size_t len; size_t off; } magic[] = {
        {"\x89PNG\r\n\x1a\n", 8, 0}, {"%PDF-", 5, 0},       {"PK\x03\x04", 4, 0},
        {"PK\x05\x06", 4, 0},        {"PK\x07\x08", 4, 0},  {"\x1f\x8b", 2, 0},
        {"\x7f" "ELF", 4, 0},        {"GIF87a", 6, 0},      {"GIF89a", 6, 0},
        {"\xff\xd8\xff", 3, 0},      {"\xfd" "7zXZ\0", 6, 0}, {"\x28\xb5\x2f\xfd", 4, 0},
        {"7z\xbc\xaf\x27\x1c", 6, 0}, {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, 0},
        {"OggS\0", 5, 0},            {"\0asm", 4, 0},       {"SQLite format 3", 16, 0},
        {"ftyp", 4, 4},              {"wOFF", 4, 0},        {"wOF2", 4, 0},
        {"\xca\xfe\xba\xbe", 4, 0},  {"\xcf\xfa\xed\xfe", 4, 0}, {"MZ\x90\0", 4, 0},
        {"ID3", 3, 0},               {"Rar!\x1a\x07", 6, 0},
    };
    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (n >= magic[i].off + magic[i].len &&
            memcmp(p + magic[i].off, magic[i].m, magic[i].len) == 0)
            return 1;
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0)
        return 1;
    if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' &&
        memcmp(p + 4, "1AY&SY", 6) == 0)
        return 1;
    return 0;
}

/* 1 if the NUL bytes of the sample sit at every other position (UTF-16 of
 * mostly Latin text): *be gets 1 for big-endian.  Needs a sizeable share. */
static int looks_utf16(const unsigned char *p, size_t n, int *be)
{
    size_t even = 0, odd = 0;
    n &= ~(size_t)1;
    for (size_t i = 0; i < n; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    size_t units = n / 2;
    if (units < 2)
        return 0;
    if (odd * 10 >= units * 3 && even * 50 <= odd) {
        *be = 0;
        return 1;
    }
    if (even * 10 >= units * 3 && odd * 50 <= even) {
        *be = 1;
        return 1;
    }
    return 0;
}

#define SNIFF_BYTES 8192

int rc_looks_binary(rc_str in)
{
    const unsigned char *p = (const unsigned char *)in.ptr;
    size_t n = in.ptr ? in.len : 0;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    if (n == 0)
        return 0;
    if (has_magic(p, n))
        return 1;
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return 0;                          /* UTF-16 with a BOM */
    int be;
    if (looks_utf16(p, n, &be))
        return 0;
    size_t ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == 0)
            return 1;
        /* TAB LF VT FF CR, and ESC (ISO-2022 shifts) are text. */
        if ((c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B) || c == 0x7F)
            ctrl++;
    }
    return ctrl * 32 > n;    /* more than ~3 % control characters */
}

/* ------------------------------------------------------------------ decode */

static int decode_as(rc_arena *a, const unsigned char *p, size_t n, const char *name,
                     rc_str *out, int *replaced)
{
    if (strcmp(name, "utf-8") == 0)
        return decode_utf8(a, p, n, utf8_scan(p, n, NULL), out, replaced);
    if (strcmp(name, "utf-16le") == 0)
        return decode_utf16(a, p, n, 0, out, replaced);
    if (strcmp(name, "utf-16be") == 0)
        return decode_utf16(a, p, n, 1, out, replaced);
    if (strcmp(name, "windows-1252") == 0)
        return decode_cp1252(a, p, n, out);
    const enc_info *e = enc_find(name);
    if (!e || !e->iconv)
        return RC_ECHARSET;
    return decode_iconv(a, p, n, e->iconv, out, replaced);
}

int rc_charset_decode(rc_arena *a, rc_str in, int is_html, const char *declared,
                      rc_str *out, const char **charset, int *replaced)
{
    const unsigned char *p = (const unsigned char *)in.ptr;
    size_t n = in.ptr ? in.len : 0;
    int dummy = 0;
    const char *dummy_cs;
    if (!replaced)
        replaced = &dummy;
    if (!charset)
        charset = &dummy_cs;
    *replaced = 0;

    /* 1. BOM */
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        *charset = "utf-8";
        return decode_utf8(a, p + 3, n - 3, utf8_scan(p + 3, n - 3, NULL), out, replaced);
    }
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *charset = "utf-16le";
        return decode_utf16(a, p + 2, n - 2, 0, out, replaced);
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *charset = "utf-16be";
        return decode_utf16(a, p + 2, n - 2, 1, out, replaced);
    }

    /* 2. and 3. a declared label */
    const char *name = declared ? label_lookup(declared, strlen(declared)) : NULL;
    if (!name && is_html)
        name = meta_prescan(p, n);
    if (name && strncmp(name, "utf-16", 6) == 0) {
        *charset = name;
        return decode_as(a, p, n, name, out, replaced);
    }

    /* One validation pass serves the fast path, the mis-declared check and
     * the sniffing. */
    size_t multi = 0, nbad = utf8_scan(p, n, &multi);
    if (name && strcmp(name, "utf-8") != 0 && nbad == 0 && multi > 0)
        name = "utf-8";                    /* mis-declared legacy charset */
    if (!name) {
        int be;
        if (memchr(p, 0, n < SNIFF_BYTES ? n : SNIFF_BYTES) &&
            looks_utf16(p, n < SNIFF_BYTES ? n : SNIFF_BYTES, &be)) {
            name = be ? "utf-16be" : "utf-16le";
        } else if (nbad == 0 || (multi > 0 && nbad * 8 <= multi) ||
                   (multi > 0 && nbad == 1 && utf8_truncated_tail(p, n))) {
            /* Valid UTF-8, or UTF-8 with a few stray bytes (a truncated
             * last character, a pasted latin-1 byte): decoding it as
             * windows-1252 would garble every correct character to save a
             * few wrong ones. */
            name = "utf-8";
        } else {
            name = "windows-1252";
        }
    }
    *charset = name;
    if (strcmp(name, "utf-8") == 0)
        return decode_utf8(a, p, n, nbad, out, replaced);
    int rc = decode_as(a, p, n, name, out, replaced);
    if (rc == RC_ECHARSET) {
        /* The converter is missing (no gconv modules?): fall back. */
        *charset = "windows-1252";
        rc = decode_cp1252(a, p, n, out);
    }
    return rc;
}
