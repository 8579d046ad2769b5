/*
 * bench_html.c -- speed of rc_html_extract() against libxml2's bare parse.
 *
 * For each HTML file given, runs htmlReadMemory()+xmlFreeDoc() N times, then
 * rc_html_extract() N times (parse included), and prints pages/s of each and
 * their ratio (extract time / parse time); a total line sums over files.
 *
 *   make B=/tmp/rc-html /tmp/rc-html/librecoupe.a
 *   cc -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags libxml-2.0) \
 *      bench/bench_html.c /tmp/rc-html/librecoupe.a -o /tmp/bench_html \
 *      $(pkg-config --libs libxml-2.0 libutf8proc sqlite3 zlib jansson libxxhash) -lstemmer -lm
 *   /tmp/bench_html [-n N] FILE.html...
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        *len = (size_t)n;
    return b;
}

int main(int argc, char **argv)
{
    int n = 20, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        n = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || n <= 0) {
        fprintf(stderr, "usage: bench_html [-n N] FILE.html...\n");
        return 2;
    }
    rc_arena *a = rc_arena_new(0);
    double tp = 0, te = 0;
    int pages = 0;
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                     HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    for (int i = first; i < argc; i++) {
        size_t len = 0;
        char *h = slurp(argv[i], &len);
        if (!h) {
            fprintf(stderr, "bench_html: cannot read %s\n", argv[i]);
            continue;
        }
        double t0 = now();
        for (int k = 0; k < n; k++) {
            xmlDoc *d = htmlReadMemory(h, (int)len, NULL, "UTF-8", opts);
            xmlFreeDoc(d);
        }
        double t1 = now();
        for (int k = 0; k < n; k++) {
            rc_str text;
            rc_html_meta m;
            rc_html_extract(a, (rc_str){h, len}, RC_STR_NULL, &text, &m);
            rc_arena_reset(a);
        }
        double t2 = now();
        if (argc - first <= 20)
            printf("%-50s parse %8.1f pages/s  extract %8.1f pages/s  ratio %.2f\n", argv[i], n / (t1 - t0),
                   n / (t2 - t1), (t2 - t1) / (t1 - t0));
        tp += t1 - t0;
        te += t2 - t1;
        pages += n;
        free(h);
    }
    printf("total: %d pages  parse %.1f pages/s  extract %.1f pages/s  ratio %.2f\n", pages, pages / tp,
           pages / te, te / tp);
    rc_arena_free(a);
    return 0;
}
