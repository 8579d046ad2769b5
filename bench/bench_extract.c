/*
 * bench_extract.c -- cost of recoupe's whole extraction against libxml2's
 * bare HTML parse of the same page.
 *
 *     build/bench_extract [-n ITER] FILE...
 *
 * For each page: ITER rounds, each timing one bare parse (htmlReadMemory +
 * xmlFreeDoc, the floor: no extractor can do less) and one full
 * rc_pipeline_run (charset decoding, parse, extraction, metadata,
 * normalisation, language id, segmentation), interleaved so that machine
 * noise hits both alike; the minimum of each over the rounds is kept.
 * Prints per page: bytes, bare ms, recoupe ms, ratio; then the totals and
 * pages per second of each.  Single thread, CPU time of the process.
 */
#include "recoupe.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv)
{
    int iter = 20, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        iter = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || iter <= 0) {
        fprintf(stderr, "usage: bench_extract [-n ITER] FILE...\n");
        return 2;
    }
    rc_pipeline *p = rc_pipeline_new(NULL);
    double tot_bare = 0, tot_rc = 0;
    size_t tot_bytes = 0;
    int pages = 0;
    printf("%-50s %9s %9s %9s %6s\n", "page", "bytes", "bare_ms", "recoupe", "ratio");
    for (int i = first; i < argc; i++) {
        size_t len;
        char *html = slurp(argv[i], &len);
        if (!html) {
            fprintf(stderr, "bench_extract: cannot read %s\n", argv[i]);
            continue;
        }
        double best_bare = 1e9, best_rc = 1e9;
        size_t text_len = 0;
        for (int k = 0; k < iter; k++) {
            double t0 = now();
            htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, NULL,
                                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_COMPACT);
            xmlFreeDoc(doc);
            double t1 = now();
            rc_input in = {.id = RC_STR_LIT("bench"), .body = {html, len}, .format = RC_FMT_HTML};
            const rc_doc *d;
            if (rc_pipeline_run(p, &in, &d) == 0)
                text_len = d->text.len;
            double t2 = now();
            if (t1 - t0 < best_bare) best_bare = t1 - t0;
            if (t2 - t1 < best_rc) best_rc = t2 - t1;
        }
        const char *name = strrchr(argv[i], '/');
        printf("%-50.50s %9zu %9.3f %9.3f %6.2f  (text %zu bytes)\n", name ? name + 1 : argv[i], len,
               best_bare * 1e3, best_rc * 1e3, best_rc / best_bare, text_len);
        tot_bare += best_bare;
        tot_rc += best_rc;
        tot_bytes += len;
        pages++;
        free(html);
    }
    if (pages)
        printf("total: %d pages, %.1f MB; bare parse %.1f pages/s, recoupe %.1f pages/s; "
               "ratio recoupe/bare %.2f\n", pages, (double)tot_bytes / 1e6, pages / tot_bare,
               pages / tot_rc, tot_rc / tot_bare);
    rc_pipeline_free(p);
    xmlCleanupParser();
    return 0;
}
