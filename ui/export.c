/* export.c: getting articles out: | pipes the article as --dump prints
 * it (no colour) to a shell command with the terminal handed over; o
 * opens a URL of the article with $BROWSER or xdg-open; w writes the
 * article to a file; :export writes the list as JSON Lines or CSV. No
 * file is ever overwritten. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "private.h"
#include "util.h"

/* The article laid out as --dump lays it out when piped: 80 columns (or
 * --width), no colour. */
static void write_article(ui *u, long art, FILE *f)
{
    const article *a = store_get(u->s, (size_t)art);
    layout lay = {0};
    layout_cell *cells = NULL;
    size_t ccap = 0;
    layout_article(&lay, a, u->o->width > 0 ? u->o->width : 80,
                   u->o->hide_boiler ? LAYOUT_HIDE_BOILER : 0);
    for (size_t ln = 0; ln < lay.nlines; ln++) {
        size_t n = layout_cells(&lay, ln, a->text, NULL, 0, &cells, &ccap);
        for (size_t i = 0; i < n; i++) {
            if (cells[i].len)
                fwrite(a->text + cells[i].off, 1, cells[i].len, f);
            else
                fprintf(f, "%*s", cells[i].cols, "");
        }
        fputc('\n', f);
    }
    free(cells);
    layout_fini(&lay);
}

/* Open path for writing only when it does not exist yet. */
static FILE *create_new(ui *u, const char *path)
{
    if (!*path) {
        ui_msg(u, true, "no file name given");
        return NULL;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST)
            ui_msg(u, true, "%s exists: not overwritten", path);
        else
            ui_msg(u, true, "cannot write %s: %s", path, strerror(errno));
        return NULL;
    }
    return fdopen(fd, "w");
}

void export_write(ui *u, const char *path)
{
    if (u->rd.art < 0) {
        ui_msg(u, true, "no article to write");
        return;
    }
    FILE *f = create_new(u, path);
    if (!f)
        return;
    write_article(u, u->rd.art, f);
    if (fclose(f) != 0)
        ui_msg(u, true, "cannot write %s: %s", path, strerror(errno));
    else
        ui_msg(u, false, "article written to %s", path);
}

/* Give the terminal to a child, as less and mutt do. */
void export_pipe(ui *u, const char *cmd)
{
    if (u->rd.art < 0 || !*cmd) {
        ui_msg(u, true, u->rd.art < 0 ? "no article to pipe" : "no command");
        return;
    }
    def_prog_mode();
    endwin();
    fflush(stdout);
    FILE *p = popen(cmd, "w");
    /* ^C stops the command, not lede (as in less and mutt); set after
     * popen, so the command keeps the default */
    struct sigaction ign, old;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old);
    int st = -1;
    if (p) {
        signal(SIGPIPE, SIG_IGN); /* a command that stops reading early */
        write_article(u, u->rd.art, p);
        st = pclose(p);
    }
    fputs("\n[press Enter to return to lede] ", stdout);
    fflush(stdout);
    int fd = open("/dev/tty", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char c;
        while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
            ;
        close(fd);
    }
    sigaction(SIGINT, &old, NULL);
    reset_prog_mode();
    clearok(curscr, TRUE);
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
    if (!p)
        ui_msg(u, true, "cannot run %s", cmd);
    else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        ui_msg(u, false, "piped to %s", cmd);
    else
        ui_msg(u, true, "%s exited with status %d", cmd,
               WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

/* ---- URLs --------------------------------------------------------------- */

static bool url_end(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '<' ||
           c == '>' || c == '\0';
}

static void add_url(ui_export *x, const char *s, size_t n)
{
    while (n && strchr(".,;:!?)]}'", s[n - 1])) /* sentence punctuation */
        n--;
    if (n <= 8)
        return;
    for (size_t i = 0; i < x->nurls; i++)
        if (strlen(x->urls[i]) == n && !memcmp(x->urls[i], s, n))
            return;
    if (x->nurls < UI_MAX_URLS)
        x->urls[x->nurls++] = lede_strndup(s, n);
}

static void urls_clear(ui_export *x)
{
    for (size_t i = 0; i < x->nurls; i++)
        free(x->urls[i]);
    x->nurls = 0;
}

/* The metadata URL first, then URLs in the text, in order. */
static void urls_find(ui *u, const article *a)
{
    ui_export *x = &u->xp;
    urls_clear(x);
    if (a->url >= 0)
        add_url(x, a->text + a->blocks[a->url].off, a->blocks[a->url].len);
    for (size_t b = 0; b < a->nblocks; b++) {
        const article_block *bl = &a->blocks[b];
        if ((int32_t)b == a->url)
            continue;
        const char *s = a->text + bl->off, *e = s + bl->len;
        for (const char *p = s; p < e; p++) {
            if (strncmp(p, "http://", 7) && strncmp(p, "https://", 8))
                continue;
            const char *q = p;
            while (q < e && !url_end(*q))
                q++;
            add_url(x, p, (size_t)(q - p));
            p = q;
        }
    }
}

/* Start the browser on url, detached; the URL is an argument, never
 * shell text. */
static void launch(ui *u, const char *url)
{
    const char *br = getenv("BROWSER");
    const char *prog = br && *br ? br : "xdg-open";
    pid_t pid = fork();
    if (pid == 0) {
        if (fork() == 0) {
            int dn = open("/dev/null", O_RDWR);
            if (dn >= 0) {
                dup2(dn, 0);
                dup2(dn, 1);
                dup2(dn, 2);
            }
            setsid();
            setenv("LEDE_OPEN_PROG", prog, 1);
            execl("/bin/sh", "sh", "-c", "exec $LEDE_OPEN_PROG \"$1\"", "sh",
                  url, (char *)NULL);
            _exit(127);
        }
        _exit(0);
    }
    if (pid > 0)
        waitpid(pid, NULL, 0);
    ui_msg(u, pid > 0 ? false : true, pid > 0 ? "opening %s" : "cannot start %s",
           pid > 0 ? url : prog);
}

void export_open_url(ui *u)
{
    if (u->rd.art < 0) {
        ui_msg(u, true, "no article");
        return;
    }
    urls_find(u, store_get(u->s, (size_t)u->rd.art));
    if (!u->xp.nurls)
        ui_msg(u, true, "no URL in this article");
    else if (u->xp.nurls == 1)
        launch(u, u->xp.urls[0]);
    else
        prompt_open(u, PROMPT_OPEN);
}

void export_choose_url(ui *u, const char *num)
{
    char *end;
    long n = strtol(num, &end, 10);
    if (*num && !*end && n >= 1 && (size_t)n <= u->xp.nurls)
        launch(u, u->xp.urls[n - 1]);
    else if (*num)
        ui_msg(u, true, "choose a URL from 1 to %zu", u->xp.nurls);
}

void export_draw_urls(ui *u)
{
    ui_export *x = &u->xp;
    int top = LINES - 2 - (int)x->nurls;
    if (top < 0)
        top = 0;
    for (size_t i = 0; i < x->nurls && top + (int)i < LINES - 1; i++) {
        int y = top + (int)i;
        char b[16];
        int n = snprintf(b, sizeof b, " %zu  ", i + 1);
        draw_fill(y, 0, COLS, u->role[ROLE_STATUS]);
        draw_text(y, 0, b, (size_t)n, COLS, style_with(u->role[ROLE_STATUS], A_BOLD));
        draw_text_ellipsis(y, n, x->urls[i], strlen(x->urls[i]), COLS - n,
                           u->role[ROLE_STATUS]);
    }
}

void export_fini(ui *u)
{
    urls_clear(&u->xp);
}

/* ---- :export ------------------------------------------------------------ */

static void json_str(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
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
            fputc(c, f);
    }
    fputc('"', f);
}

static void csv_str(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i] == '\n' ? ' ' : s[i], f);
    }
    fputc('"', f);
}

static void block_of(const article *a, int32_t b, const char **s, size_t *n)
{
    *s = b >= 0 ? a->text + a->blocks[b].off : "";
    *n = b >= 0 ? a->blocks[b].len : 0;
}

static void export_row(ui *u, FILE *f, bool csv, size_t row)
{
    uint32_t ai = u->list.view[row];
    const article *a = store_summary(u->s, ai);
    char date[16] = "";
    if (a->date_key >= 0) {
        long long d = a->date_key / 1000000;
        snprintf(date, sizeof date, "%04lld-%02lld-%02lld", d / 10000,
                 d / 100 % 100, d % 100);
    }
    const char *src, *url, *head;
    size_t ns, nu, nh;
    block_of(a, a->source, &src, &ns);
    block_of(a, a->url, &url, &nu);
    head = article_headline(a, &nh);
    unsigned count = u->list.filtered && u->list.counts ? u->list.counts[row] : 0;
    unsigned copies = story_ui_copies(u, ai);
    int share = story_ui_share(u, ai);
    if (csv) {
        csv_str(f, a->label, strlen(a->label));
        fprintf(f, ",%s,", date);
        csv_str(f, src, ns);
        fputc(',', f);
        csv_str(f, url, nu);
        fputc(',', f);
        csv_str(f, head, nh);
        fprintf(f, ",%s,,,%u,%u,%d\r\n", u->read[ai] ? "true" : "false",
                count, copies, share);
        return;
    }
    fputs("{\"path\":", f);
    json_str(f, a->label, strlen(a->label));
    fputs(",\"date\":", f);
    if (date[0])
        json_str(f, date, strlen(date));
    else
        fputs("null", f);
    fputs(",\"source\":", f);
    json_str(f, src, ns);
    fputs(",\"url\":", f);
    json_str(f, url, nu);
    fputs(",\"headline\":", f);
    json_str(f, head, nh);
    fprintf(f, ",\"read\":%s,\"starred\":null,\"tags\":[],\"count\":%u,"
            "\"copies\":%u,\"new\":%d}\n", u->read[ai] ? "true" : "false",
            count, copies, share);
}

void export_list(ui *u, const char *path)
{
    const char *dot = strrchr(path, '.');
    bool csv = dot && !strcmp(dot, ".csv");
    if (!dot || (!csv && strcmp(dot, ".jsonl") && strcmp(dot, ".json"))) {
        ui_msg(u, true, "export: name a .jsonl or .csv file");
        return;
    }
    FILE *f = create_new(u, path);
    if (!f)
        return;
    if (csv)
        fputs("path,date,source,url,headline,read,starred,tags,count,"
              "copies,new\r\n", f);
    for (size_t i = 0; i < u->list.n; i++)
        export_row(u, f, csv, i);
    if (fclose(f) != 0)
        ui_msg(u, true, "cannot write %s: %s", path, strerror(errno));
    else
        ui_msg(u, false, "%zu article%s exported to %s", u->list.n,
               u->list.n == 1 ? "" : "s", path);
}
