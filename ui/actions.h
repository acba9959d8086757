/* actions.h: every user action, declared once.
 *
 * X(ID, KEYS, NAME, HELP): KEYS is a space-separated list of key names
 * (a printable character, ^X for Ctrl-X, or one of Up Down Left Right
 * PgUp PgDn Home End Enter Tab BackTab Esc Space Backspace F1). The key
 * map (keys.c), the help screen (help.c) and the man page's key list
 * (checked by tests/static/keys.sh) all come from this table, so keep one
 * X(...) per line and no double quote inside the strings. */
#define UI_ACTIONS(X) \
    X(QUIT, "q", "quit", "Go back one level: close the help or an overlay, leave the reader for the list, clear a filtered list; quit from the top level") \
    X(QUIT_ALL, "Q", "quit-all", "Quit from anywhere") \
    X(HELP, "h F1", "help", "Show this help, generated from the key table") \
    X(DOWN, "j Down ^N ^E", "down", "Scroll down a line (reader) or select the next entry (list, sidebar)") \
    X(UP, "k Up ^P ^Y", "up", "Scroll up a line or select the previous entry") \
    X(HALF_DOWN, "^D", "half-down", "Scroll down half a page") \
    X(HALF_UP, "^U", "half-up", "Scroll up half a page") \
    X(PAGE_DOWN, "Space PgDn ^F", "page-down", "Scroll down a page") \
    X(PAGE_UP, "b PgUp ^B", "page-up", "Scroll up a page") \
    X(TOP, "g Home <", "top", "Go to the top") \
    X(BOTTOM, "G End >", "bottom", "Go to the bottom") \
    X(FOCUS_NEXT, "Tab", "focus-next", "Move the focus to the next pane; on a narrow screen, switch between the list and the reader") \
    X(FOCUS_PREV, "BackTab", "focus-prev", "Move the focus to the previous pane") \
    X(OPEN, "Enter", "open", "List: open the article in the reader. Sidebar: filter the list to the articles naming the entity and highlight it") \
    X(NEXT_ARTICLE, "]", "next-article", "Open the next article of the list") \
    X(PREV_ARTICLE, "[", "prev-article", "Open the previous article of the list") \
    X(SIDEBAR, "e", "entities", "Show or hide the entity sidebar (an overlay when the screen is narrow)") \
    X(SEARCH_FWD, "/", "search", "Search forward in the article; ^R in the prompt toggles regular expressions, Up and Down walk the history. In the list: search the headlines as you type, n and N repeat") \
    X(SEARCH_BACK, "?", "search-back", "Search backward in the article") \
    X(NEXT, "n", "next", "Next search match, or next mention of the selected entity. Past the last match of a set search, the next article of the filtered list") \
    X(PREV, "N", "previous", "Previous search match, or previous mention of the selected entity. Before the first match of a set search, the previous article of the list") \
    X(CORPUS, "s", "search-set", "Search the whole set with a query (see SET QUERIES): filter the list to the matching articles, best first. It narrows a filter already in place") \
    X(CLEAR, "Esc", "clear", "Take the last part off the list filter; with none left, clear the selected entity and the search") \
    X(TOGGLE_READ, "u", "toggle-read", "Mark the article read or unread (opening one marks it read; unread ones are bold in the list)") \
    X(STAR, "*", "star", "Star the article or take the star away") \
    X(TAGS, "t", "tags", "Edit the article's tags, comma-separated (a -name removes one)") \
    X(TAG_FILTER, "#", "tag-filter", "Filter the list to the articles with a tag (Tab completes the name)") \
    X(WATCH_FILTER, "W", "watch-filter", "Filter the list to the articles naming a watched name (watch in the configuration)") \
    X(BOILER, "B", "boilerplate", "Hide or show scraper boilerplate (shown dimmed)") \
    X(NEXT_COPY, "c", "next-copy", "Open the next copy of a duplicated article (shown once in the list, with its count)") \
    X(HIDE_READ, "R", "hide-read", "Hide or show the paragraphs already read in another article (shown dimmed, with where they were read)") \
    X(NAMES, "E", "names", "The names view: every name of the current list with mention and article counts and the names seen with it. In it: s sorts (count, name, first appearance), t picks a type, / filters by typing, Tab moves to the with: line, Enter pivots the list on the selected name, + on the articles naming both the name and the one chosen on the with: line, T shows the name over time") \
    X(TIMELINE, "T", "timeline", "The timeline of the current list by day, week or month, the shown article's date marked; of the selected name's mentions in the names view") \
    X(SORT, "S", "sort", "Cycle the order of the list: date, source, headline, path, new share, relevance (of a filtered list); the status line shows it, and the whole list's order is remembered for the set") \
    X(GROUP, "=", "group", "Cycle the grouping of the list: by folder, by source, none; each group has a header row with its article and unread counts, and the status line shows the grouping, remembered for the set") \
    X(FOLD, "z", "fold", "Fold or unfold the selected group of a grouped list (Enter on a header does it too); a folded group shows only its header") \
    X(FOLD_ALL, "Z", "fold-all", "Fold every group of a grouped list, or unfold them all when all are folded") \
    X(COMMAND, ":", "command", "Command line, Tab completes: sort ORDER, group folder|source|none, goto N, filter QUERY, export FILE (.jsonl or .csv), set OPTION (hide-boilerplate, show-boilerplate, hide-read, show-read); a number alone goes to that row") \
    X(PIPE, "|", "pipe", "Pipe the article, as --dump prints it without colour, to a shell command; the terminal is the command's until it ends") \
    X(OPEN_URL, "o", "open-url", "Open the article's URL (its URL field, or one found in the text, chosen by number) with $BROWSER or xdg-open") \
    X(WRITE, "w", "write", "Write the article, as --dump prints it without colour, to a new file") \
    X(REDRAW, "^L", "redraw", "Redraw the screen")

#define UI_ACTION_ENUM(id, keys, name, help) ACT_##id,
typedef enum ui_action { ACT_NONE, UI_ACTIONS(UI_ACTION_ENUM) ACT_COUNT } ui_action;
#undef UI_ACTION_ENUM
