/* state_sql DB SQL: run SQL on an SQLite file and print each row, the
 * columns separated by tabs (NULL printed as "NULL"). For shell tests
 * that make a state database of an older schema or look inside one; the
 * machine need not have the sqlite3 shell. Exit status 1 on an error,
 * with SQLite's message on stderr. */
#include <sqlite3.h>
#include <stdio.h>

static int row(void *unused, int n, char **val, char **name)
{
    (void)unused;
    (void)name;
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? "\t" : "", val[i] ? val[i] : "NULL");
    putchar('\n');
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: state_sql DB SQL\n", stderr);
        return 2;
    }
    sqlite3 *db;
    char *err = NULL;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "state_sql: %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    sqlite3_busy_timeout(db, 10000);
    int rc = sqlite3_exec(db, argv[2], row, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "state_sql: %s\n", err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
