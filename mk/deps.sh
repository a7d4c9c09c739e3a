#!/bin/sh
# Checks that the Debian packages teecheck builds with are installed; as root it
# installs what is missing, otherwise it prints the exact apt-get line and fails.
set -eu

pkgs="gcc make pkg-config openssl libssl-dev libcmocka-dev libxml2-dev \
libxslt1-dev xsltproc libxml2-utils python3-yaml"
[ "$#" -gt 0 ] && pkgs="$pkgs $*"

missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || apt-get update
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
	exit 0
fi

echo "deps: missing Debian packages:$missing" >&2
echo "deps: run as root:  apt-get install -y$missing" >&2
exit 1
