/* cli_story.c: the batch forms of following a story (part of the batch
 * front end with cli.c, the only src/ files that print): --timeline,
 * --with NAME (once: who appears with NAME; twice: the articles naming
 * both), --duplicates and a sortable --entities --summary. */
#include "cli_story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "story.h"
#include "util.h"

static void json_str(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* A text field: tabs and newlines become spaces (one record a line). */
static void field(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        putchar(s[i] == '\t' || s[i] == '\n' ? ' ' : s[i]);
}

static long find_entity(const store *s, const char *name)
{
    const entity_table *t = store_entities(s);
    long id = t ? entity_lookup(t, name, strlen(name)) : -1;
    if (id < 0)
        fprintf(stderr, "lede: no name '%s' in this set (see --entities "
                "--summary)\n", name);
    return id;
}

/* ---- --timeline ------------------------------------------------------- */

static void bar(uint32_t count, uint32_t max, int width)
{
    static const char *const part[] = {"", "\xe2\x96\x8f", "\xe2\x96\x8e",
        "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
        "\xe2\x96\x89"};
    uint64_t e = max ? (uint64_t)count * 8 * (uint64_t)width / max : 0;
    for (; e >= 8; e -= 8)
        fputs("\xe2\x96\x88", stdout);
    fputs(part[e], stdout);
}

int cli_story_timeline(const cli_opts *o, const store *s)
{
    size_t n = store_count(s);
    int64_t *keys = lede_malloc((n ? n : 1) * sizeof *keys);
    uint32_t *w = NULL;
    for (size_t i = 0; i < n; i++)
        keys[i] = store_get(s, i)->date_key;
    if (o->nwith) {
        long id = find_entity(s, o->with[0]);
        if (id < 0) {
            free(keys);
            return 1;
        }
        w = lede_calloc(n ? n : 1, sizeof *w);
        size_t na;
        const entity_tally *ea = entity_articles(store_entities(s),
                                                 (uint32_t)id, &na);
        for (size_t i = 0; i < na; i++)
            w[ea[i].id] = ea[i].count;
    }
    story_timeline tl;
    story_timeline_build(&tl, keys, w, n);
    bool chart = !o->json && isatty(STDOUT_FILENO);
    char lab[32];
    for (size_t b = 0; b < tl.nbuckets; b++) {
        story_timeline_label(&tl, b, lab, sizeof lab);
        if (o->json) {
            printf("{\"date\":\"%s\",\"unit\":\"%s\",\"count\":%u}\n", lab,
                   story_unit_name(tl.unit), tl.count[b]);
        } else if (chart) {
            printf("%-10s ", lab);
            bar(tl.count[b], tl.max, 50);
            printf(" %u\n", tl.count[b]);
        } else {
            printf("%s\t%u\n", lab, tl.count[b]);
        }
    }
    if (o->json)
        printf("{\"undated\":%llu}\n", (unsigned long long)tl.undated);
    else if (tl.undated)
        printf("undated%s%llu\n", chart ? "    " : "\t",
               (unsigned long long)tl.undated);
    story_timeline_fini(&tl);
    free(keys);
    free(w);
    return 0;
}

/* ---- --with ----------------------------------------------------------- */

static int with_two(const cli_opts *o, const store *s, long a, long b)
{
    size_t n;
    entity_tally *t = story_both(store_entities(s), (uint32_t)a, (uint32_t)b,
                                 &n);
    for (size_t i = 0; i < n; i++) {
        const article *ar = store_get(s, t[i].id);
        size_t hl;
        const char *h = article_headline(ar, &hl);
        if (o->json) {
            fputs("{\"path\":", stdout);
            json_str(ar->label, strlen(ar->label));
            printf(",\"mentions\":%u,\"headline\":", t[i].count);
            json_str(h, hl);
            fputs("}\n", stdout);
        } else {
            field(ar->label, strlen(ar->label));
            printf("\t%u\t", t[i].count);
            field(h, hl);
            putchar('\n');
        }
    }
    free(t);
    return n ? 0 : 1;
}

int cli_story_with(const cli_opts *o, const store *s)
{
    long a = find_entity(s, o->with[0]);
    long b = o->nwith > 1 ? find_entity(s, o->with[1]) : 0;
    if (a < 0 || b < 0)
        return 1;
    if (o->nwith > 1)
        return with_two(o, s, a, b);
    const entity_table *t = store_entities(s);
    size_t n;
    entity_tally *v = story_cooc(t, (uint32_t)a, NULL, &n);
    for (size_t i = 0; i < n; i++) {
        const char *name = entity_name(t, v[i].id);
        const char *type = entity_type_name(entity_type_of(t, v[i].id));
        if (o->json) {
            fputs("{\"entity\":", stdout);
            json_str(name, strlen(name));
            printf(",\"type\":\"%s\",\"articles\":%u}\n", type, v[i].count);
        } else {
            field(name, strlen(name));
            printf("\t%s\t%u\n", type, v[i].count);
        }
    }
    free(v);
    return 0;
}

/* ---- --duplicates ------------------------------------------------------ */

int cli_story_duplicates(const cli_opts *o, const store *s)
{
    size_t n = store_count(s);
    uint64_t *body = lede_malloc((n ? n : 1) * sizeof *body);
    uint32_t *rep = lede_malloc((n ? n : 1) * sizeof *rep);
    uint32_t *next = lede_malloc((n ? n : 1) * sizeof *next);
    for (size_t i = 0; i < n; i++)
        body[i] = store_body(s, i);
    story_dup_groups(body, n, rep, next);
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        if (rep[i] != i || next[i] == i)
            continue; /* one line per group, from its first member */
        size_t c = 1;
        for (uint32_t k = next[i]; k != i; k = next[k])
            c++;
        groups++;
        printf(o->json ? "{\"copies\":%zu,\"paths\":[" : "%zu", c);
        uint32_t k = (uint32_t)i;
        for (size_t j = 0; j < c; j++, k = next[k]) {
            const char *l = store_summary(s, k)->label;
            if (o->json) {
                if (j)
                    putchar(',');
                json_str(l, strlen(l));
            } else {
                putchar('\t');
                field(l, strlen(l));
            }
        }
        fputs(o->json ? "]}\n" : "\n", stdout);
    }
    free(body);
    free(rep);
    free(next);
    return groups ? 0 : 1;
}

/* ---- --entities --summary --sort=... ------------------------------------ */

int cli_story_summary(const cli_opts *o, const store *s)
{
    const entity_table *t = store_entities(s);
    size_t n = store_count(s), nn;
    int64_t *d = lede_malloc((n ? n : 1) * sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = store_get(s, i)->date_key;
    story_sort by = o->name_sort == CLI_NAMES_NAME ? STORY_SORT_NAME
                  : o->name_sort == CLI_NAMES_FIRST ? STORY_SORT_FIRST
                  : STORY_SORT_COUNT;
    story_name *v = story_names(t, NULL, 0, n, d, by, &nn);
    for (size_t i = 0; i < nn; i++) {
        const char *name = entity_name(t, v[i].id);
        const char *type = entity_type_name(entity_type_of(t, v[i].id));
        char first[16] = "";
        if (v[i].first >= 0) {
            long long k = v[i].first / 1000000;
            snprintf(first, sizeof first, "%04lld-%02lld-%02lld", k / 10000,
                     k / 100 % 100, k % 100);
        }
        if (o->json) {
            fputs("{\"entity\":", stdout);
            json_str(name, strlen(name));
            printf(",\"type\":\"%s\",\"mentions\":%u,\"articles\":%u,"
                   "\"first\":", type, v[i].mentions, v[i].articles);
            if (first[0])
                printf("\"%s\"}\n", first);
            else
                fputs("null}\n", stdout);
        } else {
            field(name, strlen(name));
            printf("\t%s\t%u\t%u\t%s\n", type, v[i].mentions, v[i].articles,
                   first);
        }
    }
    free(v);
    free(d);
    return 0;
}
