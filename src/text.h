/* text.h: the Unicode layer (utf8proc underneath).
 *
 * Cleaning is the gate every byte from a file passes once: after
 * text_clean() the text is valid UTF-8 in NFC with no control character
 * but '\n' and '\t'. Every other function here expects cleaned text.
 * All widths are display columns, never bytes. Nothing here allocates per
 * character: callers pass reusable buffers. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One place where cleaning changed the number of characters: at clean
 * byte offset `off`, the file had `delta` more characters than the clean
 * text (negative when cleaning produced more, e.g. an NFC expansion).
 * Used to report columns "as in the file". */
/* Edits are in increasing `off` order and incremental: a clean character
 * at byte offset p lies sum(delta of edits with line_start <= off <= p)
 * characters further right in the file's line than in the clean line.
 * One bad byte counts as one file character (it becomes one U+FFFD). */
typedef struct text_edit {
    uint32_t off;
    int32_t delta;
} text_edit;

/* A reusable output buffer for text_clean(): owned by the caller,
 * released with text_buf_fini(). data is NUL-terminated after a clean. */
typedef struct text_buf {
    char *data;
    size_t len, cap;
    text_edit *edits;
    size_t nedits, edcap;
} text_buf;

void text_buf_fini(text_buf *b);

/* Clean `len` raw bytes into `out` (replacing its contents): invalid
 * UTF-8 -> U+FFFD (one per bad byte), BOM dropped, CRLF and CR -> LF,
 * whole ESC/CSI/OSC/DCS/SOS/PM/APC sequences, C0 (but \n \t), DEL, C1 and
 * the bidi controls U+202A-U+202E, U+2066-U+2069 removed, NFC applied per
 * grapheme cluster. Newlines are kept one for one, so line numbers of the
 * clean text are the file's. Records edits for column mapping. */
void text_clean(const char *in, size_t len, text_buf *out);

/* Clean a file name (or any short label) for display: like text_clean
 * but every control character becomes '?' (as ls -q does) and newlines
 * too. Returns a malloc'd NUL-terminated string the caller frees. */
char *text_clean_label(const char *in, size_t len);

/* Decode one code point at s[0..len) (valid UTF-8 expected); stores its
 * byte length in *n (>= 1 when len > 0). Returns the code point, or
 * 0xFFFD on malformed input. */
int32_t text_decode(const char *s, size_t len, size_t *n);

/* Encode cp as UTF-8 into out (4 bytes room); returns bytes written. */
size_t text_encode(int32_t cp, char *out);

/* Byte length of the grapheme cluster (extended, UAX #29) that starts at
 * s[0]; 0 only when len == 0. */
size_t text_cluster_len(const char *s, size_t len);

/* Display width of one cluster: 0 for a lone combining sequence, 2 for
 * East Asian wide/fullwidth (U+3000 included) and for emoji clusters
 * (ZWJ sequences, skin tones, flags, VS16), else 1. Tabs report 1 here;
 * layout expands them. */
int text_cluster_width(const char *s, size_t len);

/* Display width of a whole string, summing its clusters (tab = 1). */
size_t text_width(const char *s, size_t len);

/* Cut s to at most `cols` columns at a cluster boundary; returns the
 * byte length kept. */
size_t text_fit(const char *s, size_t len, size_t cols);

/* True when cp is a CJK/wide ideograph or kana where a line may break
 * between two characters without a space. */
bool text_is_cjk_break(int32_t cp);

/* True for a code point with the general category of a letter. */
bool text_is_letter(int32_t cp);
/* True for an uppercase or titlecase letter. */
bool text_is_upper(int32_t cp);

enum {
    TEXT_FOLD_CASE = 1,    /* full Unicode case folding: "ß" -> "ss" */
    TEXT_FOLD_ACCENTS = 2, /* strip combining marks: "São" -> "Sao" */
};

/* Folded copy of a text with a map back to the original. The caller owns
 * it (zero-initialise, reuse across calls, text_fold_fini to release).
 * map[i] is the byte offset in the original of the character that
 * produced folded byte i; map[len] == the original length. */
typedef struct text_fold_buf {
    char *s;
    size_t len, cap;
    uint32_t *map;
    size_t mapcap;
} text_fold_buf;

void text_fold(const char *s, size_t len, unsigned flags, text_fold_buf *out);
void text_fold_fini(text_fold_buf *f);

/* Map a folded range [fstart, fend) back to the original byte range,
 * widened to whole original characters. */
void text_fold_span(const text_fold_buf *f, size_t fstart, size_t fend,
                    uint32_t *off, uint32_t *len);

/* True when the string contains an uppercase letter (smart case). */
bool text_has_upper(const char *s, size_t len);
/* True when the string contains a character with a combining mark in its
 * canonical decomposition, or a combining mark (accent-sensitive search). */
bool text_has_accent(const char *s, size_t len);

#endif
