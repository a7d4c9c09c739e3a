/*
 * The GP entry points of the test TAs, written once (tta_entry.c): a TTA
 * fills in one struct tta_entry with what it does differently, instead of
 * repeating five entry points. Test TA code only: a TA built with the dev
 * kit writes its own entry points.
 */
#ifndef TTA_ENTRY_H
#define TTA_ENTRY_H

#include <stddef.h>
#include <tee_internal_api.h>

struct tta_entry {
	/*
	 * Each hook is optional; none means "succeed", but for invoke: none
	 * answers every command with answer.
	 */
	TEE_Result (*create)(void);
	void (*destroy)(void);
	/*
	 * Called with the session's state already made: session_size bytes
	 * of zeroes (NULL when session_size is 0). A failure frees it.
	 */
	TEE_Result (*open)(void *session, uint32_t types,
			   TEE_Param params[TEE_NUM_PARAMS]);
	/* Called before the session's state is freed. */
	void (*close)(void *session);
	TEE_Result (*invoke)(void *session, uint32_t cmd, uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS]);
	size_t session_size;
	TEE_Result answer;
};

/* Each TTA defines it. */
extern const struct tta_entry tta_entry;

#endif
