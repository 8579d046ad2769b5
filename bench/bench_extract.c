/*
 * bench_extract.c -- cost of recoupe's whole extraction against libxml2's
 * bare HTML parse of the same page.
 *
 *     build/bench_extract [-n ITER] FILE...
 *
 * For each page: ITER rounds, each timing one bare parse (htmlReadMemory +
 * xmlFreeDoc, the floor: no extractor can do less), one extraction
 * (rc_pipeline_run with segmentation and recognisers off: charset decoding,
 * parse, main text, metadata, normalisation, language id) and one full
 * rc_pipeline_run (plus segmentation, dates and entities), interleaved so
 * that machine noise hits all alike; the minimum of each over the rounds is
 * kept.  Prints per page: bytes, bare ms, extraction ms, full ms and the
 * ratios; then the totals and pages per second of each.  Single thread, CPU
 * time of the process.
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
    rc_options xo = {.no_segment = 1};
    rc_pipeline *px = rc_pipeline_new(&xo);
    double tot_bare = 0, tot_rc = 0, tot_x = 0;
    size_t tot_bytes = 0;
    int pages = 0;
    printf("%-44s %8s %8s %8s %8s %6s %6s\n", "page", "bytes", "bare_ms", "extr_ms", "full_ms",
           "extr/b", "full/b");
    for (int i = first; i < argc; i++) {
        size_t len;
        char *html = slurp(argv[i], &len);
        if (!html) {
            fprintf(stderr, "bench_extract: cannot read %s\n", argv[i]);
            continue;
        }
        double best_bare = 1e9, best_rc = 1e9, best_x = 1e9;
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
            rc_pipeline_run(px, &in, &d);
            double t2 = now();
            if (rc_pipeline_run(p, &in, &d) == 0)
                text_len = d->text.len;
            double t3 = now();
            if (t1 - t0 < best_bare) best_bare = t1 - t0;
            if (t2 - t1 < best_x) best_x = t2 - t1;
            if (t3 - t2 < best_rc) best_rc = t3 - t2;
        }
        const char *name = strrchr(argv[i], '/');
        printf("%-44.44s %8zu %8.3f %8.3f %8.3f %6.2f %6.2f  (text %zu bytes)\n",
               name ? name + 1 : argv[i], len, best_bare * 1e3, best_x * 1e3, best_rc * 1e3,
               best_x / best_bare, best_rc / best_bare, text_len);
        tot_bare += best_bare;
        tot_x += best_x;
        tot_rc += best_rc;
        tot_bytes += len;
        pages++;
        free(html);
    }
    if (pages)
        printf("total: %d pages, %.1f MB; pages/s: bare parse %.1f, extraction %.1f, full pipeline %.1f; "
               "ratio to bare parse: extraction %.2f, full %.2f\n", pages, (double)tot_bytes / 1e6,
               pages / tot_bare, pages / tot_x, pages / tot_rc, tot_x / tot_bare, tot_rc / tot_bare);
    rc_pipeline_free(p);
    rc_pipeline_free(px);
    xmlCleanupParser();
    return 0;
}
