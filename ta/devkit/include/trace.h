/*
 * Logging from a TA: EMSG (errors), IMSG (information), DMSG (debug) and
 * FMSG (flow) format with snprintf and hand one line to the host through
 * the log syscall. TRACE_LEVEL (default TRACE_INFO) compiles out the levels
 * above it; CFG_TEE_TA_LOG_LEVEL, as an OP-TEE TA sets it, is honoured.
 */
#ifndef TEECHECK_DEVKIT_TRACE_H
#define TEECHECK_DEVKIT_TRACE_H

#define TRACE_ERROR	1
#define TRACE_INFO	2
#define TRACE_DEBUG	3
#define TRACE_FLOW	4

#ifndef TRACE_LEVEL
#ifdef CFG_TEE_TA_LOG_LEVEL
#define TRACE_LEVEL	CFG_TEE_TA_LOG_LEVEL
#else
#define TRACE_LEVEL	TRACE_INFO
#endif
#endif

/* The longest line the host gets; longer messages are cut. */
#define TRACE_MAX_LEN	256

/*
 * One message: "<L>/TA: " then, for levels other than TRACE_INFO,
 * "func:line: ", then the formatted text without a trailing newline.
 */
void trace_printf(int level, const char *func, int line, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));

#define TRACE_AT(level, ...)						\
	do {								\
		if ((level) <= TRACE_LEVEL)				\
			trace_printf((level), __func__, __LINE__,	\
				     __VA_ARGS__);			\
	} while (0)

#define EMSG(...)	TRACE_AT(TRACE_ERROR, __VA_ARGS__)
#define IMSG(...)	TRACE_AT(TRACE_INFO, __VA_ARGS__)
#define DMSG(...)	TRACE_AT(TRACE_DEBUG, __VA_ARGS__)
#define FMSG(...)	TRACE_AT(TRACE_FLOW, __VA_ARGS__)

#endif
