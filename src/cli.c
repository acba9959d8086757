/* cli.c: argv, loading with messages, and the batch modes. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "search.h"
#include "text.h"
#include "util.h"

#ifndef LEDE_VERSION
#define LEDE_VERSION "0.1.0"
#endif
#ifndef LEDE_DATADIR
#define LEDE_DATADIR "/usr/local/share/lede"
#endif

static const char usage_text[] =
    "usage: lede [OPTIONS] [PATH...]\n"
    "Read a set of news articles: files, directories, or - for stdin.\n"
    "With no PATH, opens the bundled sample set.\n"
    "\n"
    "Batch modes (instead of the interactive reader):\n"
    "  -l, --list             one line per article: path, date, entities,\n"
    "                         headline (tab-separated)\n"
    "  -e, --entities         one line per entity mention\n"
    "      --summary          with --entities: one line per entity\n"
    "  -S, --search QUERY     matching lines, like grep -n (exit 1: none)\n"
    "  -d, --dump             articles laid out as the reader shows them\n"
    "  -j, --json             JSON Lines for --list, --entities, --search\n"
    "  -w, --width N          layout width for --dump (default: terminal)\n"
    "      --color[=WHEN]     auto, always or never (NO_COLOR: never)\n"
    "\n"
    "Search and highlighting:\n"
    "  -p PATTERN, +/PATTERN  start the reader with this search done\n"
    "  -E, --regex            patterns are regular expressions (PCRE2)\n"
    "  -i, --ignore-case      ignore case even with capitals in a pattern\n"
    "  -s, --case-sensitive   never ignore case\n"
    "  -H, --highlight NAME   mark NAME wherever it appears (repeatable)\n"
    "      --highlight-file F one name per line\n"
    "      --gazetteer FILE   more known names: name<TAB>type<TAB>aliases\n"
    "      --sort=ORDER       path (default) or date (newest first)\n"
    "  -b, --hide-boilerplate leave scraper lines out of the reader\n"
    "\n"
    "  -h, --help             this help\n"
    "  -V, --version          the version\n";

enum {
    OPT_SUMMARY = 256,
    OPT_COLOR,
    OPT_HL_FILE,
    OPT_GAZ,
    OPT_SORT,
};

static const struct option long_opts[] = {
    {"list", no_argument, NULL, 'l'},
    {"entities", no_argument, NULL, 'e'},
    {"summary", no_argument, NULL, OPT_SUMMARY},
    {"search", required_argument, NULL, 'S'},
    {"dump", no_argument, NULL, 'd'},
    {"json", no_argument, NULL, 'j'},
    {"width", required_argument, NULL, 'w'},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"regex", no_argument, NULL, 'E'},
    {"ignore-case", no_argument, NULL, 'i'},
    {"case-sensitive", no_argument, NULL, 's'},
    {"highlight", required_argument, NULL, 'H'},
    {"highlight-file", required_argument, NULL, OPT_HL_FILE},
    {"gazetteer", required_argument, NULL, OPT_GAZ},
    {"sort", required_argument, NULL, OPT_SORT},
    {"hide-boilerplate", no_argument, NULL, 'b'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void push(const char ***v, size_t *n, const char *s)
{
    *v = lede_realloc((void *)*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("lede: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'lede --help' for more information.\n", stderr);
    return 2;
}

static int set_mode(cli_opts *o, cli_mode m)
{
    if (o->mode != CLI_UI && o->mode != m)
        return usage_error("%s", "choose one of --list, --entities, "
                                 "--search and --dump");
    o->mode = m;
    return -1;
}

/* Handle one option from getopt_long; -1 to go on, else exit status. */
static int take_opt(cli_opts *o, int c, const char *arg)
{
    char *end;
    switch (c) {
    case 'l': return set_mode(o, CLI_LIST);
    case 'e': return set_mode(o, CLI_ENTITIES);
    case 'd': return set_mode(o, CLI_DUMP);
    case 'S': o->query = arg; return set_mode(o, CLI_SEARCH);
    case OPT_SUMMARY: o->summary = true; return -1;
    case 'j': o->json = true; return -1;
    case 'w':
        errno = 0;
        long w = strtol(arg, &end, 10);
        if (errno || *end || w < 1 || w > 10000)
            return usage_error("--width wants a number from 1 to 10000, "
                               "not '%s'", arg);
        o->width = (int)w;
        return -1;
    case OPT_COLOR:
        if (!arg || !strcmp(arg, "always") || !strcmp(arg, "yes"))
            o->color = CLI_COLOR_ALWAYS;
        else if (!strcmp(arg, "never") || !strcmp(arg, "no"))
            o->color = CLI_COLOR_NEVER;
        else if (!strcmp(arg, "auto"))
            o->color = CLI_COLOR_AUTO;
        else
            return usage_error("--color wants auto, always or never, "
                               "not '%s'", arg);
        return -1;
    case 'p': o->pattern = arg; return -1;
    case 'E': o->search_flags |= SEARCH_REGEX; return -1;
    case 'i':
        o->search_flags = (o->search_flags & ~SEARCH_MATCH_CASE) |
                          SEARCH_IGNORE_CASE;
        return -1;
    case 's':
        o->search_flags = (o->search_flags & ~SEARCH_IGNORE_CASE) |
                          SEARCH_MATCH_CASE;
        return -1;
    case 'H': push(&o->highlights, &o->nhighlights, arg); return -1;
    case OPT_HL_FILE:
        push(&o->highlight_files, &o->nhighlight_files, arg);
        return -1;
    case OPT_GAZ: push(&o->gazetteers, &o->ngazetteers, arg); return -1;
    case OPT_SORT:
        if (!strcmp(arg, "date"))
            o->sort_date = true;
        else if (!strcmp(arg, "path"))
            o->sort_date = false;
        else
            return usage_error("--sort wants path or date, not '%s'", arg);
        return -1;
    case 'b': o->hide_boiler = true; return -1;
    case 'h': fputs(usage_text, stdout); return 0;
    case 'V': printf("lede %s\n", LEDE_VERSION); return 0;
    default: return usage_error("%s", "unknown option");
    }
}

int cli_parse(int argc, char **argv, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        o->color = CLI_COLOR_NEVER;
    /* less-style +/PATTERN; pulled out before getopt sees it. */
    char **args = lede_malloc(((size_t)argc + 1) * sizeof *args);
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && !strncmp(argv[i], "+/", 2) &&
            (i == 0 || strcmp(argv[i - 1], "--")))
            o->pattern = argv[i] + 2;
        else
            args[n++] = argv[i];
    }
    args[n] = NULL;
    bool no_color = o->color == CLI_COLOR_NEVER;
    int rc = -1, c;
    opterr = 0;
    optind = 1;
    while (rc < 0 &&
           (c = getopt_long(n, args, ":ledS:jw:p:EisH:bhV", long_opts,
                            NULL)) != -1) {
        if (c == '?')
            rc = usage_error("unknown option '%s'", args[optind - 1]);
        else if (c == ':')
            rc = usage_error("option '%s' needs a value", args[optind - 1]);
        else
            rc = take_opt(o, c, optarg);
    }
    if (no_color)
        o->color = CLI_COLOR_NEVER; /* NO_COLOR beats --color=always */
    if (rc < 0 && o->summary && o->mode != CLI_ENTITIES)
        rc = usage_error("%s", "--summary goes with --entities");
    for (int i = optind; rc < 0 && i < n; i++)
        push(&o->paths, &o->npaths, args[i]);
    free(args);
    if (rc >= 0)
        cli_opts_fini(o);
    return rc;
}

void cli_opts_fini(cli_opts *o)
{
    free((void *)o->paths);
    free((void *)o->highlights);
    free((void *)o->highlight_files);
    free((void *)o->gazetteers);
    o->paths = o->highlights = o->highlight_files = o->gazetteers = NULL;
}

/* True when p is a directory; then canonicalise it in place (buf holds
 * PATH_MAX bytes), so messages and the status line name it plainly. */
static bool is_dir(char *p)
{
    struct stat st;
    char real[PATH_MAX];
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    if (realpath(p, real))
        strcpy(p, real);
    return true;
}

const char *cli_default_set(const char *argv0)
{
    static char buf[PATH_MAX];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 && argv0 && strlen(argv0) < sizeof exe) {
        strcpy(exe, argv0);
        n = (ssize_t)strlen(exe);
    }
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build/lede in a source tree: build/../data/articles */
            snprintf(buf, sizeof buf, "%s/../data/articles", exe);
            if (is_dir(buf))
                return buf;
            snprintf(buf, sizeof buf, "%s/data/articles", exe);
            if (is_dir(buf))
                return buf;
        }
    }
    return LEDE_DATADIR "/articles";
}

static void print_msg(void *ctx, const char *label, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "lede: %s: %s\n", label, msg);
}

/* Read a whole small file (gazetteer, keyword list); NULL + message. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *label = text_clean_label(path, strlen(path));
    if (!f) {
        fprintf(stderr, "lede: %s: %s\n", label, strerror(errno));
        free(label);
        return NULL;
    }
    size_t cap = 0, n = 0, got;
    char *buf = NULL;
    do {
        LEDE_GROW(buf, cap, n + 65536);
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "lede: %s: read error\n", label);
        free(buf);
        buf = NULL;
    }
    free(label);
    *len = n;
    return buf;
}

static int load_extras(const cli_opts *o, store *s, hl_keywords *kw)
{
    for (size_t i = 0; i < o->ngazetteers; i++) {
        size_t len;
        char *tsv = slurp(o->gazetteers[i], &len), err[256];
        if (!tsv)
            return 2;
        long r = entity_gazetteer_add(store_entities_mut(s), tsv, len, err,
                                      sizeof err);
        free(tsv);
        if (r < 0) {
            char *label = text_clean_label(o->gazetteers[i],
                                           strlen(o->gazetteers[i]));
            fprintf(stderr, "lede: %s: %s\n", label, err);
            free(label);
            return 2;
        }
    }
    for (size_t i = 0; i < o->nhighlights; i++)
        hl_keywords_add(kw, o->highlights[i], strlen(o->highlights[i]));
    for (size_t i = 0; i < o->nhighlight_files; i++) {
        size_t len;
        char *lines = slurp(o->highlight_files[i], &len);
        if (!lines)
            return 2;
        hl_keywords_add_lines(kw, lines, len);
        free(lines);
    }
    return 0;
}

int cli_load(const cli_opts *o, const char *argv0, store **sp,
             hl_keywords **kwp)
{
    store *s = store_new(print_msg, NULL);
    hl_keywords *kw = hl_keywords_new();
    *sp = s;
    *kwp = kw;
    int rc = load_extras(o, s, kw);
    if (rc)
        return rc;
    if (o->npaths == 0)
        store_add_path(s, cli_default_set(argv0));
    for (size_t i = 0; i < o->npaths; i++)
        store_add_path(s, o->paths[i]);
    if (store_count(s) == 0) {
        fputs("lede: no articles to read\n", stderr);
        return 2;
    }
    store_index(s);
    return 0;
}

/* ---- output helpers ---------------------------------------------------- */

/* A TSV field: the text is clean, but tabs and newlines would break the
 * columns, so they become spaces. */
static void put_field(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        putc(s[i] == '\t' || s[i] == '\n' ? ' ' : s[i], f);
}

static void put_json_str(FILE *f, const char *s, size_t len)
{
    putc('"', f);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void put_json_cstr(FILE *f, const char *s)
{
    put_json_str(f, s, strlen(s));
}

static bool use_color(const cli_opts *o)
{
    if (o->color == CLI_COLOR_AUTO)
        return isatty(STDOUT_FILENO);
    return o->color == CLI_COLOR_ALWAYS;
}

/* SGR parameters for a highlight class in batch output. */
static const char *sgr_class(int cls)
{
    switch (cls) {
    case HL_PERSON: return "36";
    case HL_ORG: return "35";
    case HL_PLACE: return "32";
    case HL_OTHER: return "33";
    case HL_SELECTED: return "1;4";
    case HL_KEYWORD: return "1;4;31";
    case HL_MATCH: return "7";
    case HL_MATCH_CURRENT: return "1;7";
    default: return NULL;
    }
}

static void block_text(const article *a, int32_t b, const char **s,
                       size_t *len)
{
    *s = a->text + a->blocks[b].off;
    *len = a->blocks[b].len;
}

static uint32_t *ordered(const cli_opts *o, const store *s)
{
    uint32_t *order = lede_malloc(store_count(s) * sizeof *order);
    store_order_by(s, o->sort_date ? STORE_ORDER_DATE : STORE_ORDER_PATH,
                   order);
    return order;
}

/* ---- --list ------------------------------------------------------------ */

static void list_date(const article *a, char *buf, size_t n,
                      const char **s, size_t *len)
{
    if (a->date_key >= 0) {
        long long d = a->date_key / 1000000;
        snprintf(buf, n, "%04lld-%02lld-%02lld", d / 10000, d / 100 % 100,
                 d % 100);
        *s = buf;
        *len = strlen(buf);
    } else if (a->date >= 0) {
        block_text(a, a->date, s, len);
    } else {
        *s = "";
        *len = 0;
    }
}

static int run_list(const cli_opts *o, const store *s)
{
    uint32_t *order = ordered(o, s);
    for (size_t k = 0; k < store_count(s); k++) {
        const article *a = store_get(s, order[k]);
        size_t nent, hlen, dlen;
        free(entity_article_counts(store_entities(s), order[k], &nent));
        const char *head = article_headline(a, &hlen), *date;
        char dbuf[32];
        list_date(a, dbuf, sizeof dbuf, &date, &dlen);
        if (o->json) {
            fputs("{\"path\":", stdout);
            put_json_cstr(stdout, a->label);
            fputs(",\"date\":", stdout);
            put_json_str(stdout, date, dlen);
            printf(",\"entities\":%zu,\"headline\":", nent);
            put_json_str(stdout, head, hlen);
            fputs("}\n", stdout);
        } else {
            put_field(stdout, a->label, strlen(a->label));
            putchar('\t');
            put_field(stdout, date, dlen);
            printf("\t%zu\t", nent);
            put_field(stdout, head, hlen);
            putchar('\n');
        }
    }
    free(order);
    return 0;
}

/* ---- --entities -------------------------------------------------------- */

static void entity_line(const cli_opts *o, const article *a,
                        const entity_table *t, const entity_mention *m)
{
    uint32_t line, col;
    article_position(a, m->off, &line, &col);
    const char *type = entity_type_name(entity_type_of(t, m->entity));
    const char *name = entity_name(t, m->entity);
    if (o->json) {
        fputs("{\"path\":", stdout);
        put_json_cstr(stdout, a->label);
        printf(",\"line\":%u,\"column\":%u,\"text\":", line, col);
        put_json_str(stdout, a->text + m->off, m->len);
        fputs(",\"type\":", stdout);
        put_json_cstr(stdout, type);
        fputs(",\"entity\":", stdout);
        put_json_cstr(stdout, name);
        fputs("}\n", stdout);
    } else {
        put_field(stdout, a->label, strlen(a->label));
        printf("\t%u\t%u\t%s\t", line, col, type);
        put_field(stdout, a->text + m->off, m->len);
        putchar('\t');
        put_field(stdout, name, strlen(name));
        putchar('\n');
    }
}

static const entity_table *sort_table;

static int by_mentions(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    uint32_t ta = entity_total(sort_table, a), tb = entity_total(sort_table, b);
    if (ta != tb)
        return ta > tb ? -1 : 1;
    return strcmp(entity_name(sort_table, a), entity_name(sort_table, b));
}

static int run_summary(const cli_opts *o, const entity_table *t)
{
    size_t n = entity_count(t), k = 0;
    uint32_t *ids = lede_malloc((n ? n : 1) * sizeof *ids);
    for (uint32_t id = 0; id < n; id++)
        if (entity_total(t, id) > 0)
            ids[k++] = id;
    sort_table = t;
    qsort(ids, k, sizeof *ids, by_mentions);
    for (size_t i = 0; i < k; i++) {
        size_t narts;
        entity_articles(t, ids[i], &narts);
        const char *name = entity_name(t, ids[i]);
        const char *type = entity_type_name(entity_type_of(t, ids[i]));
        if (o->json) {
            fputs("{\"entity\":", stdout);
            put_json_cstr(stdout, name);
            fputs(",\"type\":", stdout);
            put_json_cstr(stdout, type);
            printf(",\"mentions\":%u,\"articles\":%zu}\n",
                   entity_total(t, ids[i]), narts);
        } else {
            put_field(stdout, name, strlen(name));
            printf("\t%s\t%u\t%zu\n", type, entity_total(t, ids[i]), narts);
        }
    }
    free(ids);
    return 0;
}

static int run_entities(const cli_opts *o, const store *s)
{
    const entity_table *t = store_entities(s);
    if (o->summary)
        return run_summary(o, t);
    uint32_t *order = ordered(o, s);
    for (size_t k = 0; k < store_count(s); k++) {
        size_t n;
        const entity_mention *m = entity_mentions(t, order[k], &n);
        for (size_t i = 0; i < n; i++)
            entity_line(o, store_get(s, order[k]), t, &m[i]);
    }
    free(order);
    return 0;
}

/* ---- --search ---------------------------------------------------------- */

/* Byte range [start, end) of file line `line` (1-based), without '\n'. */
static void line_range(const article *a, uint32_t line, uint32_t *start,
                       uint32_t *end)
{
    *start = a->line_starts[line - 1];
    *end = line < a->nlines ? a->line_starts[line] : (uint32_t)a->len;
    if (*end > *start && a->text[*end - 1] == '\n')
        (*end)--;
}

static size_t chars_in(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* One grep-style line: matches m[0..n) all lie (at least partly) on it. */
static void search_line(const cli_opts *o, bool color, const article *a,
                        uint32_t line, const search_match *m, size_t n)
{
    uint32_t start, end;
    line_range(a, line, &start, &end);
    if (o->json) {
        fputs("{\"path\":", stdout);
        put_json_cstr(stdout, a->label);
        printf(",\"line\":%u,\"text\":", line);
        put_json_str(stdout, a->text + start, end - start);
        fputs(",\"matches\":[", stdout);
        for (size_t i = 0; i < n; i++) {
            uint32_t l, c;
            article_position(a, m[i].off, &l, &c);
            printf("%s{\"column\":%u,\"length\":%zu}", i ? "," : "", c,
                   chars_in(a->text + m[i].off, m[i].len));
        }
        fputs("]}\n", stdout);
        return;
    }
    if (color)
        printf("\033[35m%s\033[36m:\033[32m%u\033[36m:\033[0m", a->label,
               line);
    else
        printf("%s:%u:", a->label, line);
    uint32_t pos = start;
    for (size_t i = 0; i < n && pos < end; i++) {
        uint32_t ms = m[i].off < pos ? pos : m[i].off;
        uint32_t me = m[i].off + m[i].len > end ? end : m[i].off + m[i].len;
        put_field(stdout, a->text + pos, ms - pos);
        fputs(color ? "\033[1;31m" : "", stdout);
        put_field(stdout, a->text + ms, me - ms);
        fputs(color ? "\033[0m" : "", stdout);
        pos = me;
    }
    put_field(stdout, a->text + pos, end - pos);
    putchar('\n');
}

/* Print the lines of article a holding matches m[0..n). */
static void search_article_lines(const cli_opts *o, bool color,
                                 const article *a, const search_match *m,
                                 size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t line, col, l2;
        article_position(a, m[i].off, &line, &col);
        size_t j = i + 1;
        while (j < n) {
            article_position(a, m[j].off, &l2, &col);
            if (l2 != line)
                break;
            j++;
        }
        search_line(o, color, a, line, m + i, j - i);
        /* a match running over the end of its line shows once, there */
        i = j;
    }
}

static int run_search(const cli_opts *o, const store *s)
{
    char err[256];
    search_query *q = search_compile(o->query, o->search_flags, err,
                                     sizeof err);
    if (!q) {
        fprintf(stderr, "lede: bad search pattern: %s\n", err);
        return 2;
    }
    bool color = use_color(o) && !o->json;
    uint32_t *order = ordered(o, s);
    search_match *m = NULL;
    size_t cap = 0, total = 0;
    for (size_t k = 0; k < store_count(s); k++) {
        const article *a = store_get(s, order[k]);
        size_t n = search_article(q, a, &m, &cap);
        search_article_lines(o, color, a, m, n);
        total += n;
    }
    free(m);
    free(order);
    search_free(q);
    return total ? 0 : 1;
}

/* ---- --dump ------------------------------------------------------------ */

static int dump_width(const cli_opts *o)
{
    struct winsize ws;
    if (o->width > 0)
        return o->width;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* SGR for a whole line from its block: headline bold, metadata and
 * boilerplate dim. */
static const char *sgr_line(const article *a, int32_t block)
{
    if (block < 0)
        return NULL;
    switch (a->blocks[block].kind) {
    case BLOCK_TITLE: return "1";
    case BLOCK_BODY: return NULL;
    default: return "2";
    }
}

typedef struct dump_ctx {
    layout lay;
    hl_span *spans;
    size_t scap;
    layout_cell *cells;
    size_t ccap;
    search_match *matches;
    size_t mcap;
} dump_ctx;

static void dump_line(dump_ctx *d, const article *a, size_t ln,
                      size_t nspans, bool color)
{
    const layout_line *line = &d->lay.lines[ln];
    size_t n = layout_cells(&d->lay, ln, a->text, d->spans, nspans,
                            &d->cells, &d->ccap);
    const char *base = color ? sgr_line(a, line->block) : NULL;
    int cur = -1;
    for (size_t i = 0; i < n; i++) {
        const layout_cell *c = &d->cells[i];
        if (color && c->cls != cur) {
            const char *sgr = sgr_class(c->cls);
            printf("\033[0m");
            if (base)
                printf("\033[%sm", base);
            if (sgr)
                printf("\033[%sm", sgr);
            cur = c->cls;
        }
        if (c->len == 0)
            printf("%*s", c->cols, "");
        else
            fwrite(a->text + c->off, 1, c->len, stdout);
    }
    if (color && n)
        fputs("\033[0m", stdout);
    putchar('\n');
}

static void dump_article(dump_ctx *d, const cli_opts *o, const store *s,
                         uint32_t idx, const hl_keywords *kw,
                         const search_query *q, bool color)
{
    const article *a = store_get(s, idx);
    layout_article(&d->lay, a, dump_width(o),
                   o->hide_boiler ? LAYOUT_HIDE_BOILER : 0);
    hl_layers layers = {
        .entities = store_entities(s),
        .article = idx,
        .selected_entity = -1,
        .keywords = kw,
        .current_match = -1,
    };
    if (q) {
        layers.matches = d->matches;
        layers.nmatches = search_article(q, a, &d->matches, &d->mcap);
        layers.matches = d->matches;
    }
    size_t nspans = hl_spans(a, &layers, &d->spans, &d->scap);
    for (size_t ln = 0; ln < d->lay.nlines; ln++)
        dump_line(d, a, ln, nspans, color);
}

static int run_dump(const cli_opts *o, const store *s,
                    const hl_keywords *kw)
{
    search_query *q = NULL;
    if (o->pattern) {
        char err[256];
        q = search_compile(o->pattern, o->search_flags, err, sizeof err);
        if (!q) {
            fprintf(stderr, "lede: bad search pattern: %s\n", err);
            return 2;
        }
    }
    bool color = use_color(o);
    uint32_t *order = ordered(o, s);
    dump_ctx d = {0};
    for (size_t k = 0; k < store_count(s); k++) {
        if (store_count(s) > 1)
            printf("%s==> %s <==\n", k ? "\n" : "",
                   store_get(s, order[k])->label);
        dump_article(&d, o, s, order[k], kw, q, color);
    }
    layout_fini(&d.lay);
    free(d.spans);
    free(d.cells);
    free(d.matches);
    free(order);
    search_free(q);
    return 0;
}

int cli_batch(const cli_opts *o, store *s, const hl_keywords *kw)
{
    switch (o->mode) {
    case CLI_LIST: return run_list(o, s);
    case CLI_ENTITIES: return run_entities(o, s);
    case CLI_SEARCH: return run_search(o, s);
    case CLI_DUMP:
    case CLI_UI: return run_dump(o, s, kw);
    }
    return 2;
}
