/*
 * The TA's own property set as user_ta_header.c lays it out: the header's
 * facts first (never overridden), then defaults the TA may override in
 * TA_CURRENT_TA_EXT_PROPERTIES, then the TA's own. Dev kit internal.
 */
#ifndef TEECHECK_DEVKIT_UTEE_PROPS_H
#define TEECHECK_DEVKIT_UTEE_PROPS_H

#include <stddef.h>
#include <user_ta_header.h>

extern const size_t ta_num_fixed_props;
extern const size_t ta_num_default_props;

#endif
