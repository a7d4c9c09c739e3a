#!/bin/sh
# The host gate, after `make test` (which .ci/run runs first): everything
# built with warnings as errors, then the whole suite alongside pager-stress
# and shm-churn with JUnit and TAP for the CI to publish
# (out/ci/xtest-host.xml, out/ci/xtest-host.tap).
. "$(dirname "$0")/lib.sh"
ci_step deps make deps
ci_step build make -j2 WERROR=-Werror all
ci_step suite out/bin/xtest --stress --junit "$CI_OUT/xtest-host.xml"
ci_step tap sh -c "out/bin/xtest --tap > '$CI_OUT/xtest-host.tap'"
