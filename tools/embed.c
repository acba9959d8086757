/* embed: turn a data file into a C array, so the bundled boilerplate list
 * and gazetteer are part of the binary and need no search path.
 * usage: embed SYMBOL INPUT OUTPUT */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed SYMBOL INPUT OUTPUT\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    if (!in) {
        perror(argv[2]);
        return 1;
    }
    FILE *out = fopen(argv[3], "w");
    if (!out) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "/* generated from %s by tools/embed; do not edit */\n"
                 "#include <stddef.h>\nconst char %s[] = {\n",
            argv[2], argv[1]);
    int c;
    size_t n = 0;
    while ((c = getc(in)) != EOF) {
        fprintf(out, "%d,%s", c, ++n % 20 ? "" : "\n");
    }
    fprintf(out, "0};\nconst size_t %s_len = %zu;\n", argv[1], n);
    fclose(in);
    return fclose(out) ? 1 : 0;
}
