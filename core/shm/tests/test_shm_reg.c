/*
 * The SHM object registry: cookies are per guest, a release stops new uses
 * at once and waits for the last user (or gives up cleanly at its
 * timeout), a dying guest's objects are all handed back once idle, and
 * under many threads no object is ever handed back while a user holds it.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "../shm_reg.h"
#include "shm_test_rand.h"

struct tobj {
	struct shm_obj o;
	atomic_int in_use;	/* users as the test counts them */
	atomic_bool handed_back;
};

#define tobj_of(p)	((struct tobj *)(p))

static struct shm_reg reg;

static int setup(void **state)
{
	(void)state;
	return shm_reg_init(&reg);
}

static int teardown(void **state)
{
	(void)state;
	if (reg.objs.count)
		return -EBUSY;	/* a case left objects registered */
	shm_reg_fini(&reg);
	return 0;
}

static void add(struct tobj *t, uint32_t guest, uint64_t npages)
{
	t->o.guest = guest;
	t->o.npages = npages;
	atomic_init(&t->in_use, 0);
	atomic_init(&t->handed_back, false);
	shm_reg_insert(&reg, &t->o);
}

static void sleep_ms(unsigned int ms)
{
	usleep(ms * 1000u);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_cookies_are_per_guest(void **state)
{
	struct tobj a, b;
	struct shm_obj *o, *gone;
	struct shm_reg_usage u;

	(void)state;
	add(&a, 1, 3);
	add(&b, 2, 5);
	assert_int_not_equal(a.o.cookie, b.o.cookie);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &o), 0);
	assert_ptr_equal(o, &a.o);
	shm_reg_put(&reg, o);
	/* Guest 2 cannot reach guest 1's object, nor release it. */
	assert_int_equal(shm_reg_get(&reg, 2, a.o.cookie, &o), -ENOENT);
	assert_int_equal(shm_reg_remove(&reg, 2, a.o.cookie, 0, &gone),
			 -ENOENT);
	assert_int_equal(shm_reg_get(&reg, 1, 0xdeadbeef, &o), -ENOENT);
	shm_reg_usage(&reg, true, 0, &u);
	assert_int_equal(u.objects, 2);
	assert_int_equal(u.pages, 8);
	shm_reg_usage(&reg, false, 2, &u);
	assert_int_equal(u.objects, 1);
	assert_int_equal(u.pages, 5);
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie, 0, &gone), 0);
	assert_ptr_equal(gone, &a.o);
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie, 0, &gone),
			 -ENOENT);
	assert_int_equal(shm_reg_remove(&reg, 2, b.o.cookie, 0, &gone), 0);
	assert_int_equal(shm_reg_check(&reg), 0);
}

static void test_next_guest(void **state)
{
	struct tobj t[4];
	struct shm_obj *o;
	uint32_t g;
	int i;

	(void)state;
	add(&t[0], 9, 1);
	add(&t[1], 4, 1);
	add(&t[2], 4, 1);
	add(&t[3], 12, 1);
	assert_int_equal(shm_reg_next_guest(&reg, 0, &g), 0);
	assert_int_equal(g, 4);
	assert_int_equal(shm_reg_next_guest(&reg, 4, &g), 0);
	assert_int_equal(g, 9);
	assert_int_equal(shm_reg_next_guest(&reg, 9, &g), 0);
	assert_int_equal(g, 12);
	assert_int_equal(shm_reg_next_guest(&reg, 12, &g), -ENOENT);
	for (i = 0; i < 4; i++)
		assert_int_equal(shm_reg_remove(&reg, t[i].o.guest,
						t[i].o.cookie, 0, &o), 0);
}

struct holder {
	struct shm_obj *o;
	unsigned int hold_ms;
	atomic_bool put_done;
};

static void *hold_then_put(void *arg)
{
	struct holder *h = arg;

	sleep_ms(h->hold_ms);
	atomic_store(&h->put_done, true);
	shm_reg_put(&reg, h->o);
	return NULL;
}

/* The release returns only after the user's put, and refuses new users. */
static void test_remove_waits_for_user(void **state)
{
	struct holder h = { .hold_ms = 150 };
	struct shm_obj *o;
	struct tobj a;
	pthread_t th;

	(void)state;
	add(&a, 1, 1);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &h.o), 0);
	atomic_init(&h.put_done, false);
	assert_int_equal(pthread_create(&th, NULL, hold_then_put, &h), 0);
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie,
					SHM_REG_WAIT_FOREVER, &o), 0);
	assert_true(atomic_load(&h.put_done));
	assert_ptr_equal(o, &a.o);
	pthread_join(th, NULL);
}

struct remover {
	uint32_t guest;
	uint64_t cookie;
	unsigned int timeout_ms;
	int rc;
};

static void *remove_thread(void *arg)
{
	struct remover *r = arg;
	struct shm_obj *o;

	r->rc = shm_reg_remove(&reg, r->guest, r->cookie, r->timeout_ms, &o);
	return NULL;
}

/* Once a release has begun, no new use starts, and a second release of
 * the same object is refused. */
static void test_no_new_use_while_releasing(void **state)
{
	struct remover rm;
	struct shm_obj *user, *o;
	struct tobj a;
	pthread_t th;
	int rc, i;

	(void)state;
	add(&a, 1, 1);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &user), 0);
	rm.guest = 1;
	rm.cookie = a.o.cookie;
	rm.timeout_ms = SHM_REG_WAIT_FOREVER;
	assert_int_equal(pthread_create(&th, NULL, remove_thread, &rm), 0);
	for (i = 0; i < 1000; i++) {
		rc = shm_reg_get(&reg, 1, a.o.cookie, &o);
		if (rc)
			break;
		shm_reg_put(&reg, o);
		sleep_ms(1);
	}
	assert_int_equal(rc, -ESHUTDOWN);
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie, 0, &o),
			 -EALREADY);
	shm_reg_put(&reg, user);
	pthread_join(th, NULL);
	assert_int_equal(rm.rc, 0);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &o), -ENOENT);
}

/* A release that times out leaves the object registered and usable. */
static void test_remove_timeout_restores(void **state)
{
	struct shm_obj *user, *o;
	struct tobj a;
	double t0;

	(void)state;
	add(&a, 1, 2);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &user), 0);
	t0 = now_ms();
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie, 100, &o), -EBUSY);
	assert_true(now_ms() - t0 >= 95);
	assert_int_equal(shm_reg_get(&reg, 1, a.o.cookie, &o), 0);
	shm_reg_put(&reg, o);
	shm_reg_put(&reg, user);
	assert_int_equal(shm_reg_remove(&reg, 1, a.o.cookie, 0, &o), 0);
}

struct collected {
	struct tobj *seen[8];
	int n;
	double last_ms;
};

static void collect(struct shm_obj *o, void *arg)
{
	struct collected *c = arg;

	assert_int_equal(atomic_load(&tobj_of(o)->in_use), 0);
	c->seen[c->n++] = tobj_of(o);
	c->last_ms = now_ms();
}

/* A dying guest's objects come back once idle; other guests keep theirs. */
static void test_remove_guest_waits_and_spares_others(void **state)
{
	struct holder h = { .hold_ms = 120 };
	struct collected c = { .n = 0 };
	struct tobj t[4];
	struct shm_reg_usage u;
	struct shm_obj *o;
	pthread_t th;
	double t0;

	(void)state;
	add(&t[0], 3, 1);
	add(&t[1], 3, 2);
	add(&t[2], 4, 4);
	add(&t[3], 3, 8);
	assert_int_equal(shm_reg_get(&reg, 3, t[1].o.cookie, &h.o), 0);
	atomic_init(&h.put_done, false);
	t0 = now_ms();
	assert_int_equal(pthread_create(&th, NULL, hold_then_put, &h), 0);
	shm_reg_remove_guest(&reg, 3, collect, &c);
	assert_int_equal(c.n, 3);
	assert_true(atomic_load(&h.put_done));
	assert_true(c.last_ms - t0 >= 110);
	pthread_join(th, NULL);
	shm_reg_usage(&reg, false, 3, &u);
	assert_int_equal(u.objects, 0);
	shm_reg_usage(&reg, true, 0, &u);
	assert_int_equal(u.objects, 1);
	assert_int_equal(u.pages, 4);
	assert_int_equal(shm_reg_get(&reg, 4, t[2].o.cookie, &o), 0);
	shm_reg_put(&reg, o);
	assert_int_equal(shm_reg_remove(&reg, 4, t[2].o.cookie, 0, &o), 0);
}

struct guest_gone {
	uint32_t guest;
	struct collected *c;
};

static void *remove_guest_thread(void *arg)
{
	struct guest_gone *g = arg;

	shm_reg_remove_guest(&reg, g->guest, collect, g->c);
	return NULL;
}

/*
 * A release that times out while the guest is going leaves the object
 * stopped for new uses, and the guest's cleanup gets it once idle.
 */
static void test_remove_timeout_while_guest_dies(void **state)
{
	struct collected c = { .n = 0 };
	struct guest_gone g = { .guest = 5, .c = &c };
	struct remover rm = { .guest = 5, .timeout_ms = 200 };
	struct shm_obj *user, *o;
	pthread_t t_rm, t_gone;
	struct tobj a;

	(void)state;
	add(&a, 5, 1);
	rm.cookie = a.o.cookie;
	assert_int_equal(shm_reg_get(&reg, 5, a.o.cookie, &user), 0);
	atomic_fetch_add(&a.in_use, 1);
	assert_int_equal(pthread_create(&t_rm, NULL, remove_thread, &rm), 0);
	sleep_ms(50);
	assert_int_equal(pthread_create(&t_gone, NULL, remove_guest_thread,
					&g), 0);
	pthread_join(t_rm, NULL);
	assert_int_equal(rm.rc, -EBUSY);
	assert_int_equal(shm_reg_get(&reg, 5, a.o.cookie, &o), -ESHUTDOWN);
	assert_int_equal(c.n, 0);
	atomic_fetch_sub(&a.in_use, 1);
	shm_reg_put(&reg, user);
	pthread_join(t_gone, NULL);
	assert_int_equal(c.n, 1);
	assert_ptr_equal(c.seen[0], &a);
}

/*
 * Many threads get, use, put, register and release objects of a few guests
 * at random while guests die; an object handed back must have no user.
 */
#define STRESS_THREADS	6
#define STRESS_SLOTS	48
#define STRESS_GUESTS	4

static struct tobj stress_objs[STRESS_SLOTS];
static pthread_mutex_t stress_slot_lock[STRESS_SLOTS];
static atomic_bool stress_live[STRESS_SLOTS];
static _Atomic uint64_t stress_cookie[STRESS_SLOTS];	/* users read this */
static atomic_int stress_bad;

static void stress_handed_back(struct shm_obj *o, void *arg)
{
	(void)arg;
	if (atomic_load(&tobj_of(o)->in_use))
		atomic_fetch_add(&stress_bad, 1);
	atomic_store(&tobj_of(o)->handed_back, true);
}

static void *stress_thread(void *arg)
{
	struct shm_rand rnd = { .state = (uintptr_t)arg * 7919 + 1 };
	struct shm_obj *o;
	struct tobj *t;
	size_t i;
	int step, rc;

	for (step = 0; step < 3000; step++) {
		i = shm_rand_below(&rnd, STRESS_SLOTS);
		t = &stress_objs[i];
		switch (shm_rand_below(&rnd, 4)) {
		case 0:	/* use */
			if (!atomic_load(&stress_live[i]))
				break;
			rc = shm_reg_get(&reg, (uint32_t)(i % STRESS_GUESTS) + 1,
					 atomic_load(&stress_cookie[i]), &o);
			if (rc)
				break;
			atomic_fetch_add(&t->in_use, 1);
			if (atomic_load(&t->handed_back))
				atomic_fetch_add(&stress_bad, 1);
			if (shm_rand_below(&rnd, 4) == 0)
				usleep(200);
			atomic_fetch_sub(&t->in_use, 1);
			shm_reg_put(&reg, o);
			break;
		case 1:	/* register in a free slot */
			if (pthread_mutex_trylock(&stress_slot_lock[i]))
				break;
			if (!atomic_load(&stress_live[i])) {
				add(t, (uint32_t)(i % STRESS_GUESTS) + 1,
				    1 + i % 5);
				atomic_store(&stress_cookie[i], t->o.cookie);
				atomic_store(&stress_live[i], true);
			}
			pthread_mutex_unlock(&stress_slot_lock[i]);
			break;
		case 2:	/* release */
			if (pthread_mutex_trylock(&stress_slot_lock[i]))
				break;
			if (atomic_load(&stress_live[i])) {
				rc = shm_reg_remove(&reg, t->o.guest,
						    t->o.cookie, 50, &o);
				if (!rc) {
					stress_handed_back(o, NULL);
					atomic_store(&stress_live[i], false);
				} else if (rc != -EBUSY && rc != -ENOENT) {
					atomic_fetch_add(&stress_bad, 1);
				}
			}
			pthread_mutex_unlock(&stress_slot_lock[i]);
			break;
		default:
			break;
		}
	}
	return NULL;
}

static void test_stress_never_frees_under_a_user(void **state)
{
	pthread_t th[STRESS_THREADS];
	struct shm_reg_usage u;
	struct shm_rand rnd;
	uintptr_t i;
	size_t k;
	uint32_t g;

	(void)state;
	shm_rand_init(&rnd, "test_stress_never_frees_under_a_user");
	atomic_init(&stress_bad, 0);
	for (k = 0; k < STRESS_SLOTS; k++) {
		pthread_mutex_init(&stress_slot_lock[k], NULL);
		atomic_init(&stress_live[k], false);
		atomic_init(&stress_cookie[k], 0);
	}
	for (i = 0; i < STRESS_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, stress_thread,
						(void *)(i + (uintptr_t)
							 shm_rand_next(&rnd))),
				 0);
	/* Guests die while the threads run; their slots stay taken. */
	for (g = 1; g <= 2; g++) {
		usleep(20000);
		for (k = g - 1; k < STRESS_SLOTS; k += STRESS_GUESTS)
			pthread_mutex_lock(&stress_slot_lock[k]);
		shm_reg_remove_guest(&reg, g, stress_handed_back, NULL);
		for (k = g - 1; k < STRESS_SLOTS; k += STRESS_GUESTS)
			atomic_store(&stress_live[k], false);
		shm_reg_usage(&reg, false, g, &u);
		assert_int_equal(u.objects, 0);
		for (k = g - 1; k < STRESS_SLOTS; k += STRESS_GUESTS)
			pthread_mutex_unlock(&stress_slot_lock[k]);
	}
	for (i = 0; i < STRESS_THREADS; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(atomic_load(&stress_bad), 0);
	assert_int_equal(shm_reg_check(&reg), 0);
	for (g = 1; g <= STRESS_GUESTS; g++)
		shm_reg_remove_guest(&reg, g, stress_handed_back, NULL);
	shm_reg_usage(&reg, true, 0, &u);
	assert_int_equal(u.objects, 0);
	assert_int_equal(u.pages, 0);
	assert_int_equal(atomic_load(&stress_bad), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cookies_are_per_guest,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_guest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_remove_waits_for_user,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_new_use_while_releasing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_timeout_restores,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_remove_guest_waits_and_spares_others, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_remove_timeout_while_guest_dies, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_stress_never_frees_under_a_user, setup, teardown),
	};

	return cmocka_run_group_tests_name("shm_reg", tests, NULL, NULL);
}
