#!/bin/sh
# Runs each benchmark binary given and prints its figures.
out=$1; shift
for b in "$@"; do
	echo "== $b"
	TEECHECK_OUT="$out" "$b" || exit 1
done
