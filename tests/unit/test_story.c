/* Unit tests for story.c: duplicates, paragraphs already read elsewhere
 * (exact copy, one word changed, a sentence dropped, reordered
 * paragraphs), the "new" share, co-occurrence against a hand count, the
 * set's names and timeline buckets against known dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "store.h"
#include "testutil.h"

/* ---- fixtures built for it ---- */

#define P1 "The ceasefire talks in Geneva resumed on Monday after a week " \
           "of delays, with both delegations arriving late in the morning."
#define P2 "Diplomats said the main sticking point remained the delivery " \
           "of aid to besieged towns in the north of the country."
#define P3 "A spokesman for the negotiators declined to say when a final " \
           "agreement might be signed. Officials expect more meetings soon."
#define P4 "Separately, the central bank announced a new interest rate " \
           "decision that surprised markets across the whole region today."

/* P1 with one word changed (Monday -> Tuesday). */
#define P1_WORD "The ceasefire talks in Geneva resumed on Tuesday after a " \
           "week of delays, with both delegations arriving late in the morning."
/* P3 without its last sentence. */
#define P3_CUT "A spokesman for the negotiators declined to say when a final " \
           "agreement might be signed."

static store *st;

static size_t add(const char *name, const char *title, const char *body)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "Title: %s\nSource: Wire %s\n\n%s\n", title, name,
             body);
    return store_add_bytes(st, name, buf, strlen(buf));
}

static int setup(void **state)
{
    (void)state;
    st = store_new(NULL, NULL);
    add("orig.txt", "Talks resume in Geneva", P1 "\n\n" P2 "\n\n" P3);
    add("copy.txt", "Geneva talks resume", P1 "\n\n" P2 "\n\n" P3);
    add("word.txt", "Talks resume (updated)", P1_WORD "\n\n" P2 "\n\n" P3);
    add("cut.txt", "Talks resume, short", P1 "\n\n" P3_CUT);
    add("reord.txt", "Talks resume, reordered", P3 "\n\n" P1 "\n\n" P2);
    add("plus.txt", "Talks and rates", P1 "\n\n" P2 "\n\n" P3 "\n\n" P4);
    add("other.txt", "Rates", P4);
    /* the same text with other spacing, case and punctuation */
    add("spaced.txt", "Copy, re-typed",
        "the CEASEFIRE talks in   Geneva resumed on monday after a week of "
        "delays -- with both delegations arriving late in the morning!\n\n"
        P2 "\n\n" P3);
    /* non-ASCII punctuation takes the Unicode path: same words */
    add("dash.txt", "Copy with a dash",
        P1 " \xe2\x80\x94\n\n" P2 "\n\n\xc2\xab" P3 "\xc2\xbb");
    store_index(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_free(st);
    return 0;
}

static uint32_t idx(const char *name)
{
    const article *a = tu_by_name(st, name);
    for (size_t i = 0; i < store_count(st); i++)
        if (store_get(st, i) == a)
            return (uint32_t)i;
    fail_msg("%s not found", name);
    return 0;
}

static const story_print *pr(const char *name)
{
    return store_print(st, idx(name));
}

/* ---- fingerprints and duplicates ---- */

static void test_prints(void **state)
{
    (void)state;
    const story_print *p = pr("orig.txt");
    assert_int_equal(p->npara, 3);
    /* P1 has 21 words: 19 shingles of 3 */
    assert_int_equal(p->para[0].words, 21);
    assert_int_equal(p->para[0].n, 19);
    assert_int_equal(pr("other.txt")->npara, 1);
    assert_true(p->body != 0);
}

static void test_duplicates(void **state)
{
    (void)state;
    /* the copy and the re-spaced copy share orig's body hash; one word
     * changed, a cut, a reorder or an addition do not */
    assert_true(pr("copy.txt")->body == pr("orig.txt")->body);
    assert_true(pr("spaced.txt")->body == pr("orig.txt")->body);
    assert_true(pr("dash.txt")->body == pr("orig.txt")->body);
    assert_true(pr("word.txt")->body != pr("orig.txt")->body);
    assert_true(pr("reord.txt")->body != pr("orig.txt")->body);
    assert_true(pr("plus.txt")->body != pr("orig.txt")->body);
    size_t n = store_count(st);
    uint64_t body[16];
    uint32_t rep[16], next[16];
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        body[i] = store_print(st, i)->body;
    story_dup_groups(body, n, rep, next);
    uint32_t o = idx("orig.txt"), c = idx("copy.txt"), s = idx("spaced.txt");
    assert_int_equal(rep[c], o);
    assert_int_equal(rep[s], o);
    assert_int_equal(rep[o], o);
    assert_int_equal(rep[idx("word.txt")], idx("word.txt"));
    /* the ring: orig -> copy -> spaced -> dash -> orig */
    uint32_t d = idx("dash.txt");
    assert_int_equal(next[o], c);
    assert_int_equal(next[c], s);
    assert_int_equal(next[s], d);
    assert_int_equal(next[d], o);
    assert_int_equal(next[idx("other.txt")], idx("other.txt"));
}

/* The packed form (what the index keeps) gives back the same print, and
 * the same "read in" answers. */
static void test_pack_roundtrip(void **state)
{
    (void)state;
    for (size_t i = 0; i < store_count(st); i++) {
        const story_print *p = store_print(st, i);
        size_t len;
        unsigned char *b = story_print_pack(p, &len);
        story_print q = {0};
        assert_int_equal(story_print_unpack(&q, b, len), 0);
        assert_true(q.body == p->body);
        assert_int_equal(q.npara, p->npara);
        assert_int_equal(q.nsh, p->nsh);
        assert_int_equal(q.words, p->words);
        assert_memory_equal(q.para, p->para, p->npara * sizeof *p->para);
        assert_memory_equal(q.sh, p->sh, p->nsh * sizeof *p->sh);
        /* 12 bytes, then 8 a paragraph and 4 a shingle */
        assert_int_equal(len, 12 + 8 * p->npara + 4 * p->nsh);
        story_print_fini(&q);
        free(b);
    }
    /* the bytes are little-endian whatever the machine */
    story_print one = {0};
    static const unsigned char le[24] = {
        1, 0, 0, 0, 0, 0, 0, 0,   /* body 1 */
        1, 0, 0, 0,               /* one paragraph */
        2, 0, 0, 0, 1, 0, 0, 0,   /* block 2, one word: one shingle */
        5, 4, 3, 2};              /* the shingle */
    assert_int_equal(story_print_unpack(&one, le, sizeof le), 0);
    assert_true(one.body == 1);
    assert_int_equal(one.para[0].block, 2);
    assert_int_equal(one.sh[0], 0x02030405);
    story_print_fini(&one);
}

/* A damaged or foreign blob is refused, never read past its end. */
static void test_pack_damaged(void **state)
{
    (void)state;
    const story_print *p = pr("orig.txt");
    size_t len;
    unsigned char *b = story_print_pack(p, &len);
    story_print q = {0};
    for (size_t cut = 0; cut < len; cut++) /* every truncation */
        assert_int_equal(story_print_unpack(&q, b, cut), -1);
    assert_int_equal(q.npara, 0);
    assert_int_equal(story_print_unpack(&q, NULL, 0), -1);
    unsigned char *c = malloc(len + 4);
    memcpy(c, b, len);
    memset(c + len, 1, 4);
    assert_int_equal(story_print_unpack(&q, c, len + 4), -1); /* too long */
    memcpy(c, b, len);
    c[8] = 0xff; /* a paragraph count far too large */
    assert_int_equal(story_print_unpack(&q, c, len), -1);
    memcpy(c, b, len);
    memset(c + 12 + 8 + 4, 0, 4); /* the second paragraph with no words */
    assert_int_equal(story_print_unpack(&q, c, len), -1);
    memcpy(c, b, len);
    memset(c + len - 4, 0, 4); /* a zero shingle */
    assert_int_equal(story_print_unpack(&q, c, len), -1);
    memcpy(c, b, len);
    memset(c, 0, 8); /* paragraphs without a body hash */
    assert_int_equal(story_print_unpack(&q, c, len), -1);
    memcpy(c, b, len);
    memcpy(c + 12 + 8, c + 12, 4); /* two paragraphs in one block */
    assert_int_equal(story_print_unpack(&q, c, len), -1);
    assert_int_equal(story_print_unpack(&q, b, len), 0); /* the original */
    story_print_fini(&q);
    free(c);
    free(b);
}

/* Groups grown a few articles at a time (as the list grows while a set
 * loads) are the groups made at once. */
static void test_dups_incremental(void **state)
{
    (void)state;
    enum { N = 2000 };
    uint64_t *body = malloc(N * sizeof *body);
    uint32_t *rep = malloc(N * sizeof *rep), *next = malloc(N * sizeof *next);
    uint32_t *rep2 = malloc(N * sizeof *rep), *nx2 = malloc(N * sizeof *nx2);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        body[i] = x % 5 == 0 ? 0 : 1 + x % 700; /* many groups, some bodiless */
    }
    story_dup_groups(body, N, rep, next);
    story_dups *d = story_dups_new();
    size_t from = 0, step = 1;
    while (from < N) {
        size_t to = from + step < N ? from + step : N;
        story_dups_add(d, body + from, from, to, rep2, nx2);
        /* every step: the groups so far are those of [0, to) */
        for (size_t i = 0; i < to; i += 97)
            assert_int_equal(rep2[i], rep2[rep2[i]]);
        from = to;
        step = step * 2 + 1;
    }
    story_dups_free(d);
    assert_memory_equal(rep, rep2, N * sizeof *rep);
    assert_memory_equal(next, nx2, N * sizeof *next);
    free(body);
    free(rep);
    free(next);
    free(rep2);
    free(nx2);
}

/* ---- read-in lookup ---- */

/* hits of `name` after reading orig.txt, and the new share */
static int match_after_orig(const char *name, story_hit *h)
{
    story_seen *m = story_seen_new();
    story_seen_add(m, idx("orig.txt"), pr("orig.txt"));
    int share = story_seen_match(m, idx(name), pr(name), h);
    story_seen_free(m);
    return share;
}

static void test_exact_copy(void **state)
{
    (void)state;
    story_hit h[8];
    assert_int_equal(match_after_orig("copy.txt", h), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(h[i].src_art, (int32_t)idx("orig.txt"));
        assert_int_equal(h[i].src_para, i);
        assert_int_equal(h[i].pct, 100);
    }
    assert_int_equal(match_after_orig("spaced.txt", h), 0);
}

static void test_one_word_changed(void **state)
{
    (void)state;
    story_hit h[8];
    assert_int_equal(match_after_orig("word.txt", h), 0);
    assert_int_equal(h[0].src_art, (int32_t)idx("orig.txt"));
    assert_int_equal(h[0].src_para, 0);
    /* 3 of 19 shingles touch the changed word */
    assert_int_equal(h[0].pct, 16 * 100 / 19);
}

static void test_sentence_dropped(void **state)
{
    (void)state;
    story_hit h[8];
    assert_int_equal(match_after_orig("cut.txt", h), 0);
    assert_int_equal(h[1].src_art, (int32_t)idx("orig.txt"));
    assert_int_equal(h[1].src_para, 2); /* orig's third paragraph */
    assert_int_equal(h[1].pct, 100);
}

static void test_reordered(void **state)
{
    (void)state;
    story_hit h[8];
    assert_int_equal(match_after_orig("reord.txt", h), 0);
    assert_int_equal(h[0].src_para, 2);
    assert_int_equal(h[1].src_para, 0);
    assert_int_equal(h[2].src_para, 1);
}

static void test_new_share(void **state)
{
    (void)state;
    story_hit h[8];
    /* P4 is 18 of plus.txt's 21+20+20+18 = 79 words: 23% new */
    const story_print *p = pr("plus.txt");
    assert_int_equal(p->para[3].words, 18);
    assert_int_equal(p->words, 79);
    assert_int_equal(match_after_orig("plus.txt", h), 23);
    assert_int_equal(h[3].src_art, -1);
    assert_int_equal(match_after_orig("other.txt", h), 100);
    /* nothing read: everything is new */
    story_seen *m = story_seen_new();
    assert_int_equal(story_seen_match(m, idx("copy.txt"), pr("copy.txt"), h),
                     100);
    assert_int_equal(h[0].src_art, -1);
    story_seen_free(m);
}

static void test_reading_order(void **state)
{
    (void)state;
    story_hit h[8];
    story_seen *m = story_seen_new();
    uint32_t o = idx("orig.txt"), c = idx("copy.txt");
    story_seen_add(m, o, pr("orig.txt"));
    story_seen_add(m, c, pr("copy.txt"));
    story_seen_add(m, c, pr("copy.txt")); /* twice: no-op */
    assert_int_equal(story_seen_count(m), 2);
    assert_true(story_seen_has(m, o) && story_seen_has(m, c));
    assert_false(story_seen_has(m, idx("word.txt")));
    /* orig was read first: nothing of it was read before */
    assert_int_equal(story_seen_match(m, o, pr("orig.txt"), h), 100);
    /* the copy, read second, was read in orig (never in itself) */
    assert_int_equal(story_seen_match(m, c, pr("copy.txt"), h), 0);
    assert_int_equal(h[0].src_art, (int32_t)o);
    /* an unread article matches against both, the first read wins */
    assert_int_equal(story_seen_match(m, idx("word.txt"), pr("word.txt"), h),
                     0);
    assert_int_equal(h[1].src_art, (int32_t)o);
    story_seen_free(m);
}

static void test_short_paragraphs(void **state)
{
    (void)state;
    store *s = store_new(NULL, NULL);
    const char *t = "Title\n\nReuters reports.\n\n" P4 "\n";
    store_add_bytes(s, "a", t, strlen(t));
    store_add_bytes(s, "b", t, strlen(t));
    store_index(s);
    story_hit h[4];
    story_seen *m = story_seen_new();
    story_seen_add(m, 0, store_print(s, 0));
    /* "Reuters reports" (2 words) never counts as read; P4 does */
    int share = story_seen_match(m, 1, store_print(s, 1), h);
    assert_int_equal(h[0].src_art, -1);
    assert_int_equal(h[1].src_art, 0);
    assert_int_equal(share, 10); /* 2 of 20 words */
    story_seen_free(m);
    store_free(s);
}

static void test_many_articles(void **state)
{
    (void)state;
    /* the map grows past its first size and keeps finding things */
    store *s = store_new(NULL, NULL);
    char buf[512];
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "T%d\n\n", i);
        for (int w = 0; w < 12; w++) /* words of this article alone */
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "w%dx%d ",
                     i, w);
        store_add_bytes(s, "x", buf, strlen(buf));
    }
    store_add_bytes(s, "y", buf, strlen(buf)); /* a copy of the last */
    store_index(s);
    story_seen *m = story_seen_new();
    for (uint32_t i = 0; i < 300; i++)
        story_seen_add(m, i, store_print(s, i));
    story_hit h[2];
    assert_int_equal(story_seen_match(m, 300, store_print(s, 300), h), 0);
    assert_int_equal(h[0].src_art, 299);
    story_seen_free(m);
    store_free(s);
}

/* ---- co-occurrence: a hand-counted set ----
 *   a0: Kerry, Lavrov, de Mistura
 *   a1: Kerry, Lavrov (Lavrov twice)
 *   a2: Lavrov, de Mistura
 *   a3: Kerry
 * With Lavrov: Kerry 2 articles, de Mistura 2. With Kerry: Lavrov 2,
 * de Mistura 1. Kerry and Lavrov together: a0 (1+1), a1 (1+2). */
static store *cs;

static int setup_cooc(void **state)
{
    (void)state;
    static const char *const txt[] = {
        "One\n\nJohn Kerry met Sergei Lavrov and Staffan de Mistura on "
        "Friday.\n",
        "Two\n\nJohn Kerry spoke to Sergei Lavrov by phone. Sergei Lavrov "
        "said little.\n",
        "Three\n\nSergei Lavrov and Staffan de Mistura held talks.\n",
        "Four\n\nJohn Kerry flew home on Saturday.\n",
    };
    cs = store_new(NULL, NULL);
    for (size_t i = 0; i < 4; i++)
        store_add_bytes(cs, "c", txt[i], strlen(txt[i]));
    store_index(cs);
    return 0;
}

static int teardown_cooc(void **state)
{
    (void)state;
    store_free(cs);
    return 0;
}

static uint32_t ent(const char *name)
{
    long id = entity_lookup(store_entities(cs), name, strlen(name));
    if (id < 0)
        fail_msg("%s not found", name);
    return (uint32_t)id;
}

static void expect_tally(const entity_tally *t, size_t n, const char *want)
{
    char got[512] = "";
    const entity_table *et = store_entities(cs);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(got);
        snprintf(got + l, sizeof got - l, "%s%s %u", i ? ", " : "",
                 entity_name(et, t[i].id), t[i].count);
    }
    if (strcmp(got, want))
        fail_msg("got [%s], want [%s]", got, want);
}

static void test_cooc(void **state)
{
    (void)state;
    const entity_table *et = store_entities(cs);
    uint32_t k = ent("John Kerry"), l = ent("Sergei Lavrov"),
             m = ent("Staffan de Mistura");
    size_t n;
    entity_tally *t = story_cooc(et, l, NULL, &n);
    /* ties by id: sort the expected pair the same way */
    if (k < m)
        expect_tally(t, n, "John Kerry 2, Staffan de Mistura 2");
    else
        expect_tally(t, n, "Staffan de Mistura 2, John Kerry 2");
    free(t);
    t = story_cooc(et, k, NULL, &n);
    expect_tally(t, n, "Sergei Lavrov 2, Staffan de Mistura 1");
    free(t);
    /* only a2 and a3 in the current filter */
    bool in[4] = {false, false, true, true};
    t = story_cooc(et, l, in, &n);
    expect_tally(t, n, "Staffan de Mistura 1");
    free(t);
    t = story_cooc(et, k, in, &n);
    assert_int_equal(n, 0);
    assert_null(t);
    t = story_both(et, k, l, &n);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].id, 0);
    assert_int_equal(t[0].count, 2);
    assert_int_equal(t[1].id, 1);
    assert_int_equal(t[1].count, 3);
    free(t);
    t = story_both(et, k, m, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].id, 0);
    free(t);
}

static void test_names(void **state)
{
    (void)state;
    const entity_table *et = store_entities(cs);
    int64_t dates[4] = {20160903000000, 20160901000000, -1, 20160905000000};
    size_t n;
    story_name *v = story_names(et, NULL, 0, 4, dates, STORY_SORT_COUNT, &n);
    assert_true(n >= 3);
    /* Lavrov: 4 mentions in 3 articles, first on 2016-09-01 (a1) */
    assert_string_equal(entity_name(et, v[0].id), "Sergei Lavrov");
    assert_int_equal(v[0].mentions, 4);
    assert_int_equal(v[0].articles, 3);
    assert_int_equal(v[0].first, 20160901000000);
    assert_int_equal(v[0].first_art, 1);
    assert_string_equal(entity_name(et, v[1].id), "John Kerry");
    assert_int_equal(v[1].mentions, 3);
    assert_int_equal(v[1].articles, 3);
    story_names_sort(v, n, et, STORY_SORT_FIRST);
    /* de Mistura first appears on 2016-09-03 (a0), after both others */
    for (size_t i = 0; i < n; i++)
        if (v[i].id == ent("Staffan de Mistura")) {
            assert_int_equal(v[i].first, 20160903000000);
            assert_int_equal(v[i].articles, 2);
            assert_true(i >= 2);
        }
    story_names_sort(v, n, et, STORY_SORT_NAME);
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(entity_name(et, v[i - 1].id),
                           entity_name(et, v[i].id)) <= 0);
    free(v);
    /* a subset: a2 and a3 only */
    uint32_t sub[2] = {2, 3};
    v = story_names(et, sub, 2, 4, dates, STORY_SORT_COUNT, &n);
    for (size_t i = 0; i < n; i++)
        if (v[i].id == ent("Sergei Lavrov")) {
            assert_int_equal(v[i].mentions, 1);
            assert_int_equal(v[i].first, -1);
        }
    free(v);
}

/* ---- timeline ---- */

static void test_timeline_days(void **state)
{
    (void)state;
    int64_t k[] = {20160826120000, 20160826080000, 20160828000000, -1,
                   20160901000000, -1};
    story_timeline tl;
    story_timeline_build(&tl, k, NULL, 6);
    assert_int_equal(tl.unit, STORY_DAY);
    assert_int_equal(tl.nbuckets, 7); /* Aug 26 .. Sep 1 */
    assert_int_equal(tl.undated, 2);
    assert_int_equal(tl.total, 4);
    assert_int_equal(tl.max, 2);
    assert_int_equal(tl.count[0], 2);
    assert_int_equal(tl.count[1], 0);
    assert_int_equal(tl.count[2], 1);
    assert_int_equal(tl.count[6], 1);
    char lab[16];
    story_timeline_label(&tl, 6, lab, sizeof lab);
    assert_string_equal(lab, "2016-09-01");
    assert_int_equal(story_timeline_bucket(&tl, 20160828235959), 2);
    assert_int_equal(story_timeline_bucket(&tl, -1), -1);
    story_timeline_fini(&tl);
    /* weights: mentions instead of articles */
    uint32_t w[] = {3, 1, 2, 5, 1, 0};
    story_timeline_build(&tl, k, w, 6);
    assert_int_equal(tl.count[0], 4);
    assert_int_equal(tl.undated, 5);
    story_timeline_fini(&tl);
}

static void test_timeline_weeks_months(void **state)
{
    (void)state;
    /* 2016-08-26 is a Friday: its week starts on Monday 2016-08-22 */
    int64_t k[] = {20160826000000, 20160828000000, 20160829000000,
                   20161201000000};
    story_timeline tl;
    story_timeline_build(&tl, k, NULL, 4);
    assert_int_equal(tl.unit, STORY_WEEK);
    char lab[16];
    story_timeline_label(&tl, 0, lab, sizeof lab);
    assert_string_equal(lab, "2016-08-22");
    assert_int_equal(tl.count[0], 2); /* Fri 26 and Sun 28 */
    assert_int_equal(tl.count[1], 1); /* Mon 29 */
    story_timeline_label(&tl, tl.nbuckets - 1, lab, sizeof lab);
    assert_string_equal(lab, "2016-11-28");
    story_timeline_fini(&tl);
    int64_t y[] = {20141231000000, 20150115000000, 20170301000000};
    story_timeline_build(&tl, y, NULL, 3);
    assert_int_equal(tl.unit, STORY_MONTH);
    assert_int_equal(tl.nbuckets, 12 * 2 + 3 + 1); /* 2014-12 .. 2017-03 */
    story_timeline_label(&tl, 0, lab, sizeof lab);
    assert_string_equal(lab, "2014-12");
    story_timeline_label(&tl, 1, lab, sizeof lab);
    assert_string_equal(lab, "2015-01");
    story_timeline_label(&tl, tl.nbuckets - 1, lab, sizeof lab);
    assert_string_equal(lab, "2017-03");
    assert_int_equal(tl.count[1], 1);
    story_timeline_fini(&tl);
    /* nothing dated */
    int64_t none[] = {-1, -1};
    story_timeline_build(&tl, none, NULL, 2);
    assert_int_equal(tl.nbuckets, 0);
    assert_int_equal(tl.undated, 2);
    story_timeline_fini(&tl);
    assert_int_equal(story_days(19700101000000), 0);
    assert_int_equal(story_days(20000301000000), 11017);
}

int main(void)
{
    const struct CMUnitTest prints[] = {
        cmocka_unit_test(test_prints),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_pack_roundtrip),
        cmocka_unit_test(test_pack_damaged),
        cmocka_unit_test(test_exact_copy),
        cmocka_unit_test(test_one_word_changed),
        cmocka_unit_test(test_sentence_dropped),
        cmocka_unit_test(test_reordered),
        cmocka_unit_test(test_new_share),
        cmocka_unit_test(test_reading_order),
    };
    const struct CMUnitTest other[] = {
        cmocka_unit_test(test_dups_incremental),
        cmocka_unit_test(test_short_paragraphs),
        cmocka_unit_test(test_many_articles),
        cmocka_unit_test(test_timeline_days),
        cmocka_unit_test(test_timeline_weeks_months),
    };
    const struct CMUnitTest cooc[] = {
        cmocka_unit_test(test_cooc),
        cmocka_unit_test(test_names),
    };
    int rc = cmocka_run_group_tests(prints, setup, teardown);
    rc += cmocka_run_group_tests(other, NULL, NULL);
    rc += cmocka_run_group_tests(cooc, setup_cooc, teardown_cooc);
    return rc != 0;
}
