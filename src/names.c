/*
 * names.c -- merge keys for names (see names.h).
 *
 * The same person is written "Sergueï Narychkine" in Le Monde, "Sergei
 * Naryshkin" by Reuters and "Sergej Naryschkin" in German papers: each
 * language transliterates Russian (or Arabic, Ukrainian, Chinese) with its own
 * spelling of the same sounds.  The key undoes that in three steps:
 *   1. fold: lower case, Latin accents removed (ï -> i, ß -> ss, œ -> oe),
 *      Cyrillic transliterated, punctuation turned into word breaks; hyphens
 *      join word parts ("Jin-ping" = "Jinping") except after an Arabic article;
 *   2. per word, rewrite the spellings of one sound to one symbol, longest
 *      match first: tsch/tch/sch/ch/sh/zh/kh/dzh/dj/j -> X (the hushing
 *      sounds, which the three languages spell differently), ph -> f, th -> t,
 *      dh -> d, gh -> g, ck/q/c(a,o,u) -> k, c(e,i,y) -> s, x -> ks, w -> v,
 *      z -> s, ou -> u; French gu(e,i) -> g and a final mute e are dropped;
 *      a final j after a vowel is a vowel (Sergej, Selenskyj), and so is
 *      a j between a consonant and a vowel (German Pjotr, Fjodor); German
 *      tz/ts -> s (Donezk, Trotzki); an initial glide y/i before a vowel
 *      is dropped (Yeltsin, Eltsine; Ianoukovitch, Yanukovych); a final h
 *      after e/i/o/u is mute (Haniyeh); an initial g/k/q before a is one
 *      sound (the Arabic qaf: Kadhafi, Gaddafi, Qaddafi);
 *   3. vowels reduced to three classes (a; e/i/y; o/u), doubled letters
 *      collapsed, and the Russian endings -ov/-ev/-ow/-ew reduced to -v.
 * Arabic articles (al, el, ad...) and ben/bin are dropped.  The rules are
 * deliberately coarse: the key groups candidates, and the type prefix (and,
 * for the caller, the document context) keeps unrelated names apart.
 */
#include "names.h"

#include <string.h>

/* U+00C0..U+017F folded to ASCII (one or two letters; "" drops it). */
static const char *const latin_fold[] = {
    /* C0 */ "a","a","a","a","a","a","ae","c","e","e","e","e","i","i","i","i",
    /* D0 */ "d","n","o","o","o","o","o","","o","u","u","u","u","y","th","ss",
    /* E0 */ "a","a","a","a","a","a","ae","c","e","e","e","e","i","i","i","i",
    /* F0 */ "d","n","o","o","o","o","o","","o","u","u","u","u","y","th","y",
    /* 100 */ "a","a","a","a","a","a","c","c","c","c","c","c","c","c","d","d",
    /* 110 */ "d","d","e","e","e","e","e","e","e","e","e","e","g","g","g","g",
    /* 120 */ "g","g","g","g","h","h","h","h","i","i","i","i","i","i","i","i",
    /* 130 */ "i","i","ij","ij","j","j","k","k","k","l","l","l","l","l","l","l",
    /* 140 */ "l","l","l","n","n","n","n","n","n","n","n","n","o","o","o","o",
    /* 150 */ "o","o","oe","oe","r","r","r","r","r","r","s","s","s","s","s","s",
    /* 160 */ "s","s","t","t","t","t","t","t","u","u","u","u","u","u","u","u",
    /* 170 */ "u","u","u","u","w","w","y","y","y","z","z","z","z","z","z","s",
};

/* Cyrillic U+0410..U+044F (upper and lower share the table), scientific-ish
 * English transliteration; later rules collapse the variants anyway. */
static const char *const cyr_fold[32] = {
    "a","b","v","g","d","e","zh","z","i","y","k","l","m","n","o","p",
    "r","s","t","u","f","kh","ts","ch","sh","shch","","y","","e","yu","ya",
};

static unsigned utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80) { *len = 1; return c; }
    if ((c & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *len = 2; return ((c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if ((c & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *len = 3; return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    if ((c & 0xF8) == 0xF0 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80
        && (s[3] & 0xC0) == 0x80) {
        *len = 4;
        return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    *len = 1;
    return 0xFFFD;                      /* invalid byte: skipped by the caller */
}

size_t rc_name_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    if (cap == 0)
        return 0;
#define PUT(str) do { const char *p_ = (str); \
        while (*p_ && o + 1 < cap) out[o++] = *p_++; } while (0)
    while (i < n && o + 1 < cap) {
        size_t len;
        unsigned c = utf8_decode((const unsigned char *)s + i, n - i, &len);
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                one[0] = (char)(c + 32);
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\'')
                one[0] = (char)c;
            else
                one[0] = ' ';
            rep = one;
        } else if (c >= 0xC0 && c <= 0x17F) {
            rep = latin_fold[c - 0xC0];
        } else if (c >= 0x410 && c <= 0x44F) {
            rep = cyr_fold[(c - 0x410) & 31];
        } else if (c == 0x401 || c == 0x451) {
            rep = "e";                          /* Ё */
        } else if (c == 0x404 || c == 0x454) {
            rep = "ye";                         /* Ukrainian Є */
        } else if (c == 0x406 || c == 0x456) {
            rep = "i";                          /* Ukrainian І */
        } else if (c == 0x407 || c == 0x457) {
            rep = "yi";                         /* Ukrainian Ї */
        } else if (c == 0x490 || c == 0x491) {
            rep = "g";
        } else if (c == 0x2019 || c == 0x2BC || c == 0x2018) {
            rep = "'";
        } else if (c == 0x2010 || c == 0x2011) {
            rep = "-";
        } else if (c == 0xFFFD || (c >= 0x80 && c < 0xC0) || c == 0x2013 || c == 0x2014
                   || (c >= 0x2000 && c <= 0x206F) || c == 0xA0) {
            rep = " ";
        } else {
            if (o + len < cap) {                /* other scripts: kept as is */
                memcpy(out + o, s + i, len);
                o += len;
            }
            i += len;
            continue;
        }
        PUT(rep);
        i += len;
    }
#undef PUT
    out[o] = 0;
    return o;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int is_article(const char *w, size_t n)
{
    /* Called for every word part of every key: compare by length first. */
    static const char arts2[][3] = {"al", "el", "ad", "ed", "as", "an", "at", "az", "ar", "ul"};
    static const char arts3[][4] = {"ash", "ben", "bin", "ibn"};
    if (n == 2) {
        for (size_t i = 0; i < sizeof arts2 / sizeof *arts2; i++)
            if (w[0] == arts2[i][0] && w[1] == arts2[i][1])
                return 1;
    } else if (n == 3) {
        for (size_t i = 0; i < sizeof arts3 / sizeof *arts3; i++)
            if (memcmp(w, arts3[i], 3) == 0)
                return 1;
    }
    return 0;
}

/* Rewrite one folded ASCII word w[0..n) into out; returns the length. */
static size_t key_word(const char *w, size_t n, char *out)
{
    char a[96], b[96];
    size_t na = 0;
    /* drop a final mute e (Poutine, Narychkine), not in short words */
    if (n >= 4 && w[n - 1] == 'e' && !is_vowel(w[n - 2]))
        n--;
    /* a final h after a vowel is mute (Haniyeh, Haniya) */
    if (n >= 4 && w[n - 1] == 'h' && is_vowel(w[n - 2]) && w[n - 2] != 'a')
        n--;
    size_t i0 = 0;
    /* an initial glide before a vowel: English Ye-/Yu-/Ya-, French Ie-/Iou-/Ia-,
     * French writes none (Yeltsin, Eltsine; Yanukovych, Ianoukovitch) */
    if (n >= 4 && (w[0] == 'y' || w[0] == 'i') && is_vowel(w[1]) && w[1] != 'i' && w[1] != 'y')
        i0 = 1;
    /* Arabic qaf: Kadhafi, Gaddafi, Qaddafi */
    int qaf = n >= 5 && (w[i0] == 'g' || w[i0] == 'k' || w[i0] == 'q') && w[i0 + 1] == 'a';
    for (size_t i = i0; i < n && na + 4 < sizeof a;) {
        const char *p = w + i;
        size_t r = n - i;
#define AT(s) (r >= sizeof(s) - 1 && memcmp(p, s, sizeof(s) - 1) == 0)
        if (AT("dzh") || AT("tsch") || AT("dsch")) {
            a[na++] = 'X'; i += AT("dzh") ? 3 : 4;
        } else if (AT("sch") || AT("tch")) {
            a[na++] = 'X'; i += 3;
        } else if (AT("ch") || AT("sh") || AT("zh") || AT("kh") || AT("dj")) {
            a[na++] = 'X'; i += 2;
        } else if (p[0] == 'j' && i > 0 && r >= 2 && !is_vowel(w[i - 1]) && w[i - 1] != 'd' &&
                   is_vowel(p[1])) {
            a[na++] = 'i'; i++;        /* German consonant + j = y: Pjotr, Fjodor */
        } else if (p[0] == 'j') {
            /* final j after a vowel is the vowel i (Sergej, Selenskyj) */
            if (r == 1 && i > 0 && is_vowel(w[i - 1]))
                a[na++] = 'i';
            else
                a[na++] = 'X';
            i++;
        } else if (AT("gu") && r >= 3 && (p[2] == 'e' || p[2] == 'i' || p[2] == 'y')) {
            a[na++] = 'g'; i += 2;
        } else if (AT("qu")) {
            a[na++] = 'k'; i += 2;
        } else if (AT("ph")) {
            a[na++] = 'f'; i += 2;
        } else if (AT("th") || AT("dh") || AT("gh")) {
            a[na++] = p[0]; i += 2;
        } else if (AT("ck")) {
            a[na++] = 'k'; i += 2;
        } else if (qaf && i == i0) {
            a[na++] = 'k'; i++;
        } else if ((AT("ts") || AT("tz")) && i > 0) {
            a[na++] = 's'; i += 2;     /* German z = ts: Donezk, Trotzki */
        } else if (AT("ou")) {
            a[na++] = 'u'; i += 2;
        } else if (p[0] == 'q') {
            a[na++] = 'k'; i++;
        } else if (p[0] == 'c') {
            a[na++] = (r >= 2 && (p[1] == 'e' || p[1] == 'i' || p[1] == 'y')) ? 's' : 'k';
            i++;
        } else if (p[0] == 'x') {
            a[na++] = 'k'; a[na++] = 's'; i++;
        } else if (p[0] == 'w') {
            a[na++] = 'v'; i++;
        } else if (p[0] == 'z') {
            a[na++] = 's'; i++;
        } else if (p[0] == 'e' || p[0] == 'y') {
            a[na++] = 'i'; i++;
        } else if (p[0] == 'o') {
            a[na++] = 'u'; i++;
        } else if (p[0] == '\'' || p[0] == '-') {
            i++;
        } else {
            a[na++] = p[0]; i++;
        }
#undef AT
    }
    /* collapse doubled letters */
    size_t nb = 0;
    for (size_t i = 0; i < na; i++)
        if (nb == 0 || b[nb - 1] != a[i])
            b[nb++] = a[i];
    /* Russian -ov/-ev/-ow/-ew endings */
    if (nb > 4 && b[nb - 1] == 'v' && (b[nb - 2] == 'i' || b[nb - 2] == 'u')) {
        b[nb - 2] = 'v';
        nb--;
    }
    memcpy(out, b, nb);
    return nb;
}

int rc_name_key(rc_arena *a, rc_str name, int type, rc_str *out)
{
    static const char *const prefix[] = {"", "per:", "org:", "loc:", "misc:"};
    char fold[512];
    size_t nf = rc_name_fold(name.ptr ? name.ptr : "", name.ptr ? name.len : 0,
                             fold, sizeof fold);
    size_t cap = strlen(prefix[type >= 1 && type <= 4 ? type : 0]) + nf * 2 + 8;
    char *k = rc_arena_alloc(a, cap);
    if (!k)
        return RC_ENOMEM;
    size_t nk = 0;
    const char *pre = prefix[type >= 1 && type <= 4 ? type : 0];
    memcpy(k, pre, strlen(pre));
    nk = strlen(pre);
    size_t base = nk;
    /* words: runs of [a-z0-9'-] and other-script bytes; hyphens join parts */
    size_t i = 0;
    int nwords = 0;
    char word[128];
    while (i < nf) {
        while (i < nf && fold[i] == ' ')
            i++;
        size_t s = i;
        while (i < nf && fold[i] != ' ')
            i++;
        if (s == i)
            break;
        /* split on hyphens: drop an Arabic article before a hyphen ("al-Assad") */
        size_t nw = 0;
        size_t p = s;
        int parts = 0;
        while (p < i) {
            size_t q = p;
            while (q < i && fold[q] != '-')
                q++;
            int last_part = q >= i;
            if (!(is_article(fold + p, q - p) && !last_part) && q > p) {
                size_t add = q - p;
                if (nw + add >= sizeof word)
                    add = sizeof word - 1 - nw;
                memcpy(word + nw, fold + p, add);
                nw += add;
                parts++;
            }
            p = q + 1;
        }
        if (nw == 0)
            continue;
        /* a free-standing article or ben/bin is dropped when more words
         * follow, except as a person's first word, where it is a given name
         * (Al Gore, Ben Affleck) */
        if (parts == 1 && is_article(word, nw) && i < nf && !(type == RC_ENT_PER && nwords == 0))
            continue;
        char kw[256];
        size_t nkw = key_word(word, nw, kw);
        if (nkw == 0)
            continue;
        if (nwords++)
            k[nk++] = ' ';
        if (nk + nkw + 1 > cap)
            break;
        memcpy(k + nk, kw, nkw);
        nk += nkw;
    }
    (void)base;
    k[nk] = 0;
    *out = (rc_str){k, nk};
    return 0;
}
