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

#include <utf8proc.h>

#include "article.h"
#include "data.h"
#include "entity.h"
#include "util.h"
#include "index.h"
#include "index_fts.h"
#include "text.h"
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

/* Remove an index file and its write-ahead log and shared memory. */
static void unlink_db(const char *path)
{
    char side[256];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    unlink(path);
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

/* A statement left on a row holds a read transaction, and an open
 * reader stops every WAL checkpoint: the WAL grows for as long as lede
 * runs. Nothing handed out may leave one. */
static bool holds_read(lede_index *ix)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(index_db(ix), NULL); st;
         st = sqlite3_next_stmt(index_db(ix), st))
        if (sqlite3_stmt_busy(st))
            return true;
    return false;
}

/* A new index at a fresh name made from path (a mkstemp template). */
static lede_index *open_new_index(char *path, const index_stamp *st,
                                  int *msgs)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    lede_index *ix = index_open(path, st, false, true, no_msg, msgs);
    assert_non_null(ix);
    return ix;
}

static void test_index_store_and_find(void **state)
{
    (void)state;
    char path[] = "/tmp/lede-test-index-XXXXXX";
    int msgs = 0;
    index_stamp st = {1, 0};
    lede_index *ix = open_new_index(path, &st, &msgs);
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
    assert_false(holds_read(ix));
    assert_int_equal(len, ip.len);
    assert_memory_equal(data, packed, len);
    index_row row;
    assert_int_equal(index_find(ix, "x.txt", &row), 1);
    assert_false(holds_read(ix));
    assert_true(row.has_body);
    assert_true(row.body == sp.body);
    article sum;
    assert_int_equal(article_unpack(&sum, "x.txt", row.summary, row.nsummary), 0);
    assert_int_equal(sum.hash, a.hash);
    article_fini(&sum);
    assert_int_equal(index_begin(ix), 0);
    assert_int_equal(index_put_raw(ix, id, "raw!", 4), 0);
    assert_int_equal(index_commit(ix), 0);
    assert_int_equal(index_raw(ix, id, &data, &len), 0);
    assert_false(holds_read(ix));
    assert_int_equal(len, 4);
    assert_memory_equal(data, "raw!", 4);
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
    unlink_db(path);
}

/* ---- the tokenizer's fast path and pre-tokenized text ---- */

/* Words as search.c cuts them, the slow way: each code point decoded
 * and classed with utf8proc, each word folded with text_fold. The
 * tokenizer's ASCII fast path must give exactly these tokens. */
static bool ref_word_cp(int32_t cp)
{
    int c = (int)utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME ||
           text_is_letter(cp);
}

static void ref_tokens(const char *s, size_t len, char *out, size_t cap)
{
    text_fold_buf fb = {0};
    size_t i = 0, k;
    out[0] = '\0';
    while (i < len) {
        int32_t cp = text_decode(s + i, len - i, &k);
        if (!ref_word_cp(cp)) {
            i += k;
            continue;
        }
        size_t start = i;
        i += k;
        while (!text_is_cjk_break(cp) && i < len) {
            int32_t c2 = text_decode(s + i, len - i, &k);
            if (!ref_word_cp(c2) || text_is_cjk_break(c2))
                break;
            i += k;
        }
        text_fold(s + start, i - start, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS,
                  &fb);
        if (!fb.len)
            continue; /* a lone mark folds to nothing: no token */
        snprintf(out + strlen(out), cap - strlen(out), "%.*s@%zu-%zu ",
                 (int)fb.len, fb.s, start, i);
    }
    text_fold_fini(&fb);
}

typedef struct tokbuf {
    char *s;
    size_t cap;
} tokbuf;

static int tok_join(void *ctx, const char *tok, size_t n, size_t start,
                    size_t end)
{
    tokbuf *b = ctx;
    snprintf(b->s + strlen(b->s), b->cap - strlen(b->s), "%.*s@%zu-%zu ",
             (int)n, tok, start, end);
    return 0;
}

static const char *const tricky[] = {
    "Kerry met Lavrov in Zürich; Erdoğan and ERDOĞAN, STRASSE Straße.",
    "naïve café-au-lait 2016-08-26 al-Assad U.S. O'Neil",
    "東京タワー and 東京 x漢y München123 ÀB Ωmega",
    "abc\xcc\x81 e\xcc\x81t\xc3\xa9 ﬁnance Ⅻ ½ x²",  /* marks, ligature */
    "trailing ascii word",
    "trailing accented wordé",
    "\xff\xfe broken \xc3 bytes \xe2\x82",
    "", " -- !! ", "a", "É",
    /* gaps of one space, two, a newline, punctuation; a lone combining
     * mark and a mark after a space (words folded to nothing) */
    "A  B\nC,D E\n\nF x \xcc\x81 y\xcc\x81 \xcc\x81z MIXed iPhone 3G",
};

static void test_fts_fast_path_same(void **state)
{
    (void)state;
    char want[2048], got[2048];
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        size_t n = strlen(tricky[i]);
        ref_tokens(tricky[i], n, want, sizeof want);
        got[0] = '\0';
        tokbuf b = {got, sizeof got};
        assert_int_equal(index_fts_tokens(tricky[i], n, tok_join, &b), 0);
        assert_string_equal(got, want);
    }
}

/* What the full-text index holds for one row: every (term, column,
 * position), in order. */
static char *fts_instances(lede_index *ix, int64_t id)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(index_db(ix),
                                        "SELECT term, col, offset FROM "
                                        "temp.vocab WHERE doc = ?1 ORDER "
                                        "BY col, offset, term", -1, &st,
                                        NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    while (sqlite3_step(st) == SQLITE_ROW)
        len += (size_t)snprintf(out + len, cap - len, "%s/%s/%d ",
                                (const char *)sqlite3_column_text(st, 0),
                                (const char *)sqlite3_column_text(st, 1),
                                sqlite3_column_int(st, 2));
    assert_true(len < cap);
    sqlite3_finalize(st);
    return out;
}

static void test_fts_pretokenized_same(void **state)
{
    (void)state;
    char path[] = "/tmp/lede-test-index-XXXXXX";
    int msgs = 0;
    index_stamp st = {1, 0};
    lede_index *ix = open_new_index(path, &st, &msgs);
    assert_int_equal(sqlite3_exec(index_db(ix), "CREATE VIRTUAL TABLE "
                                  "temp.vocab USING fts5vocab(main, fts, "
                                  "instance)", NULL, NULL, NULL), SQLITE_OK);
    /* the sample, and an article of the tricky texts */
    char text[4096] = "Title: Ωmega in 東京 and Zürich\n\n";
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s\n\n",
                 tricky[i]);
    const char *texts[] = {sample, text};
    index_fts_text pre = {0};
    for (size_t t = 0; t < 2; t++) {
        article a;
        article_init(&a, "a.txt", texts[t], strlen(texts[t]));
        index_fts_text_make(&pre, &a);
        assert_int_equal(pre.title[0], INDEX_FTS_MARK);
        assert_int_equal(index_begin(ix), 0);
        int64_t raw = index_put(ix, "raw.txt", 1, 1, &a, NULL, 0, NULL, NULL);
        int64_t tok = index_put(ix, "pre.txt", 1, 1, &a, NULL, 0, NULL, &pre);
        assert_int_equal(index_commit(ix), 0);
        assert_true(raw > 0 && tok > 0 && raw != tok);
        char *r = fts_instances(ix, raw), *p = fts_instances(ix, tok);
        assert_true(strlen(r) > 20);
        assert_string_equal(p, r);
        free(r);
        free(p);
        article_fini(&a);
    }
    /* phrases and fields find both rows, or neither */
    assert_int_equal(count(ix, "\"naive cafe\""), 2);
    assert_int_equal(count(ix, "title:\"東京\""), 2);
    assert_int_equal(count(ix, "title:zurich"), 2);
    assert_int_equal(count(ix, "\"trailing ascii word\""), 2);
    assert_int_equal(count(ix, "\"accented worde\""), 2);
    assert_int_equal(count(ix, "\"word ascii\""), 0);
    assert_int_equal(count(ix, "munchen123 NOT title:omega"), 2);
    /* a pre-tokenized row is taken out with the tokens of its stored
     * text: none of them stay behind */
    article c;
    article_init(&c, "pre.txt", "Other news\n\nNothing here.\n", 26);
    index_fts_text_make(&pre, &c);
    index_row row;
    assert_int_equal(index_find(ix, "pre.txt", &row), 1);
    int64_t id = row.id;
    assert_int_equal(index_begin(ix), 0);
    assert_int_equal(index_put(ix, "pre.txt", 2, 2, &c, NULL, 0, NULL, &pre),
                     id);
    assert_int_equal(index_commit(ix), 0);
    char *p = fts_instances(ix, id);
    /* a capitalised word also has its case form (INDEX_FTS_CASE first),
     * at the same position */
    assert_string_equal(p, "\x02Nothing/body/0 nothing/body/0 here/body/1 "
                           "\x02Other/title/0 other/title/0 news/title/1 ");
    free(p);
    assert_int_equal(count(ix, "\"naive cafe\""), 1);
    /* a query is never taken for a stream, even one starting with the mark */
    assert_int_equal(count(ix, "\"\x01nothing\""), 1);
    article_fini(&c);
    index_fts_text_fini(&pre);
    index_close(ix);
    assert_int_equal(msgs, 0);
    unlink_db(path);
}

/* The print made from the index's tokens (index_fts_text_print) is the
 * print story_print_article makes, byte for byte once packed, and the
 * tokens are those index_fts_text_make gives: ASCII paragraphs (cut once
 * for both), paragraphs with accents, combining marks, CJK and broken
 * bytes, a title, boilerplate and a body without words. */
static void test_fts_text_print_same(void **state)
{
    (void)state;
    char text[4096] = "Title: Ωmega in 東京 and Zürich\n\n"
                      "Plain ASCII words, 12 of them: Kerry met Lavrov.\n\n"
                      /* words apart: a mark with no precomposed form,
                       * digits other than ASCII's */
                      "Lavrov x\xcc\x81y said \xd9\xa1\xd9\xa2 or "
                      "\xef\xbc\x91\xef\xbc\x92 times.\n\n"
                      "Kerry \xe2\x80\x93 the \xe2\x80\x9ctalks\xe2\x80\x9d "
                      "went on\xe2\x80\xa6 in Z\xc3\xbcrich-Nord, Caf\xc3\xa9s.\n\n";
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%s\n\nKerry and Lavrov AGAIN met in Geneva %zu.\n\n",
                 tricky[i], i);
    const char *texts[] = {sample, text, "Only a headline\n",
                           "Head\n\n -- !! \n\nShare\n"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        article a;
        article_init(&a, "a.txt", texts[t], strlen(texts[t]));
        story_print want = {0}, got = {0};
        story_print_article(&want, &a);
        index_fts_text plain = {0}, both = {0};
        index_fts_text_make(&plain, &a);
        index_fts_text_print(&both, &a, &got);
        size_t wl, gl;
        void *wp = story_print_pack(&want, &wl), *gp = story_print_pack(&got, &gl);
        assert_int_equal(wl, gl);
        assert_memory_equal(wp, gp, wl);
        assert_true(want.body == got.body);
        assert_int_equal(want.words, got.words);
        assert_int_equal(plain.tlen, both.tlen);
        assert_memory_equal(plain.title, both.title, plain.tlen);
        assert_int_equal(plain.blen, both.blen);
        assert_memory_equal(plain.body, both.body, plain.blen);
        if (t == 1)
            assert_true(got.npara > 10 && got.words > 100);
        free(wp);
        free(gp);
        story_print_fini(&want);
        story_print_fini(&got);
        index_fts_text_fini(&plain);
        index_fts_text_fini(&both);
        article_fini(&a);
    }
}

static uint64_t get_varint(const unsigned char *b, size_t n, size_t *at)
{
    uint64_t v = 0;
    for (int sh = 0; *at < n && sh < 64; sh += 7) {
        unsigned char c = b[(*at)++];
        v |= (uint64_t)(c & 0x7f) << sh;
        if (!(c & 0x80))
            break;
    }
    return v;
}

/* The set's entity table keeps each entity's (file id, count) pairs, ids
 * going down as well as up, large counts included, as the schema says. */
static void test_entity_pairs(void **state)
{
    (void)state;
    char path[] = "/tmp/lede-test-index-XXXXXX";
    int msgs = 0;
    index_stamp st = {1, 0};
    lede_index *ix = open_new_index(path, &st, &msgs);
    const int64_t files[] = {5, 3, 1000000, 1000001, 7};
    const uint32_t counts[] = {1, 200, 3, 70000, 4000000000u};
    size_t n = sizeof files / sizeof files[0];
    assert_int_equal(index_begin(ix), 0);
    assert_int_equal(index_clear_entities(ix), 0);
    assert_int_equal(index_put_entity(ix, 0, "John Kerry", ENT_PERSON, 9,
                                      files, counts, n), 0);
    assert_int_equal(index_commit(ix), 0);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(index_db(ix),
                                        "SELECT name, articles FROM entity",
                                        -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0),
                        "John Kerry");
    const unsigned char *b = sqlite3_column_blob(q, 1);
    size_t len = (size_t)sqlite3_column_bytes(q, 1), at = 0;
    int64_t id = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t z = get_varint(b, len, &at);
        id += (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
        assert_int_equal(id, files[i]);
        assert_int_equal(get_varint(b, len, &at), counts[i]);
    }
    assert_int_equal(at, len);
    sqlite3_finalize(q);
    index_close(ix);
    unlink_db(path);
}

/* The index's stamp names the data lede was built with by hashes made
 * when it was built: each must be the hash of the data built in, or an
 * index made with other word lists or weights would be read as current. */
static void test_data_hashes_match_the_data(void **state)
{
    (void)state;
    static const struct {
        const char *d;
        const size_t *len;
        const unsigned long long *h;
    } all[] = {
        {lede_data_boilerplate, &lede_data_boilerplate_len, &lede_data_boilerplate_hash},
        {lede_data_entities, &lede_data_entities_len, &lede_data_entities_hash},
        {lede_data_names, &lede_data_names_len, &lede_data_names_hash},
        {lede_data_common, &lede_data_common_len, &lede_data_common_hash},
        {lede_data_gaz_places, &lede_data_gaz_places_len, &lede_data_gaz_places_hash},
        {lede_data_gaz_countries, &lede_data_gaz_countries_len, &lede_data_gaz_countries_hash},
        {lede_data_gaz_clubs, &lede_data_gaz_clubs_len, &lede_data_gaz_clubs_hash},
        {lede_data_gaz_wordnet, &lede_data_gaz_wordnet_len, &lede_data_gaz_wordnet_hash},
        {lede_data_tagger, &lede_data_tagger_len, &lede_data_tagger_hash},
    };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        assert_true(*all[i].len > 0);
        assert_true(lede_hash64(all[i].d, *all[i].len) == *all[i].h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_hashes_match_the_data),
        cmocka_unit_test(test_pack_roundtrip),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_raw_scan_same),
        cmocka_unit_test(test_index_store_and_find),
        cmocka_unit_test(test_fts_fast_path_same),
        cmocka_unit_test(test_fts_pretokenized_same),
        cmocka_unit_test(test_fts_text_print_same),
        cmocka_unit_test(test_entity_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
