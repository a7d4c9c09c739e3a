/* Normal-world connections: reference counting and replies. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/tc_msg.h"
#include "../core.h"
#include "../session/session.h"
#include "conn.h"

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
