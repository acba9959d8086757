/* text.c: the Unicode layer. See text.h for the contracts.
 *
 * text_clean is one pass over the raw bytes: a decoder that repairs UTF-8,
 * a filter that drops controls and whole escape sequences, and a cluster
 * accumulator that applies NFC one grapheme cluster at a time in a stack
 * buffer. Runs of plain ASCII bypass the last two stages. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

enum {
    CLUSTER_MAX = 32,      /* code points buffered for NFC */
    DECOMP_MAX = 4 * CLUSTER_MAX,
    CP_ESC = 0x1B,
    CP_BOM = 0xFEFF,
    CP_ZWJ = 0x200D,
    CP_VS16 = 0xFE0F,
};

void text_buf_fini(text_buf *b)
{
    free(b->data);
    free(b->edits);
    memset(b, 0, sizeof *b);
}

/* ---- decoding and encoding ---- */

static inline bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

int32_t text_decode(const char *s_, size_t len, size_t *n)
{
    const unsigned char *s = (const unsigned char *)s_;
    *n = len ? 1 : 0;
    if (!len)
        return 0xFFFD;
    unsigned char c = s[0];
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF) {
        if (len < 2 || !is_cont(s[1]))
            return 0xFFFD;
        *n = 2;
        return ((int32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c >= 0xE0 && c <= 0xEF) {
        /* The second byte's range excludes overlongs (E0) and
         * surrogates (ED). */
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        if (len < 3 || s[1] < lo || s[1] > hi || !is_cont(s[2]))
            return 0xFFFD;
        *n = 3;
        return ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) |
               (s[2] & 0x3F);
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        if (len < 4 || s[1] < lo || s[1] > hi || !is_cont(s[2]) ||
            !is_cont(s[3]))
            return 0xFFFD;
        *n = 4;
        return ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12) |
               ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    return 0xFFFD;
}

size_t text_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- NFC of one cluster ---- */

/* Canonical ordering of combining marks (stable insertion sort by
 * combining class within runs of non-starters). */
static void canonical_order(int32_t *cp, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t c = cp[i];
        int cc = utf8proc_get_property(c)->combining_class;
        if (!cc)
            continue;
        size_t j = i;
        while (j > 0) {
            int pc = utf8proc_get_property(cp[j - 1])->combining_class;
            if (!pc || pc <= cc)
                break;
            cp[j] = cp[j - 1];
            j--;
        }
        cp[j] = c;
    }
}

/* NFC of cp[0..n) into out (DECOMP_MAX room); returns the count, or -1
 * when the decomposition does not fit (the caller keeps the input). */
static long nfc_cluster(const int32_t *cp, size_t n, int32_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int lbc = 0;
        utf8proc_ssize_t r = utf8proc_decompose_char(
            cp[i], out + m, (utf8proc_ssize_t)(DECOMP_MAX - m),
            UTF8PROC_DECOMPOSE, &lbc);
        if (r < 0 || (size_t)r > DECOMP_MAX - m)
            return -1;
        m += (size_t)r;
    }
    canonical_order(out, m);
    utf8proc_ssize_t r = utf8proc_normalize_utf32(
        out, (utf8proc_ssize_t)m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    return r < 0 ? -1 : (long)r;
}

/* Han ideographs (no decomposition) and Hangul syllables. */
static bool is_han_or_syllable(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* True when a one-code-point cluster is already in NFC: it has no
 * canonical decomposition (Hangul syllables are algorithmic and NFC). */
static bool single_is_nfc(int32_t cp)
{
    if (cp < 0x300 || is_han_or_syllable(cp))
        return true;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0;
}

/* ---- the cleaner's state ---- */

typedef struct cleaner {
    text_buf *out;
    int32_t cl[CLUSTER_MAX]; /* code points of the open cluster */
    size_t ncl;
    bool open;               /* a cluster is in progress */
    bool raw;                /* it overflowed: copied through as is */
    int32_t prev;            /* last code point of the open cluster */
    utf8proc_int32_t gstate; /* grapheme break state */
    long removed;            /* file characters dropped since last flush */
} cleaner;

static void out_reserve(text_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap)
        LEDE_GROW(b->data, b->cap, b->len + extra + 1);
}

static void add_edit(text_buf *b, long delta)
{
    if (!delta)
        return;
    if (b->nedits && b->edits[b->nedits - 1].off == b->len) {
        b->edits[b->nedits - 1].delta += (int32_t)delta;
        return;
    }
    LEDE_GROW(b->edits, b->edcap, b->nedits + 1);
    b->edits[b->nedits].off = (uint32_t)b->len;
    b->edits[b->nedits].delta = (int32_t)delta;
    b->nedits++;
}

static void put_cps(text_buf *b, const int32_t *cp, size_t n)
{
    out_reserve(b, 4 * n);
    for (size_t i = 0; i < n; i++)
        b->len += text_encode(cp[i], b->data + b->len);
}

/* Emit the buffered code points of the open cluster (NFC unless it has
 * overflowed), then record pending edits at the end of what was written. */
static void flush_cluster(cleaner *c)
{
    if (c->ncl) {
        int32_t nf[DECOMP_MAX];
        long m = -1;
        if (!c->raw && c->ncl == 1 && single_is_nfc(c->cl[0]))
            m = -1;
        else if (!c->raw)
            m = nfc_cluster(c->cl, c->ncl, nf);
        if (m >= 0) {
            put_cps(c->out, nf, (size_t)m);
            c->removed += (long)c->ncl - m;
        } else {
            put_cps(c->out, c->cl, c->ncl);
        }
        c->ncl = 0;
    }
    add_edit(c->out, c->removed);
    c->removed = 0;
}

static void end_cluster(cleaner *c)
{
    flush_cluster(c);
    c->open = false;
    c->raw = false;
}

/* A shortcut for CJK text: a Han ideograph or Hangul syllable always
 * starts a cluster after Latin, CJK or another syllable (it can only join
 * a preceding Prepend character or Hangul leading jamo, which are outside
 * these ranges). */
static bool surely_breaks(int32_t prev, int32_t cp)
{
    if (!is_han_or_syllable(cp))
        return false;
    return prev < 0x600 || (prev >= 0x2E80 && prev <= 0xA95F) ||
           (prev >= 0xAC00 && prev <= 0xD7A3);
}

/* Add one kept code point to the cluster stream. */
static void push_cp(cleaner *c, int32_t cp)
{
    if (c->open && (surely_breaks(c->prev, cp) ||
                    utf8proc_grapheme_break_stateful(c->prev, cp, &c->gstate)))
        end_cluster(c);
    if (!c->open) {
        flush_cluster(c); /* edits pending before the cluster go first */
        c->open = true;
        c->gstate = 0;
    }
    if (c->ncl == CLUSTER_MAX) {
        /* A cluster too long for the stack buffer (a flood of combining
         * marks): copy it through as is rather than allocate. */
        c->raw = true;
        flush_cluster(c);
    }
    c->cl[c->ncl++] = cp;
    c->prev = cp;
}

static void put_newline(cleaner *c)
{
    end_cluster(c);
    out_reserve(c->out, 1);
    c->out->data[c->out->len++] = '\n';
}

/* ---- escape sequences ---- */

static bool is_string_intro(int32_t cp)
{
    return cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_';
}

/* Skip the body of a CSI (after ESC [ or U+009B): parameter and
 * intermediate bytes, then one final byte. Anything else ends it early,
 * unconsumed. Returns the new index; *chars counts what was skipped. */
static size_t skip_csi(const unsigned char *s, size_t len, size_t i,
                       long *chars)
{
    while (i < len && s[i] >= 0x20 && s[i] <= 0x3F) {
        i++;
        (*chars)++;
    }
    if (i < len && s[i] >= 0x40 && s[i] <= 0x7E) {
        i++;
        (*chars)++;
    }
    return i;
}

/* Skip the body of a string sequence (OSC, DCS, SOS, PM, APC) up to its
 * terminator: BEL, ESC \ or U+009C (consumed). An unterminated one stops
 * at a newline (kept) or at an ESC starting another sequence, so it
 * cannot swallow the rest of the file. */
static size_t skip_string(const unsigned char *s, size_t len, size_t i,
                          long *chars)
{
    while (i < len) {
        unsigned char b = s[i];
        if (b == '\n' || b == '\r')
            return i;
        if (b == 0x07) {
            (*chars)++;
            return i + 1;
        }
        if (b == CP_ESC) {
            if (i + 1 < len && s[i + 1] == '\\') {
                *chars += 2;
                return i + 2;
            }
            return i;
        }
        size_t n;
        int32_t cp = text_decode((const char *)s + i, len - i, &n);
        (*chars)++;
        i += n;
        if (cp == 0x9C)
            return i;
    }
    return i;
}

/* Skip a sequence starting with ESC at s[i]; returns the new index. */
static size_t skip_esc(const unsigned char *s, size_t len, size_t i,
                       long *chars)
{
    (*chars)++;
    i++;
    if (i >= len)
        return i;
    unsigned char b = s[i];
    if (b == '[') {
        (*chars)++;
        return skip_csi(s, len, i + 1, chars);
    }
    if (is_string_intro(b)) {
        (*chars)++;
        return skip_string(s, len, i + 1, chars);
    }
    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F) {
        i++;
        (*chars)++;
    }
    if (i < len && s[i] >= 0x30 && s[i] <= 0x7E) {
        i++;
        (*chars)++;
    }
    return i;
}

/* Skip a C1 control written as UTF-8 (U+0080-U+009F, 2 bytes at s[i]),
 * with the body when it introduces a CSI or a string. */
static size_t skip_c1(const unsigned char *s, size_t len, size_t i,
                      int32_t cp, long *chars)
{
    (*chars)++;
    i += 2;
    if (cp == 0x9B)
        return skip_csi(s, len, i, chars);
    if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F)
        return skip_string(s, len, i, chars);
    return i;
}

static bool is_bidi_control(int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static inline bool plain_ascii(unsigned char b)
{
    return (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\t';
}

/* Copy a run of plain ASCII s[i..j) straight to the output; its last
 * byte stays open as a cluster when a non-ASCII byte follows (it may be
 * a base for combining marks). */
static void put_ascii_run(cleaner *c, const unsigned char *s, size_t i,
                          size_t j, size_t len)
{
    end_cluster(c);
    size_t k = j < len ? j - 1 : j;
    text_buf *b = c->out;
    out_reserve(b, k - i);
    memcpy(b->data + b->len, s + i, k - i);
    b->len += k - i;
    if (k < j)
        push_cp(c, s[k]);
}

/* Handle one non-plain character at s[i]; returns the new index. */
static size_t clean_one(cleaner *c, const unsigned char *s, size_t len,
                        size_t i)
{
    size_t n;
    int32_t cp = text_decode((const char *)s + i, len - i, &n);
    if (cp == 0xFFFD && n == 1 && s[i] >= 0x80) {
        push_cp(c, 0xFFFD);
        return i + 1;
    }
    if (cp == CP_ESC)
        return skip_esc(s, len, i, &c->removed);
    if (cp >= 0x80 && cp <= 0x9F)
        return skip_c1(s, len, i, cp, &c->removed);
    if (cp == '\r') {
        if (i + 1 < len && s[i + 1] == '\n')
            c->removed++; /* CRLF: the LF comes next */
        else
            put_newline(c);
        return i + 1;
    }
    if (cp < 0x20 || cp == 0x7F || is_bidi_control(cp) ||
        (cp == CP_BOM && c->out->len == 0 && !c->open)) {
        c->removed++;
        return i + n;
    }
    push_cp(c, cp);
    return i + n;
}

void text_clean(const char *in, size_t len, text_buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    cleaner c;
    memset(&c, 0, sizeof c);
    c.out = out;
    out->len = 0;
    out->nedits = 0;
    out_reserve(out, len < 1 << 20 ? len : (size_t)1 << 20);
    size_t i = 0;
    while (i < len) {
        if (plain_ascii(s[i])) {
            size_t j = i + 1;
            while (j < len && plain_ascii(s[j]))
                j++;
            put_ascii_run(&c, s, i, j, len);
            i = j;
        } else {
            i = clean_one(&c, s, len, i);
        }
    }
    end_cluster(&c);
    out_reserve(out, 0);
    out->data[out->len] = '\0';
}

/* ---- labels ---- */

char *text_clean_label(const char *in, size_t len)
{
    const unsigned char *s = (const unsigned char *)in;
    text_buf b = {0};
    out_reserve(&b, len * 3);
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t cp = text_decode(in + i, len - i, &n);
        if (cp == 0xFFFD && n == 1 && s[i] >= 0x80)
            cp = 0xFFFD;
        else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                 is_bidi_control(cp))
            cp = '?';
        b.len += text_encode(cp, b.data + b.len);
        i += n;
    }
    b.data[b.len] = '\0';
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)b.data,
                                      (utf8proc_ssize_t)b.len, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0 || !nfc) {
        free(nfc);
        return b.data;
    }
    char *res = lede_strndup((const char *)nfc, (size_t)r);
    free(nfc);
    free(b.data);
    return res;
}

/* ---- clusters and widths ---- */

size_t text_cluster_len(const char *s, size_t len)
{
    if (!len)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 && (len == 1 || u[1] < 0x80))
        return (u[0] == '\r' && len > 1 && u[1] == '\n') ? 2 : 1;
    size_t n;
    int32_t prev = text_decode(s, len, &n);
    utf8proc_int32_t state = 0;
    size_t i = n;
    while (i < len) {
        int32_t cp = text_decode(s + i, len - i, &n);
        if (utf8proc_grapheme_break_stateful(prev, cp, &state))
            break;
        prev = cp;
        i += n;
    }
    return i;
}

static bool is_regional(int32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }
static bool is_skin_tone(int32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

static bool is_pictographic(int32_t cp)
{
    int bc = utf8proc_get_property(cp)->boundclass;
    return bc == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
           bc == UTF8PROC_BOUNDCLASS_E_ZWG;
}

/* Width of a cluster that holds more than one code point. */
static int multi_width(const char *s, size_t len, int32_t first)
{
    /* A blank with marks, VS16 or a skin tone attached is still one
     * blank: layout wraps at it and counts it so. */
    if (first == ' ' || first == '\t')
        return 1;
    int w = utf8proc_charwidth(first);
    int nri = is_regional(first);
    size_t n;
    for (size_t i = 0; i < len; i += n) {
        int32_t cp = text_decode(s + i, len - i, &n);
        if (i == 0)
            continue;
        if (cp == CP_VS16 || is_skin_tone(cp) ||
            (cp == CP_ZWJ && is_pictographic(first)))
            return 2;
        nri += is_regional(cp);
        w += utf8proc_charwidth(cp);
    }
    if (nri >= 2)
        return 2;
    return w > 2 ? 2 : w;
}

int text_cluster_width(const char *s, size_t len)
{
    if (!len)
        return 0;
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80 && (len == 1 || (unsigned char)s[1] < 0x80))
        return (b >= 0x20 && b < 0x7F) || b == '\t' ? 1 : 0;
    size_t n;
    int32_t first = text_decode(s, len, &n);
    if (first == 0x3000)
        return 2;
    if (n < len)
        return multi_width(s, len, first);
    if (first == '\t')
        return 1;
    return utf8proc_charwidth(first);
}

/* Width of one ASCII byte that is a cluster of its own. */
static inline int ascii_width(unsigned char b)
{
    return (b >= 0x20 && b < 0x7F) || b == '\t';
}

static inline bool ascii_cluster(const char *s, size_t i, size_t len)
{
    return (unsigned char)s[i] < 0x80 && s[i] != '\r' &&
           (i + 1 == len || (unsigned char)s[i + 1] < 0x80);
}

size_t text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        if (ascii_cluster(s, i, len)) {
            w += (size_t)ascii_width((unsigned char)s[i++]);
            continue;
        }
        size_t n = text_cluster_len(s + i, len - i);
        w += (size_t)text_cluster_width(s + i, n);
        i += n;
    }
    return w;
}

size_t text_fit(const char *s, size_t len, size_t cols)
{
    size_t w = 0, i = 0;
    while (i < len) {
        size_t n = 1, cw;
        if (ascii_cluster(s, i, len)) {
            cw = (size_t)ascii_width((unsigned char)s[i]);
        } else {
            n = text_cluster_len(s + i, len - i);
            cw = (size_t)text_cluster_width(s + i, n);
        }
        if (w + cw > cols)
            break;
        w += cw;
        i += n;
    }
    return i;
}

/* ---- classes ---- */

bool text_is_cjk_break(int32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
           (cp >= 0x3000 && cp <= 0x303F) ||   /* CJK punctuation */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* hiragana, katakana */
           (cp >= 0x3100 && cp <= 0x312F) ||   /* bopomofo */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* katakana extension */
           (cp >= 0x3200 && cp <= 0x33FF) ||   /* enclosed, compat */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Han ext. A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Han */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compat ideographs */
           (cp >= 0xFF01 && cp <= 0xFF60) ||   /* fullwidth forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);   /* Han ext. B and on */
}

bool text_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    int c = (int)utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool text_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    int c = (int)utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* ---- folding ---- */

static void fold_reserve(text_fold_buf *f, size_t extra)
{
    size_t need = f->len + extra + 1;
    if (need > f->cap)
        LEDE_GROW(f->s, f->cap, need);
    if (need > f->mapcap)
        LEDE_GROW(f->map, f->mapcap, need);
}

/* Append the folded form of cp (from original offset `at`). */
static void fold_cp(text_fold_buf *f, int32_t cp, unsigned flags,
                    uint32_t at)
{
    utf8proc_int32_t buf[32];
    int opt = 0, lbc = 0;
    if (flags & TEXT_FOLD_CASE)
        opt |= UTF8PROC_CASEFOLD;
    /* Hangul syllables carry no accent: keep them whole, not as jamo. */
    if ((flags & TEXT_FOLD_ACCENTS) && !(cp >= 0xAC00 && cp <= 0xD7A3))
        opt |= UTF8PROC_DECOMPOSE;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 32,
                                                 (utf8proc_option_t)opt, &lbc);
    if (n < 0 || n > 32) {
        buf[0] = cp;
        n = 1;
    }
    fold_reserve(f, 4 * (size_t)n);
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        if ((flags & TEXT_FOLD_ACCENTS) &&
            utf8proc_category(buf[k]) == UTF8PROC_CATEGORY_MN)
            continue;
        size_t w = text_encode(buf[k], f->s + f->len);
        for (size_t j = 0; j < w; j++)
            f->map[f->len + j] = at;
        f->len += w;
    }
}

void text_fold(const char *s, size_t len, unsigned flags, text_fold_buf *out)
{
    out->len = 0;
    fold_reserve(out, len);
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            fold_reserve(out, 1);
            if ((flags & TEXT_FOLD_CASE) && b >= 'A' && b <= 'Z')
                b += 'a' - 'A';
            out->map[out->len] = (uint32_t)i;
            out->s[out->len++] = (char)b;
            i++;
            continue;
        }
        size_t n;
        int32_t cp = text_decode(s + i, len - i, &n);
        fold_cp(out, cp, flags, (uint32_t)i);
        i += n;
    }
    fold_reserve(out, 0);
    out->s[out->len] = '\0';
    out->map[out->len] = (uint32_t)len;
}

void text_fold_fini(text_fold_buf *f)
{
    free(f->s);
    free(f->map);
    memset(f, 0, sizeof *f);
}

void text_fold_span(const text_fold_buf *f, size_t fstart, size_t fend,
                    uint32_t *off, uint32_t *len)
{
    if (fstart > f->len)
        fstart = f->len;
    if (fend > f->len)
        fend = f->len;
    *off = f->map[fstart];
    if (fend <= fstart) {
        *len = 0;
        return;
    }
    /* The end is where the next original character that produced output
     * starts, so an expansion ("ß" -> "ss") and any dropped marks after
     * the last character are covered whole. */
    uint32_t last = f->map[fend - 1];
    size_t k = fend;
    while (k < f->len && f->map[k] == last)
        k++;
    *len = f->map[k] - *off;
}

bool text_has_upper(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t cp = text_decode(s + i, len - i, &n);
        if (text_is_upper(cp))
            return true;
        i += n;
    }
    return false;
}

static bool is_mark(int32_t cp)
{
    int c = (int)utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

bool text_has_accent(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        int32_t cp = text_decode(s + i, len - i, &n);
        i += n;
        if (cp < 0xC0)
            continue;
        if (is_mark(cp))
            return true;
        utf8proc_int32_t buf[8];
        int lbc = 0;
        utf8proc_ssize_t m =
            utf8proc_decompose_char(cp, buf, 8, UTF8PROC_DECOMPOSE, &lbc);
        for (utf8proc_ssize_t k = 1; k < m && k < 8; k++)
            if (is_mark(buf[k]))
                return true;
    }
    return false;
}
