/* names.c: the names view, an overlay over the panes: every entity named
 * in the current list with its mention and article counts, sortable,
 * filterable by type and by typing; the names seen with the selected one;
 * Enter pivots the list on a name, + on two names at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "text.h"
#include "util.h"

static const char *const sort_names[] = {"count", "name", "first"};

static const char *type_label(int t)
{
    return t < 0 ? "all" : entity_type_name((entity_type)t);
}

/* True when the name contains the typed filter (folded). */
static bool name_passes(ui *u, uint32_t id, const char *pat, size_t plen)
{
    ui_names *v = &u->names;
    if (v->type >= 0 && (int)entity_type_of(u->et, id) != v->type)
        return false;
    if (!plen)
        return true;
    const char *nm = entity_name(u->et, id);
    text_fold(nm, strlen(nm), TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &v->fold);
    if (v->fold.len < plen)
        return false;
    for (size_t i = 0; i + plen <= v->fold.len; i++)
        if (!memcmp(v->fold.s + i, pat, plen))
            return true;
    return false;
}

/* Rows: the names passing the type and text filters. */
static void names_rows(ui *u)
{
    ui_names *v = &u->names;
    text_fold_buf pf = {0};
    text_fold(v->filt, v->flen, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &pf);
    LEDE_GROW(v->rows, v->rcap, v->n + 1);
    v->nrows = 0;
    for (size_t i = 0; i < v->n; i++)
        if (name_passes(u, v->v[i].id, pf.s ? pf.s : "", pf.len))
            v->rows[v->nrows++] = (uint32_t)i;
    text_fold_fini(&pf);
    if (v->sel >= v->nrows)
        v->sel = v->nrows ? v->nrows - 1 : 0;
    v->with_for = -2; /* stale: names_with recomputes */
    u->dirty |= DIRTY_ALL;
}

static int64_t *date_keys(ui *u)
{
    size_t n = store_count(u->s);
    int64_t *d = lede_malloc((n ? n : 1) * sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = store_summary(u->s, i)->date_key;
    return d;
}

void names_open(ui *u)
{
    ui_names *v = &u->names;
    if (!u->et) {
        ui_msg(u, true, "no names in this set");
        return;
    }
    free(v->v);
    int64_t *d = date_keys(u);
    v->v = story_names(u->et, u->list.view, u->list.n, store_count(u->s), d,
                       (story_sort)v->sort, &v->n);
    free(d);
    v->on = true;
    v->sel = v->top = 0;
    v->in_with = false;
    v->typing = false;
    names_rows(u);
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
}

void names_fini(ui *u)
{
    ui_names *v = &u->names;
    free(v->v);
    free(v->rows);
    free(v->with);
    text_fold_fini(&v->fold);
    memset(v, 0, sizeof *v);
}

/* The selected name's entity id, or -1. */
static long names_current(const ui *u)
{
    const ui_names *v = &u->names;
    return v->nrows ? (long)v->v[v->rows[v->sel]].id : -1;
}

/* Co-occurrence for the selected name, within the current list. */
static void names_with(ui *u)
{
    ui_names *v = &u->names;
    long id = names_current(u);
    if (id == v->with_for)
        return;
    free(v->with);
    v->with = NULL;
    v->nwith = 0;
    v->wsel = 0;
    v->with_for = id;
    if (id < 0)
        return;
    size_t n = store_count(u->s);
    bool *in = NULL;
    if (u->list.filtered) {
        in = lede_calloc(n ? n : 1, sizeof *in);
        for (size_t i = 0; i < u->list.n; i++)
            in[u->list.view[i]] = true;
    }
    v->with = story_cooc(u->et, (uint32_t)id, in, &v->nwith);
    free(in);
}

static void draw_row(ui *u, size_t r, int y, bool sel)
{
    const ui_names *v = &u->names;
    const story_name *nm = &v->v[v->rows[r]];
    ui_style st = sel && !v->in_with ? u->role[ROLE_SEL] : u->role[ROLE_TEXT];
    ui_style meta = sel && !v->in_with ? st : u->role[ROLE_META];
    draw_fill(y, 0, COLS, st);
    char b[64];
    int n = snprintf(b, sizeof b, "%8u %8u  ", nm->mentions, nm->articles);
    int x = 1 + draw_text(y, 1, b, (size_t)n, COLS - 1, meta);
    if (nm->first >= 0) {
        long long k = nm->first / 1000000;
        n = snprintf(b, sizeof b, "%04lld-%02lld-%02lld  ", k / 10000 % 10000,
                     k / 100 % 100, k % 100);
    } else {
        n = snprintf(b, sizeof b, "%-10s  ", "-");
    }
    x += draw_text(y, x, b, (size_t)n, COLS - x, meta);
    const char *name = entity_name(u->et, nm->id);
    const char *ty = entity_type_name(entity_type_of(u->et, nm->id));
    int tw = COLS - x > 40 ? (int)strlen(ty) + 2 : 0; /* type when room */
    ui_style ns = sel && !v->in_with ? st : u->cls[hl_class_for(entity_type_of(u->et, nm->id))];
    draw_text_ellipsis(y, x, name, strlen(name), COLS - x - tw, ns);
    if (tw)
        draw_text(y, COLS - tw + 1, ty, strlen(ty), tw - 1, meta);
}

/* "with: Sergei Lavrov 14, Staffan de Mistura 9, ..." on row y. */
static void draw_with(ui *u, int y)
{
    ui_names *v = &u->names;
    names_with(u);
    draw_fill(y, 0, COLS, u->role[ROLE_STATUS]);
    int x = 1;
    x += draw_text(y, x, "with: ", 6, COLS - x, style_with(u->role[ROLE_STATUS], A_BOLD));
    if (!v->nwith)
        draw_text(y, x, "(no other name)", 15, COLS - x, u->role[ROLE_STATUS]);
    for (size_t i = 0; i < v->nwith && x < COLS - 1; i++) {
        bool sel = v->in_with && i == v->wsel;
        ui_style st = sel ? u->role[ROLE_SEL] : u->role[ROLE_STATUS];
        if (i)
            x += draw_text(y, x, ", ", 2, COLS - x, u->role[ROLE_STATUS]);
        const char *nm = entity_name(u->et, v->with[i].id);
        x += draw_text_ellipsis(y, x, nm, strlen(nm), COLS - x, st);
        char b[16];
        int n = snprintf(b, sizeof b, " %u", v->with[i].count);
        x += draw_text(y, x, b, (size_t)n, COLS - x, st);
    }
}

void names_draw(ui *u)
{
    ui_names *v = &u->names;
    int h = LINES - 1, body = h - 4;
    char t[256];
    snprintf(t, sizeof t, "Names in %zu articles: %zu shown  sort: %s (s)  "
             "type: %s (t)  filter: %s%.*s%s", u->list.n, v->nrows,
             sort_names[v->sort], type_label(v->type),
             v->typing || v->flen ? "/" : "(/)", (int)v->flen, v->filt,
             v->typing ? "_" : "");
    draw_fill(0, 0, COLS, u->role[ROLE_TEXT]);
    draw_text_ellipsis(0, 1, t, strlen(t), COLS - 2, u->role[ROLE_TITLE]);
    draw_fill(1, 0, COLS, u->role[ROLE_HEADER]);
    const char *hd = "mentions articles  first       name";
    draw_text(1, 1, hd, strlen(hd), COLS - 1, u->role[ROLE_HEADER]);
    if (body < 1) {
        for (int y = 2; y < h; y++)
            draw_fill(y, 0, COLS, u->role[ROLE_TEXT]);
        return;
    }
    size_t page = (size_t)body;
    if (v->sel < v->top)
        v->top = v->sel;
    if (v->sel >= v->top + page)
        v->top = v->sel - page + 1;
    for (int i = 0; i < body; i++) {
        size_t r = v->top + (size_t)i;
        if (r < v->nrows)
            draw_row(u, r, 2 + i, r == v->sel);
        else
            draw_fill(2 + i, 0, COLS, u->role[ROLE_TEXT]);
    }
    if (!v->nrows)
        draw_text(2, 1, "(no names)", 10, COLS - 1, u->role[ROLE_META]);
    draw_fill(h - 2, 0, COLS, u->role[ROLE_TEXT]);
    draw_with(u, h - 1);
}

/* Enter: pivot the list on the name, or on the chosen "with" name;
 * + (both): on the articles naming the name and the chosen "with". */
static void names_pivot(ui *u, bool both)
{
    ui_names *v = &u->names;
    long id = names_current(u);
    if (id < 0)
        return;
    if (both && !(v->in_with && v->wsel < v->nwith)) {
        ui_msg(u, true, "+ pivots on two names: Tab to the with: line first");
        return;
    }
    v->on = false;
    if (v->in_with && v->wsel < v->nwith && !both) {
        id = v->with[v->wsel].id;
        list_filter_entity(u, (uint32_t)id);
    } else if (both) {
        uint32_t b = v->with[v->wsel].id;
        size_t n;
        entity_tally *t = story_both(u->et, (uint32_t)id, b, &n);
        search_hit *h = lede_calloc(n ? n : 1, sizeof *h);
        for (size_t i = 0; i < n; i++)
            h[i] = (search_hit){t[i].id, t[i].count, 0, 0};
        char what[160];
        snprintf(what, sizeof what, "%s + %s", entity_name(u->et, (uint32_t)id),
                 entity_name(u->et, b));
        list_filter_hits(u, h, n, what);
        free(h);
        free(t);
    } else {
        list_filter_entity(u, (uint32_t)id);
    }
    u->entity = id;
    u->ent_cur = -1;
    u->nav = NAV_ENTITY;
    reader_invalidate(u);
    find_step(u, true);
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
}

static void names_type_key(ui *u, int is_key, wint_t ch)
{
    ui_names *v = &u->names;
    if (!is_key && (ch == '\r' || ch == '\n')) {
        v->typing = false;
    } else if (!is_key && ch == 27) {
        v->typing = false;
        v->flen = 0;
    } else if ((is_key && ch == KEY_BACKSPACE) || ch == 127 || ch == 8) {
        while (v->flen && ((unsigned char)v->filt[v->flen - 1] & 0xC0) == 0x80)
            v->flen--;
        if (v->flen)
            v->flen--;
    } else if (!is_key && ch >= 0x20 && ch != 0x7f) {
        char b[4];
        size_t n = text_encode((int32_t)ch, b);
        char *clean = text_clean_label(b, n);
        size_t cl = strlen(clean);
        if (v->flen + cl < sizeof v->filt) {
            memcpy(v->filt + v->flen, clean, cl);
            v->flen += cl;
        }
        free(clean);
    } else {
        return;
    }
    v->sel = 0;
    names_rows(u);
}

void names_key(ui *u, int is_key, wint_t ch)
{
    ui_names *v = &u->names;
    u->dirty |= DIRTY_ALL;
    if (v->typing) {
        names_type_key(u, is_key, ch);
        return;
    }
    ui_action a = keys_action(is_key, ch);
    size_t page = LINES > 6 ? (size_t)LINES - 5 : 1;
    if (!is_key && ch == '/') {
        v->typing = true;
        v->flen = 0;
        names_rows(u);
        return;
    }
    if (!is_key && ch == '+') {
        names_pivot(u, true);
        return;
    }
    if (!is_key && (ch == 's' || ch == 't')) {
        if (ch == 's') {
            v->sort = (v->sort + 1) % 3;
            story_names_sort(u->names.v, v->n, u->et, (story_sort)v->sort);
        } else {
            v->type = v->type + 1 >= ENT_NTYPES ? -1 : v->type + 1;
        }
        v->sel = 0;
        names_rows(u);
        return;
    }
    switch (a) {
    case ACT_QUIT: case ACT_NAMES:
        v->on = false;
        u->dirty |= DIRTY_CLEAR;
        return;
    case ACT_CLEAR:
        if (v->flen || v->type >= 0) {
            v->flen = 0;
            v->type = -1;
            names_rows(u);
        } else {
            v->on = false;
            u->dirty |= DIRTY_CLEAR;
        }
        return;
    case ACT_QUIT_ALL: u->quit = true; return;
    case ACT_OPEN: names_pivot(u, false); return;
    case ACT_FOCUS_NEXT: case ACT_FOCUS_PREV:
        v->in_with = !v->in_with && v->nwith;
        return;
    case ACT_TIMELINE: timeline_open(u, names_current(u)); return;
    default: break;
    }
    if (v->in_with) {
        if (a == ACT_DOWN || a == ACT_NEXT_ARTICLE || (is_key && ch == KEY_RIGHT))
            v->wsel += v->wsel + 1 < v->nwith;
        else if (a == ACT_UP || a == ACT_PREV_ARTICLE || (is_key && ch == KEY_LEFT))
            v->wsel -= v->wsel > 0;
        return;
    }
    size_t old = v->sel;
    switch (a) {
    case ACT_DOWN: v->sel++; break;
    case ACT_UP: v->sel -= v->sel > 0; break;
    case ACT_PAGE_DOWN: case ACT_HALF_DOWN: v->sel += page; break;
    case ACT_PAGE_UP: case ACT_HALF_UP: v->sel = v->sel > page ? v->sel - page : 0; break;
    case ACT_TOP: v->sel = 0; break;
    case ACT_BOTTOM: v->sel = v->nrows; break;
    case ACT_HELP: u->help = true; u->help_top = 0; return;
    default:
        ui_msg(u, false, "that key does nothing in the names view (h for help)");
        return;
    }
    if (v->sel >= v->nrows)
        v->sel = v->nrows ? v->nrows - 1 : 0;
    if (v->sel != old)
        v->with_for = -1;
}
