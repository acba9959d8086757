/* Unit tests for query.c (parsing, in-memory runs, marks), index_fts.c
 * (the 'lede' FTS5 tokenizer) and index_query.c (the same tree against
 * an FTS5 table, which must give the same articles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testutil.h"
#include "index_fts.h"
#include "index_query.h"
#include "query.h"
#include "store.h"

/* The tree of a query as text, or "ERR: message". */
static const char *tree(const char *text)
{
    static char buf[512];
    char err[160];
    query *q = query_parse(text, 0, err, sizeof err);
    if (!q) {
        snprintf(buf, sizeof buf, "ERR: %s", err);
        return buf;
    }
    query_show(q, buf, sizeof buf);
    query_free(q);
    return buf;
}

static void test_parse_words(void **state)
{
    (void)state;
    assert_string_equal(tree("iraq"), "iraq");
    assert_string_equal(tree("  lavrov   kerry "), "(AND lavrov kerry)");
    assert_string_equal(tree("\"new  york\" times"),
                        "(AND \"new york\" times)");
    assert_string_equal(tree("a b c"), "(AND (AND a b) c)");
    assert_string_equal(tree("a AND b"), "(AND a b)");
    /* lowercase or/and/not are words */
    assert_string_equal(tree("war or peace"), "(AND (AND war or) peace)");
    assert_string_equal(tree("Kerry's al-Assad 10:30"),
                        "(AND (AND Kerry's al-Assad) 10:30)");
}

static void test_parse_operators(void **state)
{
    (void)state;
    assert_string_equal(tree("a OR b c"), "(OR a (AND b c))");
    assert_string_equal(tree("a b OR c"), "(OR (AND a b) c)");
    assert_string_equal(tree("(a OR b) c"), "(AND (OR a b) c)");
    assert_string_equal(tree("syria -aleppo"), "(AND syria (NOT aleppo))");
    assert_string_equal(tree("syria NOT aleppo"), "(AND syria (NOT aleppo))");
    assert_string_equal(tree("-\"white house\""), "(NOT \"white house\")");
    assert_string_equal(tree("NOT (a OR b)"), "(NOT (OR a b))");
    assert_string_equal(tree("a-b"), "a-b"); /* a hyphen inside: a word */
}

static void test_parse_fields(void **state)
{
    (void)state;
    assert_string_equal(tree("title:kerry"), "title:kerry");
    assert_string_equal(tree("TITLE:\"peace talks\""),
                        "title:\"peace talks\"");
    assert_string_equal(tree("entity:\"Tony Blair\" iraq"),
                        "(AND entity:\"Tony Blair\" iraq)");
    assert_string_equal(tree("entity:Kerry"), "entity:\"Kerry\"");
    assert_string_equal(tree("source:reuters"), "source:reuters");
    assert_string_equal(tree("path:2016/08"), "path:2016/08");
    assert_string_equal(tree("after:2016-08-01"), "date[20160801,-1)");
    assert_string_equal(tree("before:2016-08-31"), "date[-1,20160832)");
    assert_string_equal(tree("before:2016-12"), "date[-1,20170101)");
    assert_string_equal(tree("after:2016"), "date[20160101,-1)");
    assert_string_equal(tree("after:2016/08/01"), "date[20160801,-1)");
    /* an unknown prefix is part of the word */
    assert_string_equal(tree("note:this"), "note:this");
}

static void test_parse_errors(void **state)
{
    (void)state;
    assert_string_equal(tree(""), "ERR: empty query");
    assert_string_equal(tree("   "), "ERR: empty query");
    assert_string_equal(tree("\"lavrov"), "ERR: missing closing quote");
    assert_string_equal(tree("entity:\"Tony"), "ERR: missing closing quote");
    assert_string_equal(tree("iraq NOT"), "ERR: NOT needs a term after it");
    assert_string_equal(tree("NOT"), "ERR: NOT needs a term after it");
    assert_string_equal(tree("a - b"),
                        "ERR: - needs a term right after it (-word)");
    assert_string_equal(tree("OR iraq"), "ERR: OR needs a term on each side");
    assert_string_equal(tree("iraq OR"), "ERR: OR needs a term on each side");
    assert_string_equal(tree("a OR OR b"),
                        "ERR: OR needs a term on each side");
    assert_string_equal(tree("(a b"), "ERR: missing closing parenthesis )");
    assert_string_equal(tree("a b)"),
                        "ERR: unmatched closing parenthesis )");
    assert_string_equal(tree("()"), "ERR: empty parentheses ()");
    assert_string_equal(tree("\"\""), "ERR: empty phrase \"\"");
    assert_string_equal(tree("title:"), "ERR: title: needs a value");
    assert_string_equal(tree("after:yesterday"),
                        "ERR: after: wants a date like 2016-08-01, not "
                        "'yesterday'");
    assert_string_equal(tree("before:2016-13-01"),
                        "ERR: before: wants a date like 2016-08-01, not "
                        "'2016-13-01'");
    /* deep nesting is refused, not a stack overflow */
    char deep[400];
    memset(deep, '(', 300);
    strcpy(deep + 300, "a");
    assert_string_equal(tree(deep), "ERR: query nested too deeply");
    char nots[1000] = "";
    for (int i = 0; i < 200; i++)
        strcat(nots, "NOT ");
    strcat(nots, "a");
    assert_string_equal(tree(nots), "ERR: query nested too deeply");
}

/* A small set: 0 and 1 name Kerry; 2 is about Iraq; 3 is undated. */
static const char *const docs[] = {
    "Title: Kerry and Lavrov meet in Geneva\nDate: 2016-08-26\n"
    "Source: Example Wire\n\n"
    "Sergei Lavrov met John Kerry. Kerry spoke of Aleppo and of the "
    "Straße in Berlin.\n",
    "Title: Markets calm\nDate: 2016-07-02\nSource: Daily News\n\n"
    "Traders ignored Kerry. The White House said nothing. Kerry's aides "
    "left. Kerryville is a town.\n",
    "Title: Iraq after the war\nDate: 2016-09-10\nSource: Example Wire\n\n"
    "Tony Blair spoke about Iraq. Mr Blair said little. Erdoğan was in "
    "Ankara. 東京都 is big.\n",
    "Title: An undated note\n\nA white house on the hill, and STRASSE "
    "signs.\n",
};

static store *small_set(void)
{
    store *s = store_new(NULL, NULL);
    char path[32];
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        snprintf(path, sizeof path, "set/%zu.txt", i);
        store_add_bytes(s, path, docs[i], strlen(docs[i]));
    }
    store_index(s);
    return s;
}

/* Matching articles of a query run in memory, in article order, as
 * "0 2"; "ERR" when it does not parse. */
static const char *mem(const store *s, const char *text)
{
    static char buf[128];
    char err[160];
    query *q = query_parse(text, 0, err, sizeof err);
    if (!q)
        return "ERR";
    size_t n;
    search_hit *h = query_run_mem(q, s, &n);
    char has[16] = {0};
    for (size_t i = 0; i < n; i++)
        has[h[i].article] = 1;
    buf[0] = '\0';
    for (size_t i = 0; i < store_count(s); i++)
        if (has[i])
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%zu",
                     buf[0] ? " " : "", i);
    free(h);
    query_free(q);
    return buf;
}

static void test_run_mem(void **state)
{
    (void)state;
    store *s = small_set();
    assert_string_equal(mem(s, "kerry"), "0 1");
    assert_string_equal(mem(s, "kerry lavrov"), "0");
    assert_string_equal(mem(s, "kerry OR iraq"), "0 1 2");
    assert_string_equal(mem(s, "kerry -lavrov"), "1");
    assert_string_equal(mem(s, "NOT kerry"), "2 3");
    assert_string_equal(mem(s, "\"white house\""), "1 3");
    assert_string_equal(mem(s, "\"house white\""), "");
    assert_string_equal(mem(s, "White"), "1"); /* smart case */
    assert_string_equal(mem(s, "kerryville"), "1");
    assert_string_equal(mem(s, "kerryv"), ""); /* whole words only */
    assert_string_equal(mem(s, "title:kerry"), "0");
    assert_string_equal(mem(s, "title:iraq OR title:markets"), "1 2");
    assert_string_equal(mem(s, "erdogan"), "2"); /* accents folded */
    assert_string_equal(mem(s, "strasse"), "0 3");
    assert_string_equal(mem(s, "straße"), "0 3");
    assert_string_equal(mem(s, "STRASSE"), "3"); /* capitals: exact */
    assert_string_equal(mem(s, "東京"), "2");
    assert_string_equal(mem(s, "source:wire"), "0 2");
    assert_string_equal(mem(s, "source:\"daily news\" kerry"), "1");
    assert_string_equal(mem(s, "path:set/3"), "3");
    assert_string_equal(mem(s, "after:2016-08-01"), "0 2");
    assert_string_equal(mem(s, "before:2016-08-26"), "0 1");
    assert_string_equal(mem(s, "before:2016-08-25"), "1");
    assert_string_equal(mem(s, "after:2016-08 before:2016-08"), "0");
    assert_string_equal(mem(s, "after:2016-09-11"), "");
    /* entities: the merged entity, by any of its spellings */
    assert_string_equal(mem(s, "entity:\"Tony Blair\""), "2");
    assert_string_equal(mem(s, "entity:\"tony blair\" iraq"), "2");
    assert_string_equal(mem(s, "entity:\"John Kerry\""), "0 1");
    assert_string_equal(mem(s, "entity:Kerry -title:kerry"), "1");
    assert_string_equal(mem(s, "entity:\"Nobody Known\""), "");
    store_free(s);
}

static void test_rank_and_counts(void **state)
{
    (void)state;
    store *s = small_set();
    char err[160];
    query *q = query_parse("kerry", 0, err, sizeof err);
    size_t n;
    search_hit *h = query_run_mem(q, s, &n);
    assert_int_equal(n, 2);
    /* article 0 has Kerry in its headline: first */
    assert_int_equal(h[0].article, 0);
    assert_int_equal(h[0].in_title, 1);
    assert_int_equal(h[0].count, 3);
    assert_int_equal(h[1].article, 1);
    assert_int_equal(h[1].count, 2); /* Kerry, Kerry's; not Kerryville */
    free(h);
    query_free(q);
    /* an entity alone: counts are its mentions */
    q = query_parse("entity:\"Tony Blair\"", 0, err, sizeof err);
    h = query_run_mem(q, s, &n);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].count, 2);
    free(h);
    query_free(q);
    store_free(s);
}

static void test_marks(void **state)
{
    (void)state;
    store *s = small_set();
    char err[160];
    query *q = query_parse("kerry -lavrov OR \"john kerry\" title:geneva",
                           0, err, sizeof err);
    assert_non_null(q);
    const article *a = store_get(s, 0);
    search_match *m = NULL;
    size_t cap = 0, n = query_marks(q, a, &m, &cap);
    /* lavrov is negative: not marked; "john kerry" and "kerry" join */
    char got[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s[%.*s]",
                 i ? " " : "", (int)m[i].len, a->text + m[i].off);
    assert_string_equal(got, "[Kerry] [Geneva] [John Kerry] [Kerry]");
    free(m);
    query_free(q);
    store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_words),
        cmocka_unit_test(test_parse_operators),
        cmocka_unit_test(test_parse_fields),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_run_mem),
        cmocka_unit_test(test_rank_and_counts),
        cmocka_unit_test(test_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
