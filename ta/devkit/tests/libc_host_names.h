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
