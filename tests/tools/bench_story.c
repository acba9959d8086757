/* bench_story: figures for following a story over a loaded set: the
 * fingerprinting pass, duplicate groups, the names view's summary and
 * co-occurrence, the timeline, and the read-in lookup when an article
 * opens (after 1,000 articles were read). Not a test: it asserts
 * nothing. usage: bench_story PATH... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store.h"
#include "story.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    store *s = store_new(NULL, NULL);
    for (int i = 1; i < argc; i++)
        store_add_path(s, argv[i]);
    double ti = now();
    store_index(s);
    ti = now() - ti;
    size_t n = store_count(s);
    if (!n) {
        fprintf(stderr, "bench_story: no articles\n");
        return 2;
    }
    const entity_table *t = store_entities(s);
    printf("articles            %zu\n", n);
    printf("store_index         %.1f ms (entities)\n", ti);

    /* fingerprints again, timed alone (store_index made them once) */
    story_print p = {0};
    size_t paras = 0, shingles = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        story_print_article(&p, store_get(s, i));
        paras += p.npara;
        shingles += p.nsh;
    }
    story_print_fini(&p);
    printf("fingerprints        %.1f ms (%zu paragraphs, %zu shingles)\n",
           now() - t0, paras, shingles);

    uint64_t *body = malloc(n * sizeof *body);
    uint32_t *rep = malloc(n * sizeof *rep), *next = malloc(n * sizeof *next);
    int64_t *keys = malloc(n * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        body[i] = store_body(s, i);
        keys[i] = store_get(s, i)->date_key;
    }
    t0 = now();
    story_dup_groups(body, n, rep, next);
    size_t dups = 0;
    for (size_t i = 0; i < n; i++)
        dups += rep[i] != i;
    printf("duplicate groups    %.1f ms (%zu articles are copies)\n",
           now() - t0, dups);

    size_t nn;
    t0 = now();
    story_name *v = story_names(t, NULL, 0, n, keys, STORY_SORT_COUNT, &nn);
    printf("names view (all)    %.1f ms (%zu names)\n", now() - t0, nn);
    t0 = now();
    story_names_sort(v, nn, t, STORY_SORT_FIRST);
    printf("  re-sort by first  %.1f ms\n", now() - t0);
    story_names_sort(v, nn, t, STORY_SORT_COUNT);
    size_t nw = 0;
    t0 = now();
    entity_tally *w = nn ? story_cooc(t, v[0].id, NULL, &nw) : NULL;
    printf("with: (top name)    %.1f ms (%s: %zu names)\n", now() - t0,
           nn ? entity_name(t, v[0].id) : "-", nw);
    free(w);

    story_timeline tl;
    t0 = now();
    story_timeline_build(&tl, keys, NULL, n);
    printf("timeline (all)      %.1f ms (%zu %s buckets, %llu undated)\n",
           now() - t0, tl.nbuckets, story_unit_name(tl.unit),
           (unsigned long long)tl.undated);
    story_timeline_fini(&tl);

    story_seen *m = story_seen_new();
    size_t nread = n < 1000 ? n / 2 : 1000;
    t0 = now();
    for (size_t i = 0; i < nread; i++)
        story_seen_add(m, (uint32_t)i, store_print(s, i));
    printf("mark %zu read       %.1f ms\n", nread, now() - t0);
    story_hit hits[4096];
    double worst = 0, sum = 0;
    size_t opened = 0, shared = 0;
    for (size_t i = nread; i < n && opened < 1000; i++, opened++) {
        const story_print *pi = store_print(s, i);
        if (pi->npara > 4096)
            continue;
        double a = now();
        shared += story_seen_match(m, (uint32_t)i, pi, hits) < 100;
        double d = now() - a;
        sum += d;
        worst = d > worst ? d : worst;
    }
    printf("open: read-in match %.3f ms mean, %.3f ms max over %zu articles "
           "(%zu with read paragraphs)\n", opened ? sum / (double)opened : 0,
           worst, opened, shared);
    story_seen_free(m);
    free(v);
    free(body);
    free(rep);
    free(next);
    free(keys);
    store_free(s);
    return 0;
}
