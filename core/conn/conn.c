/* Normal-world connections: reference counting and replies. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/tc_msg.h"
#include "../core.h"

void conn_get(struct conn *c)
{
	pthread_mutex_lock(&core.lock);
	c->refs++;
	pthread_mutex_unlock(&core.lock);
}

void conn_put(struct conn *c)
{
	bool last;

	pthread_mutex_lock(&core.lock);
	last = --c->refs == 0;
	if (last)
		list_del(&c->node);
	pthread_mutex_unlock(&core.lock);
	if (!last)
		return;
	close(c->fd);
	if (c->nsram_fd >= 0)
		close(c->nsram_fd);
	login_free_creds(c);
	pthread_mutex_destroy(&c->send_lock);
	free(c);
}

void conn_ram(const struct conn *c, struct ram_ref *ram)
{
	ram->id = c->guest_id;
	ram->fd = c->nsram_fd;
	ram->pages = c->nsram_pages;
}

uint32_t conn_new_guest_id(void)
{
	uint32_t id;

	pthread_mutex_lock(&core.lock);
	id = ++core.next_guest;
	pthread_mutex_unlock(&core.lock);
	return id;
}

/*
 * Turns a request into its reply in place: results, the parameters' values
 * and sizes, and no page list. A peer that has gone is not an error here.
 */
int conn_reply(struct conn *c, struct tc_msg *msg, uint32_t ret,
	       uint32_t origin)
{
	unsigned int i;
	int rc;

	msg->cmd |= TC_REPLY;
	msg->ret = ret;
	msg->origin = origin;
	msg->npages = 0;
	msg->length = sizeof(*msg);
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		msg->params[i].offs = 0;
		msg->params[i].npages = 0;
		msg->params[i].first = 0;
	}
	pthread_mutex_lock(&c->send_lock);
	rc = tc_send(c->fd, msg, -1);
	pthread_mutex_unlock(&c->send_lock);
	return rc;
}
