#!/bin/sh
# The sanitizer gate: the build and the suite under AddressSanitizer and
# UndefinedBehaviorSanitizer (`make asan`, which builds into its own output
# directory and runs the project's tests there).
. "$(dirname "$0")/lib.sh"
ci_step asan make -j2 asan
