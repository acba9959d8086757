/* prompt.c: the one-line prompt for / ? and the set search: editing,
 * history (Up, Down), ^R for regular expressions, and the incremental
 * search that moves the view as you type; Esc puts everything back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "text.h"
#include "util.h"

void prompt_fini(ui *u)
{
    for (size_t i = 0; i < u->pr.nhist; i++)
        free(u->pr.hist[i]);
    u->pr.nhist = 0;
}

void prompt_open(ui *u, ui_prompt_kind k)
{
    ui_prompt *p = &u->pr;
    p->kind = k;
    p->len = 0;
    p->buf[0] = '\0';
    p->err[0] = '\0';
    p->regex = (u->o->search_flags & SEARCH_REGEX) != 0;
    p->hpos = p->nhist;
    p->save_top = u->rd.top;
    p->save_cur = u->find.cur;
    snprintf(p->save_pat, sizeof p->save_pat, "%s", u->find.pat);
    p->save_flags = u->find.flags;
    u->cmd.save_sel = u->list.sel;
    p->save_set = u->find.set != NULL;
    u->msg[0] = '\0';
    u->dirty |= DIRTY_STATUS;
}

static void hist_add(ui *u)
{
    ui_prompt *p = &u->pr;
    if (!p->len || (p->nhist && !strcmp(p->hist[p->nhist - 1], p->buf)))
        return;
    marks_history_add(u, p->buf); /* kept across runs */
    if (p->nhist == UI_HIST) {
        free(p->hist[0]);
        memmove(p->hist, p->hist + 1, (UI_HIST - 1) * sizeof *p->hist);
        p->nhist--;
    }
    p->hist[p->nhist++] = lede_strndup(p->buf, p->len);
}

static unsigned prompt_flags(const ui *u)
{
    unsigned f = u->o->search_flags & ~(unsigned)SEARCH_REGEX;
    return f | (u->pr.regex ? SEARCH_REGEX : 0);
}

/* Put the search back as it was when the prompt opened. */
static void prompt_restore(ui *u)
{
    ui_prompt *p = &u->pr;
    if (p->save_pat[0] && p->save_set)
        find_set_query(u, p->save_pat, p->save_flags);
    else if (p->save_pat[0])
        find_set(u, p->save_pat, p->save_flags, false);
    else
        find_clear(u);
    u->find.cur = p->save_cur;
    reader_set_top(u, p->save_top);
    reader_invalidate(u);
}

/* Incremental search: follow the pattern as it is typed. */
static void prompt_live(ui *u)
{
    ui_prompt *p = &u->pr;
    char err[160] = "";
    p->err[0] = '\0';
    if (p->kind == PROMPT_LIST)
        cmd_list_search_live(u);
    if (p->kind == PROMPT_CORPUS) { /* say what is wrong while typing */
        query *q = p->len && !p->regex
                       ? query_parse(p->buf, prompt_flags(u), err, sizeof err)
                       : NULL;
        if (p->len && !p->regex && !q)
            snprintf(p->err, sizeof p->err, "%.150s", err);
        query_free(q);
        return;
    }
    if (p->kind > PROMPT_CORPUS) /* tags, headlines, commands: no live search */
        return;
    if (!p->len) {
        prompt_restore(u);
        return;
    }
    search_query *q = search_compile(p->buf, prompt_flags(u), err, sizeof err);
    if (!q) {
        snprintf(p->err, sizeof p->err, "%.150s", err);
        return;
    }
    search_free(q);
    find_set(u, p->buf, prompt_flags(u), false);
    u->find.backward = p->kind == PROMPT_BACK;
    reader_set_top(u, p->save_top);
    u->msg[0] = '\0';
    if (u->find.nm)
        find_first(u, p->kind == PROMPT_BACK, false);
    u->msg[0] = '\0';
}

/* s: the query narrows the list filter in place (an entity pivot, then
 * s iraq: the articles naming both). */
static void prompt_corpus(ui *u)
{
    ui_prompt *p = &u->pr;
    if (!filter_push_query(u, p->buf, prompt_flags(u)))
        return;
    size_t n = u->list.n;
    u->focus = PANE_LIST;
    geom_fix_focus(u);
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
    ui_msg(u, false, "%zu article%s match%s %s", n, n == 1 ? "" : "s",
           n == 1 ? "es" : "", u->nfilt > 1 ? u->list.what : p->buf);
}

/* The prompts of cmdline.c and export.c. */
static void prompt_accept_more(ui *u, ui_prompt_kind k)
{
    ui_prompt *p = &u->pr;
    if (k == PROMPT_LIST) {
        if (!p->len) /* repeat the last headline search */
            cmd_list_step(u, true);
        return;
    }
    if (k == PROMPT_CMD)
        hist_add(u);
    switch (k) {
    case PROMPT_CMD: cmd_run(u, p->buf); break;
    case PROMPT_PIPE: export_pipe(u, p->buf); break;
    case PROMPT_WRITE: export_write(u, p->buf); break;
    case PROMPT_OPEN: export_choose_url(u, p->buf); break;
    default: break;
    }
}

static void prompt_accept(ui *u)
{
    ui_prompt *p = &u->pr;
    ui_prompt_kind k = p->kind;
    p->kind = PROMPT_NONE;
    u->dirty |= DIRTY_STATUS | DIRTY_READER;
    if (k == PROMPT_TAGS || k == PROMPT_TAG_FILTER) {
        marks_prompt_accept(u, k, p->buf);
        return;
    }
    if (k >= PROMPT_LIST) {
        prompt_accept_more(u, k);
        return;
    }
    if (!p->len) { /* as in less: an empty pattern repeats the last one */
        if (k != PROMPT_CORPUS && p->save_pat[0]) {
            prompt_restore(u);
            u->find.backward = k == PROMPT_BACK;
            find_step(u, true);
        }
        return;
    }
    hist_add(u);
    if (k == PROMPT_CORPUS) {
        prompt_corpus(u);
        return;
    }
    reader_set_top(u, p->save_top);
    if (!find_set(u, p->buf, prompt_flags(u), true))
        return;
    u->find.backward = k == PROMPT_BACK;
    find_first(u, k == PROMPT_BACK, false);
}

static void prompt_hist(ui *u, int dir)
{
    ui_prompt *p = &u->pr;
    if ((dir < 0 && !p->hpos) || (dir > 0 && p->hpos >= p->nhist))
        return;
    p->hpos += dir;
    const char *h = p->hpos < p->nhist ? p->hist[p->hpos] : "";
    snprintf(p->buf, sizeof p->buf, "%s", h);
    p->len = strlen(p->buf);
    prompt_live(u);
}

static void prompt_erase(ui_prompt *p, bool word)
{
    while (word && p->len && p->buf[p->len - 1] == ' ')
        p->len--;
    do {
        while (p->len && ((unsigned char)p->buf[p->len - 1] & 0xc0) == 0x80)
            p->len--;
        if (p->len)
            p->len--;
    } while (word && p->len && p->buf[p->len - 1] != ' ');
    p->buf[p->len] = '\0';
}

static void prompt_insert(ui_prompt *p, wint_t ch)
{
    char enc[4];
    if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch > 0x10ffff)
        return;
    size_t n = text_encode((int32_t)ch, enc);
    if (p->len + n >= sizeof p->buf)
        return;
    memcpy(p->buf + p->len, enc, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

void prompt_key(ui *u, int is_key, wint_t ch)
{
    ui_prompt *p = &u->pr;
    u->dirty |= DIRTY_STATUS;
    if (is_key) {
        if (ch == KEY_UP || ch == KEY_DOWN)
            prompt_hist(u, ch == KEY_UP ? -1 : 1);
        else if (ch == KEY_BACKSPACE) {
            prompt_erase(p, false);
            prompt_live(u);
        } else if (ch == KEY_ENTER)
            prompt_accept(u);
        return;
    }
    switch (ch) {
    case 27: /* Esc */
        if (p->kind == PROMPT_LIST)
            list_set_sel(u, u->cmd.save_sel);
        else if (p->len && p->kind < PROMPT_LIST)
            prompt_restore(u);
        p->kind = PROMPT_NONE;
        u->dirty |= DIRTY_ALL;
        return;
    case '\t':
        if (p->kind == PROMPT_CMD)
            cmd_complete(u);
        else if (p->kind == PROMPT_TAGS || p->kind == PROMPT_TAG_FILTER)
            marks_complete(u);
        return;
    case '\r': case '\n': prompt_accept(u); return;
    case 127: case 8: prompt_erase(p, false); break;
    case 'W' & 0x1f: prompt_erase(p, true); break;
    case 'U' & 0x1f: p->len = 0; p->buf[0] = '\0'; break;
    case 'R' & 0x1f: p->regex = !p->regex; break;
    default: prompt_insert(p, ch); break;
    }
    prompt_live(u);
}

static const char *prompt_prefix(const ui_prompt *p)
{
    switch (p->kind) {
    case PROMPT_FWD: return p->regex ? "Regex /" : "/";
    case PROMPT_BACK: return p->regex ? "Regex ?" : "?";
    case PROMPT_TAGS: return "Tags: ";
    case PROMPT_TAG_FILTER: return "Filter by tag: ";
    case PROMPT_LIST: return "Headline /";
    case PROMPT_CMD: return ":";
    case PROMPT_PIPE: return "Pipe the article to: ";
    case PROMPT_WRITE: return "Write the article to: ";
    case PROMPT_OPEN: return "Open which URL? ";
    default: return p->regex ? "Search the set (regex): " : "Search the set: ";
    }
}

void prompt_draw(ui *u)
{
    ui_prompt *p = &u->pr;
    const ui_rect *r = &u->status;
    draw_fill(r->y, 0, r->w, u->role[ROLE_TEXT]);
    const char *pre = prompt_prefix(p);
    int x = draw_text(r->y, 0, pre, strlen(pre), r->w, u->role[ROLE_TEXT]);
    int room = r->w - x - 1;
    size_t from = 0; /* show the end of a long pattern */
    while (from < p->len && text_width(p->buf + from, p->len - from) > (size_t)(room > 0 ? room : 0))
        from += text_cluster_len(p->buf + from, p->len - from);
    x += draw_text(r->y, x, p->buf + from, p->len - from, room, u->role[ROLE_TEXT]);
    int cx = x;
    if (p->err[0] && r->w - x > 12) {
        size_t el = strlen(p->err);
        int ew = (int)text_width(p->err, el);
        int ex = ew + 2 < r->w - x ? r->w - ew - 1 : x + 2;
        draw_text(r->y, ex, p->err, el, r->w - ex, u->role[ROLE_ERROR]);
    }
    move(r->y, cx < r->w ? cx : r->w - 1);
}
