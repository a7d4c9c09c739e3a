/*
 * gp_names.h as the test TAs see it: GP's UUIDs, command IDs and test values,
 * without the Client API header a TA dev kit does not have.
 */
#ifndef TTA_NAMES_H
#define TTA_NAMES_H

#define GP_NAMES_TA 1
#include <gp_names.h>

#endif
