/* reader.c: the reading pane. The article is laid out again only when
 * the article, the width or the flags change; each frame asks the layout
 * for the cells of the visible lines only. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

void reader_init(ui *u)
{
    memset(&u->rd, 0, sizeof u->rd);
    u->rd.art = -1;
    u->rd.lay_art = -1;
    u->rd.flags = u->o->hide_boiler ? LAYOUT_HIDE_BOILER : 0;
}

void reader_fini(ui *u)
{
    layout_fini(&u->rd.lay);
    free(u->rd.spans);
    free(u->rd.cells);
    memset(&u->rd, 0, sizeof u->rd);
}

static int reader_width(const ui *u)
{
    int w = u->r[PANE_READER].w;
    w = w >= 24 ? w - 2 : w; /* a margin each side when there is room */
    return w < 1 ? 1 : w;
}

static int reader_margin(const ui *u)
{
    return u->r[PANE_READER].w >= 24 ? 1 : 0;
}

static size_t reader_height(const ui *u)
{
    return u->r[PANE_READER].h > 0 ? (size_t)u->r[PANE_READER].h : 1;
}

static void reader_clamp(ui *u)
{
    size_t h = reader_height(u), n = u->rd.lay.nlines;
    if (u->rd.top + h > n)
        u->rd.top = n > h ? n - h : 0;
}

void reader_ensure(ui *u)
{
    ui_reader *r = &u->rd;
    int w = reader_width(u);
    if (r->art < 0)
        return;
    if (r->lay_art == r->art && r->lay_width == w && r->lay_flags == r->flags)
        return;
    bool keep = r->lay_art == r->art && r->anchored;
    layout_article(&r->lay, store_get(u->s, (size_t)r->art), w, r->flags);
    story_ui_decorate(u, &r->lay, r->art, r->flags);
    r->lay_art = r->art;
    r->lay_width = w;
    r->lay_flags = r->flags;
    /* the place is the text the reader chose to see at the top, so a
     * resize and back returns to the same line */
    r->top = keep ? layout_line_of(&r->lay, r->anchor) : 0;
    if (r->top >= r->lay.nlines)
        r->top = r->lay.nlines ? r->lay.nlines - 1 : 0;
    reader_clamp(u);
}

/* The user moved: remember the text at the top as the place. */
void reader_set_top(ui *u, size_t top)
{
    ui_reader *r = &u->rd;
    reader_ensure(u);
    r->top = top;
    reader_clamp(u);
    r->anchored = r->top < r->lay.nlines;
    r->anchor = r->anchored ? r->lay.lines[r->top].off : 0;
    u->dirty |= DIRTY_READER | DIRTY_STATUS;
}

void reader_open(ui *u, long art)
{
    ui_reader *r = &u->rd;
    if (r->art == art)
        return;
    r->art = art;
    r->top = 0;
    r->anchored = false;
    r->spans_ok = false;
    u->ent_cur = -1;
    u->find.cur = -1;
    find_refresh(u);
    u->dirty |= DIRTY_READER | DIRTY_SIDEBAR | DIRTY_STATUS;
}

void reader_invalidate(ui *u)
{
    u->rd.spans_ok = false;
    u->dirty |= DIRTY_READER | DIRTY_STATUS;
}

void reader_scroll(ui *u, long delta)
{
    reader_ensure(u);
    long t = (long)u->rd.top + delta;
    reader_set_top(u, t < 0 ? 0 : (size_t)t);
}

void reader_top(ui *u)
{
    reader_ensure(u);
    reader_set_top(u, 0);
}

void reader_bottom(ui *u)
{
    reader_ensure(u);
    reader_set_top(u, u->rd.lay.nlines);
}

void reader_show(ui *u, uint32_t off)
{
    reader_ensure(u);
    size_t ln = layout_line_of(&u->rd.lay, off), h = reader_height(u);
    if (ln >= u->rd.lay.nlines)
        return;
    if (ln < u->rd.top || ln >= u->rd.top + h)
        reader_set_top(u, ln > h / 3 ? ln - h / 3 : 0);
    u->dirty |= DIRTY_READER | DIRTY_STATUS;
}

int reader_percent(ui *u)
{
    reader_ensure(u);
    size_t n = u->rd.lay.nlines, end = u->rd.top + reader_height(u);
    if (!n || end >= n)
        return 100;
    return (int)(end * 100 / n);
}

/* The text range the visible lines show. */
static void visible_range(const ui *u, uint32_t *from, uint32_t *to)
{
    const ui_reader *r = &u->rd;
    size_t end = r->top + reader_height(u);
    if (end > r->lay.nlines)
        end = r->lay.nlines;
    *from = UINT32_MAX;
    *to = 0;
    for (size_t i = r->top; i < end; i++) {
        const layout_line *L = &r->lay.lines[i];
        if (L->off < *from)
            *from = L->off;
        if (L->off + L->len > *to)
            *to = L->off + L->len;
    }
    if (*from > *to)
        *from = *to = 0;
}

/* Margin of text around the visible range that spans are made for, so
 * that scrolling a little does not ask for them again. */
enum { SPAN_MARGIN = 32 * 1024 };

/* Spans for the visible text (and a margin): their cost follows the
 * screen, not the article, however long it is. */
static void reader_spans(ui *u)
{
    ui_reader *r = &u->rd;
    uint32_t vf, vt;
    visible_range(u, &vf, &vt);
    if (r->spans_ok && vf >= r->span_from && vt <= r->span_to)
        return;
    r->span_from = vf > SPAN_MARGIN ? vf - SPAN_MARGIN : 0;
    r->span_to = vt + SPAN_MARGIN;
    bool m = u->find.q && u->find.m_art == r->art;
    hl_layers hl = {
        .entities = u->et,
        .article = (uint32_t)r->art,
        .selected_entity = u->entity,
        .keywords = u->kw,
        .matches = m ? u->find.m : NULL,
        .nmatches = m ? u->find.nm : 0,
        .current_match = -1, /* drawn over the spans, see cell_style */
        .from = r->span_from,
        .to = r->span_to,
    };
    const article *a = store_get(u->s, (size_t)r->art);
    r->nspans = hl_spans(a, &hl, &r->spans, &r->spcap);
    rules_recolor(u, a, r->spans, r->nspans);
    r->spans_ok = true;
}

static ui_style line_style(const ui *u, const article *a, int32_t block)
{
    if (block < 0)
        return u->role[ROLE_TEXT];
    switch (a->blocks[block].kind) {
    case BLOCK_TITLE: return u->role[ROLE_TITLE];
    case BLOCK_BODY: return u->role[ROLE_TEXT];
    case BLOCK_BOILER: return u->role[ROLE_BOILER];
    default: return u->role[ROLE_META];
    }
}

/* The current match or entity mention, drawn over the spans. */
static bool current_range(const ui *u, uint32_t *off, uint32_t *len)
{
    if (u->nav == NAV_SEARCH && u->find.cur >= 0 &&
        u->find.m_art == u->rd.art && (size_t)u->find.cur < u->find.nm) {
        *off = u->find.m[u->find.cur].off;
        *len = u->find.m[u->find.cur].len;
        return true;
    }
    if (u->nav == NAV_ENTITY && u->entity >= 0 && u->ent_cur >= 0) {
        size_t n;
        const entity_mention *m =
            entity_mentions(u->et, (uint32_t)u->rd.art, &n);
        size_t seen = 0;
        for (size_t i = 0; i < n; i++)
            if ((long)m[i].entity == u->entity && (long)seen++ == u->ent_cur) {
                *off = m[i].off;
                *len = m[i].len;
                return true;
            }
    }
    return false;
}

static ui_style cell_style(const ui *u, ui_style base, const layout_cell *c,
                           uint32_t coff, uint32_t clen)
{
    if (c->len && c->off >= coff && c->off < coff + clen)
        return u->cls[HL_MATCH_CURRENT];
    ui_style st;
    /* a /regex/ rule of the configuration: over names, under the rest */
    bool rule = c->len && c->cls < HL_SELECTED && rules_style_at(u, c->off, &st);
    if (c->cls == HL_NONE && !rule)
        return base;
    if (!rule)
        st = color_of(u, c->cls);
    return base.attr & A_DIM ? style_with(st, A_DIM) : st;
}

/* First span that may touch offset off (spans are sorted). */
static size_t span_from(const ui_reader *r, uint32_t off)
{
    size_t lo = 0, hi = r->nspans;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->spans[mid].off + r->spans[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void reader_line(ui *u, size_t ln, int y, uint32_t coff, uint32_t clen)
{
    ui_reader *r = &u->rd;
    const ui_rect *rc = &u->r[PANE_READER];
    const article *a = store_get(u->s, (size_t)r->art);
    const layout_line *L = &r->lay.lines[ln];
    ui_style base = line_style(u, a, L->block);
    int x = rc->x + reader_margin(u), end = rc->x + rc->w;
    if (L->block <= -2) {
        story_ui_note(u, L->block, y, x, end - x);
        return;
    }
    if (story_ui_dimmed(u, r->art, L->block))
        base = u->role[ROLE_BOILER];
    size_t s0 = span_from(r, L->off);
    const hl_span *sp = r->spans ? r->spans + s0 : NULL;
    size_t nc = layout_cells(&r->lay, ln, a->text, sp, r->nspans - s0,
                             &r->cells, &r->cellcap);
    for (size_t i = 0; i < nc && x < end; i++) {
        const layout_cell *c = &r->cells[i];
        int w = c->cols;
        if (x + w > end)
            break;
        ui_style st = cell_style(u, base, c, coff, clen);
        if (c->len)
            draw_cluster(y, x, a->text + c->off, c->len, w, st);
        else
            draw_fill(y, x, w, st);
        x += w;
    }
}

void reader_draw(ui *u)
{
    const ui_rect *rc = &u->r[PANE_READER];
    for (int i = 0; i < rc->h; i++)
        draw_fill(rc->y + i, rc->x, rc->w, u->role[ROLE_TEXT]);
    if (u->rd.art < 0) {
        draw_text(rc->y, rc->x, "(nothing to read)", 17, rc->w,
                  u->role[ROLE_META]);
        return;
    }
    reader_ensure(u);
    reader_spans(u);
    uint32_t coff = 0, clen = 0;
    current_range(u, &coff, &clen);
    for (int i = 0; i < rc->h; i++) {
        size_t ln = u->rd.top + (size_t)i;
        if (ln >= u->rd.lay.nlines)
            break;
        reader_line(u, ln, rc->y + i, coff, clen);
    }
}
