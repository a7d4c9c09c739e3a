#ifndef SORT_H
#define SORT_H

#include <stddef.h>
#include <stdint.h>

void sort_u32(uint32_t *v, size_t n);

#endif
