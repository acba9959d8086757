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
#include "index_doclist.h"
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
    ("Title: An undated note\n\nA white house on the hill, and STRASSE "
     "signs.\n"),
};

/* A set of the n texts t, named DIR/0.txt, DIR/1.txt, ...; indexed. */
static store *set_of(const char *const *t, size_t n, const char *dir)
{
    store *s = store_new(NULL, NULL);
    char path[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%zu.txt", dir, i);
        store_add_bytes(s, path, t[i], strlen(t[i]));
    }
    store_index(s);
    return s;
}

static store *small_set(void)
{
    return set_of(docs, sizeof docs / sizeof *docs, "set");
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
    assert_string_equal(mem(s, "wire"), ""); /* metadata is not text */
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
    size_t cap = 0, n = query_marks(q, s, 0, &m, &cap);
    /* lavrov is negative: not marked; "john kerry" and "kerry" join */
    char got[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s[%.*s]",
                 i ? " " : "", (int)m[i].len, a->text + m[i].off);
    assert_string_equal(got, "[Kerry] [Geneva] [John Kerry] [Kerry]");
    query_free(q);
    /* entity: marks the entity's mentions, whatever their spelling */
    q = query_parse("entity:\"Tony Blair\"", 0, err, sizeof err);
    a = store_get(s, 2);
    n = query_marks(q, s, 2, &m, &cap);
    got[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s[%.*s]",
                 i ? " " : "", (int)m[i].len, a->text + m[i].off);
    assert_string_equal(got, "[Tony Blair] [Blair]");
    free(m);
    query_free(q);
    store_free(s);
}

/* ---- the tokenizer ---------------------------------------------------- */

static int join_tok(void *ctx, const char *tok, size_t n, size_t start,
                    size_t end)
{
    char *out = ctx;
    snprintf(out + strlen(out), 256 - strlen(out), "%s%.*s@%zu-%zu",
             out[0] ? " " : "", (int)n, tok, start, end);
    return 0;
}

static const char *toks(const char *text)
{
    static char out[256];
    out[0] = '\0';
    index_fts_tokens(text, strlen(text), join_tok, out);
    return out;
}

static void test_tokens(void **state)
{
    (void)state;
    assert_string_equal(toks("Kerry's U.S. trip"),
                        "kerry@0-5 s@6-7 u@8-9 s@10-11 trip@13-17");
    assert_string_equal(toks("Erdoğan STRASSE Straße"),
                        "erdogan@0-8 strasse@9-16 strasse@17-24");
    assert_string_equal(toks("东京都 x"), "东@0-3 京@3-6 都@6-9 x@10-11");
    assert_string_equal(toks("al-Assad, 2016-08"),
                        "al@0-2 assad@3-8 2016@10-14 08@15-17");
    assert_string_equal(toks(" -- !! "), "");
}

/* An FTS5 table built from the store the way the index does: rowid
 * i + 1, the headline's tokens in title, the body paragraphs' in body,
 * no content kept. */
static long map_rowid(void *ctx, int64_t rowid)
{
    (void)ctx;
    return (long)rowid - 1;
}

static sqlite3 *test_index(const store *s)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(index_fts_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING "
                                  "fts5(title, body, tokenize='lede', content='')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, title, "
                                        "body) VALUES (?1, ?2, ?3)", -1, &st,
                                        NULL), SQLITE_OK);
    index_fts_text pre = {0}; /* the tokens as the index makes them */
    for (size_t i = 0; i < store_count(s); i++) {
        index_fts_text_make(&pre, store_get(s, i));
        sqlite3_bind_int64(st, 1, (int64_t)i + 1);
        sqlite3_bind_text(st, 2, pre.title, (int)pre.tlen, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, pre.body, (int)pre.blen, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    index_fts_text_fini(&pre);
    sqlite3_finalize(st);
    return db;
}

static const char *idx(sqlite3 *db, const store *s, const char *text)
{
    static char buf[128];
    char err[160];
    query *q = query_parse(text, 0, err, sizeof err);
    if (!q)
        return "ERR";
    size_t n;
    search_hit *h = index_query_run(db, q, s, map_rowid, NULL, &n, err,
                                    sizeof err);
    if (!h)
        fail_msg("%s: %s", text, err);
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

static void test_fts_tokenizer_sql(void **state)
{
    (void)state;
    store *s = small_set();
    sqlite3 *db = test_index(s);
    const char *cases[][2] = {
        {"erdogan", "3"}, {"ERDOĞAN", "3"}, {"strasse", "1 4"},
        {"straße", "1 4"}, {"kerry", "1 2"}, {"kerryville", "2"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char sql[128], got[64] = "";
        snprintf(sql, sizeof sql, "SELECT rowid FROM fts WHERE fts MATCH "
                 "'\"%s\"' ORDER BY rowid", cases[c][0]);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
                         SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld",
                     got[0] ? " " : "", sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
        if (strcmp(got, cases[c][1]))
            fail_msg("%s: got '%s', want '%s'", cases[c][0], got, cases[c][1]);
    }
    sqlite3_close(db);
    store_free(s);
}

/* Articles and match counts, "0:3 2:1" in article order, of q run in
 * memory (db NULL) or against the index. */
static const char *counts(sqlite3 *db, const store *s, const char *text,
                          unsigned flags)
{
    static char buf[256];
    char err[160];
    query *q = query_parse(text, flags, err, sizeof err);
    if (!q)
        return "ERR";
    size_t n;
    search_hit *h = db ? index_query_run(db, q, s, map_rowid, NULL, &n, err,
                                         sizeof err)
                       : query_run_mem(q, s, &n);
    if (!h)
        fail_msg("%s: %s", text, err);
    uint32_t has[16] = {0};
    for (size_t i = 0; i < n; i++)
        has[h[i].article] = h[i].count + 1;
    buf[0] = '\0';
    for (size_t i = 0; i < store_count(s); i++)
        if (has[i])
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%zu:%u",
                     buf[0] ? " " : "", i, has[i] - 1);
    free(h);
    query_free(q);
    return buf;
}

/* The index and the in-memory run agree on every query: the same
 * articles, with the same match counts. */
static void test_index_same_as_mem(void **state)
{
    (void)state;
    store *s = small_set();
    sqlite3 *db = test_index(s);
    static const char *const queries[] = {
        "kerry", "kerry lavrov", "kerry OR iraq", "kerry -lavrov",
        "NOT kerry", "\"white house\"", "\"house white\"", "White",
        "kerryville", "kerryv", "title:kerry", "title:iraq OR title:markets",
        "erdogan", "Erdoğan", "strasse", "straße", "STRASSE", "東京",
        "source:wire", "source:\"daily news\" kerry", "path:set/3",
        "after:2016-08-01 kerry", "before:2016-08-25 OR iraq",
        "entity:\"Tony Blair\"", "entity:\"tony blair\" iraq",
        "entity:Kerry -title:kerry", "entity:\"Nobody Known\" OR white",
        "Kerry's", "kerry's", "wire", "2016-08-26", "al-Assad OR \"Mr Blair\"", "-(a OR the)",
        "\"kerry. kerry\"", "!!!", "2016",
    };
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        char want[256];
        snprintf(want, sizeof want, "%s", counts(NULL, s, queries[i], 0));
        const char *got = counts(db, s, queries[i], 0);
        if (strcmp(want, got))
            fail_msg("%s: index gives '%s', memory '%s'", queries[i], got,
                     want);
    }
    sqlite3_close(db);
    store_free(s);
}

/* Where the index now answers alone (capitals under smart case, phrases
 * of words one space apart), it says what lede's matcher says: the same
 * articles with the same counts, around every way two words can fail to
 * be a phrase (punctuation, two spaces, a paragraph break, a tab) or a
 * word can differ in case or accents. */
static void test_index_exact_edges(void **state)
{
    (void)state;
    static const char *const edge_docs[] = {
        "Title: Aid agencies in Aleppo\n\nAid agencies reached aleppo. "
        "Aid, agencies said; aid  agencies; aid\tagencies.\n",
        "Title: Notes\n\nThe White\nHouse spoke (a soft line break). "
        "la la la. Kerry met KERRY and kerry.\n\nagencies came after aid\n\n"
        "agencies again.\n",
        "Title: ALEPPO\n\nÁleppo and Alèppo, the White House, "
        "white house, WHITE HOUSE. O'Neil met Kerry's aides.\n",
        "Title: Aid\n\nAid-agencies and aid/agencies, Aid Agencies.\n",
    };
    store *s = set_of(edge_docs, sizeof edge_docs / sizeof *edge_docs, "edge");
    sqlite3 *db = test_index(s);
    static const char *const queries[] = {
        "aleppo", "Aleppo", "ALEPPO", "Áleppo", "Alèppo", "aleppo OR Aleppo",
        "\"aid agencies\"", "\"Aid agencies\"", "\"Aid Agencies\"",
        "\"agencies aid\"", "\"aid, agencies\"", "\"aid  agencies\"",
        "\"after aid agencies\"", "\"white house\"", "\"White House\"",
        "\"WHITE HOUSE\"", "\"White house\"", "\"la la\"", "\"la la la\"",
        "kerry", "Kerry", "KERRY", "\"Kerry's\"", "Kerry's", "O'Neil",
        "title:aleppo", "title:Aleppo", "title:ALEPPO", "title:\"aid agencies\"",
        "\"aid agencies\" -title:aid", "Aid -\"aid agencies\"",
        "\"agencies again\"", "aid/agencies", "\"aid agencies\" OR Kerry",
    };
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        for (unsigned f = 0; f < 3; f++) {
            unsigned flags = f == 1 ? SEARCH_IGNORE_CASE
                             : f == 2 ? SEARCH_MATCH_CASE : 0;
            char want[256];
            snprintf(want, sizeof want, "%s",
                     counts(NULL, s, queries[i], flags));
            const char *got = counts(db, s, queries[i], flags);
            if (strcmp(want, got))
                fail_msg("%s (flags %u): index gives '%s', memory '%s'",
                         queries[i], flags, got, want);
        }
    /* what the index says alone, checked by hand */
    assert_string_equal(counts(db, s, "Aleppo", 0), "0:1 2:2");
    assert_string_equal(counts(db, s, "\"aid agencies\"", 0), "0:2 3:1");
    assert_string_equal(counts(db, s, "\"White House\"", 0), "1:1 2:1");
    sqlite3_close(db);
    store_free(s);
}

/* Random queries from a small vocabulary: whatever parses gives the same
 * articles both ways; nothing crashes on what does not. */
static void test_random_queries(void **state)
{
    (void)state;
    static const char *const vocab[] = {
        "kerry", "lavrov", "iraq", "white", "\"white house\"", "-kerry",
        "OR", "(", ")", "title:kerry", "entity:\"Tony Blair\"", "Erdoğan",
        "strasse", "STRASSE", "Kerry's", "after:2016-08", "source:wire",
        "NOT", "\"", "before:2016-08-26", "path:set/1", "Kerry", "-", "AND",
        "entity:kerry", "traders", "東京",
    };
    store *s = small_set();
    sqlite3 *db = test_index(s);
    uint32_t seed = 42;
    size_t parsed = 0;
    for (int t = 0; t < 400; t++) {
        char text[256] = "";
        size_t words = 1 + tu_rnd(&seed, 5);
        for (size_t w = 0; w < words; w++) {
            const char *v = vocab[tu_rnd(&seed, sizeof vocab / sizeof *vocab)];
            snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s",
                     w ? " " : "", v);
        }
        char want[128];
        snprintf(want, sizeof want, "%s", mem(s, text));
        if (!strcmp(want, "ERR"))
            continue;
        parsed++;
        const char *got = idx(db, s, text);
        if (strcmp(want, got))
            fail_msg("%s: index gives '%s', memory '%s'", text, got, want);
    }
    assert_true(parsed > 100);
    sqlite3_close(db);
    store_free(s);
}

/* Any bytes at all: a tree or a message, never a crash (ASan in make
 * check), and a message is one printable line. */
static void test_parse_any_bytes(void **state)
{
    (void)state;
    static const char alphabet[] = "ab \"()-:ORNTtitle\x01\x1b\xc3\xa9\xff\n";
    uint32_t seed = 7;
    for (int t = 0; t < 3000; t++) {
        char text[40];
        size_t n = tu_rnd(&seed, sizeof text - 1);
        for (size_t i = 0; i < n; i++)
            text[i] = alphabet[tu_rnd(&seed, sizeof alphabet - 1)];
        text[n] = '\0';
        char err[160] = "";
        query *q = query_parse(text, 0, err, sizeof err);
        if (q) {
            char shown[512];
            query_show(q, shown, sizeof shown);
            query_free(q);
        } else {
            assert_true(err[0] != '\0');
            for (const char *c = err; *c; c++)
                assert_true((unsigned char)*c >= 0x20);
        }
    }
}

/* The rows and counts of one phrase, "rowid:title/body ...", gathered by
 * FTS5's lede_collect or read straight from the doclists. */
static const char *collected(sqlite3 *db, const char *text, bool keep_case,
                             bool title_only, bool direct)
{
    static char buf[262144];
    static uint64_t bits[128];
    static uint32_t title[8192], body[8192];
    memset(bits, 0, sizeof bits);
    index_fts_collect c = {map_rowid, NULL, 8192, bits, title, body,
                           0,         0,    NULL};
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    if (direct) {
        assert_int_equal(index_doclist_collect(db, text, strlen(text),
                                               keep_case, title_only, &c),
                         SQLITE_OK);
    } else {
        char e[160];
        snprintf(e, sizeof e, "%s\"%s%s\"", title_only ? "title : " : "",
                 keep_case ? "\x02" : "", text);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT lede_collect(fts, "
                                            "?2) FROM fts WHERE fts MATCH "
                                            "?1 LIMIT 1", -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, e, -1, SQLITE_TRANSIENT);
        sqlite3_bind_pointer(st, 2, &c, INDEX_FTS_COLLECT, NULL);
        while (sqlite3_step(st) == SQLITE_ROW)
            ;
        sqlite3_finalize(st);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    snprintf(buf, sizeof buf, "%lld rows:", (long long)c.rows);
    for (size_t i = 0; i < 8192; i++)
        if (bits[i / 64] >> (i % 64) & 1)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
                     " %zu:%u/%u", i + 1, title[i], body[i]);
    return buf;
}

static void fts_row(sqlite3 *db, const char *op, int64_t rowid,
                    const char *title, const char *body)
{
    char sql[160];
    snprintf(sql, sizeof sql, "INSERT INTO fts(%srowid, title, body) "
             "VALUES (%s?1, ?2, ?3)", op ? "fts, " : "", op ? "'delete', " : "");
    sqlite3_stmt *st;
    char *t = NULL, *b = NULL;
    size_t tl = 0, bl = 0, tc = 0, bc = 0;
    index_fts_stream(title, strlen(title), &t, &tl, &tc);
    index_fts_stream(body, strlen(body), &b, &bl, &bc);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, rowid);
    sqlite3_bind_text(st, 2, t, (int)tl, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, (int)bl, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    free(t);
    free(b);
}

/* The doclist reader gives what FTS5 gives over several segments (each
 * write its own), with rows deleted, rewritten and added, doclists over
 * many pages, a column filter and case forms. */
static void test_doclist_segments(void **state)
{
    (void)state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(index_fts_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING "
                                  "fts5(title, body, tokenize='lede', "
                                  "content='', columnsize=0)",
                                  NULL, NULL, NULL), SQLITE_OK);
    /* one big segment: long doclists over many pages */
    char body[2048];
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (int r = 1; r <= 800; r++) {
        snprintf(body, sizeof body, "Aid agencies said %d. ", r);
        for (int k = 0; k < r % 7; k++)
            strcat(body, "aid agencies and aid, agencies in Aleppo. ");
        fts_row(db, NULL, r, r % 3 ? "Aid agencies" : "Talks", body);
    }
    /* and doclists long enough to be read in parts on threads */
    for (int r = 1000; r < 8000; r++) {
        snprintf(body, sizeof body, "Aid agencies said %d.", r);
        for (int k = 0; k < 60 + r % 5; k++)
            strcat(body, " aid agencies");
        fts_row(db, NULL, r, "Talks", body);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    /* then one segment a write */
    fts_row(db, "delete", 4, "Aid agencies",
            "Aid agencies said 4. aid agencies and aid, agencies in "
            "Aleppo. aid agencies and aid, agencies in Aleppo. aid agencies "
            "and aid, agencies in Aleppo. aid agencies and aid, agencies in "
            "Aleppo. ");
    fts_row(db, NULL, 4, "Quiet", "nothing of aid here, la la la");
    fts_row(db, "delete", 6, "Talks", "Aid agencies said 6. aid agencies and "
            "aid, agencies in Aleppo. aid agencies and aid, agencies in "
            "Aleppo. aid agencies and aid, agencies in Aleppo. aid agencies "
            "and aid, agencies in Aleppo. aid agencies and aid, agencies in "
            "Aleppo. aid agencies and aid, agencies in Aleppo. ");
    fts_row(db, NULL, 8100, "Aid agencies in Aleppo", "aid agencies la la");
    int segs = 0;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(DISTINCT segid) FROM fts_idx", -1,
                       &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        segs = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    assert_true(segs >= 3);
    int pages = 0; /* "aid" alone fills several leaves */
    sqlite3_prepare_v2(db, "SELECT count(*) FROM fts_data", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        pages = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    assert_true(pages > 20);
    static const struct {
        const char *text;
        bool keep_case, title_only;
    } q[] = {
        {"aid agencies", false, false}, {"Aid agencies", true, false},
        {"aid", false, false},          {"aleppo", false, true},
        {"aid agencies", false, true},  {"la la", false, false},
        {"agencies in aleppo", false, false}, {"aid  agencies", false, false},
        {"said 4", false, false},       {"nothing", false, false},
        {"absent", false, false},       {"Aleppo", true, false},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        static char want[262144];
        strcpy(want, collected(db, q[i].text, q[i].keep_case, q[i].title_only,
                               false));
        const char *got = collected(db, q[i].text, q[i].keep_case,
                                    q[i].title_only, true);
        if (strcmp(got, want))
            fail_msg("%s: direct '%s', FTS5 '%s'", q[i].text, got, want);
    }
    /* what a reader sees: row 4 rewritten, row 6 gone */
    assert_string_equal(collected(db, "la la", false, false, true),
                        "2 rows: 4:0/2 8100:0/1");
    assert_string_equal(collected(db, "said 6", false, false, true),
                        "0 rows:");
    sqlite3_close(db);
}

static void test_index_rank(void **state)
{
    (void)state;
    store *s = small_set();
    sqlite3 *db = test_index(s);
    char err[160];
    query *q = query_parse("kerry OR entity:\"Tony Blair\"", 0, err,
                           sizeof err);
    size_t n;
    search_hit *h = index_query_run(db, q, s, map_rowid, NULL, &n, err,
                                    sizeof err);
    assert_non_null(h);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].article, 0); /* Kerry in the headline */
    assert_int_equal(h[0].in_title, 1);
    assert_int_equal(h[0].count, 3 + 0);
    assert_int_equal(h[1].article, 1);
    assert_int_equal(h[1].count, 2); /* Kerry, Kerry's */
    assert_int_equal(h[2].article, 2);
    assert_int_equal(h[2].count, 2); /* Tony Blair, Mr Blair */
    free(h);
    query_free(q);
    /* a broken index: an error, not a crash */
    sqlite3_exec(db, "DROP TABLE fts", NULL, NULL, NULL);
    q = query_parse("kerry", 0, err, sizeof err);
    assert_null(index_query_run(db, q, s, map_rowid, NULL, &n, err,
                                sizeof err));
    assert_non_null(strstr(err, "no such table"));
    query_free(q);
    sqlite3_close(db);
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
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_fts_tokenizer_sql),
        cmocka_unit_test(test_index_same_as_mem),
        cmocka_unit_test(test_index_exact_edges),
        cmocka_unit_test(test_random_queries),
        cmocka_unit_test(test_parse_any_bytes),
        cmocka_unit_test(test_index_rank),
        cmocka_unit_test(test_doclist_segments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
