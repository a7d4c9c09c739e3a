/*
 * The pager lock: a test-and-set spinlock that a signal handler may take.
 * It never sleeps on a kernel object a faulting thread could own; after a
 * short spin it yields the CPU so that a preempted holder can finish.
 */
#ifndef PAGER_SPINLOCK_H
#define PAGER_SPINLOCK_H

#include <sched.h>
#include <stdatomic.h>

#include "pager_arch.h"

#define PAGER_SPIN_BEFORE_YIELD	128

struct pager_spinlock {
	atomic_int held;
};

static inline void pager_spin_lock(struct pager_spinlock *l)
{
	unsigned int spins = 0;

	while (atomic_exchange_explicit(&l->held, 1, memory_order_acquire)) {
		while (atomic_load_explicit(&l->held, memory_order_relaxed)) {
			if (++spins < PAGER_SPIN_BEFORE_YIELD) {
				pager_arch_relax();
			} else {
				sched_yield();
				spins = 0;
			}
		}
	}
}

static inline void pager_spin_unlock(struct pager_spinlock *l)
{
	atomic_store_explicit(&l->held, 0, memory_order_release);
}

#endif
