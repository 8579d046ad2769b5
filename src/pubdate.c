/*
 * pubdate.c -- publication dates from metadata, URLs and running text.
 *
 * The text is cut into small tokens (digit runs, letter runs, single
 * punctuation characters; blanks only separate) and a handful of patterns
 * are tried at each token that can start a date:
 *   Y-M-D (also / and .), with an optional ISO time and zone;
 *   D/M/Y, D.M.Y, D-M-Y (M/D/Y for US English when the day allows);
 *   D [.|er|th] [de] MONTH [de|,] Y   ("14 novembre 2022", "1er mars 2021",
 *                                      "14. November 2022", "Mon, 14 Nov 2022")
 *   MONTH D[st|th][,] Y              ("November 14, 2022", "Nov. 14, 2022")
 *   YYYYMMDD (metadata only).
 * A time may follow ("à 09h30", "at 9:30 pm", "09:30:00+01:00").  Month
 * names come from data/html-months.txt.  Candidates are validated (month,
 * days in the month, years 1990 to next year) so that prices, scores and
 * phone numbers are not read as dates.  Scanning only starts a window at a
 * digit or at a month name, so finding a date in a long text is linear.
 */
#include "pubdate.h"
#include "data.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ month names */

#define MONTHS_MAX 160

typedef struct {
    char name[16];
    unsigned char len, month;
} month_name;

static month_name months[MONTHS_MAX];
static int n_months;
static int max_year;
static pthread_once_t months_once = PTHREAD_ONCE_INIT;

static void months_load(void)
{
    rc_str f = rc_data_get("html-months.txt");
    size_t pos = 0;
    rc_str line;
    while (n_months < MONTHS_MAX && rc_data_next_line(f, &pos, &line)) {
        size_t sp = 0;
        while (sp < line.len && line.ptr[sp] != ' ' && line.ptr[sp] != '\t')
            sp++;
        if (sp == 0 || sp >= sizeof months[0].name || sp >= line.len)
            continue;
        int m = 0;
        for (size_t i = sp; i < line.len; i++)
            if (line.ptr[i] >= '0' && line.ptr[i] <= '9')
                m = m * 10 + (line.ptr[i] - '0');
        if (m < 1 || m > 12)
            continue;
        memcpy(months[n_months].name, line.ptr, sp);
        months[n_months].len = (unsigned char)sp;
        months[n_months].month = (unsigned char)m;
        n_months++;
    }
    time_t now = time(NULL);
    struct tm tmv;
    max_year = gmtime_r(&now, &tmv) ? tmv.tm_year + 1900 + 1 : 2100;
}

/* Lowercase a word: ASCII and the Latin-1 letters of U+00C0..U+00DE. */
static size_t lower_word(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d >= 0x80 && d <= 0x9E && d != 0x97)
                d = (unsigned char)(d + 0x20);
            out[i] = (char)c;
            out[i + 1] = (char)d;
            i++;
            continue;
        }
        out[i] = (char)c;
    }
    return n;
}

static int month_of(const char *s, size_t n)
{
    char w[16];
    if (!lower_word(s, n, w, sizeof w))
        return 0;
    for (int i = 0; i < n_months; i++)
        if (months[i].len == n && memcmp(months[i].name, w, n) == 0)
            return months[i].month;
    return 0;
}

/* ------------------------------------------------------------ tokens */

enum { T_NUM = 1, T_WORD, T_PUNCT };

typedef struct {
    unsigned char kind;
    unsigned char ndig;     /* digits of a number */
    char ch;                /* the punctuation character */
    unsigned char sp;       /* blank before it */
    unsigned start, end;
    long val;
} tok;

#define WIN 24

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0x80 && c != 0xC2);   /* 0xC2 starts U+0080..U+00BF: punctuation, nbsp */
}

static int is_blank(const unsigned char *s, size_t i, size_t n, size_t *skip)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        *skip = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) {      /* U+00A0 */
        *skip = 2;
        return 1;
    }
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xAF || s[i + 2] == 0x89)) {
        *skip = 3;                                          /* U+202F, U+2009 */
        return 1;
    }
    return 0;
}

/* Tokenise up to WIN tokens of s[i..n). */
static int tokenize(const unsigned char *s, size_t i, size_t n, tok *t)
{
    int k = 0, sp = 0;
    while (i < n && k < WIN) {
        size_t skip;
        if (is_blank(s, i, n, &skip)) {
            sp = 1;
            i += skip;
            continue;
        }
        tok *x = &t[k++];
        x->sp = (unsigned char)sp;
        sp = 0;
        x->start = (unsigned)i;
        if (s[i] >= '0' && s[i] <= '9') {
            long v = 0;
            int d = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (d < 9)
                    v = v * 10 + (s[i] - '0');
                d++;
                i++;
            }
            x->kind = T_NUM;
            x->ndig = (unsigned char)(d > 255 ? 255 : d);
            x->val = v;
        } else if (is_letter(s[i])) {
            while (i < n && is_letter(s[i]) && !(s[i] >= '0' && s[i] <= '9'))
                i++;
            x->kind = T_WORD;
        } else {
            x->kind = T_PUNCT;
            x->ch = (char)s[i];
            i++;
            while (i < n && (s[i] & 0xC0) == 0x80)   /* rest of a UTF-8 symbol */
                i++;
        }
        x->end = (unsigned)i;
    }
    return k;
}

static int word_is(const unsigned char *s, const tok *t, const char *w)
{
    size_t n = strlen(w);
    if (t->kind != T_WORD || t->end - t->start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[t->start + i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)w[i])
            return 0;
    }
    return 1;
}

static int punct_is(const tok *t, char c)
{
    return t->kind == T_PUNCT && t->ch == c;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int valid(int y, int m, int d)
{
    return y >= 1990 && y <= max_year && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

typedef struct {
    int y, mo, d, h, mi, sec, has_time;
    char zone[8];
} when;

/* An optional time at token j (after a date).  iso: the date was ISO, so a
 * "T" may introduce the time.  Returns the number of tokens used. */
static int parse_time(const unsigned char *s, const tok *t, int n, int j, int iso, when *w)
{
    int j0 = j;
    if (j < n && iso && word_is(s, &t[j], "t") && !t[j].sp)
        j++;
    else if (j < n && (word_is(s, &t[j], "à") || word_is(s, &t[j], "a") || word_is(s, &t[j], "at") ||
                       word_is(s, &t[j], "um") || word_is(s, &t[j], "às") || word_is(s, &t[j], "kl") ||
                       punct_is(&t[j], ',') || punct_is(&t[j], '-') || punct_is(&t[j], '|')))
        j++;
    if (j >= n || t[j].kind != T_NUM || t[j].ndig > 2 || t[j].val > 23)
        return 0;
    int h = (int)t[j].val, mi, sec = 0;
    j++;
    if (j + 1 < n && (punct_is(&t[j], ':') || word_is(s, &t[j], "h")) && t[j + 1].kind == T_NUM &&
        t[j + 1].ndig == 2 && t[j + 1].val < 60 && !t[j + 1].sp) {
        mi = (int)t[j + 1].val;
        j += 2;
    } else if (j < n && t[j].kind == T_WORD && !t[j].sp && !iso) {
        /* "9h" alone: not precise enough to be worth a time */
        return 0;
    } else
        return 0;
    if (j + 1 < n && punct_is(&t[j], ':') && t[j + 1].kind == T_NUM && t[j + 1].ndig == 2 &&
        t[j + 1].val < 61) {
        sec = (int)t[j + 1].val;
        j += 2;
        if (j + 1 < n && punct_is(&t[j], '.') && t[j + 1].kind == T_NUM && !t[j + 1].sp)
            j += 2;     /* fractions of a second */
    }
    if (j < n && (word_is(s, &t[j], "pm") || word_is(s, &t[j], "am"))) {
        if (word_is(s, &t[j], "pm") && h < 12)
            h += 12;
        else if (word_is(s, &t[j], "am") && h == 12)
            h = 0;
        j++;
    }
    w->zone[0] = 0;
    if (j < n && !t[j].sp && word_is(s, &t[j], "z")) {
        strcpy(w->zone, "Z");
        j++;
    } else if (j + 1 < n && (punct_is(&t[j], '+') || punct_is(&t[j], '-')) && t[j + 1].kind == T_NUM) {
        int zh = -1, zm = 0, used = 0;
        if (t[j + 1].ndig == 4) {
            zh = (int)t[j + 1].val / 100;
            zm = (int)t[j + 1].val % 100;
            used = 2;
        } else if (t[j + 1].ndig == 2 && j + 3 < n && punct_is(&t[j + 2], ':') && t[j + 3].kind == T_NUM &&
                   t[j + 3].ndig == 2) {
            zh = (int)t[j + 1].val;
            zm = (int)t[j + 3].val;
            used = 4;
        }
        if (zh >= 0 && zh <= 14 && zm < 60) {
            if (zh == 0 && zm == 0)
                strcpy(w->zone, "Z");
            else {
                w->zone[0] = t[j].ch;
                w->zone[1] = (char)('0' + zh / 10);
                w->zone[2] = (char)('0' + zh % 10);
                w->zone[3] = ':';
                w->zone[4] = (char)('0' + zm / 10);
                w->zone[5] = (char)('0' + zm % 10);
                w->zone[6] = 0;
            }
            j += used;
        }
    } else if (j < n && (word_is(s, &t[j], "gmt") || word_is(s, &t[j], "utc"))) {
        strcpy(w->zone, "Z");
        j++;
    }
    w->h = h;
    w->mi = mi;
    w->sec = sec;
    w->has_time = 1;
    return j - j0;
}

/* Try the date patterns at token 0 of t[0..n).  Returns tokens used or 0. */
static int parse_at(const unsigned char *s, const tok *t, int n, int mdy, int meta, when *w)
{
    memset(w, 0, sizeof *w);
    if (n == 0)
        return 0;
    int j;
    /* Y-M-D */
    if (t[0].kind == T_NUM && t[0].ndig == 4 && n >= 5 && t[1].kind == T_PUNCT &&
        (t[1].ch == '-' || t[1].ch == '/' || t[1].ch == '.') && t[2].kind == T_NUM && t[2].ndig <= 2 &&
        punct_is(&t[3], t[1].ch) && t[4].kind == T_NUM && t[4].ndig <= 2 && !t[1].sp && !t[2].sp) {
        w->y = (int)t[0].val;
        w->mo = (int)t[2].val;
        w->d = (int)t[4].val;
        if (!valid(w->y, w->mo, w->d))
            return 0;
        j = 5;
        return j + parse_time(s, t, n, j, 1, w);
    }
    /* YYYYMMDD */
    if (meta && t[0].kind == T_NUM && t[0].ndig == 8) {
        w->y = (int)(t[0].val / 10000);
        w->mo = (int)(t[0].val / 100 % 100);
        w->d = (int)(t[0].val % 100);
        return valid(w->y, w->mo, w->d) ? 1 : 0;
    }
    /* D/M/Y and M/D/Y */
    if (t[0].kind == T_NUM && t[0].ndig <= 2 && n >= 5 && t[1].kind == T_PUNCT &&
        (t[1].ch == '/' || t[1].ch == '.' || t[1].ch == '-') && t[2].kind == T_NUM && t[2].ndig <= 2 &&
        punct_is(&t[3], t[1].ch) && t[4].kind == T_NUM && (t[4].ndig == 4 || (t[4].ndig == 2 && t[1].ch == '.')) &&
        !t[1].sp && !t[2].sp && !t[3].sp && !t[4].sp) {
        int a = (int)t[0].val, b = (int)t[2].val, y = (int)t[4].val;
        if (t[4].ndig == 2)
            y += 2000;
        if (mdy && a <= 12 && b > 12) {
            w->mo = a;
            w->d = b;
        } else if (mdy && t[1].ch == '/' && a <= 12) {
            w->mo = a;
            w->d = b;
        } else if (b > 12 && a <= 12) {
            w->mo = a;
            w->d = b;
        } else {
            w->d = a;
            w->mo = b;
        }
        w->y = y;
        if (!valid(w->y, w->mo, w->d))
            return 0;
        j = 5;
        return j + parse_time(s, t, n, j, 0, w);
    }
    /* D [.|er|st|th] [de] MONTH [de|,] Y */
    if (t[0].kind == T_NUM && t[0].ndig <= 2) {
        j = 1;
        if (j < n && (punct_is(&t[j], '.') || (t[j].kind == T_WORD && !t[j].sp &&
                      (word_is(s, &t[j], "er") || word_is(s, &t[j], "st") || word_is(s, &t[j], "nd") ||
                       word_is(s, &t[j], "rd") || word_is(s, &t[j], "th") || word_is(s, &t[j], "º")))))
            j++;
        if (j < n && word_is(s, &t[j], "de"))
            j++;
        int m = 0;
        if (j < n && t[j].kind == T_WORD)
            m = month_of((const char *)s + t[j].start, t[j].end - t[j].start);
        if (!m)
            return 0;
        j++;
        if (j < n && punct_is(&t[j], '.'))
            j++;
        if (j < n && (word_is(s, &t[j], "de") || punct_is(&t[j], ',')))
            j++;
        if (j >= n || t[j].kind != T_NUM || t[j].ndig != 4)
            return 0;
        w->d = (int)t[0].val;
        w->mo = m;
        w->y = (int)t[j].val;
        if (!valid(w->y, w->mo, w->d))
            return 0;
        j++;
        return j + parse_time(s, t, n, j, meta, w);
    }
    /* MONTH D[st|th][,] Y */
    if (t[0].kind == T_WORD) {
        int m = month_of((const char *)s + t[0].start, t[0].end - t[0].start);
        if (!m)
            return 0;
        j = 1;
        if (j < n && punct_is(&t[j], '.'))
            j++;
        if (j >= n || t[j].kind != T_NUM || t[j].ndig > 2)
            return 0;
        int d = (int)t[j].val;
        j++;
        if (j < n && t[j].kind == T_WORD && !t[j].sp &&
            (word_is(s, &t[j], "st") || word_is(s, &t[j], "nd") || word_is(s, &t[j], "rd") ||
             word_is(s, &t[j], "th")))
            j++;
        if (j < n && punct_is(&t[j], ','))
            j++;
        if (j >= n || t[j].kind != T_NUM || t[j].ndig != 4)
            return 0;
        w->d = d;
        w->mo = m;
        w->y = (int)t[j].val;
        if (!valid(w->y, w->mo, w->d))
            return 0;
        j++;
        return j + parse_time(s, t, n, j, meta, w);
    }
    return 0;
}

static size_t format(const when *w, char out[RC_PUBDATE_MAX])
{
    int k;
    if (w->has_time)
        k = snprintf(out, RC_PUBDATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%s", w->y, w->mo, w->d, w->h, w->mi,
                     w->sec, w->zone);
    else
        k = snprintf(out, RC_PUBDATE_MAX, "%04d-%02d-%02d", w->y, w->mo, w->d);
    return k > 0 && k < RC_PUBDATE_MAX ? (size_t)k : 0;
}

/* Can a date pattern start at s[i]? (a digit after a non-digit, or a
 * letter run that is a month name) */
static int may_start(const unsigned char *s, size_t i, size_t n, size_t *word_end)
{
    *word_end = i + 1;
    if (s[i] >= '0' && s[i] <= '9')
        return i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9');
    if (!is_letter(s[i]) || (i > 0 && is_letter(s[i - 1]) && !(s[i - 1] >= '0' && s[i - 1] <= '9')))
        return 0;
    size_t e = i;
    while (e < n && is_letter(s[e]) && !(s[e] >= '0' && s[e] <= '9'))
        e++;
    *word_end = e;
    return e - i <= 15 && month_of((const char *)s + i, e - i) != 0;
}

static size_t scan(rc_str str, int mdy, size_t limit, int meta, char out[RC_PUBDATE_MAX], size_t *at)
{
    pthread_once(&months_once, months_load);
    out[0] = 0;
    if (!str.ptr)
        return 0;
    const unsigned char *s = (const unsigned char *)str.ptr;
    size_t n = str.len < limit ? str.len : limit;
    tok t[WIN];
    size_t i = 0;
    while (i < n) {
        size_t we;
        if (!may_start(s, i, n, &we)) {
            i = we > i + 1 && !(s[i] >= '0' && s[i] <= '9') ? we : i + 1;
            continue;
        }
        /* the window: enough bytes for the longest pattern */
        size_t e = i + 96 < n ? i + 96 : n;
        int k = tokenize(s, i, e, t);
        when w;
        if (k && parse_at(s, t, k, mdy, meta, &w)) {
            if (at)
                *at = i;
            return format(&w, out);
        }
        if (meta)
            return 0;       /* metadata: the date must come first (after a weekday) */
        i = we;
    }
    return 0;
}

size_t rc_pubdate_parse(rc_str s, int mdy, char out[RC_PUBDATE_MAX])
{
    pthread_once(&months_once, months_load);
    out[0] = 0;
    if (!s.ptr)
        return 0;
    /* skip blanks and a leading weekday ("Mon, ", "lundi ") */
    size_t i = 0, n = s.len < 200 ? s.len : 200;
    while (i < n && (s.ptr[i] == ' ' || s.ptr[i] == '\t' || s.ptr[i] == '\n' || s.ptr[i] == '\r'))
        i++;
    size_t j = i;
    while (j < n && is_letter((unsigned char)s.ptr[j]))
        j++;
    if (j > i && !month_of(s.ptr + i, j - i)) {
        while (j < n && (s.ptr[j] == ',' || s.ptr[j] == '.' || s.ptr[j] == ' '))
            j++;
        i = j;
    }
    rc_str rest = {s.ptr + i, n - i};
    size_t r = scan(rest, mdy, rest.len, 1, out, NULL);
    if (r)
        return r;
    /* some sites put words first ("Published: 2022-11-14"): search it */
    return scan(rest, mdy, rest.len, 0, out, NULL);
}

size_t rc_pubdate_find(rc_str s, int mdy, size_t limit, char out[RC_PUBDATE_MAX], size_t *at)
{
    return scan(s, mdy, limit, 0, out, at);
}

size_t rc_pubdate_from_url(rc_str url, char out[RC_PUBDATE_MAX])
{
    pthread_once(&months_once, months_load);
    out[0] = 0;
    if (!url.ptr)
        return 0;
    const char *s = url.ptr;
    size_t n = url.len;
    /* skip scheme and host */
    size_t i = 0;
    const char *p = memchr(s, ':', n < 10 ? n : 10);
    if (p && (size_t)(p - s) + 2 < n && p[1] == '/' && p[2] == '/') {
        i = (size_t)(p - s) + 3;
        while (i < n && s[i] != '/')
            i++;
    }
    for (; i < n; i++) {
        if (!(s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        if (i == 0 || (s[i - 1] != '/' && s[i - 1] != '-' && s[i - 1] != '_' && s[i - 1] != '.'))
            continue;
        size_t k = i;
        int v[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, parts = 0;
        while (parts < 3 && k < n) {
            while (k < n && s[k] >= '0' && s[k] <= '9' && nd[parts] < 9) {
                v[parts] = v[parts] * 10 + (s[k] - '0');
                nd[parts]++;
                k++;
            }
            if (k < n && s[k] >= '0' && s[k] <= '9')
                break;
            parts++;
            if (k < n && (s[k] == '/' || s[k] == '-' || s[k] == '_') && k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9')
                k++;
            else
                break;
        }
        int y = 0, m = 0, d = 0;
        if (nd[0] == 8 && parts >= 1) {
            y = v[0] / 10000;
            m = v[0] / 100 % 100;
            d = v[0] % 100;
        } else if (nd[0] == 4 && parts >= 3 && nd[1] <= 2 && nd[2] <= 2 && nd[1] && nd[2]) {
            y = v[0];
            m = v[1];
            d = v[2];
        }
        /* a one-digit day must end a path segment: "/2023/10/3-fragen" is a slug */
        if (nd[0] == 4 && nd[2] == 1 && k < n && s[k] != '/')
            y = 0;
        if (y && valid(y, m, d) && (k >= n || !(s[k] >= '0' && s[k] <= '9'))) {
            snprintf(out, RC_PUBDATE_MAX, "%04d-%02d-%02d", y, m, d);
            return 10;
        }
    }
    return 0;
}
