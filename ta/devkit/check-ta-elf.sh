#!/bin/sh
# Fails the TA build unless the linked ELF is self-contained: no undefined
# symbol (weak ones included), no DT_NEEDED, no interpreter.
# Usage: check-ta-elf.sh NM READELF FILE
nm=$1 readelf=$2 elf=$3
status=0

undef=$("$nm" -u "$elf") || exit 1
if [ -n "$undef" ]; then
	echo "$elf: undefined symbols:" >&2
	echo "$undef" >&2
	status=1
fi
dyn=$("$readelf" -d -l -W "$elf") || exit 1
if echo "$dyn" | grep -q '(NEEDED)'; then
	echo "$elf: depends on shared libraries:" >&2
	echo "$dyn" | grep '(NEEDED)' >&2
	status=1
fi
if echo "$dyn" | grep -q ' INTERP '; then
	echo "$elf: has a program interpreter (PT_INTERP)" >&2
	status=1
fi
exit $status
