/* fuzz.h: what every libFuzzer target here shares: the promises the core
 * makes about its output, checked with assert so that a broken promise
 * is a crash the fuzzer keeps. Each target is its own program (make
 * fuzz-TARGET); nothing here is linked into lede. */
#ifndef LEDE_FUZZ_H
#define LEDE_FUZZ_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "article.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The gate's promise: valid UTF-8, no control character but \n and \t,
 * no C1 and no bidi control. */
static inline void fuzz_check_clean(const char *s, size_t len)
{
    assert(s[len] == '\0');
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t cp = text_decode(s + i, len - i, &n);
        assert(n >= 1 && i + n <= len);
        assert(cp != 0xFFFD || (n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0));
        assert(cp == '\n' || cp == '\t' || (cp >= 0x20 && cp != 0x7F));
        assert(!(cp >= 0x80 && cp <= 0x9F));
        assert(!(cp >= 0x202A && cp <= 0x202E));
        assert(!(cp >= 0x2066 && cp <= 0x2069));
        i += n;
    }
}

/* An article's promises: clean text, blocks in order inside it, the
 * metadata indexes pointing at blocks of their kind, line starts
 * increasing. */
static inline void fuzz_check_article(const article *a)
{
    fuzz_check_clean(a->text, a->len);
    for (size_t b = 0; b < a->nblocks; b++) {
        const article_block *k = &a->blocks[b];
        assert((size_t)k->off + k->len <= a->len);
        if (b)
            assert(a->blocks[b - 1].off + a->blocks[b - 1].len <= k->off);
    }
    int32_t meta[] = {a->title, a->date, a->source, a->author, a->url};
    uint8_t kinds[] = {BLOCK_TITLE, BLOCK_DATE, BLOCK_SOURCE, BLOCK_AUTHOR,
                       BLOCK_URL};
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++) {
        assert(meta[i] >= -1 && meta[i] < (int32_t)a->nblocks);
        if (meta[i] >= 0)
            assert(a->blocks[meta[i]].kind == kinds[i]);
    }
    assert(a->nlines >= 1 && a->line_starts[0] == 0);
    for (size_t l = 1; l < a->nlines; l++) {
        assert(a->line_starts[l] > a->line_starts[l - 1]);
        assert(a->line_starts[l] <= a->len);
        assert(a->text[a->line_starts[l] - 1] == '\n');
    }
}

/* Split the input at the first byte equal to sep: the head (e.g. a
 * pattern) and the rest (the text). No separator: all of it is text. */
static inline void fuzz_split(const uint8_t *data, size_t size, uint8_t sep,
                              const char **head, size_t *hlen,
                              const char **rest, size_t *rlen)
{
    const uint8_t *p = memchr(data, sep, size);
    if (!p) {
        *head = "";
        *hlen = 0;
        *rest = (const char *)data;
        *rlen = size;
        return;
    }
    *head = (const char *)data;
    *hlen = (size_t)(p - data);
    *rest = (const char *)p + 1;
    *rlen = size - *hlen - 1;
}

#endif
