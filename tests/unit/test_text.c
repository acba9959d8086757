/* Unit tests for the Unicode layer: exact bytes out of the cleaner,
 * cluster lengths and widths, folding with its map back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Clean a literal and compare with the expected bytes. */
static text_buf cleaned;

static void expect_clean(const char *in, size_t inlen, const char *want)
{
    text_clean(in, inlen, &cleaned);
    assert_int_equal(cleaned.len, strlen(want));
    assert_memory_equal(cleaned.data, want, cleaned.len);
    assert_int_equal(cleaned.data[cleaned.len], '\0');
}

#define CLEAN(in, want) expect_clean(in, sizeof(in) - 1, want)

static int teardown_clean(void **state)
{
    (void)state;
    text_buf_fini(&cleaned);
    return 0;
}

static void test_clean_plain_unchanged(void **state)
{
    (void)state;
    CLEAN("Hello, world.\n\tTabbed line\n", "Hello, world.\n\tTabbed line\n");
    assert_int_equal(cleaned.nedits, 0);
    CLEAN("Zürich 中文 👍", "Zürich 中文 👍");
    CLEAN("", "");
}

static void test_clean_invalid_utf8(void **state)
{
    (void)state;
    /* Latin-1 pound sign: one bad byte, one U+FFFD. */
    CLEAN("\xa3" "5", "\xef\xbf\xbd" "5");
    /* Overlong '/' and an encoded surrogate: every byte is bad. */
    CLEAN("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
    CLEAN("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    /* A truncated sequence before ASCII, and one at the very end. */
    CLEAN("\xe2\x82" "A\xe2", "\xef\xbf\xbd\xef\xbf\xbd" "A\xef\xbf\xbd");
    /* Beyond U+10FFFF. */
    CLEAN("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                              "\xef\xbf\xbd");
    /* A bad byte counts as one character: no edit. */
    CLEAN("a\xa3" "b", "a\xef\xbf\xbd" "b");
    assert_int_equal(cleaned.nedits, 0);
}

static void test_clean_bom_and_newlines(void **state)
{
    (void)state;
    CLEAN("\xef\xbb\xbfTitle\r\nBody\rEnd\r", "Title\nBody\nEnd\n");
    /* A BOM later in the text is a character (ZWNBSP), kept. */
    CLEAN("a\xef\xbb\xbf" "b", "a\xef\xbb\xbf" "b");
    /* Blank lines are kept one for one. */
    CLEAN("a\r\n\r\n\n\r\rb", "a\n\n\n\n\nb");
}

static void test_clean_controls(void **state)
{
    (void)state;
    CLEAN("a\x00" "b\x01\x08\x7f" "c\x0b\x0c" "d", "abcd");
    /* C1 controls as UTF-8 (U+0085 NEL, U+0080). */
    CLEAN("x\xc2\x85y\xc2\x80z", "xyz");
    /* Bidi embeddings, overrides and isolates. */
    CLEAN("\xe2\x80\xaa" "a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x81\xa9",
          "abc");
    /* Left-to-right mark is not in the list: kept. */
    CLEAN("a\xe2\x80\x8e" "b", "a\xe2\x80\x8e" "b");
}

static void test_clean_escape_sequences(void **state)
{
    (void)state;
    CLEAN("\x1b[1;31mRed\x1b[0m plain", "Red plain");
    CLEAN("a\x1b[?25lb", "ab");          /* private parameters */
    CLEAN("a\x1b[2 qb", "ab");           /* intermediate byte */
    CLEAN("a\x1b]0;evil title\x07" "b", "ab");
    CLEAN("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb");
    CLEAN("a\x1bPq#0;2;0;0;0\x1b\\b", "ab");  /* DCS (sixel) */
    CLEAN("a\x1bX sos \x1b\\b\x1b^pm\x1b\\c\x1b_apc\x1b\\d", "abcd");
    CLEAN("a\x1b" "7b\x1b" "8c\x1b" "cd", "abcd"); /* two-byte forms */
    CLEAN("a\x1b(Bb\x1b#8c", "abc");     /* with intermediates */
    /* 8-bit C1 introducers written as UTF-8. */
    CLEAN("a\xc2\x9b" "2Jb", "ab");
    CLEAN("a\xc2\x9d" "0;t\x07" "b", "ab");
    CLEAN("a\xc2\x90q\xc2\x9c" "b", "ab");
    /* A lone ESC at the end, and ESC before a non-ASCII byte. */
    CLEAN("a\x1b", "a");
    CLEAN("a\x1b\xc3\xa9", "a\xc3\xa9");
}

static void test_clean_unterminated_string_stops_at_newline(void **state)
{
    (void)state;
    CLEAN("one\x1b]0;never ends\ntwo\nthree", "one\ntwo\nthree");
    CLEAN("one\xc2\x9dtitle\r\ntwo", "one\ntwo");
    /* An ESC inside a string ends it and starts a new sequence. */
    CLEAN("a\x1b]0;x\x1b[1mb", "ab");
    /* CSI broken by a newline keeps the newline. */
    CLEAN("a\x1b[12\nb", "a\nb");
}

static void test_clean_newlines_one_for_one(void **state)
{
    (void)state;
    const char in[] = "l1\x1b]x\nl2\r\nl3\x1b[\nl4\xc2\x9b\rl5\n";
    text_clean(in, sizeof in - 1, &cleaned);
    size_t nl = 0;
    for (size_t i = 0; i < cleaned.len; i++)
        nl += cleaned.data[i] == '\n';
    assert_int_equal(nl, 5);
    assert_string_equal(cleaned.data, "l1\nl2\nl3\nl4\nl5\n");
}

static void test_clean_nfc(void **state)
{
    (void)state;
    CLEAN("Cafe\xcc\x81!", "Caf\xc3\xa9!");           /* e + acute */
    CLEAN("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "한"); /* jamo L V T */
    CLEAN("\xe2\x84\xab", "\xc3\x85");                 /* angstrom sign */
    /* Marks reordered canonically then composed: a + dot below + ring. */
    CLEAN("a\xcc\x8a\xcc\xa3", "\xe1\xba\xa1\xcc\x8a");
    /* An escape sequence between base and mark does not stop NFC. */
    CLEAN("e\x1b[1m\xcc\x81", "\xc3\xa9");
}

static void test_clean_combining_flood(void **state)
{
    (void)state;
    enum { N = 10000 };
    size_t len = 1 + 2 * N;
    char *in = malloc(len);
    in[0] = 'a';
    for (size_t i = 0; i < N; i++)
        memcpy(in + 1 + 2 * i, "\xcc\x81", 2);
    text_clean(in, len, &cleaned);
    /* Too long to normalise in place: copied through unchanged. */
    assert_int_equal(cleaned.len, len);
    assert_memory_equal(cleaned.data, in, len);
    free(in);
}

/* File column (1-based) of clean byte offset p, on a one-line text. */
static uint32_t file_col(const text_buf *b, uint32_t p)
{
    uint32_t col = 1;
    for (uint32_t i = 0; i < p;) {
        size_t n;
        text_decode(b->data + i, b->len - i, &n);
        i += (uint32_t)n;
        col++;
    }
    for (size_t k = 0; k < b->nedits; k++)
        if (b->edits[k].off <= p)
            col += (uint32_t)b->edits[k].delta;
    return col;
}

static void test_clean_edits_map_columns(void **state)
{
    (void)state;
    /* "x" ESC[31m "y" ESC]0;t BEL "e" U+0301 "z" */
    const char in[] = "x\x1b[31my\x1b]0;t\x07" "e\xcc\x81z";
    text_clean(in, sizeof in - 1, &cleaned);
    assert_string_equal(cleaned.data, "xy\xc3\xa9z");
    assert_int_equal(file_col(&cleaned, 0), 1);  /* x */
    assert_int_equal(file_col(&cleaned, 1), 7);  /* y after 5 removed */
    assert_int_equal(file_col(&cleaned, 2), 14); /* e after 6 more */
    assert_int_equal(file_col(&cleaned, 4), 16); /* z after e + mark */
    /* CRLF: the CR is one character gone at the end of its line. */
    text_clean("ab\r\ncd", 6, &cleaned);
    assert_int_equal(cleaned.nedits, 1);
    assert_int_equal(cleaned.edits[0].off, 2);
    assert_int_equal(cleaned.edits[0].delta, 1);
    /* Removed at the start of a line, before a non-ASCII character: the
     * edit is at the line start, not after the character. */
    text_clean("a\r\x1b[1m\xc3\xa9x", 9, &cleaned);
    assert_string_equal(cleaned.data, "a\n\xc3\xa9x");
    assert_int_equal(cleaned.nedits, 1);
    assert_int_equal(cleaned.edits[0].off, 2);
    assert_int_equal(cleaned.edits[0].delta, 4);
    /* BOM: the first character is at column 2 of the file. */
    text_clean("\xef\xbb\xbfhi", 5, &cleaned);
    assert_int_equal(file_col(&cleaned, 0), 2);
}

static void test_clean_label(void **state)
{
    (void)state;
    const char in[] = "news\n\x1b[2Jfile\xa3\xe2\x80\xae.txt\x7f";
    char *l = text_clean_label(in, sizeof in - 1);
    assert_string_equal(l, "news??[2Jfile\xef\xbf\xbd?.txt?");
    free(l);
    l = text_clean_label("Cafe\xcc\x81.txt", 10);
    assert_string_equal(l, "Caf\xc3\xa9.txt");
    free(l);
}

static void test_decode_encode(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(text_decode("\xf0\x9f\x91\x8d", 4, &n), 0x1F44D);
    assert_int_equal(n, 4);
    assert_int_equal(text_decode("\xe2\x82", 2, &n), 0xFFFD);
    assert_int_equal(n, 1);
    char buf[4];
    assert_int_equal(text_encode(0x20AC, buf), 3);
    assert_memory_equal(buf, "\xe2\x82\xac", 3);
    assert_int_equal(text_encode(0xD800, buf), 3); /* surrogate -> FFFD */
    assert_memory_equal(buf, "\xef\xbf\xbd", 3);
}

static void expect_cluster(const char *s, size_t want_len, int want_width)
{
    size_t len = strlen(s);
    char buf[64];
    /* Followed by a letter, the cluster must end where expected. */
    memcpy(buf, s, len);
    buf[len] = 'x';
    assert_int_equal(text_cluster_len(buf, len + 1), want_len);
    assert_int_equal(text_cluster_width(s, want_len), want_width);
}

static void test_clusters_and_widths(void **state)
{
    (void)state;
    expect_cluster("\xc3\xa9", 2, 1);                 /* é precomposed */
    expect_cluster("e\xcc\x81", 3, 1);                /* é decomposed */
    expect_cluster("한", 3, 2);
    expect_cluster("中", 3, 2);
    expect_cluster("\xe3\x80\x80", 3, 2);             /* U+3000 */
    expect_cluster("👍🏽", 8, 2);                      /* skin tone */
    expect_cluster("👨‍👩‍👧", 18, 2);                    /* ZWJ family */
    expect_cluster("🇫🇷", 8, 2);                      /* flag */
    expect_cluster("\xe2\x98\xba\xef\xb8\x8f", 6, 2); /* ☺ + VS16 */
    expect_cluster("\xe2\x98\xba", 3, 1);             /* ☺ text style */
    expect_cluster("\xcc\x81", 2, 0);                 /* lone mark */
    expect_cluster("a", 1, 1);
    assert_int_equal(text_cluster_width("\t", 1), 1);
    assert_int_equal(text_cluster_len("", 0), 0);
    /* Two flags are two clusters. */
    assert_int_equal(text_cluster_len("🇫🇷🇩🇪", 16), 8);
}

/* Found by fuzz_layout: a space with VS16 or a skin tone attached is
 * one cluster; layout counts it as the blank it starts with, so its
 * width must be 1 or a drawn line is wider than its layout. */
static void test_blank_with_extenders_is_one_column(void **state)
{
    (void)state;
    expect_cluster(" \xef\xb8\x8f", 4, 1);         /* space + VS16 */
    expect_cluster(" \xf0\x9f\x8f\xbd", 5, 1);     /* space + skin tone */
    expect_cluster(" \xcc\x81", 3, 1);              /* space + acute */
    assert_int_equal(text_width("they \xef\xb8\x8f.", 10), 6);
}

static void test_width_and_fit(void **state)
{
    (void)state;
    const char *s = "a中e\xcc\x81👨‍👩‍👧b";
    size_t len = strlen(s);
    assert_int_equal(text_width(s, len), 1 + 2 + 1 + 2 + 1);
    assert_int_equal(text_fit(s, len, 0), 0);
    assert_int_equal(text_fit(s, len, 1), 1);
    assert_int_equal(text_fit(s, len, 2), 1);   /* 中 does not fit */
    assert_int_equal(text_fit(s, len, 3), 4);
    assert_int_equal(text_fit(s, len, 4), 7);   /* é whole */
    assert_int_equal(text_fit(s, len, 5), 7);   /* family whole or not */
    assert_int_equal(text_fit(s, len, 6), 25);
    assert_int_equal(text_fit(s, len, 99), len);
}

static void test_classes(void **state)
{
    (void)state;
    assert_true(text_is_cjk_break(0x4E2D));  /* 中 */
    assert_true(text_is_cjk_break(0x3042));  /* あ */
    assert_true(text_is_cjk_break(0x30AB));  /* カ */
    assert_true(text_is_cjk_break(0xD55C));  /* 한 */
    assert_true(text_is_cjk_break(0x3002));  /* 。 */
    assert_true(text_is_cjk_break(0xFF01));  /* ！ */
    assert_true(text_is_cjk_break(0x20000));
    assert_false(text_is_cjk_break('a'));
    assert_false(text_is_cjk_break(0xE9));
    assert_true(text_is_letter(0xE9));
    assert_true(text_is_letter(0x4E2D));
    assert_false(text_is_letter('1'));
    assert_true(text_is_upper(0xC9));
    assert_true(text_is_upper(0x01C5));      /* titlecase Dž */
    assert_false(text_is_upper(0xE9));
    assert_true(text_has_upper("caf\xc3\x89", 5));
    assert_false(text_has_upper("caf\xc3\xa9 42", 8));
    assert_true(text_has_accent("S\xc3\xa3o", 4));
    assert_true(text_has_accent("e\xcc\x81", 3));
    assert_false(text_has_accent("Sao \xe4\xb8\xad", 7));
}

static text_fold_buf folded;

static int teardown_fold(void **state)
{
    (void)state;
    text_fold_fini(&folded);
    return 0;
}

static const char *fold(const char *s, unsigned flags)
{
    text_fold(s, strlen(s), flags, &folded);
    assert_int_equal(folded.map[folded.len], strlen(s));
    return folded.s;
}

static void test_fold_case(void **state)
{
    (void)state;
    assert_string_equal(fold("STRASSE", TEXT_FOLD_CASE), "strasse");
    assert_string_equal(fold("straße", TEXT_FOLD_CASE), "strasse");
    /* Final and medial sigma fold alike; the accent stays. */
    assert_string_equal(fold("ΣΟΦΊΑ", TEXT_FOLD_CASE), "σοφία");
    assert_string_equal(fold("σοφίας", TEXT_FOLD_CASE), "σοφίασ");
    assert_string_equal(fold("São Paulo", TEXT_FOLD_CASE), "são paulo");
}

static void test_fold_accents(void **state)
{
    (void)state;
    assert_string_equal(fold("São Paulo", TEXT_FOLD_ACCENTS), "Sao Paulo");
    assert_string_equal(fold("São Paulo", TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS),
                        "sao paulo");
    assert_string_equal(fold("ΣΟΦΊΑ", TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS),
                        "σοφια");
    /* Not composed back: 한 stays a syllable, ñ loses its tilde. */
    assert_string_equal(fold("Ñandú", TEXT_FOLD_ACCENTS), "Nandu");
    assert_string_equal(fold("한국", TEXT_FOLD_ACCENTS), "한국");
    /* A spacing mark (Devanagari vowel sign AA) is not an accent. */
    assert_string_equal(fold("का", TEXT_FOLD_ACCENTS), "का");
}

static void test_fold_map_and_span(void **state)
{
    (void)state;
    const char *s = "Maß x";   /* M a ß(2 bytes) space x */
    fold(s, TEXT_FOLD_CASE);
    assert_string_equal(folded.s, "mass x");
    assert_int_equal(folded.map[2], 2);
    assert_int_equal(folded.map[3], 2);  /* both s come from ß */
    assert_int_equal(folded.map[4], 4);
    uint32_t off, len;
    /* "s" (the second one) widens to the whole ß. */
    text_fold_span(&folded, 3, 4, &off, &len);
    assert_int_equal(off, 2);
    assert_int_equal(len, 2);
    /* "mass" covers "Maß". */
    text_fold_span(&folded, 0, 4, &off, &len);
    assert_int_equal(off, 0);
    assert_int_equal(len, 4);
    text_fold_span(&folded, 5, 6, &off, &len);
    assert_int_equal(off, 5);
    assert_int_equal(len, 1);
    /* A decomposed accent with no precomposed form: "x̂y" folds to
     * "xy", and the span of "x" keeps its mark. */
    fold("x\xcc\x82y", TEXT_FOLD_ACCENTS);
    assert_string_equal(folded.s, "xy");
    text_fold_span(&folded, 0, 1, &off, &len);
    assert_int_equal(off, 0);
    assert_int_equal(len, 3);
}

int main(void)
{
    const struct CMUnitTest clean_tests[] = {
        cmocka_unit_test(test_clean_plain_unchanged),
        cmocka_unit_test(test_clean_invalid_utf8),
        cmocka_unit_test(test_clean_bom_and_newlines),
        cmocka_unit_test(test_clean_controls),
        cmocka_unit_test(test_clean_escape_sequences),
        cmocka_unit_test(test_clean_unterminated_string_stops_at_newline),
        cmocka_unit_test(test_clean_newlines_one_for_one),
        cmocka_unit_test(test_clean_nfc),
        cmocka_unit_test(test_clean_combining_flood),
        cmocka_unit_test(test_clean_edits_map_columns),
        cmocka_unit_test(test_clean_label),
    };
    const struct CMUnitTest other_tests[] = {
        cmocka_unit_test(test_decode_encode),
        cmocka_unit_test(test_clusters_and_widths),
        cmocka_unit_test(test_blank_with_extenders_is_one_column),
        cmocka_unit_test(test_width_and_fit),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_fold_case),
        cmocka_unit_test(test_fold_accents),
        cmocka_unit_test(test_fold_map_and_span),
    };
    int fails = cmocka_run_group_tests_name("text_clean", clean_tests, NULL,
                                            teardown_clean);
    fails += cmocka_run_group_tests_name("text", other_tests, NULL,
                                         teardown_fold);
    return fails ? 1 : 0;
}
