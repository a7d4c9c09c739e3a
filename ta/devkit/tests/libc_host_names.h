/*
 * Host build of the TA libc for its unit test: each public name gets a
 * tlibc_ prefix, so the code under test links beside the host's C library
 * instead of replacing it. Forced in with -include on every such compile.
 */
#define memcpy		tlibc_memcpy
#define memmove		tlibc_memmove
#define memset		tlibc_memset
#define memcmp		tlibc_memcmp
#define memchr		tlibc_memchr
#define strlen		tlibc_strlen
#define strnlen		tlibc_strnlen
#define strcmp		tlibc_strcmp
#define strncmp		tlibc_strncmp
#define strchr		tlibc_strchr
#define strrchr		tlibc_strrchr
#define strcpy		tlibc_strcpy
#define strlcpy		tlibc_strlcpy
#define snprintf	tlibc_snprintf
#define vsnprintf	tlibc_vsnprintf
#define malloc		tlibc_malloc
#define calloc		tlibc_calloc
#define realloc		tlibc_realloc
#define free		tlibc_free
#define strncpy		tlibc_strncpy
#define strlcat		tlibc_strlcat
#define strstr		tlibc_strstr
#define strdup		tlibc_strdup
#define strndup		tlibc_strndup
#define qsort		tlibc_qsort
#define bsearch		tlibc_bsearch
#define strtol		tlibc_strtol
#define strtoul		tlibc_strtoul
#define strtoll		tlibc_strtoll
#define strtoull	tlibc_strtoull
#define atoi		tlibc_atoi
#define abs		tlibc_abs
#define labs		tlibc_labs
#define isalnum		tlibc_isalnum
#define isalpha		tlibc_isalpha
#define iscntrl		tlibc_iscntrl
#define isdigit		tlibc_isdigit
#define isgraph		tlibc_isgraph
#define islower		tlibc_islower
#define isprint		tlibc_isprint
#define ispunct		tlibc_ispunct
#define isspace		tlibc_isspace
#define isupper		tlibc_isupper
#define isxdigit	tlibc_isxdigit
#define tolower		tlibc_tolower
#define toupper		tlibc_toupper
#define strcasecmp	tlibc_strcasecmp
#define strncasecmp	tlibc_strncasecmp
