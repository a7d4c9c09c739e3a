/*
 * Client identities for the login methods of TEEC_OpenSession, derived from
 * what the kernel says about the client (SO_PEERCRED at connect, /proc at
 * HELLO), never from what the client claims. The UUIDs are version 5 (SHA-1)
 * UUIDs in the name space the Linux TEE subsystem uses, over the names it
 * uses: "uid=<hex uid>", "gid=<hex gid>", and for the application methods
 * "app=<executable path>", "uid=<hex>:app=<path>", "gid=<hex>:app=<path>".
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "../../common/tc_log.h"
#include "../core.h"
#include "session.h"

/* 58ac9ca0-2086-4683-a1b8-ec4bc08e01b6 */
static const uint8_t login_ns[16] = {
	0x58, 0xac, 0x9c, 0xa0, 0x20, 0x86, 0x46, 0x83,
	0xa1, 0xb8, 0xec, 0x4b, 0xc0, 0x8e, 0x01, 0xb6,
};

/* The longest "Groups:" list read from /proc. */
#define LOGIN_MAX_GROUPS	1024

static void login_read_exe(struct conn *c)
{
	char path[64], target[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)c->pid);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0) {
		tc_warn("pid %d: executable unknown: application logins "
			"will be refused", (int)c->pid);
		return;
	}
	target[n] = 0;
	c->exe = strdup(target);
}

static void login_read_groups(struct conn *c)
{
	char path[64], *line = NULL, *p, *end;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)c->pid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, "Groups:", 7))
			continue;
		c->groups = calloc(LOGIN_MAX_GROUPS, sizeof(gid_t));
		for (p = line + 7; c->groups && c->ngroups < LOGIN_MAX_GROUPS;
		     p = end) {
			unsigned long g = strtoul(p, &end, 10);

			if (end == p)
				break;
			c->groups[c->ngroups++] = (gid_t)g;
		}
		break;
	}
	free(line);
	fclose(f);
}

void login_read_creds(struct conn *c)
{
	if (c->pid <= 0)
		return;
	login_read_exe(c);
	login_read_groups(c);
}

void login_free_creds(struct conn *c)
{
	free(c->exe);
	free(c->groups);
	c->exe = NULL;
	c->groups = NULL;
	c->ngroups = 0;
}

/* A member: its effective group or one of its supplementary groups. */
static bool login_in_group(const struct conn *c, gid_t g)
{
	size_t i;

	if (c->gid == g)
		return true;
	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == g)
			return true;
	return false;
}

/* RFC 4122 version 5: SHA-1 over the name space and the name. */
static TEE_Result login_uuid_v5(const char *name, uint8_t uuid[16])
{
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
	     EVP_DigestUpdate(ctx, login_ns, sizeof(login_ns)) &&
	     EVP_DigestUpdate(ctx, name, strlen(name)) &&
	     EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	if (!ok || len < 16)
		return TEE_ERROR_GENERIC;
	memcpy(uuid, md, 16);
	uuid[6] = (uint8_t)((uuid[6] & 0x0f) | 0x50);
	uuid[8] = (uint8_t)((uuid[8] & 0x3f) | 0x80);
	return TEE_SUCCESS;
}

TEE_Result login_identity(const struct conn *c, uint32_t method,
			  uint32_t group, uint8_t uuid[16])
{
	char name[PATH_MAX + 32];
	bool app = method == TEE_LOGIN_APPLICATION ||
		   method == TEE_LOGIN_APPLICATION_USER ||
		   method == TEE_LOGIN_APPLICATION_GROUP;

	memset(uuid, 0, 16);
	if (method == TEE_LOGIN_PUBLIC)
		return TEE_SUCCESS;
	if (app && !c->exe) {
		tc_err("pid %d: login 0x%x: the executable is unknown",
		       (int)c->pid, method);
		return TEE_ERROR_ACCESS_DENIED;
	}
	if ((method == TEE_LOGIN_GROUP ||
	     method == TEE_LOGIN_APPLICATION_GROUP) &&
	    !login_in_group(c, (gid_t)group)) {
		tc_err("pid %d: login 0x%x: not a member of group %u",
		       (int)c->pid, method, group);
		return TEE_ERROR_ACCESS_DENIED;
	}
	switch (method) {
	case TEE_LOGIN_USER:
		snprintf(name, sizeof(name), "uid=%x", (unsigned int)c->uid);
		break;
	case TEE_LOGIN_GROUP:
		snprintf(name, sizeof(name), "gid=%x", group);
		break;
	case TEE_LOGIN_APPLICATION:
		snprintf(name, sizeof(name), "app=%s", c->exe);
		break;
	case TEE_LOGIN_APPLICATION_USER:
		snprintf(name, sizeof(name), "uid=%x:app=%s",
			 (unsigned int)c->uid, c->exe);
		break;
	case TEE_LOGIN_APPLICATION_GROUP:
		snprintf(name, sizeof(name), "gid=%x:app=%s", group, c->exe);
		break;
	default:
		tc_err("pid %d: login method 0x%x unknown", (int)c->pid,
		       method);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return login_uuid_v5(name, uuid);
}
