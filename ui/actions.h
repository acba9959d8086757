/* actions.h: every user action, declared once.
 *
 * X(ID, KEYS, NAME, HELP): KEYS is a space-separated list of key names
 * (a printable character, ^X for Ctrl-X, or one of Up Down Left Right
 * PgUp PgDn Home End Enter Tab BackTab Esc Space Backspace F1). The key
 * map (keys.c), the help screen (help.c) and the man page's key list
 * (checked by tests/static/keys.sh) all come from this table, so keep one
 * X(...) per line and no double quote inside the strings. */
#define UI_ACTIONS(X) \
    X(QUIT, "q", "quit", "Close the help or the sidebar overlay; quit from the main screen") \
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
    X(SEARCH_FWD, "/", "search", "Search forward in the article; ^R in the prompt toggles regular expressions, Up and Down walk the history") \
    X(SEARCH_BACK, "?", "search-back", "Search backward in the article") \
    X(NEXT, "n", "next", "Next search match, or next mention of the selected entity. Past the last match of a set search, the next article of the filtered list") \
    X(PREV, "N", "previous", "Previous search match, or previous mention of the selected entity. Before the first match of a set search, the previous article of the list") \
    X(CORPUS, "s", "search-set", "Search the whole set with a query (see SET QUERIES): filter the list to the matching articles, best first. It narrows a filter already in place") \
    X(CLEAR, "Esc", "clear", "Take the last part off the list filter; with none left, clear the selected entity and the search") \
    X(BOILER, "B", "boilerplate", "Hide or show scraper boilerplate (shown dimmed)") \
    X(REDRAW, "^L", "redraw", "Redraw the screen")

#define UI_ACTION_ENUM(id, keys, name, help) ACT_##id,
typedef enum ui_action { ACT_NONE, UI_ACTIONS(UI_ACTION_ENUM) ACT_COUNT } ui_action;
#undef UI_ACTION_ENUM
