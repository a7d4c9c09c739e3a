/*
 * The TA's heap: TA_DATA_SIZE bytes of bss that the dev kit defines for each
 * TA (from user_ta_header_defines.h) and the allocator in libc manages.
 */
#ifndef TEECHECK_DEVKIT_TA_HEAP_H
#define TEECHECK_DEVKIT_TA_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TA_HEAP_ALIGN	16

extern uint8_t ta_heap[];
extern const size_t ta_heap_size;

/*
 * malloc() with a fill mode that sticks to the block: a zero-filled block
 * is zero-filled again where realloc() grows it (TEE_Malloc's hints need
 * this; calloc() gets it too).
 */
void *heap_alloc(size_t size, bool zero_fill);

#endif
