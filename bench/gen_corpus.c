/*
 * gen_corpus.c -- a synthetic news corpus for scale runs (bench/scale.sh).
 *
 *   gen_corpus N [SEED] > corpus.jsonl
 *
 * Writes N JSONL documents ({id, title, text, lang, published}) over one
 * year: stories (a few to a few dozen articles over 1-4 days, each story
 * with its own rare names and numbers), articles written independently
 * about a story (same names, other sentences and numbers), exact copies,
 * near copies (a sentence changed or a footer added), "translations" (the
 * same skeleton -- names and numbers in the same places -- over French
 * filler words) and unrelated noise.  Deterministic for a seed.  The words
 * are made up: realistic in shape (Zipf-like vocabulary, sentences of 8-30
 * words, 5-20 sentences), not in meaning.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned below(unsigned n)
{
    return (unsigned)(next() % n);
}

/* A made-up word from an index (consonant-vowel syllables). */
static void word(char *out, unsigned idx, int cap)
{
    static const char c[] = "bcdfglmnprstv", v[] = "aeiou";
    int n = 0, syl = 1 + (int)(idx % 3);
    for (int i = 0; i < syl; i++) {
        out[n++] = c[idx % 13];
        idx /= 13;
        out[n++] = v[idx % 5];
        idx = idx / 5 + (unsigned)i * 7919;
    }
    if (cap)
        out[0] = (char)(out[0] - 32);
    out[n] = 0;
}

/* Zipf-like pick from a vocabulary of 50,000 words. */
static unsigned zipf(void)
{
    double u = (double)(next() % 1000000) / 1e6;
    return (unsigned)(50000.0 * u * u * u);
}

typedef struct story {
    unsigned names[6];
    unsigned nums[6];
    unsigned topic[8];
    long t0;
} story;

static void json_text_sentences(FILE *f, const story *s, int lang_fr, unsigned variant,
                                int nsent, int keep_skeleton)
{
    char w[32];
    uint64_t save = rng;
    if (keep_skeleton)
        rng = 0x9E3779B97F4A7C15ULL ^ variant;   /* same skeleton for all copies */
    for (int i = 0; i < nsent; i++) {
        int len = 8 + (int)below(20);
        for (int j = 0; j < len; j++) {
            unsigned r = below(100);
            if (j == 0) {
                word(w, zipf(), 1);
                fputs(w, f);
            } else if (r < 6) {
                word(w, 60000 + s->names[below(6)], 1);
                fprintf(f, " %s", w);
            } else if (r < 9) {
                fprintf(f, " %u", s->nums[below(6)]);
            } else if (r < 20) {
                word(w, 70000 + s->topic[below(8)], 0);
                fprintf(f, " %s", w);
            } else {
                unsigned z = zipf();
                if (lang_fr)
                    z += 100000;
                if (keep_skeleton && lang_fr)
                    z = z * 3 + 1;
                word(w, z, 0);
                fprintf(f, " %s", w);
            }
        }
        fputs(i + 1 < nsent ? ". " : ".", f);
    }
    if (keep_skeleton)
        rng = save;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000;
    if (argc > 2)
        rng ^= (uint64_t)atoll(argv[2]) * 0x9E3779B97F4A7C15ULL;
    long day0 = 1672531200;   /* 2023-01-01 */
    story cur[64];
    int ncur = 0;
    long docs = 0, sid = 0;
    while (docs < n) {
        long t = day0 + docs * (365L * 86400) / n;
        if (ncur < 64 && (ncur == 0 || below(4) == 0)) {
            story *s = &cur[ncur++];
            for (int i = 0; i < 6; i++) {
                s->names[i] = (unsigned)(sid * 6 + (long)i) % 200000;
                s->nums[i] = 10 + below(99990);
            }
            for (int i = 0; i < 8; i++)
                s->topic[i] = (unsigned)(sid * 8 + (long)i) % 30000;
            s->t0 = t;
            sid++;
        }
        int k = (int)below((unsigned)ncur);
        story *s = &cur[k];
        if (t - s->t0 > 3 * 86400) {          /* the story is over */
            cur[k] = cur[--ncur];
            continue;
        }
        unsigned kind = below(100), variant = (unsigned)next();
        int fr = kind >= 90 || below(3) == 0;
        time_t tt = (time_t)(t + below(3600));
        char date[32];
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
        char w[32];
        printf("{\"id\":\"g%ld\",\"lang\":\"%s\",\"published\":\"%s\",\"title\":\"", docs,
               fr ? "fr" : "en", date);
        word(w, 60000 + s->names[0], 1);
        printf("%s", w);
        for (int i = 0; i < 5; i++) {
            word(w, 70000 + s->topic[below(8)], 0);
            printf(" %s", w);
        }
        printf("\",\"text\":\"");
        if (kind < 8) {                        /* noise */
            story noise = *s;
            for (int i = 0; i < 6; i++)
                noise.names[i] = below(200000), noise.nums[i] = below(100000);
            json_text_sentences(stdout, &noise, fr, variant, 5 + (int)below(15), 0);
        } else if (kind < 80) {                /* an article of the story */
            json_text_sentences(stdout, s, fr, variant, 5 + (int)below(15), 0);
        } else {                               /* a copy or translation of the story's lead */
            json_text_sentences(stdout, s, kind >= 90, (unsigned)s->t0, 12, 1);
            if (kind >= 85 && kind < 90)
                printf(" Read more on our site.");
        }
        printf("\"}\n");
        docs++;
    }
    return 0;
}
