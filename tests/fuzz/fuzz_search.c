/* fuzz_search: in-article search with a fuzzed pattern. The input is
 * "F pattern \0 article": the first byte picks the flags (regex, case,
 * whole word), the bytes up to the first NUL are the pattern, literal or
 * PCRE2, the rest is the article. Also runs the pattern as highlight
 * keywords and the corpus query. Checks matches are in order and inside
 * one block each, and that a failed compile says why. */
#include <stdbool.h>
#include <stdlib.h>

#include "fuzz.h"
#include "highlight.h"
#include "search.h"
#include "store.h"

static search_match *m;
static size_t mcap;

static void check_matches(const article *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert((size_t)m[i].off + m[i].len <= a->len);
        assert(i == 0 || m[i].off >= m[i - 1].off);
        /* An empty match (a regex such as "a|") may sit at a block's
         * end, which article_block_at does not count as inside. */
        bool inside = false;
        for (size_t b = 0; b < a->nblocks && !inside; b++)
            inside = m[i].off >= a->blocks[b].off &&
                     m[i].off + m[i].len <= a->blocks[b].off + a->blocks[b].len;
        assert(inside);
    }
}

static void run_query(const search_query *q, const article *a,
                      const char *raw, size_t rlen)
{
    size_t n = search_article(q, a, &m, &mcap);
    check_matches(a, n);
    for (size_t b = 0; b < a->nblocks; b++) {
        const article_block *k = &a->blocks[b];
        size_t nt = search_text(q, a->text + k->off, k->len, &m, &mcap);
        for (size_t i = 0; i < nt; i++)
            assert((size_t)m[i].off + m[i].len <= k->len);
    }
    (void)search_error(q);

    store *s = store_new(NULL, NULL);
    store_add_bytes(s, "fuzz", raw, rlen);
    size_t nh;
    search_hit *h = search_corpus(q, s, &nh);
    assert(nh <= 1);
    if (nh)
        assert(h[0].article == 0 && h[0].count >= 1 &&
               h[0].in_title <= h[0].count);
    free(h);
    store_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0] & (SEARCH_REGEX | SEARCH_IGNORE_CASE |
                                SEARCH_MATCH_CASE | SEARCH_WORD);
    const char *pat, *text;
    size_t plen, tlen;
    fuzz_split(data + 1, size - 1, '\0', &pat, &plen, &text, &tlen);
    char *pattern = malloc(plen + 1);
    memcpy(pattern, pat, plen);
    pattern[plen] = '\0';

    article a;
    article_init(&a, "fuzz", text, tlen);
    char err[256];
    err[0] = '\0';
    search_query *q = search_compile(pattern, flags, err, sizeof err);
    if (q) {
        run_query(q, &a, text, tlen);
        search_free(q);
    } else {
        assert(err[0] && strlen(err) < sizeof err);
    }

    hl_keywords *kw = hl_keywords_new();
    hl_keywords_add_lines(kw, pat, plen);
    size_t nk = hl_keywords_find(kw, a.text, a.len, &m, &mcap);
    for (size_t i = 0; i < nk; i++)
        assert((size_t)m[i].off + m[i].len <= a.len &&
               (i == 0 || m[i].off >= m[i - 1].off + m[i - 1].len));
    hl_keywords_free(kw);

    article_fini(&a);
    free(pattern);
    return 0;
}
