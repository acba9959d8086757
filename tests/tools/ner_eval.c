/* ner_eval: measure the entity extractor against gold annotations.
 *
 * usage: ner_eval [--set] [--errors] [--spans] [--speed N]
 *                 [--rules | --model FILE |
 *                 --cv PREFIX] FILE.conll
 *
 * FILE is in CoNLL-2003 column format: one token a line, the token first
 * and its tag last (IOB1 or IOB2: O, I-PER, B-LOC...), a blank line
 * between sentences, "-DOCSTART-" between documents. Each document's
 * text is rebuilt (a sentence a line, tokens joined by single spaces),
 * parsed with article_init and scanned by the real extractor, each
 * document alone (default) or all as one set (--set). Entities are
 * compared entity-level, exact token span and type (PER = person,
 * ORG = organisation, LOC = place, MISC = other); untyped span figures
 * follow. --errors lists misses and false alarms (kind, type, words,
 * the sentence with the words in [[ ]]); --spans lists every span,
 * gold and found, with its document (for analysis); --speed N times N
 * passes of scanning the whole file and prints MB/s.
 *
 * The scanner uses the built-in tagger model; --rules scans with the
 * rules alone, --model with the weight file FILE (made by tools/train),
 * --cv with PREFIX0.bin .. PREFIX4.bin, document i by PREFIX(i % 5).bin:
 * five-fold cross-validation by document, each model trained without
 * the documents it scores (train --fold K/5). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "entity.h"
#include "tagger.h"

enum { CV_FOLDS = 5 };

/* The tagger each document is scanned with (NULL: the rules alone). */
static const tagger *models[CV_FOLDS];
static bool use_cv;

static const tagger *model_for(size_t doc)
{
    return models[use_cv ? doc % CV_FOLDS : 0];
}

typedef struct tok {
    uint32_t off, len;
    int type;    /* entity_type or -1 for O */
    bool begin;  /* B- tag */
} tok;

typedef struct span {
    uint32_t a, b; /* tokens [a, b] */
    int type;
} span;

typedef struct doc {
    char *text;
    size_t len, cap;
    tok *t;
    size_t nt, tcap;
} doc;

typedef struct docs {
    doc *d;
    size_t n, cap;
} docs;

typedef struct score {
    long gold[ENT_NTYPES], pred[ENT_NTYPES], tp[ENT_NTYPES];
    long ugold, upred, utp;
} score;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        perror("ner_eval");
        exit(1);
    }
    return p;
}

static int tag_type(const char *tag, bool *begin)
{
    *begin = tag[0] == 'B';
    if (strcmp(tag, "O") == 0 || strlen(tag) < 3 || tag[1] != '-')
        return -1;
    const char *x = tag + 2;
    if (!strcmp(x, "PER"))
        return ENT_PERSON;
    if (!strcmp(x, "ORG"))
        return ENT_ORG;
    if (!strcmp(x, "LOC"))
        return ENT_PLACE;
    return ENT_OTHER;
}

static void doc_put(doc *d, const char *s, size_t n)
{
    if (d->len + n + 2 > d->cap) {
        d->cap = (d->len + n + 2) * 2;
        d->text = xrealloc(d->text, d->cap);
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static doc *new_doc(docs *ds)
{
    if (ds->n == ds->cap) {
        ds->cap = ds->cap ? ds->cap * 2 : 64;
        ds->d = xrealloc(ds->d, ds->cap * sizeof *ds->d);
    }
    doc *d = &ds->d[ds->n++];
    memset(d, 0, sizeof *d);
    doc_put(d, "", 0);
    return d;
}

/* One token line: first field the token, last field the tag. */
static void add_token(doc *d, char *line, bool *sent_start)
{
    char *tokend = strpbrk(line, " \t");
    char *tag = strrchr(line, ' ');
    char *tab = strrchr(line, '\t');
    if (tab > tag)
        tag = tab;
    if (!tokend || !tag)
        return;
    if (d->len && !*sent_start)
        doc_put(d, " ", 1);
    else if (d->len)
        doc_put(d, "\n", 1);
    *sent_start = false;
    if (d->nt == d->tcap) {
        d->tcap = d->tcap ? d->tcap * 2 : 256;
        d->t = xrealloc(d->t, d->tcap * sizeof *d->t);
    }
    tok *t = &d->t[d->nt++];
    t->off = (uint32_t)d->len;
    t->len = (uint32_t)(tokend - line);
    t->type = tag_type(tag + 1, &t->begin);
    doc_put(d, line, t->len);
}

static void read_conll(FILE *f, docs *ds)
{
    char line[4096];
    doc *d = NULL;
    bool sent_start = true;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "-DOCSTART-", 10) == 0) {
            d = new_doc(ds);
            sent_start = true;
            continue;
        }
        if (!line[0]) {
            sent_start = true;
            continue;
        }
        if (!d)
            d = new_doc(ds);
        add_token(d, line, &sent_start);
    }
    if (d && !d->len) { /* a "-DOCSTART-" last: no document */
        free(d->text);
        free(d->t);
        ds->n--;
    }
}

/* IOB1 and IOB2 alike: an entity starts at B-, or at I- after O, after
 * another type, or at a sentence start. */
static size_t gold_spans(const doc *d, span *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nt; i++) {
        const tok *t = &d->t[i];
        if (t->type < 0)
            continue;
        bool cont = i > 0 && !t->begin && d->t[i - 1].type == t->type &&
                    d->text[t->off - 1] == ' ' && n &&
                    out[n - 1].b == i - 1;
        if (cont)
            out[n - 1].b = (uint32_t)i;
        else
            out[n++] = (span){(uint32_t)i, (uint32_t)i, t->type};
    }
    return n;
}

/* Token whose range contains or follows byte off. */
static size_t tok_at(const doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->nt;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->t[mid].off + d->t[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Mentions to token spans; a mention sharing a token with the previous
 * one ("Kerry-Lavrov" is one token) is folded into it. */
static size_t pred_spans(const doc *d, const entity_table *t, uint32_t idx,
                         span *out)
{
    size_t nm, n = 0;
    const entity_mention *m = entity_mentions(t, idx, &nm);
    for (size_t i = 0; i < nm; i++) {
        size_t a = tok_at(d, m[i].off);
        size_t b = tok_at(d, m[i].off + m[i].len - 1);
        if (a >= d->nt)
            continue;
        if (b >= d->nt)
            b = d->nt - 1;
        if (n && out[n - 1].b >= a) {
            if (b > out[n - 1].b)
                out[n - 1].b = (uint32_t)b;
            continue;
        }
        out[n++] = (span){(uint32_t)a, (uint32_t)b,
                          (int)entity_type_of(t, m[i].entity)};
    }
    return n;
}

static const char *const conll_names[ENT_NTYPES] = {"PER", "ORG", "LOC",
                                                    "MISC"};

static void print_span(const doc *d, const span *s, const char *what,
                       int other_type)
{
    uint32_t a = d->t[s->a].off, b = d->t[s->b].off + d->t[s->b].len;
    printf("%s\t%s", what, conll_names[s->type]);
    if (other_type >= 0)
        printf(" (as %s)", conll_names[other_type]);
    printf("\t%.*s", (int)(b - a), d->text + a);
    /* the sentence (a line of the rebuilt text), the span in [[ ]] */
    uint32_t x = a, y = b;
    while (x > 0 && d->text[x - 1] != '\n')
        x--;
    while (y < d->len && d->text[y] != '\n')
        y++;
    printf("\t%.*s[[%.*s]]%.*s\n", (int)(a - x), d->text + x, (int)(b - a),
           d->text + a, (int)(y - b), d->text + b);
}

/* A "~" in --errors output marks a wrong boundary, not a wrong name. */
static bool overlaps(const span *x, const span *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i].a <= x->b && x->a <= s[i].b)
            return true;
    }
    return false;
}

static void compare(const doc *d, const span *g, size_t ng, const span *p,
                    size_t np, score *sc, bool errors)
{
    size_t i = 0, j = 0;
    for (size_t k = 0; k < ng; k++) {
        sc->gold[g[k].type]++;
        sc->ugold++;
    }
    for (size_t k = 0; k < np; k++) {
        sc->pred[p[k].type]++;
        sc->upred++;
    }
    while (i < ng || j < np) {
        if (i < ng && j < np && g[i].a == p[j].a && g[i].b == p[j].b) {
            sc->utp++;
            if (g[i].type == p[j].type)
                sc->tp[g[i].type]++;
            else if (errors)
                print_span(d, &g[i], "type", p[j].type);
            i++;
            j++;
        } else if (j >= np || (i < ng && g[i].a <= p[j].a)) {
            if (errors)
                print_span(d, &g[i], overlaps(&g[i], p, np) ? "miss~"
                                                            : "miss", -1);
            i++;
        } else {
            if (errors)
                print_span(d, &p[j], overlaps(&p[j], g, ng) ? "false~"
                                                            : "false", -1);
            j++;
        }
    }
}

static void prf(const char *name, long gold, long pred, long tp)
{
    double p = pred ? (double)tp / (double)pred : 0;
    double r = gold ? (double)tp / (double)gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-17s %6ld %6ld %6ld  %6.4f  %6.4f  %6.4f\n", name, gold, pred,
           tp, p, r, f);
}

static void report(const score *sc)
{
    printf("%-17s %6s %6s %6s  %6s  %6s  %6s\n", "type", "gold", "pred",
           "tp", "prec", "recall", "F1");
    long g = 0, p = 0, tp = 0;
    for (int k = 0; k < ENT_NTYPES; k++) {
        char name[32];
        snprintf(name, sizeof name, "%s/%s", entity_type_name(k),
                 conll_names[k]);
        prf(name, sc->gold[k], sc->pred[k], sc->tp[k]);
        g += sc->gold[k];
        p += sc->pred[k];
        tp += sc->tp[k];
    }
    prf("overall", g, p, tp);
    prf("untyped-spans", sc->ugold, sc->upred, sc->utp);
}

static void scan_all(const docs *ds, article *arts, entity_table **tabs,
                     bool set)
{
    for (size_t i = 0; i < ds->n; i++) {
        const doc *d = &ds->d[i];
        article_init(&arts[i], "conll", d->text, d->len);
        entity_table *t = set ? tabs[0] : (tabs[i] = entity_table_new());
        entity_table_set_tagger(t, model_for(i));
        entity_scan(t, set ? (uint32_t)i : 0, &arts[i]);
        if (!set)
            entity_finish(t);
    }
    if (set)
        entity_finish(tabs[0]);
}

static void free_all(const docs *ds, article *arts, entity_table **tabs,
                     bool set)
{
    for (size_t i = 0; i < ds->n; i++) {
        article_fini(&arts[i]);
        if (!set)
            entity_table_free(tabs[i]);
    }
    if (set)
        entity_table_free(tabs[0]);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Scan speed: N passes over every document as one set, articles parsed
 * once beforehand so only entity_scan + entity_finish are timed. */
static void speed(const docs *ds, int passes)
{
    article *arts = calloc(ds->n ? ds->n : 1, sizeof *arts);
    double bytes = 0;
    for (size_t i = 0; i < ds->n; i++) {
        article_init(&arts[i], "conll", ds->d[i].text, ds->d[i].len);
        bytes += (double)ds->d[i].len;
    }
    double t0 = now();
    size_t ents = 0;
    for (int p = 0; p < passes; p++) {
        entity_table *t = entity_table_new();
        entity_table_set_tagger(t, model_for(0));
        for (size_t i = 0; i < ds->n; i++)
            entity_scan(t, (uint32_t)i, &arts[i]);
        entity_finish(t);
        ents = entity_count(t);
        entity_table_free(t);
    }
    double dt = now() - t0;
    printf("speed: %d passes, %.1f MB scanned in %.3f s: %.1f MB/s "
           "(%zu entities a pass)\n",
           passes, bytes * passes / 1e6, dt, bytes * passes / 1e6 / dt, ents);
    for (size_t i = 0; i < ds->n; i++)
        article_fini(&arts[i]);
    free(arts);
}

/* --spans: every span, gold and found: "gold|pred TAB document TAB
 * first token TAB last token TAB type TAB words". */
static void dump_spans(const doc *d, size_t di, const char *what,
                       const span *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t a = d->t[s[i].a].off, b = d->t[s[i].b].off + d->t[s[i].b].len;
        printf("%s\t%zu\t%u\t%u\t%s\t%.*s\n", what, di, s[i].a, s[i].b,
               conll_names[s[i].type], (int)(b - a), d->text + a);
    }
}

typedef struct opts {
    bool set, errors, rules, spans;
    int passes;
    const char *path, *model, *cv, *defer;
} opts;

static const char *mode_name(const opts *o);

static int parse_args(int argc, char **argv, opts *o)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--set"))
            o->set = true;
        else if (!strcmp(argv[i], "--errors"))
            o->errors = true;
        else if (!strcmp(argv[i], "--spans"))
            o->spans = true;
        else if (!strcmp(argv[i], "--speed") && i + 1 < argc)
            o->passes = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rules"))
            o->rules = true;
        else if (!strcmp(argv[i], "--model") && i + 1 < argc)
            o->model = argv[++i];
        else if (!strcmp(argv[i], "--defer") && i + 1 < argc)
            o->defer = argv[++i];
        else if (!strcmp(argv[i], "--cv") && i + 1 < argc)
            o->cv = argv[++i];
        else
            o->path = argv[i];
    }
    if (o->path)
        return 0;
    fprintf(stderr, "usage: ner_eval [--set] [--errors] [--spans] [--speed N] "
                    "[--rules | --model FILE | --cv PREFIX] FILE.conll\n");
    return 2;
}

static void evaluate(const docs *ds, const opts *o)
{
    article *arts = calloc(ds->n ? ds->n : 1, sizeof *arts);
    entity_table **tabs = calloc(ds->n ? ds->n : 1, sizeof *tabs);
    if (o->set)
        tabs[0] = entity_table_new();
    scan_all(ds, arts, tabs, o->set);
    score sc = {0};
    for (size_t i = 0; i < ds->n; i++) {
        const doc *d = &ds->d[i];
        span *g = calloc(d->nt + 1, sizeof *g);
        span *p = calloc(d->nt + 1, sizeof *p);
        size_t ng = gold_spans(d, g);
        size_t np = pred_spans(d, o->set ? tabs[0] : tabs[i],
                               o->set ? (uint32_t)i : 0, p);
        compare(d, g, ng, p, np, &sc, o->errors);
        if (o->spans) {
            dump_spans(d, i, "gold", g, ng);
            dump_spans(d, i, "pred", p, np);
        }
        free(g);
        free(p);
    }
    printf("%s: %zu documents, %s, %s\n", o->path, ds->n,
           o->set ? "scanned as one set" : "each document alone",
           mode_name(o));
    report(&sc);
    free_all(ds, arts, tabs, o->set);
    free(arts);
    free(tabs);
}

/* A weight file, or exit 1 with the reason. */
static const char *defer_margin;

static tagger *load_model(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len == cap)
            buf = xrealloc(buf, cap = cap ? cap * 2 : 1 << 20);
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got);
    fclose(f);
    char err[128];
    tagger *m = tagger_load(buf, len, err, sizeof err);
    free(buf);
    if (!m) {
        fprintf(stderr, "%s: %s\n", path, err);
        exit(1);
    }
    if (defer_margin)
        tagger_set_defer(m, (float)atof(defer_margin));
    return m;
}

static void load_models(const opts *o)
{
    if (o->rules)
        return;
    defer_margin = o->defer;
    if (o->cv) {
        use_cv = true;
        for (int k = 0; k < CV_FOLDS; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s%d.bin", o->cv, k);
            models[k] = load_model(path);
        }
    } else {
        models[0] = o->model ? load_model(o->model) : tagger_builtin();
    }
}

static const char *mode_name(const opts *o)
{
    if (o->rules)
        return "rules alone";
    if (o->cv)
        return "tagger, 5-fold cross-validation by document";
    if (o->model)
        return "tagger from a weight file";
    return models[0] ? "built-in tagger" : "rules alone (no built-in tagger)";
}

int main(int argc, char **argv)
{
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    load_models(&o);
    FILE *f = fopen(o.path, "r");
    if (!f) {
        perror(o.path);
        return 1;
    }
    docs ds = {0};
    read_conll(f, &ds);
    fclose(f);
    evaluate(&ds, &o);
    if (o.passes > 0)
        speed(&ds, o.passes);
    for (size_t i = 0; i < ds.n; i++) {
        free(ds.d[i].text);
        free(ds.d[i].t);
    }
    free(ds.d);
    for (int k = 0; k < CV_FOLDS; k++) {
        if (models[k] != tagger_builtin())
            tagger_free((tagger *)models[k]);
    }
    return 0;
}
