#!/bin/sh
# `make test`'s run of xtest --stress: a selection of the suite while
# pager-stress and shm-churn load the same core. xtest fails it when a case
# fails, a driver finds an error or the core is not back at its baseline.
out=${TEECHECK_OUT:-out}
exec "$out/bin/xtest" --stress --stress-round 3 @SELECTION@
