/* Unit tests for layout: where lines break, how wide they are, which
 * cells a drawn line is made of. Articles are built by hand (text and
 * blocks) so these tests do not depend on the article parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "text.h"

static layout lay;

static int teardown(void **state)
{
    (void)state;
    layout_fini(&lay);
    return 0;
}

/* Wrap s at `width` and render the lines as "text|cols" joined by '/'. */
static const char *wrap(const char *s, int width)
{
    static char buf[4096];
    layout_fini(&lay);
    layout_wrap(&lay, s, 0, (uint32_t)strlen(s), 7, width);
    size_t k = 0;
    for (size_t i = 0; i < lay.nlines; i++) {
        const layout_line *ln = &lay.lines[i];
        assert_int_equal(ln->block, 7);
        assert_true(ln->cols <= width);
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s|%d",
                              i ? "/" : "", (int)ln->len, s + ln->off,
                              ln->cols);
    }
    buf[k] = '\0';
    return buf;
}

static void test_wrap_words(void **state)
{
    (void)state;
    assert_string_equal(wrap("The quick brown fox jumps over the lazy dog", 10),
                        "The quick|9/brown fox|9/jumps over|10/the lazy|8/"
                        "dog|3");
    assert_string_equal(wrap("short", 80), "short|5");
    /* The spaces at a break are drawn on neither line. */
    assert_string_equal(wrap("aaaa bbbb", 4), "aaaa|4/bbbb|4");
    assert_string_equal(wrap("aa   bb", 3), "aa|2/bb|2");
    assert_string_equal(wrap("aa   bb", 4), "aa|2/bb|2");
    assert_string_equal(wrap("aa bb", 5), "aa bb|5");
}

static void test_wrap_long_word_cut(void **state)
{
    (void)state;
    assert_string_equal(wrap("abcdefghij", 4), "abcd|4/efgh|4/ij|2");
    assert_string_equal(wrap("go abcdefghij", 4), "go|2/abcd|4/efgh|4/ij|2");
    /* Width 1: one character a line. */
    assert_string_equal(wrap("ab c", 1), "a|1/b|1/c|1");
}

static void test_wrap_never_inside_cluster(void **state)
{
    (void)state;
    /* Decomposed é (3 bytes each): cut between clusters only. */
    assert_string_equal(wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2),
                        "e\xcc\x81" "e\xcc\x81|2/e\xcc\x81|1");
    /* A ZWJ family is one cluster of width 2. */
    assert_string_equal(wrap("a👨‍👩‍👧b", 3), "a👨‍👩‍👧|3/b|1");
    assert_string_equal(wrap("ab👍🏽", 3), "ab|2/👍🏽|2");
}

static void test_wrap_cjk(void **state)
{
    (void)state;
    assert_string_equal(wrap("中文新闻报道", 5), "中文|4/新闻|4/报道|4");
    assert_string_equal(wrap("中文abc", 5), "中文|4/abc|3");
    assert_string_equal(wrap("東京タワー", 6), "東京タ|6/ワー|4");
    /* No line starts with 。 and none ends with 「. */
    assert_string_equal(wrap("中文。中文", 4), "中|2/文。|4/中文|4");
    assert_string_equal(wrap("中「文」", 4), "中|2/「文|4/」|2");
    /* Hangul syllables may break too; the width 2 stays whole. */
    assert_string_equal(wrap("한국어", 3), "한|2/국|2/어|2");
}

static void test_wrap_wide_on_narrow(void **state)
{
    (void)state;
    /* A width-2 cluster on a width-1 layout: a line of its own, counted
     * as 1 so that no line is wider than the layout. */
    assert_string_equal(wrap("中文", 1), "中|1/文|1");
    assert_string_equal(wrap("a中b", 1), "a|1/中|1/b|1");
}

static void test_wrap_tabs_and_soft_newlines(void **state)
{
    (void)state;
    assert_string_equal(wrap("a\tb", 20), "a\tb|9");
    assert_string_equal(wrap("abcdefghi\tx", 20), "abcdefghi\tx|17");
    /* A tab that would cross the edge is cut at the edge. */
    assert_string_equal(wrap("abc\tx", 5), "abc\t|5/x|1");
    /* Inner newlines are soft: a space, and a break opportunity. */
    assert_string_equal(wrap("one\ntwo", 20), "one\ntwo|7");
    assert_string_equal(wrap("one\ntwo", 5), "one|3/two|3");
}

/* Every line fits, and every non-space byte is on exactly one line. */
static void check_cover(const char *s, int width)
{
    size_t len = strlen(s);
    layout_fini(&lay);
    layout_wrap(&lay, s, 0, (uint32_t)len, 0, width);
    uint32_t next = 0;
    for (size_t i = 0; i < lay.nlines; i++) {
        const layout_line *ln = &lay.lines[i];
        assert_true(ln->cols <= width);
        assert_true(ln->len > 0);
        for (; next < ln->off; next++)
            assert_true(s[next] == ' ' || s[next] == '\n');
        /* A line starts and ends on cluster boundaries. */
        assert_int_equal(text_cluster_len(s + ln->off, len - ln->off) > 0, 1);
        uint32_t p = ln->off;
        while (p < ln->off + ln->len)
            p += (uint32_t)text_cluster_len(s + p, len - p);
        assert_int_equal(p, ln->off + ln->len);
        next = ln->off + ln->len;
    }
    for (; next < len; next++)
        assert_true(s[next] == ' ' || s[next] == '\n');
}

static void test_wrap_invariants(void **state)
{
    (void)state;
    const char *s =
        "Le président a dit : « non ». 東京で会議が開かれた。"
        "\tA\ttabbed line\nwith 👨‍👩‍👧 and 🇫🇷 and e\xcc\x81 "
        "supercalifragilisticexpialidocious   spaces  한국어 기사.";
    for (int w = 1; w <= 40; w++)
        check_cover(s, w);
}

static void test_wrap_appends(void **state)
{
    (void)state;
    const char *s = "one two";
    layout_fini(&lay);
    layout_wrap(&lay, s, 0, 3, 0, 10);
    layout_wrap(&lay, s, 4, 3, 1, 10);
    assert_int_equal(lay.nlines, 2);
    assert_int_equal(lay.lines[1].off, 4);
    assert_int_equal(lay.lines[1].block, 1);
}

/* An article built by hand: text plus blocks. */
static void make_article(article *a, char *text, article_block *blocks,
                         size_t nblocks)
{
    memset(a, 0, sizeof *a);
    a->text = text;
    a->len = strlen(text);
    a->blocks = blocks;
    a->nblocks = nblocks;
    a->title = a->date = a->source = a->author = a->url = -1;
    for (size_t i = 0; i < nblocks; i++) {
        int32_t *slot = NULL;
        switch (blocks[i].kind) {
        case BLOCK_TITLE: slot = &a->title; break;
        case BLOCK_DATE: slot = &a->date; break;
        case BLOCK_SOURCE: slot = &a->source; break;
        case BLOCK_AUTHOR: slot = &a->author; break;
        case BLOCK_URL: slot = &a->url; break;
        default: break;
        }
        if (slot)
            *slot = (int32_t)i;
    }
}

static void block_of(article_block *b, const char *text, const char *part,
                     uint8_t kind)
{
    const char *p = strstr(text, part);
    assert_non_null(p);
    b->off = (uint32_t)(p - text);
    b->len = (uint32_t)strlen(part);
    b->kind = kind;
}

/* The article's lines as "text" joined by '/', blanks as "". */
static const char *article_lines(const article *a)
{
    static char buf[4096];
    size_t k = 0;
    for (size_t i = 0; i < lay.nlines; i++) {
        const layout_line *ln = &lay.lines[i];
        if (ln->block < 0)
            assert_int_equal(ln->len, 0);
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s",
                              i ? "/" : "", (int)ln->len, a->text + ln->off);
    }
    buf[k] = '\0';
    return buf;
}

static char art_text[] =
    "Source: Wire\nDate: 2024-05-01\nMarket rallies\n\n"
    "Stocks rose on\nMonday.\n\nShare this\n\nSecond para.\n";

static void test_layout_article_order(void **state)
{
    (void)state;
    article a;
    article_block b[6];
    block_of(&b[0], art_text, "Wire", BLOCK_SOURCE);
    block_of(&b[1], art_text, "2024-05-01", BLOCK_DATE);
    block_of(&b[2], art_text, "Market rallies", BLOCK_TITLE);
    block_of(&b[3], art_text, "Stocks rose on\nMonday.", BLOCK_BODY);
    block_of(&b[4], art_text, "Share this", BLOCK_BOILER);
    block_of(&b[5], art_text, "Second para.", BLOCK_BODY);
    make_article(&a, art_text, b, 6);
    layout_fini(&lay);
    layout_article(&lay, &a, 40, 0);
    assert_int_equal(lay.width, 40);
    /* Headline, then date and source under it, a blank, the body. */
    assert_string_equal(article_lines(&a),
                        "Market rallies/2024-05-01/Wire//"
                        "Stocks rose on\nMonday.//Share this//Second para.");
    assert_int_equal(lay.lines[0].block, 2);
    assert_int_equal(lay.lines[1].block, 1);
    assert_int_equal(lay.lines[3].block, -1);
    layout_article(&lay, &a, 40, LAYOUT_HIDE_BOILER);
    assert_string_equal(article_lines(&a),
                        "Market rallies/2024-05-01/Wire//"
                        "Stocks rose on\nMonday.//Second para.");
    /* Narrow: the paragraph wraps, the soft newline is a break. */
    layout_article(&lay, &a, 8, LAYOUT_HIDE_BOILER);
    assert_string_equal(article_lines(&a),
                        "Market/rallies/2024-05-/01/Wire//"
                        "Stocks/rose on/Monday.//Second/para.");
}

static void test_layout_article_without_header(void **state)
{
    (void)state;
    article a;
    article_block b[2];
    block_of(&b[0], art_text, "Stocks rose on\nMonday.", BLOCK_BODY);
    block_of(&b[1], art_text, "Second para.", BLOCK_BODY);
    make_article(&a, art_text, b, 2);
    layout_fini(&lay);
    layout_article(&lay, &a, 80, 0);
    /* No blank line at the top. */
    assert_string_equal(article_lines(&a),
                        "Stocks rose on\nMonday.//Second para.");
}

static void test_line_of(void **state)
{
    (void)state;
    const char *s = "The quick brown fox jumps over the lazy dog";
    wrap(s, 10);
    assert_int_equal(layout_line_of(&lay, 0), 0);
    assert_int_equal(layout_line_of(&lay, 4), 0);      /* quick */
    assert_int_equal(layout_line_of(&lay, 10), 1);     /* brown */
    assert_int_equal(layout_line_of(&lay, 9), 1);      /* the skipped space */
    assert_int_equal(layout_line_of(&lay, 40), 4);     /* dog */
    assert_int_equal(layout_line_of(&lay, 43), lay.nlines);
    /* Header lines out of text order still map. */
    article a;
    article_block b[3];
    block_of(&b[0], art_text, "Wire", BLOCK_SOURCE);
    block_of(&b[1], art_text, "Market rallies", BLOCK_TITLE);
    block_of(&b[2], art_text, "Second para.", BLOCK_BODY);
    make_article(&a, art_text, b, 3);
    layout_article(&lay, &a, 80, 0);
    assert_int_equal(layout_line_of(&lay, b[0].off), 1);
    assert_int_equal(layout_line_of(&lay, b[1].off + 3), 0);
    assert_int_equal(layout_line_of(&lay, b[2].off + 1), 3);
}

static layout_cell *cells;
static size_t cellcap;

static void test_cells_classes(void **state)
{
    (void)state;
    const char *s = "Ann met Bob in Paris today";
    wrap(s, 14); /* "Ann met Bob in" / "Paris today" */
    assert_int_equal(lay.nlines, 2);
    hl_span spans[] = {
        {0, 3, HL_PERSON}, {8, 3, HL_PERSON}, {15, 5, HL_PLACE},
        {21, 2, HL_MATCH},
    };
    size_t n = layout_cells(&lay, 1, s, spans, 4, &cells, &cellcap);
    assert_int_equal(n, 11);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(cells[i].off, 15 + i);
        assert_int_equal(cells[i].len, 1);
        assert_int_equal(cells[i].cols, 1);
        assert_int_equal(cells[i].cls, HL_PLACE);
    }
    assert_int_equal(cells[5].cls, HL_NONE);  /* the space */
    assert_int_equal(cells[6].cls, HL_MATCH); /* "to" */
    assert_int_equal(cells[7].cls, HL_MATCH);
    assert_int_equal(cells[8].cls, HL_NONE);
    n = layout_cells(&lay, 0, s, spans, 4, &cells, &cellcap);
    assert_int_equal(n, 14);
    assert_int_equal(cells[2].cls, HL_PERSON);
    assert_int_equal(cells[3].cls, HL_NONE);
    assert_int_equal(cells[8].cls, HL_PERSON);
    assert_int_equal(layout_cells(&lay, 2, s, spans, 4, &cells, &cellcap), 0);
}

static void test_cells_clusters_tabs_newlines(void **state)
{
    (void)state;
    const char *s = "e\xcc\x81\t中\nx";
    wrap(s, 20);
    assert_int_equal(lay.nlines, 1);
    hl_span all = {0, (uint32_t)strlen(s), HL_KEYWORD};
    size_t n = layout_cells(&lay, 0, s, &all, 1, &cells, &cellcap);
    assert_int_equal(n, 5);
    assert_int_equal(cells[0].len, 3);       /* é as one cell */
    assert_int_equal(cells[0].cols, 1);
    assert_int_equal(cells[1].len, 0);       /* tab: 7 blanks */
    assert_int_equal(cells[1].cols, 7);
    assert_int_equal(cells[2].cols, 2);      /* 中 */
    assert_int_equal(cells[3].len, 0);       /* soft newline: a blank */
    assert_int_equal(cells[3].cols, 1);
    assert_int_equal(cells[3].cls, HL_KEYWORD);
    assert_int_equal(cells[4].off, 8);
    /* A wide character on a width-1 layout is drawn as a blank cell. */
    wrap("中", 1);
    n = layout_cells(&lay, 0, "中", NULL, 0, &cells, &cellcap);
    assert_int_equal(n, 1);
    assert_int_equal(cells[0].len, 0);
    assert_int_equal(cells[0].cols, 1);
}

static void test_cells_sum_to_line_cols(void **state)
{
    (void)state;
    const char *s = "a\tbc\tdefghijkl\tm 中文 👍🏽 x\ty";
    for (int w = 1; w <= 30; w++) {
        wrap(s, w);
        for (size_t i = 0; i < lay.nlines; i++) {
            size_t n = layout_cells(&lay, i, s, NULL, 0, &cells, &cellcap);
            int sum = 0;
            for (size_t k = 0; k < n; k++)
                sum += cells[k].cols;
            assert_int_equal(sum, lay.lines[i].cols);
        }
    }
    free(cells);
    cells = NULL;
    cellcap = 0;
}

/* Found by fuzz_layout: a blank carrying VS16 or a skin tone drew one
 * column more than its line counted. */
static void test_cells_sum_blank_clusters(void **state)
{
    (void)state;
    const char *s = "how they \xef\xb8\x8f. a wave \xf0\x9f\x8f\xbd of "
                    "\xf0\x9f\x8f\xbd hands";
    for (int w = 1; w <= 40; w++) {
        wrap(s, w);
        for (size_t i = 0; i < lay.nlines; i++) {
            size_t n = layout_cells(&lay, i, s, NULL, 0, &cells, &cellcap);
            int sum = 0;
            for (size_t k = 0; k < n; k++)
                sum += cells[k].cols;
            assert_int_equal(sum, lay.lines[i].cols);
        }
    }
    free(cells);
    cells = NULL;
    cellcap = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_words),
        cmocka_unit_test(test_wrap_long_word_cut),
        cmocka_unit_test(test_wrap_never_inside_cluster),
        cmocka_unit_test(test_wrap_cjk),
        cmocka_unit_test(test_wrap_wide_on_narrow),
        cmocka_unit_test(test_wrap_tabs_and_soft_newlines),
        cmocka_unit_test(test_wrap_invariants),
        cmocka_unit_test(test_wrap_appends),
        cmocka_unit_test(test_layout_article_order),
        cmocka_unit_test(test_layout_article_without_header),
        cmocka_unit_test(test_line_of),
        cmocka_unit_test(test_cells_classes),
        cmocka_unit_test(test_cells_sum_blank_clusters),
        cmocka_unit_test(test_cells_clusters_tabs_newlines),
        cmocka_unit_test(test_cells_sum_to_line_cols),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, teardown);
}
