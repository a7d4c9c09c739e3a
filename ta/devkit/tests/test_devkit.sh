#!/bin/sh
# The dev kit and libteec as a user gets them: `make install` into a
# temporary DESTDIR, an OP-TEE-style TA folder copied out of the tree and
# built with the installed kit, a client built from the installed headers
# and libteec.so.1 through pkg-config, both run against a tee-core and a
# tee-supplicant started here by hand; then flag changes must rebuild what
# they change, and only that.
# Run from the top of the tree (mk/run-tests.sh does).
set -u

tmp=$(mktemp -d "${TMPDIR:-/tmp}/teecheck-devkit.XXXXXX") || exit 1
core_pid=
supp_pid=
fails=0

cleanup() {
	[ -n "$supp_pid" ] && kill "$supp_pid" 2>/dev/null
	[ -n "$core_pid" ] && kill "$core_pid" 2>/dev/null
	[ -n "$supp_pid" ] && wait "$supp_pid" 2>/dev/null
	[ -n "$core_pid" ] && wait "$core_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

die() {
	echo "FAIL: $*"
	for f in "$tmp"/core.log "$tmp"/supp.log; do
		[ -s "$f" ] && { echo "--- $f"; tail -20 "$f"; }
	done
	exit 1
}

ok() {
	echo "ok: $*"
}

# A make of our own, outside the jobserver of the make that runs the tests.
tmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"
}

root=$tmp/root
prefix=/usr
kit_name=$(ls -d "${TEECHECK_OUT:-out}"/export-ta_* 2>/dev/null | head -1)
[ -n "$kit_name" ] || die "no exported dev kit in ${TEECHECK_OUT:-out}"
kit=$root$prefix/share/teecheck/$(basename "$kit_name")

tmake -s install OUT="${TEECHECK_OUT:-out}" DESTDIR="$root" PREFIX="$prefix" \
	>"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; die "make install"; }
for f in bin/tee-core bin/ta-host bin/tee-supplicant include/tee_client_api.h \
	 lib/libteec.so.1.0.0 lib/pkgconfig/teec.pc; do
	[ -e "$root$prefix/$f" ] || fail "make install did not install $f"
done
[ "$(readlink "$root$prefix/lib/libteec.so.1")" = libteec.so.1.0.0 ] ||
	fail "libteec.so.1 does not link to libteec.so.1.0.0"
[ "$(readlink "$root$prefix/lib/libteec.so")" = libteec.so.1 ] ||
	fail "libteec.so does not link to libteec.so.1"
[ -f "$kit/mk/ta_dev_kit.mk" ] || die "no dev kit at $kit"
# Clients are built with the compiler the tree was built with.
cc=$(sed -n 's/^TA_DEV_KIT_CC := //p' "$kit/mk/conf.mk")
ok "make install DESTDIR=... PREFIX=$prefix"

# ---- The TA, from a copy outside the tree, with the installed kit.
ta=$tmp/optee_ta
cp -R ta/devkit/tests/optee_ta "$ta"
uuid=$(sed -n 's/^BINARY = //p' "$ta/Makefile")
tmake -C "$ta" TA_DEV_KIT_DIR="$kit" >"$tmp/ta.log" 2>&1 ||
	{ cat "$tmp/ta.log"; die "the TA does not build with the installed kit"; }
[ -f "$ta/$uuid.ta" ] || die "no $uuid.ta after the TA's build"
ok "out-of-tree TA built: $uuid.ta"

# ---- The client, from the installed files only.
export PKG_CONFIG_PATH="$root$prefix/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$root"
flags=$(pkg-config --cflags --libs teec) || die "pkg-config teec"
# EXTRA_LDFLAGS: a sanitizer build's libteec needs its runtime in the client.
${cc:-cc} -Wall -Wextra -Werror -o "$tmp/optee_client" \
	ta/devkit/tests/optee_client/optee_client.c $flags ${EXTRA_LDFLAGS:-} ||
	die "the client does not build with pkg-config's flags ($flags)"
readelf -d "$tmp/optee_client" | grep -q 'NEEDED.*\[libteec\.so\.1\]' ||
	fail "the client does not load libteec.so.1"
ok "client built: cc optee_client.c $flags"

# ---- A core and a supplicant started by hand, as the docs say.
mkdir -p "$tmp/tas"
cp "$ta/$uuid.ta" "$tmp/tas/"
mkfifo "$tmp/core.ready" "$tmp/supp.ready"
"$root$prefix/bin/tee-core" --socket "$tmp/core.sock" --log "$tmp/core.log" \
	--supplicant-uid "$(id -u)" --ready-fd 3 3>"$tmp/core.ready" &
core_pid=$!
timeout 30 head -c1 "$tmp/core.ready" >/dev/null || die "tee-core did not start"
"$root$prefix/bin/tee-supplicant" --socket "$tmp/core.sock" \
	--ta-dir "$tmp/tas" --ready-fd 3 3>"$tmp/supp.ready" \
	>"$tmp/supp.log" 2>&1 &
supp_pid=$!
timeout 30 head -c1 "$tmp/supp.ready" >/dev/null ||
	die "tee-supplicant did not start"
ok "tee-core (pid $core_pid) and tee-supplicant (pid $supp_pid) started"

# run_client EXPECTED-LINE...: runs the client, checks each line is printed.
run_client() {
	out=$(TEECHECK_CORE="unix:$tmp/core.sock" \
	      LD_LIBRARY_PATH="$root$prefix/lib" "$tmp/optee_client" 2>&1) ||
		{ echo "$out"; fail "the client failed"; return; }
	for want in "$@"; do
		echo "$out" | grep -qx "$want" ||
			{ echo "$out"; fail "the client did not print $want"; }
	done
	ok "client: $*"
}

run_client magic=0x11 api=11 sorted=3,7,19,42,100 format=0x100000002:4294967298 \
	is_me=1

# Its trace macros, at CFG_TEE_TA_LOG_LEVEL 3, reach the core's log.
grep -q 'I/TA: session opened' "$tmp/core.log" &&
	grep -q 'D/TA: TA_CreateEntryPoint:[0-9]*: has been called' \
		"$tmp/core.log" &&
	ok "the TA's IMSG and DMSG lines are in the core's log" ||
	fail "the TA's trace lines are not in the core's log"

# The build tree works the same way: out/lib has libteec.so and its soname
# link, so a client linked there starts with LD_LIBRARY_PATH=out/lib.
out_dir=${TEECHECK_OUT:-out}
${cc:-cc} -Wall -Wextra -Werror -Iinclude -o "$tmp/optee_client_tree" \
	ta/devkit/tests/optee_client/optee_client.c -L"$out_dir/lib" -lteec \
	${EXTRA_LDFLAGS:-} ||
	die "the client does not build against $out_dir/lib"
tree_out=$(TEECHECK_CORE="unix:$tmp/core.sock" \
	   LD_LIBRARY_PATH="$out_dir/lib" "$tmp/optee_client_tree" 2>&1) &&
	echo "$tree_out" | grep -qx is_me=1 &&
	ok "client linked in $out_dir/lib runs with LD_LIBRARY_PATH=$out_dir/lib" ||
	{ echo "$tree_out"; fail "client linked in $out_dir/lib"; }

# ---- Rebuilds: nothing changed, nothing rebuilt.
touch "$tmp/mark"
sleep 1
tmake -C "$ta" TA_DEV_KIT_DIR="$kit" >"$tmp/ta.log" 2>&1 || die "rebuild"
rebuilt=$(find "$ta" -newer "$tmp/mark" -type f | sed "s|$ta/||" | sort)
[ -z "$rebuilt" ] && ok "unchanged TA: nothing rebuilt" ||
	fail "unchanged TA, yet rebuilt: $rebuilt"

# rebuild WHAT MAKE-ARGS... : rebuilds the TA with new settings and reports
# which objects were made again.
rebuild() {
	what=$1
	shift
	touch "$tmp/mark"
	sleep 1
	tmake -C "$ta" TA_DEV_KIT_DIR="$kit" "$@" >"$tmp/ta.log" 2>&1 ||
		{ cat "$tmp/ta.log"; die "rebuild with $what"; }
	rebuilt=$(find "$ta" -newer "$tmp/mark" -name '*.o' | sed "s|$ta/||" |
		  sort | tr '\n' ' ')
	[ "$ta/$uuid.ta" -nt "$tmp/mark" ] || fail "$what: $uuid.ta not re-signed"
	cp "$ta/$uuid.ta" "$tmp/tas/"
}

# A cflags-y change: the objects of that sub.mk's folder and the kit's
# per-TA objects, not those of sort/.
rebuild "a cflags-y change" OPTEE_TA_MAGIC=0x22
[ "$rebuilt" = ".ta-kit/user_ta_header.o .ta-kit/utee_entry.o optee_ta.o " ] &&
	ok "cflags-y change rebuilt: $rebuilt" ||
	fail "cflags-y change rebuilt: $rebuilt"
run_client magic=0x22 api=11

# The API version: everything, the entry glue included, and the TA now
# sees the v1.3 types.
rebuild "CFG_TA_OPTEE_CORE_API_COMPAT_1_1=n" OPTEE_TA_MAGIC=0x22 \
	CFG_TA_OPTEE_CORE_API_COMPAT_1_1=n
[ "$rebuilt" = ".ta-kit/user_ta_header.o .ta-kit/utee_entry.o optee_ta.o sort/sort.o " ] &&
	ok "v1.1 -> v1.3 rebuilt: $rebuilt" ||
	fail "v1.1 -> v1.3 rebuilt: $rebuilt"
run_client magic=0x22 api=13 sorted=3,7,19,42,100

# A per-file flag in a subdirectory's sub.mk: that object only.
sed -i 's/-DSORT_DESCENDING=0/-DSORT_DESCENDING=1/' "$ta/sort/sub.mk"
rebuild "a cflags-<file>-y change" OPTEE_TA_MAGIC=0x22 \
	CFG_TA_OPTEE_CORE_API_COMPAT_1_1=n
[ "$rebuilt" = "sort/sort.o " ] &&
	ok "cflags-sort.c-y change rebuilt: $rebuilt" ||
	fail "cflags-sort.c-y change rebuilt: $rebuilt"
run_client sorted=100,42,19,7,3

kill "$supp_pid" "$core_pid"
wait "$supp_pid" "$core_pid" 2>/dev/null
supp_pid=
core_pid=
ok "tee-core and tee-supplicant stopped"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "dev kit and installed libteec: all checks passed"
