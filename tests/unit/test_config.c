/* Unit tests for the configuration parser: every setting, the colour
 * forms, and a bad line reported as config:LINE: without stopping the
 * lines after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static lede_config *parse(const char *text)
{
    lede_config *c = config_new();
    config_parse(c, text, strlen(text));
    return c;
}

static void test_empty_is_defaults(void **unused)
{
    (void)unused;
    lede_config *c = parse("# only a comment\n\n   \n  # it's a \"comment\n");
    assert_int_equal(c->nerrors, 0);
    assert_int_equal(c->ncolors + c->nbinds + c->nrules + c->nwatch, 0);
    assert_int_equal(c->sort, CFG_SORT_UNSET);
    assert_null(c->index_path);
    config_free(c);
}

static void test_colors(void **unused)
{
    (void)unused;
    lede_config *c = parse("color person 196\n"
                           "color place green on default bold\n"
                           "colour status 208/yellow on 17/blue underline\n"
                           "color match reverse\n"
                           "color title normal\n");
    assert_int_equal(c->nerrors, 0);
    assert_int_equal(c->ncolors, 5);
    cfg_style *s = &c->colors[0].style;
    assert_string_equal(c->colors[0].name, "person");
    assert_int_equal(s->fg256, 196);
    assert_int_equal(s->fg8, CFG_UNSET); /* 196 has no 8-colour form */
    assert_int_equal(s->bg256, CFG_UNSET);
    assert_false(s->has_attrs);
    s = &c->colors[1].style;
    assert_int_equal(s->fg256, 2);
    assert_int_equal(s->fg8, 2);
    assert_int_equal(s->bg256, CFG_DEFAULT);
    assert_int_equal(s->attrs, CFG_BOLD);
    s = &c->colors[2].style;
    assert_int_equal(s->fg256, 208);
    assert_int_equal(s->fg8, 3);
    assert_int_equal(s->bg256, 17);
    assert_int_equal(s->bg8, 4);
    assert_int_equal(s->attrs, CFG_UNDERLINE);
    s = &c->colors[3].style;
    assert_int_equal(s->fg256, CFG_UNSET);
    assert_int_equal(s->attrs, CFG_REVERSE);
    s = &c->colors[4].style;
    assert_true(s->has_attrs);
    assert_int_equal(s->attrs, 0);
    assert_int_equal(c->colors[4].line, 5);
    config_free(c);
}

static void test_bad_lines(void **unused)
{
    (void)unused;
    lede_config *c = parse("color person 256\n"     /* 1: out of range */
                           "sort sideways\n"        /* 2 */
                           "frobnicate yes\n"       /* 3 */
                           "watch \"Tony Blair\n"   /* 4: open quote */
                           "color place mauve\n"    /* 5 */
                           "color org on\n"         /* 6 */
                           "bind quit\n"            /* 7 */
                           "gazetteer a b\n"        /* 8 */
                           "watch Kerry\x1b[31m\n"  /* 9: escape */
                           "watch Lavrov\n"         /* 10: fine */
                           "sort date\n");          /* 11: fine */
    assert_int_equal(c->nerrors, 9);
    const int lines[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < 9; i++) {
        char want[32];
        snprintf(want, sizeof want, "config:%d: ", lines[i]);
        assert_int_equal(c->errors[i].line, lines[i]);
        assert_memory_equal(c->errors[i].msg, want, strlen(want));
        assert_null(strchr(c->errors[i].msg, '\x1b'));
    }
    assert_non_null(strstr(c->errors[1].msg, "path or date"));
    assert_non_null(strstr(c->errors[2].msg, "frobnicate"));
    assert_non_null(strstr(c->errors[4].msg, "mauve"));
    /* the good lines after the bad ones still count */
    assert_int_equal(c->nwatch, 1);
    assert_string_equal(c->watch[0], "Lavrov");
    assert_int_equal(c->sort, CFG_SORT_DATE);
    assert_int_equal(c->ncolors, 0);
    config_free(c);
}

static void test_settings(void **unused)
{
    (void)unused;
    setenv("HOME", "/home/reader", 1);
    lede_config *c = parse("bind star x F\n"
                           "bind quit Q\n"
                           "highlight Tony Blair\n"
                           "highlight \"Vladimir Putin\" 196 bold\n"
                           "highlight /Lav[a-z]+/ 201\n"
                           "highlight \"/a b+/\"\n"
                           "watch Sergei Lavrov\n"
                           "watch \"John Kerry\"\n"
                           "sort path\n"
                           "boilerplate   Sign up for our newsletter  \n"
                           "boilerplate Follow us\n"
                           "\"boilerplate\" Quoted keyword\n"
                           "gazetteer ~/names.tsv\n"
                           "gazetteer \"/with blank/x.tsv\"\n"
                           "index /var/cache/lede/my.db\r\n");
    assert_int_equal(c->nerrors, 0);
    assert_int_equal(c->nbinds, 2);
    assert_string_equal(c->binds[0].action, "star");
    assert_string_equal(c->binds[0].keys, "x F");
    assert_int_equal(c->binds[1].line, 2);
    assert_int_equal(c->nrules, 4);
    assert_false(c->rules[0].regex);
    assert_true(c->rules[2].regex);
    assert_string_equal(c->rules[2].name, "Lav[a-z]+");
    assert_int_equal(c->rules[2].style.fg256, 201);
    assert_true(c->rules[3].regex);
    assert_false(c->rules[3].has_style);
    assert_string_equal(c->rules[3].name, "a b+");
    assert_string_equal(c->rules[0].name, "Tony Blair");
    assert_false(c->rules[0].has_style);
    assert_string_equal(c->rules[1].name, "Vladimir Putin");
    assert_true(c->rules[1].has_style);
    assert_int_equal(c->rules[1].style.fg256, 196);
    assert_int_equal(c->rules[1].style.attrs, CFG_BOLD);
    assert_int_equal(c->nwatch, 2);
    assert_string_equal(c->watch[0], "Sergei Lavrov");
    assert_string_equal(c->watch[1], "John Kerry");
    assert_int_equal(c->sort, CFG_SORT_PATH);
    assert_string_equal(c->boiler,
                        "Sign up for our newsletter\nFollow us\nQuoted keyword\n");
    assert_int_equal(c->ngazetteers, 2);
    assert_string_equal(c->gazetteers[0], "/home/reader/names.tsv");
    assert_string_equal(c->gazetteers[1], "/with blank/x.tsv");
    assert_string_equal(c->index_path, "/var/cache/lede/my.db");
    config_free(c);
}

static void test_load_files(void **unused)
{
    (void)unused;
    lede_config *c = config_new();
    assert_int_equal(config_load(c, "/nonexistent/lede/config", false), 0);
    assert_int_equal(config_load(c, "/nonexistent/lede/config", true), 1);
    assert_int_equal(c->errors[0].line, 0);
    assert_non_null(strstr(c->errors[0].msg, "config:0: "));
    assert_non_null(strstr(c->errors[0].msg, "No such file"));
    config_free(c);
    char path[] = "/tmp/lede-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("watch Geneva\nsort nope", f); /* no final newline */
    fclose(f);
    c = config_new();
    assert_int_equal(config_load(c, path, true), 1);
    assert_string_equal(c->errors[0].msg, "config:2: sort wants path or date");
    assert_string_equal(c->watch[0], "Geneva");
    assert_string_equal(c->path, path);
    config_free(c);
    unlink(path);
}

/* Random bytes: never a crash, every error a clean config:LINE: line. */
static void test_random_bytes(void **unused)
{
    (void)unused;
    uint32_t seed = 12345;
    static char buf[1 << 16];
    const char *words[] = {"color ", "bind ", "watch ", "sort ", "\"", " on ",
                           "highlight ", "index ", "\n", "# ", "196/red "};
    for (int round = 0; round < 20; round++) {
        size_t n = 0;
        while (n + 16 < sizeof buf) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 8;
            if (r % 4 == 0) {
                const char *w = words[r / 4 % (sizeof words / sizeof *words)];
                memcpy(buf + n, w, strlen(w));
                n += strlen(w);
            } else {
                buf[n++] = (char)(r >> 4);
            }
        }
        lede_config *c = config_new();
        config_parse(c, buf, n);
        for (size_t i = 0; i < c->nerrors; i++) {
            assert_memory_equal(c->errors[i].msg, "config:", 7);
            for (const char *p = c->errors[i].msg; *p; p++)
                assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
        }
        config_free(c);
    }
    /* one very long line */
    memset(buf, 'x', sizeof buf - 1);
    memcpy(buf, "watch ", 6);
    lede_config *c = config_new();
    config_parse(c, buf, sizeof buf - 1);
    assert_int_equal(c->nerrors, 1);
    assert_non_null(strstr(c->errors[0].msg, "too long"));
    config_free(c);
}

static void test_default_path(void **unused)
{
    (void)unused;
    char buf[256];
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    assert_int_equal(config_default_path(buf, sizeof buf), 0);
    assert_string_equal(buf, "/cfg/lede/config");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/u", 1);
    assert_int_equal(config_default_path(buf, sizeof buf), 0);
    assert_string_equal(buf, "/home/u/.config/lede/config");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_is_defaults),
        cmocka_unit_test(test_colors),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_load_files),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
