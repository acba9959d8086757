/* fuzz_layout: wrapping at a fuzzed width with every highlight layer.
 * The first two bytes give the width (1 to 512) and the flags, the rest
 * is the article; its names (from the bundled table, built once per
 * process) and the matches of "e" are laid over it. Checks that no line
 * is wider than asked (2 when a wide character must fit in 1), a
 * block's lines are in order, cells stay inside their line and add up to its width. */
#include <stdlib.h>

#include "entity.h"
#include "fuzz.h"
#include "highlight.h"
#include "layout.h"
#include "search.h"

static entity_table *table;
static search_query *query;
static search_match *m;
static size_t mcap;
static hl_span *sp;
static size_t scap;
static layout_cell *cells;
static size_t ccap;

static void check_line(const layout *l, const article *a, size_t ln,
                       int width, size_t ns)
{
    const layout_line *li = &l->lines[ln];
    assert(li->cols <= (width < 2 ? 2 : width));
    assert((size_t)li->off + li->len <= a->len);
    assert(li->block >= -1 && li->block < (int32_t)a->nblocks);
    if (li->block >= 0) {
        const article_block *k = &a->blocks[li->block];
        assert(li->off >= k->off && li->off + li->len <= k->off + k->len);
    }
    size_t nc = layout_cells(l, ln, a->text, sp, ns, &cells, &ccap);
    size_t cols = 0;
    for (size_t c = 0; c < nc; c++) {
        assert(cells[c].cls < HL_NCLASSES);
        assert(cells[c].len == 0 ||
               (cells[c].off >= li->off &&
                cells[c].off + cells[c].len <= li->off + li->len));
        cols += cells[c].cols;
    }
    assert(cols == li->cols);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    if (!table) {
        table = entity_table_new();
        char err[64];
        query = search_compile("e", 0, err, sizeof err);
    } else {
        entity_table_reset(table);
    }
    int width = 1 + (((data[0] << 8) | data[1]) & 511);
    unsigned flags = data[0] & 0x80 ? LAYOUT_HIDE_BOILER : 0;
    article a;
    article_init(&a, "fuzz", (const char *)data + 2, size - 2);
    entity_scan(table, 0, &a);
    entity_finish(table);

    size_t nm = search_article(query, &a, &m, &mcap);
    size_t ne;
    const entity_mention *em = entity_mentions(table, 0, &ne);
    hl_layers layers = {.entities = table, .article = 0,
                        .selected_entity = ne ? (long)em[0].entity : -1,
                        .matches = m, .nmatches = nm,
                        .current_match = nm ? (long)(nm / 2) : -1};
    size_t ns = hl_spans(&a, &layers, &sp, &scap);
    for (size_t i = 0; i < ns; i++) {
        assert(sp[i].len > 0 && (size_t)sp[i].off + sp[i].len <= a.len);
        assert(i == 0 || sp[i - 1].off + sp[i - 1].len <= sp[i].off);
        assert(sp[i].cls < HL_NCLASSES);
    }

    layout l = {0};
    layout_article(&l, &a, width, flags);
    for (size_t ln = 0; ln < l.nlines; ln++) {
        check_line(&l, &a, ln, width, ns);
        /* Within a block, lines follow the text (the metadata lines
         * may come from anywhere above the body). */
        if (ln && l.lines[ln].block >= 0 &&
            l.lines[ln].block == l.lines[ln - 1].block)
            assert(l.lines[ln].off >= l.lines[ln - 1].off + l.lines[ln - 1].len);
    }
    for (size_t i = 0; i < nm; i++)
        assert(layout_line_of(&l, m[i].off) <= l.nlines);
    layout_fini(&l);
    article_fini(&a);
    return 0;
}
