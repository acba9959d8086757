/* article.c: one article parsed from bytes (see article.h).
 *
 * The cleaned text is kept whole; the parse only records byte ranges.
 * Per article there is one allocation for the text and its tables (plus
 * path and label), so a set of 100,000 articles costs 300,000 mallocs,
 * not millions. */
#include "article.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "data.h"
#include "util.h"

/* ---- boilerplate phrases ---- */

typedef struct boiler_list {
    char **s;
    uint32_t *len;
    size_t n, cap, lcap;
    size_t maxlen;   /* longest phrase in bytes, for a quick reject */
    bool loaded;     /* the bundled list has been added */
} boiler_list;

static boiler_list boilers;

/* Blanks, punctuation and symbols around a phrase ("Read more:",
 * "» Share", "Advertisement ·") do not change what it is. */
static bool is_trim_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp <= ' ' || (cp < 0x7f && !((cp >= '0' && cp <= '9') ||
                                            ((cp | 0x20) >= 'a' &&
                                             (cp | 0x20) <= 'z')));
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_CF:
        return true;
    default:
        return false;
    }
}

/* Code point at s[i..n), decoded leniently (the boilerplate list is not
 * cleaned text, so it may hold anything). */
static int32_t cp_at(const char *s, size_t n, size_t *w)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &cp);
    if (r < 1) {
        *w = 1;
        return 0xFFFD;
    }
    *w = (size_t)r;
    return cp;
}

/* Byte length of the code point that ends at s[n-1]. */
static size_t back_len(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
        k++;
    return k;
}

/* Narrow [*s, *s+*n) past blanks, punctuation and symbols at both ends. */
static void trim_punct(const char **s, size_t *n)
{
    size_t w;
    while (*n && is_trim_cp(cp_at(*s, *n, &w))) {
        *s += w;
        *n -= w;
    }
    while (*n) {
        size_t k = back_len(*s, *n);
        if (!is_trim_cp(cp_at(*s + *n - k, k, &w)))
            break;
        *n -= k;
    }
}

static void boiler_add_one(const char *s, size_t n)
{
    trim_punct(&s, &n);
    if (!n)
        return;
    LEDE_GROW(boilers.s, boilers.cap, boilers.n + 1);
    LEDE_GROW(boilers.len, boilers.lcap, boilers.n + 1);
    boilers.s[boilers.n] = lede_strndup(s, n);
    boilers.len[boilers.n] = (uint32_t)n;
    boilers.n++;
    if (n > boilers.maxlen)
        boilers.maxlen = n;
}

static void boiler_add_lines(const char *lines, size_t len)
{
    const char *p = lines, *end = lines + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        if (q < e && *q != '#')
            boiler_add_one(q, (size_t)(e - q));
        p = nl ? nl + 1 : end;
    }
}

static void boiler_load(void)
{
    if (boilers.loaded)
        return;
    boilers.loaded = true;
    boiler_add_lines(lede_data_boilerplate, lede_data_boilerplate_len);
}

int article_boiler_add(const char *lines, size_t len)
{
    boiler_load();
    boiler_add_lines(lines, len);
    return 0;
}

/* Case-insensitive equality, code point by code point. */
static bool same_nocase(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0, wa, wb;
    while (i < an && j < bn) {
        int32_t ca = cp_at(a + i, an - i, &wa);
        int32_t cb = cp_at(b + j, bn - j, &wb);
        if (ca != cb && utf8proc_tolower(ca) != utf8proc_tolower(cb))
            return false;
        i += wa;
        j += wb;
    }
    return i == an && j == bn;
}

bool article_is_boiler(const char *s, size_t len)
{
    boiler_load();
    /* Most paragraphs are far longer than any phrase: reject them before
     * decoding a single character. */
    if (len > 2 * boilers.maxlen + 64)
        return false;
    trim_punct(&s, &len);
    if (!len || len > 2 * boilers.maxlen)
        return false;
    unsigned char c0 = (unsigned char)(s[0] | 0x20);
    for (size_t i = 0; i < boilers.n; i++) {
        unsigned char p0 = (unsigned char)(boilers.s[i][0] | 0x20);
        /* ASCII first letters that differ even in case cannot match */
        if (p0 != c0 && p0 < 0x80 && c0 < 0x80)
            continue;
        if (same_nocase(s, len, boilers.s[i], boilers.len[i]))
            return true;
    }
    return false;
}

/* ---- lines ---- */

typedef struct tline {
    uint32_t start, end; /* [start, end): the line without its '\n' */
} tline;

/* The line that starts at `pos` (pos <= len). */
static tline line_at(const char *t, size_t len, uint32_t pos)
{
    const char *nl = memchr(t + pos, '\n', len - pos);
    tline l = {pos, nl ? (uint32_t)(nl - t) : (uint32_t)len};
    return l;
}

/* Width in bytes of a blank (space-like) character at s, or 0. */
static size_t blank_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t')
        return 1;
    if (c < 0x80)
        return 0;
    size_t w;
    int32_t cp = cp_at(s, n, &w);
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF)
        return w;
    return 0;
}

/* Narrow [*a, *b) of t past blanks (and newlines) at both ends. */
static void trim_blank(const char *t, uint32_t *a, uint32_t *b)
{
    while (*a < *b) {
        size_t w = t[*a] == '\n' ? 1 : blank_len(t + *a, *b - *a);
        if (!w)
            break;
        *a += (uint32_t)w;
    }
    while (*a < *b) {
        uint32_t k = (uint32_t)back_len(t + *a, *b - *a);
        if (t[*b - 1] != '\n' && !blank_len(t + *b - k, k))
            break;
        *b -= t[*b - 1] == '\n' ? 1 : k;
    }
}

static bool line_blank(const char *t, tline l)
{
    trim_blank(t, &l.start, &l.end);
    return l.start == l.end;
}

/* ---- the parse ---- */

enum { STACK_BLOCKS = 256 };

typedef struct parse {
    const char *t;
    size_t len;
    uint32_t pos;            /* start of the next unread line */
    article_block *b;
    size_t n, cap;
    article_block stack[STACK_BLOCKS];
    int32_t title, date, source, author, url;
} parse;

static bool parse_more(const parse *p) { return p->pos < p->len; }

static tline parse_next(parse *p)
{
    tline l = line_at(p->t, p->len, p->pos);
    p->pos = l.end < p->len ? l.end + 1 : (uint32_t)p->len;
    return l;
}

/* Append a block for [a, b) trimmed; returns its index or -1 when empty. */
static int32_t emit(parse *p, uint32_t a, uint32_t b, article_block_kind k)
{
    trim_blank(p->t, &a, &b);
    if (a == b)
        return -1;
    if (p->n == p->cap) {
        size_t cap = p->cap * 2;
        article_block *nb = lede_malloc(cap * sizeof *nb);
        memcpy(nb, p->b, p->n * sizeof *nb);
        if (p->b != p->stack)
            free(p->b);
        p->b = nb;
        p->cap = cap;
    }
    p->b[p->n] = (article_block){a, b - a, (uint8_t)k};
    return (int32_t)p->n++;
}

/* Metadata key at the start of s (case-insensitive): the block kind, the
 * key's length in *klen; -1 when s does not start with a known key. */
static int meta_key(const char *s, size_t n, size_t *klen)
{
    static const struct { const char *k; int kind; } keys[] = {
        {"title", BLOCK_TITLE},   {"date", BLOCK_DATE},
        {"source", BLOCK_SOURCE}, {"url", BLOCK_URL},
        {"author", BLOCK_AUTHOR},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        size_t kl = strlen(keys[i].k);
        if (n > kl && s[kl] == ':' && strncasecmp(s, keys[i].k, kl) == 0) {
            *klen = kl;
            return keys[i].kind;
        }
    }
    return -1;
}

/* A header-like line "Some-Key: value" (any key, so unknown headers in
 * the block do not end it). */
static bool generic_header(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 32 && (s[i] == '-' || s[i] == '_' ||
                               (s[i] >= '0' && s[i] <= '9') ||
                               ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
        i++;
    return i > 0 && i < n && s[i] == ':' &&
           ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z');
}

static int32_t *meta_slot(parse *p, int kind)
{
    switch (kind) {
    case BLOCK_TITLE: return &p->title;
    case BLOCK_DATE: return &p->date;
    case BLOCK_SOURCE: return &p->source;
    case BLOCK_AUTHOR: return &p->author;
    default: return &p->url;
    }
}

/* Record the value of a "key: value" line (first of each key wins). With
 * `unquote`, a value in matching quotes loses them (front matter). */
static int32_t meta_line(parse *p, tline l, bool unquote)
{
    size_t klen;
    int kind = meta_key(p->t + l.start, l.end - l.start, &klen);
    if (kind < 0 || *meta_slot(p, kind) >= 0)
        return -1;
    uint32_t a = l.start + (uint32_t)klen + 1, b = l.end;
    trim_blank(p->t, &a, &b);
    if (unquote && b - a >= 2 && (p->t[a] == '"' || p->t[a] == '\'') &&
        p->t[b - 1] == p->t[a]) {
        a++;
        b--;
    }
    int32_t i = emit(p, a, b, (article_block_kind)kind);
    *meta_slot(p, kind) = i;
    return i;
}

static bool is_fence(const char *t, tline l, const char *fence)
{
    uint32_t a = l.start, b = l.end;
    trim_blank(t, &a, &b);
    return b - a == 3 && memcmp(t + a, fence, 3) == 0;
}

/* A line that may stand in YAML front matter: blank, "key: value", a
 * list item, a comment, an indented continuation or a fence. */
static bool yaml_line(const char *t, tline l)
{
    const char *s = t + l.start;
    size_t n = l.end - l.start;
    return line_blank(t, l) || s[0] == ' ' || s[0] == '\t' || s[0] == '#' ||
           (s[0] == '-' && (n == 1 || s[1] == ' ')) ||
           is_fence(t, l, "---") || is_fence(t, l, "...") ||
           generic_header(s, n);
}

/* Markdown front matter: "---" lines around "key: value" lines. Only
 * taken when the closing fence exists and everything between looks like
 * YAML, so that rules around a plain headline are not taken for it. */
static bool parse_front_matter(parse *p)
{
    uint32_t save = p->pos;
    tline l = parse_next(p);
    if (!is_fence(p->t, l, "---")) {
        p->pos = save;
        return false;
    }
    uint32_t body = p->pos;
    while (parse_more(p)) {
        l = parse_next(p);
        if (!yaml_line(p->t, l))
            break;
        if (is_fence(p->t, l, "---") || is_fence(p->t, l, "...")) {
            uint32_t after = p->pos;
            p->pos = body;
            while (p->pos < l.start)
                meta_line(p, parse_next(p), true);
            p->pos = after;
            return true;
        }
    }
    p->pos = save;
    return false;
}

/* RFC 822-style header lines at the top, started by a known key; ends at
 * a blank line or a line that is not a header. Indented lines continue
 * the previous value. Other fields become boilerplate blocks. */
static bool parse_header(parse *p)
{
    tline l = line_at(p->t, p->len, p->pos);
    size_t klen;
    if (meta_key(p->t + l.start, l.end - l.start, &klen) < 0)
        return false;
    int32_t last = -1;
    while (parse_more(p)) {
        l = line_at(p->t, p->len, p->pos);
        const char *s = p->t + l.start;
        size_t n = l.end - l.start;
        if (line_blank(p->t, l))
            break;
        if (s[0] == ' ' || s[0] == '\t') {
            /* a folded value: the block grows to cover it */
            uint32_t a = l.start, b = l.end;
            trim_blank(p->t, &a, &b);
            if (last >= 0)
                p->b[last].len = b - p->b[last].off;
        } else if (generic_header(s, n)) {
            /* Other (or repeated) fields stay visible as boilerplate: a
             * headline like "Breaking: ..." must not vanish. */
            last = meta_line(p, l, false);
            if (last < 0)
                last = emit(p, l.start, l.end, BLOCK_BOILER);
        } else {
            break;
        }
        parse_next(p);
    }
    return true;
}

static void skip_blank_lines(parse *p)
{
    while (parse_more(p)) {
        uint32_t save = p->pos;
        if (!line_blank(p->t, parse_next(p))) {
            p->pos = save;
            return;
        }
    }
}

/* True when a line is nothing but punctuation and symbols ("---",
 * "* * *"): a rule, not a headline. */
static bool line_decorative(const char *t, tline l)
{
    const char *s = t + l.start;
    size_t n = l.end - l.start;
    trim_punct(&s, &n);
    return n == 0;
}

/* The headline: the first non-blank line that is not boilerplate (the
 * boilerplate lines before it become blocks of their own). */
static void parse_headline(parse *p)
{
    while (parse_more(p)) {
        tline l = parse_next(p);
        if (line_blank(p->t, l))
            continue;
        if (line_decorative(p->t, l) ||
            article_is_boiler(p->t + l.start, l.end - l.start)) {
            emit(p, l.start, l.end, BLOCK_BOILER);
            continue;
        }
        p->title = emit(p, l.start, l.end, BLOCK_TITLE);
        return;
    }
}

static void emit_para(parse *p, uint32_t a, uint32_t b)
{
    bool boiler = article_is_boiler(p->t + a, b - a);
    emit(p, a, b, boiler ? BLOCK_BOILER : BLOCK_BODY);
}

/* True when the rest of the text, between its first and last non-blank
 * lines, has a blank line. */
static bool body_has_blank(parse *p)
{
    uint32_t save = p->pos;
    bool seen_text = false, gap = false, found = false;
    while (parse_more(p) && !found) {
        bool blank = line_blank(p->t, parse_next(p));
        if (blank && seen_text)
            gap = true;
        else if (!blank) {
            found = gap;
            seen_text = true;
        }
    }
    p->pos = save;
    return found;
}

/* Body paragraphs: runs of non-blank lines; or, when the body has no
 * blank line at all (one paragraph a line, as scrapers often write),
 * every line. */
static void parse_body(parse *p)
{
    bool runs = body_has_blank(p);
    uint32_t start = 0;
    bool in = false;
    while (parse_more(p)) {
        tline l = parse_next(p);
        bool blank = line_blank(p->t, l);
        if (!runs) {
            if (!blank)
                emit_para(p, l.start, l.end);
            continue;
        }
        if (blank && in)
            emit_para(p, start, l.start);
        else if (!blank && !in)
            start = l.start;
        in = !blank;
    }
    if (in)
        emit_para(p, start, (uint32_t)p->len);
}

/* Does a paragraph end like a sentence (or a quotation, or a bracket)? */
static bool ends_sentence(const char *s, size_t n)
{
    size_t k = back_len(s, n), w;
    int32_t cp = cp_at(s + n - k, k, &w);
    switch (cp) {
    case '.': case '!': case '?': case '"': case '\'': case ')':
    case 0x201D: case 0x2019: case 0x2026: case 0xBB: case 0x3002:
    case 0xFF01: case 0xFF1F: case 0xFF0E: case 0x300D: case 0x300F:
    case 0x061F: case 0x06D4:
        return true;
    default:
        return false;
    }
}

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

enum { TEASER_MAX_CHARS = 100, TEASER_MIN_PARAS = 3 };

/* A scraped page often ends with the headline of a related story: short,
 * no final punctuation, after a real article. */
static void mark_teaser(parse *p)
{
    size_t nbody = 0;
    long last = -1;
    for (size_t i = 0; i < p->n; i++)
        if (p->b[i].kind == BLOCK_BODY) {
            nbody++;
            last = (long)i;
        }
    if (nbody < TEASER_MIN_PARAS)
        return;
    article_block *b = &p->b[last];
    const char *s = p->t + b->off;
    if (count_chars(s, b->len) < TEASER_MAX_CHARS && !ends_sentence(s, b->len))
        b->kind = BLOCK_BOILER;
}

static void parse_text(parse *p)
{
    skip_blank_lines(p);
    if (!parse_front_matter(p))
        parse_header(p);
    if (p->title < 0)
        parse_headline(p);
    parse_body(p);
    mark_teaser(p);
}

/* ---- dates ---- */

typedef struct dcur {
    const char *s, *e;
} dcur;

static void d_space(dcur *c)
{
    while (c->s < c->e && (*c->s == ' ' || *c->s == '\t' || *c->s == ','))
        c->s++;
}

/* Up to `max` digits (at least `min`); -1 when there are fewer. */
static int d_num(dcur *c, int min, int max)
{
    int v = 0, n = 0;
    while (n < max && c->s < c->e && *c->s >= '0' && *c->s <= '9') {
        v = v * 10 + (*c->s++ - '0');
        n++;
    }
    if (n < min || (c->s < c->e && *c->s >= '0' && *c->s <= '9'))
        return -1;
    return v;
}

/* Exactly n digits, whatever follows. */
static int d_digits(dcur *c, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, c->s++) {
        if (c->s == c->e || *c->s < '0' || *c->s > '9')
            return -1;
        v = v * 10 + (*c->s - '0');
    }
    return v;
}

static bool d_char(dcur *c, char ch)
{
    if (c->s < c->e && *c->s == ch) {
        c->s++;
        return true;
    }
    return false;
}

/* A run of ASCII letters, lowercased into w (at most 15 kept). */
static size_t d_word(dcur *c, char w[16])
{
    size_t n = 0;
    while (c->s < c->e && ((*c->s | 0x20) >= 'a' && (*c->s | 0x20) <= 'z')) {
        if (n < 15)
            w[n] = (char)(*c->s | 0x20);
        n++;
        c->s++;
    }
    w[n < 15 ? n : 15] = '\0';
    return n;
}

/* Month number from an English name or its abbreviation, else 0. */
static int d_month(const char *w)
{
    static const char *const names[] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    size_t n = strlen(w);
    for (int m = 0; m < 12; m++)
        if (n >= 3 && strncmp(names[m], w, n) == 0)
            return m + 1;
    return strcmp(w, "sept") == 0 ? 9 : 0;
}

static bool d_weekday(const char *w)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday"};
    size_t n = strlen(w);
    for (int i = 0; i < 7; i++)
        if (n >= 3 && strncmp(names[i], w, n) == 0)
            return true;
    return strcmp(w, "tues") == 0 || strcmp(w, "thur") == 0 ||
           strcmp(w, "thurs") == 0;
}

typedef struct dparts {
    int y, mo, d, h, mi, sec, off; /* off: zone offset in minutes */
} dparts;

static bool d_leap(int y) { return (y % 4 == 0 && y % 100) || y % 400 == 0; }

static int d_mdays(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && d_leap(y) ? 29 : days[m - 1];
}

/* Optional zone: Z, +hh:mm, +hhmm, +hh, or a name (GMT, UTC, EST...). */
static bool d_zone(dcur *c, dparts *p)
{
    d_space(c);
    if (c->s == c->e)
        return true;
    if (*c->s == '+' || *c->s == '-') {
        int sign = *c->s++ == '-' ? -1 : 1;
        int hh = d_digits(c, 2), mm = 0;
        if (hh < 0)
            return false;
        d_char(c, ':');
        if (c->s < c->e && (mm = d_digits(c, 2)) < 0)
            return false;
        p->off = sign * (hh * 60 + mm);
        return hh < 24 && mm < 60;
    }
    static const struct { const char *n; int off; } zones[] = {
        {"z", 0},       {"ut", 0},      {"utc", 0},     {"gmt", 0},
        {"est", -300},  {"edt", -240},  {"cst", -360},  {"cdt", -300},
        {"mst", -420},  {"mdt", -360},  {"pst", -480},  {"pdt", -420},
        {"bst", 60},    {"cet", 60},    {"cest", 120},  {"msk", 180}};
    char w[16];
    if (!d_word(c, w))
        return false;
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
        if (strcmp(zones[i].n, w) == 0)
            p->off = zones[i].off;
    return true; /* an unknown zone name is read as UTC */
}

/* Optional time "hh:mm[:ss[.fff]] [am|pm]" then an optional zone. */
static bool d_time(dcur *c, dparts *p)
{
    d_space(c);
    if (c->e - c->s >= 2 && (c->s[0] | 0x20) == 'a' && (c->s[1] | 0x20) == 't'
        && c->s + 2 < c->e && c->s[2] == ' ')
        c->s += 2, d_space(c);
    if (c->s == c->e)
        return true;
    if (!(*c->s >= '0' && *c->s <= '9'))
        return d_zone(c, p);
    if ((p->h = d_num(c, 1, 2)) < 0 || !d_char(c, ':') ||
        (p->mi = d_num(c, 2, 2)) < 0)
        return false;
    if (d_char(c, ':') && (p->sec = d_num(c, 2, 2)) < 0)
        return false;
    if (d_char(c, '.') || d_char(c, ','))
        while (c->s < c->e && *c->s >= '0' && *c->s <= '9')
            c->s++;
    d_space(c);
    dcur save = *c;
    char w[16];
    size_t n = d_word(c, w);
    if (n && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
        if (p->h < 1 || p->h > 12)
            return false;
        p->h = p->h % 12 + (w[0] == 'p' ? 12 : 0);
    } else {
        *c = save;
    }
    return d_zone(c, p);
}

/* ISO 8601: 2016-08-26, 2016-08-26T10:00:00Z, with "T" or a space. */
static bool d_iso(dcur *c, dparts *p)
{
    if ((p->y = d_num(c, 4, 4)) < 0 || !d_char(c, '-') ||
        (p->mo = d_num(c, 2, 2)) < 0 || !d_char(c, '-') ||
        (p->d = d_num(c, 2, 2)) < 0)
        return false;
    if (c->s < c->e && (*c->s == 'T' || *c->s == 't'))
        c->s++;
    return d_time(c, p);
}

/* "26 Aug 2016 10:00:00 +0000" (RFC 2822, weekday already read),
 * "26 August 2016", "August 26, 2016", "Aug. 26th, 2016". */
static bool d_words(dcur *c, dparts *p)
{
    char w[16];
    d_space(c);
    if (c->s < c->e && *c->s >= '0' && *c->s <= '9') {
        if ((p->d = d_num(c, 1, 2)) < 0)
            return false;
        d_space(c);
        d_word(c, w);
        p->mo = d_month(w);
        d_char(c, '.');
    } else {
        d_word(c, w);
        p->mo = d_month(w);
        d_char(c, '.');
        d_space(c);
        if ((p->d = d_num(c, 1, 2)) < 0)
            return false;
        d_word(c, w); /* st, nd, rd, th */
    }
    d_space(c);
    if (!p->mo || (p->y = d_num(c, 4, 4)) < 0)
        return false;
    return d_time(c, p);
}

static bool d_valid(const dparts *p)
{
    return p->y >= 1000 && p->mo >= 1 && p->mo <= 12 && p->d >= 1 &&
           p->d <= d_mdays(p->y, p->mo) && p->h < 24 && p->mi < 60 &&
           p->sec <= 60;
}

/* Move p by -off minutes, to UTC, carrying into the date. */
static void d_to_utc(dparts *p)
{
    int m = p->h * 60 + p->mi - p->off;
    p->off = 0;
    while (m < 0) {
        m += 24 * 60;
        if (--p->d < 1) {
            if (--p->mo < 1)
                p->mo = 12, p->y--;
            p->d = d_mdays(p->y, p->mo);
        }
    }
    while (m >= 24 * 60) {
        m -= 24 * 60;
        if (++p->d > d_mdays(p->y, p->mo)) {
            p->d = 1;
            if (++p->mo > 12)
                p->mo = 1, p->y++;
        }
    }
    p->h = m / 60;
    p->mi = m % 60;
}

int64_t article_date_key(const char *s, size_t len)
{
    dcur c = {s, s + len};
    dparts p = {0};
    d_space(&c);
    bool ok;
    if (c.e - c.s >= 5 && c.s[4] == '-') {
        ok = d_iso(&c, &p);
    } else {
        dcur save = c;
        char w[16];
        if (d_word(&c, w) && d_weekday(w))
            d_char(&c, '.');
        else
            c = save;
        ok = d_words(&c, &p);
    }
    d_space(&c);
    if (!ok || c.s != c.e || !d_valid(&p))
        return -1;
    if (p.off)
        d_to_utc(&p);
    return (((((int64_t)p.y * 100 + p.mo) * 100 + p.d) * 100 + p.h) * 100 +
            p.mi) * 100 + (p.sec > 59 ? 59 : p.sec);
}

/* ---- the article ---- */

/* Everything but path and label lives in one allocation, the integer
 * tables first (they need alignment), the text last. */
static void *article_alloc(article *a, size_t nlines, size_t nedits,
                           size_t nblocks, size_t len)
{
    size_t sz = nlines * sizeof *a->line_starts + nedits * sizeof *a->edits +
                nblocks * sizeof *a->blocks + len + 1;
    char *base = lede_malloc(sz);
    a->line_starts = (uint32_t *)base;
    a->edits = (text_edit *)(base + nlines * sizeof *a->line_starts);
    a->blocks = (article_block *)((char *)a->edits +
                                  nedits * sizeof *a->edits);
    a->text = (char *)a->blocks + nblocks * sizeof *a->blocks;
    return base;
}

static size_t count_lines(const char *t, size_t len)
{
    size_t n = 1;
    for (const char *p = t, *e = t + len;
         (p = memchr(p, '\n', (size_t)(e - p))) != NULL && ++p < e;)
        n++;
    return n;
}

static void fill_line_starts(article *a)
{
    size_t n = 0;
    a->line_starts[n++] = 0;
    for (const char *p = a->text, *e = a->text + a->len;
         (p = memchr(p, '\n', (size_t)(e - p))) != NULL && ++p < e;)
        a->line_starts[n++] = (uint32_t)(p - a->text);
}

/* Copy the clean text, the edits and the parse into a's one block. */
static void article_keep(article *a, const text_buf *clean, size_t tl,
                         const parse *p)
{
    a->len = tl;
    a->nlines = count_lines(clean->data, tl);
    a->nedits = clean->nedits;
    a->nblocks = p->n;
    article_alloc(a, a->nlines, a->nedits, a->nblocks, tl);
    memcpy(a->text, clean->data, tl);
    a->text[tl] = '\0';
    if (a->nedits)
        memcpy(a->edits, clean->edits, a->nedits * sizeof *a->edits);
    if (a->nblocks)
        memcpy(a->blocks, p->b, a->nblocks * sizeof *a->blocks);
    fill_line_starts(a);
    a->title = p->title;
    a->date = p->date;
    a->source = p->source;
    a->author = p->author;
    a->url = p->url;
    a->date_key = -1;
    if (a->date >= 0)
        a->date_key = article_date_key(a->text + a->blocks[a->date].off,
                                       a->blocks[a->date].len);
}

/* True when path[0..n) is printable ASCII: text_clean_label would give
 * it back unchanged. */
static bool plain_label(const char *path, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (path[i] < 0x20 || path[i] >= 0x7f)
            return false;
    return true;
}

void article_init_with(article *a, const char *path, const char *bytes,
                       size_t len, text_buf *scratch)
{
    memset(a, 0, sizeof *a);
    text_clean(bytes, len, scratch);
    /* Offsets are 32-bit; the store caps files far below that. */
    size_t tl = scratch->len > UINT32_MAX - 1 ? UINT32_MAX - 1 : scratch->len;
    while (tl < scratch->len &&
           ((unsigned char)scratch->data[tl] & 0xC0) == 0x80)
        tl--; /* cut at a character boundary */

    parse p = {.t = scratch->data, .len = tl, .cap = STACK_BLOCKS,
               .title = -1, .date = -1, .source = -1, .author = -1,
               .url = -1};
    p.b = p.stack;
    parse_text(&p);
    article_keep(a, scratch, tl, &p);
    if (p.b != p.stack)
        free(p.b);

    a->hash = lede_hash64(bytes, len);
    size_t pl = strlen(path);
    a->path = lede_strndup(path, pl);
    /* printable ASCII is its own label (the usual case: no cleaning and
     * no NFC pass, which were 1% of a first index's instructions) */
    a->label = plain_label(path, pl) ? a->path : text_clean_label(path, pl);
    if (a->label != a->path && strcmp(a->label, a->path) == 0) {
        free(a->label); /* the usual case: share it */
        a->label = a->path;
    }
}

void article_init(article *a, const char *path, const char *bytes, size_t len)
{
    text_buf scratch = {0};
    article_init_with(a, path, bytes, len, &scratch);
    text_buf_fini(&scratch);
}

void article_fini(article *a)
{
    free(a->line_starts); /* the base of the one allocation */
    if (a->label != a->path)
        free(a->label);
    free(a->path);
    memset(a, 0, sizeof *a);
    a->title = a->date = a->source = a->author = a->url = -1;
    a->date_key = -1;
}

const char *article_headline(const article *a, size_t *len)
{
    if (a->title >= 0) {
        *len = a->blocks[a->title].len;
        return a->text + a->blocks[a->title].off;
    }
    *len = a->label ? strlen(a->label) : 0;
    return a->label ? a->label : "";
}

void article_position(const article *a, uint32_t off, uint32_t *line,
                      uint32_t *col)
{
    if (off > a->len)
        off = (uint32_t)a->len;
    size_t lo = 0, hi = a->nlines; /* last start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t ls = a->nlines ? a->line_starts[lo] : 0;
    int64_t c = 1 + (int64_t)count_chars(a->text + ls, off - ls);
    /* text_clean records an edit at the clean offset of the character
     * that follows the removed ones, so the edits in [line start, off]
     * are those before off on this line (a CR dropped before '\n' is
     * recorded at the '\n', on its own line). */
    size_t e0 = 0, e1 = a->nedits;
    while (e0 < e1) {
        size_t mid = e0 + (e1 - e0) / 2;
        if (a->edits[mid].off < ls)
            e0 = mid + 1;
        else
            e1 = mid;
    }
    for (size_t i = e0; i < a->nedits && a->edits[i].off <= off; i++)
        c += a->edits[i].delta;
    *line = (uint32_t)lo + 1;
    *col = c < 1 ? 1 : (uint32_t)c;
}

/* Put the cursor at the start of line ln (edits before it skipped). */
static void cursor_line(article_pos_cursor *c, size_t ln)
{
    const article *a = c->a;
    uint32_t ls = a->nlines ? a->line_starts[ln] : 0;
    c->line = ln;
    c->off = ls;
    c->chars = 0;
    c->delta = 0;
    if (c->edit > 0 && c->edit <= a->nedits && a->edits[c->edit - 1].off >= ls)
        c->edit = 0; /* went back: search again */
    size_t lo = c->edit, hi = a->nedits; /* first edit at or after ls */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->edits[mid].off < ls)
            lo = mid + 1;
        else
            hi = mid;
    }
    c->edit = lo;
}

void article_pos_init(article_pos_cursor *c, const article *a)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    cursor_line(c, 0);
}

void article_pos_at(article_pos_cursor *c, uint32_t off, uint32_t *line,
                    uint32_t *col)
{
    const article *a = c->a;
    if (off > a->len)
        off = (uint32_t)a->len;
    size_t ln = c->line;
    if (off < c->off || (ln + 1 < a->nlines && a->line_starts[ln + 1] <= off)) {
        size_t lo = off < c->off ? 0 : ln, hi = a->nlines;
        while (hi - lo > 1) { /* last line start <= off */
            size_t mid = lo + (hi - lo) / 2;
            if (a->line_starts[mid] <= off)
                lo = mid;
            else
                hi = mid;
        }
        if (lo != ln || off < c->off)
            cursor_line(c, lo);
    }
    c->chars += (int64_t)count_chars(a->text + c->off, off - c->off);
    c->off = off;
    while (c->edit < a->nedits && a->edits[c->edit].off <= off)
        c->delta += a->edits[c->edit++].delta;
    int64_t k = 1 + c->chars + c->delta;
    *line = (uint32_t)c->line + 1;
    *col = k < 1 ? 1 : (uint32_t)k;
}

long article_block_at(const article *a, uint32_t off)
{
    size_t lo = 0, hi = a->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->blocks[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const article_block *b = &a->blocks[lo - 1];
    return off < b->off + b->len ? (long)(lo - 1) : -1;
}

/* ---- packing for the index ---- */

typedef struct pack_head {
    uint32_t magic, len, nlines, nedits, nblocks;
    int32_t title, date, source, author, url;
    int64_t date_key;
    uint64_t hash;
} pack_head;

enum { PACK_MAGIC = 0x4c454131 }; /* "LEA1" */

static size_t body_size(size_t nlines, size_t nedits, size_t nblocks,
                        size_t len)
{
    return nlines * sizeof(uint32_t) + nedits * sizeof(text_edit) +
           nblocks * sizeof(article_block) + len + 1;
}

void *article_pack(const article *a, size_t *n)
{
    pack_head h = {PACK_MAGIC, (uint32_t)a->len, (uint32_t)a->nlines,
                   (uint32_t)a->nedits, (uint32_t)a->nblocks, a->title,
                   a->date, a->source, a->author, a->url, a->date_key,
                   a->hash};
    size_t bs = a->line_starts ? body_size(a->nlines, a->nedits, a->nblocks,
                                           a->len) : 0;
    char *p = lede_malloc(sizeof h + bs);
    memcpy(p, &h, sizeof h);
    if (bs) /* the one allocation, in its own order (see article_alloc) */
        memcpy(p + sizeof h, a->line_starts, bs);
    *n = sizeof h + bs;
    return p;
}

static bool block_ok(int32_t b, size_t nblocks)
{
    return b >= -1 && (b < 0 || (size_t)b < nblocks);
}

static bool unpacked_ok(const article *a)
{
    if (a->text[a->len] != '\0' || a->nlines == 0 || a->line_starts[0] != 0)
        return false;
    for (size_t i = 0; i < a->nblocks; i++)
        if (a->blocks[i].off > a->len ||
            a->blocks[i].len > a->len - a->blocks[i].off)
            return false;
    for (size_t i = 1; i < a->nlines; i++)
        if (a->line_starts[i] <= a->line_starts[i - 1] ||
            a->line_starts[i] > a->len)
            return false;
    return block_ok(a->title, a->nblocks) && block_ok(a->date, a->nblocks) &&
           block_ok(a->source, a->nblocks) &&
           block_ok(a->author, a->nblocks) && block_ok(a->url, a->nblocks);
}

int article_unpack(article *a, const char *path, const void *p, size_t n)
{
    memset(a, 0, sizeof *a);
    pack_head h;
    if (n < sizeof h)
        goto bad;
    memcpy(&h, p, sizeof h);
    if (h.magic != PACK_MAGIC || h.nlines == 0 ||
        (unsigned long long)n - sizeof h !=
            (unsigned long long)h.nlines * sizeof(uint32_t) +
                (unsigned long long)h.nedits * sizeof(text_edit) +
                (unsigned long long)h.nblocks * sizeof(article_block) +
                h.len + 1)
        goto bad;
    article_alloc(a, h.nlines, h.nedits, h.nblocks, h.len);
    memcpy(a->line_starts, (const char *)p + sizeof h, n - sizeof h);
    a->len = h.len;
    a->nlines = h.nlines;
    a->nedits = h.nedits;
    a->nblocks = h.nblocks;
    a->title = h.title;
    a->date = h.date;
    a->source = h.source;
    a->author = h.author;
    a->url = h.url;
    a->date_key = h.date_key;
    a->hash = h.hash;
    if (!unpacked_ok(a))
        goto bad; /* article_fini frees the block */
    size_t pl = strlen(path);
    a->path = lede_strndup(path, pl);
    /* (a reopened set unpacks 100,000 of them) */
    a->label = plain_label(path, pl) ? a->path : text_clean_label(path, pl);
    if (a->label != a->path && strcmp(a->label, a->path) == 0) {
        free(a->label);
        a->label = a->path;
    }
    return 0;
bad:
    article_fini(a);
    return -1;
}

/* One kept block of the summary: its text copied after the previous. */
static int32_t sum_block(article *sum, const article *full, int32_t b,
                         size_t *at)
{
    if (b < 0)
        return -1;
    const article_block *fb = &full->blocks[b];
    article_block *nb = &sum->blocks[sum->nblocks];
    nb->off = (uint32_t)*at;
    nb->len = fb->len;
    nb->kind = fb->kind;
    memcpy(sum->text + *at, full->text + fb->off, fb->len);
    *at += fb->len;
    sum->text[(*at)++] = '\n';
    return (int32_t)sum->nblocks++;
}

void article_summary(article *sum, const article *full)
{
    memset(sum, 0, sizeof *sum);
    size_t len = 0, nb = 0;
    const int32_t keep[5] = {full->title, full->date, full->source,
                             full->author, full->url};
    for (int i = 0; i < 5; i++)
        if (keep[i] >= 0) {
            len += full->blocks[keep[i]].len + 1;
            nb++;
        }
    article_alloc(sum, 1, 0, nb, len);
    sum->line_starts[0] = 0;
    sum->nlines = 1;
    size_t at = 0;
    sum->title = sum_block(sum, full, full->title, &at);
    sum->date = sum_block(sum, full, full->date, &at);
    sum->source = sum_block(sum, full, full->source, &at);
    sum->author = sum_block(sum, full, full->author, &at);
    sum->url = sum_block(sum, full, full->url, &at);
    sum->text[at] = '\0';
    sum->len = at;
    sum->date_key = full->date_key;
    sum->hash = full->hash;
    sum->path = lede_strndup(full->path, strlen(full->path));
    sum->label = full->label == full->path
                     ? sum->path
                     : lede_strndup(full->label, strlen(full->label));
}
