# Shared by the ci/ scripts: run from the top of the tree, time each step,
# keep what CI publishes in out/ci.
set -eu
cd "$(dirname "$0")/.."
CI_OUT=${CI_OUT:-out/ci}
mkdir -p "$CI_OUT"

ci_step() {
	name=$1; shift
	echo "ci: == $name: $*"
	start=$(date +%s)
	status=0
	"$@" || status=$?
	end=$(date +%s)
	echo "ci: == $name: exit $status after $((end - start)) s" |
		tee -a "$CI_OUT/times.txt"
	return "$status"
}
