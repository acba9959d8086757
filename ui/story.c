/* story.c: following a story in the reader: duplicates collapsed in the
 * list and stepped through in the reader, paragraphs already read
 * elsewhere dimmed (or hidden) with where they were read, and the share
 * of new text per article. The computations are src/story.c's; this file
 * keeps their per-session state and draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util.h"

/* Articles [old, n) join the duplicate groups: their body hashes come
 * with the list (store_body), so no article is read for this, and the
 * groups of the earlier ones are only extended. */
static void join_groups(ui *u, size_t old, size_t n)
{
    ui_story *s = &u->story;
    if (n <= old)
        return;
    uint64_t *body = lede_malloc((n - old) * sizeof *body);
    for (size_t i = old; i < n; i++)
        body[i - old] = store_body(u->s, i);
    story_dups_add(s->dups, body, old, n, s->rep, s->next);
    free(body);
    for (size_t i = old; i < n; i++)
        s->ncopies[s->rep[i]]++;
}

void story_ui_init(ui *u)
{
    ui_story *s = &u->story;
    size_t n = store_count(u->s);
    memset(s, 0, sizeof *s);
    s->seen = story_seen_new();
    s->dups = story_dups_new();
    s->rep = lede_malloc((n ? n : 1) * sizeof *s->rep);
    s->next = lede_malloc((n ? n : 1) * sizeof *s->next);
    s->ncopies = lede_calloc(n ? n : 1, sizeof *s->ncopies);
    s->share = lede_malloc((n ? n : 1) * sizeof *s->share);
    s->share_gen = lede_calloc(n ? n : 1, sizeof *s->share_gen);
    s->stamp = lede_calloc(n ? n : 1, sizeof *s->stamp);
    join_groups(u, 0, n);
    s->deco_art = -1;
}

void story_ui_grow(ui *u, size_t old, size_t n)
{
    ui_story *s = &u->story;
    s->rep = lede_realloc(s->rep, (n ? n : 1) * sizeof *s->rep);
    s->next = lede_realloc(s->next, (n ? n : 1) * sizeof *s->next);
    s->ncopies = lede_realloc(s->ncopies, (n ? n : 1) * sizeof *s->ncopies);
    s->share = lede_realloc(s->share, (n ? n : 1) * sizeof *s->share);
    s->share_gen = lede_realloc(s->share_gen, (n ? n : 1) * sizeof *s->share_gen);
    s->stamp = lede_realloc(s->stamp, (n ? n : 1) * sizeof *s->stamp);
    memset(s->ncopies + old, 0, (n - old) * sizeof *s->ncopies);
    memset(s->share_gen + old, 0, (n - old) * sizeof *s->share_gen);
    memset(s->stamp + old, 0, (n - old) * sizeof *s->stamp);
    /* a new copy of an earlier article joins that article's group */
    join_groups(u, old, n);
}

void story_ui_fini(ui *u)
{
    ui_story *s = &u->story;
    story_seen_free(s->seen);
    story_dups_free(s->dups);
    free(s->rep);
    free(s->next);
    free(s->ncopies);
    free(s->share);
    free(s->share_gen);
    free(s->stamp);
    free(s->hits);
    free(s->blk_src);
    free(s->notes);
    free(s->lines);
    memset(s, 0, sizeof *s);
}

void story_ui_read(ui *u, long art)
{
    if (art < 0)
        return;
    u->read[art] = true;
    const story_print *p = store_print(u->s, (size_t)art);
    if (p)
        story_seen_add(u->story.seen, (uint32_t)art, p);
    u->dirty |= DIRTY_LIST;
}

uint32_t story_ui_copies(const ui *u, uint32_t art)
{
    return u->story.ncopies[u->story.rep[art]];
}

/* Where each paragraph of art was read; *share the new share. Cached for
 * the article last asked about. */
static story_hit *hits_of(ui *u, uint32_t art, int *share)
{
    ui_story *s = &u->story;
    const story_print *p = store_print(u->s, art);
    if (!p)
        return NULL;
    LEDE_GROW(s->hits, s->hcap, (size_t)p->npara + 1);
    int sh = story_seen_match(s->seen, art, p, s->hits);
    if (share)
        *share = sh;
    s->share[art] = (int16_t)sh;
    s->share_gen[art] = story_seen_count(s->seen) + 1;
    return s->hits;
}

int story_ui_share(ui *u, uint32_t art)
{
    ui_story *s = &u->story;
    if (s->share_gen[art] != story_seen_count(s->seen) + 1)
        hits_of(u, art, NULL);
    return s->share[art];
}

size_t story_ui_collapse(ui *u, uint32_t *view, uint32_t *counts, size_t n)
{
    ui_story *s = &u->story;
    s->gen++;
    if (s->gen == 0) { /* wrapped: start the stamps afresh */
        memset(s->stamp, 0, store_count(u->s) * sizeof *s->stamp);
        s->gen = 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = s->rep[view[i]];
        if (s->ncopies[r] > 1) {
            if (s->stamp[r] == s->gen)
                continue; /* a copy of a row already shown */
            s->stamp[r] = s->gen;
        }
        view[k] = view[i];
        if (counts)
            counts[k] = counts[i];
        k++;
    }
    return k;
}

int story_ui_row(ui *u, uint32_t art, int y, int x, int end, ui_style st)
{
    char b[32];
    uint32_t c = story_ui_copies(u, art);
    if (c > 1 && end - x >= 30) {
        int n = snprintf(b, sizeof b, "\xc3\x97%u", c); /* ×3 */
        int w = n - 1;
        end -= w + 1;
        draw_text(y, end + 1, b, (size_t)n, w, style_with(st, A_BOLD));
    }
    if (story_seen_count(u->story.seen) && end - x >= 24) {
        int sh = story_ui_share(u, art);
        if (sh < 100) {
            int n = snprintf(b, sizeof b, "new %d%%", sh);
            end -= n + 1;
            draw_text(y, end + 1, b, (size_t)n, n, st);
        }
    }
    return end;
}

/* ---- the reader: notes, dimmed and hidden paragraphs ----------------- */

enum { NOTE_COPIES, NOTE_READ_IN, NOTE_HIDDEN };

static int32_t add_note(ui_story *s, int kind, int32_t art, uint32_t n)
{
    LEDE_GROW(s->notes, s->ncap, s->nnotes + 1);
    s->notes[s->nnotes] = (ui_story_note){kind, art, n};
    return -2 - (int32_t)s->nnotes++;
}

static void put_line(ui_story *s, size_t *n, layout_line l)
{
    LEDE_GROW(s->lines, s->lcap, *n + 1);
    s->lines[(*n)++] = l;
}

/* Index of the blank line ending the header (title and metadata). */
static size_t header_end(const layout *lay)
{
    for (size_t i = 0; i < lay->nlines; i++)
        if (lay->lines[i].block < 0)
            return i;
    return lay->nlines;
}

/* True when line i starts a paragraph that is hidden. */
static bool hidden_start(ui *u, const article *a, const layout *lay, size_t i,
                         bool hide)
{
    int32_t b = lay->lines[i].block;
    return hide && b >= 0 && a->blocks[b].kind == BLOCK_BODY &&
           u->story.blk_src[b] >= 0 && lay->lines[i - 1].block != b;
}

void story_ui_decorate(ui *u, layout *lay, long art, unsigned flags)
{
    ui_story *s = &u->story;
    s->nnotes = 0;
    s->deco_art = art;
    const article *a = store_get(u->s, (size_t)art);
    const story_print *p = store_print(u->s, (size_t)art);
    if (!a || !p)
        return;
    LEDE_GROW(s->blk_src, s->bcap, a->nblocks + 1);
    for (size_t i = 0; i < a->nblocks; i++)
        s->blk_src[i] = -1;
    story_hit *h = hits_of(u, (uint32_t)art, NULL);
    for (uint32_t i = 0; h && i < p->npara; i++)
        if (p->para[i].block < a->nblocks) /* a print from a damaged index */
            s->blk_src[p->para[i].block] = h[i].src_art;
    bool hide = flags & UI_HIDE_READ;
    size_t n = 0, hend = header_end(lay);
    uint32_t hidden = 0;
    for (size_t i = 0; i <= lay->nlines; i++) {
        uint32_t copies = story_ui_copies(u, (uint32_t)art);
        if (i == hend && copies > 1 && lay->nlines) {
            uint32_t off = lay->lines[i < lay->nlines ? i : i - 1].off;
            put_line(s, &n, (layout_line){off, 0,
                     add_note(s, NOTE_COPIES, (int32_t)art, copies), 0});
        }
        if (i == lay->nlines)
            break;
        layout_line L = lay->lines[i];
        int32_t src = L.block >= 0 && a->blocks[L.block].kind == BLOCK_BODY
                          ? s->blk_src[L.block] : -1;
        bool first = src >= 0 && (i == 0 || lay->lines[i - 1].block != L.block);
        if (src >= 0 && hide) {
            hidden += first;
            if (n && s->lines[n - 1].block == -1 && first)
                n--; /* its blank separator goes with it */
            continue;
        }
        if (hidden && L.block == -1 && i + 1 < lay->nlines &&
            hidden_start(u, a, lay, i + 1, hide))
            continue; /* the run of hidden paragraphs goes on */
        if (hidden && L.block == -1) {
            put_line(s, &n, L);
            put_line(s, &n, (layout_line){L.off, 0,
                                          add_note(s, NOTE_HIDDEN, -1, hidden), 0});
            hidden = 0;
        }
        if (first)
            put_line(s, &n, (layout_line){L.off, 0,
                                          add_note(s, NOTE_READ_IN, src, 0), 0});
        put_line(s, &n, L);
    }
    if (hidden) {
        uint32_t off = n ? s->lines[n - 1].off + s->lines[n - 1].len : 0;
        put_line(s, &n, (layout_line){off, 0, -1, 0});
        put_line(s, &n, (layout_line){off, 0, add_note(s, NOTE_HIDDEN, -1, hidden), 0});
    }
    LEDE_GROW(lay->lines, lay->cap, n);
    memcpy(lay->lines, s->lines, n * sizeof *s->lines);
    lay->nlines = n;
}

bool story_ui_dimmed(const ui *u, long art, int32_t block)
{
    const ui_story *s = &u->story;
    return block >= 0 && art == s->deco_art && s->blk_src &&
           s->blk_src[block] >= 0;
}

/* A headline drawn in at most w columns; returns the columns used. */
static int draw_headline(ui *u, uint32_t art, int y, int x, int w,
                         ui_style st)
{
    size_t hl;
    const char *h = article_headline(store_summary(u->s, art), &hl);
    return draw_text_ellipsis(y, x, h, hl, w, st);
}

void story_ui_note(ui *u, int32_t block, int y, int x, int w)
{
    ui_story *s = &u->story;
    size_t k = (size_t)(-2 - block);
    if (k >= s->nnotes || w <= 0)
        return;
    const ui_story_note *nt = &s->notes[k];
    ui_style st = u->role[ROLE_META];
    char b[96];
    int used = 0;
    switch (nt->kind) {
    case NOTE_COPIES: {
        snprintf(b, sizeof b, "\xc3\x97%u copies (c: next), also: ", nt->n);
        used = draw_text(y, x, b, strlen(b), w, style_with(st, A_BOLD));
        /* the other copies' names, as many as fit */
        uint32_t i = s->next[nt->art];
        for (uint32_t c = 1; c < nt->n && used < w; c++, i = s->next[i]) {
            const char *l = store_summary(u->s, i)->label, *sl = strrchr(l, '/');
            l = sl && sl[1] ? sl + 1 : l;
            if (c > 1)
                used += draw_text(y, x + used, ", ", 2, w - used, st);
            used += draw_text_ellipsis(y, x + used, l, strlen(l), w - used, st);
        }
        break;
    }
    case NOTE_READ_IN:
        snprintf(b, sizeof b, "\xe2\x94\x80 read in: ");
        used = draw_text(y, x, b, strlen(b), w, st);
        draw_headline(u, (uint32_t)nt->art, y, x + used, w - used,
                      style_with(st, A_ITALIC));
        break;
    default:
        snprintf(b, sizeof b, "\xe2\x94\x80 %u read paragraph%s hidden (R shows)",
                 nt->n, nt->n == 1 ? "" : "s");
        draw_text(y, x, b, strlen(b), w, st);
        break;
    }
}

void story_ui_next_copy(ui *u)
{
    long art = u->rd.art;
    if (art < 0 || story_ui_copies(u, (uint32_t)art) < 2) {
        ui_msg(u, false, "no other copy of this article");
        return;
    }
    uint32_t nx = u->story.next[art], pos = 1;
    for (uint32_t i = u->story.rep[art]; i != nx; i = u->story.next[i])
        pos++;
    reader_open(u, (long)nx);
    story_ui_read(u, (long)nx);
    ui_msg(u, false, "copy %u of %u: %s", pos, story_ui_copies(u, nx),
           store_summary(u->s, nx)->label);
}

void story_ui_hide_read(ui *u)
{
    u->rd.flags ^= UI_HIDE_READ;
    ui_msg(u, false, "%s", u->rd.flags & UI_HIDE_READ
                               ? "paragraphs read elsewhere hidden"
                               : "paragraphs read elsewhere shown dimmed");
    u->dirty |= DIRTY_READER;
}
