#!/bin/sh
# Runs each fuzz target for a while: fuzz/run.sh FUZZ_OUT OUT SECONDS TARGET...
# A target starts from the seeds in fuzz/corpus/<target>/ (and the TAs of
# the build for the ELF targets) and keeps what it learns in
# FUZZ_OUT/corpus/<target>/; a crash is written to FUZZ_OUT/crashes/<target>/.
# FUZZ_JOBS targets run at once (default 1), at the lowest priority.
set -u
fout=$1 out=$2 secs=$3
shift 3
jobs=${FUZZ_JOBS:-1}

run_one() {
	t=$1
	mkdir -p "$fout/corpus/$t" "$fout/crashes/$t" "$fout/logs"
	seeds="fuzz/corpus/$t"
	case $t in
	fuzz_elf_load|fuzz_ta_image)
		mkdir -p "$fout/seeds/$t"
		for f in "$out"/ta/*.elf; do
			[ -f "$f" ] || continue
			# The image target reads a mode byte and a flip offset
			# first: mode 1 signs the ELF that follows.
			if [ "$t" = fuzz_ta_image ]; then
				{ printf '\001\000\000\000\000'; cat "$f"; } \
					> "$fout/seeds/$t/$(basename "$f")"
			else
				cp "$f" "$fout/seeds/$t/"
			fi
		done
		seeds="$seeds $fout/seeds/$t" ;;
	fuzz_gpgen)
		mkdir -p "$fout/seeds/$t"
		for f in gen/tests/xml/*.xml gp-suite/*.xml; do
			# Area byte: 0 = client, 3 = chosen from the file.
			{ printf '\003'; cat "$f"; } \
				> "$fout/seeds/$t/$(basename "$f")"
		done
		seeds="$seeds $fout/seeds/$t" ;;
	esac
	# shellcheck disable=SC2086
	nice -n 19 "$fout/bin/$t" -max_total_time="$secs" -timeout=25 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$fout/crashes/$t/" \
		"$fout/corpus/$t" $seeds > "$fout/logs/$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		"$fout/logs/$t.log")
	if [ $rc -eq 0 ]; then
		echo "fuzz: $t: ${execs:-?} executions in ${secs} s, no crash"
	else
		echo "fuzz: $t: FAILED (status $rc) after ${execs:-?}" \
			"executions: $fout/logs/$t.log, $fout/crashes/$t/"
	fi
	return $rc
}

mkdir -p "$fout/logs"
status=0
running=0
for t in "$@"; do
	if [ "$jobs" -le 1 ]; then
		run_one "$t" || status=1
		continue
	fi
	run_one "$t" > "$fout/logs/$t.result" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
if [ "$jobs" -gt 1 ]; then
	for t in "$@"; do
		cat "$fout/logs/$t.result"
		grep -q FAILED "$fout/logs/$t.result" && status=1
	done
fi
exit $status
