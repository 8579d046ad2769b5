/*
 * langid.c -- language identification (fr en de es it pt nl, other, und).
 *
 * What: rc_langid() says which of the seven languages recoupe knows a UTF-8
 * text is written in, RC_LANG_OTHER for other languages (other scripts, or
 * Latin-script languages such as Polish or Turkish), RC_LANG_UND when there
 * is too little text to say.  rc_lang_code()/rc_lang_from_code() convert
 * between the enum and codes or names.
 *
 * Algorithm: one pass over at most the first RC_LANGID_SAMPLE bytes.
 *   1. Script: letters are counted as Latin or not (utf8proc categories for
 *      code points past the Latin blocks).  A majority of non-Latin letters
 *      gives RC_LANG_OTHER; no letters or fewer than 3 words gives UND.
 *   2. Words are folded (lower case, accents stripped: "Été" -> "ete", so
 *      text typed without accents still matches) and looked up in one hash
 *      table built from data/langid-XX.txt:
 *        - function words: each word has, per language, a weight from its
 *          rank in that language's list (1.0, 0.75, 0.5).  A word found in
 *          several lists gives each language w_l * w_l / sum(w): "le" counts
 *          mostly for French (rank 3) and a little for Italian (rank 40).
 *        - word endings ("-ción", "-heid", "-ing"), for words that are not
 *          function words: the longest listed ending counts.
 *        - letter pairs/triples inside words ("ij", "sch", "gli", "nh").
 *   3. Letters typical of a language (é è ç à, ä ö ü ß, ñ ¿, ã õ...) count
 *      for the languages that list them; letters of other Latin-script
 *      languages (ł ş ı ř å...) count for "other", which also has a few
 *      function words of those languages.
 *   A match that needs accents added or removed counts half ("deja" is
 *   Spanish "deja" more than French "déjà").
 *   The language with the largest score wins unless "other" scores more,
 *   or the evidence is too thin (then UND for short texts, OTHER for long
 *   ones).  Confidence = sqrt(margin over the runner-up) * (amount of
 *   evidence, saturating).
 *
 * Why: news needs a decision on headlines of 6-10 words as well as on long
 * articles, and must see every document fast.  Function words decide
 * short texts reliably (every sentence has some); endings, letter groups and
 * diacritics break ties and cover content-word-heavy headlines.  The data
 * is small, hand-written and reviewable; no model file is needed.
 *
 * The lexicons are parsed once (pthread_once) into static tables; after
 * that everything is read-only, so rc_langid is thread-safe and allocates
 * nothing.
 */
#include "langid.h"
#include "data.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#define RC_LANGID_SAMPLE ((size_t)16 << 10)   /* bytes looked at */
#define NSLOT 8                                /* fr en de es it pt nl other */
#define SLOT_OTHER 7
#define MAXWORD 31                             /* folded bytes; longer: skipped */

#define W_SUFFIX 0.4
#define W_NGRAM 0.15
#define W_CHAR 0.4

/* Slot i is rc_lang i + 1. */
static const char *const slot_file[NSLOT] = {
    "langid-fr.txt", "langid-en.txt", "langid-de.txt", "langid-es.txt",
    "langid-it.txt", "langid-pt.txt", "langid-nl.txt", "langid-other.txt",
};

/* ------------------------------------------------------------------ tables */

#define HBITS 12
#define HSIZE (1u << HBITS)

typedef struct lex_entry {
    uint32_t hash;
    uint16_t off;          /* key in pool */
    uint8_t len;           /* 0 = empty slot */
    uint8_t top;           /* first-tier function word of some language */
    uint8_t hits;          /* bit per slot: in that language's list */
    uint8_t accented;      /* bit per slot: a form with accents is listed */
    uint8_t plain;         /* bit per slot: a form without accents is listed */
    float w[NSLOT];        /* rank weight per language (while loading) */
    float c[NSLOT];        /* contribution per language (after loading) */
} lex_entry;

static lex_entry lex[HSIZE];
static size_t lex_count;
static char pool[32768];
static size_t pool_used;

/* Letter pairs (26*26) and triples (26^3) of a-z: bit per slot. */
static uint8_t ngram2[26 * 26];
static uint8_t ngram3[26 * 26 * 26];

/* Characters U+00A0..U+024F: bit per slot of the languages listing them. */
#define CH_LO 0xA0
#define CH_HI 0x250
static uint8_t charmask[CH_HI - CH_LO];

/* Folding of U+00C0..U+024F: up to 3 ASCII letters; "" = not a letter;
 * "\1" = a letter foreign to the seven languages' spelling (ł, ı, ø...). */
#define FO_LO 0xC0
static char foldtab[CH_HI - FO_LO][4];

static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static lex_entry *lex_find(const char *key, size_t n, int create)
{
    if (n == 0 || n > MAXWORD)
        return NULL;
    uint32_t h = hash_bytes(key, n);
    for (uint32_t i = h & (HSIZE - 1);; i = (i + 1) & (HSIZE - 1)) {
        lex_entry *e = &lex[i];
        if (e->len == 0) {
            if (!create || lex_count >= HSIZE * 3 / 4 || pool_used + n > sizeof pool)
                return NULL;
            memcpy(pool + pool_used, key, n);
            e->hash = h;
            e->off = (uint16_t)pool_used;
            e->len = (uint8_t)n;
            pool_used += n;
            lex_count++;
            return e;
        }
        if (e->hash == h && e->len == n && memcmp(pool + e->off, key, n) == 0)
            return e;
    }
}

/* Decode one code point at s[i] (n bytes available).  Returns its length,
 * 0 for an invalid sequence (then *cp is undefined). */
static size_t utf8_next(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), cp);
    return k > 0 ? (size_t)k : 0;
}

static void build_fold(void)
{
    for (int32_t cp = FO_LO; cp < CH_HI; cp++) {
        char *out = foldtab[cp - FO_LO];
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO)
            continue;                           /* × ÷ */
        if (cp == 0x152 || cp == 0x153) {       /* Œ œ */
            memcpy(out, "oe", 3);
            continue;
        }
        utf8proc_int32_t d[8];
        int bound = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
            &bound);
        int ok = k > 0 && k <= 3;
        for (utf8proc_ssize_t j = 0; ok && j < k; j++)
            if (d[j] < 'a' || d[j] > 'z')
                ok = 0;
        if (!ok) {
            out[0] = 1;
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < k; j++)
            out[j] = (char)d[j];
    }
}

/* Fold a word (UTF-8) into out: ASCII lower case, accents stripped.
 * Returns its length, or -1 if it has a character that cannot be folded
 * (non-Latin, foreign letter, punctuation) or is longer than MAXWORD. */
static int fold_word(const char *w, size_t n, char out[MAXWORD + 1])
{
    const unsigned char *s = (const unsigned char *)w;
    size_t o = 0, i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (c < 'a' || c > 'z')
                return -1;
            if (o >= MAXWORD)
                return -1;
            out[o++] = (char)c;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(s, n, i, &cp);
        if (k == 0 || cp < FO_LO || cp >= CH_HI)
            return -1;
        const char *f = foldtab[cp - FO_LO];
        if (f[0] == 0 || f[0] == 1)
            return -1;
        for (; *f; f++) {
            if (o >= MAXWORD)
                return -1;
            out[o++] = *f;
        }
        i += k;
    }
    out[o] = 0;
    return (int)o;
}

static void load_file(int slot)
{
    rc_str file = rc_data_get(slot_file[slot]);
    size_t pos = 0, rank = 0;
    rc_str line;
    char key[MAXWORD + 2];
    while (file.ptr && rc_data_next_line(file, &pos, &line)) {
        char kind = line.ptr[0];
        if (kind == '+') {                      /* a typical letter */
            int32_t cp;
            size_t k = utf8_next((const unsigned char *)line.ptr, line.len, 1, &cp);
            if (k == 0)
                continue;
            int32_t forms[2] = {utf8proc_tolower(cp), utf8proc_toupper(cp)};
            for (int j = 0; j < 2; j++)
                if (forms[j] >= CH_LO && forms[j] < CH_HI)
                    charmask[forms[j] - CH_LO] |= (uint8_t)(1u << slot);
            continue;
        }
        if (kind == '~') {                      /* letters inside words */
            int n = fold_word(line.ptr + 1, line.len - 1, key);
            if (n == 2)
                ngram2[(key[0] - 'a') * 26 + (key[1] - 'a')] |= (uint8_t)(1u << slot);
            else if (n == 3)
                ngram3[((key[0] - 'a') * 26 + (key[1] - 'a')) * 26 + (key[2] - 'a')] |=
                    (uint8_t)(1u << slot);
            continue;
        }
        float w;
        int n;
        if (kind == '-') {                      /* an ending: key "-xyz" */
            key[0] = '-';
            n = fold_word(line.ptr + 1, line.len - 1, key + 1);
            if (n <= 0)
                continue;
            n++;
            w = 1.0f;
        } else {                                /* a function word */
            n = fold_word(line.ptr, line.len, key);
            if (n <= 0)
                continue;
            w = rank < 40 ? 1.0f : rank < 100 ? 0.75f : 0.5f;
            rank++;
        }
        lex_entry *e = lex_find(key, (size_t)n, 1);
        if (!e)
            continue;
        int acc = 0;
        for (size_t j = 0; j < line.len; j++)
            if ((unsigned char)line.ptr[j] >= 0x80)
                acc = 1;
        if (acc)
            e->accented |= (uint8_t)(1u << slot);
        else
            e->plain |= (uint8_t)(1u << slot);
        if (e->w[slot] < w)
            e->w[slot] = w;
        e->hits |= (uint8_t)(1u << slot);
        if (kind != '-' && w >= 1.0f && slot != SLOT_OTHER)
            e->top = 1;
    }
}

static void load(void)
{
    build_fold();
    for (int s = 0; s < NSLOT; s++)
        load_file(s);
    for (size_t i = 0; i < HSIZE; i++) {
        lex_entry *e = &lex[i];
        if (!e->len)
            continue;
        float sum = 0;
        for (int s = 0; s < NSLOT; s++)
            sum += e->w[s];
        for (int s = 0; s < NSLOT; s++)
            e->c[s] = sum > 0 ? e->w[s] * e->w[s] / sum : 0;
    }
}

/* ------------------------------------------------------------------ scoring */

typedef struct scan {
    double score[NSLOT];
    size_t hits[NSLOT];     /* words found in each language's list */
    size_t words;           /* Latin-script words */
    size_t latin, nonlatin; /* letters */
} scan;

static void add_mask(scan *sc, unsigned mask, double w)
{
    int n = __builtin_popcount(mask);
    if (n == 0)
        return;
    for (int s = 0; s < NSLOT; s++)
        if (mask & (1u << s))
            sc->score[s] += w / n;
}

/* accented: the word had a non-ASCII letter.  A match that needs accents
 * added or removed ("deja" for French "déjà", Spanish "deja") counts half. */
static void end_word(scan *sc, const char *w, size_t n, int foreign, int accented)
{
    if (n == 0)
        return;
    sc->words++;
    if (foreign || n > MAXWORD)
        return;
    const lex_entry *e = lex_find(w, n, 0);
    if (e) {
        for (int s = 0; s < NSLOT; s++) {
            int same = ((accented ? e->accented : e->plain) >> s) & 1;
            sc->score[s] += same ? e->c[s] : 0.5 * e->c[s];
            if (e->hits & (1u << s))
                sc->hits[s]++;
        }
    } else if (n >= 4) {
        char key[MAXWORD + 2];
        key[0] = '-';
        size_t kmax = n - 2 < 5 ? n - 2 : 5;
        for (size_t k = kmax; k >= 2; k--) {
            memcpy(key + 1, w + n - k, k);
            const lex_entry *x = lex_find(key, k + 1, 0);
            if (x) {
                for (int s = 0; s < NSLOT; s++)
                    sc->score[s] += W_SUFFIX * x->c[s];
                break;
            }
        }
    }
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned a = (unsigned)(w[i] - 'a'), b = (unsigned)(w[i + 1] - 'a');
        unsigned m = ngram2[a * 26 + b];
        if (i + 2 < n)
            m |= (unsigned)ngram3[(a * 26 + b) * 26 + (unsigned)(w[i + 2] - 'a')] << 8;
        if (m) {
            add_mask(sc, m & 0xff, W_NGRAM);
            add_mask(sc, m >> 8, W_NGRAM);
        }
    }
}

static int is_letter_cat(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static void do_scan(const char *text, size_t len, scan *sc)
{
    memset(sc, 0, sizeof *sc);
    if (!text)
        return;
    pthread_once(&once, load);
    const unsigned char *s = (const unsigned char *)text;
    size_t n = len;
    if (n > RC_LANGID_SAMPLE) {
        n = RC_LANGID_SAMPLE;
        while (n > 0 && (s[n] & 0xC0) == 0x80)  /* cut at a character start */
            n--;
    }
    char w[MAXWORD + 1];
    size_t wn = 0;          /* letters of the current word (may exceed MAXWORD) */
    int foreign = 0, accented = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                if (wn < MAXWORD)
                    w[wn] = (char)(c | 0x20);
                wn++;
                sc->latin++;
            } else {
                end_word(sc, w, wn, foreign, accented);
                wn = 0;
                foreign = accented = 0;
            }
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(s, n, i, &cp);
        if (k == 0) {
            end_word(sc, w, wn, foreign, accented);
            wn = 0;
            foreign = accented = 0;
            i++;
            continue;
        }
        i += k;
        if (cp >= CH_LO && cp < CH_HI && charmask[cp - CH_LO])
            add_mask(sc, charmask[cp - CH_LO], W_CHAR);
        if (cp >= FO_LO && cp < CH_HI && foldtab[cp - FO_LO][0]) {
            const char *f = foldtab[cp - FO_LO];
            sc->latin++;
            accented = 1;
            if (f[0] == 1)
                foreign = 1;
            for (; *f; f++) {
                if (wn < MAXWORD)
                    w[wn] = *f;
                wn++;
            }
            continue;
        }
        if (cp >= 0x1E00 && cp <= 0x1EFF) {     /* Latin Extended Additional */
            sc->latin++;
            sc->score[SLOT_OTHER] += W_CHAR;
            foreign = 1;
            if (wn < MAXWORD)
                w[wn] = 'x';
            wn++;
            continue;
        }
        if (cp >= 0x370 && is_letter_cat(cp))
            sc->nonlatin++;
        else if (cp >= 0x300 && cp < 0x370)     /* combining mark: part of the word */
            continue;
        end_word(sc, w, wn, foreign, accented);
        wn = 0;
        foreign = accented = 0;
    }
    end_word(sc, w, wn, foreign, accented);
}

void rc_langid_scores(const char *text, size_t len, double score[RC_LANG_COUNT_],
                      size_t *words)
{
    scan sc;
    do_scan(text, len, &sc);
    score[RC_LANG_UND] = 0;
    for (int s = 0; s < NSLOT; s++)
        score[s + 1] = sc.score[s];
    if (words)
        *words = sc.words;
}

rc_lang rc_langid(const char *text, size_t len, double *confidence)
{
    scan sc;
    double conf = 0;
    rc_lang res = RC_LANG_UND;
    do_scan(text, len, &sc);
    size_t letters = sc.latin + sc.nonlatin;
    if (letters == 0)
        goto out;
    if (sc.nonlatin > sc.latin) {
        if (sc.nonlatin >= 3) {
            res = RC_LANG_OTHER;
            conf = (double)sc.nonlatin / (double)letters;
        }
        goto out;
    }
    if (sc.words < 3)
        goto out;
    int best = 0;
    for (int s = 1; s < NSLOT - 1; s++)
        if (sc.score[s] > sc.score[best])
            best = s;
    double s1 = sc.score[best], s2 = 0;
    for (int s = 0; s < NSLOT; s++)
        if (s != best && sc.score[s] > s2)
            s2 = sc.score[s];
    if (sc.score[SLOT_OTHER] > s1) {
        res = RC_LANG_OTHER;
        s1 = sc.score[SLOT_OTHER];
        s2 = sc.score[best];
    } else if (s1 < 0.3) {
        /* Nothing recognisable: a handful of names is undetermined, a
         * longer text is in some other language. */
        if (sc.words >= 8) {
            res = RC_LANG_OTHER;
            conf = 0.3;
        }
        goto out;
    } else if (sc.words >= 20 && (double)sc.hits[best] < 0.1 * (double)sc.words) {
        /* Long text where the winner's function words are rare: a few
         * accidental matches in another language. */
        res = RC_LANG_OTHER;
        conf = 0.5;
        goto out;
    } else {
        res = (rc_lang)(best + 1);
    }
    double margin = s1 > 0 ? (s1 - s2) / s1 : 0;
    conf = sqrt(margin) * (s1 / (s1 + 2.0));
out:
    if (confidence)
        *confidence = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    return res;
}

int rc_langid_is_function_word(const char *word, size_t len)
{
    pthread_once(&once, load);
    char key[MAXWORD + 1];
    int n = fold_word(word, len, key);
    if (n <= 0)
        return 0;
    const lex_entry *e = lex_find(key, (size_t)n, 0);
    return e && e->top;
}

/* ------------------------------------------------------------------ codes */

static const char *const lang_codes[RC_LANG_COUNT_] = {
    "und", "fr", "en", "de", "es", "it", "pt", "nl", "other",
};

const char *rc_lang_code(rc_lang l)
{
    if ((unsigned)l >= RC_LANG_COUNT_)
        return "und";
    return lang_codes[l];
}

const char *rc_lang_snowball(rc_lang l)
{
    static const char *const names[RC_LANG_COUNT_] = {
        [RC_LANG_FR] = "french", [RC_LANG_EN] = "english", [RC_LANG_DE] = "german",
        [RC_LANG_ES] = "spanish", [RC_LANG_IT] = "italian", [RC_LANG_PT] = "portuguese",
        [RC_LANG_NL] = "dutch",
    };
    return (unsigned)l < RC_LANG_COUNT_ ? names[l] : NULL;
}

/* Names accepted by rc_lang_from_code (lower case), besides the codes. */
static const struct {
    const char *name;
    rc_lang lang;
} lang_names[] = {
    {"fra", RC_LANG_FR}, {"fre", RC_LANG_FR}, {"french", RC_LANG_FR},
    {"français", RC_LANG_FR}, {"francais", RC_LANG_FR},
    {"eng", RC_LANG_EN}, {"english", RC_LANG_EN}, {"anglais", RC_LANG_EN},
    {"deu", RC_LANG_DE}, {"ger", RC_LANG_DE}, {"german", RC_LANG_DE},
    {"deutsch", RC_LANG_DE}, {"allemand", RC_LANG_DE},
    {"spa", RC_LANG_ES}, {"spanish", RC_LANG_ES}, {"español", RC_LANG_ES},
    {"espanol", RC_LANG_ES}, {"castellano", RC_LANG_ES}, {"espagnol", RC_LANG_ES},
    {"ita", RC_LANG_IT}, {"italian", RC_LANG_IT}, {"italiano", RC_LANG_IT},
    {"italien", RC_LANG_IT},
    {"por", RC_LANG_PT}, {"portuguese", RC_LANG_PT}, {"português", RC_LANG_PT},
    {"portugues", RC_LANG_PT}, {"portugais", RC_LANG_PT},
    {"nld", RC_LANG_NL}, {"dut", RC_LANG_NL}, {"dutch", RC_LANG_NL},
    {"nederlands", RC_LANG_NL}, {"néerlandais", RC_LANG_NL}, {"flemish", RC_LANG_NL},
};

rc_lang rc_lang_from_code(rc_str code)
{
    if (rc_str_empty(code))
        return RC_LANG_UND;
    const unsigned char *s = (const unsigned char *)code.ptr;
    size_t n = code.len, i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    /* Lower-case the primary part (before '-' or '_'), into a small buffer. */
    char low[40];
    size_t o = 0;
    while (i < n && s[i] != '-' && s[i] != '_') {
        int32_t cp;
        size_t k = utf8_next(s, n, i, &cp);
        if (k == 0)
            return RC_LANG_UND;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (m <= 0 || o + (size_t)m >= sizeof low)
            return RC_LANG_UND;
        memcpy(low + o, enc, (size_t)m);
        o += (size_t)m;
        i += k;
    }
    low[o] = 0;
    if (o == 0)
        return RC_LANG_UND;
    for (int l = 1; l < RC_LANG_COUNT_; l++)
        if (strcmp(low, lang_codes[l]) == 0)
            return (rc_lang)l;
    for (size_t j = 0; j < sizeof lang_names / sizeof lang_names[0]; j++)
        if (strcmp(low, lang_names[j].name) == 0)
            return lang_names[j].lang;
    return RC_LANG_UND;
}
