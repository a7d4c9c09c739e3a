/*
 * Logging from a TA: EMSG (errors), IMSG (information), DMSG (debug) and
 * FMSG (flow), their _RAW forms, MSG (always) and INMSG/OUTMSG/OUTRMSG,
 * as OP-TEE TAs use them, format with snprintf and hand one line to the
 * host through the log syscall. TRACE_LEVEL (default TRACE_INFO) compiles out the levels
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
 * Level 0 (MSG) prints as "M".
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

/* Always printed, whatever the level. */
#define MSG(...)	trace_printf(0, __func__, __LINE__, __VA_ARGS__)

/* The text alone: no level letter, no function and line. */
void trace_printf_raw(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define TRACE_RAW_AT(level, ...)					\
	do {								\
		if ((level) <= TRACE_LEVEL)				\
			trace_printf_raw((level), __VA_ARGS__);		\
	} while (0)

#define EMSG_RAW(...)	TRACE_RAW_AT(TRACE_ERROR, __VA_ARGS__)
#define IMSG_RAW(...)	TRACE_RAW_AT(TRACE_INFO, __VA_ARGS__)
#define DMSG_RAW(...)	TRACE_RAW_AT(TRACE_DEBUG, __VA_ARGS__)
#define FMSG_RAW(...)	TRACE_RAW_AT(TRACE_FLOW, __VA_ARGS__)

/* Function entry and exit, at the flow level. */
#define INMSG(...)	FMSG("> " __VA_ARGS__)
#define OUTMSG(...)	FMSG("< " __VA_ARGS__)
#define OUTRMSG(r)							\
	do {								\
		OUTMSG("r=[%x]", (unsigned int)(r));			\
		return (r);						\
	} while (0)

/* The level this TA was compiled with. */
#define trace_get_level()	TRACE_LEVEL

#endif
