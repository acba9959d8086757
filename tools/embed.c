/* embed: turn a data file into a C array, so the bundled boilerplate list
 * and gazetteer are part of the binary and need no search path, and its
 * lede_hash64 into SYMBOL_hash: the index's stamp names the data it was
 * built with, and hashing 5 MB at every start cost 15 ms and more.
 * usage: embed SYMBOL INPUT OUTPUT */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

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
                 "#include <stddef.h>\n"
                 "/* aligned: the tagger's int16 weights are read in place */\n"
                 "_Alignas(16) const char %s[] = {\n",
            argv[2], argv[1]);
    int c;
    size_t n = 0, cap = 0;
    unsigned char *all = NULL;
    while ((c = getc(in)) != EOF) {
        LEDE_GROW(all, cap, n + 1);
        all[n] = (unsigned char)c;
        fprintf(out, "%d,%s", c, ++n % 20 ? "" : "\n");
    }
    fprintf(out, "0};\nconst size_t %s_len = %zu;\n", argv[1], n);
    fprintf(out, "const unsigned long long %s_hash = 0x%016llxULL;\n",
            argv[1], (unsigned long long)lede_hash64(all ? (void *)all : "", n));
    free(all);
    fclose(in);
    return fclose(out) ? 1 : 0;
}
