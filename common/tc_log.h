/* Logging for the project's daemons: one line per event on stderr, with the
 * program name and the level. */
#ifndef TC_LOG_H
#define TC_LOG_H

void tc_log_init(const char *prog);
void tc_log(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define tc_err(...)	tc_log("error", __VA_ARGS__)
#define tc_warn(...)	tc_log("warn", __VA_ARGS__)
#define tc_info(...)	tc_log("info", __VA_ARGS__)

#endif
