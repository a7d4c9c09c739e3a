#!/bin/sh
# The sanitizer gate: the build and the suite under AddressSanitizer and
# UndefinedBehaviorSanitizer (`make asan`, which builds into its own output
# directory and runs the project's tests there).
. "$(dirname "$0")/lib.sh"
if ! make -n asan >/dev/null 2>&1; then
	echo "ci: this tree has no 'make asan' target; the sanitizer gate" \
	     "cannot run" >&2
	exit 1
fi
ci_step asan make -j2 asan
