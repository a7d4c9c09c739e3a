/* The registry of shared memory objects (shm_reg.h). */
#include <errno.h>
#include <time.h>

#include "shm_reg.h"

#define obj_of(n)	shm_tree_entry(n, struct shm_obj, node)

static int key_cmp(uint32_t g1, uint64_t c1, uint32_t g2, uint64_t c2)
{
	if (g1 != g2)
		return g1 < g2 ? -1 : 1;
	return c1 < c2 ? -1 : c1 > c2;
}

static int obj_cmp(const struct shm_tree_node *a,
		   const struct shm_tree_node *b)
{
	return key_cmp(obj_of(a)->guest, obj_of(a)->cookie, obj_of(b)->guest,
		       obj_of(b)->cookie);
}

int shm_reg_init(struct shm_reg *r)
{
	pthread_condattr_t ca;
	int rc;

	rc = pthread_condattr_init(&ca);
	if (rc)
		return -rc;
	rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	if (!rc)
		rc = pthread_cond_init(&r->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (rc)
		return -rc;
	pthread_mutex_init(&r->lock, NULL);
	shm_tree_init(&r->objs, NULL);
	r->next_cookie = 1;
	r->npages = 0;
	return 0;
}

void shm_reg_fini(struct shm_reg *r)
{
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
}

void shm_reg_insert(struct shm_reg *r, struct shm_obj *o)
{
	o->users = 0;
	o->releasing = o->claimed = o->dying = false;
	pthread_mutex_lock(&r->lock);
	o->cookie = r->next_cookie++;
	r->npages += o->npages;
	shm_tree_insert(&r->objs, &o->node, obj_cmp);
	pthread_mutex_unlock(&r->lock);
}

/* Lock held. */
static struct shm_obj *find(struct shm_reg *r, uint32_t guest,
			    uint64_t cookie)
{
	struct shm_tree_node *n = r->objs.root;
	int c;

	while (n) {
		c = key_cmp(guest, cookie, obj_of(n)->guest, obj_of(n)->cookie);
		if (!c)
			return obj_of(n);
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Lock held: the guest's first object, or NULL. */
static struct shm_obj *first_of_guest(struct shm_reg *r, uint32_t guest)
{
	struct shm_tree_node *n = r->objs.root;
	struct shm_obj *found = NULL;

	while (n) {
		if (obj_of(n)->guest < guest) {
			n = n->right;
		} else {
			if (obj_of(n)->guest == guest)
				found = obj_of(n);
			n = n->left;
		}
	}
	return found;
}

static struct shm_obj *next_of_guest(struct shm_obj *o)
{
	struct shm_tree_node *n = shm_tree_next(&o->node);

	return n && obj_of(n)->guest == o->guest ? obj_of(n) : NULL;
}

/* Lock held. */
static void unlink_obj(struct shm_reg *r, struct shm_obj *o)
{
	shm_tree_erase(&r->objs, &o->node);
	r->npages -= o->npages;
	pthread_cond_broadcast(&r->cond);
}

int shm_reg_get(struct shm_reg *r, uint32_t guest, uint64_t cookie,
		struct shm_obj **out)
{
	struct shm_obj *o;
	int rc = 0;

	pthread_mutex_lock(&r->lock);
	o = find(r, guest, cookie);
	if (!o)
		rc = -ENOENT;
	else if (o->releasing)
		rc = -ESHUTDOWN;
	else
		o->users++;
	pthread_mutex_unlock(&r->lock);
	if (!rc)
		*out = o;
	return rc;
}

void shm_reg_stop_uses(struct shm_reg *r, uint32_t guest, uint64_t cookie)
{
	struct shm_obj *o;

	pthread_mutex_lock(&r->lock);
	o = find(r, guest, cookie);
	if (o && !o->claimed)
		o->releasing = true;
	pthread_mutex_unlock(&r->lock);
}

void shm_reg_put(struct shm_reg *r, struct shm_obj *o)
{
	pthread_mutex_lock(&r->lock);
	if (!--o->users && o->releasing)
		pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

static void deadline_after(struct timespec *ts, unsigned int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

int shm_reg_remove(struct shm_reg *r, uint32_t guest, uint64_t cookie,
		   unsigned int timeout_ms, struct shm_obj **out)
{
	struct timespec ts;
	struct shm_obj *o;
	int rc = 0;

	deadline_after(&ts, timeout_ms);
	pthread_mutex_lock(&r->lock);
	o = find(r, guest, cookie);
	if (!o) {
		rc = -ENOENT;
		goto out;
	}
	if (o->claimed) {
		rc = -EALREADY;
		goto out;
	}
	o->claimed = o->releasing = true;
	while (o->users && rc != ETIMEDOUT) {
		if (timeout_ms == SHM_REG_WAIT_FOREVER)
			pthread_cond_wait(&r->cond, &r->lock);
		else
			rc = pthread_cond_timedwait(&r->cond, &r->lock, &ts);
	}
	if (o->users) {
		/* Give up cleanly: usable again, unless its guest is going. */
		o->claimed = false;
		o->releasing = o->dying;
		pthread_cond_broadcast(&r->cond);
		rc = -EBUSY;
		goto out;
	}
	rc = 0;
	unlink_obj(r, o);
	*out = o;
out:
	pthread_mutex_unlock(&r->lock);
	return rc;
}

void shm_reg_remove_guest(struct shm_reg *r, uint32_t guest,
			  void (*fn)(struct shm_obj *o, void *arg), void *arg)
{
	struct shm_obj *o;

	pthread_mutex_lock(&r->lock);
	for (o = first_of_guest(r, guest); o; o = next_of_guest(o))
		o->releasing = o->dying = true;
	for (;;) {
		o = first_of_guest(r, guest);
		if (!o)
			break;
		while (o && (o->users || o->claimed))
			o = next_of_guest(o);
		if (!o) {
			/* Every one is in use or another's to unlink. */
			pthread_cond_wait(&r->cond, &r->lock);
			continue;
		}
		o->claimed = true;
		unlink_obj(r, o);
		pthread_mutex_unlock(&r->lock);
		fn(o, arg);
		pthread_mutex_lock(&r->lock);
	}
	pthread_mutex_unlock(&r->lock);
}

void shm_reg_usage(struct shm_reg *r, bool all, uint32_t guest,
		   struct shm_reg_usage *u)
{
	struct shm_obj *o;

	u->objects = u->pages = 0;
	pthread_mutex_lock(&r->lock);
	if (all) {
		u->objects = r->objs.count;
		u->pages = r->npages;
	} else {
		for (o = first_of_guest(r, guest); o; o = next_of_guest(o)) {
			u->objects++;
			u->pages += o->npages;
		}
	}
	pthread_mutex_unlock(&r->lock);
}

int shm_reg_next_guest(struct shm_reg *r, uint32_t after, uint32_t *guest)
{
	struct shm_tree_node *n;
	struct shm_obj *found = NULL;
	int rc = -ENOENT;

	if (after == UINT32_MAX)
		return -ENOENT;
	pthread_mutex_lock(&r->lock);
	/* The first object at or above (after + 1, 0). */
	for (n = r->objs.root; n;) {
		if (obj_of(n)->guest <= after) {
			n = n->right;
		} else {
			found = obj_of(n);
			n = n->left;
		}
	}
	if (found) {
		*guest = found->guest;
		rc = 0;
	}
	pthread_mutex_unlock(&r->lock);
	return rc;
}

int shm_reg_check(struct shm_reg *r)
{
	struct shm_tree_node *n;
	uint64_t pages = 0;
	bool ok;

	pthread_mutex_lock(&r->lock);
	ok = shm_tree_valid(&r->objs, obj_cmp);
	for (n = shm_tree_first(&r->objs); n; n = shm_tree_next(n))
		pages += obj_of(n)->npages;
	ok = ok && pages == r->npages;
	pthread_mutex_unlock(&r->lock);
	return ok ? 0 : -EINVAL;
}
