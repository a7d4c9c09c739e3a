/*
 * The sessions of this TA instance as the host needs them: each one's
 * cancellation mask (masked when it opens, as OP-TEE does), and the session
 * and client identity of the call running now.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "host_parts.h"

struct host_session {
	uint32_t id;
	bool masked;
};

static struct host_session *sessions;
static size_t nsessions, cap_sessions;

static struct {
	bool in_session;	/* OPEN, INVOKE or CLOSE of a session */
	uint32_t id;
	uint32_t login;
	uint8_t uuid[16];
} current;

static struct host_session *session_find(uint32_t id)
{
	size_t i;

	for (i = 0; i < nsessions; i++)
		if (sessions[i].id == id)
			return &sessions[i];
	return NULL;
}

static void session_add(uint32_t id)
{
	struct host_session *n;

	if (session_find(id))
		return;
	if (nsessions == cap_sessions) {
		size_t cap = cap_sessions ? cap_sessions * 2 : 16;

		n = realloc(sessions, cap * sizeof(*n));
		if (!n) {
			tc_err("out of memory recording session 0x%x", id);
			return;
		}
		sessions = n;
		cap_sessions = cap;
	}
	sessions[nsessions].id = id;
	sessions[nsessions].masked = true;
	nsessions++;
}

static void session_remove(uint32_t id)
{
	struct host_session *s = session_find(id);

	if (s)
		*s = sessions[--nsessions];
}

void host_session_begin(const struct tc_msg *call)
{
	memset(&current, 0, sizeof(current));
	if (call->func != UTEE_ENTRY_OPEN_SESSION &&
	    call->func != UTEE_ENTRY_INVOKE &&
	    call->func != UTEE_ENTRY_CLOSE_SESSION)
		return;
	current.in_session = true;
	current.id = call->session;
	current.login = call->client_login;
	memcpy(current.uuid, call->uuid, sizeof(current.uuid));
	if (call->func == UTEE_ENTRY_OPEN_SESSION)
		session_add(call->session);
}

void host_session_end(const struct tc_msg *call, TEE_Result res)
{
	if (call->func == UTEE_ENTRY_CLOSE_SESSION ||
	    (call->func == UTEE_ENTRY_OPEN_SESSION && res != TEE_SUCCESS))
		session_remove(call->session);
	memset(&current, 0, sizeof(current));
}

bool host_session_client(uint32_t *login, uint8_t uuid[16])
{
	if (!current.in_session)
		return false;
	*login = current.login;
	memcpy(uuid, current.uuid, 16);
	return true;
}

bool host_session_masked(void)
{
	struct host_session *s;

	if (!current.in_session)
		return true;
	s = session_find(current.id);
	return !s || s->masked;
}

bool host_session_set_mask(bool mask)
{
	struct host_session *s;
	bool old;

	if (!current.in_session)
		return true;
	s = session_find(current.id);
	if (!s)
		return true;
	old = s->masked;
	s->masked = mask;
	return old;
}
