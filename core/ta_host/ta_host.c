/*
 * ta-host: the address space of one TA instance (S-EL0 in a real TEE).
 * Started by tee-core with a socket on fd 3; loads the TA the core verified,
 * runs its entry points on the TA's own stack, maps memory references of
 * the calling guest for the duration of a call, and serves the TA's
 * syscalls. Whatever the TA does, only this process can suffer from it.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <ucontext.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/msg_abi.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../loader/elf_load.h"
#include "../pager/pager.h"
#include "host_parts.h"
#include "host_regmem.h"
#include "ta_host.h"
#include "ta_paged.h"

/* The TA's stack has room for the host's syscall handlers: see ta_paged.h. */
#define HOST_MAX_GUESTS		64

struct guest_ram {
	uint64_t id;
	int fd;
	uint64_t size;
};

static struct host {
	int sock;
	struct elf_loaded ta;
	utee_entry_fn entry;
	void *stack;
	size_t stack_size;
	ucontext_t host_uc, ta_uc;
	bool ta_uc_ready;
	struct utee_entry_args *args;
	struct guest_ram guests[HOST_MAX_GUESTS];
	unsigned int nguests;
	void *null_page;	/* where zero-sized, non-NULL memrefs point */
	uint8_t uuid[16];
	bool booted;
} host = { .sock = -1 };

int host_socket(void)
{
	return host.sock;
}

const struct elf_loaded *host_ta(void)
{
	return &host.ta;
}

void host_stack_range(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)host.stack;
	*hi = *lo + host.stack_size;
}

static uint32_t host_next_req;

int host_core_request(struct tc_msg *req, struct tc_msg *reply)
{
	struct tc_why why;
	ssize_t n;

	req->cmd = TC_CMD_HOST_REQ;
	req->id = ++host_next_req;
	if (tc_send(host.sock, req, -1))
		return -EPIPE;
	n = tc_recv(host.sock, reply, sizeof(*reply), NULL);
	if (n <= 0)
		_exit(0);	/* the core has gone: so do we */
	if (tc_msg_check(reply, (size_t)n, &why) ||
	    reply->cmd != (TC_CMD_HOST_REQ | TC_REPLY) ||
	    reply->id != req->id) {
		tc_err("core answered a request with nonsense: %s",
		       why.text);
		_exit(1);
	}
	return 0;
}

static void host_trampoline(void)
{
	host.entry(host.args);
}

/* Runs one entry-point call on the TA's stack. */
static void host_run_entry(struct utee_entry_args *args)
{
	host.args = args;
	/*
	 * Made once: the TA's context is only ever switched to, never saved
	 * into, so each call only needs makecontext() (getcontext() costs a
	 * sigprocmask system call).
	 */
	if (!host.ta_uc_ready) {
		getcontext(&host.ta_uc);
		host.ta_uc_ready = true;
	}
	host.ta_uc.uc_stack.ss_sp = host.stack;
	host.ta_uc.uc_stack.ss_size = host.stack_size;
	host.ta_uc.uc_link = &host.host_uc;
	makecontext(&host.ta_uc, host_trampoline, 0);
	if (ta_paged_enter(host.stack, host.stack_size)) {
		args->result = TEE_ERROR_OUT_OF_MEMORY;
		return;
	}
	swapcontext(&host.host_uc, &host.ta_uc);
	ta_paged_leave(host.stack, host.stack_size);
}

void host_panic(uint32_t code)
{
	struct tc_msg m;

	tc_msg_init(&m, TC_CMD_HOST_PANIC, 0);
	m.ret = code;
	tc_send(host.sock, &m, -1);
	tc_err("TA panic: code 0x%08x", code);
	_exit(1);
}

static uint32_t host_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
			     uintptr_t a2, uintptr_t a3, uintptr_t a4,
			     uintptr_t a5)
{
	return host_syscall_dispatch(nr, a0, a1, a2, a3, a4, a5);
}

static TEE_Result host_init(struct tc_msg *m, int fd)
{
	struct utee_entry_args args;
	void *img;
	TEE_Result res;

	if (fd < 0 || host.booted || !m->arg) {
		tc_err("INIT: %s", fd < 0 ? "no image" : host.booted ?
		       "repeated" : "empty image");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	img = mmap(NULL, m->arg, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (img == MAP_FAILED)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = ta_paged_load(img, m->arg, &host.ta);
	munmap(img, m->arg);
	if (res) {
		tc_err("INIT: the TA image does not load (0x%08x)", res);
		return res;
	}
	memcpy(host.uuid, m->uuid, 16);
	host.entry = (utee_entry_fn)host.ta.entry;
	host.stack_size = ta_paged_stack_bytes(host.ta.head->stack_size);
	host.stack = ta_paged_stack_alloc(host.stack_size);
	if (!host.stack)
		return TEE_ERROR_OUT_OF_MEMORY;
	host.null_page = mmap(NULL, TC_PAGE_SIZE, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(&args, 0, sizeof(args));
	args.func = UTEE_ENTRY_BOOT;
	args.syscall = (uintptr_t)host_syscall;
	host_run_entry(&args);
	if (args.result) {
		tc_err("INIT: the TA failed to boot (0x%08x)", args.result);
		return args.result;
	}
	host.booted = true;
	memset(&args, 0, sizeof(args));
	args.func = UTEE_ENTRY_CREATE;
	host_run_entry(&args);
	m->origin = TEE_ORIGIN_TRUSTED_APP;
	return args.result;
}

static TEE_Result host_guest_ram_add(struct tc_msg *m, int fd)
{
	unsigned int i;

	if (fd < 0 || !m->arg2)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < host.nguests; i++) {
		if (host.guests[i].id == m->arg2) {
			host_tmem_forget_guest(m->arg2);
			close(host.guests[i].fd);
			host.guests[i].fd = fd;
			host.guests[i].size = m->arg;
			return TEE_SUCCESS;
		}
	}
	if (host.nguests == HOST_MAX_GUESTS) {
		close(fd);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	host.guests[host.nguests].id = m->arg2;
	host.guests[host.nguests].fd = fd;
	host.guests[host.nguests].size = m->arg;
	host.nguests++;
	return TEE_SUCCESS;
}

static TEE_Result host_guest_ram_drop(struct tc_msg *m)
{
	unsigned int i;

	for (i = 0; i < host.nguests; i++) {
		if (host.guests[i].id != m->arg2)
			continue;
		host_tmem_forget_guest(m->arg2);
		close(host.guests[i].fd);
		host.guests[i] = host.guests[--host.nguests];
		return TEE_SUCCESS;
	}
	return TEE_ERROR_ITEM_NOT_FOUND;
}

static struct guest_ram *host_guest(uint64_t id)
{
	unsigned int i;

	for (i = 0; i < host.nguests; i++)
		if (host.guests[i].id == id)
			return &host.guests[i];
	return NULL;
}

/*
 * Maps the pages of memref p into a fresh range, with the access the
 * parameter type grants: an input buffer is read-only for the TA. One run
 * of consecutive pages goes to a mapping kept between calls (host_tmem.c),
 * *kept says so; others are mapped for this call only.
 */
static void *host_map_mem(const struct tc_msg *m, const struct tc_param *p,
			  struct guest_ram *g, bool *kept)
{
	int prot = PROT_READ;
	size_t len = (size_t)p->npages * TC_PAGE_SIZE;
	uint64_t first = m->pages[p->first];
	uint32_t i, run;
	char *base;

	if (p->type != TC_PARAM_MEM_IN)
		prot |= PROT_WRITE;
	for (i = 1; i < p->npages && m->pages[p->first + i] == first + i; i++)
		;
	*kept = i == p->npages;
	if (*kept) {
		if (first + p->npages < first ||
		    (first + p->npages) * TC_PAGE_SIZE > g->size)
			return NULL;
		return host_tmem_map(g->id, g->fd, first, p->npages,
				     prot & PROT_WRITE);
	}
	base = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	for (i = 0; i < p->npages; i += run) {
		uint64_t pfn = m->pages[p->first + i];

		for (run = 1; i + run < p->npages &&
		     m->pages[p->first + i + run] == pfn + run; run++)
			;
		if ((pfn + run) * TC_PAGE_SIZE > g->size ||
		    mmap(base + (size_t)i * TC_PAGE_SIZE,
			 (size_t)run * TC_PAGE_SIZE, prot,
			 MAP_SHARED | MAP_FIXED, g->fd,
			 (off_t)(pfn * TC_PAGE_SIZE)) == MAP_FAILED) {
			munmap(base, len);
			return NULL;
		}
	}
	return base;
}

static TEE_Result host_call(struct tc_msg *m)
{
	struct utee_entry_args args;
	void *maps[TC_MAX_PARAMS] = { 0 };
	struct guest_ram *g = NULL;
	TEE_Result res = TEE_SUCCESS;
	unsigned int i;
	bool kept;
	void *base;

	if (!host.booted)
		return TEE_ERROR_BAD_STATE;
	if (m->func < UTEE_ENTRY_CREATE || m->func > UTEE_ENTRY_INVOKE) {
		tc_err("CALL: func: unknown entry %u", m->func);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	memset(&args, 0, sizeof(args));
	args.func = m->func;
	args.cmd_id = m->cmd_id;
	args.session_ctx = m->arg;
	host_session_begin(m);
	host_tmem_call_begin();
	for (i = 0; i < m->num_params; i++) {
		struct tc_param *p = &m->params[i];

		args.param_types |= (p->type & 0xf) << (i * 4);
		if (tc_param_is_value(p->type)) {
			args.params[i].a = p->a;
			args.params[i].b = p->b;
			continue;
		}
		if (tc_param_is_rmem(p->type)) {
			args.params[i].b = p->size;
			res = host_regmem_param(m, i, &args.params[i].a);
			if (res)
				goto out;
			continue;
		}
		if (!tc_param_is_mem(p->type))
			continue;
		args.params[i].b = p->size;
		if (p->flags & TC_PFLAG_NULL)
			continue;
		if (!p->npages) {
			args.params[i].a = (uintptr_t)host.null_page;
			continue;
		}
		if (!g)
			g = host_guest(m->arg2);
		if (!g) {
			tc_err("CALL: guest %llu unknown",
			       (unsigned long long)m->arg2);
			res = TEE_ERROR_BAD_PARAMETERS;
			goto out;
		}
		base = host_map_mem(m, p, g, &kept);
		if (!base) {
			tc_err("CALL: params[%u]: pages do not map", i);
			res = TEE_ERROR_BAD_PARAMETERS;
			goto out;
		}
		if (!kept)
			maps[i] = base;
		args.params[i].a = (uintptr_t)base + p->offs;
		host_mem_window(i, (void *)(uintptr_t)args.params[i].a,
				p->size, p->type != TC_PARAM_MEM_IN);
	}
	res = host_tmem_apply();
	if (!res)
		res = host_regmem_apply();
	if (res)
		goto out;

	host_run_entry(&args);
	res = args.result;
	m->origin = TEE_ORIGIN_TRUSTED_APP;
	m->arg = args.session_ctx;
	for (i = 0; i < m->num_params; i++) {
		struct tc_param *p = &m->params[i];

		if (p->type == TC_PARAM_VALUE_OUT ||
		    p->type == TC_PARAM_VALUE_INOUT) {
			p->a = (uint32_t)args.params[i].a;
			p->b = (uint32_t)args.params[i].b;
		} else if (tc_param_is_mem(p->type) && p->type != TC_PARAM_MEM_IN) {
			p->size = args.params[i].b;
		} else if (tc_param_is_rmem(p->type) &&
			   p->type != TC_PARAM_RMEM_IN) {
			p->size = args.params[i].b;
		}
	}
out:
	host_session_end(m, res);
	host_mem_windows_clear();
	host_regmem_call_end();
	for (i = 0; i < TC_MAX_PARAMS; i++)
		if (maps[i])
			munmap(maps[i], (size_t)m->params[i].npages *
				       TC_PAGE_SIZE);
	return res;
}

static void host_reply(struct tc_msg *m, TEE_Result res)
{
	unsigned int i;

	tc_msg_to_reply(m, res, m->origin == TEE_ORIGIN_TRUSTED_APP ?
				TEE_ORIGIN_TRUSTED_APP : TEE_ORIGIN_TEE);
	/* A reply's sizes stay within what one message may carry. */
	for (i = 0; i < TC_MAX_PARAMS; i++)
		if (m->params[i].size > (uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE)
			m->params[i].size = (uint64_t)TC_MAX_PAGES *
					    TC_PAGE_SIZE;
	if (tc_send(host.sock, m, -1))
		_exit(1);
}

/*
 * The zygote (--zygote): with the C library and the crypto library's
 * algorithm tables ready, it forks one host per HOST_FORK from the core,
 * the message's descriptor becoming the new host's socket. It returns in
 * each child, with that socket; the zygote itself never returns. Nothing
 * secret exists here before a fork: the pager's keys and the random
 * generator's state are made in each host after it (pager_init()).
 */
static int host_zygote(int zsock)
{
	struct tc_msg m;
	struct tc_why why;
	ssize_t n;
	pid_t pid;
	int fd;

	/* Hosts are reaped by the kernel; the core watches their sockets. */
	signal(SIGCHLD, SIG_IGN);
	if (pager_preload())
		tc_warn("zygote: crypto algorithms not preloaded");
	for (;;) {
		n = tc_recv(zsock, &m, sizeof(m), &fd);
		if (n <= 0)
			_exit(0);	/* the core has gone: so do we */
		if (tc_msg_check(&m, (size_t)n, &why) ||
		    m.cmd != TC_CMD_HOST_FORK || fd < 0) {
			tc_err("zygote: not a HOST_FORK with a socket");
			_exit(1);
		}
		pid = fork();
		if (!pid) {
			close(zsock);
			signal(SIGCHLD, SIG_DFL);
			return fd;
		}
		close(fd);
		m.arg = pid > 0 ? (uint64_t)pid : 0;
		tc_msg_to_reply(&m, pid > 0 ? TEE_SUCCESS :
				TEE_ERROR_OUT_OF_MEMORY, TEE_ORIGIN_TEE);
		if (tc_send(zsock, &m, -1))
			_exit(1);
	}
}

int main(int argc, char **argv)
{
	struct tc_msg *m = malloc(TC_MSG_MAX_SIZE);
	bool zygote = false;
	struct tc_why why;
	TEE_Result ret;
	ssize_t n;
	int fd, o;

	tc_log_init("ta-host");
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	while ((o = getopt(argc, argv, "f:-:")) != -1) {
		if (o == '-' && !strcmp(optarg, "fd") && optind < argc)
			host.sock = atoi(argv[optind++]);
		else if (o == '-' && !strcmp(optarg, "zygote"))
			zygote = true;
		else if (o == 'f')
			host.sock = atoi(optarg);
	}
	if (host.sock < 0 || !m) {
		fprintf(stderr, "usage: ta-host [--zygote] --fd N (started by "
			"tee-core)\n");
		return 2;
	}
	if (zygote) {
		host.sock = host_zygote(host.sock);
		/* A forked host: it dies with the zygote, which dies with
		 * the core. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(0);
	}
	for (;;) {
		n = tc_recv(host.sock, m, TC_MSG_MAX_SIZE, &fd);
		if (n <= 0)
			return 0;	/* the core has gone: so do we */
		if (tc_msg_check(m, (size_t)n, &why)) {
			tc_err("malformed message from the core: %s", why.text);
			return 1;
		}
		m->origin = TEE_ORIGIN_TEE;
		switch (m->cmd) {
		case TC_CMD_HOST_INIT:
			ret = host_init(m, fd);
			break;
		case TC_CMD_HOST_GUEST:
			ret = host_guest_ram_add(m, fd);
			break;
		case TC_CMD_HOST_GUEST_DROP:
			if (fd >= 0)
				close(fd);
			ret = host_guest_ram_drop(m);
			break;
		case TC_CMD_HOST_SHM:
			ret = host_shm(m, fd);
			break;
		case TC_CMD_HOST_PAGER:
			ret = ta_paged_command(m, fd);
			break;
		case TC_CMD_HOST_SHM_MAP:
			ret = host_regmem_map(m, fd);
			break;
		case TC_CMD_HOST_SHM_DROP:
			if (fd >= 0)
				close(fd);
			ret = host_regmem_drop(m);
			break;
		case TC_CMD_HOST_CALL:
			if (fd >= 0)
				close(fd);
			ret = host_call(m);
			break;
		default:
			if (fd >= 0)
				close(fd);
			tc_err("unexpected command 0x%x", m->cmd);
			ret = TEE_ERROR_NOT_SUPPORTED;
			break;
		}
		host_reply(m, ret);
		if (m->cmd == (TC_CMD_HOST_INIT | TC_REPLY) && ret)
			return 1;
	}
}
