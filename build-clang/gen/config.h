#define LEDE_DATADIR "/usr/local/share/lede"
