/*
 * ta-sign: turns a TA ELF into a signed image (teecheck/ta_image.h) with
 * the build's RSA private key. Rejects an ELF the loader would reject.
 *
 *   ta-sign -k KEY.pem [-u UUID] -o OUT.ta IN.elf
 *
 * -u: fail unless the ELF's .ta_head carries this UUID (the build names the
 * image after it).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <tee_api_defines.h>

#include "../../../common/tc_file.h"
#include "../../../core/ta_image/ta_image.h"

static const char *prog = "ta-sign";

static void usage(void)
{
	fprintf(stderr, "usage: %s -k KEY.pem [-u UUID] -o OUT.ta IN.elf\n",
		prog);
	exit(2);
}

/* Reads a whole file into a malloc'd buffer. Returns 0 or -errno. */
static int read_file(const char *path, void **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	void *p = NULL;
	int rc = 0;

	if (!f)
		return -errno;
	if (fstat(fileno(f), &st)) {
		rc = -errno;
		goto out;
	}
	if (st.st_size <= 0) {
		rc = -EINVAL;
		goto out;
	}
	p = malloc((size_t)st.st_size);
	if (!p) {
		rc = -ENOMEM;
		goto out;
	}
	if (fread(p, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		rc = -EIO;
		goto out;
	}
	*buf = p;
	*len = (size_t)st.st_size;
	p = NULL;
out:
	free(p);
	fclose(f);
	return rc;
}

static EVP_PKEY *load_private_key(const char *path)
{
	FILE *f = fopen(path, "r");
	EVP_PKEY *key;

	if (!f)
		return NULL;
	key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	return key;
}

int main(int argc, char *argv[])
{
	const char *key_path = NULL, *out_path = NULL, *uuid = NULL;
	char why[LOADER_WHY_LEN];
	struct utee_ta_head head;
	void *elf = NULL, *img = NULL;
	size_t elf_len = 0, img_len = 0;
	EVP_PKEY *key = NULL;
	TEE_Result res;
	int status = 1;
	int rc, opt;

	while ((opt = getopt(argc, argv, "k:o:u:")) != -1) {
		switch (opt) {
		case 'k':
			key_path = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'u':
			uuid = optarg;
			break;
		default:
			usage();
		}
	}
	if (!key_path || !out_path || optind != argc - 1)
		usage();

	rc = read_file(argv[optind], &elf, &elf_len);
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[optind],
			strerror(-rc));
		goto out;
	}
	key = load_private_key(key_path);
	if (!key) {
		fprintf(stderr, "%s: %s: no PEM private key there\n", prog,
			key_path);
		goto out;
	}

	res = elf_read_ta_head(elf, elf_len, &head, why, sizeof(why));
	if (res) {
		fprintf(stderr, "%s: %s: not a valid TA: %s\n", prog,
			argv[optind], why);
		goto out;
	}
	if (uuid) {
		TEE_UUID u = {
			.timeLow = head.uuid_time_low,
			.timeMid = head.uuid_time_mid,
			.timeHiAndVersion = head.uuid_time_hi_and_version,
		};
		char s[37];

		memcpy(u.clockSeqAndNode, head.uuid_clock_seq_and_node, 8);
		ta_image_uuid_str(&u, s);
		if (strcasecmp(s, uuid)) {
			fprintf(stderr, "%s: %s: .ta_head UUID is %s, expected %s\n",
				prog, argv[optind], s, uuid);
			goto out;
		}
	}

	res = ta_image_sign(elf, elf_len, key, &img, &img_len, why,
			    sizeof(why));
	if (res) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[optind], why);
		ERR_print_errors_fp(stderr);
		goto out;
	}
	/* No half image is ever left; a device or link is written
	 * through (common/tc_file.h). */
	rc = tc_file_write(out_path, img, img_len, why, sizeof(why));
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", prog, out_path, why);
		goto out;
	}
	status = 0;
out:
	EVP_PKEY_free(key);
	free(img);
	free(elf);
	return status;
}
