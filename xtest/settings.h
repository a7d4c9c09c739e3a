/* The run's settings: the level and where the build output is. */
#ifndef XTEST_SETTINGS_H
#define XTEST_SETTINGS_H

/*
 * Where tee-core and tee-supplicant are: $TEECHECK_OUT/bin, or the directory
 * xtest itself is in. xtest_out_dir() (xtest_case.h) is the one above it.
 */
const char *settings_bin_dir(void);

#endif
