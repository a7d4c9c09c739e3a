#!/usr/bin/python3
"""Checks the CI job definitions in ci/ that cannot run here: each parses as
YAML (Debian's python3-yaml) and holds what its CI system needs; the LAVA
parse pattern reads xtest's summary lines; the shell scripts parse."""

import os
import re
import subprocess
import sys

import yaml

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("  FAILED: " + what)


def load(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    check(isinstance(doc, dict), "%s is a YAML mapping" % path)
    return doc if isinstance(doc, dict) else {}


def test_lava_job():
    job = load("ci/lava/teecheck-qemu-arm64.yaml")
    for key in ("device_type", "job_name", "timeouts", "actions",
                "visibility", "priority"):
        check(key in job, "LAVA job has %s" % key)
    check(job.get("device_type") == "qemu", "LAVA job runs on a qemu device")
    check(job.get("context", {}).get("arch") == "arm64",
          "LAVA job boots arm64")
    actions = [list(a.keys())[0] for a in job.get("actions", [])]
    check(actions == ["deploy", "boot", "test"],
          "LAVA actions are deploy, boot, test: %s" % actions)
    acts = {list(a.keys())[0]: list(a.values())[0]
            for a in job.get("actions", [])}
    images = acts.get("deploy", {}).get("images", {})
    check({"kernel", "ramdisk"} <= set(images), "LAVA deploys kernel and "
          "ramdisk")
    defs = acts.get("test", {}).get("definitions", [])
    check(len(defs) == 1 and defs[0].get("path") == "ci/lava/xtest.yaml",
          "LAVA job runs ci/lava/xtest.yaml")
    check(os.path.exists(defs[0]["path"]) if defs else False,
          "the test definition it names exists")


def test_lava_definition():
    d = load("ci/lava/xtest.yaml")
    meta = d.get("metadata", {})
    check(meta.get("format") == "Lava-Test Test Definition 1.0",
          "LAVA test definition format")
    check(meta.get("name"), "LAVA test definition has a name")
    steps = d.get("run", {}).get("steps", [])
    check(any("--junit" in s for s in steps), "xtest writes JUnit")
    check(any("lava-test-case xtest-run" in s for s in steps),
          "the run as a whole is a test case")
    parse = d.get("parse", {})
    pattern = re.compile(parse.get("pattern", "$^"))
    fix = parse.get("fixupdict", {})
    # Lines of a real summary: the per-case lines match, the rest do not.
    summary = {
        "1001 OK": ("1001", "pass"),
        "5007 FAILED": ("5007", "fail"),
        "1004 SKIPPED": ("1004", "skip"),
        "gp.ca-cn-01 OK": ("gp.ca-cn-01", "pass"),
        "gp.tc-ar-09 FAILED": ("gp.tc-ar-09", "fail"),
        "Result of testsuite regression:": None,
        "58 test cases of which 0 failed": None,
        "xtest: 265 passed, 0 failed, 0 skipped": None,
        "  1001 OK (0.062 s)": None,
        "[       OK ] 1001.1 a session opens": None,
    }
    for line, want in summary.items():
        m = pattern.match(line)
        got = (m.group("test_case_id"), fix.get(m.group("result"))) \
            if m else None
        check(got == want, "LAVA pattern on %r: got %r, want %r" %
              (line, got, want))


def test_github():
    wf = load("ci/github/teecheck.yml")
    # YAML 1.1 reads the key "on" as true.
    check("on" in wf or True in wf, "workflow has triggers")
    jobs = wf.get("jobs", {})
    check("gate" in jobs, "workflow has the gate job")
    for name, job in jobs.items():
        check("runs-on" in job, "%s has runs-on" % name)
        check(job.get("timeout-minutes", 999) <= 90,
              "%s fits 90 minutes" % name)
        steps = job.get("steps", [])
        check(all("run" in s or "uses" in s for s in steps),
              "%s: every step runs or uses something" % name)
    steps = jobs.get("gate", {}).get("steps", [])
    check(any(s.get("run") == "sh .ci/run" for s in steps),
          "the gate job runs .ci/run")
    for s in steps:
        if s.get("run") == "sh .ci/run":
            check_gates(s.get("env", {}).get("CI_GATES"), "GitHub gate")
    uploads = [s for s in steps if
               str(s.get("uses", "")).startswith("actions/upload-artifact")]
    check(uploads and "out/ci/*.xml" in uploads[0].get("with", {})
          .get("path", ""), "the gate job publishes the JUnit file")


def check_gates(gates, where):
    """A CI_GATES value names gates .ci/run knows, each a script in ci/."""
    check(gates is not None, "%s sets CI_GATES" % where)
    run = open(".ci/run").read()
    for g in (gates or "").split():
        check(os.path.exists("ci/%s.sh" % g) and g in run,
              "%s: gate %s is one .ci/run runs" % (where, g))


def test_gitlab():
    ci = load("ci/gitlab/teecheck.gitlab-ci.yml")
    job = ci.get("teecheck-gate", {})
    check(job.get("script") == ["sh .ci/run"], "GitLab job runs .ci/run")
    check_gates(job.get("variables", {}).get("CI_GATES"), "GitLab gate")
    reports = job.get("artifacts", {}).get("reports", {})
    check(reports.get("junit") == "out/ci/xtest-*.xml",
          "GitLab publishes the JUnit file")
    check(job.get("stage") in ci.get("stages", []),
          "GitLab job's stage is declared")
    check(job.get("artifacts", {}).get("when") == "always",
          "GitLab keeps the report of a failed run")


def test_scripts():
    for path in [".ci/run"] + sorted("ci/" + f for f in os.listdir("ci")
                                     if f.endswith(".sh")):
        r = subprocess.run(["sh", "-n", path], capture_output=True,
                           text=True)
        check(r.returncode == 0, "%s parses: %s" % (path, r.stderr))


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    # Installed as out/tests/test_ci_jobs: the tree is the current directory.
    if not os.path.exists(os.path.join(top, "ci", "lava")):
        top = "."
    os.chdir(top)
    for t in (test_lava_job, test_lava_definition, test_github, test_gitlab,
              test_scripts):
        print("[ RUN      ] " + t.__name__)
        before = len(failures)
        t()
        print("[ %s ] %s" % ("      OK" if len(failures) == before else
                             " FAILED ", t.__name__))
    print("CI job definitions: %d check%s failed" %
          (len(failures), "" if len(failures) == 1 else "s"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
