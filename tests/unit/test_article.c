/* Unit tests for article parsing: what a reader would see of an article
 * (headline, metadata, paragraphs, what is marked boilerplate), dates,
 * and line/column positions as in the original file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "store.h"
#include "testutil.h"

/* ---- helpers ---- */

static article art;

static void parse(const char *s)
{
    article_init(&art, "test.txt", s, strlen(s));
}

static int teardown_art(void **state)
{
    (void)state;
    article_fini(&art);
    return 0;
}

/* Block i has this kind and exactly this text. */
static void expect_block(const article *a, size_t i, article_block_kind k,
                         const char *text)
{
    assert_true(i < a->nblocks);
    const article_block *b = &a->blocks[i];
    if (b->kind != k || b->len != strlen(text) ||
        memcmp(a->text + b->off, text, b->len) != 0)
        fail_msg("block %zu: kind %d [%.*s], want kind %d [%s]", i, b->kind,
                 (int)b->len, a->text + b->off, k, text);
}

/* Block i has this kind and its text starts with `prefix`. */
static void expect_block_start(const article *a, size_t i,
                               article_block_kind k, const char *prefix)
{
    assert_true(i < a->nblocks);
    const article_block *b = &a->blocks[i];
    assert_int_equal(b->kind, k);
    assert_true(b->len >= strlen(prefix));
    assert_memory_equal(a->text + b->off, prefix, strlen(prefix));
}

static void expect_headline(const article *a, const char *want)
{
    size_t n;
    const char *h = article_headline(a, &n);
    if (n != strlen(want) || memcmp(h, want, n) != 0)
        fail_msg("headline [%.*s], want [%s]", (int)n, h, want);
}

/* Byte offset of the first occurrence of needle in a->text. */
static uint32_t find(const article *a, const char *needle)
{
    const char *p = strstr(a->text, needle);
    assert_non_null(p);
    return (uint32_t)(p - a->text);
}

static void expect_pos(const article *a, const char *needle, uint32_t line,
                       uint32_t col)
{
    uint32_t l, c;
    article_position(a, find(a, needle), &l, &c);
    if (l != line || c != col)
        fail_msg("[%s] at %u:%u, want %u:%u", needle, l, c, line, col);
}

static void quiet(void *ctx, const char *label, const char *msg)
{
    (void)ctx;
    fail_msg("unexpected message: %s: %s", label, msg);
}


/* ---- the sample articles ---- */

static void test_sample_scraped_article(void **state)
{
    (void)state;
    store *s = store_new(quiet, NULL);
    assert_int_equal(store_add_path(s, "data/articles"), 2);
    const article *a = tu_by_name(s, "000_83fae2bbef3ffe03.txt");
    /* The stray "Share" line is not the headline. */
    expect_headline(a, "De Mistura to Have Separate Syria Talks With "
                       "Lavrov, Kerry \xe2\x80\x93 UN Source");
    assert_int_equal(a->nblocks, 14);
    expect_block(a, 0, BLOCK_BOILER, "Share");
    assert_int_equal(a->title, 1);
    expect_block_start(a, 2, BLOCK_BODY, "U.N. Special Envoy for Syria");
    expect_block(a, 3, BLOCK_BOILER, "Advertisement");
    for (size_t i = 4; i <= 11; i++)
        if (i != 11)
            assert_int_equal(a->blocks[i].kind, BLOCK_BODY);
    expect_block_start(a, 10, BLOCK_BODY, "President Assad\xe2\x80\x99s");
    expect_block(a, 11, BLOCK_BOILER, "Advertisement");
    expect_block_start(a, 12, BLOCK_BODY, "Russian Federation has said");
    /* The related-story teaser at the end (no final newline). */
    expect_block(a, 13, BLOCK_BOILER,
                 "UN 'ready': Russia backs 3-point aid plan for Syria's "
                 "Aleppo");
    assert_int_equal(a->date, -1);
    assert_int_equal(a->date_key, -1);
    assert_int_equal(a->nlines, 27);
    expect_pos(a, "UN 'ready'", 27, 1);
    store_free(s);
}

static void test_sample_one_paragraph_per_line(void **state)
{
    (void)state;
    store *s = store_new(quiet, NULL);
    assert_int_equal(store_add_path(s, "data/articles/"), 2);
    const article *a = tu_by_name(s, "003_a8c0e5b4325b14d0.txt");
    expect_headline(a, "Lavrov visits Geneva for Syria talks with Kerry");
    assert_int_equal(a->title, 0);
    /* No blank line at all: each of the 10 lines after the headline is
     * its own paragraph, on its own file line. */
    assert_int_equal(a->nblocks, 11);
    expect_block(a, 1, BLOCK_BODY, "John Kerry with United Nations special "
                                   "envoy for Syria Staffan de Mistura.");
    for (size_t i = 1; i < 11; i++) {
        uint32_t l, c;
        assert_int_equal(a->blocks[i].kind, BLOCK_BODY);
        article_position(a, a->blocks[i].off, &l, &c);
        assert_int_equal(l, i + 1);
        assert_int_equal(c, 1);
        assert_null(memchr(a->text + a->blocks[i].off, '\n',
                           a->blocks[i].len));
    }
    expect_block(a, 10, BLOCK_BODY,
                 "The talks came as opposition groups effectively "
                 "surrendered the Damascus suburb of Daraya to the "
                 "government after a gruelling four-year siege.");
    store_free(s);
}

/* ---- structure ---- */

static void test_paragraphs_and_trimming(void **state)
{
    (void)state;
    parse("\n\n  Headline here  \n\n  First line\nsecond line  \n\n\n"
          "\tLast paragraph.\n\n");
    expect_headline(&art, "Headline here");
    assert_int_equal(art.nblocks, 3);
    expect_block(&art, 1, BLOCK_BODY, "First line\nsecond line");
    expect_block(&art, 2, BLOCK_BODY, "Last paragraph.");
    assert_int_equal(art.nlines, 10);
    expect_pos(&art, "Headline", 3, 3);
    expect_pos(&art, "second", 6, 1);
    assert_int_equal(article_block_at(&art, find(&art, "line\nsecond")), 1);
    assert_int_equal(article_block_at(&art, find(&art, "\n\n\n")), -1);
    assert_int_equal(article_block_at(&art, 0), -1);
    article_fini(&art);

    /* The headline is one line even when the next line follows it. */
    parse("Headline\nBody starts at once.\n\nMore body.\n");
    expect_block(&art, 0, BLOCK_TITLE, "Headline");
    expect_block(&art, 1, BLOCK_BODY, "Body starts at once.");
    expect_block(&art, 2, BLOCK_BODY, "More body.");
}

static void test_empty_and_headline_fallback(void **state)
{
    (void)state;
    parse("");
    assert_int_equal(art.nblocks, 0);
    assert_int_equal(art.title, -1);
    expect_headline(&art, "test.txt");
    article_fini(&art);

    article_init(&art, "dir/\x1b[2Jname.txt", "Share\n\nAdvertisement\n",
                 21);
    /* Only boilerplate: no headline; the label stands in, cleaned. */
    assert_int_equal(art.title, -1);
    assert_int_equal(art.nblocks, 2);
    expect_headline(&art, "dir/?[2Jname.txt");
    assert_string_equal(art.path, "dir/\x1b[2Jname.txt");
}

static void test_boilerplate_phrases(void **state)
{
    (void)state;
    assert_true(article_is_boiler("Advertisement", 13));
    assert_true(article_is_boiler("  ADVERTISEMENT  ", 17));
    assert_true(article_is_boiler("Read more:", 10));
    assert_true(article_is_boiler("\xc2\xbb Share \xe2\x80\xa6", 12));
    assert_true(article_is_boiler("share this article", 18));
    assert_false(article_is_boiler("Share prices fell", 17));
    assert_false(article_is_boiler("Shares", 6));
    assert_false(article_is_boiler("", 0));
    assert_false(article_is_boiler("...", 3));

    assert_false(article_is_boiler("Zum Artikel", 11));
    const char extra[] = "# a comment\n\nZum Artikel\n  Lesen Sie auch  \n";
    assert_int_equal(article_boiler_add(extra, sizeof extra - 1), 0);
    assert_true(article_is_boiler("zum artikel", 11));
    assert_true(article_is_boiler("Lesen Sie auch:", 15));
    assert_false(article_is_boiler("# a comment", 11));

    /* Boilerplate lines before the headline and between paragraphs. */
    parse("Share\nTweet\n\nThe headline\n\nBody one.\n\nREAD MORE\n\n"
          "Body two.\n");
    expect_block(&art, 0, BLOCK_BOILER, "Share");
    expect_block(&art, 1, BLOCK_BOILER, "Tweet");
    expect_block(&art, 2, BLOCK_TITLE, "The headline");
    expect_block(&art, 3, BLOCK_BODY, "Body one.");
    expect_block(&art, 4, BLOCK_BOILER, "READ MORE");
    expect_block(&art, 5, BLOCK_BODY, "Body two.");
}

static void test_trailing_teaser(void **state)
{
    (void)state;
    parse("Headline\n\nOne.\n\nTwo.\n\nThree.\n\nRelated story headline\n");
    expect_block(&art, 4, BLOCK_BOILER, "Related story headline");
    article_fini(&art);

    /* A last paragraph that ends a sentence is body. */
    parse("Headline\n\nOne.\n\nTwo.\n\nThree.\n\n"
          "She said \xe2\x80\x9cno.\xe2\x80\x9d\n");
    assert_int_equal(art.blocks[4].kind, BLOCK_BODY);
    article_fini(&art);

    /* Too few paragraphs for a teaser to be told from the article. */
    parse("Headline\n\nOne.\n\nShort last line\n");
    assert_int_equal(art.blocks[2].kind, BLOCK_BODY);
    article_fini(&art);

    /* A long final paragraph is body even without punctuation. */
    char buf[400];
    snprintf(buf, sizeof buf, "H\n\nOne.\n\nTwo.\n\n%s\n",
             "A long last paragraph that goes on and on past the hundred "
             "character mark without ever ending in a full stop at all");
    parse(buf);
    assert_int_equal(art.blocks[3].kind, BLOCK_BODY);
    article_fini(&art);

    /* Boilerplate after the teaser does not hide it. */
    parse("Headline\n\nOne.\n\nTwo.\n\nThree.\n\nTeaser here\n\nShare\n");
    expect_block(&art, 4, BLOCK_BOILER, "Teaser here");
    expect_block(&art, 5, BLOCK_BOILER, "Share");
}

/* ---- metadata ---- */

static void test_header_block(void **state)
{
    (void)state;
    parse("title: Kerry and Lavrov Meet\nDATE: Fri, 26 Aug 2016 10:00:00 "
          "+0000\nX-Tags: syria, talks\nSource:  Example Wire \n"
          "Author: Jane Doe\nUrl: https://example.com/a\n\n"
          "Title: not a header any more\n\nBody text.\n");
    expect_headline(&art, "Kerry and Lavrov Meet");
    assert_int_equal(art.title, 0);
    expect_block(&art, (size_t)art.date, BLOCK_DATE,
                 "Fri, 26 Aug 2016 10:00:00 +0000");
    expect_block(&art, (size_t)art.source, BLOCK_SOURCE, "Example Wire");
    expect_block(&art, (size_t)art.author, BLOCK_AUTHOR, "Jane Doe");
    expect_block(&art, (size_t)art.url, BLOCK_URL, "https://example.com/a");
    assert_int_equal(art.date_key, 20160826100000LL);
    /* The unknown field is kept, as boilerplate; the body starts after
     * the blank line. */
    assert_int_equal(art.nblocks, 8);
    expect_block(&art, 2, BLOCK_BOILER, "X-Tags: syria, talks");
    expect_block(&art, 6, BLOCK_BODY, "Title: not a header any more");
    expect_block(&art, 7, BLOCK_BODY, "Body text.");
    expect_pos(&art, "Kerry", 1, 8);
    expect_pos(&art, "Body", 10, 1);
    article_fini(&art);

    /* Without a Title: the headline is the first body line. */
    parse("Date: August 26, 2016\n\nThe headline\n\nBody.\n");
    expect_headline(&art, "The headline");
    assert_int_equal(art.date_key, 20160826000000LL);
    assert_int_equal(art.nblocks, 3);
    article_fini(&art);

    /* Only at the very top: a "Date:" line in the text is body. */
    parse("Headline\n\nDate: 2016-08-26\n");
    assert_int_equal(art.date, -1);
    expect_block(&art, 1, BLOCK_BODY, "Date: 2016-08-26");
    article_fini(&art);

    /* A folded value continues on an indented line. */
    parse("Title: A long\n  folded title\nDate: 2016-01-02\n\nBody.\n");
    expect_headline(&art, "A long\n  folded title");
    assert_int_equal(art.date_key, 20160102000000LL);
}

static void test_front_matter(void **state)
{
    (void)state;
    parse("---\ntitle: \"Aleppo Aid Plan\"\nDate: '2016-08-26T10:00:00Z'\n"
          "source: Wire\nauthor: \"Unclosed\nurl: https://e.org/x\n"
          "tags: [a, b]\n---\n\nFirst paragraph.\n\nSecond.\n");
    expect_headline(&art, "Aleppo Aid Plan");
    expect_block(&art, (size_t)art.date, BLOCK_DATE, "2016-08-26T10:00:00Z");
    expect_block(&art, (size_t)art.source, BLOCK_SOURCE, "Wire");
    expect_block(&art, (size_t)art.author, BLOCK_AUTHOR, "\"Unclosed");
    expect_block(&art, (size_t)art.url, BLOCK_URL, "https://e.org/x");
    assert_int_equal(art.date_key, 20160826100000LL);
    assert_int_equal(art.nblocks, 7);
    expect_block(&art, 5, BLOCK_BODY, "First paragraph.");
    expect_pos(&art, "Aleppo", 2, 9);
    article_fini(&art);

    /* No closing fence: not front matter, the text is shown as is. */
    parse("---\ntitle: x\n\nBody.\n");
    assert_int_equal(art.date, -1);
    /* ... and a rule line is no headline. */
    expect_block(&art, 0, BLOCK_BOILER, "---");
    expect_block(&art, 1, BLOCK_TITLE, "title: x");
    expect_block(&art, 2, BLOCK_BODY, "Body.");
    article_fini(&art);

    /* Rules around a headline are not front matter: nothing is hidden. */
    parse("---\nA plain headline\n---\n\nBody.\n");
    expect_headline(&art, "A plain headline");
    expect_block(&art, 0, BLOCK_BOILER, "---");
    expect_block(&art, 2, BLOCK_BODY, "---");
    expect_block(&art, 3, BLOCK_BODY, "Body.");
}

static void test_date_keys(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        long long key;
    } cases[] = {
        {"2016-08-26", 20160826000000LL},
        {"2016-08-26T10:00:00Z", 20160826100000LL},
        {"2016-08-26T10:00:00.123+02:00", 20160826080000LL},
        {"2016-08-26 23:30-01:00", 20160827003000LL},
        {"Fri, 26 Aug 2016 10:00:00 +0000", 20160826100000LL},
        {"Fri, 26 Aug 2016 10:00:00 GMT", 20160826100000LL},
        {"26 Aug 2016 01:00 +0200", 20160825230000LL},
        {"August 26, 2016", 20160826000000LL},
        {"26 August 2016", 20160826000000LL},
        {"Aug 26, 2016", 20160826000000LL},
        {"Aug. 26th, 2016, 4:05 pm", 20160826160500LL},
        {"Friday, August 26, 2016", 20160826000000LL},
        {"1 January 2017 12:00 am", 20170101000000LL},
        {"29 Feb 2016", 20160229000000LL},
        {"2016-01-01T00:30:00+01:00", 20151231233000LL},
        {"", -1},
        {"yesterday", -1},
        {"2016-13-01", -1},
        {"29 Feb 2015", -1},
        {"2016-08-26 and more", -1},
        {"Smarch 12, 2016", -1},
        {"26/08/2016", -1},
        {"August 2016", -1},
        {"2016-08-26T25:00", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long k = article_date_key(cases[i].s, strlen(cases[i].s));
        if (k != cases[i].key)
            fail_msg("[%s] -> %lld, want %lld", cases[i].s, k, cases[i].key);
    }
}

/* ---- positions as in the file ---- */

static void test_position_after_escape_and_crlf(void **state)
{
    (void)state;
    /* "Body " + ESC[H (3) + "said " + ESC[31m (5): John at column 19. */
    parse("\x1b]0;pwned\x07\x1b[31mRed title\x1b[0m\n\n"
          "Body \x1b[Hsaid \x1b[31mJohn Kerry\x1b[0m today.\n");
    expect_headline(&art, "Red title");
    expect_block(&art, 1, BLOCK_BODY, "Body said John Kerry today.");
    expect_pos(&art, "John", 3, 19);
    expect_pos(&art, "Kerry", 3, 24);
    expect_pos(&art, "today", 3, 34);
    expect_pos(&art, "Red", 1, 16);
    expect_pos(&art, "said", 3, 9);
    article_fini(&art);

    /* CRLF: each dropped CR is on its own line, so columns do not drift
     * from line to line. */
    parse("Title\r\n\r\nOne two\r\nthree four\r\n\r\nEnd.\r\n");
    expect_block(&art, 1, BLOCK_BODY, "One two\nthree four");
    expect_pos(&art, "two", 3, 5);
    expect_pos(&art, "four", 4, 7);
    expect_pos(&art, "End", 6, 1);
    assert_int_equal(art.nlines, 6);
    article_fini(&art);

    /* Characters, not bytes: "Zürich – 中文 four". */
    parse("Z\xc3\xbcrich \xe2\x80\x93 \xe4\xb8\xad\xe6\x96\x87 four\n");
    expect_pos(&art, "four", 1, 13);
    article_fini(&art);

    /* A decomposed é became one character: the next one is still where
     * it was in the file. */
    parse("Cafe\xcc\x81 noir\n");
    expect_pos(&art, "noir", 1, 7);
}

/* The forward cursor gives article_position's answer at every offset,
 * whether walked forward one byte at a time, in strides, or sent back. */
static void cursor_agrees(const char *raw, size_t len)
{
    article a;
    article_init(&a, "c.txt", raw, len);
    article_pos_cursor cur;
    for (uint32_t stride = 1; stride <= 7; stride += 3) {
        article_pos_init(&cur, &a);
        for (uint32_t off = 0; off <= a.len; off += stride) {
            uint32_t l1, c1, l2, c2;
            article_position(&a, off, &l1, &c1);
            article_pos_at(&cur, off, &l2, &c2);
            if (l1 != l2 || c1 != c2)
                fail_msg("offset %u (stride %u): cursor %u:%u, want %u:%u",
                         off, stride, l2, c2, l1, c1);
            if (off % 5 == 4) { /* a step back, then on again */
                uint32_t back = off / 2;
                article_position(&a, back, &l1, &c1);
                article_pos_at(&cur, back, &l2, &c2);
                assert_int_equal(l1, l2);
                assert_int_equal(c1, c2);
                article_pos_at(&cur, off, &l2, &c2);
            }
        }
    }
    article_fini(&a);
}

/* Column of needle through a fresh cursor walked over every offset
 * before it (the way the batch modes use it). */
static void expect_cursor_pos(const char *raw, const char *needle,
                              uint32_t line, uint32_t col)
{
    article a;
    article_init(&a, "c.txt", raw, strlen(raw));
    uint32_t at = find(&a, needle), l = 0, c = 0;
    article_pos_cursor cur;
    article_pos_init(&cur, &a);
    for (uint32_t off = 0; off <= at; off++)
        article_pos_at(&cur, off, &l, &c);
    if (l != line || c != col)
        fail_msg("[%s] at %u:%u, want %u:%u", needle, l, c, line, col);
    article_fini(&a);
}

static void test_position_cursor(void **state)
{
    (void)state;
    static const char crlf[] = "Title\r\n\r\nOne two\r\nthree four\r\n\r\nEnd.\r\n";
    static const char tabs[] = "Head\tline\n\n\tTabbed\tbody\t\tKerry\n";
    static const char comb[] = "Cafe\xcc\x81 noir \xcc\x81\xcc\x81x "
                               "Zu\xcc\x88rich \xe4\xb8\xad\xe6\x96\x87 four\n";
    static const char esc[] = "\x1b]0;pwned\x07\x1b[31mRed title\x1b[0m\n\n"
                              "Body \x1b[Hsaid \x1b[31mJohn Kerry\x1b[0m "
                              "\xff\xfe today.\rNext\r\r\n\xef\xbb\xbf" "end\n";
    static const char nul[] = "A\0B\x01\x02" "C\n\x7f\xc2\x9b" "D\n";
    cursor_agrees(crlf, sizeof crlf - 1);
    cursor_agrees(tabs, sizeof tabs - 1);
    cursor_agrees(comb, sizeof comb - 1);
    cursor_agrees(esc, sizeof esc - 1);
    cursor_agrees(nul, sizeof nul - 1);
    cursor_agrees("", 0);
    cursor_agrees("no newline at all", 17);
    /* and the answers are the file's columns */
    expect_cursor_pos(crlf, "four", 4, 7);
    expect_cursor_pos(crlf, "End", 6, 1);
    expect_cursor_pos(tabs, "Kerry", 3, 15);
    expect_cursor_pos(comb, "noir", 1, 7);
    expect_cursor_pos(comb, "four", 1, 27);
    expect_cursor_pos(esc, "John", 3, 19);
    expect_cursor_pos(esc, "today", 3, 37);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_scraped_article),
        cmocka_unit_test(test_sample_one_paragraph_per_line),
        cmocka_unit_test_teardown(test_paragraphs_and_trimming, teardown_art),
        cmocka_unit_test_teardown(test_empty_and_headline_fallback,
                                  teardown_art),
        cmocka_unit_test_teardown(test_boilerplate_phrases, teardown_art),
        cmocka_unit_test_teardown(test_trailing_teaser, teardown_art),
        cmocka_unit_test_teardown(test_header_block, teardown_art),
        cmocka_unit_test_teardown(test_front_matter, teardown_art),
        cmocka_unit_test(test_date_keys),
        cmocka_unit_test_teardown(test_position_after_escape_and_crlf,
                                  teardown_art),
        cmocka_unit_test(test_position_cursor),
    };
    return cmocka_run_group_tests_name("article", tests, NULL, NULL) ? 1 : 0;
}
