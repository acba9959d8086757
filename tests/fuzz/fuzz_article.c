/* fuzz_article: libFuzzer target for the path every file takes: clean,
 * parse, entities, search, highlight, layout. It checks the gate's
 * promise (valid UTF-8, no control character but \n and \t) and the
 * layout's (no line wider than asked). Build and run: make fuzz. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "search.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_clean(const article *a)
{
    for (size_t i = 0; i < a->len;) {
        size_t n;
        int32_t cp = text_decode(a->text + i, a->len - i, &n);
        assert(n >= 1 && i + n <= a->len);
        assert(cp == '\n' || cp == '\t' || (cp >= 0x20 && cp != 0x7F));
        assert(!(cp >= 0x80 && cp <= 0x9F));
        assert(!(cp >= 0x202A && cp <= 0x202E));
        assert(!(cp >= 0x2066 && cp <= 0x2069));
        i += n;
    }
    for (size_t b = 0; b < a->nblocks; b++)
        assert(a->blocks[b].off + a->blocks[b].len <= a->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store *s = store_new(NULL, NULL);
    store_add_bytes(s, "fuzz", (const char *)data, size);
    store_index(s);
    const article *a = store_get(s, 0);
    check_clean(a);

    char err[128];
    search_query *q = search_compile("e", 0, err, sizeof err);
    search_match *m = NULL;
    size_t mcap = 0, nm = search_article(q, a, &m, &mcap);
    hl_layers layers = {.entities = store_entities(s), .article = 0,
                        .selected_entity = -1, .matches = m,
                        .nmatches = nm, .current_match = nm ? 0 : -1};
    hl_span *sp = NULL;
    size_t scap = 0, ns = hl_spans(a, &layers, &sp, &scap);
    for (size_t i = 1; i < ns; i++)
        assert(sp[i - 1].off + sp[i - 1].len <= sp[i].off);

    int widths[] = {1, 2, 7, 80};
    layout l = {0};
    layout_cell *cells = NULL;
    size_t ccap = 0;
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        layout_article(&l, a, widths[w], 0);
        for (size_t ln = 0; ln < l.nlines; ln++) {
            assert(l.lines[ln].cols <= (widths[w] < 2 ? 2 : widths[w]));
            layout_cells(&l, ln, a->text, sp, ns, &cells, &ccap);
        }
    }
    layout_fini(&l);
    free(cells);
    free(sp);
    free(m);
    search_free(q);
    store_free(s);
    return 0;
}
