/* Unit tests for what the index keeps: an article packed and unpacked is
 * the same article (and damaged bytes are refused, never misread), the
 * names found in two steps (raw scan, then added) are those found in
 * one, and the index finds words with case and accents folded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "entity.h"
#include "index.h"
#include "story.h"

static const char sample[] =
    "Title: Lavrov meets Kerry in Zürich\n"
    "Date: 2016-08-26\n"
    "Source: Wire\n"
    "\n"
    "Sergei Lavrov and John Kerry met in Zürich on Friday. Lavrov said\n"
    "the talks with the United Nations went well.\n"
    "\n"
    "Share\n"
    "\n"
    "Kerry later flew to Geneva, where Staffan de Mistura waited.\n";

static void same_article(const article *a, const article *b)
{
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->text, b->text, a->len + 1);
    assert_int_equal(a->nblocks, b->nblocks);
    assert_memory_equal(a->blocks, b->blocks, a->nblocks * sizeof *a->blocks);
    assert_int_equal(a->nlines, b->nlines);
    assert_memory_equal(a->line_starts, b->line_starts,
                        a->nlines * sizeof *a->line_starts);
    assert_int_equal(a->title, b->title);
    assert_int_equal(a->date_key, b->date_key);
    assert_true(a->hash == b->hash);
}

static void test_pack_roundtrip(void **state)
{
    (void)state;
    article a, b;
    article_init(&a, "x.txt", sample, sizeof sample - 1);
    size_t n;
    void *p = article_pack(&a, &n);
    assert_int_equal(article_unpack(&b, "x.txt", p, n), 0);
    same_article(&a, &b);
    size_t hl, hl2;
    assert_string_equal(article_headline(&b, &hl), article_headline(&a, &hl2));
    article_fini(&b);
    /* damaged: cut short, or an offset pointing out of the text */
    assert_int_equal(article_unpack(&b, "x.txt", p, n - 1), -1);
    assert_null(b.text);
    memset((char *)p + n - a.len - 1 - a.nblocks * sizeof *a.blocks, 0xff,
           4);
    assert_int_equal(article_unpack(&b, "x.txt", p, n), -1);
    assert_int_equal(article_unpack(&b, "x.txt", "junk", 4), -1);
    free(p);
    article_fini(&a);
}

static void test_summary(void **state)
{
    (void)state;
    article a, s;
    article_init(&a, "x.txt", sample, sizeof sample - 1);
    article_summary(&s, &a);
    size_t l1, l2;
    const char *h1 = article_headline(&a, &l1), *h2 = article_headline(&s, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(h1, h2, l1);
    assert_true(s.date_key == a.date_key);
    assert_true(s.source >= 0);
    assert_null(strstr(s.text, "Geneva")); /* no body */
    article_fini(&s);
    article_fini(&a);
}

/* Mentions of article 0 as "off:len:name" lines. */
static char *mentions(const entity_table *t)
{
    size_t n;
    const entity_mention *m = entity_mentions(t, 0, &n);
    char *out = calloc(n * 200 + 1, 1);
    for (size_t i = 0; i < n; i++)
        sprintf(out + strlen(out), "%u:%u:%s\n", m[i].off, m[i].len,
                entity_name(t, m[i].entity));
    return out;
}

static void test_raw_scan_same(void **state)
{
    (void)state;
    article a;
    article_init(&a, "x.txt", sample, sizeof sample - 1);
    entity_table *direct = entity_table_new(), *set = entity_table_new(),
                 *scratch = entity_table_new();
    entity_scan(direct, 0, &a);
    entity_finish(direct);
    void *raw = NULL;
    size_t len;
    entity_scan_raw(scratch, &a, &raw, &len);
    assert_int_equal(entity_add_raw(set, 0, raw, len, a.len), 0);
    entity_finish(set);
    char *x = mentions(direct), *y = mentions(set);
    assert_non_null(strstr(x, "Sergei Lavrov"));
    assert_string_equal(x, y);
    free(x);
    free(y);
    /* a string that does not add up is refused, and adds nothing */
    entity_table *bad = entity_table_new();
    assert_int_equal(entity_add_raw(bad, 0, raw, len - 1, a.len), -1);
    assert_int_equal(entity_add_raw(bad, 1, raw, len, 3), -1);
    entity_finish(bad);
    assert_int_equal(entity_count(bad), 0);
    entity_table_free(bad);
    free(raw);
    entity_table_free(direct);
    entity_table_free(set);
    entity_table_free(scratch);
    article_fini(&a);
}

static void no_msg(void *ctx, const char *label, const char *msg)
{
    (void)label;
    (*(int *)ctx)++;
    (void)msg;
}

static long count(lede_index *ix, const char *match)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(index_db(ix),
                                        "SELECT count(*) FROM fts WHERE fts "
                                        "MATCH ?1", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_index_store_and_find(void **state)
{
    (void)state;
    char path[] = "/tmp/lede-test-index-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    int msgs = 0;
    index_stamp st = {1, 0};
    lede_index *ix = index_open(path, &st, false, true, no_msg, &msgs);
    assert_non_null(ix);
    article a, b;
    article_init(&a, "x.txt", sample, sizeof sample - 1);
    assert_int_equal(index_begin(ix), 0);
    story_print sp = {0};
    story_print_article(&sp, &a);
    index_print ip = {sp.body, NULL, 0};
    void *packed = story_print_pack(&sp, &ip.len);
    ip.data = packed;
    int64_t id = index_put(ix, "x.txt", 10, 20, &a, NULL, 0, &ip, NULL);
    assert_true(id > 0);
    assert_int_equal(index_commit(ix), 0);
    /* the print comes back as it went in, the body hash with the row */
    const void *data;
    size_t len;
    assert_int_equal(index_print_get(ix, id, &data, &len), 0);
    assert_int_equal(len, ip.len);
    assert_memory_equal(data, packed, len);
    index_row row;
    assert_int_equal(index_find(ix, "x.txt", &row), 1);
    assert_true(row.has_body);
    assert_true(row.body == sp.body);
    free(packed);
    story_print_fini(&sp);
    assert_int_equal(count(ix, "zurich"), 1);   /* accent folded */
    assert_int_equal(count(ix, "ZÜRICH"), 1);
    assert_int_equal(count(ix, "title:lavrov"), 1);
    assert_int_equal(count(ix, "title:geneva"), 0); /* body only */
    assert_int_equal(count(ix, "geneva"), 1);
    assert_int_equal(count(ix, "share"), 0);    /* boilerplate */
    assert_int_equal(index_article(ix, id, "x.txt", &b), 0);
    same_article(&a, &b);
    article_fini(&b);
    /* changed: the old words leave the full-text index */
    article c;
    article_init(&c, "x.txt", "Other news\n\nNothing here.\n", 26);
    assert_int_equal(index_begin(ix), 0);
    assert_int_equal(index_put(ix, "x.txt", 11, 21, &c, NULL, 0, NULL, NULL), id);
    assert_int_equal(index_commit(ix), 0);
    /* and the old print goes with the old text */
    assert_int_equal(index_print_get(ix, id, &data, &len), 1);
    assert_int_equal(index_find(ix, "x.txt", &row), 1);
    assert_false(row.has_body);
    assert_int_equal(count(ix, "zurich"), 0);
    assert_int_equal(count(ix, "nothing"), 1);
    article_fini(&c);
    index_close(ix);
    assert_int_equal(msgs, 0);
    /* another gazetteer: the same index opens, no message */
    st.gazetteer = 2;
    ix = index_open(path, &st, false, true, no_msg, &msgs);
    assert_non_null(ix);
    assert_int_equal(count(ix, "nothing"), 1);
    index_close(ix);
    /* damaged: rebuilt, with a message */
    FILE *f = fopen(path, "r+");
    assert_non_null(f);
    fputs("this is not a database at all, not at all, not at all", f);
    fclose(f);
    ix = index_open(path, &st, false, true, no_msg, &msgs);
    assert_non_null(ix);
    assert_int_equal(msgs, 1);
    assert_int_equal(count(ix, "nothing"), 0);
    index_close(ix);
    article_fini(&a);
    char side[64];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_roundtrip),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_raw_scan_same),
        cmocka_unit_test(test_index_store_and_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
