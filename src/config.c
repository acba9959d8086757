/* config.c: the configuration file's line format, read into a struct. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

#define MAX_WORDS 32

lede_config *config_new(void)
{
    return lede_calloc(1, sizeof(lede_config));
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void config_free(lede_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ncolors; i++)
        free(c->colors[i].name);
    for (size_t i = 0; i < c->nbinds; i++) {
        free(c->binds[i].action);
        free(c->binds[i].keys);
    }
    for (size_t i = 0; i < c->nrules; i++)
        free(c->rules[i].name);
    for (size_t i = 0; i < c->nerrors; i++)
        free(c->errors[i].msg);
    free(c->colors);
    free(c->binds);
    free(c->rules);
    free(c->errors);
    free_strv(c->watch, c->nwatch);
    free_strv(c->gazetteers, c->ngazetteers);
    free(c->boiler);
    free(c->index_path);
    free(c->path);
    free(c);
}

int config_default_path(char *buf, size_t n)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
    int r;
    if (x && *x == '/')
        r = snprintf(buf, n, "%s/lede/config", x);
    else if (h && *h)
        r = snprintf(buf, n, "%s/.config/lede/config", h);
    else
        return -1;
    return r > 0 && (size_t)r < n ? 0 : -1;
}

void config_error(lede_config *c, int line, const char *fmt, ...)
{
    char msg[400];
    int k = snprintf(msg, sizeof msg, "config:%d: ", line);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    va_end(ap);
    c->errors = lede_realloc(c->errors, (c->nerrors + 1) * sizeof *c->errors);
    c->errors[c->nerrors].line = line;
    c->errors[c->nerrors].msg = lede_strndup(msg, strlen(msg));
    c->nerrors++;
}

static char *dup(const char *s)
{
    return lede_strndup(s, strlen(s));
}

/* ~/x → $HOME/x; anything else as written. */
static char *expand_home(const char *p)
{
    const char *h = getenv("HOME");
    if (p[0] != '~' || p[1] != '/' || !h)
        return dup(p);
    size_t n = strlen(h) + strlen(p);
    char *r = lede_malloc(n);
    snprintf(r, n, "%s%s", h, p + 1);
    return r;
}

/* ---- colours ----------------------------------------------------------- */

static const char *const color_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
    const char *name;
    unsigned bit;
} attr_names[] = {
    {"bold", CFG_BOLD},       {"underline", CFG_UNDERLINE},
    {"reverse", CFG_REVERSE}, {"italic", CFG_ITALIC},
    {"dim", CFG_DIM},         {"blink", CFG_BLINK},
    {"normal", 0},            {"none", 0},
};

static int color_name(const char *w, size_t n)
{
    if (n == 7 && !strncasecmp(w, "default", 7))
        return CFG_DEFAULT;
    for (int i = 0; i < 8; i++)
        if (strlen(color_names[i]) == n && !strncasecmp(w, color_names[i], n))
            return i;
    return CFG_UNSET;
}

/* One colour word: N, NAME, default or N/NAME into the 256 and 8 forms. */
static bool parse_color(const char *w, short *c256, short *c8)
{
    const char *slash = strchr(w, '/');
    size_t n = slash ? (size_t)(slash - w) : strlen(w);
    char *end;
    long v = strtol(w, &end, 10);
    if (n && end == w + n && w[0] >= '0' && w[0] <= '9') {
        if (v > 255)
            return false;
        *c256 = (short)v;
        *c8 = v < 8 ? (short)v : CFG_UNSET;
    } else {
        int c = color_name(w, n);
        if (c == CFG_UNSET)
            return false;
        *c256 = *c8 = (short)c;
    }
    if (slash) {
        int c = color_name(slash + 1, strlen(slash + 1));
        if (c == CFG_UNSET || slash == w)
            return false;
        *c8 = (short)c;
    }
    return true;
}

static bool parse_attr(const char *w, cfg_style *st)
{
    for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
        if (!strcasecmp(w, attr_names[i].name)) {
            st->attrs |= attr_names[i].bit;
            st->has_attrs = true;
            return true;
        }
    return false;
}

bool config_style(const char *const *words, size_t n, cfg_style *st,
                  char *err, size_t errn)
{
    *st = (cfg_style){CFG_UNSET, CFG_UNSET, CFG_UNSET, CFG_UNSET, 0, false};
    bool fg_done = false;
    if (!n) {
        snprintf(err, errn, "a colour or an attribute is needed");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        if (!strcasecmp(w, "on")) {
            if (i + 1 >= n || !parse_color(words[i + 1], &st->bg256, &st->bg8)) {
                snprintf(err, errn, "'on' wants a background colour");
                return false;
            }
            i++;
        } else if (parse_attr(w, st)) {
            continue;
        } else if (!fg_done && parse_color(w, &st->fg256, &st->fg8)) {
            fg_done = true;
        } else {
            snprintf(err, errn, "'%.40s' is not a colour (0-255, a name, "
                     "default, N/NAME) or an attribute", w);
            return false;
        }
    }
    return true;
}

/* ---- lines ------------------------------------------------------------- */

/* True when s[0..len) is UTF-8 text without control characters (tab
 * allowed): nothing in an error message can reach a terminal raw. */
static bool clean_line(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t k;
        int32_t cp = text_decode(s + i, len - i, &k);
        if (cp == 0xFFFD && (k != 3 || memcmp(s + i, "\xef\xbf\xbd", 3)))
            return false;
        if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
            return false;
        i += k;
    }
    return true;
}

/* Split a line into words in place (blanks separate; "..." groups).
 * Returns the count, or -1 for an unclosed quote. */
static int split(char *s, char **w, int max)
{
    int n = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        if (n == max)
            return -2;
        if (*s == '"') {
            char *end = strchr(s + 1, '"');
            if (!end)
                return -1;
            *end = '\0';
            w[n++] = s + 1;
            s = end + 1;
            continue;
        }
        w[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
    return n;
}

/* The words from i on, joined by single spaces (a name written without
 * quotes). */
static char *join(char **w, int from, int n)
{
    size_t len = 1;
    for (int i = from; i < n; i++)
        len += strlen(w[i]) + 1;
    char *r = lede_malloc(len);
    r[0] = '\0';
    for (int i = from; i < n; i++) {
        if (i > from)
            strcat(r, " ");
        strcat(r, w[i]);
    }
    return r;
}

static void push_str(char ***v, size_t *n, char *s)
{
    *v = lede_realloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static void do_color(lede_config *c, int ln, char **w, int n)
{
    char err[200];
    cfg_style st;
    if (n < 3) {
        config_error(c, ln, "color wants a name and a colour");
        return;
    }
    if (!config_style((const char *const *)w + 2, (size_t)n - 2, &st, err,
                      sizeof err)) {
        config_error(c, ln, "%s", err);
        return;
    }
    c->colors = lede_realloc(c->colors, (c->ncolors + 1) * sizeof *c->colors);
    c->colors[c->ncolors++] = (cfg_color){ln, dup(w[1]), st};
}

static void do_bind(lede_config *c, int ln, char **w, int n)
{
    if (n < 3) {
        config_error(c, ln, "bind wants an action and at least one key");
        return;
    }
    c->binds = lede_realloc(c->binds, (c->nbinds + 1) * sizeof *c->binds);
    c->binds[c->nbinds++] = (cfg_bind){ln, dup(w[1]), join(w, 2, n)};
}

/* highlight "A Name" [colour...], highlight /regex/ [colour...], or
 * highlight A Name (no colour). */
static void do_highlight(lede_config *c, int ln, char **w, int n,
                         bool quoted)
{
    cfg_rule r = {ln, NULL, false, false, {0}};
    char err[200];
    if (n < 2) {
        config_error(c, ln, "highlight wants a name");
        return;
    }
    size_t l = strlen(w[1]);
    r.regex = l >= 3 && w[1][0] == '/' && w[1][l - 1] == '/';
    if (r.regex) {
        w[1][l - 1] = '\0';
        w[1]++;
    }
    if ((quoted || r.regex) && n > 2) {
        if (!config_style((const char *const *)w + 2, (size_t)n - 2, &r.style,
                          err, sizeof err)) {
            config_error(c, ln, "%s", err);
            return;
        }
        r.has_style = true;
        r.name = dup(w[1]);
    } else {
        r.name = join(w, 1, n);
    }
    c->rules = lede_realloc(c->rules, (c->nrules + 1) * sizeof *c->rules);
    c->rules[c->nrules++] = r;
}

static void do_boiler(lede_config *c, const char *rest)
{
    size_t l = strlen(rest);
    c->boiler = lede_realloc(c->boiler, c->boiler_len + l + 2);
    memcpy(c->boiler + c->boiler_len, rest, l);
    c->boiler_len += l;
    c->boiler[c->boiler_len++] = '\n';
    c->boiler[c->boiler_len] = '\0';
}

/* The text after the keyword, trimmed (for settings taking a whole
 * line: boilerplate). */
static const char *rest_of(const char *line, const char *kw)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '"') /* the keyword was quoted: skip it as split did */
        p = strchr(p + 1, '"') + 1;
    else
        p += strlen(kw);
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static void one_line(lede_config *c, int ln, char *line)
{
    char copy[1024], *w[MAX_WORDS];
    size_t len = strlen(line);
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
                   line[len - 1] == '\r'))
        line[--len] = '\0';
    if (len >= sizeof copy) {
        config_error(c, ln, "line too long (over %zu bytes)", sizeof copy - 1);
        return;
    }
    memcpy(copy, line, len + 1);
    int n = split(line, w, MAX_WORDS);
    const char *first = copy + strspn(copy, " \t");
    if (n == 0 || *first == '#')
        return;
    if (n == -1) {
        config_error(c, ln, "a quote is not closed");
        return;
    }
    if (n < 0) {
        config_error(c, ln, "too many words (over %d)", MAX_WORDS);
        return;
    }
    const char *kw = w[0];
    bool quoted = n > 1 && strchr(copy, '"') != NULL;
    if (!strcmp(kw, "color") || !strcmp(kw, "colour")) {
        do_color(c, ln, w, n);
    } else if (!strcmp(kw, "bind")) {
        do_bind(c, ln, w, n);
    } else if (!strcmp(kw, "highlight")) {
        do_highlight(c, ln, w, n, quoted);
    } else if (!strcmp(kw, "watch")) {
        if (n < 2)
            config_error(c, ln, "watch wants a name");
        else
            push_str(&c->watch, &c->nwatch, join(w, 1, n));
    } else if (!strcmp(kw, "sort")) {
        if (n == 2 && !strcmp(w[1], "date"))
            c->sort = CFG_SORT_DATE;
        else if (n == 2 && !strcmp(w[1], "path"))
            c->sort = CFG_SORT_PATH;
        else
            config_error(c, ln, "sort wants path or date");
    } else if (!strcmp(kw, "boilerplate")) {
        const char *r = rest_of(copy, kw);
        if (!*r)
            config_error(c, ln, "boilerplate wants a line of text");
        else
            do_boiler(c, r);
    } else if (!strcmp(kw, "gazetteer") || !strcmp(kw, "index")) {
        if (n != 2) {
            config_error(c, ln, "%s wants one file name (quote one with "
                         "blanks)", kw);
        } else if (kw[0] == 'g') {
            push_str(&c->gazetteers, &c->ngazetteers, expand_home(w[1]));
        } else {
            free(c->index_path);
            c->index_path = expand_home(w[1]);
        }
    } else {
        config_error(c, ln, "unknown setting '%.40s' (color, bind, highlight, "
                     "watch, sort, boilerplate, gazetteer, index)", kw);
    }
}

size_t config_parse(lede_config *c, const char *text, size_t len)
{
    size_t before = c->nerrors, i = 0;
    int ln = 0;
    char *line = NULL;
    size_t cap = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (text + i)) : len - i;
        size_t adv = l + (nl != NULL);
        ln++;
        if (l && text[i + l - 1] == '\r')
            l--; /* CRLF files */
        if (!clean_line(text + i, l)) {
            config_error(c, ln, "not text (invalid UTF-8 or a control "
                         "character)");
        } else {
            LEDE_GROW(line, cap, l + 1);
            memcpy(line, text + i, l);
            line[l] = '\0';
            one_line(c, ln, line);
        }
        i += adv;
    }
    free(line);
    return c->nerrors - before;
}

size_t config_load(lede_config *c, const char *path, bool required)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT && !required)
            return 0;
        char *label = text_clean_label(path, strlen(path));
        config_error(c, 0, "%s: %s", label, strerror(errno));
        free(label);
        return 1;
    }
    size_t cap = 0, n = 0, got;
    char *buf = NULL;
    do {
        LEDE_GROW(buf, cap, n + 65536);
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0 && n < ((size_t)1 << 24));
    bool bad = ferror(f);
    fclose(f);
    free(c->path);
    c->path = dup(path);
    size_t e;
    if (bad) {
        config_error(c, 0, "read error");
        e = 1;
    } else {
        e = config_parse(c, buf, n);
    }
    free(buf);
    return e;
}
