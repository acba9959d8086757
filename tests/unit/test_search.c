/* Unit tests for search.c: literal and regex matches at exact offsets,
 * smart case and folding, blocks, corpus ranking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "testutil.h"
#include "search.h"
#include "store.h"

/* An article built by hand: paragraphs separated by a blank line, the
 * first one the headline. */
typedef struct test_article {
    article a;
    article_block blocks[16];
} test_article;

static void make_article(test_article *t, const char *text)
{
    memset(t, 0, sizeof *t);
    t->a.text = (char *)text;
    t->a.len = strlen(text);
    t->a.blocks = t->blocks;
    t->a.title = 0;
    t->a.date = t->a.source = t->a.author = t->a.url = -1;
    size_t at = 0;
    while (at < t->a.len && t->a.nblocks < 16) {
        const char *gap = strstr(text + at, "\n\n");
        size_t end = gap ? (size_t)(gap - text) : t->a.len;
        article_block *b = &t->blocks[t->a.nblocks++];
        b->off = (uint32_t)at;
        b->len = (uint32_t)(end - at);
        b->kind = t->a.nblocks == 1 ? BLOCK_TITLE : BLOCK_BODY;
        at = gap ? end + 2 : t->a.len;
    }
}

static search_query *compile_ok(const char *pat, unsigned flags)
{
    char err[128];
    search_query *q = search_compile(pat, flags, err, sizeof err);
    if (!q)
        fail_msg("compile \"%s\": %s", pat, err);
    return q;
}

/* Matches of pat in s as "off+len off+len ...". */
static const char *find(const char *pat, unsigned flags, const char *s)
{
    search_query *q = compile_ok(pat, flags);
    search_match *m = NULL;
    size_t cap = 0, n = search_text(q, s, strlen(s), &m, &cap);
    const char *out = tu_matches(m, n);
    free(m);
    search_free(q);
    return out;
}

static void test_literal_offsets(void **state)
{
    (void)state;
    const char *s = "The cat sat on the mat. Cat! concat";
    assert_string_equal(find("cat", 0, s), "4+3 24+3 32+3");
    assert_string_equal(find("Cat", 0, s), "24+3");
    assert_string_equal(find("the", 0, s), "0+3 15+3");
    assert_string_equal(find("dog", 0, s), "");
    /* Non-overlapping, left to right. */
    assert_string_equal(find("aa", 0, "aaaaa"), "0+2 2+2");
}

static void test_smart_case_overrides(void **state)
{
    (void)state;
    const char *s = "Cat cat CAT";
    assert_string_equal(find("cat", 0, s), "0+3 4+3 8+3");
    assert_string_equal(find("CAT", 0, s), "8+3");
    assert_string_equal(find("CAT", SEARCH_IGNORE_CASE, s), "0+3 4+3 8+3");
    assert_string_equal(find("cat", SEARCH_MATCH_CASE, s), "4+3");
}

static void test_full_case_folding(void **state)
{
    (void)state;
    /* ß folds to ss: the pattern's ß finds the capitals and back. */
    assert_string_equal(find("straße", 0, "Die STRASSE hier"), "4+7");
    assert_string_equal(find("strasse", 0, "in der Straße"), "7+7");
    /* Greek: Σ and the final ς both fold to σ; Ί keeps its accent. */
    assert_string_equal(find("σοφία", 0, "Η ΣΟΦΊΑ μας"), "3+10");
    assert_string_equal(find("σοφια", 0, "η σοφία"), "3+10");
    assert_string_equal(find("λόγος", 0, "ΛΌΓΟΣ"), "0+10");
    /* Half a folded character is not a match: "s" is not in "ß". */
    assert_string_equal(find("s", 0, "ß"), "");
}

static void test_accent_folding(void **state)
{
    (void)state;
    const char *s = "From São Paulo to Sao Paulo";
    assert_string_equal(find("sao paulo", 0, s), "5+10 19+9");
    assert_string_equal(find("Sao Paulo", 0, s), "5+10 19+9");
    /* An accent in the pattern makes it accent-sensitive. */
    assert_string_equal(find("são", 0, s), "5+4");
    assert_string_equal(find("São", 0, "SÃO são"), "");
    assert_string_equal(find("são", 0, "SÃO são"), "0+4 5+4");
    assert_string_equal(find("cafe", 0, "Café crème, CAFE"), "0+5 14+4");
}

static void test_clusters_not_split(void **state)
{
    (void)state;
    /* x + combining acute has no precomposed form: the match of "x"
     * takes the whole cluster, not the bare letter. */
    assert_string_equal(find("x", 0, "ax\xcc\x81" "b"), "1+3");
    /* A woman in a ZWJ family is matched as the whole family cluster. */
    const char *fam = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9";
    assert_string_equal(find("\xf0\x9f\x91\xa9", 0, fam), "0+11");
}

static void test_soft_newlines_and_words(void **state)
{
    (void)state;
    assert_string_equal(find("new york", 0, "In New\nYork."), "3+8");
    const char *s = "Kerry, Kerryville and Kerry's";
    assert_string_equal(find("kerry", 0, s), "0+5 7+5 22+5");
    assert_string_equal(find("kerry", SEARCH_WORD, s), "0+5 22+5");
    assert_string_equal(find("kerry", SEARCH_WORD | SEARCH_REGEX, s),
                        "0+5 22+5");
}

static void test_regex(void **state)
{
    (void)state;
    const char *s = "grey cat, gray dog; grey mouse";
    assert_string_equal(find("gr(a|e)y (cat|dog)", SEARCH_REGEX, s),
                        "0+8 10+8");
    assert_string_equal(find("^gr[ae]y", SEARCH_REGEX, s), "0+4");
    assert_string_equal(find("mouse$", SEARCH_REGEX, s), "25+5");
    assert_string_equal(find("\\bd\\w+", SEARCH_REGEX, s), "15+3");
    /* \S and \W are escapes, not uppercase: still case-insensitive. */
    assert_string_equal(find("c\\S+", SEARCH_REGEX, "Cat cow"), "0+3 4+3");
    assert_string_equal(find("C\\w+", SEARCH_REGEX, "Cat cow"), "0+3");
    /* \Q...\E quotes: its letters count and fold; "." is a dot. */
    assert_string_equal(find("\\QStraße.\\E", SEARCH_REGEX,
                             "STRASSE. Straße. Straßex"), "9+8");
    assert_string_equal(find("\\Qstraße.\\E+", SEARCH_REGEX,
                             "STRASSE.. Straßex"), "0+9");
    assert_string_equal(find("a\\Q(ß)\\E?", SEARCH_REGEX, "A(SS) a(ß"),
                        "0+5 6+4");
    /* A lookbehind is not a group name: its letters count. */
    assert_string_equal(find("(?<=A)b", SEARCH_REGEX, "Ab ab"), "1+1");
    assert_string_equal(find("(?<=a)b", SEARCH_REGEX, "Ab ab"), "1+1 4+1");
    assert_string_equal(find("(?<Word>cat)", SEARCH_REGEX, "Cat"), "0+3");
    /* Same folding as literals. */
    assert_string_equal(find("stra(ß|ss)e", SEARCH_REGEX, "STRASSE"), "0+7");
    assert_string_equal(find("straße+", SEARCH_REGEX, "STRASSE"), "0+7");
    assert_string_equal(find("s.o paulo", SEARCH_REGEX, "São Paulo"),
                        "0+10");
    assert_string_equal(find("σοφ\\w+", SEARCH_REGEX, "ΣΟΦΊΑ"), "0+10");
}

static void test_regex_errors(void **state)
{
    (void)state;
    char err[128];
    assert_null(search_compile("(abc", SEARCH_REGEX, err, sizeof err));
    assert_string_equal(err, "missing closing parenthesis at 4");
    assert_null(search_compile("a[b", SEARCH_REGEX, err, sizeof err));
    assert_string_equal(err,
                        "missing terminating ] for character class at 3");
    /* Positions count characters of the pattern as typed, even where
     * folding rewrote it ("ß" is searched as "ss"). */
    assert_null(search_compile("straße(", SEARCH_REGEX, err, sizeof err));
    assert_string_equal(err, "missing closing parenthesis at 7");
    assert_null(search_compile("ΣΟΦ)", SEARCH_REGEX, err, sizeof err));
    assert_string_equal(err, "unmatched closing parenthesis at 3");
    assert_null(search_compile("", 0, err, sizeof err));
    assert_string_equal(err, "empty pattern");
    /* A literal "(" is fine without SEARCH_REGEX. */
    assert_string_equal(find("(abc", 0, "x(abc)"), "1+4");
}

static void test_empty_matches_advance(void **state)
{
    (void)state;
    assert_string_equal(find("a*", SEARCH_REGEX, "baaac"),
                        "0+0 1+3 4+0 5+0");
    assert_string_equal(find("^", SEARCH_REGEX, "abc"), "0+0");
    assert_string_equal(find("x*|b", SEARCH_REGEX, "ab"), "0+0 1+0 1+1 2+0");
    /* Empty matches step by characters, not bytes. */
    assert_string_equal(find("x*", SEARCH_REGEX, "é"), "0+0 2+0");

    test_article t;
    make_article(&t, "Head\n\nOne\n\nTwo");
    search_query *q = compile_ok("^", SEARCH_REGEX);
    search_match *m = NULL;
    size_t cap = 0;
    assert_int_equal(search_article(q, &t.a, &m, &cap), 3);
    assert_int_equal(m[0].off, 0);
    assert_int_equal(m[1].off, 6);
    assert_int_equal(m[2].off, 11);
    free(m);
    search_free(q);
}

static void test_match_limit(void **state)
{
    (void)state;
    search_query *q = compile_ok("(a+)+$", SEARCH_REGEX);
    char s[64];
    memset(s, 'a', 40);
    strcpy(s + 40, "!");
    search_match *m = NULL;
    size_t cap = 0;
    assert_int_equal(search_text(q, s, strlen(s), &m, &cap), 0);
    assert_non_null(search_error(q));
    assert_non_null(strstr(search_error(q), "limit"));
    /* The next search on harmless text clears the error. */
    assert_int_equal(search_text(q, "aa", 2, &m, &cap), 1);
    assert_null(search_error(q));
    free(m);
    search_free(q);
}

static void test_article_blocks(void **state)
{
    (void)state;
    test_article t;
    /* "cat" in the headline, in two body paragraphs; "end start" exists
     * only across a paragraph break, so must not match. */
    make_article(&t, "Cat news\n\nA cat, the end\n\nstart of a cat");
    search_query *q = compile_ok("cat", 0);
    search_match *m = NULL;
    size_t cap = 0;
    assert_int_equal(search_article(q, &t.a, &m, &cap), 3);
    assert_int_equal(m[0].off, 0);
    assert_int_equal(m[1].off, 12);
    assert_int_equal(m[2].off, 37);
    search_free(q);
    q = compile_ok("end start", 0);
    assert_int_equal(search_article(q, &t.a, &m, &cap), 0);
    search_free(q);
    q = compile_ok("end\\s+start", SEARCH_REGEX);
    assert_int_equal(search_article(q, &t.a, &m, &cap), 0);
    search_free(q);
    free(m);
}

static void test_search_speed_sanity(void **state)
{
    (void)state;
    /* A large block: every match is found, at the right offsets. */
    size_t n = 20000, len = n * 10;
    char *s = malloc(len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * 10, i % 100 == 7 ? "Señor    " : "lorem ipsu", 10);
    s[len] = '\0';
    search_query *q = compile_ok("senor", 0);
    search_match *m = NULL;
    size_t cap = 0;
    assert_int_equal(search_text(q, s, len, &m, &cap), 200);
    assert_int_equal(m[0].off, 70);
    assert_int_equal(m[199].off, 199070);
    search_free(q);
    free(m);
    free(s);
}

static void test_corpus_ranking(void **state)
{
    (void)state;
    store *s = store_new(NULL, NULL);
    /* 0: no match; 1: four body matches; 2: one headline match;
     * 3: same as 1 (tie, keeps article order after 1). */
    const char *docs[] = {
        "Weather today\n\nSunny and warm.\n",
        "Markets\n\nKerry spoke. Kerry left. Kerry came back. Kerry.\n",
        "Kerry visits Moscow\n\nTalks went on.\n",
        "Markets\n\nKerry spoke. Kerry left. Kerry came back. Kerry.\n",
    };
    for (size_t i = 0; i < 4; i++)
        store_add_bytes(s, "doc", docs[i], strlen(docs[i]));
    search_query *q = compile_ok("kerry", 0);
    size_t n;
    search_hit *h = search_corpus(q, s, &n);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].article, 2);
    assert_int_equal(h[0].count, 1);
    assert_int_equal(h[0].in_title, 1);
    assert_int_equal(h[1].article, 1);
    assert_int_equal(h[1].count, 4);
    assert_int_equal(h[1].in_title, 0);
    assert_int_equal(h[2].article, 3);
    assert_true(h[0].score > h[1].score);
    assert_true(h[1].score == h[2].score);
    free(h);
    search_free(q);
    q = compile_ok("nothing like this", 0);
    h = search_corpus(q, s, &n);
    assert_int_equal(n, 0);
    free(h);
    search_free(q);
    store_free(s);
}

static uint32_t rnd_state = 777;
static uint32_t rnd(uint32_t n) { return tu_rnd(&rnd_state, n); }

static void test_literal_against_brute_force(void **state)
{
    (void)state;
    /* ASCII: smart case reduces to strncasecmp, leftmost, no overlap. */
    for (int round = 0; round < 500; round++) {
        char pat[6], text[64];
        size_t pl = 1 + rnd(4), tl = rnd(63);
        for (size_t i = 0; i < pl; i++)
            pat[i] = "ab "[rnd(3)];
        pat[pl] = '\0';
        if (pat[0] == ' ')
            pat[0] = 'a';
        for (size_t i = 0; i < tl; i++)
            text[i] = "abAB "[rnd(5)];
        text[tl] = '\0';
        char want[512] = "";
        for (size_t i = 0; i + pl <= tl;) {
            if (strncasecmp(text + i, pat, pl) == 0) {
                size_t l = strlen(want);
                snprintf(want + l, sizeof want - l, "%s%zu+%zu",
                         l ? " " : "", i, pl);
                i += pl;
            } else {
                i++;
            }
        }
        assert_string_equal(find(pat, 0, text), want);
    }
}

static void test_regex_agrees_with_literal(void **state)
{
    (void)state;
    /* A pattern without metacharacters means the same as a regex: the
     * folding (ß = ss, accents, final sigma) must not differ. */
    const char *tok[] = {"a", "s", "S", "ß", "é", "e", "É", " ", "σ", "ς",
                         "Σ", "x\xcc\x81", "ﬁ", "fi"};
    const size_t ntok = sizeof tok / sizeof *tok;
    for (int round = 0; round < 400; round++) {
        char pat[64] = "", text[256] = "", lit[512];
        size_t np = 1 + rnd(3), nt = rnd(20);
        for (size_t i = 0; i < np; i++)
            strcat(pat, tok[rnd(ntok)]);
        if (pat[0] == ' ')
            pat[0] = 'a';
        for (size_t i = 0; i < nt; i++)
            strcat(text, tok[rnd(ntok)]);
        for (unsigned f = 0; f < 3; f++) {
            unsigned flags = f == 1 ? SEARCH_IGNORE_CASE
                             : f == 2 ? SEARCH_MATCH_CASE : 0;
            snprintf(lit, sizeof lit, "%s", find(pat, flags, text));
            assert_string_equal(find(pat, flags | SEARCH_REGEX, text), lit);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_offsets),
        cmocka_unit_test(test_smart_case_overrides),
        cmocka_unit_test(test_full_case_folding),
        cmocka_unit_test(test_accent_folding),
        cmocka_unit_test(test_clusters_not_split),
        cmocka_unit_test(test_soft_newlines_and_words),
        cmocka_unit_test(test_regex),
        cmocka_unit_test(test_regex_errors),
        cmocka_unit_test(test_empty_matches_advance),
        cmocka_unit_test(test_match_limit),
        cmocka_unit_test(test_article_blocks),
        cmocka_unit_test(test_search_speed_sanity),
        cmocka_unit_test(test_corpus_ranking),
        cmocka_unit_test(test_literal_against_brute_force),
        cmocka_unit_test(test_regex_agrees_with_literal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
