/* fuzz_entity: the entity scanner and the merge across a set. The input
 * is up to three articles separated by NUL bytes (which cleaning would
 * drop anyway). The bundled table is built once per process and reset
 * between inputs, so that the scanner, not the gazetteer load, is what
 * runs. Checks mentions are in order, inside blocks, and name entities
 * that lookup finds again. */
#include <stdlib.h>

#include "entity.h"
#include "fuzz.h"

enum { MAX_ARTS = 3 };

static entity_table *table;

static void check_mentions(uint32_t idx, const article *a)
{
    size_t n;
    const entity_mention *m = entity_mentions(table, idx, &n);
    uint32_t prev_end = 0;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        assert(m[i].len > 0 && (size_t)m[i].off + m[i].len <= a->len);
        assert(m[i].off >= prev_end);
        prev_end = m[i].off + m[i].len;
        long b = article_block_at(a, m[i].off);
        assert(b >= 0);
        assert(m[i].off + m[i].len <= a->blocks[b].off + a->blocks[b].len);
        assert(m[i].entity < entity_count(table));
    }
    size_t nc;
    entity_tally *c = entity_article_counts(table, idx, &nc);
    for (size_t i = 0; i < nc; i++) {
        assert(c[i].id < entity_count(table) && c[i].count > 0);
        assert(i == 0 || c[i].count <= c[i - 1].count);
        total += c[i].count;
    }
    assert(total == n);
    free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!table)
        table = entity_table_new();
    else
        entity_table_reset(table);

    article arts[MAX_ARTS];
    size_t narts = 0;
    const char *p = (const char *)data, *end = p + size;
    while (narts < MAX_ARTS) {
        const char *z = narts + 1 < MAX_ARTS ? memchr(p, '\0', (size_t)(end - p))
                                             : NULL;
        const char *e = z ? z : end;
        article_init(&arts[narts], "fuzz", p, (size_t)(e - p));
        entity_scan(table, (uint32_t)narts, &arts[narts]);
        narts++;
        if (!z)
            break;
        p = z + 1;
    }
    entity_finish(table);

    uint64_t mentions = 0;
    for (size_t i = 0; i < narts; i++) {
        check_mentions((uint32_t)i, &arts[i]);
        size_t n;
        entity_mentions(table, (uint32_t)i, &n);
        mentions += n;
    }
    uint64_t total = 0;
    for (uint32_t id = 0; id < entity_count(table); id++) {
        const char *name = entity_name(table, id);
        assert(*name);
        fuzz_check_clean(name, strlen(name));
        assert(entity_type_of(table, id) < ENT_NTYPES);
        assert(entity_lookup(table, name, strlen(name)) >= 0);
        total += entity_total(table, id);
        size_t na;
        const entity_tally *at = entity_articles(table, id, &na);
        for (size_t k = 0; k < na; k++)
            assert(at[k].id < narts && (k == 0 || at[k].id > at[k - 1].id));
    }
    assert(total == mentions);
    for (size_t i = 0; i < narts; i++)
        article_fini(&arts[i]);
    return 0;
}
