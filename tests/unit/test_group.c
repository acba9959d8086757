/* Unit tests for group.c: rows grouped by folder (relative to the set's
 * shared folder) and by source, groups in name order with the top folder
 * first and "(no source)" last, rows stable inside a group, a parallel
 * array moved along, and no grouping leaving the rows alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "store.h"

static store *st;

static void add(const char *path, const char *source)
{
    char buf[256];
    snprintf(buf, sizeof buf, "Title: %s\n%s%s%s\nBody of %s.\n", path,
             source ? "Source: " : "", source ? source : "", source ? "\n" : "",
             path);
    store_add_bytes(st, path, buf, strlen(buf));
}

static int setup(void **state)
{
    (void)state;
    st = store_new(NULL, NULL);
    add("set/b/1.txt", "Wire");      /* 0 */
    add("set/a/2.txt", NULL);        /* 1 */
    add("set/top.txt", "Agency");    /* 2 */
    add("set/a/sub/3.txt", "Wire");  /* 3 */
    add("set/b/4.txt", "Agency");    /* 4 */
    add("set/a/5.txt", "wire");      /* 5: another source, by case */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_free(st);
    return 0;
}

static void expect_group(const group_set *gs, size_t g, const char *name,
                         uint32_t first, uint32_t n)
{
    assert_true(g < gs->ng);
    assert_int_equal(gs->g[g].len, strlen(name));
    assert_memory_equal(gs->g[g].name, name, strlen(name));
    assert_int_equal(gs->g[g].first, first);
    assert_int_equal(gs->g[g].n, n);
    for (uint32_t k = first; k < first + n; k++)
        assert_int_equal(gs->of[k], g);
}

static void test_folder(void **state)
{
    (void)state;
    uint32_t rows[] = {0, 1, 2, 3, 4, 5}, aux[] = {10, 11, 12, 13, 14, 15};
    group_set gs = {0};
    assert_int_equal(group_rows(st, GROUP_FOLDER, rows, aux, 6, &gs), 4);
    expect_group(&gs, 0, ".", 0, 1);
    expect_group(&gs, 1, "a", 1, 2);
    expect_group(&gs, 2, "a/sub", 3, 1);
    expect_group(&gs, 3, "b", 4, 2);
    const uint32_t want[] = {2, 1, 5, 3, 0, 4};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(rows[i], want[i]);
        assert_int_equal(aux[i], want[i] + 10); /* moved along */
    }
    /* again on a reversed order: the order inside groups is kept */
    uint32_t rev[] = {5, 4, 3, 2, 1, 0};
    assert_int_equal(group_rows(st, GROUP_FOLDER, rev, NULL, 6, &gs), 4);
    const uint32_t want2[] = {2, 5, 1, 3, 4, 0};
    assert_memory_equal(rev, want2, sizeof want2);
    group_set_fini(&gs);
}

static void test_source(void **state)
{
    (void)state;
    uint32_t rows[] = {0, 1, 2, 3, 4, 5};
    group_set gs = {0};
    assert_int_equal(group_rows(st, GROUP_SOURCE, rows, NULL, 6, &gs), 4);
    expect_group(&gs, 0, "Agency", 0, 2);
    expect_group(&gs, 1, "Wire", 2, 2);
    expect_group(&gs, 2, "wire", 4, 1);
    expect_group(&gs, 3, "(no source)", 5, 1);
    const uint32_t want[] = {2, 4, 0, 3, 5, 1};
    assert_memory_equal(rows, want, sizeof want);
    /* a subset (a filtered list) makes only the groups it has */
    uint32_t some[] = {3, 0};
    assert_int_equal(group_rows(st, GROUP_SOURCE, some, NULL, 2, &gs), 1);
    expect_group(&gs, 0, "Wire", 0, 2);
    assert_int_equal(some[0], 3);
    group_set_fini(&gs);
}

static void test_none_and_names(void **state)
{
    (void)state;
    uint32_t rows[] = {3, 1, 2};
    group_set gs = {0};
    assert_int_equal(group_rows(st, GROUP_NONE, rows, NULL, 3, &gs), 0);
    assert_int_equal(rows[0], 3);
    assert_int_equal(group_rows(st, GROUP_SOURCE, rows, NULL, 0, &gs), 0);
    assert_int_equal(group_by_parse("folder"), GROUP_FOLDER);
    assert_int_equal(group_by_parse("source"), GROUP_SOURCE);
    assert_int_equal(group_by_parse("none"), GROUP_NONE);
    assert_int_equal(group_by_parse("Folder"), -1);
    assert_string_equal(group_by_name(GROUP_SOURCE), "source");
    group_set_fini(&gs);
}

/* Many articles in few folders: every row lands in its group once. */
static void test_many(void **state)
{
    (void)state;
    store *big = store_new(NULL, NULL);
    char path[64];
    for (int i = 0; i < 3000; i++) {
        snprintf(path, sizeof path, "big/f%d/%d.txt", i % 7, i);
        store_add_bytes(big, path, "Title: x\n\nBody.\n", 16);
    }
    uint32_t *rows = malloc(3000 * sizeof *rows);
    for (uint32_t i = 0; i < 3000; i++)
        rows[i] = i;
    group_set gs = {0};
    assert_int_equal(group_rows(big, GROUP_FOLDER, rows, NULL, 3000, &gs), 7);
    uint32_t first = 0;
    for (size_t g = 0; g < 7; g++) {
        char want[8];
        uint32_t n = g < 3000 % 7 ? 3000 / 7 + 1 : 3000 / 7;
        snprintf(want, sizeof want, "f%zu", g);
        expect_group(&gs, g, want, first, n);
        first += n;
        for (uint32_t k = gs.g[g].first; k + 1 < gs.g[g].first + gs.g[g].n; k++) {
            assert_int_equal(rows[k] % 7, g);
            assert_true(rows[k] < rows[k + 1]);
        }
    }
    assert_int_equal(first, 3000);
    free(rows);
    group_set_fini(&gs);
    store_free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folder),
        cmocka_unit_test(test_source),
        cmocka_unit_test(test_none_and_names),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
