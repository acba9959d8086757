/* index_fts.c: the FTS5 tokenizer 'lede' (see index_fts.h).
 *
 * A temporary version kept by the index until the query module's lands:
 * words are runs of letters, marks and digits; ASCII ones are lowercased
 * in place, others folded with text_fold (which keeps a map back to the
 * original bytes). */
#include "index_fts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "util.h"

typedef struct lede_tok {
    text_fold_buf fold;
} lede_tok;

static int tok_create(void *ctx, const char **argv, int argc,
                      Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    *out = (Fts5Tokenizer *)lede_calloc(1, sizeof(lede_tok));
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    lede_tok *t = (lede_tok *)p;
    text_fold_fini(&t->fold);
    free(t);
}

static bool word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
                                            (cp | 0x20) <= 'z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

typedef int (*tok_fn)(void *, int, const char *, int, int, int);

/* A run of word characters that is not all ASCII: folded on its own,
 * then cut into words again (folding may change what is a letter). */
static int fold_run(lede_tok *t, void *ctx, tok_fn token, const char *run,
                    size_t n, size_t base)
{
    text_fold(run, n, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &t->fold);
    const char *f = t->fold.s;
    size_t fn = t->fold.len, i = 0;
    while (i < fn) {
        size_t w;
        if (!word_cp(text_decode(f + i, fn - i, &w))) {
            i += w;
            continue;
        }
        size_t start = i;
        while (i < fn && word_cp(text_decode(f + i, fn - i, &w)))
            i += w;
        size_t len = i - start;
        if (len > 255) { /* no use indexing a run of garbage whole */
            len = 255;
            while (len && ((unsigned char)f[start + len] & 0xC0) == 0x80)
                len--;
        }
        int rc = token(ctx, 0, f + start, (int)len,
                       (int)(base + t->fold.map[start]),
                       (int)(base + t->fold.map[i]));
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

/* Most words of most articles are ASCII: those are lowercased here, and
 * only runs with other characters go through Unicode folding. */
static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                        const char *text, int ntext, tok_fn token)
{
    (void)flags;
    lede_tok *t = (lede_tok *)p;
    size_t n = ntext > 0 ? (size_t)ntext : 0, i = 0;
    char low[256];
    while (i < n) {
        size_t w;
        int32_t cp = (unsigned char)text[i] < 0x80
                         ? (unsigned char)text[i]
                         : text_decode(text + i, n - i, &w);
        if ((unsigned char)text[i] < 0x80)
            w = 1;
        if (!word_cp(cp)) {
            i += w;
            continue;
        }
        size_t start = i;
        bool ascii = true;
        while (i < n) {
            unsigned char c = (unsigned char)text[i];
            if (c < 0x80) {
                if (!word_cp(c))
                    break;
                i++;
            } else {
                if (!word_cp(text_decode(text + i, n - i, &w)))
                    break;
                ascii = false;
                i += w;
            }
        }
        int rc;
        if (ascii) {
            size_t len = i - start > 255 ? 255 : i - start;
            for (size_t k = 0; k < len; k++) {
                char c = text[start + k];
                low[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
            }
            rc = token(ctx, 0, low, (int)len, (int)start, (int)i);
        } else {
            rc = fold_run(t, ctx, token, text + start, i - start, start);
        }
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static fts5_api *fts5_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int index_fts_register(sqlite3 *db)
{
    fts5_api *api = fts5_of(db);
    if (!api)
        return SQLITE_ERROR;
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "lede", NULL, &tok, NULL);
}
