/* Writing a whole file that a user named: what the project's tools do with
 * their output paths (gpgen, ta-sign, pager-stress, xtest --junit). */
#ifndef TC_FILE_H
#define TC_FILE_H

#include <stddef.h>

#define TC_FILE_WHY_LEN	160

/*
 * Writes buf to path. A regular file, or a path that does not exist yet, is
 * replaced atomically (a temporary file beside it, renamed over it), so a
 * reader never sees half a file. A FIFO, a character device or a symbolic
 * link to one of those or to a regular file is written through in place:
 * renaming over them would replace the device or the link with a file of our
 * own. Anything else (a directory, a socket, a block device, a dangling
 * link) is refused. Returns 0 or -errno, with why saying what went wrong.
 */
int tc_file_write(const char *path, const void *buf, size_t len,
		  char *why, size_t why_len);

#endif
