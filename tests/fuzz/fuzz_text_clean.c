/* fuzz_text_clean: the gate every byte from a file passes (text_clean)
 * and the label cleaner, then the Unicode helpers that trust the gate's
 * output: clusters, widths, fitting, folding. Checks the gate's promise,
 * that cleaning is idempotent, and that clusters tile the text. */
#include <stdlib.h>

#include "fuzz.h"

static text_buf once, twice;
static text_fold_buf fold;

static void check_clusters(const char *s, size_t len)
{
    size_t width = 0;
    for (size_t i = 0; i < len;) {
        size_t n = text_cluster_len(s + i, len - i);
        assert(n >= 1 && i + n <= len);
        int w = text_cluster_width(s + i, n);
        assert(w >= 0 && w <= 2);
        width += (size_t)w;
        i += n;
    }
    assert(text_width(s, len) == width);
    size_t cols = width / 2;
    size_t keep = text_fit(s, len, cols);
    assert(keep <= len && text_width(s, keep) <= cols);
}

static void check_fold(const char *s, size_t len, unsigned flags)
{
    text_fold(s, len, flags, &fold);
    assert(fold.map[fold.len] == len);
    for (size_t i = 0; i < fold.len; i++)
        assert(fold.map[i] < len && (i == 0 || fold.map[i] >= fold.map[i - 1]));
    if (fold.len) {
        uint32_t off, n;
        text_fold_span(&fold, 0, fold.len, &off, &n);
        assert((size_t)off + n <= len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    text_clean(in, size, &once);
    fuzz_check_clean(once.data, once.len);
    for (size_t e = 1; e < once.nedits; e++)
        assert(once.edits[e].off >= once.edits[e - 1].off);

    /* Clean text passes the gate unchanged. */
    text_clean(once.data, once.len, &twice);
    assert(twice.len == once.len && memcmp(twice.data, once.data, once.len) == 0);

    check_clusters(once.data, once.len);
    check_fold(once.data, once.len, TEXT_FOLD_CASE);
    check_fold(once.data, once.len, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS);
    (void)text_has_upper(once.data, once.len);
    (void)text_has_accent(once.data, once.len);

    char *label = text_clean_label(in, size);
    size_t ll = strlen(label);
    fuzz_check_clean(label, ll);
    assert(!memchr(label, '\n', ll) && !memchr(label, '\t', ll));
    free(label);
    return 0;
}
