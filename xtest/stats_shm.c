/* xtest --stats shm (stats_shm.h). */
#include <errno.h>

#include <tee_client_api.h>
#include <teecheck/teec_ext.h>

#include "stats_shm.h"

static void stats_shm_line(FILE *f, const char *who,
			   const struct teecheck_shm_stats *st)
{
	fprintf(f, "%10s %8u %8u %12u %10u\n", who, st->objects, st->pages,
		st->va_used, st->host_maps);
}

int stats_shm_print(FILE *f)
{
	struct teecheck_shm_stats total, g;
	TEEC_Context ctx;
	TEEC_Result res;
	uint32_t next;
	char who[16];
	int rc = 0;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res) {
		fprintf(stderr, "xtest: --stats: no core (0x%08x)\n", res);
		return -ECONNREFUSED;
	}
	res = teecheck_shm_stats(&ctx, TEECHECK_SHM_TOTAL, &total);
	if (res)
		goto fail;
	fprintf(f, "shm: window of %u pages: %u in use (guard pages "
		"included), %u free, largest free range %u; %u guest RAMs in "
		"the frame map\n", total.va_used + total.va_free,
		total.va_used, total.va_free, total.va_largest_free,
		total.rams);
	fprintf(f, "%10s %8s %8s %12s %10s\n", "guest", "objects", "pages",
		"window-pages", "host-maps");
	for (next = total.next_guest; next; next = g.next_guest) {
		res = teecheck_shm_stats(&ctx, next, &g);
		if (res)
			goto fail;
		snprintf(who, sizeof(who), "%u", g.guest);
		stats_shm_line(f, who, &g);
	}
	stats_shm_line(f, "total", &total);
	goto out;
fail:
	fprintf(stderr, "xtest: SHM statistics: 0x%08x\n", res);
	rc = -EIO;
out:
	TEEC_FinalizeContext(&ctx);
	return rc;
}
