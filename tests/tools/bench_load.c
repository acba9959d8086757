/* bench_load: load paths into a store and print figures: articles, bytes,
 * load and indexing time, throughput and peak memory. Not a test: it
 * asserts nothing. "entities (cpu)" is the same pass in CPU seconds (one
 * thread: steadier than the wall clock on a shared machine).
 * usage: bench_load [--rules] PATH...
 * --rules: the entity pass without the learned tagger, for comparison. */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include <string.h>

#include "store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process: on a busy machine the wall time of a
 * single-threaded pass says more about the neighbours than the code. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void count_msg(void *ctx, const char *label, const char *msg)
{
    (void)label;
    (void)msg;
    ++*(size_t *)ctx;
}

int main(int argc, char **argv)
{
    size_t msgs = 0;
    store *s = store_new(count_msg, &msgs);
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "--rules")) {
        entity_table_set_tagger(store_entities_mut(s), NULL);
        first = 2;
    }
    double t0 = now();
    for (int i = first; i < argc; i++)
        store_add_path(s, argv[i]);
    double t1 = now(), c1 = cpu();
    store_index(s);
    double t2 = now(), c2 = cpu();
    size_t bytes = 0, mentions = 0;
    for (size_t i = 0; i < store_count(s); i++) {
        size_t n;
        bytes += store_get(s, i)->len;
        entity_mentions(store_entities(s), (uint32_t)i, &n);
        mentions += n;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)bytes / 1e6;
    printf("articles          %zu (%zu messages)\n", store_count(s), msgs);
    printf("text              %.1f MB\n", mb);
    printf("read+clean+parse  %.3f s  (%.0f MB/s)\n", t1 - t0,
           mb / (t1 - t0));
    printf("entities          %.3f s  (%.0f MB/s), %zu entities, "
           "%zu mentions\n",
           t2 - t1, mb / (t2 - t1), entity_count(store_entities(s)),
           mentions);
    printf("entities (cpu)    %.3f s  (%.0f MB/s)\n", c2 - c1,
           mb / (c2 - c1));
    printf("total load        %.3f s\n", t2 - t0);
    printf("peak memory       %.1f MB (max RSS)\n", ru.ru_maxrss / 1024.0);
    store_free(s);
    return 0;
}
