/* group.c: rows grouped by folder or source. One hash pass assigns each
 * row its group, the group names are sorted, and a counting sort makes
 * the groups contiguous while keeping the rows' order inside each. */
#include "group.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char top_name[] = ".";
static const char no_source[] = "(no source)";

static const char *const by_names[GROUP_N] = {"none", "folder", "source"};

const char *group_by_name(group_by by)
{
    return by < GROUP_N ? by_names[by] : "?";
}

int group_by_parse(const char *s)
{
    for (int i = 0; i < GROUP_N; i++)
        if (!strcmp(s, by_names[i]))
            return i;
    return -1;
}

/* Length of the folder prefix every article's label shares ("a/b/"). */
static size_t root_len(const store *s)
{
    size_t n = store_count(s);
    if (!n)
        return 0;
    const char *first = store_summary(s, 0)->label;
    size_t len = strlen(first);
    for (size_t i = 1; i < n && len; i++) {
        const char *l = store_summary(s, i)->label;
        size_t k = 0;
        while (k < len && l[k] == first[k])
            k++;
        len = k;
    }
    while (len && first[len - 1] != '/')
        len--;
    return len;
}

typedef struct key {
    const char *s;
    size_t len;
    int special; /* -1 sorts first (the top folder), 1 last (no source) */
} key;

static key row_key(const store *s, group_by by, uint32_t art, size_t root)
{
    const article *a = store_summary(s, art);
    if (by == GROUP_SOURCE) {
        if (a->source < 0 || !a->blocks[a->source].len)
            return (key){no_source, sizeof no_source - 1, 1};
        const article_block *b = &a->blocks[a->source];
        return (key){a->text + b->off, b->len, 0};
    }
    const char *l = a->label;
    size_t ll = strlen(l);
    const char *rest = l + (root <= ll ? root : ll);
    const char *slash = strrchr(rest, '/');
    if (!slash || slash == rest)
        return (key){top_name, sizeof top_name - 1, -1};
    return (key){rest, (size_t)(slash - rest), 0};
}

static const key *sort_keys; /* for the comparator */

static int cmp_groups(const void *pa, const void *pb)
{
    const key *x = &sort_keys[*(const uint32_t *)pa];
    const key *y = &sort_keys[*(const uint32_t *)pb];
    if (x->special != y->special)
        return x->special < y->special ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Assign each row a group in order of first appearance; returns the
 * count of groups, their keys in keys[0..count). */
static size_t assign(const store *s, group_by by, const uint32_t *rows,
                     size_t n, uint32_t *of, key *keys)
{
    size_t root = by == GROUP_FOLDER ? root_len(s) : 0, size = 16, ng = 0;
    while (size < 2 * n)
        size *= 2;
    uint32_t *slot = lede_calloc(size, sizeof *slot); /* group + 1, 0 free */
    for (size_t i = 0; i < n; i++) {
        key k = row_key(s, by, rows[i], root);
        size_t h = (size_t)lede_hash64(k.s, k.len) & (size - 1);
        for (;; h = (h + 1) & (size - 1)) {
            uint32_t g = slot[h];
            if (!g) {
                keys[ng] = k;
                slot[h] = (uint32_t)++ng;
                of[i] = (uint32_t)ng - 1;
                break;
            }
            const key *o = &keys[g - 1];
            if (o->len == k.len && !memcmp(o->s, k.s, k.len)) {
                of[i] = g - 1;
                break;
            }
        }
    }
    free(slot);
    return ng;
}

/* Reorder rows (and aux) by group rank, stably. */
static void place(uint32_t *rows, uint32_t *aux, size_t n, uint32_t *of,
                  const uint32_t *rank, group_info *g, size_t ng)
{
    uint32_t *tmp = lede_malloc((aux ? 2 : 1) * n * sizeof *tmp);
    uint32_t *taux = aux ? tmp + n : NULL;
    for (size_t r = 0; r < ng; r++)
        g[r].n = 0;
    for (size_t i = 0; i < n; i++)
        g[rank[of[i]]].n++;
    uint32_t at = 0;
    for (size_t r = 0; r < ng; r++) {
        g[r].first = at;
        at += g[r].n;
    }
    uint32_t *fill = lede_calloc(ng ? ng : 1, sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        uint32_t r = rank[of[i]], to = g[r].first + fill[r]++;
        tmp[to] = rows[i];
        if (aux)
            taux[to] = aux[i];
    }
    for (size_t r = 0; r < ng; r++)
        for (uint32_t k = 0; k < g[r].n; k++)
            of[g[r].first + k] = (uint32_t)r;
    memcpy(rows, tmp, n * sizeof *rows);
    if (aux)
        memcpy(aux, taux, n * sizeof *aux);
    free(fill);
    free(tmp);
}

size_t group_rows(const store *s, group_by by, uint32_t *rows, uint32_t *aux,
                  size_t n, group_set *gs)
{
    gs->ng = 0;
    if (by == GROUP_NONE || by >= GROUP_N || !n)
        return 0;
    if (gs->cap < n) {
        free(gs->of);
        free(gs->g);
        gs->of = lede_malloc(n * sizeof *gs->of);
        gs->g = lede_malloc(n * sizeof *gs->g);
        gs->cap = n;
    }
    key *keys = lede_malloc(n * sizeof *keys);
    size_t ng = assign(s, by, rows, n, gs->of, keys);
    uint32_t *order = lede_malloc(ng * sizeof *order);
    uint32_t *rank = lede_malloc(ng * sizeof *rank);
    for (size_t i = 0; i < ng; i++)
        order[i] = (uint32_t)i;
    sort_keys = keys;
    qsort(order, ng, sizeof *order, cmp_groups);
    for (size_t r = 0; r < ng; r++) {
        rank[order[r]] = (uint32_t)r;
        gs->g[r].name = keys[order[r]].s;
        gs->g[r].len = keys[order[r]].len;
    }
    place(rows, aux, n, gs->of, rank, gs->g, ng);
    free(rank);
    free(order);
    free(keys);
    gs->ng = ng;
    return ng;
}

void group_set_fini(group_set *gs)
{
    free(gs->g);
    free(gs->of);
    memset(gs, 0, sizeof *gs);
}
