/*
 * gpgen command line: GP test-suite XML in, one C file of xtest cases per
 * input out; exit 0 on success, 1 for input errors, 2 for usage errors.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/tc_file.h"
#include "gpgen.h"

#define EXIT_INPUT	1
#define EXIT_USAGE	2

static const char gpgen_usage[] =
	"usage: gpgen [-o OUT] [--check] [--exclude FILE] [--alone FILE]\n"
	"             [--area NAME] [--datadir DIR] FILE.xml...\n"
	"  -o OUT          the C file to write; with several inputs, a directory\n"
	"                  that receives one NAME.c per NAME.xml (default: stdout)\n"
	"  --check         validate and check the sequencing; write nothing\n"
	"  --exclude FILE  skip the scenarios whose codes FILE lists, one a line\n"
	"  --alone FILE    the scenarios whose codes FILE lists need the core\n"
	"                  alone: under xtest -j no other case runs beside them\n"
	"  --area NAME     the area stylesheet to use (client, tcf, time, ...);\n"
	"                  default: chosen from the file or package name\n"
	"  --datadir DIR   where gp-suite.rng and the stylesheets are\n"
	"                  (default: $GPGEN_DATADIR, else gen/ of this build)\n";

static int main_usage(const char *why)
{
	if (why)
		fprintf(stderr, "gpgen: %s\n", why);
	fputs(gpgen_usage, stderr);
	return EXIT_USAGE;
}

static int main_is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int main_same_dir(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	int same = ra && rb && !strcmp(ra, rb);

	free(ra);
	free(rb);
	return same;
}

/*
 * gen/ of the tree this gpgen was built in (out/bin/gpgen -> gen), named
 * as "gen" when that is the same directory, so messages stay short.
 */
static char *main_default_datadir(void)
{
	/* The tree the binary was built in: out/bin/gpgen, or deeper when
	 * the build output is (out/asan/bin/gpgen). */
	static const char *const ups[] = { "../..", "../../..", "../../../.." };
	const char *env = getenv("GPGEN_DATADIR");
	char exe[PATH_MAX], *bin, *dir;
	size_t i;
	ssize_t n;

	if (env && *env)
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return strdup("gen");
	exe[n] = '\0';
	bin = dirname(exe);
	for (i = 0; i < sizeof(ups) / sizeof(ups[0]); i++) {
		struct stat st;
		char *schema;
		int found;

		if (asprintf(&dir, "%s/%s/gen", bin, ups[i]) < 0)
			return NULL;
		if (asprintf(&schema, "%s/gp-suite.rng", dir) < 0) {
			free(dir);
			return NULL;
		}
		found = !stat(schema, &st);
		free(schema);
		if (found && !main_same_dir(dir, "gen"))
			return dir;
		free(dir);
		if (found)
			break;
	}
	return strdup("gen");
}

/* OUT/NAME.c for input NAME.xml. */
static char *main_out_path(const char *dir, const char *input)
{
	char *copy = strdup(input), *base, *dot, *path = NULL;

	if (!copy)
		return NULL;
	base = basename(copy);
	dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	if (asprintf(&path, "%s/%s.c", dir, base) < 0)
		path = NULL;
	free(copy);
	return path;
}

/* Written whole or not at all (a make rule never sees half a file), and
 * never in place of a device, FIFO or link: common/tc_file.h. */
static int main_write(const char *path, const char *text, size_t len)
{
	char why[TC_FILE_WHY_LEN];
	int res = tc_file_write(path, text, len, why, sizeof(why));

	if (res)
		fprintf(stderr, "gpgen: %s: %s\n", path, why);
	return res;
}

static int main_outputs(struct gpgen *g, const char *out, int to_dir)
{
	size_t i, j, n = gpgen_outputs(g);
	char **paths = calloc(n ? n : 1, sizeof(*paths));
	int res = 0;

	if (!paths)
		return -ENOMEM;
	for (i = 0; i < n && !res; i++) {
		const char *input;

		gpgen_output(g, i, &input, NULL);
		paths[i] = to_dir ? main_out_path(out, input) : strdup(out);
		if (!paths[i])
			res = -ENOMEM;
		for (j = 0; j < i && !res; j++) {
			if (strcmp(paths[i], paths[j]))
				continue;
			fprintf(stderr, "gpgen: two inputs would both write "
				"%s\n", paths[i]);
			res = -EEXIST;
		}
	}
	for (i = 0; i < n && !res; i++) {
		const char *text;
		size_t len;

		text = gpgen_output(g, i, NULL, &len);
		res = main_write(paths[i], text, len);
	}
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return res;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "alone", required_argument, NULL, 'A' },
		{ "area", required_argument, NULL, 'a' },
		{ "datadir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gpgen_opts opts = { .echo = stderr };
	const char *out = NULL, *exclude = NULL, *alone = NULL;
	char *datadir = NULL;
	struct gpgen *g = NULL;
	int opt, i, to_dir, status = EXIT_INPUT;

	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'c':
			opts.check_only = 1;
			break;
		case 'x':
			exclude = optarg;
			break;
		case 'A':
			alone = optarg;
			break;
		case 'a':
			opts.area = optarg;
			break;
		case 'd':
			opts.datadir = optarg;
			break;
		case 'h':
			fputs(gpgen_usage, stdout);
			return 0;
		default:
			return main_usage(NULL);
		}
	}
	if (optind == argc)
		return main_usage("no input file");
	to_dir = out && (argc - optind > 1 || main_is_dir(out));
	if (!opts.check_only && !out && argc - optind > 1)
		return main_usage("several inputs need -o DIR");
	if (to_dir && !opts.check_only && !main_is_dir(out) &&
	    mkdir(out, 0777)) {
		fprintf(stderr, "gpgen: %s: %s\n", out, strerror(errno));
		return EXIT_USAGE;
	}
	if (!opts.datadir) {
		datadir = main_default_datadir();
		if (!datadir)
			goto out;
		opts.datadir = datadir;
	}
	if (gpgen_new(&opts, &g)) {
		/* A bad --area or data directory is the caller's mistake. */
		status = EXIT_USAGE;
		goto out;
	}
	if (exclude && gpgen_exclude(g, exclude))
		goto out;
	if (alone && gpgen_alone(g, alone))
		goto out;
	for (i = optind; i < argc; i++)
		gpgen_input(g, argv[i]);
	gpgen_finish(g);
	if (gpgen_errors(g))
		goto out;
	if (!opts.check_only) {
		if (!out) {
			const char *text;
			size_t len;

			text = gpgen_output(g, 0, NULL, &len);
			if (!text || fwrite(text, 1, len, stdout) != len ||
			    fflush(stdout))
				goto out;
		} else if (main_outputs(g, out, to_dir)) {
			goto out;
		}
	}
	status = 0;
out:
	gpgen_free(g);
	free(datadir);
	return status;
}
