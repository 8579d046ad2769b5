/*
 * ner.c -- named entities (PER, ORG, LOC, MISC) in French and English news,
 * by rules and gazetteers, without a statistical model.
 *
 * Why rules: the engine must run anywhere at tens of MB/s with no model file,
 * and the annotated corpora (CoNLL-2003, WikiNEuRal) cannot be shipped.  News
 * text marks most names itself: they are capitalised.  The work is to find
 * where a name starts and ends, to drop the capitalised words that are not
 * names, and to give each name its type.
 *
 * Algorithm, per document:
 *   1. Lexicon (loaded once, lazily, under pthread_once) from the embedded
 *      data files: common lower-case words of each language (ner-common-*),
 *      given names and surnames (gaz-firstnames, gaz-surnames), places
 *      (gaz-places), demonyms (gaz-demonyms), cue words (ner-words.tsv:
 *      titles, roles, organisation/place/event head words, legal suffixes,
 *      name particles...) and typed well-known names (ner-gazetteer.tsv).
 *      Everything goes into one open-addressing hash table keyed by the
 *      lower-cased form, each entry a bit set of what the form can be.
 *   2. Candidates, per sentence: runs of capitalised words, joined through
 *      name particles ("Charles de Gaulle", "Bank of England", "Organisation
 *      du Traité de l'Atlantique Nord").  A sentence-initial word is kept only
 *      if it is not a common word of the language, or is a known name, or
 *      starts a longer name.  In an all-capitals sentence (headlines), a word
 *      counts only when it is not a common word.  Titles (Mr., Mme) and
 *      capitalised roles ("President", "Foreign Minister", and after an
 *      acronym or known organisation or place, "CIA Director": the
 *      acronym is a name of its own) are cut off the run and make the rest
 *      a person; a leading demonym ("Russian President
 *      ...", "German officials"), or a one-word MISC of the gazetteer before
 *      a given name, title or role ("le Kazakh Nikita Sokolov"), is cut off
 *      as MISC.
 *   3. Type of each run, strongest evidence first: a typed gazetteer entry
 *      for the whole run; head words and legal suffixes (the head is the last
 *      word, or the word before "of"/"de": "Bank of England" is an ORG,
 *      "Gulf of Mexico" a LOC, "World Cup" MISC); place and demonym
 *      gazetteers; a title or role before it; a given name first; an
 *      all-capitals acronym (ORG); a reporting verb after it ("said");
 *      a place preposition before it ("in", "à").  What stays unknown is
 *      decided at document level.
 *   4. Document level: a person's full name gives its parts ("Peskov",
 *      "M. Peskov") the type and the canonical full name; a name typed by
 *      strong evidence somewhere gives its type to its other occurrences;
 *      "Full Name (ACRONYM)" links the acronym to the expansion; a
 *      sentence-initial common-looking word that the document uses as a name
 *      elsewhere is a name; an untyped run of two to four words, which will
 *      default to a person, gives its untyped last word(s) that person too
 *      (a given name missing from the lexicon: "Gennadiy Sokolovskiy" ...
 *      "Sokolovskiy").  Remaining unknowns take a default by shape.
 *   5. Role: a function noun phrase in apposition ("Dmitri Peskov,
 *      porte-parole du Kremlin") or before the name ("Kremlin spokesman
 *      Dmitry Peskov", "le ministre de la Défense Sébastien Lecornu").
 *      Key: rc_name_key() of the canonical name (names.h), type included.
 *
 * Everything per document is allocated in the arena; the lexicon is global,
 * read-only after loading, and shared by all threads.
 */
#include "ner.h"
#include "data.h"
#include "names.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ lexicon */

enum {
    W_COMMON_EN = 1u << 0,
    W_COMMON_FR = 1u << 1,
    W_FIRST     = 1u << 2,
    W_SUR       = 1u << 3,
    W_COUNTRY   = 1u << 4,
    W_CITY      = 1u << 5,
    W_DEMONYM   = 1u << 6,
    W_TITLE     = 1u << 7,
    W_ROLE      = 1u << 8,
    W_ORG       = 1u << 9,
    W_ORGSUF    = 1u << 10,
    W_LOC       = 1u << 11,
    W_MISC      = 1u << 12,
    W_NOTNAME   = 1u << 13,
    W_PARTICLE  = 1u << 14,
    W_LOCPREP   = 1u << 15,
    W_PERVERB   = 1u << 16,
    W_GAZ_PER   = 1u << 17,
    W_GAZ_ORG   = 1u << 18,
    W_GAZ_LOC   = 1u << 19,
    W_GAZ_MISC  = 1u << 20,
    W_PSTART    = 1u << 21,   /* first word of a multi-word entry */
    W_DET       = 1u << 22,   /* determiner (the, le...) */
    W_PREFIX    = 1u << 24,   /* proper prefix of a multi-word entry */
    W_CASED     = 1u << 23,   /* typed entry written in capitals: matches capitals only */
};
#define W_GAZ (W_GAZ_PER | W_GAZ_ORG | W_GAZ_LOC | W_GAZ_MISC)
#define W_PLACE (W_COUNTRY | W_CITY)
#define W_NAMEY (W_GAZ | W_PLACE | W_DEMONYM)

typedef struct lex_entry {
    uint32_t hash;
    uint32_t off;        /* key in lex.pool */
    uint32_t flags;
    uint32_t canon_off;  /* canonical name for acronyms (in pool), 0 = none */
    uint16_t len;
    uint16_t canon_len;
} lex_entry;

static struct {
    lex_entry *small;    /* the cue words and phrase starts, a small cache-friendly copy */
    size_t small_mask;
    lex_entry *tab;
    size_t mask;
    size_t count;
    char *pool;
    size_t pool_len, pool_cap;
    int max_words;       /* longest multi-word entry, in words */
    int ok;
} lex;

static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

/* Lower-case UTF-8: ASCII, Latin-1 and Latin Extended-A capitals (accents
 * kept); other bytes copied.  Returns the length (<= n). */
static size_t lower_utf8(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            out[o++] = (char)c;
            out[o++] = (char)((d >= 0x80 && d <= 0x9E && d != 0x97) ? d + 0x20 : d);
            i++;
        } else if ((c == 0xC4 || c == 0xC5) && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
            /* Latin Extended-A: capitals are even code points, except 0x139..0x148 and 0x179..0x17E */
            if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
                if (cp & 1)
                    cp++;
            } else if (!(cp & 1) && cp != 0x138) {
                cp++;
            }
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
            i++;
        } else {
            out[o++] = (char)c;
        }
    }
    return o;
}

static lex_entry *find_in(lex_entry *tab, size_t mask, const char *key, size_t n, uint32_t h)
{
    if (!tab)
        return NULL;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        lex_entry *e = &tab[i];
        if (e->hash == 0)
            return NULL;
        if (e->hash == h && e->len == n && memcmp(lex.pool + e->off, key, n) == 0)
            return e;
    }
}

static lex_entry *lex_find(const char *key, size_t n, uint32_t h)
{
    return find_in(lex.tab, lex.mask, key, n, h);
}

/* Flags that matter for a lower-case word: the small table holds them. */
#define W_SMALL (W_TITLE | W_ROLE | W_ORG | W_ORGSUF | W_LOC | W_MISC | W_NOTNAME | W_PARTICLE \
                 | W_LOCPREP | W_PERVERB | W_DET | W_PSTART)

static void build_small(void)
{
    size_t count = 0;
    for (size_t i = 0; i <= lex.mask; i++)
        count += lex.tab[i].hash && (lex.tab[i].flags & W_SMALL);
    size_t size = 1024;
    while (size < count * 3)
        size *= 2;
    lex.small = calloc(size, sizeof *lex.small);
    if (!lex.small)
        return;
    lex.small_mask = size - 1;
    for (size_t i = 0; i <= lex.mask; i++) {
        const lex_entry *e = &lex.tab[i];
        if (!e->hash || !(e->flags & W_SMALL))
            continue;
        size_t k = e->hash & lex.small_mask;
        while (lex.small[k].hash)
            k = (k + 1) & lex.small_mask;
        lex.small[k] = *e;
    }
}

static uint32_t pool_add(const char *s, size_t n)
{
    if (lex.pool_len + n + 1 > lex.pool_cap) {
        size_t cap = lex.pool_cap ? lex.pool_cap * 2 : (1u << 20);
        while (cap < lex.pool_len + n + 1)
            cap *= 2;
        char *p = realloc(lex.pool, cap);
        if (!p)
            return UINT32_MAX;
        lex.pool = p;
        lex.pool_cap = cap;
    }
    uint32_t off = (uint32_t)lex.pool_len;
    memcpy(lex.pool + off, s, n);
    lex.pool[off + n] = 0;
    lex.pool_len += n + 1;
    return off;
}

/* Add flags to the lower-cased form of s (words separated by single spaces). */
static lex_entry *lex_add(const char *s, size_t n, uint32_t flags)
{
    char low[256];
    if (n == 0 || n > 120 || lex.count * 10 >= (lex.mask + 1) * 7)
        return NULL;
    size_t ln = lower_utf8(s, n, low);
    uint32_t h = hash_bytes(low, ln);
    lex_entry *e = lex_find(low, ln, h);
    if (!e) {
        uint32_t off = pool_add(low, ln);
        if (off == UINT32_MAX)
            return NULL;
        size_t i = h & lex.mask;
        while (lex.tab[i].hash)
            i = (i + 1) & lex.mask;
        e = &lex.tab[i];
        e->hash = h;
        e->off = off;
        e->len = (uint16_t)ln;
        lex.count++;
    }
    e->flags |= flags;
    /* every proper prefix of a phrase, the first word marked PSTART */
    if (memchr(low, ' ', ln)) {
        int words = 1;
        for (size_t i = 0; i < ln; i++)
            words += low[i] == ' ';
        if (words > lex.max_words)
            lex.max_words = words;
        int first = 1;
        for (size_t i = 0; i < ln; i++) {
            if (low[i] != ' ')
                continue;
            lex_entry *f = lex_add(s, i, 0);
            if (f)
                f->flags |= W_PREFIX | (first ? W_PSTART : 0);
            first = 0;
        }
        /* lex_add never moves the table (fixed size): e is still valid */
    }
    return e;
}

static void load_list(const char *file, uint32_t flags)
{
    rc_str f = rc_data_get(file);
    size_t pos = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line))
        lex_add(line.ptr, line.len, flags);
}

static const struct { const char *name; uint32_t flag; } word_classes[] = {
    {"title", W_TITLE}, {"role", W_ROLE}, {"org", W_ORG}, {"orgsuf", W_ORGSUF},
    {"loc", W_LOC}, {"misc", W_MISC}, {"notname", W_NOTNAME}, {"particle", W_PARTICLE},
    {"locprep", W_LOCPREP}, {"perverb", W_PERVERB}, {"det", W_DET},
    {"PER", W_GAZ_PER}, {"ORG", W_GAZ_ORG}, {"LOC", W_GAZ_LOC}, {"MISC", W_GAZ_MISC},
    {"country", W_COUNTRY}, {"city", W_CITY},
};

/* Tab-separated file: name <TAB> class [<TAB> canonical]. */
static void load_tsv(const char *file)
{
    rc_str f = rc_data_get(file);
    size_t pos = 0;
    rc_str line;
    while (rc_data_next_line(f, &pos, &line)) {
        const char *t1 = memchr(line.ptr, '\t', line.len);
        if (!t1)
            continue;
        size_t nlen = (size_t)(t1 - line.ptr);
        const char *cls = t1 + 1;
        const char *end = line.ptr + line.len;
        const char *t2 = memchr(cls, '\t', (size_t)(end - cls));
        size_t clen = (size_t)((t2 ? t2 : end) - cls);
        uint32_t fl = 0;
        for (size_t i = 0; i < sizeof word_classes / sizeof *word_classes; i++)
            if (strlen(word_classes[i].name) == clen
                && memcmp(word_classes[i].name, cls, clen) == 0)
                fl = word_classes[i].flag;
        if (!fl)
            continue;
        /* the first typed entry for a name wins */
        if (fl & W_GAZ) {
            char low[256];
            if (nlen <= 120) {
                size_t ln = lower_utf8(line.ptr, nlen, low);
                lex_entry *old = lex_find(low, ln, hash_bytes(low, ln));
                if (old && (old->flags & W_GAZ))
                    continue;
            }
        }
        if (fl & (W_GAZ | W_COUNTRY)) {
            int lower = 0;
            for (size_t i = 0; i < nlen; i++)
                lower |= line.ptr[i] >= 'a' && line.ptr[i] <= 'z';
            if (!lower && nlen <= 8)
                fl |= W_CASED;
        }
        lex_entry *e = lex_add(line.ptr, nlen, fl);
        if (e && t2 && end > t2 + 1 && !e->canon_off) {
            uint32_t off = pool_add(t2 + 1, (size_t)(end - t2 - 1));
            if (off != UINT32_MAX) {
                e->canon_off = off;
                e->canon_len = (uint16_t)(end - t2 - 1);
            }
        }
    }
}

static void lex_load(void)
{
    lex.mask = (1u << 19) - 1;
    lex.tab = calloc(lex.mask + 1, sizeof *lex.tab);
    if (!lex.tab)
        return;
    lex.max_words = 1;
    pool_add("", 0);                 /* offset 0 = none */
    load_list("ner-common-en.txt", W_COMMON_EN);
    load_list("ner-common-fr.txt", W_COMMON_FR);
    load_list("gaz-firstnames.txt", W_FIRST);
    load_list("gaz-surnames.txt", W_SUR);
    load_list("gaz-demonyms.txt", W_DEMONYM);
    load_tsv("ner-gazetteer.tsv");
    load_tsv("ner-words.tsv");
    load_tsv("gaz-places.tsv");
    if (lex.max_words > 8)
        lex.max_words = 8;
    build_small();
    lex.ok = lex.small != NULL;
}

static const lex_entry *lookup(const char *s, size_t n)
{
    char low[256];
    if (n == 0 || n > 240)
        return NULL;
    size_t ln = lower_utf8(s, n, low);
    return lex_find(low, ln, hash_bytes(low, ln));
}

/* ------------------------------------------------------------------ tokens */

enum {
    T_CAP    = 1 << 0,   /* starts with an upper-case letter */
    T_UPPER  = 1 << 1,   /* all letters upper case, at least two letters */
    T_LOWER  = 1 << 2,   /* starts with a lower-case letter */
    T_INIT   = 1 << 3,   /* first word of its sentence (or after an opening quote) */
    T_WORD   = 1 << 4,   /* a word (else number or punctuation) */
    T_DIGIT  = 1 << 5,   /* contains a digit */
    T_ACRO   = 1 << 6,   /* acronym shape: U.S., NATO, G7 */
};

typedef struct tokinfo {
    uint32_t s, e;       /* the name part: elided article and possessive cut off */
    uint32_t flags;      /* lexicon flags of the name part */
    uint16_t shape;      /* T_* */
    uint8_t punct;       /* the character for a one-byte punctuation token */
    uint8_t gap;         /* whitespace (or nothing) before this token: 1 if any */
} tokinfo;

/* Upper-case letter at s[0..]? (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic) */
static int is_upper_at(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] >= 'A' && s[0] <= 'Z')
        return 1;
    if (s[0] == 0xC3 && n > 1)
        return s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97;
    if ((s[0] == 0xC4 || s[0] == 0xC5) && n > 1) {
        unsigned cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return cp & 1;
        return !(cp & 1) && cp != 0x138;
    }
    if (s[0] == 0xD0 && n > 1)
        return (s[1] >= 0x80 && s[1] <= 0xAF);
    return 0;
}

static int is_lower_at(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] >= 'a' && s[0] <= 'z')
        return 1;
    if (s[0] == 0xC3 && n > 1)
        return s[1] >= 0x9F && s[1] <= 0xBF && s[1] != 0xB7;
    if ((s[0] == 0xC4 || s[0] == 0xC5) && n > 1)
        return !is_upper_at(s, n);
    if (s[0] == 0xD0 && n > 1)
        return s[1] >= 0xB0;
    if (s[0] == 0xD1)
        return 1;
    return 0;
}

static void shape_of(const char *text, tokinfo *t)
{
    const unsigned char *s = (const unsigned char *)text + t->s;
    size_t n = t->e - t->s;
    int letters = 0, uppers = 0, lowers = 0, digits = 0, dots = 0;
    for (size_t i = 0; i < n;) {
        size_t step = 1;
        if (s[i] >= 0xC0)
            step = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
        if (is_upper_at(s + i, n - i)) {
            letters++; uppers++;
        } else if (is_lower_at(s + i, n - i)) {
            letters++; lowers++;
        } else if (s[i] >= '0' && s[i] <= '9') {
            digits++;
        } else if (s[i] == '.') {
            dots++;
        }
        i += step;
    }
    t->shape = 0;
    if (letters)
        t->shape |= T_WORD;
    if (digits)
        t->shape |= T_DIGIT;
    if (is_upper_at(s, n))
        t->shape |= T_CAP;
    else if (is_lower_at(s, n))
        t->shape |= T_LOWER;
    if (uppers >= 2 && lowers == 0)
        t->shape |= T_UPPER;
    if ((t->shape & T_CAP) && lowers == 0 && n <= 12
        && (uppers >= 2 || (dots && uppers >= 1) || (digits && uppers >= 1)))
        t->shape |= T_ACRO;
    (void)dots;
}

/* ------------------------------------------------------------------ spans */

typedef struct span {
    uint32_t a, b;       /* token range [a, b) */
    uint8_t type;        /* rc_ent_type, 0 = undecided */
    uint8_t strength;    /* 3 gazetteer/head word, 2 title/context, 1 weak, 0 none */
    uint8_t initial;     /* starts a sentence (a common word kept for now) */
    int32_t canon;       /* index of the span giving the canonical name, -1 = own */
    int32_t role_a, role_b;   /* token range of the role, role_a < 0 = none */
    rc_str acro_canon;   /* canonical expansion from the gazetteer */
    uint32_t h;          /* hash of the span's text (document-level matching) */
    uint32_t lasth;      /* hash of its last token */
    rc_str key;          /* merge key, once computed (for the spans it is canonical for) */
    uint8_t key_type;
} span;

typedef struct doc {
    const char *text;
    size_t tlen;
    rc_lang lang;
    tokinfo *t;
    size_t nt;
    uint32_t *sent_of;   /* token -> sentence index */
    span *sp;
    size_t nsp, capsp;
    rc_arena *a;
} doc;

static int tok_is(const doc *d, size_t i, const char *s)
{
    size_t n = strlen(s);
    return d->t[i].e - d->t[i].s == n && memcmp(d->text + d->t[i].s, s, n) == 0;
}

static int tok_is_punct(const doc *d, size_t i, char c)
{
    return d->t[i].punct == (unsigned char)c;
}

static uint32_t common_flag(const doc *d)
{
    if (d->lang == RC_LANG_FR)
        return W_COMMON_FR;
    if (d->lang == RC_LANG_EN)
        return W_COMMON_EN;
    return W_COMMON_EN | W_COMMON_FR;
}

static int push_span(doc *d, uint32_t a, uint32_t b, int type, int strength)
{
    if (d->nsp == d->capsp) {
        size_t cap = d->capsp ? d->capsp * 2 : 64;
        span *p = rc_arena_alloc(d->a, cap * sizeof *p);
        if (!p)
            return RC_ENOMEM;
        if (d->nsp)
            memcpy(p, d->sp, d->nsp * sizeof *p);
        d->sp = p;
        d->capsp = cap;
    }
    span *s = &d->sp[d->nsp++];
    memset(s, 0, sizeof *s);
    s->a = a;
    s->b = b;
    s->type = (uint8_t)type;
    s->strength = (uint8_t)strength;
    s->canon = -1;
    s->role_a = s->role_b = -1;
    return 0;
}

/* Lexicon entry for tokens [a, b) joined by single spaces (none where the
 * text has none). */
static const lex_entry *lookup_range(const doc *d, uint32_t a, uint32_t b)
{
    char buf[256];
    size_t n = 0;
    for (uint32_t i = a; i < b; i++) {
        size_t len = d->t[i].e - d->t[i].s;
        if (n + len + 1 >= sizeof buf)
            return NULL;
        if (i > a && d->t[i].gap)
            buf[n++] = ' ';
        memcpy(buf + n, d->text + d->t[i].s, len);
        n += len;
    }
    return lookup(buf, n);
}

/* ------------------------------------------------------------------ token pass */

static int is_elision(const char *s, size_t n, size_t *skip)
{
    /* l' d' L' D' (ASCII or U+2019) */
    if (n >= 3 && (s[0] == 'l' || s[0] == 'd' || s[0] == 'L' || s[0] == 'D')) {
        if (s[1] == '\'') { *skip = 2; return 1; }
        if (n >= 5 && (unsigned char)s[1] == 0xE2 && (unsigned char)s[2] == 0x80
            && (unsigned char)s[3] == 0x99) { *skip = 4; return 1; }
    }
    return 0;
}

/* A French inflected form of a common word: plural, feminine, past
 * participle or present participle of a lemma of the lexicon ("Certains",
 * "Née", "Sélectionnés", "Conservant"). */
static int french_inflected(const char *s, size_t n)
{
    static const struct { const char *suf, *rep; } rules[] = {
        {"s", ""}, {"x", ""}, {"e", ""}, {"es", ""}, {"aux", "al"},
        {"\xC3\xA9", "er"}, {"\xC3\xA9" "e", "er"}, {"\xC3\xA9s", "er"}, {"\xC3\xA9" "es", "er"},
        {"i", "ir"}, {"ie", "ir"}, {"is", "ir"}, {"ies", "ir"}, {"ant", "er"}, {"ant", "ir"},
        {"issant", "ir"}, {"u", "re"}, {"ue", "re"}, {"us", "re"}, {"u", "ir"}, {"ue", "ir"},
        {"it", "ire"}, {"ite", "ire"}, {"ites", "ire"}, {"is", "re"}, {"ise", "re"},
        {"\xC3\xA8" "re", "er"}, {"enne", "en"}, {"ennes", "en"}, {"elle", "el"}, {"elles", "el"},
        {"euse", "eur"}, {"euses", "eur"}, {"rice", "eur"}, {"ive", "if"}, {"ives", "if"},
    };
    char low[256], buf[272];
    if (n > 240)
        return 0;
    size_t ln = lower_utf8(s, n, low);
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        const char *suf = rules[r].suf;
        size_t sl = strlen(suf);
        if (ln <= sl + 1 || memcmp(low + ln - sl, suf, sl) != 0)
            continue;
        size_t base = ln - sl, rl = strlen(rules[r].rep);
        memcpy(buf, low, base);
        memcpy(buf + base, rules[r].rep, rl);
        const lex_entry *e = lex_find(buf, base + rl, hash_bytes(buf, base + rl));
        if (e && (e->flags & W_COMMON_FR))
            return 1;
    }
    return 0;
}

/* A French lower-case word with an adjective ending (nationale, européenne). */
static int french_adjective(const doc *d, size_t i)
{
    static const char *const sufs[] = {
        "al", "ale", "aux", "ales", "ien", "ienne", "iens", "iennes", "ais", "aise", "aises",
        "ique", "iques", "aire", "aires", "el", "elle", "els", "elles", "ain", "aine", "ains",
        "aines", "ois", "oise", "oises", "\xC3\xA9" "en", "\xC3\xA9" "enne", "ite", "ial", "iale",
    };
    const char *s = d->text + d->t[i].s;
    size_t n = d->t[i].e - d->t[i].s;
    if (n < 4 || (d->t[i].flags & (W_PARTICLE | W_DET | W_LOCPREP)))
        return 0;
    for (size_t k = 0; k < sizeof sufs / sizeof *sufs; k++) {
        size_t l = strlen(sufs[k]);
        if (n > l + 2 && memcmp(s + n - l, sufs[k], l) == 0)
            return 1;
    }
    return 0;
}

static void prepare_tokens(doc *d, const rc_token *toks, size_t n_toks,
                           const rc_span *sents, size_t n_sents)
{
    size_t si = 0;
    int at_start = 1;
    for (size_t i = 0; i < n_toks; i++) {
        tokinfo *t = &d->t[i];
        t->s = toks[i].start;
        t->e = toks[i].end;
        if (t->e > d->tlen)
            t->e = (uint32_t)d->tlen;
        if (t->s > t->e)
            t->s = t->e;
        t->gap = i == 0 || toks[i - 1].end != toks[i].start;
        while (si < n_sents && sents[si].end <= t->s)
            si++, at_start = 1;
        d->sent_of[i] = (uint32_t)si;
        const char *s = d->text + t->s;
        size_t n = t->e - t->s;
        t->punct = (n == 1 && toks[i].kind == RC_TOK_PUNCT) ? (uint8_t)s[0] : 0;
        if (toks[i].kind == RC_TOK_PUNCT && n > 1 && n <= 3)
            t->punct = 0x80;           /* a multi-byte punctuation (quotes, dashes) */
        size_t skip;
        if (toks[i].kind == RC_TOK_WORD && is_elision(s, n, &skip)
            && is_upper_at((const unsigned char *)s + skip, n - skip)) {
            t->s += (uint32_t)skip;
            n -= skip;
            s += skip;
        }
        /* possessive 's / ’s */
        if (n > 3 && s[n - 2] == '\'' && s[n - 1] == 's')
            t->e -= 2;
        else if (n > 5 && memcmp(s + n - 4, "\xE2\x80\x99s", 4) == 0)
            t->e -= 4;
        shape_of(d->text, t);
        if (toks[i].kind != RC_TOK_WORD && !(t->shape & T_WORD))
            t->shape &= (uint16_t)~(T_CAP | T_UPPER | T_ACRO);
        const lex_entry *e = NULL;
        if ((t->shape & (T_WORD | T_LOWER)) == (T_WORD | T_LOWER)) {
            /* lower-case words need only their cue flags: the small table */
            size_t len = t->e - t->s;
            if (len <= 240) {
                char low[256];
                size_t ln = lower_utf8(d->text + t->s, len, low);
                e = find_in(lex.small, lex.small_mask, low, ln, hash_bytes(low, ln));
            }
        } else if (t->shape & T_WORD) {
            e = lookup(d->text + t->s, t->e - t->s);
        }
        else if (t->punct == '&')
            e = lookup("&", 1);
        t->flags = e ? e->flags : 0;
        if ((t->flags & W_CASED) && !(t->shape & (T_UPPER | T_ACRO)))
            t->flags &= ~(uint32_t)(W_GAZ | W_COUNTRY | W_CASED);   /* "Un" is not the UN */
        if (t->shape & T_WORD) {
            if (at_start)
                t->shape |= T_INIT;
            at_start = 0;
            if ((t->shape & (T_CAP | T_INIT)) == (T_CAP | T_INIT) && d->lang == RC_LANG_FR
                && !(t->flags & W_COMMON_FR) && french_inflected(d->text + t->s, t->e - t->s))
                t->flags |= W_COMMON_FR;
        } else if (t->punct == ':' || t->punct == '"' || t->punct == 0x80
                   || t->punct == '(' || t->punct == '-' || t->punct == ';') {
            /* a capital after a colon or an opening quote starts a sentence too */
            if (t->punct != 0x80 || (n >= 2 && ((unsigned char)s[0] == 0xC2   /* « */
                                                || ((unsigned char)s[0] == 0xE2 && (unsigned char)s[2] == 0x9C)))) /* “ */
                at_start = at_start || t->punct == ':' || t->punct == '"' || t->punct == 0x80;
        }
    }
}

/* ------------------------------------------------------------------ candidates */

/* Is token i part of a name candidate? */
static int is_candidate(const doc *d, size_t i, int caps_sentence)
{
    const tokinfo *t = &d->t[i];
    if (t->e - t->s == 1 && d->lang != RC_LANG_FR && (t->flags & W_TITLE))
        return i + 1 < d->nt && d->t[i + 1].punct == '.';      /* "M. Waugh": an initial */
    if (!(t->shape & T_CAP) || !(t->shape & T_WORD))
        return 0;
    if (t->flags & (W_TITLE | W_NOTNAME)) {
        if (!(t->flags & W_NAMEY))
            return 0;
    }
    uint32_t common = common_flag(d);
    if (t->e - t->s == 1 && !(i + 1 < d->nt && d->t[i + 1].punct == '.' && !d->t[i + 1].gap))
        return 0;                       /* a lone capital letter ("A", "N") */
    if (caps_sentence) {
        if (t->flags & (W_NAMEY | W_FIRST | W_SUR))
            return !(t->flags & common) || (t->flags & (W_COUNTRY | W_GAZ | W_DEMONYM));
        return !(t->flags & (common | W_ROLE | W_PARTICLE | W_LOCPREP | W_PERVERB));
    }
    return 1;
}

/* The particles that may join two parts of a name. */
static int joins(const doc *d, size_t i, uint32_t run_flags, size_t run_a)
{
    const tokinfo *t = &d->t[i];
    if (t->punct == '&')
        return 1;
    if (!(t->flags & W_PARTICLE) || !(t->shape & T_LOWER))
        return 0;
    const char *s = d->text + t->s;
    size_t n = t->e - t->s;
    int heads = (run_flags & (W_ORG | W_LOC | W_MISC)) != 0;
    /* English "of/for/on/and" and French "et" only after a head word */
    if ((n == 2 && (!memcmp(s, "of", 2) || !memcmp(s, "on", 2) || !memcmp(s, "et", 2)))
        || (n == 3 && (!memcmp(s, "for", 3) || !memcmp(s, "and", 3))))
        return heads;
    /* French de/du/des/d'/la/le/l': after a head word or a given name */
    if (n <= 3 && (s[0] == 'd' || s[0] == 'l') && d->lang == RC_LANG_FR)
        return heads || (d->t[i - 1].flags & W_FIRST) || (d->t[i - 1].flags & W_PARTICLE)
               || (i >= 2 && i - 1 > run_a && (d->t[i - 2].flags & W_FIRST));
    return 1;   /* von, van, bin, al, di, da... */
}

static int sentence_is_caps(const doc *d, size_t a, size_t b)
{
    int words = 0, upper = 0;
    for (size_t i = a; i < b; i++) {
        if (!(d->t[i].shape & T_WORD))
            continue;
        words++;
        if ((d->t[i].shape & T_UPPER) || ((d->t[i].shape & T_CAP) && d->t[i].e - d->t[i].s == 1))
            upper++;
    }
    return words > 0 && upper * 10 >= words * 8 && (words >= 2 || upper == words);
}

/* Type from head words of run [a, b). */
static int head_type(const doc *d, uint32_t a, uint32_t b)
{
    uint32_t head = b - 1;
    for (uint32_t i = a + 1; i < b; i++)
        if ((d->t[i].shape & T_LOWER) && (d->t[i].flags & W_PARTICLE)) {
            head = i - 1;
            break;
        }
    if (b - a < 2)
        return 0;
    uint32_t hf = d->t[head].flags, lf = d->t[b - 1].flags;
    if (lf & W_ORGSUF)
        return RC_ENT_ORG;
    if (hf & W_MISC)
        return RC_ENT_MISC;
    if (hf & W_ORG)
        return RC_ENT_ORG;
    if (hf & W_LOC)
        return RC_ENT_LOC;
    for (uint32_t i = a; i < b; i++)
        if (d->t[i].flags & W_ORG)
            return RC_ENT_ORG;
    for (uint32_t i = a; i < b; i++)
        if (d->t[i].flags & W_MISC)
            return RC_ENT_MISC;
    /* head word first ("Lac Léman", "Mont Blanc") */
    if (d->t[a].flags & W_LOC && !(d->t[a].flags & W_FIRST))
        return RC_ENT_LOC;
    return 0;
}

static int gaz_type(uint32_t f)
{
    if (f & W_GAZ_PER) return RC_ENT_PER;
    if (f & W_GAZ_ORG) return RC_ENT_ORG;
    if (f & W_GAZ_LOC) return RC_ENT_LOC;
    if (f & W_GAZ_MISC) return RC_ENT_MISC;
    return 0;
}

/* Classify run [a, b) by its own words and close context. */
static void classify(doc *d, span *s, uint32_t sent_a, int caps_sentence)
{
    uint32_t a = s->a, b = s->b, n = b - a;
    const lex_entry *whole = lookup_range(d, a, b);
    uint32_t wf = whole ? whole->flags : 0;
    if (wf & W_GAZ) {
        s->type = (uint8_t)gaz_type(wf);
        s->strength = 3;
        if (whole->canon_off)
            s->acro_canon = (rc_str){lex.pool + whole->canon_off, whole->canon_len};
        return;
    }
    /* a result line ("Chicago 45 30 .600", "Kent 3 Surrey 1"): a town there is a team */
    if (b < d->nt && d->sent_of[b] == d->sent_of[a] && (d->t[b].shape & (T_DIGIT | T_WORD)) == T_DIGIT
        && !(wf & (W_COUNTRY | W_GAZ_LOC | W_GAZ_MISC | W_DEMONYM)) && !(d->t[a].flags & W_COUNTRY)) {
        int nums = 0;
        for (uint32_t k = sent_a; k < d->nt && d->sent_of[k] == d->sent_of[a]; k++)
            nums += (d->t[k].shape & (T_DIGIT | T_WORD)) == T_DIGIT;
        if (nums >= 2 && (n >= 2 || (wf & W_CITY) || !(d->t[a].flags & (W_FIRST | W_SUR)))) {
            s->type = RC_ENT_ORG;
            s->strength = 2;
            return;
        }
    }
    if (wf & W_COUNTRY) {
        s->type = RC_ENT_LOC;
        s->strength = 3;
        return;
    }
    int ht = head_type(d, a, b);
    if (ht) {
        s->type = (uint8_t)ht;
        s->strength = 3;
        return;
    }
    if ((wf & W_COUNTRY) || ((wf & W_CITY) && !(n == 1 && (d->t[a].flags & (W_FIRST | W_SUR))))) {
        s->type = RC_ENT_LOC;
        s->strength = (wf & W_COUNTRY) ? 3 : 2;
        return;
    }
    if (wf & W_DEMONYM) {
        s->type = RC_ENT_MISC;
        s->strength = 3;
        return;
    }
    /* title or role just before */
    if (a > sent_a) {
        const tokinfo *p = &d->t[a - 1];
        if ((p->flags & W_TITLE) || ((p->flags & W_ROLE) && !(p->shape & T_UPPER))) {
            s->type = RC_ENT_PER;
            s->strength = 2;
            return;
        }
        if (p->punct == '.' && a >= 2 && (d->t[a - 2].flags & W_TITLE)) {
            s->type = RC_ENT_PER;
            s->strength = 2;
            return;
        }
    }
    /* given name first, or a surname last */
    if (n >= 2 && (d->t[a].flags & W_FIRST) && !(d->t[a].flags & W_COUNTRY)) {
        s->type = RC_ENT_PER;
        s->strength = 2;
        return;
    }
    if (n >= 2 && (d->t[b - 1].flags & W_SUR)) {
        s->type = RC_ENT_PER;
        s->strength = 2;
        return;
    }
    /* a name particle inside: "van Gaal", "bin Laden" */
    for (uint32_t i = a + 1; i + 1 < b; i++)
        if ((d->t[i].shape & T_LOWER) && (d->t[i].flags & W_PARTICLE)
            && !(d->t[i - 1].flags & (W_ORG | W_LOC | W_MISC))) {
            s->type = RC_ENT_PER;
            s->strength = 1;
            return;
        }
    if (n == 1 && a > sent_a && (d->t[a - 1].flags & W_DET) && (d->t[a - 1].shape & T_LOWER)
        && !(d->t[a].flags & (W_FIRST | W_SUR))) {
        s->type = RC_ENT_ORG;           /* "the Kremlin", "the Bundesbank" */
        s->strength = 1;
        return;
    }
    if (n == 1 && (d->t[a].shape & T_ACRO) && !caps_sentence) {
        s->type = RC_ENT_ORG;
        s->strength = 1;
        return;
    }
    /* context after: "said", "a déclaré" */
    if (b < d->nt && d->sent_of[b] == d->sent_of[a]) {
        const tokinfo *q = &d->t[b];
        int perverb = (q->flags & W_PERVERB) != 0;
        if (!perverb && b + 1 < d->nt && tok_is(d, b, "a")) {
            const lex_entry *e = lookup_range(d, b, b + 2);
            perverb = e && (e->flags & W_PERVERB);
        }
        if (perverb && !(d->t[a].shape & T_ACRO)) {
            s->type = RC_ENT_PER;
            s->strength = 1;
            return;
        }
    }
    /* place preposition before */
    if (a > sent_a && (d->t[a - 1].flags & W_LOCPREP) && (d->t[a - 1].shape & T_LOWER)) {
        if (wf & W_CITY || n == 1) {
            s->type = RC_ENT_LOC;
            s->strength = 1;
            return;
        }
    }
    if (wf & W_CITY) {
        s->type = RC_ENT_LOC;
        s->strength = 1;
        return;
    }
    if (n == 1 && (d->t[a].flags & (W_FIRST | W_SUR))) {
        s->type = RC_ENT_PER;
        s->strength = 0;
    }
}

/* Find the runs of sentence [sa, sb) and push them as spans. */
static int find_runs(doc *d, uint32_t sa, uint32_t sb)
{
    int caps = sentence_is_caps(d, sa, sb);
    uint32_t common = common_flag(d);
    uint32_t i = sa;
    while (i < sb) {
        /* multi-word gazetteer entries, including lower-case words ("bande de Gaza") */
        if (d->t[i].flags & W_PSTART) {
            uint32_t best = 0;
            const lex_entry *be = NULL;
            for (uint32_t k = 2; k <= (uint32_t)lex.max_words && i + k <= sb; k++) {
                const lex_entry *e = lookup_range(d, i, i + k);
                if (!e)
                    break;
                if ((e->flags & (W_GAZ | W_PLACE)) && !(d->t[i + k - 1].flags & W_PARTICLE)
                    && ((d->t[i + k - 1].shape & T_CAP) || (d->t[i].shape & T_CAP))) {
                    best = k;
                    be = e;
                }
            }
            if (best && (d->t[i].shape & T_CAP || (be->flags & W_GAZ))) {
                /* extend a gazetteer prefix into a longer capitalised name */
                uint32_t e2 = i + best;
                if (!(e2 < sb && is_candidate(d, e2, caps) && !(d->t[e2].flags & W_FIRST))) {
                    int rc = push_span(d, i, e2, 0, 0);
                    if (rc)
                        return rc;
                    classify(d, &d->sp[d->nsp - 1], sa, caps);
                    i = e2;
                    continue;
                }
            }
        }
        if (!is_candidate(d, i, caps)) {
            i++;
            continue;
        }
        uint32_t a = i, b = i + 1;
        uint32_t run_flags = d->t[i].flags;
        for (;;) {
            if (b < sb && is_candidate(d, b, caps)) {
                run_flags |= d->t[b].flags;
                b++;
                continue;
            }
            /* an initial: "C. Lewis" */
            if (b + 1 < sb && d->t[b].punct == '.' && !d->t[b].gap && d->t[b - 1].e - d->t[b - 1].s == 1
                && is_candidate(d, b + 1, caps)) {
                b += 2;
                continue;
            }
            /* particle(s) then a candidate */
            uint32_t j = b;
            while (j < sb && j < b + 3 && joins(d, j, run_flags, a))
                j++;
            if (j > b && j < sb && is_candidate(d, j, caps) && !caps) {
                b = j;
                continue;
            }
            break;
        }
        /* French: adjectives after a head word ("Seconde Guerre mondiale",
         * "Ligue nationale") */
        if (d->lang == RC_LANG_FR && !caps && (run_flags & (W_ORG | W_MISC | W_LOC)))
            while (b < sb && b < d->nt && (d->t[b].shape & T_LOWER) && french_adjective(d, b))
                b++;
        /* sentence-initial word: drop it when it is a common word and not
         * evidently a name */
        int initial = 0;
        while (a < b && (d->t[a].shape & T_INIT)) {
            uint32_t f = d->t[a].flags;
            if (caps || !(f & common) || (f & (W_NAMEY & ~W_CITY)))
                break;
            if (b - a >= 2 && (f & (W_FIRST | W_CITY)) && !(f & (W_DET | W_PARTICLE | W_LOCPREP))
                && !(d->t[a + 1].flags & (W_PARTICLE | W_NAMEY)))
                break;
            const lex_entry *e = b - a >= 2 ? lookup_range(d, a, b) : NULL;
            if (e && (e->flags & (W_NAMEY)))
                break;
            initial = 1;
            a++;
            while (a < b && !is_candidate(d, a, caps))
                a++;
            /* a lone common capitalised word at the start: keep for doc-level check */
            break;
        }
        if (a >= b) {
            if (initial) {
                int rc = push_span(d, i, i + 1, 0, 0);
                if (rc)
                    return rc;
                d->sp[d->nsp - 1].initial = 1;
            }
            i = b;
            continue;
        }
        if (initial) {
            int rc = push_span(d, i, i + 1, 0, 0);
            if (rc)
                return rc;
            d->sp[d->nsp - 1].initial = 1;
        }
        /* cut titles, roles and leading demonyms off the front */
        int person = 0;
        while (a < b) {
            uint32_t f = d->t[a].flags;
            if (f & W_TITLE && !(f & W_NAMEY)
                && !(d->t[a].e - d->t[a].s == 1 && d->lang != RC_LANG_FR)) {
                person = 1;
                a++;
                continue;
            }
            if (b - a >= 2 && (f & W_ROLE) && !(f & W_NAMEY) && !head_type(d, a, b)) {
                person = 1;
                a++;
                continue;
            }
            /* "Foreign Minister", "Prime Minister": common word before a role */
            if (b - a >= 3 && (f & common) && (d->t[a + 1].flags & W_ROLE) && !(f & W_NAMEY)
                && !head_type(d, a, b)) {
                person = 1;
                a += 2;
                continue;
            }
            /* "CIA Director Daniel Whitcombe", "NASA Administrator ...": an
             * acronym or a known organisation or place before a capitalised
             * role is a name of its own, and the rest a person */
            if (b - a >= 3 && (d->t[a + 1].flags & W_ROLE) && !(d->t[a + 1].flags & W_NAMEY)
                && ((d->t[a].shape & T_ACRO) || (f & (W_GAZ_ORG | W_GAZ_LOC | W_PLACE)))
                && !lookup_range(d, a, a + 2) && !head_type(d, a, b)) {
                int rc = push_span(d, a, a + 1, 0, 0);
                if (rc)
                    return rc;
                classify(d, &d->sp[d->nsp - 1], sa, caps);
                person = 1;
                a += 2;
                continue;
            }
            /* a demonym, or a one-word MISC of the gazetteer ("Kurdish",
             * "Kazakh") before a given name, title or role */
            uint32_t next = b - a >= 2 ? d->t[a + 1].flags : 0;
            if (b - a >= 2 && ((f & W_DEMONYM) || ((f & W_GAZ_MISC) && (next & (W_ROLE | W_TITLE | W_FIRST))))
                && !lookup_range(d, a, b) && !(d->t[a + 1].shape & T_LOWER)) {
                const lex_entry *rest = lookup_range(d, a + 1, b);
                if ((rest && (rest->flags & W_NAMEY)) || (next & (W_ROLE | W_TITLE | W_FIRST))
                    || !head_type(d, a, b)) {
                    int rc = push_span(d, a, a + 1, RC_ENT_MISC, 3);
                    if (rc)
                        return rc;
                    a++;
                    continue;
                }
            }
            break;
        }
        /* drop a trailing particle */
        while (b > a && (d->t[b - 1].shape & T_LOWER) && (d->t[b - 1].flags & W_PARTICLE))
            b--;
        if (a < b) {
            /* split before a given name that follows a known non-person name
             * ("Kremlin Dmitri Peskov") */
            for (uint32_t k = a + 1; k + 1 < b; k++) {
                if ((d->t[k].flags & W_FIRST) && !(d->t[k - 1].flags & (W_FIRST | W_PARTICLE))
                    && !(d->t[k].flags & (W_ORG | W_LOC | W_MISC))) {
                    const lex_entry *left = lookup_range(d, a, k);
                    if (left && (left->flags & (W_GAZ | W_PLACE | W_DEMONYM))) {
                        int rc = push_span(d, a, k, 0, 0);
                        if (rc)
                            return rc;
                        classify(d, &d->sp[d->nsp - 1], sa, caps);
                        a = k;
                        person = 1;
                        break;
                    }
                }
            }
            int rc = push_span(d, a, b, 0, 0);
            if (rc)
                return rc;
            span *s = &d->sp[d->nsp - 1];
            classify(d, s, sa, caps);
            if (person && (s->strength < 3 || s->type == RC_ENT_PER)) {
                s->type = RC_ENT_PER;
                s->strength = 2;
            }
        }
        i = b > i ? b : i + 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ document level */

static int span_text_eq(const doc *d, const span *x, const span *y)
{
    uint32_t xs = d->t[x->a].s, xe = d->t[x->b - 1].e;
    uint32_t ys = d->t[y->a].s, ye = d->t[y->b - 1].e;
    return xe - xs == ye - ys && memcmp(d->text + xs, d->text + ys, xe - xs) == 0;
}

static int tok_eq(const doc *d, uint32_t i, uint32_t j)
{
    uint32_t n = d->t[i].e - d->t[i].s;
    return n == d->t[j].e - d->t[j].s && memcmp(d->text + d->t[i].s, d->text + d->t[j].s, n) == 0;
}

/* Acronym of span s? Initials of its capitalised words match token ac. */
static int acronym_of(const doc *d, const span *s, uint32_t ac)
{
    const char *p = d->text + d->t[ac].s;
    size_t n = d->t[ac].e - d->t[ac].s, k = 0;
    char letters[16];
    for (size_t i = 0; i < n && k < sizeof letters; i++)
        if (p[i] >= 'A' && p[i] <= 'Z')
            letters[k++] = p[i];
    if (k < 2)
        return 0;
    size_t m = 0;
    for (uint32_t i = s->a; i < s->b; i++) {
        if (!(d->t[i].shape & T_CAP))
            continue;
        const char *w = d->text + d->t[i].s;
        if (m < k && (w[0] == letters[m]))
            m++;
        else if (m < k && is_upper_at((const unsigned char *)w, 1) == 0)
            return 0;
        /* inner capitals of a hyphenated word: Traité de l'Atlantique-Nord */
    }
    return m == k;
}

/* Document-level matching compares each span with the others; in a huge
 * document only with the RESOLVE_WINDOW spans on either side, so the cost
 * stays linear. */
#define RESOLVE_WINDOW 1500

static void resolve(doc *d)
{
    span *sp = d->sp;
    size_t n = d->nsp;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = d->t[sp[i].a].s, b = d->t[sp[i].b - 1].e, l = d->t[sp[i].b - 1].s;
        sp[i].h = hash_bytes(d->text + a, b - a);
        sp[i].lasth = hash_bytes(d->text + l, b - l);
    }
    /* acronym in parentheses after a name: "Organisation ... (OTAN)" */
    for (size_t i = 0; i < n; i++) {
        span *s = &sp[i];
        if (s->b - s->a < 2 || s->b + 2 >= d->nt || !tok_is_punct(d, s->b, '('))
            continue;
        for (size_t j = i + 1; j < n && j < i + 3; j++) {
            span *x = &sp[j];
            if (x->a == s->b + 1 && x->b == x->a + 1 && (d->t[x->a].shape & T_ACRO)
                && acronym_of(d, s, x->a)) {
                if (!s->type || s->strength < 2)
                    s->type = x->type && x->strength >= 2 ? x->type : RC_ENT_ORG;
                if (s->strength < 2)
                    s->strength = 2;
                x->type = s->type;
                x->strength = 3;
                x->canon = (int32_t)i;
                /* later uses of the acronym */
                for (size_t k = j + 1; k < n; k++)
                    if (sp[k].b - sp[k].a == 1 && tok_eq(d, sp[k].a, x->a)) {
                        sp[k].type = s->type;
                        sp[k].strength = 3;
                        sp[k].canon = (int32_t)i;
                    }
            }
        }
    }
    /* persons: full names give their parts type and canonical name */
    for (size_t i = 0; i < n; i++) {
        span *s = &sp[i];
        if (s->type != RC_ENT_PER || s->b - s->a < 2 || s->strength < 1)
            continue;
        size_t k0 = i > RESOLVE_WINDOW ? i - RESOLVE_WINDOW : 0;
        size_t k1 = n - i > RESOLVE_WINDOW ? i + RESOLVE_WINDOW : n;
        for (size_t k = k0; k < k1; k++) {
            span *x = &sp[k];
            if (k == i || x->b - x->a >= s->b - s->a || x->strength >= 3 || x->lasth != s->lasth)
                continue;
            /* x is the last word(s) or the first word of s */
            uint32_t xl = x->b - x->a;
            int match = 1;
            for (uint32_t q = 0; q < xl && match; q++)
                match = tok_eq(d, x->a + q, s->b - xl + q);
            if (!match && xl == 1 && !(d->t[x->a].flags & W_FIRST))
                match = 0;
            if (match) {
                x->type = RC_ENT_PER;
                x->strength = 2;
                x->canon = (int32_t)i;
                x->initial = 0;
            }
        }
    }
    /* the same text typed by strong evidence elsewhere */
    for (size_t i = 0; i < n; i++) {
        span *s = &sp[i];
        if (s->strength >= 2 && !s->initial)
            continue;
        const span *best = NULL;
        size_t k0 = i > RESOLVE_WINDOW ? i - RESOLVE_WINDOW : 0;
        size_t k1 = n - i > RESOLVE_WINDOW ? i + RESOLVE_WINDOW : n;
        for (size_t k = k0; k < k1; k++) {
            const span *x = &sp[k];
            if (k == i || x->h != s->h || !x->type || x->initial || x->strength <= s->strength)
                continue;
            if (span_text_eq(d, s, x) && (!best || x->strength > best->strength))
                best = x;
        }
        if (best) {
            s->type = best->type;
            s->strength = best->strength > 1 ? (uint8_t)(best->strength - 1) : 1;
            s->initial = 0;
            if (s->canon < 0)
                s->canon = best->canon;
        }
    }
    /* an untyped run of two to four words will default to a person (below):
     * its last word(s) alone, still untyped or typed by no evidence, are
     * that person too ("Gennadiy Sokolovskiy" ... "Sokolovskiy, 67,"),
     * though the full name's given name is not in the lexicon */
    for (size_t i = 0; i < n; i++) {
        const span *s = &sp[i];
        uint32_t len = s->b - s->a;
        if (s->type || s->initial || len < 2 || len > 4)
            continue;
        size_t k0 = i > RESOLVE_WINDOW ? i - RESOLVE_WINDOW : 0;
        size_t k1 = n - i > RESOLVE_WINDOW ? i + RESOLVE_WINDOW : n;
        for (size_t k = k0; k < k1; k++) {
            span *x = &sp[k];
            uint32_t xl = x->b - x->a;
            if (k == i || xl >= len || x->lasth != s->lasth || (x->type && x->strength > 0)
                || (d->t[x->a].shape & T_ACRO) || (d->t[x->a].flags & common_flag(d)))
                continue;
            int match = 1;
            for (uint32_t q = 0; q < xl && match; q++)
                match = tok_eq(d, x->a + q, s->b - xl + q);
            if (match) {
                x->type = RC_ENT_PER;
                x->strength = 1;
                x->canon = (int32_t)i;
                x->initial = 0;
            }
        }
    }
    /* defaults for what is left */
    for (size_t i = 0; i < n; i++) {
        span *s = &sp[i];
        if (s->initial || s->type)
            continue;
        uint32_t len = s->b - s->a;
        const tokinfo *t = &d->t[s->a];
        if (len >= 2)
            s->type = RC_ENT_PER;
        else if (t->shape & T_ACRO)
            s->type = RC_ENT_ORG;
        else if (t->flags & W_SUR)
            s->type = RC_ENT_PER;
        else
            s->type = d->lang == RC_LANG_FR ? RC_ENT_LOC : RC_ENT_ORG;
    }
}

/* ------------------------------------------------------------------ roles */

static int is_role_tok(const doc *d, uint32_t i)
{
    return (d->t[i].flags & W_ROLE) && !(d->t[i].shape & T_UPPER);
}

static void find_role(doc *d, span *s)
{
    uint32_t sent = d->sent_of[s->a];
    /* apposition after: "Dmitri Peskov, porte-parole du Kremlin," */
    if (s->b + 2 < d->nt && tok_is_punct(d, s->b, ',') && d->sent_of[s->b + 1] == sent) {
        uint32_t i = s->b + 1, end = i;
        int has_role = 0;
        while (end < d->nt && end < i + 10 && d->sent_of[end] == sent && !d->t[end].punct) {
            if (is_role_tok(d, end))
                has_role = 1;
            if (!has_role && end > i + 2)
                break;
            end++;
        }
        /* skip a determiner */
        if (has_role && end > i) {
            uint32_t a = i;
            if (!is_role_tok(d, a) && (d->t[a].shape & T_LOWER) && !(d->t[a].flags & W_ROLE)
                && d->t[a].e - d->t[a].s <= 4 && a + 1 < end)
                a++;
            s->role_a = (int32_t)a;
            s->role_b = (int32_t)end;
            return;
        }
    }
    /* before: "Kremlin spokesman Dmitry Peskov", "le porte-parole du Kremlin Dmitri Peskov",
     * "le ministre de la Défense, Sébastien Lecornu," */
    if (s->a == 0)
        return;
    uint32_t end = s->a;
    if (end >= 2 && tok_is_punct(d, end - 1, ',') && d->sent_of[end - 2] == sent)
        end--;
    uint32_t lo = end > 8 ? end - 8 : 0;
    int32_t r = -1;
    for (uint32_t i = end; i-- > lo;) {
        if (d->sent_of[i] != sent || d->t[i].punct)
            break;
        if (is_role_tok(d, i)) {
            r = (int32_t)i;
            break;
        }
        if ((d->t[i].shape & T_LOWER) && !(d->t[i].flags & W_PARTICLE))
            break;
    }
    if (r < 0)
        return;
    uint32_t a = (uint32_t)r;
    while (a > lo && d->sent_of[a - 1] == sent && !d->t[a - 1].punct
           && !(d->t[a - 1].flags & (W_DET | W_PARTICLE | W_LOCPREP))
           && ((d->t[a - 1].shape & T_CAP) || is_role_tok(d, a - 1)
               || (d->t[a - 1].flags & W_DEMONYM)))
        a--;
    s->role_a = (int32_t)a;
    s->role_b = (int32_t)end;
}

/* ------------------------------------------------------------------ entry */

int rc_ner_find(rc_arena *a, rc_str text, rc_lang lang,
                const rc_span *sents, size_t n_sents,
                const rc_token *toks, size_t n_toks,
                rc_mention **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    pthread_once(&lex_once, lex_load);
    if (!text.ptr || n_toks == 0 || !toks)
        return 0;
    if (!lex.ok)
        return RC_ENOMEM;
    doc d;
    memset(&d, 0, sizeof d);
    d.text = text.ptr;
    d.tlen = text.len;
    d.lang = lang;
    d.a = a;
    d.nt = n_toks;
    d.t = rc_arena_calloc(a, n_toks, sizeof *d.t);
    d.sent_of = rc_arena_calloc(a, n_toks, sizeof *d.sent_of);
    if (!d.t || !d.sent_of)
        return RC_ENOMEM;
    rc_span whole = {0, (uint32_t)text.len};
    if (!sents || n_sents == 0) {
        sents = &whole;
        n_sents = 1;
    }
    prepare_tokens(&d, toks, n_toks, sents, n_sents);
    /* sentences as token ranges */
    uint32_t i = 0;
    while (i < n_toks) {
        uint32_t j = i + 1;
        while (j < n_toks && d.sent_of[j] == d.sent_of[i])
            j++;
        int rc = find_runs(&d, i, j);
        if (rc)
            return rc;
        i = j;
    }
    resolve(&d);
    /* output */
    size_t count = 0;
    for (size_t k = 0; k < d.nsp; k++)
        count += !d.sp[k].initial && d.sp[k].type;
    rc_mention *m = count ? rc_arena_calloc(a, count, sizeof *m) : NULL;
    if (count && !m)
        return RC_ENOMEM;
    size_t o = 0;
    for (size_t k = 0; k < d.nsp; k++) {
        span *s = &d.sp[k];
        if (s->initial || !s->type)
            continue;
        rc_mention *x = &m[o];
        x->start = d.t[s->a].s;
        x->end = d.t[s->b - 1].e;
        x->type = s->type;
        const span *c = s->canon >= 0 ? &d.sp[s->canon] : s;
        if (s->acro_canon.len)
            x->name = s->acro_canon;
        else
            x->name = (rc_str){text.ptr + d.t[c->a].s, d.t[c->b - 1].e - d.t[c->a].s};
        if (s->type == RC_ENT_PER) {
            find_role(&d, s);
            if (s->role_a < 0 && c != s && c->role_a < 0)
                find_role(&d, (span *)c);
            const span *rs = s->role_a >= 0 ? s : c;
            if (rs->role_a >= 0 && rs->role_b > rs->role_a)
                x->role = (rc_str){text.ptr + d.t[rs->role_a].s,
                                   d.t[rs->role_b - 1].e - d.t[rs->role_a].s};
        }
        span *kc = (span *)c;
        if (!s->acro_canon.len && kc->key.ptr && kc->key_type == x->type) {
            x->key = kc->key;           /* same name, same type: same key */
        } else {
            int rc = rc_name_key(a, x->name, x->type, &x->key);
            if (rc)
                return rc;
            if (!s->acro_canon.len) {
                kc->key = x->key;
                kc->key_type = x->type;
            }
        }
        o++;
    }
    /* spans are pushed in text order except the split/demonym pieces, which
     * are pushed before their remainder: keep the output sorted */
    for (size_t p = 1; p < o; p++) {
        rc_mention tmp = m[p];
        size_t q = p;
        while (q > 0 && m[q - 1].start > tmp.start) {
            m[q] = m[q - 1];
            q--;
        }
        m[q] = tmp;
    }
    /* non-overlapping */
    size_t w = 0;
    for (size_t p = 0; p < o; p++) {
        if (w > 0 && m[p].start < m[w - 1].end)
            continue;
        m[w++] = m[p];
    }
    *out = m;
    *n = w;
    return 0;
}
