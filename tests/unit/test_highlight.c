/* Unit tests for highlight.c: keyword matching (whole words, folding,
 * leftmost-longest, thousands of keywords) and merging span layers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "testutil.h"
#include "highlight.h"
#include "store.h"

/* Matches of the keywords in s as "off+len off+len ...". */
static const char *kw_find(const hl_keywords *k, const char *s)
{
    search_match *m = NULL;
    size_t cap = 0, n = hl_keywords_find(k, s, strlen(s), &m, &cap);
    const char *out = tu_matches(m, n);
    free(m);
    return out;
}

static hl_keywords *kw_of(const char *const *words)
{
    hl_keywords *k = hl_keywords_new();
    for (; *words; words++)
        hl_keywords_add(k, *words, strlen(*words));
    return k;
}

static void test_keywords_whole_words(void **state)
{
    (void)state;
    hl_keywords *k = kw_of((const char *[]){"Kerry", NULL});
    /* Not inside Kerryville or McKerry; yes before 's and punctuation. */
    assert_string_equal(kw_find(k, "Kerryville, McKerry, Kerry's, (Kerry)"),
                        "21+5 31+5");
    assert_string_equal(kw_find(k, "KERRY and kerry"), "0+5 10+5");
    assert_string_equal(kw_find(k, "Kerry2 Kerry_"), "7+5");
    hl_keywords_free(k);
    /* No spaces between words in Chinese or Japanese: any ideograph
     * boundary will do, but a Latin word still needs its own. */
    k = kw_of((const char *[]){"東京", "Abe", NULL});
    assert_string_equal(kw_find(k, "東京都でAbe氏, Abenomics"), "0+6 12+3");
    hl_keywords_free(k);
}

static void test_keywords_folding(void **state)
{
    (void)state;
    hl_keywords *k = kw_of((const char *[]){"Sao Paulo", "strasse",
                                             "Zürich", NULL});
    assert_string_equal(kw_find(k, "São Paulo and SAO PAULO"), "0+10 15+9");
    assert_string_equal(kw_find(k, "Hauptstraße 5"), "");
    assert_string_equal(kw_find(k, "die Straße"), "4+7");
    /* Keywords are accent-insensitive both ways. */
    assert_string_equal(kw_find(k, "Zurich, ZÜRICH"), "0+6 8+7");
    /* Soft newlines in a paragraph read as spaces. */
    assert_string_equal(kw_find(k, "in Sao\nPaulo"), "3+9");
    /* A mark on the last letter is an accent to ignore: it is covered;
     * another letter after it is not. */
    assert_string_equal(kw_find(k, "Zurich\xcc\x81!"), "0+8");
    assert_string_equal(kw_find(k, "Zurichx\xcc\x81"), "");
    hl_keywords_free(k);
}

static void test_keywords_leftmost_longest(void **state)
{
    (void)state;
    const char *s = "the New York Times reported";
    hl_keywords *k = kw_of((const char *[]){"York Times", "New York", NULL});
    assert_string_equal(kw_find(k, s), "4+8");
    hl_keywords_add(k, "New York Times", 14);
    assert_string_equal(kw_find(k, s), "4+14");
    hl_keywords_free(k);

    /* A longer keyword that fails the word test does not hide a shorter
     * one that passes, and vice versa. */
    k = kw_of((const char *[]){"Kerry", "Kerryville", NULL});
    assert_string_equal(kw_find(k, "Kerryvilles Kerryville Kerry"),
                        "12+10 23+5");
    hl_keywords_free(k);
}

static void test_keywords_lines_and_count(void **state)
{
    (void)state;
    hl_keywords *k = hl_keywords_new();
    const char *file =
        "Kerry\n\n  S\xc3\xa3o Paulo \r\n\t\nkerry\nNew   York\n";
    hl_keywords_add_lines(k, file, strlen(file));
    hl_keywords_add(k, "   ", 3);
    /* Blank lines ignored, "kerry" the same keyword as "Kerry". */
    assert_int_equal(hl_keywords_count(k), 3);
    assert_string_equal(kw_find(k, "Kerry in Sao Paulo, New York"),
                        "0+5 9+9 20+8");
    hl_keywords_free(k);
    k = hl_keywords_new();
    assert_int_equal(hl_keywords_count(k), 0);
    assert_string_equal(kw_find(k, "Kerry"), "");
    hl_keywords_free(k);
}

/* Keyword i of the big set: distinct words sharing long prefixes, some of
 * them two words, to stress the trie and its failure links. */
static void big_word(char *w, size_t n, int i)
{
    if (i % 3 == 0)
        snprintf(w, n, "Name%d Surname%d", i, i % 7);
    else
        snprintf(w, n, "Ortsname%dé", i);
}

static void test_keywords_five_thousand(void **state)
{
    (void)state;
    enum { N = 5000 };
    hl_keywords *k = hl_keywords_new();
    char w[64];
    for (int i = 0; i < N; i++) {
        big_word(w, sizeof w, i);
        hl_keywords_add(k, w, strlen(w));
    }
    assert_int_equal(hl_keywords_count(k), N);

    /* Every keyword once, separated by ", ", plus near misses. */
    size_t cap = (size_t)N * 48, len = 0;
    char *text = malloc(cap);
    uint32_t *want = malloc(N * sizeof *want);
    for (int i = 0; i < N; i++) {
        big_word(w, sizeof w, i);
        len += (size_t)snprintf(text + len, cap - len, "x%s, ", w);
        want[i] = (uint32_t)len;
        len += (size_t)snprintf(text + len, cap - len, "%s, ", w);
    }
    search_match *m = NULL;
    size_t mcap = 0, n = hl_keywords_find(k, text, len, &m, &mcap);
    assert_int_equal(n, N);
    for (int i = 0; i < N; i++) {
        big_word(w, sizeof w, i);
        assert_int_equal(m[i].off, want[i]);
        assert_int_equal(m[i].len, strlen(w));
    }
    /* Accent-insensitive and case-insensitive in the big set too. */
    assert_string_equal(kw_find(k, "ORTSNAME4999E NAME4998 SURNAME1"),
                        "0+13");
    assert_string_equal(kw_find(k, "NAME4998 SURNAME1 Ortsname1"), "");
    free(m);
    free(want);
    free(text);
    hl_keywords_free(k);
}

static void test_class_for(void **state)
{
    (void)state;
    assert_int_equal(hl_class_for(ENT_PERSON), HL_PERSON);
    assert_int_equal(hl_class_for(ENT_ORG), HL_ORG);
    assert_int_equal(hl_class_for(ENT_PLACE), HL_PLACE);
    assert_int_equal(hl_class_for(ENT_OTHER), HL_OTHER);
}

/* One-block article over text (the headline). */
static void one_block(article *a, article_block *b, const char *text)
{
    memset(a, 0, sizeof *a);
    a->text = (char *)text;
    a->len = strlen(text);
    b->off = 0;
    b->len = (uint32_t)a->len;
    b->kind = BLOCK_TITLE;
    a->blocks = b;
    a->nblocks = 1;
    a->title = 0;
    a->date = a->source = a->author = a->url = -1;
}

static char *spans_str(const hl_span *s, size_t n)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%u+%u:%u", i ? " " : "",
                 s[i].off, s[i].len, s[i].cls);
    }
    return buf;
}

static void test_spans_overlap(void **state)
{
    (void)state;
    /*          0         1         2         3         4
     *          0123456789012345678901234567890123456789012345678 */
    const char *text = "John Kerry met Sergei Lavrov in Geneva on Friday.";
    article a;
    article_block b;
    one_block(&a, &b, text);
    hl_keywords *k = kw_of((const char *[]){"met Sergei", "Geneva", NULL});
    search_match m[] = {{17, 2}, {33, 3}, {46, 3}};
    hl_layers l = {.keywords = k, .selected_entity = -1, .matches = m,
                   .nmatches = 3, .current_match = 1};
    hl_span *s = NULL;
    size_t cap = 0, n = hl_spans(&a, &l, &s, &cap);
    /* The keyword "met Sergei" is split by a match and resumes after it;
     * the current match splits "Geneva". */
    char want[256];
    snprintf(want, sizeof want,
             "11+6:%d 17+2:%d 19+2:%d 32+1:%d 33+3:%d 36+2:%d 46+3:%d",
             HL_KEYWORD, HL_MATCH, HL_KEYWORD, HL_KEYWORD, HL_MATCH_CURRENT,
             HL_KEYWORD, HL_MATCH);
    assert_string_equal(spans_str(s, n), want);

    /* No current match: all are plain matches. */
    l.current_match = -1;
    n = hl_spans(&a, &l, &s, &cap);
    snprintf(want, sizeof want,
             "11+6:%d 17+2:%d 19+2:%d 32+1:%d 33+3:%d 36+2:%d 46+3:%d",
             HL_KEYWORD, HL_MATCH, HL_KEYWORD, HL_KEYWORD, HL_MATCH,
             HL_KEYWORD, HL_MATCH);
    assert_string_equal(spans_str(s, n), want);

    /* Adjacent matches stay two spans; an empty match marks nothing. */
    search_match m2[] = {{0, 2}, {2, 2}, {5, 0}};
    hl_layers l2 = {.selected_entity = -1, .matches = m2, .nmatches = 3,
                    .current_match = -1};
    n = hl_spans(&a, &l2, &s, &cap);
    snprintf(want, sizeof want, "0+2:%d 2+2:%d", HL_MATCH, HL_MATCH);
    assert_string_equal(spans_str(s, n), want);
    free(s);
    hl_keywords_free(k);
}

static void test_spans_keywords_per_block(void **state)
{
    (void)state;
    /* Keywords are found in every block, headline included, but never
     * across two blocks or outside them. */
    const char *text =
        "Kerry talks\n\nDate: today\n\nMet Kerry\n\nSergei said";
    article_block bl[] = {
        {0, 11, BLOCK_TITLE},
        {19, 5, BLOCK_DATE},
        {26, 9, BLOCK_BODY},
        {37, 11, BLOCK_BOILER},
    };
    article a;
    memset(&a, 0, sizeof a);
    a.text = (char *)text;
    a.len = strlen(text);
    a.blocks = bl;
    a.nblocks = 4;
    a.title = 0;
    hl_keywords *k = kw_of((const char *[]){"Kerry", "Kerry Sergei", "Date",
                                             "said", NULL});
    hl_layers l = {.keywords = k, .selected_entity = -1, .current_match = -1};
    hl_span *s = NULL;
    size_t cap = 0, n = hl_spans(&a, &l, &s, &cap);
    char want[128];
    snprintf(want, sizeof want, "0+5:%d 30+5:%d 44+4:%d", HL_KEYWORD,
             HL_KEYWORD, HL_KEYWORD);
    assert_string_equal(spans_str(s, n), want);
    free(s);
    hl_keywords_free(k);
}

static void test_spans_all_layers(void **state)
{
    (void)state;
    /* Real entities from the store; offsets:
     * title "Talks in Geneva" 0-15, Geneva 9-15; body from 17:
     * John Kerry 17-27, met 28-31, Sergei 32-38, Lavrov 39-45,
     * Geneva 49-55, Kerry 67-72. */
    const char *doc = "Talks in Geneva\n\nJohn Kerry met Sergei Lavrov in "
                      "Geneva on Friday. Kerry said so.\n";
    store *st = store_new(NULL, NULL);
    store_add_bytes(st, "a", doc, strlen(doc));
    store_index(st);
    const entity_table *et = store_entities(st);
    const article *a = store_get(st, 0);
    long lavrov = entity_lookup(et, "Sergei Lavrov", 13);
    assert_true(lavrov >= 0);
    size_t nment;
    entity_mentions(et, 0, &nment);
    assert_int_equal(nment, 5);

    hl_keywords *k = kw_of((const char *[]){"met Sergei", "Geneva", NULL});
    search_query *q = search_compile("rg|ene", SEARCH_REGEX, NULL, 0);
    search_match *m = NULL;
    size_t mcap = 0, nm = search_article(q, a, &m, &mcap);
    assert_int_equal(nm, 3); /* 10-13, 34-36, 50-53 */
    hl_layers l = {.entities = et, .article = 0, .selected_entity = lavrov,
                   .keywords = k, .matches = m, .nmatches = nm,
                   .current_match = 2};
    hl_span *s = NULL;
    size_t cap = 0, n = hl_spans(a, &l, &s, &cap);
    /* Keyword over place; a match splits the keyword; the selected
     * entity shows only where the keyword does not cover it; the
     * current match splits the second Geneva keyword. */
    char want[512];
    snprintf(want, sizeof want,
             "9+1:%d 10+3:%d 13+2:%d 17+10:%d 28+6:%d 34+2:%d 36+2:%d "
             "38+7:%d 49+1:%d 50+3:%d 53+2:%d 67+5:%d",
             HL_KEYWORD, HL_MATCH, HL_KEYWORD, HL_PERSON, HL_KEYWORD,
             HL_MATCH, HL_KEYWORD, HL_SELECTED, HL_KEYWORD, HL_MATCH_CURRENT,
             HL_KEYWORD, HL_PERSON);
    assert_string_equal(spans_str(s, n), want);

    /* Entities alone: types, and the selected one. */
    hl_layers e = {.entities = et, .article = 0, .selected_entity = lavrov,
                   .current_match = -1};
    n = hl_spans(a, &e, &s, &cap);
    snprintf(want, sizeof want, "9+6:%d 17+10:%d 32+13:%d 49+6:%d 67+5:%d",
             HL_PLACE, HL_PERSON, HL_SELECTED, HL_PLACE, HL_PERSON);
    assert_string_equal(spans_str(s, n), want);
    free(s);
    free(m);
    search_free(q);
    hl_keywords_free(k);
    store_free(st);
}

static uint32_t rnd_state = 12345;
static uint32_t rnd(uint32_t n) { return tu_rnd(&rnd_state, n); }

static bool ascii_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* The keyword matches by brute force: every keyword at every position,
 * ASCII case-insensitive, whole words, then leftmost-longest. */
static size_t naive_find(char kws[][8], size_t nk, const char *s,
                         search_match *out)
{
    size_t len = strlen(s), n = 0, end = 0;
    for (size_t i = 0; i < len; i++) {
        size_t best = 0;
        for (size_t k = 0; k < nk; k++) {
            size_t kl = strlen(kws[k]);
            if (kl <= best || i + kl > len || strncasecmp(s + i, kws[k], kl))
                continue;
            if (ascii_word(kws[k][0]) && i > 0 && ascii_word(s[i - 1]))
                continue;
            if (ascii_word(kws[k][kl - 1]) && i + kl < len &&
                ascii_word(s[i + kl]))
                continue;
            best = kl;
        }
        if (best && (n == 0 || i >= end)) {
            out[n++] = (search_match){(uint32_t)i, (uint32_t)best};
            end = i + best;
        }
    }
    return n;
}

static void test_keywords_against_brute_force(void **state)
{
    (void)state;
    /* Tiny alphabet: keywords overlap, nest and share suffixes a lot,
     * which is where failure and output links go wrong. */
    const char alpha[] = "abAB -";
    for (int round = 0; round < 300; round++) {
        char kws[12][8];
        size_t nk = 1 + rnd(12);
        hl_keywords *k = hl_keywords_new();
        for (size_t i = 0; i < nk; i++) {
            size_t kl = 1 + rnd(5);
            for (size_t j = 0; j < kl; j++)
                kws[i][j] = "abAB"[rnd(4)];
            kws[i][kl] = '\0';
            if (rnd(3) == 0 && kl > 2)
                kws[i][1] = ' ';
            hl_keywords_add(k, kws[i], kl);
        }
        char text[80];
        size_t tl = rnd(79);
        for (size_t j = 0; j < tl; j++)
            text[j] = alpha[rnd(sizeof alpha - 1)];
        text[tl] = '\0';
        search_match want[80], *got = NULL;
        size_t cap = 0, nw = naive_find(kws, nk, text, want);
        size_t ng = hl_keywords_find(k, text, tl, &got, &cap);
        assert_int_equal(ng, nw);
        for (size_t i = 0; i < nw; i++) {
            assert_int_equal(got[i].off, want[i].off);
            assert_int_equal(got[i].len, want[i].len);
        }
        free(got);
        hl_keywords_free(k);
    }
}

/* The merged spans by brute force: paint each byte with the highest
 * layer covering it (and which span of that layer), then cut runs. */
static size_t naive_spans(size_t len, const search_match *kw, size_t nkw,
                          const search_match *m, size_t nm, long cur,
                          hl_span *out)
{
    int cls[256] = {0}, src[256];
    for (size_t i = 0; i < len; i++)
        src[i] = -1;
    for (size_t i = 0; i < nkw; i++)
        for (uint32_t b = kw[i].off; b < kw[i].off + kw[i].len; b++)
            cls[b] = HL_KEYWORD, src[b] = (int)i;
    for (size_t i = 0; i < nm; i++)
        for (uint32_t b = m[i].off; b < m[i].off + m[i].len; b++)
            cls[b] = (long)i == cur ? HL_MATCH_CURRENT : HL_MATCH,
            src[b] = 1000 + (int)i;
    size_t n = 0;
    for (size_t b = 0; b < len; b++) {
        if (!cls[b])
            continue;
        if (n && b > 0 && src[b] == src[b - 1] && cls[b] == cls[b - 1])
            out[n - 1].len++;
        else
            out[n++] = (hl_span){(uint32_t)b, 1, (uint8_t)cls[b]};
    }
    return n;
}

static void test_spans_against_brute_force(void **state)
{
    (void)state;
    hl_keywords *k = kw_of((const char *[]){"ab", "ba b", "a", NULL});
    for (int round = 0; round < 300; round++) {
        char text[120];
        size_t tl = 1 + rnd(119);
        for (size_t j = 0; j < tl; j++)
            text[j] = "ab "[rnd(3)];
        text[tl] = '\0';
        article a;
        article_block b;
        one_block(&a, &b, text);
        search_match m[40], *kw = NULL;
        size_t nm = 0, at = 0, kcap = 0;
        while (nm < 40 && (at += rnd(6)) < tl) {
            uint32_t l = (uint32_t)rnd(5);
            if (at + l > tl)
                l = (uint32_t)(tl - at);
            m[nm++] = (search_match){(uint32_t)at, l};
            at += l;
        }
        long cur = nm ? (long)rnd((uint32_t)nm + 1) - 1 : -1;
        size_t nkw = hl_keywords_find(k, text, tl, &kw, &kcap);
        hl_layers l = {.keywords = k, .selected_entity = -1, .matches = m,
                       .nmatches = nm, .current_match = cur};
        hl_span want[256], *got = NULL;
        size_t cap = 0, ng = hl_spans(&a, &l, &got, &cap);
        size_t nw = naive_spans(tl, kw, nkw, m, nm, cur, want);
        assert_int_equal(ng, nw);
        for (size_t i = 0; i < nw; i++) {
            assert_int_equal(got[i].off, want[i].off);
            assert_int_equal(got[i].len, want[i].len);
            assert_int_equal(got[i].cls, want[i].cls);
        }
        free(got);
        free(kw);
    }
    hl_keywords_free(k);
}

/* Class of every byte of [from, to) from spans (HL_NONE when none). */
static void class_map(const hl_span *s, size_t n, uint32_t from, uint32_t to,
                      uint8_t *map)
{
    memset(map, HL_NONE, to - from);
    for (size_t i = 0; i < n; i++)
        for (uint32_t b = s[i].off; b < s[i].off + s[i].len; b++)
            if (b >= from && b < to)
                map[b - from] = s[i].cls;
}

/* Spans asked for a range (what the reader shows) colour that range
 * exactly as the spans of the whole article do, on a text far longer
 * than the margins, with keywords, long and short matches. */
static void test_spans_in_a_range(void **state)
{
    (void)state;
    hl_keywords *k = kw_of((const char *[]){"ab", "ba b", "bab", NULL});
    enum { TL = 40000 };
    char *text = malloc(TL + 1);
    for (size_t j = 0; j < TL; j++)
        text[j] = "ab  "[rnd(4)];
    text[TL] = '\0';
    article a;
    article_block b;
    one_block(&a, &b, text);
    search_match *m = malloc(TL * sizeof *m);
    size_t nm = 0, at = 0;
    while ((at += rnd(40)) < TL) {
        uint32_t l = at % 7 == 0 ? 9000 : (uint32_t)rnd(5); /* some long */
        if (at + l > TL)
            l = (uint32_t)(TL - at);
        m[nm++] = (search_match){(uint32_t)at, l};
        at += l;
    }
    hl_layers l = {.keywords = k, .selected_entity = -1, .matches = m,
                   .nmatches = nm, .current_match = (long)nm / 2};
    hl_span *all = NULL, *part = NULL;
    size_t cap = 0, pcap = 0, nall = hl_spans(&a, &l, &all, &cap);
    uint8_t *want = malloc(TL), *got = malloc(TL);
    for (int round = 0; round < 60; round++) {
        uint32_t from = (uint32_t)rnd(TL), to = from + 1 + (uint32_t)rnd(3000);
        if (to > TL)
            to = TL;
        l.from = from;
        l.to = to;
        size_t np = hl_spans(&a, &l, &part, &pcap);
        class_map(all, nall, from, to, want);
        class_map(part, np, from, to, got);
        for (uint32_t i = 0; i < to - from; i++)
            if (want[i] != got[i])
                fail_msg("range [%u, %u): byte %u class %d, want %d", from,
                         to, from + i, got[i], want[i]);
    }
    free(want);
    free(got);
    free(all);
    free(part);
    free(m);
    free(text);
    hl_keywords_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_whole_words),
        cmocka_unit_test(test_keywords_folding),
        cmocka_unit_test(test_keywords_leftmost_longest),
        cmocka_unit_test(test_keywords_lines_and_count),
        cmocka_unit_test(test_keywords_five_thousand),
        cmocka_unit_test(test_class_for),
        cmocka_unit_test(test_spans_overlap),
        cmocka_unit_test(test_spans_keywords_per_block),
        cmocka_unit_test(test_spans_all_layers),
        cmocka_unit_test(test_keywords_against_brute_force),
        cmocka_unit_test(test_spans_against_brute_force),
        cmocka_unit_test(test_spans_in_a_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
