#!/bin/sh
# The partition check can fail: on the real tee-core it passes; with a
# fault-path section that landed in a paged section, with string literals
# paged, or with a symbol defined twice, it must fail and say which.
#
#   test_check.sh OUT PROGRAM
set -u
out=$1 prog=$2
dir=$out/part/$prog
sh=mk/partition/partition.sh
tmp=${TMPDIR:-/tmp}/test-partition.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail=0

inputs=$(cat "$dir/inputs" 2>/dev/null)
[ -n "$inputs" ] || { echo "no $dir/inputs: build $out/bin/$prog first"; exit 1; }

expect() {	# expect pass|fail WHAT TEXT-IN-ERRORS command...
	want=$1 what=$2 text=$3
	shift 3
	if "$@" > "$tmp/out" 2>&1; then got=pass; else got=fail; fi
	if [ "$got" != "$want" ] ||
	   { [ -n "$text" ] && ! grep -q "$text" "$tmp/out"; }; then
		echo "FAILED: $what: expected $want${text:+ saying '$text'}:"
		sed 's/^/  | /' "$tmp/out"
		fail=1
	else
		echo "ok: $what"
	fi
}

nm=${NM:-nm}
# shellcheck disable=SC2086
expect pass "the real link passes" "" \
	sh $sh check "$nm" "$dir/keep" "$dir/final.map" "$dir/$prog" $inputs

# The first paged text section, claimed to be on the fault path.
awk '
/^Linker script and memory map/ { on = 1; next }
on && /^\.paged_text/ { in_paged = 1; next }
on && /^\.[^ ]/ { in_paged = 0 }
in_paged && /^ \.text\./ {
	name = $1
	if (NF >= 4) { print "text", $4, name; exit }
	getline nxt; split(nxt, f, " "); print "text", f[3], name; exit
}' "$dir/final.map" > "$tmp/extra"
[ -s "$tmp/extra" ] || { echo "no paged section found in $dir/final.map"; exit 1; }
cat "$dir/keep" "$tmp/extra" > "$tmp/keep"
# shellcheck disable=SC2086
expect fail "a fault-path section placed in a paged section" \
	"fault path but was placed in .paged_text" \
	sh $sh check "$nm" "$tmp/keep" "$dir/final.map" "$dir/$prog" $inputs

# The unpaged read-only data (strings included) relabelled as paged.
sed 's/^\.pager_unpaged_rodata/.paged_rodata/' "$dir/final.map" > "$tmp/map"
# shellcheck disable=SC2086
expect fail "string literals in a paged section" "string literals" \
	sh $sh check "$nm" "$dir/keep" "$tmp/map" "$dir/$prog" $inputs

# An nm that sees one of the pager's functions twice in the program.
cat > "$tmp/nm" <<NM
#!/bin/sh
$nm "\$@"
[ "\$2" = "$dir/$prog" ] && $nm "\$@" | awk '\$3 == "pager_fill" { print; exit }'
exit 0
NM
chmod +x "$tmp/nm"
# shellcheck disable=SC2086
expect fail "a symbol defined twice" "pager_fill" \
	sh $sh check "$tmp/nm" "$dir/keep" "$dir/final.map" "$dir/$prog" $inputs

[ "$fail" = 0 ] && echo "partition check: all cases as expected"
exit "$fail"
