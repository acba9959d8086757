/* Unit tests for the store: what loads, the one message for each path
 * that does not, folder walking (order, hidden entries, symlink loops),
 * standard input, ordering by date and entity indexing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index.h"
#include "store.h"
#include "story.h"
#include "testutil.h"
#include "util.h"

/* ---- messages ---- */

typedef struct msgs {
    char line[64][256];
    size_t n;
} msgs;

static msgs got;

static void collect(void *ctx, const char *label, const char *msg)
{
    msgs *m = ctx;
    if (m->n < 64)
        snprintf(m->line[m->n++], sizeof m->line[0], "%s: %s", label, msg);
}

/* Exactly one message mentions `path_end` and it ends with `msg`. */
static void expect_msg(const char *path_end, const char *msg)
{
    size_t found = 0;
    for (size_t i = 0; i < got.n; i++) {
        const char *colon = strstr(got.line[i], ": ");
        if (!colon || (size_t)(colon - got.line[i]) < strlen(path_end) ||
            strncmp(colon - strlen(path_end), path_end, strlen(path_end)))
            continue;
        found++;
        if (!strstr(colon + 2, msg))
            fail_msg("message [%s], want [%s]", got.line[i], msg);
    }
    if (found != 1)
        fail_msg("%zu messages for %s, want 1 (%zu in all)", found, path_end,
                 got.n);
}

static store *new_store(void)
{
    memset(&got, 0, sizeof got);
    return store_new(collect, &got);
}

/* ---- a scratch folder ---- */

static char tmp[256];

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/lede-store-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmp, tmp);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *rel)
{
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", tmp, rel);
    return p[k];
}

static void put(const char *rel, const char *text)
{
    FILE *f = fopen(at(rel), "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect_headline(const article *a, const char *want)
{
    size_t n;
    const char *h = article_headline(a, &n);
    if (n != strlen(want) || memcmp(h, want, n) != 0)
        fail_msg("headline [%.*s], want [%s]", (int)n, h, want);
}


/* ---- tests ---- */

static void test_fixtures(void **state)
{
    (void)state;
    store *s = new_store();
    size_t n = store_add_path(s, "tests/fixtures");
    expect_msg("fixtures/nul.bin", "binary file (NUL bytes), skipped");
    expect_msg("fixtures/empty.txt", "empty file, skipped");
    expect_msg("fixtures/blank.txt", "blank file, skipped");
    assert_int_equal(got.n, 3);
    /* README, the ten readable fixtures and the six articles of the
     * entity set in sets/uk/ (folders are read recursively). */
    assert_int_equal(n, 17);
    assert_int_equal(store_count(s), 17);

    expect_headline(tu_by_name(s, "latin1.txt"),
                    "Price \xef\xbf\xbd 5 in London");
    expect_headline(tu_by_name(s, "escapes.txt"), "Red title");
    expect_headline(tu_by_name(s, "crlf.txt"), "CRLF title");
    expect_headline(tu_by_name(s, "bom.txt"), "BOM title");
    expect_headline(tu_by_name(s, "combining.txt"), "Combining marks");
    expect_headline(tu_by_name(s, "rtl.txt"), "Evil txet desrever name isolate");
    expect_headline(tu_by_name(s, "cjk.txt"),
                    "\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3\xe4\xb8\x8e\xe6\x99"
                    "\xae\xe4\xba\xac\xe5\x9c\xa8\xe5\x8c\x97\xe4\xba\xac\xe4"
                    "\xbc\x9a\xe6\x99\xa4");
    expect_headline(tu_by_name(s, "emoji.txt"),
                    "Emoji headline \xf0\x9f\x8e\x89 with flags "
                    "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8\xf0\x9f\x87\xb7"
                    "\xf0\x9f\x87\xba");

    /* Nothing that could drive a terminal survives in any text. */
    for (size_t i = 0; i < store_count(s); i++) {
        const article *a = store_get(s, i);
        for (size_t k = 0; k < a->len; k++) {
            unsigned char c = (unsigned char)a->text[k];
            assert_true(c >= 0x20 || c == '\n' || c == '\t');
        }
        assert_null(strstr(a->text, "\xe2\x80\xae")); /* U+202E */
    }

    /* Columns as in the file, past the removed escapes. */
    const article *e = tu_by_name(s, "escapes.txt");
    uint32_t l, c;
    article_position(e, (uint32_t)(strstr(e->text, "John") - e->text), &l,
                     &c);
    assert_int_equal(l, 3);
    assert_int_equal(c, 26); /* after ESC[10;20H and ESC[1;31m */
    const article *cr = tu_by_name(s, "crlf.txt");
    article_position(cr, (uint32_t)(strstr(cr->text, "Kerry") - cr->text),
                     &l, &c);
    assert_int_equal(l, 4);
    assert_int_equal(c, 15);
    store_free(s);
}

static void test_metadata_fixtures(void **state)
{
    (void)state;
    store *s = new_store();
    assert_int_equal(store_add_path(s, "tests/fixtures/header.txt"), 1);
    assert_int_equal(store_add_path(s, "tests/fixtures/frontmatter.txt"), 1);
    assert_int_equal(got.n, 0);
    const article *h = store_get(s, 0), *f = store_get(s, 1);
    expect_headline(h, "Kerry and Lavrov Meet in Geneva");
    assert_int_equal(h->date_key, 20160826100000LL);
    assert_true(h->source >= 0 && h->author >= 0 && h->url >= 0);
    assert_memory_equal(h->text + h->blocks[h->author].off, "Jane Doe", 8);
    expect_headline(f, "Aleppo Aid Plan Backed by Russia");
    assert_int_equal(f->date_key, 20160826100000LL);
    assert_int_equal(f->blocks[f->source].len, 17);
    assert_memory_equal(f->text + f->blocks[f->source].off,
                        "Front Matter News", 17);
    store_free(s);
}

static void test_folder_order_and_hidden(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("set"), 0755), 0);
    assert_int_equal(mkdir(at("set/sub"), 0755), 0);
    assert_int_equal(mkdir(at("set/.git"), 0755), 0);
    put("set/b.txt", "Bee\n");
    put("set/a.txt", "Ay\n");
    put("set/C.txt", "Cee\n");
    put("set/sub/z.txt", "Zed\n");
    put("set/.hidden.txt", "Hidden\n");
    put("set/.git/config", "Git config\n");
    store *s = new_store();
    assert_int_equal(store_add_path(s, at("set")), 4);
    assert_int_equal(got.n, 0);
    const char *want[] = {"Cee", "Ay", "Bee", "Zed"}; /* strcmp order */
    for (size_t i = 0; i < 4; i++)
        expect_headline(store_get(s, i), want[i]);
    assert_string_equal(store_get(s, 0)->path, at("set/C.txt"));
    /* Named explicitly, a hidden file loads. */
    assert_int_equal(store_add_path(s, at("set/.hidden.txt")), 1);
    expect_headline(store_get(s, 4), "Hidden");
    store_free(s);

    /* A folder with nothing visible in it says so, once. */
    assert_int_equal(mkdir(at("none"), 0755), 0);
    put("none/.dot", "x\n");
    s = new_store();
    assert_int_equal(store_add_path(s, at("none")), 0);
    assert_int_equal(got.n, 1);
    expect_msg("none", "no articles found");
    store_free(s);
}

static void test_symlink_loop_reported_once(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("loop"), 0755), 0);
    assert_int_equal(mkdir(at("loop/a"), 0755), 0);
    assert_int_equal(symlink("..", at("loop/a/up")), 0);
    put("loop/a/x.txt", "Loop headline\n");
    store *s = new_store();
    assert_int_equal(store_add_path(s, at("loop")), 1);
    expect_headline(store_get(s, 0), "Loop headline");
    assert_int_equal(got.n, 1);
    expect_msg("loop/a/up", "symlink loop");
    store_free(s);
}

static void test_unreadable_paths(void **state)
{
    (void)state;
    store *s = new_store();
    assert_int_equal(store_add_path(s, at("missing.txt")), 0);
    expect_msg("missing.txt", "cannot open: No such file or directory");
    /* A control character in a name reaches the message cleaned. */
    assert_int_equal(store_add_path(s, at("bad\x1b[2Jname")), 0);
    expect_msg("bad?[2Jname", "cannot open");
    for (size_t i = 0; i < got.n; i++)
        assert_null(strchr(got.line[i], '\x1b'));
    if (geteuid() != 0) {
        put("locked.txt", "Secret\n");
        assert_int_equal(chmod(at("locked.txt"), 0), 0);
        assert_int_equal(store_add_path(s, at("locked.txt")), 0);
        expect_msg("locked.txt", "cannot open: Permission denied");
    }
    /* Bytes that clean away to nothing are not an article. */
    put("esc-only.txt", "\x1b[2J\x1b[H\x1b]0;t\x07\n");
    assert_int_equal(store_add_path(s, at("esc-only.txt")), 0);
    expect_msg("esc-only.txt", "no readable text, skipped");
    assert_int_equal(store_count(s), 0);
    store_free(s);
}

static void test_size_limits(void **state)
{
    (void)state;
    /* Over the limit: refused from its size alone (a sparse file). */
    int fd = open(at("huge.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)300 << 20), 0);
    close(fd);
    /* A 10 MB single line loads. */
    FILE *f = fopen(at("long.txt"), "wb");
    assert_non_null(f);
    fputs("Long line headline\n\n", f);
    for (int i = 0; i < 800000; i++)
        fprintf(f, "Kerry %06d ", i);
    fputs("\n", f);
    fclose(f);

    store *s = new_store();
    assert_int_equal(store_add_path(s, at("huge.txt")), 0);
    expect_msg("huge.txt", "too large (300 MB, limit 256 MB), skipped");
    assert_int_equal(store_add_path(s, at("long.txt")), 1);
    const article *a = store_get(s, 0);
    expect_headline(a, "Long line headline");
    assert_int_equal(a->nblocks, 2);
    assert_int_equal(a->blocks[1].len, 800000 * 13 - 1);
    uint32_t l, c;
    article_position(a, (uint32_t)a->len - 1, &l, &c);
    assert_int_equal(l, 3);
    assert_int_equal(c, 800000 * 13 + 1);
    store_free(s);
}

static void test_standard_input(void **state)
{
    (void)state;
    store *s = new_store();
    const char in[] = "From stdin\n\nKerry spoke.\n";
    size_t i = store_add_bytes(s, "-", in, sizeof in - 1);
    assert_int_equal(i, 0);
    expect_headline(store_get(s, 0), "From stdin");
    assert_string_equal(store_get(s, 0)->path, "-");

    /* "-" reads file descriptor 0 to its end. */
    put("in.txt", "Piped headline\n\nBody.\n");
    int saved = dup(0), fd = open(at("in.txt"), O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 0);
    close(fd);
    assert_int_equal(store_add_path(s, "-"), 1);
    assert_int_equal(store_add_path(s, "-"), 0); /* now at its end */
    dup2(saved, 0);
    close(saved);
    expect_headline(store_get(s, 1), "Piped headline");
    expect_msg("-", "empty file, skipped");
    store_free(s);
}

static void test_order_by_date(void **state)
{
    (void)state;
    static const char *texts[] = {
        "Date: 2016-08-25\n\nOlder\n",
        "No date\n",
        "Date: Fri, 26 Aug 2016 10:00:00 +0000\n\nNewest\n",
        "Date: not a date\n\nBad date\n",
        "Date: August 25, 2016\n\nSame day as Older\n",
    };
    store *s = new_store();
    for (size_t i = 0; i < 5; i++)
        store_add_bytes(s, "t", texts[i], strlen(texts[i]));
    uint32_t order[5];
    store_order_by(s, STORE_ORDER_DATE, order);
    const uint32_t want[] = {2, 0, 4, 1, 3};
    assert_memory_equal(order, want, sizeof want);
    store_order_by(s, STORE_ORDER_PATH, order);
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(order[i], i);
    store_free(s);
}

static void test_index_entities(void **state)
{
    (void)state;
    store *s = new_store();
    assert_int_equal(store_add_path(s, "data/articles"), 2);
    store_index(s);
    const entity_table *t = store_entities(s);
    assert_non_null(t);
    long kerry = entity_lookup(t, "John Kerry", 10);
    assert_true(kerry >= 0);
    size_t n0, n1;
    entity_mentions(t, 0, &n0);
    entity_mentions(t, 1, &n1);
    assert_true(n0 > 0 && n1 > 0);
    size_t total = entity_total(t, (uint32_t)kerry);

    /* A new article is scanned by the next index, the old ones not again. */
    const char more[] = "Kerry again\n\nJohn Kerry spoke in Geneva.\n";
    store_add_bytes(s, "more", more, sizeof more - 1);
    store_index(s);
    t = store_entities(s);
    kerry = entity_lookup(t, "John Kerry", 10);
    assert_true(kerry >= 0);
    assert_true(entity_total(t, (uint32_t)kerry) > total);
    entity_mentions(t, 0, &n1);
    assert_int_equal(n0, n1);
    store_free(s);
}

/* The paths of the store's articles and the messages, one string. */
static void snapshot(const store *s, char *out, size_t n)
{
    size_t l = 0;
    out[0] = '\0';
    for (size_t i = 0; i < store_count(s) && l < n; i++)
        l += (size_t)snprintf(out + l, n - l, "A %s\n", store_get(s, i)->path);
    for (size_t i = 0; i < got.n && l < n; i++)
        l += (size_t)snprintf(out + l, n - l, "M %s\n", got.line[i]);
}

/* The same tree through the index (a fresh one, then the one just
 * made): the same files and the same messages in the same order as
 * store_add_path gives. */
static void expect_same_with_index(const char *const *paths, size_t np,
                                   const char *want, int jobs)
{
    char have[8192];
    for (int pass = 0; pass < 2; pass++) {
        store *s = new_store();
        store_set_jobs(s, jobs);
        assert_int_equal(store_use_index(s, at("walk.db"), paths, np, pass == 0),
                         0);
        memset(&got, 0, sizeof got);
        store_load(s, paths, np);
        store_wait(s);
        snapshot(s, have, sizeof have);
        if (strcmp(have, want) != 0)
            fail_msg("pass %d, jobs %d, with the index:\n%s\nwithout:\n%s",
                     pass, jobs, have, want);
        store_free(s);
    }
}

static void test_symlinks_same_with_index(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("tree"), 0755), 0);
    assert_int_equal(mkdir(at("tree/a"), 0755), 0);
    assert_int_equal(mkdir(at("outside"), 0755), 0);
    put("tree/a/in.txt", "Inside headline\n");
    put("outside/out.txt", "Outside headline\n");
    put("outside/file.txt", "Linked file headline\n");
    put("tree/a/empty.txt", "");
    assert_int_equal(symlink("../outside", at("tree/ext")), 0);
    assert_int_equal(symlink("../outside/file.txt", at("tree/linked.txt")), 0);
    assert_int_equal(symlink("a", at("tree/b")), 0);
    assert_int_equal(symlink("..", at("tree/a/loop")), 0);
    assert_int_equal(symlink("nowhere", at("tree/broken.txt")), 0);
    assert_int_equal(mkfifo(at("tree/fifo"), 0644), 0);
    assert_int_equal(mkdir(at("hollow"), 0755), 0);
    assert_int_equal(symlink("../outside", at("hollow/ext")), 0);

    const char *paths[] = {at("tree"), at("missing"), at("outside/out.txt"),
                           at("hollow")};
    const char *owned[4];
    for (size_t i = 0; i < 4; i++)
        owned[i] = strdup(paths[i]);
    store *s = new_store();
    for (size_t i = 0; i < 4; i++)
        store_add_path(s, owned[i]);
    /* the rules hold without the index */
    assert_int_equal(store_count(s), 3); /* a/in, linked, out */
    expect_msg("tree/ext", "symlink to a folder outside the tree, not followed");
    expect_msg("tree/a/loop", "symlink loop (to a folder above it), not followed");
    expect_msg("tree/broken.txt", "broken symlink: No such file or directory");
    expect_msg("tree/a/empty.txt", "empty");
    expect_msg("missing", "cannot open: No such file or directory");
    expect_msg("hollow/ext", "symlink to a folder outside the tree");
    expect_msg("hollow", "no articles found");
    assert_int_equal(got.n, 7);
    char want[8192];
    snapshot(s, want, sizeof want);
    store_free(s);

    expect_same_with_index(owned, 4, want, 1);
    expect_same_with_index(owned, 4, want, 4);
    for (size_t i = 0; i < 4; i++)
        free((char *)owned[i]);
}

/* Article i's print, packed: equal bytes are equal prints. */
static void *packed_print(const store *s, size_t i, size_t *len)
{
    const story_print *p = store_print(s, i);
    assert_non_null(p);
    assert_true(store_body(s, i) == p->body);
    return story_print_pack(p, len);
}

/* The story fingerprints of an indexed set are those made from the text,
 * when the set is indexed and when it is reopened; reopened, they come
 * from the index, not from the text (which is taken out of the index
 * here to show it). */
static void test_prints_from_index(void **state)
{
    (void)state;
    enum { N = 4 };
    assert_int_equal(mkdir(at("story"), 0755), 0);
    put("story/a.txt", "Talks resume\n\nThe talks in Geneva resumed on "
        "Monday after a week of delays.\n\nAid reached the north.\n");
    put("story/b.txt", "Talks back on\n\nThe talks in Geneva resumed on "
        "Monday, after a week of delays!\n\nAid reached the north.\n");
    put("story/c.txt", "Rates\n\nThe central bank held its rates.\n");
    put("story/d.txt", "Only a headline\n");
    const char *paths[] = {at("story")};
    store *ref = new_store();
    assert_int_equal(store_add_path(ref, paths[0]), N);
    assert_true(store_body(ref, 0) == store_body(ref, 1)); /* a copy */
    assert_true(store_body(ref, 0) != store_body(ref, 2));
    assert_true(store_body(ref, 3) == 0); /* no body text */
    for (int pass = 0; pass < 2; pass++) {
        store *s = new_store();
        assert_int_equal(store_use_index(s, at("story.db"), paths, 1,
                                         pass == 0), 0);
        store_load(s, paths, 1);
        store_wait(s);
        assert_int_equal(store_count(s), N);
        if (pass == 1) /* no text to make them from */
            assert_int_equal(sqlite3_exec(index_db(store_index_handle(s)),
                                          "DELETE FROM article", NULL, NULL,
                                          NULL), SQLITE_OK);
        for (size_t i = 0; i < N; i++) {
            size_t la, lb;
            void *a = packed_print(ref, i, &la), *b = packed_print(s, i, &lb);
            assert_int_equal(la, lb);
            assert_memory_equal(a, b, la);
            free(a);
            free(b);
        }
        store_free(s);
    }
    store_free(ref);
}

/* The arena the store keeps its summaries in (and the entity table
 * its mentions): records of every size keep their bytes and alignment
 * while thousands more are added, big ones included. */
static void test_arena(void **state)
{
    (void)state;
    lede_arena a = {0};
    enum { N = 3000 };
    unsigned char *rec[N];
    size_t len[N];
    for (size_t i = 0; i < N; i++) {
        len[i] = i % 97 == 0 ? 20000 + i : i % 41; /* some bigger than
                                                      a quarter chunk */
        size_t al = i % 3 == 0 ? 8 : 1;
        rec[i] = lede_arena_alloc(&a, len[i], al);
        assert_true((uintptr_t)rec[i] % al == 0);
        memset(rec[i], (int)(i & 0xff), len[i]);
    }
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < len[i]; k++)
            if (rec[i][k] != (unsigned char)(i & 0xff))
                fail_msg("record %zu byte %zu overwritten", i, k);
    const char *d = lede_arena_dup(&a, "abc", 4);
    assert_string_equal(d, "abc");
    assert_true(a.bytes > 0);
    lede_arena_fini(&a);
    assert_int_equal(a.bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_metadata_fixtures),
        cmocka_unit_test(test_folder_order_and_hidden),
        cmocka_unit_test(test_symlink_loop_reported_once),
        cmocka_unit_test(test_unreadable_paths),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_standard_input),
        cmocka_unit_test(test_order_by_date),
        cmocka_unit_test(test_index_entities),
        cmocka_unit_test(test_symlinks_same_with_index),
        cmocka_unit_test(test_prints_from_index),
    };
    return cmocka_run_group_tests_name("store", tests, setup_tmp,
                                       teardown_tmp) ? 1 : 0;
}
