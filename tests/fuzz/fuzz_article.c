/* fuzz_article: article parsing, headers ("Title:", "Date:") and YAML
 * front matter included: the blocks, metadata, line table and positions
 * the rest of lede trusts. Seed it with tests/fixtures (make fuzz). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    article a;
    article_init(&a, "fuzz", (const char *)data, size);
    fuzz_check_article(&a);

    size_t hl;
    const char *h = article_headline(&a, &hl);
    assert(h);
    if (a.title >= 0)
        assert(h == a.text + a.blocks[a.title].off);

    uint32_t pl = 0, pc = 0;
    for (size_t b = 0; b < a.nblocks; b++) {
        const article_block *k = &a.blocks[b];
        assert(article_block_at(&a, k->off) == (long)b);
        (void)article_is_boiler(a.text + k->off, k->len);
        uint32_t line, col;
        article_position(&a, k->off, &line, &col);
        assert(line >= 1 && line <= a.nlines && col >= 1);
        assert(line > pl || (line == pl && col > pc));
        pl = line;
        pc = col;
    }
    if (a.date >= 0) {
        const article_block *d = &a.blocks[a.date];
        assert(article_date_key(a.text + d->off, d->len) == a.date_key);
    }
    int64_t k = article_date_key((const char *)data, size);
    assert(k == -1 || (k >= 10000101000000 && k <= 99991231235959));
    article_fini(&a);
    return 0;
}
