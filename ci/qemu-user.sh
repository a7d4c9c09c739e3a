#!/bin/sh
# The aarch64 user-mode gate: cross-build everything for aarch64 and run the
# whole suite under qemu-aarch64 (`make qemu-user`).
. "$(dirname "$0")/lib.sh"
ci_step qemu-user make -j2 qemu-user
