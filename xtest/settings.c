/* The run's settings that cases read through xtest_case.h. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"
#include "xtest_case.h"

unsigned int xtest_level;

static char settings_out[PATH_MAX];
static char settings_bin[PATH_MAX];
static pthread_once_t settings_once = PTHREAD_ONCE_INIT;

static void settings_find_dirs(void)
{
	const char *env = getenv("TEECHECK_OUT");
	char *slash;
	ssize_t n;

	if (env && *env && strlen(env) + sizeof("/bin") <= sizeof(settings_out)) {
		strcpy(settings_out, env);
		snprintf(settings_bin, sizeof(settings_bin), "%s/bin", env);
		return;
	}
	strcpy(settings_out, "out");
	strcpy(settings_bin, "out/bin");
	n = readlink("/proc/self/exe", settings_bin, sizeof(settings_bin) - 1);
	if (n <= 0) {
		strcpy(settings_bin, "out/bin");
		return;
	}
	settings_bin[n] = '\0';
	slash = strrchr(settings_bin, '/');
	if (!slash)
		return;
	*slash = '\0';
	strcpy(settings_out, settings_bin);
	slash = strrchr(settings_out, '/');
	if (slash)
		*slash = '\0';
	if (!settings_out[0])
		strcpy(settings_out, "/");
}

const char *settings_bin_dir(void)
{
	pthread_once(&settings_once, settings_find_dirs);
	return settings_bin;
}

const char *xtest_out_dir(void)
{
	pthread_once(&settings_once, settings_find_dirs);
	return settings_out;
}
