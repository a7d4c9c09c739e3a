/*
 * The private secure world of a run: a tee-core and a tee-supplicant started
 * for this run only, in a temporary directory, and stopped at its end.
 */
#ifndef XTEST_PRIVATE_CORE_H
#define XTEST_PRIVATE_CORE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/un.h>

struct private_core {
	char dir[PATH_MAX];		/* the run's temporary directory */
	char socket[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char ta_extra_dir[PATH_MAX];	/* a writable TA directory */
	char core_log[PATH_MAX];
	char supp_log[PATH_MAX];
	pid_t core;			/* 0 when not running */
	pid_t supp;
	int supp_sock;			/* own_supplicant: the caller's end of
					   the core's supplicant connection */
	bool keep_dir;			/* leave dir in place at stop */
	/* How they were started, for private_core_restart(). */
	char core_bin[PATH_MAX];
	char supp_bin[PATH_MAX];
	char ta_dir[PATH_MAX];
	char state_dir[PATH_MAX];	/* "" for the core's default */
	const char *core_name;
	const char *const *core_args;	/* the caller's, kept as given */
	bool own_supplicant;		/* the caller serves on supp_sock */
	const char *const *supp_args;	/* more arguments for the supplicant */
	bool supp_by_uid;		/* the core trusts a supplicant of our uid */
	char fs_dir[PATH_MAX];		/* the supplicant's storage directory */
};

/*
 * Starts tee-core and tee-supplicant from bin_dir with the TAs of ta_dir and
 * waits until both are ready. On failure everything started is stopped and
 * the error, with the tail of their logs, is on stderr. Returns 0 or -errno
 * (-EINTR when a stop signal arrived while waiting).
 */
int private_core_start(struct private_core *pc, const char *bin_dir,
		       const char *ta_dir, bool keep_dir);

/*
 * The same with the core's persistent state in state_dir (NULL: the core's
 * default, inside the run's directory), so a state can outlive one core.
 */
int private_core_start_state(struct private_core *pc, const char *bin_dir,
			     const char *ta_dir, bool keep_dir,
			     const char *state_dir);

/* What a private core may be started with besides the defaults. */
struct private_core_opts {
	const char *core_name;		/* in bin_dir; NULL: "tee-core" */
	const char *state_dir;		/* as for private_core_start_state */
	const char *const *core_args;	/* more arguments, NULL-terminated */
	bool own_supplicant;		/* start no tee-supplicant: the caller
					   serves the core on pc->supp_sock */
	const char *const *supp_args;	/* the same for tee-supplicant */
	bool supp_restart;		/* private_core_supp_restart() will be
					   used: the core also trusts a
					   supplicant of this user */
};

/* The same, with another core program or more arguments for it. */
int private_core_start_opts(struct private_core *pc, const char *bin_dir,
			    const char *ta_dir, bool keep_dir,
			    const struct private_core_opts *opts);

/*
 * Ends the supplicant (SIGKILL if it still runs) and starts another with
 * supp_args (NULL-terminated, or NULL): a core's supplicant may come and
 * go. Returns 0 or -errno.
 */
int private_core_supp_restart(struct private_core *pc, const char *bin_dir,
			      const char *ta_dir,
			      const char *const *supp_args);

/*
 * Returns 0 while both processes run, or -EPIPE with what happened in why
 * (the log tail goes to stderr).
 */
int private_core_check(struct private_core *pc, char *why, size_t len);

/*
 * Stops the core and the supplicant (and with the core every TA instance)
 * and starts them again in the same directory, on the same socket, with the
 * same TA directories and persistent state: a clean secure world after a
 * case left one stuck. Returns 0 or -errno, with the logs' tails on stderr.
 */
int private_core_restart(struct private_core *pc);

/* SIGTERM, a grace period, then SIGKILL; removes the directory. */
void private_core_stop(struct private_core *pc);

#endif
