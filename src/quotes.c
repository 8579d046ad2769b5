/*
 * quotes.c -- who said what: quotations with speakers and cues, and claims
 * with their status in the article, for French and English news.
 *
 * What: rc_quotes_find() finds direct quotations (between quote marks) and
 * indirect ones (reported speech), each with its speaker and reporting cue;
 * rc_claims_find() turns quotations and status cues ("a démenti", "declined
 * to comment", "aurait + participe") into claims with a status and a source;
 * rc_quotes_claims_find() does both on one document, sharing their work.
 *
 * Algorithm.  Everything works on the tokens of segment.c, tagged once
 * through a lexicon (data/quotes-verbs-{en,fr}.txt, data/claims-cues-
 * {en,fr}.txt, parsed once under pthread_once): reporting verbs with their
 * inflections, source prepositions ("selon", "according to"), auxiliaries,
 * adverbs, pronouns, determiners, honorifics, negations, status cues, words
 * of body and place names; plus the given names and one-word place names of
 * the shared gazetteers.  A verb form used as a noun ("the claims", "a
 * report", "Musk's tweet") or capitalised inside a sentence ("United
 * States") is not a cue.
 *   1. Quote marks.  One pass over the bytes with a small stack of open
 *      marks (depth <= QM_DEPTH): « » and ‹ ›, “ ” (and ’’ or " as a closer
 *      of “), „ “, ASCII " and '' (toggles), ``...'', ‘ ’ and ASCII '
 *      (’ and ' between two letters are apostrophes: "l’armée", "don’t";
 *      ASCII ' opens only inside another quotation).  Only top-level
 *      quotations are reported; nested ones stay inside.  A quotation never
 *      crosses a paragraph: when a paragraph ends with a quotation open and
 *      the next one starts with an opening mark of the same kind, the
 *      quotation goes on there (the multi-paragraph convention) and each
 *      paragraph's part is reported as its own rc_quote with the speaker and
 *      cue of the whole; otherwise the mark is unbalanced and the part is
 *      kept only when it opened its paragraph (or followed a colon).  An
 *      open mark is dropped after QM_MAX_BYTES without a closer and a group
 *      stops after QM_MAX_PARAS paragraphs: work stays linear whatever the
 *      marks.
 *   2. Text order, sentence by sentence (so that a pronoun sees the
 *      speakers before it): first the direct quotes opening in the sentence,
 *      then its indirect ones.
 *   3. Attachment of a direct quote, nearest first.  After the closing mark
 *      (", said X", ", a déclaré M. X", ", a-t-elle ajouté", ", X said",
 *      "UFCW president Jeff Traeger said Saturday"), else before the opening
 *      mark ("X said:", "X a écrit sur Telegram :", "Selon X, « ... »"),
 *      else an incise inside (« Nous irons, a-t-il dit, jusqu'au bout »).  A
 *      quotation embedded in a sentence that carries the attribution after
 *      it ("Her time has been "life-changing," she said") is extended to the
 *      start of the sentence.  An unattached quotation that opens its
 *      paragraph or sentence and has QM_MIN_WORDS words or more continues the
 *      previous speaker (within QM_FLOAT_PARAS paragraphs), or, when there is
 *      none yet, belongs to the person the previous sentence introduced.
 *      Scare quotes (decision): a quotation with fewer than QM_MIN_WORDS
 *      words and no speaker or cue attached ("so-called «experts»") is not a
 *      quotation; an unattached one in the middle of a sentence needs
 *      QM_MID_WORDS words (titles and slogans are short).
 *   4. Indirect quotes, per sentence, outside quotation marks, for each
 *      reporting verb or source preposition: "X said/a déclaré (à l'AFP)
 *      that/que CONTENT", "X said/wrote: CONTENT", English "X said CONTENT"
 *      (verbs of [say] that take a clause without "that"), post-posed
 *      "CONTENT, X said / a déclaré X / a-t-il ajouté", "Selon X, CONTENT",
 *      "CONTENT, according to X".  The content runs to the end of the
 *      sentence (less its final punctuation), or to ", adding/ajoutant ..."
 *      (which starts the next quote, by the same speaker), or to an
 *      attributed quotation later in the sentence.  A negated cue ("has not
 *      said") reports nothing.  An unattached direct quote inside an
 *      indirect one is absorbed by it.
 *   5. Speakers.  A noun phrase before the verb (skipping auxiliaries and
 *      adverbs; with an apposition or relative clause between commas the
 *      name wins: "His lawyer, Zhang Dongshuo, said", "John Smith, the CEO,
 *      said"; "Kent Moore of the University of Toronto" is Kent Moore), or
 *      after it ("said Peskov", "a déclaré le ministre de l'Agriculture,
 *      Julien Marchetti"), or the pronoun of an inverted verb ("a-t-il").
 *      In a phrase a name ending it wins over the description ("the Kremlin
 *      spokesman Dmitri Peskov"), not a complement ("le procureur de Lyon").
 *      With entity mentions, a mention over the phrase gives its canonical
 *      name (and its span), and a description that a person mention's role
 *      contains ("le porte-parole du Kremlin") that person's name.
 *      Pronouns: he/she/il/elle/a-t-elle go to the most recent compatible
 *      antecedent among the named speakers so far and the first person name
 *      of each sentence (a later sentence's name beats an earlier speaker);
 *      gender comes from M./Mme/Mr/Mrs/Ms, from the first he/she/his/her
 *      after a name in its sentence, and from pronouns already resolved to
 *      it; descriptions ("the company") and bodies or places are no he or
 *      she, but a description is the last resort for il/elle ("le
 *      porte-parole ... a-t-il ajouté").  they/ils/elles/it go to the last
 *      speaker, else to a plural subject opening one of the two previous
 *      sentences ("Les habitants du quartier ..."); unresolved, the pronoun
 *      itself is the speaker.  speaker_start/end is the span of the words
 *      that name the speaker in this sentence -- for a pronoun the pronoun
 *      itself (within an inverted "a-t-il", the "il"), while `speaker` holds
 *      the resolved name: the span says where, the name says who.  A
 *      quotation continuing a speaker named elsewhere has no span (-1).
 *   6. Claims.  Each quotation is a claim of its speaker: asserted, unless
 *      its sentence carries a status cue.  Each sentence with a status cue
 *      and no quotation is a claim.  The longest cue at each token wins
 *      ("n'a pas démenti" over "démenti"; adverbs may come between its
 *      words: "a toutefois reconnu"); a denied or confirmed cue after a
 *      negation ("never denied", "n'a jamais nié") becomes not_denied /
 *      unverified; the specific statuses win over alleged.  Inside quotation
 *      marks only the statuses a speaker gives count ("« nous n'avons rien
 *      à dire »"), never an allegation (a conditional in a quote, or in the
 *      content of reported speech -- "a ajouté que les matchs seraient
 *      joués" -- is the speaker's wording or the concordance of tenses).
 *      The French conditional of allegation outside quotes: aurait/auraient
 *      + participle, serait/seraient + participle or adjective, any other
 *      verb in -rait/-raient ("montrerait") but the modals (pourrait,
 *      devrait...).  The proposition: after "Selon X," / "Reportedly,"; the
 *      whole sentence for an allegation; for the other statuses the clause
 *      after the cue ("denied that ...") or an object of four words or more
 *      that does not point back ("a reconnu l'existence d'un défaut"), else
 *      the previous claim ("a démenti ces informations", "declined to
 *      comment").  Source: the cue's subject ("the company denied"), the
 *      noun phrase after "selon"/"according to", the speaker of the quote;
 *      none for an allegation made by the outlet itself.  Chain: the noun
 *      phrase after "citing", "quoting", "citant", "qui cite" in the
 *      sentence is whom the source cites (rc_claim.cited: "Kommersant,
 *      citing a source"); these words open no source of their own, and
 *      ", citing X" ends reported content.  Decision: a
 *      sentence with no attribution and no cue is not a claim, except the
 *      article's first sentence (its lead fact), asserted by the outlet
 *      (empty source) when it has QM_LEAD_WORDS words or more.
 *   7. Shared work.  The groundwork of the steps above -- tagged tokens,
 *      sentences and paragraphs, the quote marks and the tokens they hold,
 *      word counts, the name candidates of each sentence -- is one
 *      per-document context (doc_prepare) that neither recogniser changes
 *      afterwards; rc_quotes_claims_find (what the pipeline calls) builds it
 *      once for both, and the claims pass only forgets the speakers the
 *      quotes pass remembered for pronouns, so its results are those of
 *      rc_claims_find on a fresh context.  Most of the cost was there (two
 *      thirds of quotes + claims, by callgrind): tagging skips the French
 *      inversion suffixes for words without a hyphen, cue tests skip words
 *      that start no phrase of the kind (a per-word mask), and the quote-mark
 *      scan steps over characters that cannot start a mark.
 *
 * Why: rules over a lexicon are fast (tens of MB/s), explainable (a wrong
 * speaker is traced to one rule), need no model, and handle the French
 * constructions (inversion, « » with no-break spaces, conditional of
 * allegation) that English-trained extractors miss.  Every scan from a
 * token is bounded by a constant (QM_WINDOW tokens), sentence-wide counts
 * come from prefix sums, so the whole is linear in the text; quotes and
 * claims together cost about 0.7 of entity recognition on the same text
 * (bench/bench_stages.c).
 */
#include "quotes.h"
#include "data.h"
#include "segment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define QM_DEPTH 6            /* nesting of quote marks followed */
#define QM_MAX_BYTES 12000    /* an open mark with no closer within this is dropped */
#define QM_MAX_PARAS 12       /* paragraphs a multi-paragraph quotation may span */
#define QM_MIN_WORDS 4        /* shorter unattached quotations are scare quotes */
#define QM_MID_WORDS 8        /* unattached mid-sentence quotations need this many */
#define QM_FLOAT_PARAS 3      /* a floating quotation continues a speaker this close */
#define QM_LEAD_WORDS 6       /* the lead sentence is a claim from this many words */
#define QM_WINDOW 14          /* tokens scanned around a cue for a speaker */
#define QM_MAXW 8             /* words in a lexicon phrase */
#define QM_NORM 64            /* bytes of a normalised word */

/* ------------------------------------------------------------------ lexicon */

enum {
    F_SAY = 1u << 0,      /* reporting verb that takes a clause without "that" */
    F_VERB = 1u << 1,     /* any reporting verb */
    F_AUX = 1u << 2,
    F_ADV = 1u << 3,
    F_THAT = 1u << 4,
    F_PM = 1u << 5,       /* pronouns: masculine, feminine, other */
    F_PF = 1u << 6,
    F_PP = 1u << 7,
    F_DET = 1u << 8,
    F_NEG = 1u << 9,
    F_TM = 1u << 10,      /* honorifics: masculine, feminine, any */
    F_TF = 1u << 11,
    F_TITLE = 1u << 12,
    F_STOP = 1u << 13,    /* capitalised but not a name */
    F_PREP = 1u << 14,
    F_REL = 1u << 15,
    F_COND = 1u << 16,    /* aurait, serait... */
    F_CONDNOT = 1u << 17, /* pu, dû: counterfactual after aurait */
    F_FIRST = 1u << 18,   /* a given name (data/gaz-firstnames.txt) */
    F_CONJ = 1u << 19,    /* and, but, et, mais */
    F_ANAPH = 1u << 20,   /* "ces informations", "the reports": points back */
    F_ORG = 1u << 21,     /* a word of body or place names: University, Ministère */
    F_CITE = 1u << 22,    /* opens the source a source cites: citing, citant */
};
#define F_PRON (F_PM | F_PF | F_PP)
#define F_ANYTITLE (F_TM | F_TF | F_TITLE)

enum { K_VERB = 1, K_SAY, K_SOURCE, K_STATUS };
enum { L_EN = 0, L_FR = 1 };

typedef struct lex_word {
    const char *s;
    uint32_t len;
    uint32_t flags[2];     /* per language */
    int32_t phrases;       /* first phrase starting with this word, -1 */
    uint8_t pkinds[2];     /* per language: 1 << kind for each kind of those phrases */
} lex_word;

typedef struct lex_phrase {
    int32_t w[QM_MAXW];
    uint8_t nw, kind, status, lang;
    int32_t next;
} lex_phrase;

static struct {
    int ok;
    lex_word *words;
    size_t nwords, cap;       /* cap: hash size (power of two) */
    int32_t *hash;            /* word index or -1 */
    lex_phrase *phrases;
    size_t nphrases, phcap;
} lex;

static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* Lower-case ASCII and Latin-1 capitals, ’ -> '.  Returns 0 when too long. */
static size_t norm_word(const char *p, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (o + 3 >= QM_NORM)
            return 0;
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)p[i + 1] >= 0x80 &&
                   (unsigned char)p[i + 1] <= 0x9E && (unsigned char)p[i + 1] != 0x97) {
            out[o++] = (char)c;
            out[o++] = (char)(p[i + 1] + 0x20);
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
                   (unsigned char)p[i + 2] == 0x99) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = 0;
    return o;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int32_t lex_find(const char *s, size_t n)
{
    if (!lex.hash)
        return -1;
    uint32_t m = (uint32_t)lex.cap - 1, h = hash_bytes(s, n) & m;
    while (lex.hash[h] >= 0) {
        const lex_word *w = &lex.words[lex.hash[h]];
        if (w->len == n && memcmp(w->s, s, n) == 0)
            return lex.hash[h];
        h = (h + 1) & m;
    }
    return -1;
}

static int lex_grow_hash(void)
{
    size_t ncap = lex.cap ? lex.cap * 2 : 4096;
    int32_t *nh = malloc(ncap * sizeof *nh);
    if (!nh)
        return -1;
    memset(nh, 0xff, ncap * sizeof *nh);
    for (size_t i = 0; i < lex.nwords; i++) {
        uint32_t h = hash_bytes(lex.words[i].s, lex.words[i].len) & (uint32_t)(ncap - 1);
        while (nh[h] >= 0)
            h = (h + 1) & (uint32_t)(ncap - 1);
        nh[h] = (int32_t)i;
    }
    free(lex.hash);
    lex.hash = nh;
    lex.cap = ncap;
    return 0;
}

/* Index of the (normalised) word, added if new; -1 on OOM. */
static int32_t lex_intern(const char *s, size_t n)
{
    int32_t id = lex_find(s, n);
    if (id >= 0)
        return id;
    if ((lex.nwords + 1) * 2 > lex.cap && lex_grow_hash() < 0)
        return -1;
    if (lex.nwords % 256 == 0) {
        lex_word *nw = realloc(lex.words, (lex.nwords + 256) * sizeof *nw);
        if (!nw)
            return -1;
        lex.words = nw;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = 0;
    lex_word *w = &lex.words[lex.nwords];
    w->s = copy;
    w->len = (uint32_t)n;
    w->flags[0] = w->flags[1] = 0;
    w->phrases = -1;
    w->pkinds[0] = w->pkinds[1] = 0;
    uint32_t m = (uint32_t)lex.cap - 1, h = hash_bytes(s, n) & m;
    while (lex.hash[h] >= 0)
        h = (h + 1) & m;
    lex.hash[h] = (int32_t)lex.nwords;
    return (int32_t)lex.nwords++;
}

typedef struct section_map {
    const char *name;
    uint32_t flags;    /* word flags, or 0 for a phrase kind */
    uint8_t kind, status;
} section_map;

static const section_map sections[] = {
    {"say", F_SAY | F_VERB, K_SAY, 0},
    {"verb", F_VERB, K_VERB, 0},
    {"source", 0, K_SOURCE, 0},
    {"aux", F_AUX, 0, 0},
    {"adv", F_ADV, 0, 0},
    {"that", F_THAT, 0, 0},
    {"pron-m", F_PM, 0, 0},
    {"pron-f", F_PF, 0, 0},
    {"pron-p", F_PP, 0, 0},
    {"det", F_DET, 0, 0},
    {"neg", F_NEG, 0, 0},
    {"title-m", F_TM, 0, 0},
    {"title-f", F_TF, 0, 0},
    {"title", F_TITLE, 0, 0},
    {"stop", F_STOP, 0, 0},
    {"prep", F_PREP, 0, 0},
    {"rel", F_REL, 0, 0},
    {"cond", F_COND, 0, 0},
    {"cond-not", F_CONDNOT, 0, 0},
    {"anaphor", F_ANAPH, 0, 0},
    {"org", F_ORG, 0, 0},
    {"cite", F_CITE, 0, 0},
    {"alleged", 0, K_STATUS, RC_CLAIM_ALLEGED},
    {"confirmed", 0, K_STATUS, RC_CLAIM_CONFIRMED},
    {"denied", 0, K_STATUS, RC_CLAIM_DENIED},
    {"not_denied", 0, K_STATUS, RC_CLAIM_NOT_DENIED},
    {"no_comment", 0, K_STATUS, RC_CLAIM_NO_COMMENT},
    {"unverified", 0, K_STATUS, RC_CLAIM_UNVERIFIED},
};

static int lex_add_phrase(const int32_t *w, size_t nw, uint8_t kind, uint8_t status, int l)
{
    lex.words[w[0]].pkinds[l] |= (uint8_t)(1u << kind);
    /* an identical phrase of the same kind just gains the language */
    for (int32_t p = lex.words[w[0]].phrases; p >= 0; p = lex.phrases[p].next) {
        lex_phrase *ph = &lex.phrases[p];
        if (ph->nw == nw && ph->kind == kind && ph->status == status &&
            memcmp(ph->w, w, nw * sizeof *w) == 0) {
            ph->lang |= (uint8_t)(1u << l);
            return 0;
        }
    }
    if (lex.nphrases == lex.phcap) {
        size_t nc = lex.phcap ? lex.phcap * 2 : 512;
        lex_phrase *np = realloc(lex.phrases, nc * sizeof *np);
        if (!np)
            return -1;
        lex.phrases = np;
        lex.phcap = nc;
    }
    lex_phrase *ph = &lex.phrases[lex.nphrases];
    memset(ph, 0, sizeof *ph);
    memcpy(ph->w, w, nw * sizeof *w);
    ph->nw = (uint8_t)nw;
    ph->kind = kind;
    ph->status = status;
    ph->lang = (uint8_t)(1u << l);
    ph->next = lex.words[w[0]].phrases;
    lex.words[w[0]].phrases = (int32_t)lex.nphrases;
    lex.nphrases++;
    return 0;
}

static int lex_load(const char *file, int l, rc_arena *a)
{
    rc_str f = rc_data_get(file);
    size_t pos = 0;
    rc_str line;
    const section_map *sec = NULL;
    while (rc_data_next_line(f, &pos, &line)) {
        if (line.ptr[0] == '[') {
            sec = NULL;
            for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
                size_t n = strlen(sections[i].name);
                if (line.len == n + 2 && memcmp(line.ptr + 1, sections[i].name, n) == 0)
                    sec = &sections[i];
            }
            continue;
        }
        if (!sec)
            continue;
        /* the data line is tokenised exactly as documents are */
        rc_token *t;
        size_t nt;
        if (rc_tokenize(a, line, &t, &nt) != 0)
            return -1;
        if (nt == 0 || nt > QM_MAXW)
            continue;
        int32_t ids[QM_MAXW];
        char nb[QM_NORM];
        int bad = 0;
        for (size_t i = 0; i < nt; i++) {
            size_t n = norm_word(line.ptr + t[i].start, t[i].end - t[i].start, nb);
            if (n == 0) {
                bad = 1;
                break;
            }
            ids[i] = lex_intern(nb, n);
            if (ids[i] < 0)
                return -1;
        }
        if (bad)
            continue;
        if (nt == 1 && sec->flags)
            lex.words[ids[0]].flags[l] |= sec->flags;
        if (sec->kind && (nt > 1 || sec->kind == K_SOURCE || sec->kind == K_STATUS))
            if (lex_add_phrase(ids, nt, sec->kind, sec->status, l) < 0)
                return -1;
    }
    return 0;
}

/* Conjunctions, and the shared gazetteers used when no entity mentions are
 * given: given names (data/gaz-firstnames.txt: "Jane Doe" is a person) and
 * one-word place names (data/gaz-places.tsv: "Canada" is no he or she).
 * A missing file only means fewer hints. */
static int lex_load_names(void)
{
    rc_str f = rc_data_get("gaz-firstnames.txt");
    size_t pos = 0;
    rc_str line;
    char nb[QM_NORM];
    static const char *conj[] = {"and", "but", "et", "mais", "or", "ou"};
    for (size_t i = 0; i < sizeof conj / sizeof *conj; i++) {
        int32_t id = lex_intern(conj[i], strlen(conj[i]));
        if (id < 0)
            return -1;
        lex.words[id].flags[0] |= F_CONJ;
        lex.words[id].flags[1] |= F_CONJ;
    }
    while (rc_data_next_line(f, &pos, &line)) {
        int simple = 1;
        for (size_t i = 0; i < line.len && simple; i++)
            simple = line.ptr[i] != ' ' && line.ptr[i] != '-' && line.ptr[i] != '\'' &&
                     line.ptr[i] != '\t';
        if (!simple)
            continue;
        size_t n = norm_word(line.ptr, line.len, nb);
        if (n == 0)
            continue;
        int32_t id = lex_intern(nb, n);
        if (id < 0)
            return -1;
        lex.words[id].flags[0] |= F_FIRST;
        lex.words[id].flags[1] |= F_FIRST;
    }
    /* one-word place names (first column of gaz-places.tsv): a place is
     * no antecedent for he/she */
    f = rc_data_get("gaz-places.tsv");
    pos = 0;
    while (rc_data_next_line(f, &pos, &line)) {
        size_t e = 0;
        while (e < line.len && line.ptr[e] != '\t')
            e++;
        int simple = e > 0;
        for (size_t i = 0; i < e && simple; i++)
            simple = line.ptr[i] != ' ' && line.ptr[i] != '-' && line.ptr[i] != '\'';
        if (!simple)
            continue;
        size_t n = norm_word(line.ptr, e, nb);
        if (n == 0)
            continue;
        int32_t id = lex_intern(nb, n);
        if (id < 0)
            return -1;
        lex.words[id].flags[0] |= F_ORG;
        lex.words[id].flags[1] |= F_ORG;
    }
    return 0;
}

static void lex_init(void)
{
    rc_arena *a = rc_arena_new(0);
    if (!a)
        return;
    if (lex_grow_hash() == 0 &&
        lex_load("quotes-verbs-en.txt", L_EN, a) == 0 &&
        lex_load("quotes-verbs-fr.txt", L_FR, a) == 0 &&
        lex_load("claims-cues-en.txt", L_EN, a) == 0 &&
        lex_load("claims-cues-fr.txt", L_FR, a) == 0 &&
        lex_load_names() == 0)
        lex.ok = 1;
    rc_arena_free(a);
}

static int lex_ready(void)
{
    pthread_once(&lex_once, lex_init);
    return lex.ok;
}

/* ------------------------------------------------------------------ document context */

enum { G_NONE = 0, G_M, G_F, G_P };

typedef struct tinfo {
    int32_t wid;           /* lexicon word, -1 */
    uint32_t flags;
    int32_t dq;            /* direct piece holding the token, -1; -2 a quote mark */
    int32_t sent;
    uint8_t cap;           /* starts with a capital letter */
    uint8_t inv;           /* inverted subject pronoun in the token: G_M, G_F, G_P */
    uint8_t invlen;        /* bytes of that pronoun at the token's end */
    uint8_t word;          /* RC_TOK_WORD */
    uint8_t noverb;        /* a verb form used as a noun or name here */
    uint8_t pk;            /* 1 << kind for each kind of phrase the word starts (in c->l) */
} tinfo;

typedef struct piece {
    uint32_t open, cs, ce, cend;   /* open mark, content [cs, ce), after the closer */
    int32_t group;                 /* first piece of a multi-paragraph quotation */
    int32_t ta, tb;                /* content tokens */
    int32_t to, tc;                /* open-mark token, first token after the closer */
    uint8_t closed;
    uint8_t drop;
} piece;

typedef struct spk {
    rc_str name;
    int32_t s, e;          /* span of the words naming the speaker */
    uint32_t pos;          /* where it was named (pronoun antecedents) */
    uint8_t gender;
    uint8_t named;         /* a name or description, not a bare pronoun */
    uint8_t proper;        /* a proper name (not a description) */
} spk;

typedef struct cand {
    rc_str name;
    uint32_t pos;
    int32_t sent;
    uint8_t gender;        /* from a he/she/his/her later in its sentence */
} cand;

typedef struct qtmp {
    uint32_t start, end;
    uint8_t direct;
    int32_t piece;         /* -1 for indirect */
    spk sp;
    int32_t cue_s, cue_e;  /* byte span */
    int32_t cue_tok;       /* first cue token, -1 */
    int32_t sent;
} qtmp;

typedef struct ctx {
    rc_arena *a;
    rc_str text;
    int l;                 /* L_EN, L_FR, or -1 for both */
    const rc_span *sents;
    size_t n_sents;
    const rc_token *toks;
    size_t n_toks;
    const rc_mention *men;
    size_t n_men;
    tinfo *ti;
    int32_t *sfirst, *send;   /* token range of each sentence */
    uint32_t *spara;          /* paragraph number of each sentence */
    uint32_t *wsum;           /* words before token i */
    uint32_t *qsum;           /* words in direct quotes before token i */
    piece *pc;
    size_t npc, pccap;
    /* speakers seen, for pronouns */
    spk hist[32];
    size_t nhist;
    cand *cands;              /* the first person name of each sentence */
    size_t ncands;
    int32_t last_q;           /* last attributed quote, for floating quotes */
    qtmp *q;
    size_t nq, qcap;
} ctx;

static uint32_t lang_flags(const lex_word *w, int l)
{
    return l < 0 ? (w->flags[0] | w->flags[1]) : w->flags[l];
}

static const char *tok_ptr(const ctx *c, size_t i)
{
    return c->text.ptr + c->toks[i].start;
}

static size_t tok_len(const ctx *c, size_t i)
{
    return c->toks[i].end - c->toks[i].start;
}

static int tok_is(const ctx *c, size_t i, const char *s)
{
    size_t n = strlen(s);
    return tok_len(c, i) == n && memcmp(tok_ptr(c, i), s, n) == 0;
}

static int is_word(const ctx *c, int32_t i)
{
    return i >= 0 && (size_t)i < c->n_toks && c->ti[i].word;
}

static int is_punct(const ctx *c, int32_t i, const char *s)
{
    return i >= 0 && (size_t)i < c->n_toks && c->toks[i].kind == RC_TOK_PUNCT && tok_is(c, (size_t)i, s);
}

/* A sentence-ending mark. */
static int is_end_punct(const ctx *c, int32_t i)
{
    return is_punct(c, i, ".") || is_punct(c, i, "!") || is_punct(c, i, "?") ||
           is_punct(c, i, "\xE2\x80\xA6");
}

static int is_dash(const ctx *c, int32_t i)
{
    return is_punct(c, i, "\xE2\x80\x94") || is_punct(c, i, "\xE2\x80\x93") || is_punct(c, i, "-");
}

/* Upper-case first letter: ASCII or Latin-1 capitals. */
static int starts_cap(const char *p, size_t n)
{
    unsigned char c = (unsigned char)p[0];
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (c == 0xC3 && n > 1 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9E &&
        (unsigned char)p[1] != 0x97)
        return 1;
    return 0;
}

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Tag every token with its lexicon entry. */
static void tag_tokens(ctx *c)
{
    char nb[QM_NORM];
    for (size_t i = 0; i < c->n_toks; i++) {
        tinfo *t = &c->ti[i];
        t->wid = -1;
        t->dq = -1;
        t->word = c->toks[i].kind == RC_TOK_WORD;
        if (!t->word)
            continue;
        t->cap = (uint8_t)starts_cap(tok_ptr(c, i), tok_len(c, i));
        size_t n = norm_word(tok_ptr(c, i), tok_len(c, i), nb);
        if (n == 0)
            continue;
        t->wid = lex_find(nb, n);
        if (t->wid >= 0) {
            const lex_word *lw = &lex.words[t->wid];
            t->flags = lang_flags(lw, c->l);
            t->pk = c->l < 0 ? (uint8_t)(lw->pkinds[0] | lw->pkinds[1]) : lw->pkinds[c->l];
        }
        /* English negative contractions: didn't, won't */
        if (c->l != L_FR && ends_with(nb, n, "n't"))
            t->flags |= F_NEG;
        /* French inversion: a-t-il, déclare-t-elle, ajoute-t-on, dit-il
         * (every suffix below has a hyphen: most words have none) */
        if (c->l == L_EN || !memchr(nb, '-', n))
            continue;
        static const struct { const char *suf; uint8_t g; uint8_t plen; } inv[] = {
            {"-t-il", G_M, 2}, {"-t-elle", G_F, 4}, {"-t-on", G_P, 2}, {"-t-ils", G_P, 3},
            {"-t-elles", G_P, 5}, {"-ils", G_P, 3}, {"-elles", G_P, 5}, {"-il", G_M, 2},
            {"-elle", G_F, 4}, {"-on", G_P, 2},
        };
        for (size_t k = 0; k < sizeof inv / sizeof *inv; k++) {
            if (!ends_with(nb, n, inv[k].suf) || n == strlen(inv[k].suf))
                continue;
            t->inv = inv[k].g;
            t->invlen = inv[k].plen;
            if (!(t->flags & (F_VERB | F_AUX))) {
                int32_t w = lex_find(nb, n - strlen(inv[k].suf));
                if (w >= 0)
                    t->flags |= lang_flags(&lex.words[w], c->l) & (F_VERB | F_SAY | F_AUX);
            }
            if (!(t->flags & (F_VERB | F_AUX)))
                t->inv = 0;
            break;
        }
    }
}

/* Longest lexicon phrase of kind `kind` (0: any of VERB/SAY/SOURCE/STATUS
 * accepted by want) starting at token i; returns its length in tokens. */
static int phrase_at(const ctx *c, size_t i, uint8_t kind, const lex_phrase **out)
{
    const tinfo *t = &c->ti[i];
    /* most words start no phrase of this kind: no walk of their list */
    if (t->wid < 0 || !(t->pk & (1u << kind)))
        return 0;
    int best = 0;
    for (int32_t p = lex.words[t->wid].phrases; p >= 0; p = lex.phrases[p].next) {
        const lex_phrase *ph = &lex.phrases[p];
        if (ph->kind != kind)
            continue;
        if (c->l >= 0 && !(ph->lang & (1u << c->l)))
            continue;
        /* words in order, within the sentence; up to two adverbs may come
         * between them ("a toutefois reconnu", "has also denied") */
        size_t k = 1, j = i + 1;
        int skipped = 0;
        while (k < ph->nw && j < c->n_toks && c->ti[j].sent == t->sent) {
            if (c->ti[j].wid == ph->w[k]) {
                k++;
                j++;
            } else if (skipped < 2 && (c->ti[j].flags & F_ADV) && !(c->ti[j].flags & F_NEG)) {
                skipped++;
                j++;
            } else {
                break;
            }
        }
        if (k == ph->nw && (int)(j - i) > best) {
            best = (int)(j - i);
            *out = ph;
        }
    }
    return best;
}

/* ------------------------------------------------------------------ quote marks */

enum { M_GUIL = 1, M_GUIL1, M_DQ, M_LOW, M_ASCII, M_SQ, M_SQA };

static int is_space_at(rc_str t, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)t.ptr[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        *len = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < t.len && (unsigned char)t.ptr[i + 1] == 0xA0) {
        *len = 2;
        return 1;
    }
    if (c == 0xE2 && i + 2 < t.len && (unsigned char)t.ptr[i + 1] == 0x80 &&
        ((unsigned char)t.ptr[i + 2] == 0xAF || (unsigned char)t.ptr[i + 2] == 0x89 ||
         (unsigned char)t.ptr[i + 2] == 0x8A)) {
        *len = 3;
        return 1;
    }
    return 0;
}

/* Letter-ish byte context: ASCII letters/digits or any non-ASCII lead/cont
 * byte that is not one of our marks (good enough to tell apostrophes). */
static int letter_before(rc_str t, size_t i)
{
    if (i == 0)
        return 0;
    unsigned char c = (unsigned char)t.ptr[i - 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    if (c >= 0x80 && i >= 2 && (unsigned char)t.ptr[i - 2] == 0xC3)
        return 1;   /* Latin-1 letter */
    return 0;
}

static int letter_after(rc_str t, size_t i)
{
    if (i >= t.len)
        return 0;
    unsigned char c = (unsigned char)t.ptr[i];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == 0xC3 || c == 0xC5;
}

static int space_or_edge_before(rc_str t, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char c = (unsigned char)t.ptr[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '(' || c == '[' || c == '/' || c == '-' ||
        c == ':' || c == ',' || c == ';')
        return 1;
    if (i >= 2 && (unsigned char)t.ptr[i - 2] == 0xC2 && c == 0xA0)
        return 1;
    if (i >= 3 && (unsigned char)t.ptr[i - 3] == 0xE2 && (unsigned char)t.ptr[i - 2] == 0x80)
        return 1;   /* after a dash, a narrow space, another mark */
    return 0;
}

static int nonspace_after(rc_str t, size_t i)
{
    size_t l;
    return i < t.len && !is_space_at(t, i, &l);
}

/* The first bytes of what mark_at() recognises, and the line break that
 * may end a paragraph: scan_marks() looks closer only at these. */
static const uint8_t mark_lead[256] = {
    ['\n'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, [0xC2] = 1, [0xE2] = 1,
};

/* Mark at i: its kind, length and whether it opens (1), closes (2) or may do
 * both (3).  0 if none. */
static int mark_at(rc_str t, size_t i, int *kind, size_t *len)
{
    const unsigned char *p = (const unsigned char *)t.ptr + i;
    size_t left = t.len - i;
    if (p[0] == '"') {
        *kind = M_ASCII; *len = 1;
        return 3;
    }
    if (left >= 2 && ((p[0] == '\'' && p[1] == '\'') || (p[0] == '`' && p[1] == '`'))) {
        /* ''typewriter'' and ``TeX'' double quotes (NYT archives) */
        *kind = M_ASCII; *len = 2;
        return p[0] == '`' ? 1 : 3;
    }
    if (p[0] == '\'') {
        *kind = M_SQA; *len = 1;
        return 3;
    }
    if (p[0] == 0xC2 && left >= 2) {
        *len = 2;
        if (p[1] == 0xAB) { *kind = M_GUIL; return 1; }
        if (p[1] == 0xBB) { *kind = M_GUIL; return 2; }
        return 0;
    }
    if (p[0] == 0xE2 && left >= 3 && p[1] == 0x80) {
        *len = 3;
        switch (p[2]) {
        case 0x9C: *kind = M_DQ; return 1;     /* “ */
        case 0x9D: *kind = M_DQ; return 2;     /* ” */
        case 0x9E: *kind = M_LOW; return 1;    /* „ */
        case 0x98: *kind = M_SQ; return 1;     /* ‘ */
        case 0x99: *kind = M_SQ; return 2;     /* ’ */
        case 0xB9: *kind = M_GUIL1; return 1;  /* ‹ */
        case 0xBA: *kind = M_GUIL1; return 2;  /* › */
        default: return 0;
        }
    }
    return 0;
}

static void trim_span(rc_str t, uint32_t *s, uint32_t *e)
{
    size_t l;
    while (*s < *e && is_space_at(t, *s, &l))
        *s += (uint32_t)l;
    while (*e > *s) {
        unsigned char c = (unsigned char)t.ptr[*e - 1];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            (*e)--;
        } else if (*e - *s >= 2 && c == 0xA0 && (unsigned char)t.ptr[*e - 2] == 0xC2) {
            *e -= 2;
        } else if (*e - *s >= 3 && (unsigned char)t.ptr[*e - 3] == 0xE2 &&
                   (unsigned char)t.ptr[*e - 2] == 0x80 &&
                   (c == 0xAF || c == 0x89 || c == 0x8A)) {
            *e -= 3;
        } else {
            break;
        }
    }
}

static int add_piece(ctx *c, uint32_t open, uint32_t cs, uint32_t ce, uint32_t cend,
                     int closed, int32_t group)
{
    trim_span(c->text, &cs, &ce);
    if (ce > cs && c->text.ptr[ce - 1] == ',') {   /* “We will win,” he said */
        ce--;
        trim_span(c->text, &cs, &ce);
    }
    if (ce <= cs)
        return 0;
    if (c->npc == c->pccap) {
        size_t nc = c->pccap ? c->pccap * 2 : 64;
        piece *np = rc_arena_alloc(c->a, nc * sizeof *np);
        if (!np)
            return RC_ENOMEM;
        if (c->npc)
            memcpy(np, c->pc, c->npc * sizeof *np);
        c->pc = np;
        c->pccap = nc;
    }
    piece *p = &c->pc[c->npc];
    memset(p, 0, sizeof *p);
    p->open = open;
    p->cs = cs;
    p->ce = ce;
    p->cend = cend;
    p->closed = (uint8_t)closed;
    p->group = group >= 0 ? group : (int32_t)c->npc;
    c->npc++;
    return 0;
}

/* Start of the first non-blank character at or after i. */
static size_t skip_blank(rc_str t, size_t i)
{
    size_t l;
    while (i < t.len && is_space_at(t, i, &l))
        i += l;
    return i;
}

static int scan_marks(ctx *c)
{
    rc_str t = c->text;
    int kind_st[QM_DEPTH];
    size_t pos_st[QM_DEPTH], len_st[QM_DEPTH];
    int depth = 0;
    int32_t group = -1;          /* a multi-paragraph quotation going on */
    int group_paras = 0;
    size_t para_start = 0;
    size_t i = 0;
    while (i <= t.len) {
        /* paragraph end: a blank line, or the end of the text */
        int para_end = 0;
        size_t next = i;
        if (i == t.len) {
            para_end = 1;
        } else if (t.ptr[i] == '\n') {
            size_t j = i + 1;
            while (j < t.len && (t.ptr[j] == ' ' || t.ptr[j] == '\t' || t.ptr[j] == '\r'))
                j++;
            if (j < t.len && t.ptr[j] == '\n') {
                para_end = 1;
                next = j + 1;
            }
        }
        if (para_end) {
            if (depth > 0) {
                int k0 = kind_st[0];
                size_t o = pos_st[0], ol = len_st[0];
                size_t np = skip_blank(t, next);
                int nk = 0;
                size_t nl = 0;
                int cont = i < t.len && np < t.len && (mark_at(t, np, &nk, &nl) & 1) &&
                           (nk == k0 || (k0 == M_LOW && nk == M_DQ)) &&
                           group_paras < QM_MAX_PARAS;
                /* kept if continued, or if it opened its paragraph / followed a colon */
                int at_start = skip_blank(t, para_start) == o;
                size_t b = o;
                while (b > para_start && (t.ptr[b - 1] == ' ' || (unsigned char)t.ptr[b - 1] == 0xA0 ||
                                          (unsigned char)t.ptr[b - 1] == 0xC2))
                    b--;
                int after_colon = b > para_start && t.ptr[b - 1] == ':';
                if (cont || group >= 0 || at_start || after_colon) {
                    int32_t g = group;
                    size_t before = c->npc;
                    if (add_piece(c, (uint32_t)o, (uint32_t)(o + ol), (uint32_t)i, (uint32_t)i, 0, g))
                        return RC_ENOMEM;
                    if (cont && c->npc > before) {
                        group = c->pc[c->npc - 1].group;
                        group_paras++;
                    } else if (!cont) {
                        group = -1;
                        group_paras = 0;
                    }
                } else {
                    group = -1;
                    group_paras = 0;
                }
                depth = 0;
            } else {
                group = -1;
                group_paras = 0;
            }
            if (i == t.len)
                break;
            i = next;
            para_start = next;
            continue;
        }
        if (depth > 0 && i - pos_st[depth - 1] > QM_MAX_BYTES) {
            depth = 0;       /* an unclosed mark: forget it, go on from here */
            group = -1;
        }
        int kind = 0;
        size_t len = 0;
        int role = mark_at(t, i, &kind, &len);
        if (!role) {
            /* Most characters are neither a mark nor a line break: step over
             * them here, as the loop would, up to the first that may be one
             * (mark_lead) or where an open mark expires -- the loop takes
             * it from there, so the result is the same. */
            size_t lim = depth > 0 ? pos_st[depth - 1] + QM_MAX_BYTES : SIZE_MAX;
            do {
                unsigned char ch = (unsigned char)t.ptr[i];
                i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
            } while (i < t.len && i <= lim && !mark_lead[(unsigned char)t.ptr[i]]);
            continue;
        }
        int opens = 0, closes = 0;
        int close_kind = kind;
        if (kind == M_ASCII) {
            int open_idx = -1;
            for (int k = depth - 1; k >= 0; k--)
                if (kind_st[k] == M_ASCII) { open_idx = k; break; }
            if (open_idx >= 0)
                closes = 1;
            else if (depth > 0 && (kind_st[depth - 1] == M_DQ || kind_st[depth - 1] == M_LOW) &&
                     !space_or_edge_before(t, i) && !letter_after(t, i + 1)) {
                closes = 1;             /* “...policy," said X */
                close_kind = M_DQ;
            } else if (nonspace_after(t, i + 1) && (space_or_edge_before(t, i) || depth > 0))
                opens = 1;
        } else if (kind == M_SQA) {
            int open_idx = -1;
            for (int k = depth - 1; k >= 0; k--)
                if (kind_st[k] == M_SQA) { open_idx = k; break; }
            if (letter_before(t, i) && letter_after(t, i + 1)) {
                /* apostrophe */
            } else if (open_idx >= 0 && !letter_after(t, i + 1) && !space_or_edge_before(t, i)) {
                closes = 1;
            } else if (depth > 0 && space_or_edge_before(t, i) && letter_after(t, i + 1)) {
                opens = 1;
            }
        } else if (kind == M_SQ && role == 2) {
            /* ’: apostrophe between letters; ’’ closes “; else closes ‘ */
            int dq_open = 0, sq_open = 0;
            for (int k = 0; k < depth; k++) {
                dq_open |= kind_st[k] == M_DQ || kind_st[k] == M_ASCII;
                sq_open |= kind_st[k] == M_SQ;
            }
            if (letter_before(t, i) && letter_after(t, i + 3)) {
                /* apostrophe */
            } else if (i + 6 <= t.len && memcmp(t.ptr + i + 3, "\xE2\x80\x99", 3) == 0 && dq_open &&
                       !sq_open) {
                closes = 1;
                close_kind = M_DQ;
                len = 6;
            } else if (sq_open && !letter_after(t, i + 3)) {
                closes = 1;
            }
        } else if (kind == M_SQ) {          /* ‘ */
            if (nonspace_after(t, i + 3))
                opens = 1;
        } else if (kind == M_DQ && role == 1) {
            int low = 0;
            for (int k = 0; k < depth; k++)
                low |= kind_st[k] == M_LOW;
            if (low) {
                closes = 1;
                close_kind = M_LOW;
            } else {
                opens = 1;
            }
        } else if (kind == M_DQ) {          /* ” closes “ „ or " */
            closes = 1;
        } else {
            opens = role == 1;
            closes = role == 2;
        }
        if (closes) {
            int idx = -1;
            for (int k = depth - 1; k >= 0; k--) {
                int sk = kind_st[k];
                if (sk == close_kind || (close_kind == M_DQ && (sk == M_LOW || sk == M_ASCII)) ||
                    (close_kind == M_ASCII && sk == M_DQ)) {
                    idx = k;
                    break;
                }
            }
            if (idx == 0) {
                if (add_piece(c, (uint32_t)pos_st[0], (uint32_t)(pos_st[0] + len_st[0]),
                              (uint32_t)i, (uint32_t)(i + len), 1, group))
                    return RC_ENOMEM;
                group = -1;
                group_paras = 0;
                depth = 0;
            } else if (idx > 0) {
                depth = idx;
            }
        } else if (opens && depth < QM_DEPTH) {
            kind_st[depth] = kind;
            pos_st[depth] = i;
            len_st[depth] = len;
            depth++;
        }
        i += len;
    }
    return 0;
}

/* ------------------------------------------------------------------ token helpers */

static int32_t tok_at_or_after(const ctx *c, uint32_t off)
{
    size_t lo = 0, hi = c->n_toks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int32_t)lo;
}

static uint32_t words_in(const ctx *c, int32_t a, int32_t b)
{
    if (b <= a)
        return 0;
    return c->wsum[b] - c->wsum[a];
}

/* The longest chain cited after "citing" / "citant" (see find_cited). */
#define QM_CITE_WORDS 12

/* k the first token after a comma: when "citing X," / "qui cite X," opens
 * there, the first token after it ("Selon Kommersant, citant une source,
 * CONTENT": the proposition starts at CONTENT); else k. */
static int32_t skip_cited(const ctx *c, int32_t k, int32_t hi)
{
    int32_t j = k;
    if (j < hi && is_word(c, j) && tok_is(c, (size_t)j, "qui"))
        j++;
    if (!(j < hi && is_word(c, j) && (c->ti[j].flags & F_CITE)))
        return k;
    for (int32_t m = j + 1; m < hi && m <= j + QM_CITE_WORDS + 1; m++)
        if (is_punct(c, m, ","))
            return m + 1 < hi ? m + 1 : k;
    return k;
}

static uint32_t qwords_in(const ctx *c, int32_t a, int32_t b)
{
    if (b <= a)
        return 0;
    return c->qsum[b] - c->qsum[a];
}

/* Text span of tokens [a, b) */
static rc_str toks_str(const ctx *c, int32_t a, int32_t b)
{
    if (b <= a)
        return RC_STR_NULL;
    return (rc_str){c->text.ptr + c->toks[a].start, c->toks[b - 1].end - c->toks[a].start};
}

static int is_title(const ctx *c, int32_t i)
{
    if (!is_word(c, i))
        return 0;
    if (c->ti[i].flags & F_ANYTITLE)
        return 1;
    /* an initial: "Harry J. Kazianis" */
    return tok_len(c, (size_t)i) == 1 && c->ti[i].cap;
}

/* A capitalised word that may be part of a name. */
static int is_namey(const ctx *c, int32_t i)
{
    if (!is_word(c, i) || !c->ti[i].cap)
        return 0;
    uint32_t f = c->ti[i].flags;
    if (f & (F_STOP | F_PRON | F_DET | F_THAT | F_REL | F_AUX))
        return (f & F_ANYTITLE) != 0;
    return 1;
}

static int ascii_ieq(const char *a, const char *b, size_t n);

/* Lower-case particles inside names: "de", "van", "bin"... */
static int is_name_link(const ctx *c, int32_t i)
{
    static const char *links[] = {"de", "du", "des", "van", "von", "der", "den", "bin", "ben",
                                  "al", "el", "da", "di", "le", "la", "of", "and"};
    if (!is_word(c, i))
        return 0;
    size_t n = tok_len(c, (size_t)i);
    if (n < 2 || n > 3)
        return 0;       /* every link has 2 or 3 letters */
    const char *w = tok_ptr(c, (size_t)i);
    for (size_t k = 0; k < sizeof links / sizeof *links; k++)
        if (strlen(links[k]) == n && ascii_ieq(w, links[k], n))
            return 1;   /* "Le Goff", "De Gaulle" too */
    return 0;
}

/* Extend a capitalised run [a, b) backwards and forwards (name parts,
 * honorifics with their period, "de"-type links between capitals). */
static void cap_run(const ctx *c, int32_t i, int32_t lo, int32_t hi, int32_t *pa, int32_t *pb)
{
    int32_t a = i, b = i + 1;
    int32_t s = c->ti[i].sent;
    for (;;) {
        if (a - 1 >= lo && c->ti[a - 1].sent == s && is_namey(c, a - 1)) {
            a--;
        } else if (a - 2 >= lo && is_punct(c, a - 1, ".") && is_title(c, a - 2)) {
            a -= 2;
        } else if (a - 2 >= lo && is_name_link(c, a - 1) && is_namey(c, a - 2) &&
                   !tok_is(c, (size_t)a - 1, "and") && !tok_is(c, (size_t)a - 1, "of") &&
                   !(c->ti[a - 2].flags & F_ANYTITLE)) {
            a -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (b < hi && c->ti[b].sent == s && is_namey(c, b)) {
            b++;
        } else if (b + 1 < hi && is_punct(c, b, ".") && is_title(c, b - 1) && is_namey(c, b + 1)) {
            b += 2;
        } else if (b + 1 < hi && is_name_link(c, b) && is_namey(c, b + 1) &&
                   !tok_is(c, (size_t)b, "and") && !tok_is(c, (size_t)b, "of")) {
            b += 2;
        } else {
            break;
        }
    }
    *pa = a;
    *pb = b;
}

static int cue_at(const ctx *c, int32_t k, int *src);

/* A noun phrase ending just before token k (>= lo), skipping auxiliaries,
 * adverbs and negations, and an apposition or relative clause between
 * commas ("X, the CEO, said").  [*pa, *pb). */
static int np_before(const ctx *c, int32_t k, int32_t lo, int32_t *pa, int32_t *pb, int depth)
{
    int32_t j = k - 1;
    int guard = 0;
    while (j >= lo && guard++ < 6 && is_word(c, j) && (c->ti[j].flags & (F_AUX | F_ADV | F_NEG)) &&
           !(c->ti[j].flags & F_PRON) && !c->ti[j].cap)
        j--;
    if (j < lo || c->ti[j].dq != -1)
        return 0;
    if (is_punct(c, j, ",") && depth == 0) {
        for (int32_t m = j - 1; m >= lo && m >= j - QM_WINDOW; m--) {
            if (c->ti[m].dq != -1 || is_end_punct(c, m))
                break;
            if (is_punct(c, m, ",")) {
                /* "His lawyer, Zhang Dongshuo, said": the name between the commas */
                if (is_namey(c, j - 1) && !(c->ti[j - 1].flags & F_ANYTITLE)) {
                    int32_t a, b;
                    cap_run(c, j - 1, m + 1, j, &a, &b);
                    if (a == m + 1 && b == j) {
                        *pa = a;
                        *pb = b;
                        return 1;
                    }
                }
                break;
            }
        }
        /* "Navdeep Bains, Minister of Innovation, Science and Economic
         * Development, said": a name opening the clause before a comma */
        int32_t first = -1;
        for (int32_t m = j - 1; m >= lo && m >= j - 3 * QM_WINDOW; m--) {
            int s3;
            if (c->ti[m].dq != -1 || is_end_punct(c, m) || (is_word(c, m) && cue_at(c, m, &s3)))
                break;
            if (is_punct(c, m, ","))
                first = m;
        }
        if (first > lo && is_namey(c, first - 1) && !(c->ti[first - 1].flags & F_ANYTITLE)) {
            int32_t a, b;
            cap_run(c, first - 1, lo, first, &a, &b);
            if (b == first && (a == lo || !is_word(c, a - 1) || (c->ti[a - 1].flags & (F_DET | F_CONJ))) &&
                b - a >= 2) {
                *pa = a;
                *pb = b;
                return 1;
            }
        }
        for (int32_t m = j - 1; m >= lo && m >= j - QM_WINDOW; m--) {
            if (c->ti[m].dq != -1 || is_end_punct(c, m))
                break;
            if (is_punct(c, m, ","))
                return np_before(c, m, lo, pa, pb, 1);
        }
        return 0;
    }
    if (!is_word(c, j))
        return 0;
    uint32_t f = c->ti[j].flags;
    if (f & F_PRON) {
        *pa = j;
        *pb = j + 1;
        return 1;
    }
    if ((f & (F_VERB | F_THAT | F_REL | F_PREP | F_CONJ | F_DET)) && !c->ti[j].cap)
        return 0;
    if (is_namey(c, j)) {
        cap_run(c, j, lo, k, pa, pb);
        /* "Sen. Richard Shelby of Alabama": the person before "of";
         * "Bank of Canada": all of it */
        for (int round = 0; round < 2; round++) {
            int32_t a = *pa, l = a - 1;
            if (l - 1 >= lo && (tok_is(c, (size_t)l, "the") || tok_is(c, (size_t)l, "la") ||
                                tok_is(c, (size_t)l, "l'") || tok_is(c, (size_t)l, "l\xE2\x80\x99")))
                l--;
            /* l < lo when the name opens the range: no token to read there */
            int at = l >= lo && (tok_is(c, (size_t)l, "at") || tok_is(c, (size_t)l, "from"));
            if (!(l - 1 >= lo && (tok_is(c, (size_t)l, "of") || tok_is(c, (size_t)l, "de") ||
                                  tok_is(c, (size_t)l, "du") || at) && is_namey(c, l - 1)))
                break;
            int32_t a2, b2;
            cap_run(c, l - 1, lo, l, &a2, &b2);
            int titles = 1;
            for (int32_t m = a2; m < b2; m++)
                titles &= is_title(c, m) || is_punct(c, m, ".");
            if (!titles && (b2 - a2 >= 2 || (c->ti[a2].flags & F_FIRST))) {
                *pa = a2;       /* "Kent Moore of the University of Toronto" */
                *pb = b2;
                break;
            }
            if (at)
                break;          /* "Toronto at the University": keep the last */
            *pa = a2;           /* "Bank of Canada" */
        }
        return 1;
    }
    if (c->ti[j].flags & F_STOP)
        return 0;
    /* a description: back to a determiner or a capitalised word */
    int32_t a = j;
    int n = 0;
    while (a - 1 >= lo && n < 6) {
        int32_t p = a - 1;
        if (!is_word(c, p) && c->toks[p].kind != RC_TOK_NUM && !is_punct(c, p, "-"))
            break;
        uint32_t pf = is_word(c, p) ? c->ti[p].flags : 0;
        if ((pf & (F_VERB | F_THAT | F_REL | F_AUX | F_PRON | F_CONJ)) && !(pf & F_DET))
            break;
        if ((pf & F_PREP) && !(pf & F_DET) && !is_name_link(c, p))
            break;
        a = p;
        n++;
        int link = tok_is(c, (size_t)p, "de") || tok_is(c, (size_t)p, "du") ||
                   tok_is(c, (size_t)p, "des") || tok_is(c, (size_t)p, "of") ||
                   tok_is(c, (size_t)p, "d'") || tok_is(c, (size_t)p, "d\xE2\x80\x99");
        if ((pf & F_DET) && !link)
            break;
    }
    *pa = a;
    *pb = j + 1;
    return 1;
}

/* A noun phrase starting at token k (< hi): a pronoun, a name (the last
 * name of "Oilers head coach Ken Hitchcock"), or a description ("the
 * spokesman", "le porte-parole du Kremlin"; a name ending it wins: "the
 * Kremlin spokesman Dmitri Peskov"). */
static int np_after(const ctx *c, int32_t k, int32_t hi, int32_t *pa, int32_t *pb)
{
    int32_t j = k;
    if (j >= hi || !is_word(c, j))
        return 0;
    uint32_t f = c->ti[j].flags;
    if (f & F_PRON) {
        *pa = j;
        *pb = j + 1;
        return 1;
    }
    if ((f & (F_VERB | F_THAT | F_REL | F_CONJ)) && !(f & F_DET) && !c->ti[j].cap)
        return 0;
    /* the phrase: words (and numbers, hyphens, possessives) up to punctuation,
     * a verb, a relative, max 10 */
    int32_t e = j;
    while (e < hi && e - j < 10) {
        if (c->ti[e].dq != -1)
            break;
        if (!is_word(c, e) && c->toks[e].kind != RC_TOK_NUM && !is_punct(c, e, "-") &&
            !(is_punct(c, e, ".") && e > j && is_title(c, e - 1) && is_namey(c, e + 1)))
            break;
        if (is_word(c, e) && e > j) {
            uint32_t ef = c->ti[e].flags;
            if ((ef & F_CONJ) && is_namey(c, e - 1) && e + 1 < hi && is_namey(c, e + 1)) {
                e++;        /* "Heart and Stroke" */
                continue;
            }
            if ((ef & (F_THAT | F_REL | F_VERB | F_AUX | F_CONJ)) && !(ef & F_DET) && !c->ti[e].cap)
                break;
            if ((ef & F_PREP) && !is_name_link(c, e) && !c->ti[e].cap)
                break;
        }
        e++;
    }
    if (e == j)
        return 0;
    /* "Campbell's partner, Jason Louth." / "le ministre de l'Agriculture,
     * Julien Marchetti, ...": the name in apposition */
    if (e + 1 < hi && is_punct(c, e, ",") && is_namey(c, e + 1) && !(c->ti[e + 1].flags & F_ANYTITLE) &&
        ((f & F_DET) || !is_namey(c, e - 1))) {
        int32_t a, b;
        cap_run(c, e + 1, e + 1, hi, &a, &b);
        if (b >= hi || !is_word(c, b)) {
            *pa = a;
            *pb = b;
            return 1;
        }
    }
    /* a name that ends the phrase wins ("the Kremlin spokesman Dmitri
     * Peskov"), unless it is a complement ("le procureur de Lyon") */
    int32_t last = e - 1;
    while (last > j && is_punct(c, last, "."))
        last--;
    if (is_namey(c, last) && !(c->ti[last].flags & F_ANYTITLE)) {
        int32_t a, b;
        cap_run(c, last, j, e, &a, &b);
        int compl = a > j && (f & F_DET) &&
                    (tok_is(c, (size_t)a - 1, "de") || tok_is(c, (size_t)a - 1, "du") ||
                     tok_is(c, (size_t)a - 1, "des") || tok_is(c, (size_t)a - 1, "d'") ||
                     tok_is(c, (size_t)a - 1, "d\xE2\x80\x99") || tok_is(c, (size_t)a - 1, "l'") ||
                     tok_is(c, (size_t)a - 1, "l\xE2\x80\x99") || tok_is(c, (size_t)a - 1, "of") ||
                     tok_is(c, (size_t)a - 1, "the") || tok_is(c, (size_t)a - 1, "la") ||
                     tok_is(c, (size_t)a - 1, "le") || tok_is(c, (size_t)a - 1, "at"));
        if (!compl) {
            *pa = a;
            *pb = b;
            return 1;
        }
    }
    if (is_namey(c, j) && !(f & F_DET)) {
        int32_t a, b;
        cap_run(c, j, j, e, &a, &b);
        *pa = a;
        *pb = b;
        return 1;
    }
    if (!(f & F_DET))
        return 0;
    *pa = j;
    *pb = e;
    return 1;
}

/* ------------------------------------------------------------------ speakers */

static int mention_over(const ctx *c, uint32_t s, uint32_t e)
{
    if (!c->men || !c->n_men)
        return -1;
    size_t lo = 0, hi = c->n_men;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->men[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    int best = -1;
    for (size_t i = lo; i < c->n_men && c->men[i].start < e && i < lo + 8; i++) {
        if (c->men[i].type == RC_ENT_PER)
            return (int)i;
        if (best < 0 && c->men[i].type == RC_ENT_ORG)
            best = (int)i;
    }
    return best;
}

static int ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

/* Bounded: needles are short (roles, descriptions), haystacks too. */
static int contains_ci(rc_str hay, rc_str needle)
{
    if (needle.len == 0 || needle.len > hay.len || hay.len > 512)
        return 0;
    for (size_t i = 0; i + needle.len <= hay.len; i++)
        if (ascii_ieq(hay.ptr + i, needle.ptr, needle.len))
            return 1;
    return 0;
}

/* Drop a final possessive ('s, ’s). */
static rc_str strip_poss(rc_str s)
{
    if (s.len > 2 && (ends_with(s.ptr, s.len, "'s")))
        s.len -= 2;
    else if (s.len > 4 && ends_with(s.ptr, s.len, "\xE2\x80\x99s"))
        s.len -= 4;
    return s;
}

static void hist_push(ctx *c, const spk *s)
{
    if (!s->named || rc_str_empty(s->name))
        return;
    if (c->nhist == sizeof c->hist / sizeof *c->hist) {
        memmove(c->hist, c->hist + 1, (c->nhist - 1) * sizeof *c->hist);
        c->nhist--;
    }
    c->hist[c->nhist++] = *s;
}

static int same_name(rc_str a, rc_str b)
{
    if (!a.len || !b.len)
        return 0;
    /* "McCallum" and "Doug McCallum": the same last word */
    size_t la = a.len, lb = b.len;
    size_t sa = la, sb = lb;
    while (sa > 0 && a.ptr[sa - 1] != ' ')
        sa--;
    while (sb > 0 && b.ptr[sb - 1] != ' ')
        sb--;
    return la - sa == lb - sb && ascii_ieq(a.ptr + sa, b.ptr + sb, la - sa);
}

static uint8_t known_gender(const ctx *c, rc_str name)
{
    for (size_t m = c->nhist; m-- > 0;)
        if (c->hist[m].gender != G_NONE && same_name(c->hist[m].name, name))
            return c->hist[m].gender;
    /* bounded: the cands of the last sentences */
    for (size_t m = c->ncands, k = 0; m-- > 0 && k < 64; k++)
        if (c->cands[m].gender != G_NONE && same_name(c->cands[m].name, name))
            return c->cands[m].gender;
    return G_NONE;
}

/* Resolve a pronoun of gender g at byte offset pos: the most recent
 * compatible antecedent among the speakers so far and the first person
 * name of each sentence (subjects are usually first). */
static void resolve_pronoun(ctx *c, uint8_t g, uint32_t pos, spk *out)
{
    int hi_idx = -1, desc_idx = -1;
    for (size_t k = c->nhist; k-- > 0;) {
        spk *h = &c->hist[k];
        if (h->pos >= pos)
            continue;
        uint8_t hg = h->gender ? h->gender : known_gender(c, h->name);
        if (g != G_P && !h->proper) {
            if (desc_idx < 0 && (hg == G_NONE || hg == g))
                desc_idx = (int)k;
            continue;   /* he/she: a person's name first, not "the company" */
        }
        if (g == G_P || g == G_NONE || hg == G_NONE || hg == g) {
            hi_idx = (int)k;
            break;
        }
    }
    rc_str cname = RC_STR_NULL;
    uint32_t cpos = 0;
    if (g != G_P) {
        size_t lo = 0, hi = c->ncands;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->cands[mid].pos < pos)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k-- > 0 && lo - k <= 8;) {
            uint8_t cg = known_gender(c, c->cands[k].name);
            if (g == G_NONE || cg == G_NONE || cg == g) {
                cname = c->cands[k].name;
                cpos = c->cands[k].pos;
                break;
            }
        }
    }
    rc_str name = RC_STR_NULL;
    /* a name only beats the last speaker from a later sentence */
    if (hi_idx >= 0 && !rc_str_empty(cname)) {
        int32_t ht = tok_at_or_after(c, c->hist[hi_idx].pos), ct = tok_at_or_after(c, cpos);
        if ((size_t)ht < c->n_toks && (size_t)ct < c->n_toks && c->ti[ct].sent <= c->ti[ht].sent)
            cpos = 0;
    }
    if (hi_idx >= 0 && (rc_str_empty(cname) || c->hist[hi_idx].pos >= cpos))
        name = c->hist[hi_idx].name;
    else if (!rc_str_empty(cname))
        name = cname;
    else if (desc_idx >= 0 && g != G_NONE)
        name = c->hist[desc_idx].name;     /* "le porte-parole ... a-t-il ajouté" */
    if (rc_str_empty(name) && g == G_P) {
        /* they/ils: a plural subject opening one of the two previous
         * sentences ("Les habitants du quartier ont manifesté...") */
        int32_t t = tok_at_or_after(c, pos);
        int32_t s = (size_t)t < c->n_toks ? c->ti[t].sent : (int32_t)c->n_sents - 1;
        for (int32_t ps = s - 1; ps >= 0 && ps >= s - 2 && rc_str_empty(name); ps--) {
            int32_t f0 = c->sfirst[ps], pa, pb;
            if (f0 < c->send[ps] && is_word(c, f0) && (c->ti[f0].flags & F_DET) &&
                (tok_is(c, (size_t)f0, "Les") || tok_is(c, (size_t)f0, "Des") ||
                 tok_is(c, (size_t)f0, "The") || tok_is(c, (size_t)f0, "Ces")) &&
                np_after(c, f0, c->send[ps], &pa, &pb))
                name = toks_str(c, pa, pb);
        }
    }
    if (rc_str_empty(name))
        return;
    out->name = name;
    out->gender = g;
    out->proper = 1;
    if (g != G_P && g != G_NONE) {
        /* learn the gender of that name */
        spk learn;
        memset(&learn, 0, sizeof learn);
        learn.name = name;
        learn.gender = g;
        learn.named = 1;
        learn.proper = 1;
        learn.pos = pos;
        learn.s = learn.e = -1;
        if (known_gender(c, name) == G_NONE)
            hist_push(c, &learn);
    }
}

/* Fill sp from the phrase [a, b). */
static void make_speaker(ctx *c, int32_t a, int32_t b, spk *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->s = sp->e = -1;
    if (a < 0 || b <= a)
        return;
    sp->s = (int32_t)c->toks[a].start;
    sp->e = (int32_t)c->toks[b - 1].end;
    sp->pos = c->toks[a].start;
    rc_str s = toks_str(c, a, b);
    if (b == a + 1 && (c->ti[a].flags & F_PRON)) {
        uint32_t f = c->ti[a].flags;
        uint8_t g = (f & F_PM) ? G_M : (f & F_PF) ? G_F : G_P;
        sp->name = s;
        resolve_pronoun(c, g, c->toks[a].start, sp);
        return;
    }
    uint8_t g = G_NONE;
    for (int32_t i = a; i < b; i++) {
        if (c->ti[i].flags & F_TM)
            g = G_M;
        if (c->ti[i].flags & F_TF)
            g = G_F;
    }
    sp->gender = g;
    sp->named = 1;
    int m = mention_over(c, (uint32_t)sp->s, (uint32_t)sp->e);
    /* the mention must end the phrase ("McCallum's staff" is not McCallum)
     * and not be a complement ("le porte-parole du Kremlin" is no Kremlin) */
    if (m >= 0 && c->men[m].end <= c->toks[b - 1].start)
        m = -1;
    if (m >= 0) {
        int32_t mt = tok_at_or_after(c, c->men[m].start);
        if (mt > a && mt <= b && (is_name_link(c, mt - 1) || tok_is(c, (size_t)mt - 1, "d'") ||
                                  tok_is(c, (size_t)mt - 1, "d\xE2\x80\x99") ||
                                  tok_is(c, (size_t)mt - 1, "l'") || tok_is(c, (size_t)mt - 1, "the")))
            m = -1;
    }
    if (m >= 0 && !rc_str_empty(c->men[m].name)) {
        sp->proper = c->men[m].type == RC_ENT_PER;
        sp->name = c->men[m].name;
        sp->s = (int32_t)c->men[m].start;
        sp->e = (int32_t)c->men[m].end;
        return;
    }
    /* a description matching a mention's role -> that person */
    int has_cap = 0;
    for (int32_t i = a; i < b; i++)
        has_cap |= is_namey(c, i) && !(c->ti[i].flags & F_ANYTITLE);
    sp->proper = (uint8_t)(has_cap && !(c->ti[a].flags & F_DET));
    if (b == a + 1 && tok_len(c, (size_t)a) > 1) {
        /* an acronym ("PBO", "RCMP") is a body, not a he or she */
        const char *w = tok_ptr(c, (size_t)a);
        int lower = 0;
        for (size_t z = 0; z < tok_len(c, (size_t)a); z++)
            lower |= w[z] >= 'a' && w[z] <= 'z';
        if (!lower)
            sp->proper = 0;
    }
    if (c->men && !sp->proper) {
        int32_t d = a;
        while (d < b && is_word(c, d) && (c->ti[d].flags & F_DET))
            d++;
        rc_str core = toks_str(c, d, b);
        size_t scanned = 0;
        for (size_t i = c->n_men; i-- > 0 && scanned < 256;) {
            if (c->men[i].start >= (uint32_t)sp->s)
                continue;
            scanned++;
            /* the whole role in the description: "le porte-parole du
             * Kremlin" is the "porte-parole du Kremlin"; "the minister" is
             * not the "Prime Minister" */
            if (c->men[i].type == RC_ENT_PER && !rc_str_empty(c->men[i].role) && core.len >= 4 &&
                contains_ci(core, c->men[i].role)) {
                sp->proper = 1;
                sp->name = c->men[i].name;
                return;
            }
        }
    }
    sp->name = strip_poss(s);
}

/* The pronoun inside an inverted token ("a-t-elle"). */
static void make_inv_speaker(ctx *c, int32_t tok, spk *sp)
{
    memset(sp, 0, sizeof *sp);
    uint32_t e = c->toks[tok].end, s = e - c->ti[tok].invlen;
    sp->s = (int32_t)s;
    sp->e = (int32_t)e;
    sp->pos = s;
    sp->name = (rc_str){c->text.ptr + s, e - s};
    resolve_pronoun(c, c->ti[tok].inv, s, sp);
}

static int cue_at(const ctx *c, int32_t k, int *src);

/* The first person name of each sentence: PER mentions when given, else a
 * capitalised run of two words or more whose first is a given name, or
 * that follows an honorific (M., Mme, Mr, Dr). */
static int find_cands(ctx *c)
{
    c->cands = rc_arena_calloc(c->a, c->n_sents + 1, sizeof *c->cands);
    if (!c->cands)
        return RC_ENOMEM;
    for (size_t s = 0; s < c->n_sents; s++) {
        int32_t lo = c->sfirst[s], hi = c->send[s];
        for (int32_t i = lo; i < hi && i < lo + 60; i++) {
            if (c->ti[i].dq != -1 || !is_namey(c, i))
                continue;
            int32_t a, b;
            cap_run(c, i, lo, hi, &a, &b);
            int32_t f = a;
            int titled = 0, org = 0, caps = 1;
            while (f < b && ((c->ti[f].flags & F_ANYTITLE) || is_punct(c, f, "."))) {
                titled = 1;
                f++;
            }
            for (int32_t m = a; m < b; m++) {
                org |= is_word(c, m) && (c->ti[m].flags & F_ORG);
                const char *w = tok_ptr(c, (size_t)m);
                for (size_t z = 0; z < tok_len(c, (size_t)m); z++) {
                    caps = caps && !(w[z] >= 'a' && w[z] <= 'z');
                    org |= w[z] >= '0' && w[z] <= '9';     /* "Bill C-74" */
                }
            }
            /* photo credits: "(Adrian Wyld/The Canadian Press)" */
            org |= b < hi && is_punct(c, b, "/");
            /* with entity mentions, their type decides */
            int mi = mention_over(c, c->toks[a].start, c->toks[b - 1].end);
            int per = mi >= 0 && c->men[mi].type == RC_ENT_PER;
            if (mi >= 0 && !per)
                org = 1;
            if (org || (caps && tok_len(c, (size_t)a) > 1)) {
                i = b - 1;      /* "University of Toronto", "READ MORE" */
                continue;
            }
            /* the subject of a reporting verb: "Lonechild said" */
            int32_t v = b;
            while (v < hi && v < b + 3 && is_word(c, v) && (c->ti[v].flags & (F_AUX | F_ADV)))
                v++;
            int src;
            int subj = b - f >= 1 && v < hi && cue_at(c, v, &src) && !src && (c->ti[v].flags & F_SAY);
            int paren = a > 0 && is_punct(c, a - 1, "(");
            int appos = b - f >= 2 && a > lo && is_punct(c, a - 1, ",") && b < hi && is_punct(c, b, ",");
            int early = a - lo <= 6;
            int poss = 0;
            for (int32_t m = a; m < b; m++)
                poss |= ends_with(tok_ptr(c, (size_t)m), tok_len(c, (size_t)m), "'s") ||
                        ends_with(tok_ptr(c, (size_t)m), tok_len(c, (size_t)m), "\xE2\x80\x99s");
            if (poss) {
                i = b - 1;
                continue;
            }
            if (!paren && b - f >= 1 && (early || subj) &&
                (titled || subj || appos || per || (b - f >= 2 && (c->ti[f].flags & F_FIRST)))) {
                cand *cd = &c->cands[c->ncands++];
                cd->name = per && !rc_str_empty(c->men[mi].name) ? c->men[mi].name : strip_poss(toks_str(c, a, b));
                cd->pos = c->toks[a].start;
                cd->sent = (int32_t)s;
                cd->gender = titled ? (c->ti[a].flags & F_TF ? G_F : c->ti[a].flags & F_TM ? G_M : G_NONE)
                                    : G_NONE;
                /* "Tasmeen Ali told the prime minister, her words...": the
                 * first gendered pronoun after the name, if no other name
                 * comes between */
                for (int32_t m = b; cd->gender == G_NONE && m < hi && m < b + 25; m++) {
                    if (is_namey(c, m) || c->ti[m].dq != -1)
                        break;
                    if (!is_word(c, m))
                        continue;
                    if (tok_is(c, (size_t)m, "he") || tok_is(c, (size_t)m, "his") ||
                        tok_is(c, (size_t)m, "him") || tok_is(c, (size_t)m, "il"))
                        cd->gender = G_M;
                    else if (tok_is(c, (size_t)m, "she") || tok_is(c, (size_t)m, "her") ||
                             tok_is(c, (size_t)m, "elle"))
                        cd->gender = G_F;
                }
                break;
            }
            i = b - 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ cues */

/* Is token k the start of a reporting cue?  Returns its length in tokens;
 * *src set for source prepositions ("according to", "selon"). */
static int cue_at(const ctx *c, int32_t k, int *src)
{
    *src = 0;
    if (k < 0 || (size_t)k >= c->n_toks || !is_word(c, k) || c->ti[k].dq != -1)
        return 0;
    /* most words are no cue: neither a verb nor the start of a phrase below */
    if (!(c->ti[k].pk & (1u << K_SOURCE | 1u << K_VERB | 1u << K_SAY)) && !(c->ti[k].flags & F_VERB))
        return 0;
    const lex_phrase *ph = NULL;
    int n = phrase_at(c, (size_t)k, K_SOURCE, &ph);
    if (n) {
        *src = 1;
        return n;
    }
    if (c->ti[k].noverb)
        return 0;
    int nv = phrase_at(c, (size_t)k, K_VERB, &ph);
    int ns = phrase_at(c, (size_t)k, K_SAY, &ph);
    if (nv || ns)
        return nv > ns ? nv : ns;
    if (c->ti[k].flags & F_VERB)
        return 1;
    return 0;
}

/* Cue start including auxiliaries just before ("a déclaré", "has said"). */
static int32_t cue_start(const ctx *c, int32_t k, int32_t lo)
{
    int32_t a = k;
    int guard = 0;
    while (a - 1 >= lo && guard++ < 3 && is_word(c, a - 1) &&
           (c->ti[a - 1].flags & (F_AUX | F_NEG)) && !(c->ti[a - 1].flags & F_PRON) && !c->ti[a - 1].cap)
        a--;
    /* an inverted auxiliary ("a-t-il déclaré") */
    if (a == k && a - 1 >= lo && c->ti[a - 1].inv && (c->ti[a - 1].flags & F_AUX))
        a--;
    return a;
}

static int32_t cue_inv(const ctx *c, int32_t a, int32_t b)
{
    for (int32_t i = a; i < b; i++)
        if (c->ti[i].inv)
            return i;
    return -1;
}

static int cue_negated(const ctx *c, int32_t a, int32_t b)
{
    for (int32_t i = a; i < b; i++)
        if (is_word(c, i) && (c->ti[i].flags & F_NEG))
            return 1;
    return 0;
}

static int add_q(ctx *c, uint32_t s, uint32_t e, int direct, int32_t piece_i, const spk *sp,
                 int32_t cue_a, int32_t cue_b, int32_t sent)
{
    trim_span(c->text, &s, &e);
    if (e <= s)
        return 0;
    if (c->nq == c->qcap) {
        size_t nc = c->qcap ? c->qcap * 2 : 64;
        qtmp *nq = rc_arena_alloc(c->a, nc * sizeof *nq);
        if (!nq)
            return RC_ENOMEM;
        if (c->nq)
            memcpy(nq, c->q, c->nq * sizeof *nq);
        c->q = nq;
        c->qcap = nc;
    }
    qtmp *q = &c->q[c->nq++];
    memset(q, 0, sizeof *q);
    q->start = s;
    q->end = e;
    q->direct = (uint8_t)direct;
    q->piece = piece_i;
    if (sp)
        q->sp = *sp;
    else
        q->sp.s = q->sp.e = -1;
    q->cue_s = q->cue_e = -1;
    q->cue_tok = -1;
    if (cue_a >= 0 && cue_b > cue_a) {
        q->cue_s = (int32_t)c->toks[cue_a].start;
        q->cue_e = (int32_t)c->toks[cue_b - 1].end;
        q->cue_tok = cue_a;
    }
    q->sent = sent;
    return 0;
}

/* Attribution after a closing mark: ", said X", ", X said", ", a-t-il dit",
 * "UFCW president Jeff Traeger said Saturday".  1: speaker and cue found,
 * 2: a cue without speaker, 0: nothing. */
static int attach_after(ctx *c, int32_t j, int32_t hi, spk *sp, int32_t *ca, int32_t *cb)
{
    while (j < hi && (is_punct(c, j, ",") || is_dash(c, j)))
        j++;
    if (j >= hi || !is_word(c, j) || c->ti[j].dq != -1)
        return 0;
    int src;
    /* verb first: "said X", "a déclaré X", "a-t-il déclaré", "ajoute-t-elle" */
    int32_t v = j;
    int guard = 0;
    while (v < hi && guard++ < 3 && is_word(c, v) && (c->ti[v].flags & (F_AUX | F_ADV)) &&
           !(c->ti[v].flags & (F_VERB | F_PRON)) && !c->ti[v].inv && !c->ti[v].cap)
        v++;
    if (v < hi && c->ti[v].inv && (c->ti[v].flags & F_AUX) && v + 1 < hi && cue_at(c, v + 1, &src) && !src)
        v++;
    int n = cue_at(c, v, &src);
    if (n) {
        int32_t a = src ? v : cue_start(c, v, j), b = v + n;
        *ca = a;
        *cb = b;
        int32_t inv = cue_inv(c, a, b);
        if (inv >= 0) {
            make_inv_speaker(c, inv, sp);
            return 1;
        }
        int32_t pa, pb, k = b;
        while (k < hi && is_word(c, k) && (c->ti[k].flags & F_ADV))
            k++;
        if (np_after(c, k, hi, &pa, &pb)) {
            make_speaker(c, pa, pb, sp);
            return 1;
        }
        return src ? 0 : 2;
    }
    /* subject first: the first cue within the window; the subject is the
     * phrase from here to it ("Rogers spokesperson Andrea Goldstein said",
     * "the lanky, bespectacled professor said", "Harry J. Kazianis,
     * director of ..., said") */
    for (int32_t k = j + 1; k < hi && k < j + 3 * QM_WINDOW; k++) {
        if (c->ti[k].dq != -1 || is_end_punct(c, k))
            break;
        n = cue_at(c, k, &src);
        if (!n)
            continue;
        if (src)
            return 0;
        int32_t a = cue_start(c, k, j), pa, pb;
        if (cue_negated(c, a, k))
            return 0;
        if (!np_before(c, a, j, &pa, &pb, 0))
            return 0;
        if (pa != j) {
            /* a longer subject: a name at its start or end, else all of it */
            int32_t e = a;
            while (e > j && (is_punct(c, e - 1, ",") || (is_word(c, e - 1) && (c->ti[e - 1].flags & (F_AUX | F_ADV)))))
                e--;
            int ok = 1;
            /* a subject holds no verb, no "that"/relative, no auxiliary
             * ("«contacts» had taken place ..., after a newspaper reported"
             * is not a subject) */
            for (int32_t m = j; m < e && ok; m++)
                ok = c->ti[m].dq == -1 && !is_end_punct(c, m) &&
                     !(is_word(c, m) && (c->ti[m].flags & (F_VERB | F_THAT | F_REL)) && !c->ti[m].noverb) &&
                     !(is_word(c, m) && (c->ti[m].flags & F_AUX) && !c->ti[m].cap);
            if (!ok)
                return 0;
            if (is_namey(c, j) && !(c->ti[j].flags & F_ANYTITLE) && is_punct(c, pa - 1, ",")) {
                cap_run(c, j, j, e, &pa, &pb);
            } else if (!(pb == e && is_namey(c, pb - 1))) {
                pa = j;
                pb = e;
            }
        }
        *ca = a;
        *cb = k + n;
        make_speaker(c, pa, pb, sp);
        return 1;
    }
    return 0;
}

/* Attribution before an opening mark: "X said:", "X a déclaré :", "said X:",
 * "Selon X, « ... »", "asks editor Jane Doe, “...”".  lo: first token that
 * may hold it. */
static int attach_before(ctx *c, int32_t to, int32_t lo, spk *sp, int32_t *ca, int32_t *cb)
{
    int32_t j = to - 1;
    if (j < lo)
        return 0;
    int colon = is_punct(c, j, ":");
    int comma = is_punct(c, j, ",");
    if (!colon && !comma && !is_dash(c, j))
        return 0;
    int weak = 0;
    for (int32_t k = j - 1; k >= lo && k >= j - QM_WINDOW; k--) {
        if (c->ti[k].dq != -1 || is_end_punct(c, k))
            break;
        int src;
        int n = cue_at(c, k, &src);
        if (!n)
            continue;
        int32_t pa, pb;
        if (src) {
            if (np_after(c, k + n, j, &pa, &pb) && pb == j) {
                *ca = k;
                *cb = k + n;
                make_speaker(c, pa, pb, sp);
                return 1;
            }
            continue;
        }
        int32_t a = cue_start(c, k, lo);
        if (cue_negated(c, a, k + n))
            continue;
        int32_t inv = cue_inv(c, a, k + n);
        if (inv >= 0) {
            *ca = a;
            *cb = k + n;
            make_inv_speaker(c, inv, sp);
            return 1;
        }
        if (np_before(c, a, lo, &pa, &pb, 0)) {
            *ca = a;
            *cb = k + n;
            make_speaker(c, pa, pb, sp);
            return 1;
        }
        if (np_after(c, k + n, j, &pa, &pb) && pb == j) {
            *ca = a;
            *cb = k + n;
            make_speaker(c, pa, pb, sp);
            return 1;
        }
        if (!weak && colon) {
            *ca = a;
            *cb = k + n;
            weak = 1;
        }
    }
    return weak ? 2 : 0;
}

/* An incise inside the quotation: « Nous irons, a-t-il dit, jusqu'au bout ». */
static int attach_inside(ctx *c, const piece *p, spk *sp, int32_t *ca, int32_t *cb)
{
    int32_t limit = p->tb - p->ta > 200 ? p->ta + 200 : p->tb;
    for (int32_t k = p->ta + 1; k < limit; k++) {
        if (!is_punct(c, k - 1, ",") || !c->ti[k].inv)
            continue;
        int32_t v = k;
        /* cue_at refuses tokens inside quotes: test the flags directly */
        if ((c->ti[k].flags & F_AUX) && k + 1 < limit && (c->ti[k + 1].flags & F_VERB))
            v = k + 1;
        if (!(c->ti[v].flags & F_VERB) || !is_punct(c, v + 1, ","))
            continue;
        *ca = k;
        *cb = v + 1;
        make_inv_speaker(c, k, sp);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ direct quotes */

static void mark_piece_tokens(ctx *c)
{
    for (size_t i = 0; i < c->npc; i++) {
        piece *p = &c->pc[i];
        p->ta = tok_at_or_after(c, p->cs);
        p->tb = tok_at_or_after(c, p->ce);
        p->to = tok_at_or_after(c, p->open);
        p->tc = tok_at_or_after(c, p->cend);
        for (int32_t k = p->ta; k < p->tb; k++)
            c->ti[k].dq = (int32_t)i;
        if (p->to < p->ta && (size_t)p->to < c->n_toks)
            c->ti[p->to].dq = -2;
        for (int32_t k = p->tb; k < p->tc; k++)
            c->ti[k].dq = -2;
    }
}

/* Paragraph breaks between two offsets (from the sentences' paragraph
 * numbers: O(log n)). */
static int paras_between(const ctx *c, uint32_t from, uint32_t to)
{
    int32_t a = tok_at_or_after(c, from), b = tok_at_or_after(c, to);
    if ((size_t)a >= c->n_toks)
        a = (int32_t)c->n_toks - 1;
    if ((size_t)b >= c->n_toks)
        b = (int32_t)c->n_toks - 1;
    return (int)(c->spara[c->ti[b].sent] - c->spara[c->ti[a].sent]);
}

static int direct_piece(ctx *c, size_t i)
{
    piece *p = &c->pc[i];
    if (p->tb <= p->ta)
        return 0;
    int32_t s = c->ti[p->ta].sent;
    int32_t lo = c->sfirst[s];
    spk sp;
    memset(&sp, 0, sizeof sp);
    sp.s = sp.e = -1;
    int32_t ca = -1, cb = -1;
    int got = 0;
    size_t last = i;
    while (last + 1 < c->npc && c->pc[last + 1].group == p->group)
        last++;
    if (p->group == (int32_t)i) {
        /* the last piece of a group carries the attribution after it */
        piece *lp = &c->pc[last];
        if (lp->closed && (size_t)lp->tc < c->n_toks) {
            int32_t shi = c->send[c->ti[lp->tc].sent];
            if (c->ti[lp->tc].sent != c->ti[lp->tb - 1].sent && !is_punct(c, lp->tc, ","))
                shi = lp->tc;   /* a new sentence: not ours */
            got = attach_after(c, lp->tc, shi, &sp, &ca, &cb);
        }
        int32_t olo = c->sfirst[c->ti[p->to].sent];
        if (p->to == olo && olo > 0 && is_punct(c, olo - 1, ":"))
            olo = c->sfirst[c->ti[olo - 1].sent];
        if (got != 1) {
            spk sp2;
            memset(&sp2, 0, sizeof sp2);
            int32_t ca2 = -1, cb2 = -1;
            int g2 = attach_before(c, p->to, olo, &sp2, &ca2, &cb2);
            if (g2 == 1 || (g2 && !got)) {
                sp = sp2;
                ca = ca2;
                cb = cb2;
                got = g2;
            }
        }
        if (got != 1 && attach_inside(c, p, &sp, &ca, &cb))
            got = 1;
    } else {
        /* a later paragraph of a group: the speaker of the first */
        for (size_t k = c->nq; k-- > 0 && c->nq - k <= QM_MAX_PARAS + 1;) {
            if (c->q[k].piece >= 0 && c->pc[c->q[k].piece].group == p->group) {
                sp = c->q[k].sp;
                sp.s = sp.e = -1;
                if (c->q[k].cue_tok >= 0) {
                    ca = tok_at_or_after(c, (uint32_t)c->q[k].cue_s);
                    cb = tok_at_or_after(c, (uint32_t)c->q[k].cue_e);
                }
                got = 3;
                break;
            }
        }
    }
    uint32_t nwords = words_in(c, p->ta, p->tb);
    uint32_t start = p->cs;
    int para_first = p->to == 0 ||
                     memchr(c->text.ptr + c->toks[p->to - 1].end, '\n',
                            c->toks[p->to].start - c->toks[p->to - 1].end) != NULL;
    int sent_first = p->to == lo || (p->to > lo && is_punct(c, p->to - 1, ":"));
    if (got) {
        /* "Her time has been "life-changing," she said": from the sentence start */
        if (got == 1 && p->group == (int32_t)i && ca > p->tb && p->to > lo &&
            !is_punct(c, p->to - 1, ":") && !is_punct(c, p->to - 1, ",") &&
            words_in(c, lo, p->to) >= 2 && qwords_in(c, lo, p->to) == 0) {
            int has_cue = 0, src;
            for (int32_t k = lo; k < p->to && !has_cue; k++)
                has_cue = cue_at(c, k, &src) != 0;
            if (!has_cue)
                start = c->toks[lo].start;
        }
        if (nwords < QM_MIN_WORDS && got == 2)
            return 0;
    } else {
        if (nwords < QM_MIN_WORDS)
            return 0;      /* scare quotes, titles */
        if (!para_first && !sent_first && nwords < QM_MID_WORDS)
            return 0;
        /* floating: continues the previous speaker if close */
        if ((para_first || sent_first) && c->last_q >= 0) {
            const qtmp *lq = &c->q[c->last_q];
            if (paras_between(c, lq->end, p->open) <= QM_FLOAT_PARAS &&
                !rc_str_empty(lq->sp.name)) {
                sp = lq->sp;
                sp.s = sp.e = -1;   /* not named here */
                got = 4;
            }
        }
        if (got != 4 && para_first && c->last_q < 0 && s > 0) {
            /* "L'entraîneur, Lucas Ferrand, est revenu sur la défaite.
             * « ... »": the person the previous sentence introduced */
            for (size_t k = c->ncands; k-- > 0;) {
                if (c->cands[k].sent < s - 1)
                    break;
                if (c->cands[k].sent == s - 1) {
                    sp.name = c->cands[k].name;
                    sp.proper = 1;
                    got = 4;
                    break;
                }
            }
        }
    }
    if (got == 1)
        hist_push(c, &sp);
    if (add_q(c, start, p->ce, 1, (int32_t)i, &sp, ca, cb, s))
        return RC_ENOMEM;
    if (got && !rc_str_empty(sp.name))
        c->last_q = (int32_t)c->nq - 1;
    return 0;
}

/* ------------------------------------------------------------------ indirect quotes */

/* End of reported content starting at token a in a sentence ending at se:
 * before the final punctuation, or before ", adding/ajoutant/noting". */
static int32_t content_end(const ctx *c, int32_t a, int32_t se)
{
    int32_t e = se;
    /* an attributed quotation later in the sentence ends the content:
     * "..., he said, “...”" */
    for (int32_t k = a; k < se && k < a + 400; k++) {
        if (c->ti[k].dq == -2 && k + 1 < se && c->ti[k + 1].dq >= 0 && k > a &&
            (is_punct(c, k - 1, ",") || is_punct(c, k - 1, ":"))) {
            e = k - 1;
            /* drop a trailing ", he said" */
            for (int32_t m = e - 1; m > a && m > e - 5; m--) {
                int src;
                if (is_punct(c, m, ",") && cue_at(c, m + 1, &src) == 0) {
                    int has = 0;
                    for (int32_t t = m + 1; t < e; t++)
                        has |= cue_at(c, t, &src) != 0;
                    if (has)
                        e = m;
                    break;
                }
            }
            return e;
        }
    }
    while (e > a && (is_end_punct(c, e - 1) || c->ti[e - 1].dq == -2) && c->ti[e - 1].dq < 0)
        e--;
    for (int32_t k = a + 1; k < e && k < a + 400; k++) {
        if (!is_punct(c, k, ",") || k + 1 >= e || c->ti[k + 1].dq != -1)
            continue;
        int src;
        /* ", citing X" / ", citant X" / ", qui cite X": the chain, not the content */
        if (skip_cited(c, k + 1, se) != k + 1 ||
            (is_word(c, k + 1) && (c->ti[k + 1].flags & F_CITE)))
            return k;
        if (cue_at(c, k + 1, &src) && !src) {
            const char *w = tok_ptr(c, (size_t)k + 1);
            size_t n = tok_len(c, (size_t)k + 1);
            if (ends_with(w, n, "ing") || ends_with(w, n, "ant"))
                return k;
        }
        /* ", but added that ..." / ", et a ajouté que ...": a new report */
        if (is_word(c, k + 1) && (c->ti[k + 1].flags & F_CONJ)) {
            int32_t v = k + 2;
            while (v < e && v < k + 5 && is_word(c, v) && (c->ti[v].flags & (F_AUX | F_ADV)) &&
                   !(c->ti[v].flags & F_VERB))
                v++;
            if (v < e && cue_at(c, v, &src) && !src)
                return k;
        }
    }
    return e;
}

/* Skip an adverbial or object after a cue: "in a statement", "on Tuesday",
 * "told reporters", "told CBC News". */
static int32_t skip_adjuncts(const ctx *c, int32_t k, int32_t e, int told)
{
    for (int round = 0; round < 3 && k < e; round++) {
        if (!is_word(c, k))
            break;
        uint32_t f = c->ti[k].flags;
        if (f & F_ADV) {
            k++;
            continue;
        }
        if (c->ti[k].cap && (f & F_STOP) && !(f & (F_PRON | F_DET))) {
            k++;        /* Tuesday */
            continue;
        }
        if ((f & F_PREP) || (told && round == 0)) {
            int32_t m = k + ((f & F_PREP) ? 1 : 0);
            int n = 0;
            if (m < e && is_word(c, m) && (c->ti[m].flags & F_DET) && !(c->ti[m].flags & F_THAT))
                m++;
            while (m < e && n < 4 && (is_word(c, m) || c->toks[m].kind == RC_TOK_NUM) &&
                   !(c->ti[m].flags & (F_THAT | F_PRON | F_DET | F_VERB | F_CONJ))) {
                m++;
                n++;
                if (told && round == 0 && !(f & F_PREP) && !c->ti[m - 1].cap)
                    break;  /* "told reporters" */
            }
            if (n == 0)
                break;
            k = m;
            continue;
        }
        break;
    }
    return k;
}

/* Bounded: the quotes of a sentence are added in order, only the last few
 * can hold a later token. */
#define QM_RECENT 32

static size_t recent_from(const ctx *c, size_t from)
{
    return c->nq - from > QM_RECENT ? c->nq - QM_RECENT : from;
}

static int covered(const ctx *c, uint32_t pos, size_t from)
{
    for (size_t i = recent_from(c, from); i < c->nq; i++)
        if (!c->q[i].direct && c->q[i].start <= pos && pos < c->q[i].end)
            return 1;
    return 0;
}

static int indirect_sentence(ctx *c, int32_t s, size_t first_q)
{
    int32_t lo = c->sfirst[s], hi = c->send[s];
    if (hi - lo < 3)
        return 0;
    spk last_sp;
    int have_last = 0;
    memset(&last_sp, 0, sizeof last_sp);
    for (size_t qi = first_q; qi < c->nq; qi++)
        if (c->q[qi].sent == s && !rc_str_empty(c->q[qi].sp.name)) {
            last_sp = c->q[qi].sp;
            have_last = 1;
        }
    size_t mine = c->nq;
    int32_t skip_until = lo;
    for (int32_t k = lo; k < hi; k++) {
        if (k < skip_until || c->ti[k].dq != -1 || !is_word(c, k))
            continue;
        int src;
        int n = cue_at(c, k, &src);
        if (!n)
            continue;
        uint32_t kpos = c->toks[k].start;
        if (covered(c, kpos, mine))
            continue;
        int used = 0;
        size_t q0 = mine - first_q > QM_RECENT ? mine - QM_RECENT : first_q;
        for (size_t qi = q0; qi < mine && !used; qi++)
            used = c->q[qi].cue_s >= 0 && (uint32_t)c->q[qi].cue_s <= kpos && kpos < (uint32_t)c->q[qi].cue_e;
        if (used)
            continue;
        int32_t pa, pb;
        spk sp;
        if (src) {
            if (!np_after(c, k + n, hi, &pa, &pb))
                continue;
            int32_t after = pb;
            /* "Selon X, CONTENT" */
            if (words_in(c, lo, k) <= 1 && after < hi && is_punct(c, after, ",")) {
                int32_t ca2 = skip_cited(c, after + 1, hi), ce2 = content_end(c, ca2, hi);
                uint32_t w = words_in(c, ca2, ce2);
                if (w >= 3 && qwords_in(c, ca2, ce2) * 2 < w + 1) {
                    make_speaker(c, pa, pb, &sp);
                    hist_push(c, &sp);
                    if (add_q(c, c->toks[ca2].start, c->toks[ce2 - 1].end, 0, -1, &sp, k, k + n, s))
                        return RC_ENOMEM;
                    skip_until = ce2;
                } else if (w >= 1) {
                    /* « ... » after "Selon X,": give the quote this speaker */
                    for (size_t qi = q0; qi < mine; qi++)
                        if (c->q[qi].direct && c->q[qi].sent == s && c->q[qi].cue_s < 0) {
                            make_speaker(c, pa, pb, &c->q[qi].sp);
                            c->q[qi].cue_s = (int32_t)c->toks[k].start;
                            c->q[qi].cue_e = (int32_t)c->toks[k + n - 1].end;
                        }
                }
                continue;
            }
            /* "CONTENT, according to X." */
            int tail_ok = after >= hi || is_end_punct(c, after) || is_punct(c, after, ",");
            for (int32_t t = after, m = 0; !tail_ok && t < hi && m < 10; t++, m++) {
                int s3;
                if (is_end_punct(c, t)) {
                    tail_ok = 1;
                    break;
                }
                if (c->ti[t].dq != -1 || (is_word(c, t) && cue_at(c, t, &s3)))
                    break;
            }
            if (k > lo && is_punct(c, k - 1, ",") && words_in(c, lo, k - 1) >= 3 && tail_ok) {
                int32_t cs = lo;
                if (c->nq > mine)
                    cs = tok_at_or_after(c, c->q[c->nq - 1].end);
                while (cs < k - 1 && !is_word(c, cs) && c->ti[cs].dq == -1)
                    cs++;
                uint32_t w = words_in(c, cs, k - 1);
                if (w < 3)
                    continue;
                if (qwords_in(c, cs, k - 1) * 2 >= w + 1) {
                    for (size_t qi = q0; qi < mine; qi++)
                        if (c->q[qi].direct && c->q[qi].sent == s && c->q[qi].cue_s < 0) {
                            make_speaker(c, pa, pb, &c->q[qi].sp);
                            c->q[qi].cue_s = (int32_t)c->toks[k].start;
                            c->q[qi].cue_e = (int32_t)c->toks[k + n - 1].end;
                        }
                    continue;
                }
                make_speaker(c, pa, pb, &sp);
                hist_push(c, &sp);
                if (add_q(c, c->toks[cs].start, c->toks[k - 2].end, 0, -1, &sp, k, k + n, s))
                    return RC_ENOMEM;
            }
            continue;
        }
        int32_t ca = cue_start(c, k, lo), cb = k + n;
        if (cue_negated(c, ca, cb))
            continue;      /* "has not said": no quotation */
        int32_t inv = cue_inv(c, ca, cb);
        int have_subj = 0;
        int appos = 0;
        if (inv >= 0) {
            make_inv_speaker(c, inv, &sp);
            have_subj = 1;
        } else if (np_before(c, ca, lo, &pa, &pb, 0)) {
            make_speaker(c, pa, pb, &sp);
            have_subj = 1;
            appos = pb < ca && is_punct(c, ca - 1, ",");
        } else if (have_last && ca > lo &&
                   (is_punct(c, ca - 1, ",") ||
                    (is_word(c, ca - 1) && (c->ti[ca - 1].flags & F_CONJ)))) {
            /* "..., adding that" / "and added that": the same speaker */
            sp = last_sp;
            sp.s = sp.e = -1;
            have_subj = 2;
        } else if (ca > lo && is_word(c, ca - 1) && (c->ti[ca - 1].flags & F_CONJ) &&
                   np_after(c, lo, ca, &pa, &pb) && is_namey(c, pb - 1)) {
            /* "Clinton celebrated in Florida and said that": the subject */
            make_speaker(c, pa, pb, &sp);
            have_subj = 1;
            appos = 1;
        }
        /* P1: that/que within a few tokens; P2: a colon; P3: English [say] + clause */
        int32_t content = -1;
        int told = tok_is(c, (size_t)k, "told") || tok_is(c, (size_t)k, "tells") ||
                   tok_is(c, (size_t)k, "tell") || tok_is(c, (size_t)k, "telling");
        if (have_subj) {
            for (int32_t t = cb; t < hi && t < cb + 10; t++) {
                if (c->ti[t].dq != -1 || is_end_punct(c, t))
                    break;
                if (is_word(c, t) && (c->ti[t].flags & F_THAT)) {
                    content = t + 1;
                    break;
                }
                if (is_punct(c, t, ":")) {
                    if (t + 1 < hi && c->ti[t + 1].dq == -1)
                        content = t + 1;
                    break;
                }
                int s2;
                if (t > cb && is_word(c, t) && cue_at(c, t, &s2))
                    break;
            }
            if (content < 0 && (c->ti[k].flags & F_SAY) && c->l != L_FR) {
                int32_t m = skip_adjuncts(c, cb, hi, told);
                if (m < hi && is_word(c, m) && !(c->ti[m].flags & (F_PREP | F_VERB | F_REL | F_CONJ)) &&
                    !is_end_punct(c, m))
                    content = m;
            }
        }
        if (content >= 0 && content < hi && c->ti[content].dq != -2) {
            int32_t ce = content_end(c, content, hi);
            if (words_in(c, content, ce) >= 3) {
                hist_push(c, &sp);
                if (add_q(c, c->toks[content].start, c->toks[ce - 1].end, 0, -1, &sp, ca, cb, s))
                    return RC_ENOMEM;
                last_sp = sp;
                have_last = 1;
                skip_until = ce;
                continue;
            }
        }
        /* P4: "CONTENT, X said." / "CONTENT, a déclaré X." / "CONTENT, a-t-il ajouté." */
        int32_t comma = -1, vs_end = cb;
        spk sp4;
        int ok4 = 0;
        if (have_subj == 1 && inv < 0 && !appos && pa > lo && is_punct(c, pa - 1, ",")) {
            comma = pa - 1;
            sp4 = sp;
            ok4 = 1;
        } else if (ca > lo && is_punct(c, ca - 1, ",") && have_subj != 1) {
            comma = ca - 1;
            int32_t qa, qb, m = cb;
            while (m < hi && is_word(c, m) && (c->ti[m].flags & F_ADV))
                m++;
            if (np_after(c, m, hi, &qa, &qb)) {
                make_speaker(c, qa, qb, &sp4);
                vs_end = qb;
                ok4 = 1;
            }
        } else if (ca > lo && is_punct(c, ca - 1, ",") && inv >= 0) {
            comma = ca - 1;
            sp4 = sp;
            ok4 = 1;
        }
        if (!ok4)
            continue;
        /* the clause ends the sentence (a short adjunct may follow) */
        int32_t t = vs_end, tail = 0;
        if (t + 1 < hi && is_punct(c, t, ",") && is_word(c, t + 1) && (c->ti[t + 1].flags & F_REL)) {
            /* ", qui ..." / ", who ...": about the speaker, to the end */
            while (t < hi && !is_end_punct(c, t) && c->ti[t].dq == -1)
                t++;
        }
        while (t < hi && !is_end_punct(c, t) && c->ti[t].dq == -1 && tail < 8) {
            int s2;
            if (is_word(c, t) && cue_at(c, t, &s2))
                break;
            if (is_punct(c, t, ",") && t + 1 < hi && is_word(c, t + 1) && cue_at(c, t + 1, &s2))
                break;  /* ", adding that ..." */
            t++;
            tail++;
        }
        int s2;
        int ends = t >= hi || is_end_punct(c, t) ||
                   (is_punct(c, t, ",") && t + 1 < hi && cue_at(c, t + 1, &s2));
        if (!ends && vs_end < hi && is_punct(c, vs_end, ",") && comma > lo) {
            /* an incise: "The drugs have few uses, he says, and are meant
             * for short terms." -- the words on both sides */
            int32_t cs = lo;
            if (c->nq > mine)
                cs = tok_at_or_after(c, c->q[c->nq - 1].end);
            int32_t rs = vs_end + 1, re = content_end(c, rs, hi);
            if (words_in(c, cs, comma) >= 2 && words_in(c, rs, re) >= 2 &&
                qwords_in(c, cs, re) * 2 < words_in(c, cs, re)) {
                hist_push(c, &sp4);
                if (add_q(c, c->toks[cs].start, c->toks[comma - 1].end, 0, -1, &sp4, ca, cb, s) ||
                    add_q(c, c->toks[rs].start, c->toks[re - 1].end, 0, -1, &sp4, ca, cb, s))
                    return RC_ENOMEM;
                last_sp = sp4;
                have_last = 1;
                skip_until = re;
            }
            continue;
        }
        if (!ends)
            continue;
        int32_t cs = lo;
        if (c->nq > mine)
            cs = tok_at_or_after(c, c->q[c->nq - 1].end);
        while (cs < comma && !is_word(c, cs) && c->ti[cs].dq == -1)
            cs++;
        uint32_t w = words_in(c, cs, comma), qw = qwords_in(c, cs, comma);
        if (w >= 3 && qw * 2 < w) {
            hist_push(c, &sp4);
            if (add_q(c, c->toks[cs].start, c->toks[comma - 1].end, 0, -1, &sp4, ca, cb, s))
                return RC_ENOMEM;
            last_sp = sp4;
            have_last = 1;
            skip_until = t;
        }
    }
    if (c->nq > mine && !rc_str_empty(c->q[c->nq - 1].sp.name))
        c->last_q = (int32_t)c->nq - 1;
    return 0;
}

/* ------------------------------------------------------------------ assembly */

static int cmp_q(const void *x, const void *y)
{
    const qtmp *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? 1 : a->end > b->end ? -1 : 0;
}

static int ctx_init(ctx *c, rc_arena *a, rc_str text, rc_lang lang, const rc_span *sents,
                    size_t n_sents, const rc_token *toks, size_t n_toks,
                    const rc_mention *mentions, size_t n_mentions)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->text = text;
    c->l = lang == RC_LANG_FR ? L_FR : lang == RC_LANG_EN ? L_EN : -1;
    if (!toks || !sents) {
        rc_segmentation sg;
        int rc = rc_segment(a, text, lang, &sg);
        if (rc)
            return rc;
        sents = sg.sents;
        n_sents = sg.n_sents;
        toks = sg.toks;
        n_toks = sg.n_toks;
    }
    c->sents = sents;
    c->n_sents = n_sents;
    c->toks = toks;
    c->n_toks = n_toks;
    c->men = mentions;
    c->n_men = mentions ? n_mentions : 0;
    c->ti = rc_arena_calloc(a, n_toks + 1, sizeof *c->ti);
    c->sfirst = rc_arena_calloc(a, n_sents + 1, sizeof *c->sfirst);
    c->send = rc_arena_calloc(a, n_sents + 1, sizeof *c->send);
    c->spara = rc_arena_calloc(a, n_sents + 1, sizeof *c->spara);
    c->wsum = rc_arena_calloc(a, n_toks + 1, sizeof *c->wsum);
    c->qsum = rc_arena_calloc(a, n_toks + 1, sizeof *c->qsum);
    if (!c->ti || !c->sfirst || !c->send || !c->spara || !c->wsum || !c->qsum)
        return RC_ENOMEM;
    for (size_t k = 1; k < n_sents; k++) {
        /* a blank line between two sentences: a new paragraph */
        uint32_t from = sents[k - 1].end, to = sents[k].start;
        int brk = 0;
        for (uint32_t b = from; b + 1 < to && b < text.len && !brk; b++)
            brk = text.ptr[b] == '\n' && memchr(text.ptr + b + 1, '\n', to - b - 1) != NULL;
        c->spara[k] = c->spara[k - 1] + (brk ? 1 : 0);
    }
    tag_tokens(c);
    /* sentence of each token; tokens between sentences join the previous one */
    size_t s = 0;
    for (size_t i = 0; i < n_toks; i++) {
        while (s + 1 < n_sents && toks[i].start >= sents[s + 1].start)
            s++;
        c->ti[i].sent = (int32_t)s;
    }
    for (size_t k = 0; k < n_sents; k++)
        c->sfirst[k] = -1;
    for (size_t i = 0; i < n_toks; i++) {
        int32_t k = c->ti[i].sent;
        if (c->sfirst[k] < 0)
            c->sfirst[k] = (int32_t)i;
        c->send[k] = (int32_t)i + 1;
    }
    for (size_t k = 0; k < n_sents; k++)
        if (c->sfirst[k] < 0)
            c->sfirst[k] = c->send[k] = k ? c->send[k - 1] : 0;
    /* verb forms that are nouns or names here: "the claims", "a report",
     * "Musk's tweet", "United States" (capitalised inside a sentence) */
    for (size_t i = 0; i < n_toks; i++) {
        tinfo *t = &c->ti[i];
        if (!(t->flags & F_VERB))
            continue;
        int32_t s0 = c->sfirst[t->sent];
        if (t->cap && (int32_t)i > s0 && !t->inv && toks[i - 1].kind != RC_TOK_PUNCT)
            t->noverb = 1;
        if (i > 0 && c->ti[i - 1].word && !c->ti[i - 1].cap &&
            (c->ti[i - 1].flags & F_DET) && !(c->ti[i - 1].flags & (F_THAT | F_PRON)))
            t->noverb = 1;
        if (i > 0 && c->ti[i - 1].word &&
            (ends_with(c->text.ptr + toks[i - 1].start, toks[i - 1].end - toks[i - 1].start, "'s") ||
             ends_with(c->text.ptr + toks[i - 1].start, toks[i - 1].end - toks[i - 1].start,
                       "\xE2\x80\x99s")))
            t->noverb = 1;
    }
    return 0;
}

static void ctx_sums(ctx *c)
{
    for (size_t i = 0; i < c->n_toks; i++) {
        c->wsum[i + 1] = c->wsum[i] + (c->ti[i].word ? 1 : 0);
        c->qsum[i + 1] = c->qsum[i] + (c->ti[i].word && c->ti[i].dq >= 0 ? 1 : 0);
    }
}

/* The per-document work that quotes and claims share, done once: the
 * context (tokens tagged, sentences, paragraphs), the quote marks and the
 * tokens they hold, the word counts, the name candidates of each sentence.
 * None of it is changed afterwards by either recogniser (they only add
 * quotes and speakers), which is what lets rc_quotes_claims_find run claims
 * on the context quotes used.  Returns 0, RC_ENOMEM, or a segmentation error
 * (when sents or toks is NULL).  c->n_toks == 0: nothing else was done. */
static int doc_prepare(ctx *c, rc_arena *a, rc_str text, rc_lang lang, const rc_span *sents,
                       size_t n_sents, const rc_token *toks, size_t n_toks,
                       const rc_mention *mentions, size_t n_mentions)
{
    int rc = ctx_init(c, a, text, lang, sents, n_sents, toks, n_toks, mentions, n_mentions);
    if (rc || c->n_toks == 0)
        return rc;
    if ((rc = scan_marks(c)))
        return rc;
    mark_piece_tokens(c);
    ctx_sums(c);
    return find_cands(c);
}

/* The quotations of a prepared context, into c->q (some marked direct == 2:
 * absorbed).  Returns 0 or RC_ENOMEM. */
static int find_all(ctx *c)
{
    int rc;
    /* sentence by sentence, in text order, so that pronouns see the speakers
     * before them: the direct quotes opening in the sentence, then the
     * indirect ones */
    size_t pi = 0;
    c->last_q = -1;
    for (size_t s = 0; s < c->n_sents; s++) {
        size_t first_q = c->nq;
        while (pi < c->npc && (c->pc[pi].tb <= c->pc[pi].ta ||
                               (size_t)c->pc[pi].ta >= c->n_toks ||
                               c->ti[c->pc[pi].ta].sent <= (int32_t)s)) {
            if ((rc = direct_piece(c, pi)))
                return rc;
            pi++;
        }
        if ((rc = indirect_sentence(c, (int32_t)s, first_q)))
            return rc;
    }
    /* direct quotes inside an indirect one are absorbed */
    for (size_t i = 0; i < c->nq; i++) {
        qtmp *d = &c->q[i];
        if (!d->direct)
            continue;
        for (size_t k = i + 1; k < c->nq && k < i + 16; k++) {
            qtmp *q = &c->q[k];
            if (!q->direct && q->sent == d->sent && q->start <= d->start && d->end <= q->end + 4) {
                d->direct = 2;   /* drop */
                if (q->end < d->end)
                    q->end = d->end;
                break;
            }
        }
    }
    return 0;
}

/* rc_quotes_find on a prepared context (c->n_toks > 0): *out, *n as
 * documented in quotes.h, allocated in c->a.  Returns 0 or RC_ENOMEM. */
static int quotes_run(ctx *c, rc_quote **out, size_t *n)
{
    int rc;
    if ((rc = find_all(c)))
        return rc;
    size_t m = 0;
    for (size_t i = 0; i < c->nq; i++)
        if (c->q[i].direct != 2)
            c->q[m++] = c->q[i];
    if (!m)
        return 0;
    qsort(c->q, m, sizeof *c->q, cmp_q);
    rc_quote *res = rc_arena_calloc(c->a, m, sizeof *res);
    if (!res)
        return RC_ENOMEM;
    size_t k = 0;
    uint32_t last_end = 0;
    for (size_t i = 0; i < m; i++) {
        const qtmp *q = &c->q[i];
        if (k && q->start < last_end)
            continue;       /* overlapping: the earlier, longer one stays */
        rc_quote *r = &res[k++];
        r->start = q->start;
        r->end = q->end;
        r->direct = q->direct ? 1 : 0;
        r->speaker = rc_str_empty(q->sp.name) ? RC_STR_NULL : q->sp.name;
        r->speaker_start = q->sp.s;
        r->speaker_end = q->sp.e;
        if (r->speaker_start < 0 || r->speaker_end <= r->speaker_start)
            r->speaker_start = r->speaker_end = -1;
        r->cue_start = q->cue_s;
        r->cue_end = q->cue_e;
        last_end = q->end;
    }
    *out = res;
    *n = k;
    return 0;
}

/* The shared start of the entry points: 1 and the document's context in
 * *c when there is text to read, 0 when there is none (empty, or too large
 * for 32-bit offsets), or a negative error. */
static int doc_open(ctx *c, rc_arena *a, rc_str text, rc_lang lang, const rc_span *sents,
                    size_t n_sents, const rc_token *toks, size_t n_toks,
                    const rc_mention *mentions, size_t n_mentions)
{
    if (!text.ptr || text.len == 0 || text.len >= UINT32_MAX / 2)
        return 0;
    if (!lex_ready())
        return RC_ENOMEM;
    int rc = doc_prepare(c, a, text, lang, sents, n_sents, toks, n_toks, mentions, n_mentions);
    if (rc)
        return rc;
    return c->n_toks > 0;
}

int rc_quotes_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   rc_quote **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    ctx c;
    int rc = doc_open(&c, a, text, lang, sents, n_sents, toks, n_toks, mentions, n_mentions);
    if (rc <= 0)
        return rc;
    return quotes_run(&c, out, n);
}

/* ------------------------------------------------------------------ claims */

/* The chain of a sentence's attribution: the noun phrase after "citing",
 * "quoting", "citant", "qui cite" outside quotation marks ("Kommersant,
 * citing a source close to the talks, reported" -> "a source close to the
 * talks").  It runs to a comma, a colon, a semicolon, the sentence's end, a
 * reporting verb or "that"/"que", at most QM_CITE_WORDS tokens; words inside
 * a direct quotation do not count (inq: the quotation of each token).
 * Returns 1 and the token range [*pa, *pb), or 0. */
static int find_cited(const ctx *c, int32_t lo, int32_t hi, const int32_t *inq,
                      const rc_quote *quotes, int32_t *pa, int32_t *pb)
{
#define IN_DIRECT(t) (inq[t] >= 0 && quotes[inq[t]].direct)
    for (int32_t k = lo; k < hi; k++) {
        if (IN_DIRECT(k) || !is_word(c, k) || !(c->ti[k].flags & F_CITE))
            continue;
        if (tok_is(c, (size_t)k, "cite") && !(k > lo && tok_is(c, (size_t)k - 1, "qui")))
            continue;       /* "cite" only in "qui cite": not "la cite" */
        int32_t a = k + 1, b = a;
        while (b < hi && b - a < QM_CITE_WORDS && !IN_DIRECT(b) && !is_end_punct(c, b) &&
               !is_punct(c, b, ",") && !is_punct(c, b, ";") && !is_punct(c, b, ":") &&
               !(is_word(c, b) && (c->ti[b].flags & (F_VERB | F_THAT))))
            b++;
        if (b > a && words_in(c, a, b) > 0) {
            *pa = a;
            *pb = b;
            return 1;
        }
    }
    return 0;
#undef IN_DIRECT
}

typedef struct ctmp {
    uint32_t start, end;
    uint8_t status;
    rc_str source;
    rc_str cited;                  /* whom the source cites, or empty */
    int32_t cue_s, cue_e;
} ctmp;

typedef struct cvec {
    ctmp *v;
    size_t n, cap;
    rc_arena *a;
} cvec;

static int cvec_add(cvec *cv, rc_str text, uint32_t s, uint32_t e, int status, rc_str source,
                    int32_t cs, int32_t ce)
{
    trim_span(text, &s, &e);
    /* no final period in a proposition */
    while (e > s && (text.ptr[e - 1] == '.' || text.ptr[e - 1] == ',' || text.ptr[e - 1] == ';'))
        e--;
    if (e <= s)
        return 0;
    if (cv->n == cv->cap) {
        size_t nc = cv->cap ? cv->cap * 2 : 32;
        ctmp *nv = rc_arena_alloc(cv->a, nc * sizeof *nv);
        if (!nv)
            return RC_ENOMEM;
        if (cv->n)
            memcpy(nv, cv->v, cv->n * sizeof *nv);
        cv->v = nv;
        cv->cap = nc;
    }
    ctmp *t = &cv->v[cv->n++];
    t->start = s;
    t->end = e;
    t->status = (uint8_t)status;
    t->source = source;
    t->cited = RC_STR_NULL;
    t->cue_s = cs;
    t->cue_e = ce;
    return 0;
}

static int status_rank(int st)
{
    switch (st) {
    case RC_CLAIM_NO_COMMENT: return 6;
    case RC_CLAIM_UNVERIFIED: return 5;
    case RC_CLAIM_NOT_DENIED: return 4;
    case RC_CLAIM_DENIED: return 3;
    case RC_CLAIM_CONFIRMED: return 2;
    case RC_CLAIM_ALLEGED: return 1;
    default: return 0;
    }
}

static int cmp_c(const void *x, const void *y)
{
    const ctmp *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return (int)a->status - (int)b->status;
}

/* A past participle ending (French), for "aurait + participe". */
static int looks_participle(const char *w, size_t n)
{
    static const char *ends[] = {"\xC3\xA9", "\xC3\xA9""e", "\xC3\xA9s", "\xC3\xA9""es", "i", "is", "ie",
                                 "ies", "u", "us", "ue", "ues", "it", "ite", "ert", "erte", "int", "ort"};
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
        if (ends_with(w, n, ends[k]))
            return 1;
    return 0;
}

/* A French conditional of allegation at token k ("aurait détourné",
 * "serait blessé", "montrerait"); its length in tokens, or 0. */
static int cond_at(const ctx *c, int32_t k, int32_t hi)
{
    if (c->l == L_EN || !is_word(c, k))
        return 0;
    const char *w = tok_ptr(c, (size_t)k);
    size_t n = tok_len(c, (size_t)k);
    uint32_t f = c->ti[k].flags;
    if (f & F_CONDNOT)
        return 0;
    if (f & F_COND) {
        /* aurait/auraient + participle; serait + participle or adjective */
        int32_t m = k + 1;
        if (m < hi && is_word(c, m) && (c->ti[m].flags & F_ADV))
            m++;
        if (m >= hi || !is_word(c, m) || (c->ti[m].flags & (F_CONDNOT | F_DET | F_PRON | F_PREP)))
            return 0;
        if (tok_is(c, (size_t)m, "\xC3\xA9t\xC3\xA9"))
            return m + 1 < hi && is_word(c, m + 1) ? m - k + 2 : 0;   /* aurait été tué */
        return looks_participle(tok_ptr(c, (size_t)m), tok_len(c, (size_t)m)) ? m - k + 1 : 0;
    }
    /* any other verb in the conditional: montrerait, s'élèveraient */
    if (n >= 7 && !c->ti[k].cap && (ends_with(w, n, "rait") || ends_with(w, n, "raient")) &&
        !ends_with(w, n, "trait") && !ends_with(w, n, "traient"))
        return 1;
    return 0;
}

/* Best status cue of sentence s.  Tokens inside quotations (inq[t] >= 0)
 * count for the statuses a speaker gives ("« Nous démentons »", "ne peut
 * ni confirmer ni infirmer"), not for allegations: a conditional or
 * "selon" inside a quotation is the speaker's own wording. */
static int sentence_cue(const ctx *c, int32_t s, const int32_t *inq, int32_t *cue_a, int32_t *cue_b)
{
    int32_t lo = c->sfirst[s], hi = c->send[s];
    int best = 0, best_rank = -1;
    for (int32_t k = lo; k < hi; k++) {
        if (!is_word(c, k))
            continue;
        int inside = inq[k] >= 0 || c->ti[k].dq >= 0;
        const lex_phrase *ph = NULL;
        int n = phrase_at(c, (size_t)k, K_STATUS, &ph);
        int st = 0;
        if (n) {
            st = ph->status;
            if (st == RC_CLAIM_DENIED || st == RC_CLAIM_CONFIRMED) {
                /* negation scope: a negation within the three tokens before */
                int neg = 0;
                for (int32_t m = k - 1; m >= lo && m >= k - 3; m--)
                    if (is_word(c, m) && (c->ti[m].flags & F_NEG))
                        neg = 1;
                if (neg)
                    st = st == RC_CLAIM_DENIED ? RC_CLAIM_NOT_DENIED : RC_CLAIM_UNVERIFIED;
            }
            if (st == RC_CLAIM_ALLEGED && inside && c->ti[k].dq >= 0)
                st = 0;
        } else if (!inside && (n = cond_at(c, k, hi)) > 0) {
            st = RC_CLAIM_ALLEGED;
        }
        if (!st)
            continue;
        if (status_rank(st) > best_rank) {
            best_rank = status_rank(st);
            best = st;
            *cue_a = k;
            *cue_b = k + n;
        }
        if (n > 1)
            k += n - 1;
    }
    return best;
}

/* The proposition a status cue [ka, kb) is about, as tokens [*ps, *pe):
 * a clause after it ("denied that ..."), or an object of four words or more
 * that does not point back ("a reconnu l'existence d'un défaut"); else 0,
 * and the caller takes the previous claim ("a démenti ces informations"). */
static int cue_object(const ctx *c, int32_t kb, int32_t hi, int32_t *ps, int32_t *pe)
{
    int32_t k = kb;
    while (k < hi && (is_punct(c, k, ",") || (is_word(c, k) && (c->ti[k].flags & F_ADV))))
        k++;
    int32_t e = content_end(c, k, hi);
    if (k < e && is_word(c, k) && (c->ti[k].flags & F_THAT)) {
        if (words_in(c, k + 1, e) >= 3) {
            *ps = k + 1;
            *pe = e;
            return 1;
        }
        return 0;
    }
    int32_t f = k;
    while (f < e && !is_punct(c, f, ","))
        f++;
    if (words_in(c, k, f) < 4)
        return 0;
    for (int32_t m = k; m < f && m < k + 8; m++)
        if (is_word(c, m) && (c->ti[m].flags & F_ANAPH))
            return 0;
    *ps = k;
    *pe = f;
    return 1;
}

/* rc_claims_find on a prepared context (c->n_toks > 0), with the quotes
 * found in it: *out, *n (left as they are when there is no claim) as
 * documented in quotes.h, allocated in c->a.  The speakers quotes_run
 * remembered for pronouns are forgotten first: claims learn them again from
 * the quotes, in text order, as on a fresh context.  Returns 0 or
 * RC_ENOMEM. */
static int claims_run(ctx *c, const rc_quote *quotes, size_t n_quotes, rc_claim **out, size_t *n)
{
    if (c->n_sents == 0)
        return 0;
    c->nhist = 0;
    rc_arena *a = c->a;
    rc_str text = c->text;
    /* the quotation holding each token */
    int32_t *inq = rc_arena_alloc(a, (c->n_toks + 1) * sizeof *inq);
    int32_t *qsent = rc_arena_alloc(a, (n_quotes + 1) * sizeof *qsent);
    if (!inq || !qsent)
        return RC_ENOMEM;
    for (size_t i = 0; i < c->n_toks; i++)
        inq[i] = -1;
    for (size_t i = 0; i < n_quotes; i++) {
        qsent[i] = -1;
        const rc_quote *q = &quotes[i];
        if (q->end <= q->start || q->end > text.len)
            continue;
        int32_t t = tok_at_or_after(c, q->start);
        if ((size_t)t >= c->n_toks)
            continue;
        qsent[i] = c->ti[t].sent;
        for (; (size_t)t < c->n_toks && c->toks[t].start < q->end; t++)
            if (inq[t] < 0)
                inq[t] = (int32_t)i;
    }
    cvec cv = {NULL, 0, 0, a};
    int32_t prev = -1;            /* the last claim */
    int32_t prev_sent = -1;
    size_t qi = 0, hq = 0;
    for (size_t s = 0; s < c->n_sents; s++) {
        int32_t lo = c->sfirst[s], hi = c->send[s];
        if (hi <= lo)
            continue;
        /* the speakers so far, for pronouns */
        for (; hq < n_quotes && quotes[hq].start < c->sents[s].start; hq++) {
            if (rc_str_empty(quotes[hq].speaker) || quotes[hq].speaker_start < 0)
                continue;
            spk h;
            memset(&h, 0, sizeof h);
            h.name = quotes[hq].speaker;
            h.pos = (uint32_t)quotes[hq].speaker_start;
            h.s = quotes[hq].speaker_start;
            h.e = quotes[hq].speaker_end;
            h.named = 1;
            h.proper = 1;
            hist_push(c, &h);
        }
        size_t n_before = cv.n;
        int32_t ka = -1, kb = -1;
        int st = sentence_cue(c, (int32_t)s, inq, &ka, &kb);
        int32_t back = prev >= 0 && prev_sent >= (int32_t)s - 3 ? prev : -1;
        int did = 0;
        /* 1. the quotations of the sentence */
        while (qi < n_quotes && (qsent[qi] < 0 || qsent[qi] <= (int32_t)s)) {
            const rc_quote *q = &quotes[qi++];
            if (qsent[qi - 1] != (int32_t)s)
                continue;
            int qst = RC_CLAIM_ASSERTED;
            int32_t cs = q->cue_start, ce = q->cue_end;
            uint32_t ps = q->start, pe = q->end;
            if (st) {
                uint32_t cpos = c->toks[ka].start;
                qst = st;
                cs = (int32_t)cpos;
                ce = (int32_t)c->toks[kb - 1].end;
                if (cpos >= q->start && cpos < q->end && st != RC_CLAIM_ALLEGED) {
                    /* the speaker's own "ne peut ni confirmer ni infirmer X" */
                    int32_t s1, e1;
                    if (cue_object(c, kb, hi, &s1, &e1) && c->toks[e1 - 1].end <= q->end) {
                        ps = c->toks[s1].start;
                        pe = c->toks[e1 - 1].end;
                    } else if (back >= 0) {
                        ps = cv.v[back].start;
                        pe = cv.v[back].end;
                    }
                }
            }
            if (cvec_add(&cv, text, ps, pe, qst, q->speaker, cs, ce))
                return RC_ENOMEM;
            did = 1;
        }
        /* 2. a status cue in a sentence with no quotation */
        if (!did && st) {
            int32_t pa, pb;
            rc_str source = RC_STR_NULL;
            spk sp;
            int src;
            int32_t cst = cue_start(c, ka, lo);
            if (c->ti[ka].inv) {
                make_inv_speaker(c, ka, &sp);
                source = sp.name;
            } else if (cue_at(c, ka, &src) && src && np_after(c, kb, hi, &pa, &pb)) {
                make_speaker(c, pa, pb, &sp);
                source = sp.name;
            } else if (np_before(c, cst, lo, &pa, &pb, 0)) {
                make_speaker(c, pa, pb, &sp);
                source = sp.name;
            }
            /* an allegation by the outlet itself has no source */
            if (st == RC_CLAIM_ALLEGED && !(cue_at(c, ka, &src) && src))
                source = RC_STR_NULL;
            uint32_t bs, be;
            int32_t s1, e1;
            if (ka <= lo + 1 && st == RC_CLAIM_ALLEGED) {
                /* "Selon X, Y" / "Reportedly, Y": after the first comma */
                int32_t k = kb;
                while (k < hi && !is_punct(c, k, ","))
                    k++;
                k = k < hi ? skip_cited(c, k + 1, hi) : kb;
                int32_t e = content_end(c, k, hi);
                bs = c->toks[k < e ? k : lo].start;
                be = c->toks[(e > k ? e : hi) - 1].end;
            } else if (st == RC_CLAIM_ALLEGED) {
                bs = c->toks[lo].start;
                be = c->toks[content_end(c, lo, hi) - 1].end;
            } else if (cue_object(c, kb, hi, &s1, &e1)) {
                bs = c->toks[s1].start;
                be = c->toks[e1 - 1].end;
            } else if (back >= 0) {
                bs = cv.v[back].start;
                be = cv.v[back].end;
            } else {
                bs = c->toks[lo].start;
                be = c->toks[hi - 1].end;
            }
            if (cvec_add(&cv, text, bs, be, st, source, (int32_t)c->toks[ka].start,
                         (int32_t)c->toks[kb - 1].end))
                return RC_ENOMEM;
            did = 1;
        }
        /* 3. the lead fact: the first sentence, asserted by the outlet */
        if (!did && s == 0 && words_in(c, lo, hi) >= QM_LEAD_WORDS) {
            if (cvec_add(&cv, text, c->toks[lo].start, c->toks[content_end(c, lo, hi) - 1].end,
                         RC_CLAIM_ASSERTED, RC_STR_NULL, -1, -1))
                return RC_ENOMEM;
            did = 1;
        }
        if (did) {
            prev = (int32_t)cv.n - 1;
            prev_sent = (int32_t)s;
            /* the chain: "Kommersant, citing a source, reported ..." */
            int32_t ca, cb;
            if (find_cited(c, lo, hi, inq, quotes, &ca, &cb)) {
                rc_str cited = {text.ptr + c->toks[ca].start, c->toks[cb - 1].end - c->toks[ca].start};
                for (size_t i = n_before; i < cv.n; i++)
                    if (!rc_str_empty(cv.v[i].source) && !rc_str_eq(cv.v[i].source, cited))
                        cv.v[i].cited = cited;
            }
        }
    }
    if (!cv.n)
        return 0;
    /* text order; the same span and status twice: keep one */
    qsort(cv.v, cv.n, sizeof *cv.v, cmp_c);
    rc_claim *res = rc_arena_calloc(a, cv.n, sizeof *res);
    if (!res)
        return RC_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < cv.n; i++) {
        const ctmp *t = &cv.v[i];
        if (m && res[m - 1].start == t->start && res[m - 1].end == t->end &&
            res[m - 1].status == t->status && rc_str_eq(res[m - 1].source, t->source))
            continue;
        rc_claim *r = &res[m++];
        r->start = t->start;
        r->end = t->end;
        r->status = t->status;
        r->source = t->source;
        r->cited = t->cited;
        r->cue_start = t->cue_s;
        r->cue_end = t->cue_e;
        if (r->cue_start < 0 || r->cue_end <= r->cue_start)
            r->cue_start = r->cue_end = -1;
    }
    *out = res;
    *n = m;
    return 0;
}

int rc_claims_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   const rc_quote *quotes, size_t n_quotes,
                   rc_claim **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    ctx c;
    int rc = doc_open(&c, a, text, lang, sents, n_sents, toks, n_toks, mentions, n_mentions);
    if (rc <= 0)
        return rc;
    return claims_run(&c, quotes, n_quotes, out, n);
}

int rc_quotes_claims_find(rc_arena *a, rc_str text, rc_lang lang,
                          const rc_span *sents, size_t n_sents,
                          const rc_token *toks, size_t n_toks,
                          const rc_mention *mentions, size_t n_mentions,
                          rc_quote **quotes, size_t *n_quotes,
                          rc_claim **claims, size_t *n_claims)
{
    *quotes = NULL;
    *n_quotes = 0;
    *claims = NULL;
    *n_claims = 0;
    ctx c;
    int rc = doc_open(&c, a, text, lang, sents, n_sents, toks, n_toks, mentions, n_mentions);
    if (rc <= 0)
        return rc;
    if ((rc = quotes_run(&c, quotes, n_quotes)))
        return rc;
    return claims_run(&c, *quotes, *n_quotes, claims, n_claims);
}
