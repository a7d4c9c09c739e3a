/*
 * What /proc/self/maps says of this process's own mappings: the tests read
 * it to check the protections the loader and the pager set.
 */
#ifndef TC_MAPS_H
#define TC_MAPS_H

#include <stdbool.h>

/* The permissions ("rwxp") of the mapping holding addr; false if none. */
bool tc_maps_perms(const void *addr, char perms[5]);

/*
 * Whether the maps show the execute permission of code a loader protected
 * beside a read-only page: under a user-mode emulator (qemu-user) they do
 * not, so only the read and write bits can be compared there.
 */
bool tc_maps_exec_visible(void);

#endif
