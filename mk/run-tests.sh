#!/bin/sh
# Runs each unit-test binary given, from the top of the tree, and fails if any
# failed. Prints one closing line with the counts.
out=$1; shift
pass=0; fail=0; failed=""
for t in "$@"; do
	echo "== $t"
	if TEECHECK_OUT="$out" "$t"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $t"
	fi
done
echo "unit test programs: $pass passed, $fail failed"
[ "$fail" = 0 ] || { echo "failed:$failed"; exit 1; }
