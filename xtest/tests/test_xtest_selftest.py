#!/usr/bin/python3
"""The runner's self-tests: runs xtest-selftest (xtest's runner with made-up
cases that pass, fail, crash, hang, fork and fail, leave a TA stuck, skip)
and checks what it reports, exactly: summary, exit status, JUnit (against
junit.xsd, with xmllint), TAP, shards, repeats, the deadline, kept logs, and
that no process of the run is left afterwards."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

OUT = os.environ.get("TEECHECK_OUT", "out")
XTEST = os.path.join(OUT, "tests", "xtest-selftest")
XSD = os.path.join(OUT, "tests", "junit.xsd")
ALL = ["9001", "9002", "9003", "9004", "9005", "9006", "9007", "9008",
       "9009", "9010"]
HANG_TIMEOUT_S = 6

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("  FAILED: " + what)


def equal(got, want, what):
    check(got == want, "%s: got %r, want %r" % (what, got, want))


def ended(pid):
    """pid has ended and waits only to be reaped (a zombie), or is gone."""
    try:
        stat = open("/proc/%s/stat" % pid).read()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2:].startswith("Z")


class Run:
    """One run of xtest-selftest in a TMPDIR of its own; a "--junit" among
    the arguments gets the run's own JUnit path after it."""

    def __init__(self, *args, keep_tmp=False):
        self.tmp = tempfile.mkdtemp(prefix="xtest-selftest.")
        self.pids_file = os.path.join(self.tmp, "pids")
        self.junit = os.path.join(self.tmp, "junit.xml")
        self.run_tmp = os.path.join(self.tmp, "run")
        os.mkdir(self.run_tmp)
        args = list(args)
        if "--junit" in args:
            args.insert(args.index("--junit") + 1, self.junit)
        env = dict(os.environ, TMPDIR=self.run_tmp, TEECHECK_OUT=OUT,
                   XTEST_SELFTEST_PIDS=self.pids_file)
        argv = [XTEST] + args
        print("$ " + " ".join(argv[1:]))
        start = time.monotonic()
        p = subprocess.run(argv, env=env, capture_output=True, text=True,
                           timeout=300)
        self.seconds = time.monotonic() - start
        self.code = p.returncode
        self.out = p.stdout
        self.err = p.stderr
        self.lines = p.stdout.splitlines()
        self.keep_tmp = keep_tmp

    def summary(self):
        """The lines from the summary's first rule to the end."""
        for i, line in enumerate(self.lines):
            if line.startswith("+---") and i + 1 < len(self.lines) and \
               self.lines[i + 1].startswith("Result of testsuite"):
                return self.lines[i:]
        return []

    def junit_root(self):
        v = subprocess.run(["xmllint", "--noout", "--schema", XSD,
                            self.junit], capture_output=True, text=True)
        check(v.returncode == 0, "JUnit file validates against junit.xsd: " +
              v.stderr.strip())
        return ET.parse(self.junit).getroot()

    def no_subreaper(self):
        """xtest said orphans cannot come back to it (qemu-user)."""
        return "does not let xtest adopt orphans" in self.err

    def left_behind(self):
        """Processes started by the run that still exist."""
        left = []
        if os.path.exists(self.pids_file):
            pids = open(self.pids_file).read().split()
            for i, pid in enumerate(pids):
                if not os.path.exists("/proc/%s" % pid) or ended(pid):
                    continue
                if self.no_subreaper() and i % 2 == 1:
                    # The child that left the case's group (its own
                    # session) cannot be found without the subreaper.
                    print("  note: no subreaper here; ending %s" % pid)
                    os.kill(int(pid), 9)
                    continue
                left.append("forked by a case: %s" % pid)
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                cmd = open("/proc/%s/cmdline" % pid, "rb").read()
            except OSError:
                continue
            if self.run_tmp.encode() in cmd:
                left.append("%s: %s" % (pid, cmd.replace(b"\0", b" ")))
        return left

    def finish(self):
        check(self.left_behind() == [], "no process of the run is left: %s"
              % self.left_behind())
        if not self.keep_tmp:
            equal(os.listdir(self.run_tmp), [],
                  "the run's temporary directories are removed")
        shutil.rmtree(self.tmp, ignore_errors=True)


def junit_cases(root):
    """{name: (outcome, message)} of every testcase."""
    cases = {}
    for tc in root.iter("testcase"):
        outcome, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            e = tc.find(kind)
            if e is not None:
                outcome, message = kind, e.get("message")
        cases[tc.get("name")] = (outcome, message)
    return cases


def main():
    if not os.access(XTEST, os.X_OK):
        print("test_xtest_selftest: %s is not built" % XTEST)
        return 1
    for t in (test_all, test_jobs_same, test_jobs_alone, test_tap,
              test_shards, test_repeat, test_deadline, test_keep_tmp,
              test_stress):
        print("[ RUN      ] " + t.__name__)
        before = len(failures)
        t()
        print("[ %s ] %s" % ("      OK" if len(failures) == before else
                             " FAILED ", t.__name__))
    print("runner self-tests: %d check%s failed" %
          (len(failures), "" if len(failures) == 1 else "s"))
    return 1 if failures else 0


ONE_BY_ONE = {}


def test_all():
    r = Run("-j", "1", "--junit")
    ONE_BY_ONE["all"] = r
    equal(r.code, 1, "exit status")
    want = [
        "+-----------------------------------------------------",
        "Result of testsuite selftest:",
        "9001 OK", "9002 FAILED", "9003 FAILED", "9004 FAILED",
        "9005 FAILED", "9006 FAILED", "9007 OK", "9008 SKIPPED", "9009 OK",
        "9010 OK",
        "+-----------------------------------------------------",
        "12 subtests of which 5 failed",
        "9 test cases of which 5 failed",
        "1 test cases were skipped",
        "xtest: the secure world was restored 3 times after a case timed "
        "out or crashed",
        "xtest: 4 passed, 5 failed, 1 skipped",
    ]
    equal(r.summary(), want, "summary")
    for line in [
            "  9002 FAILED (failed: 9002.2,",
            "  9003 FAILED (case process ended in 9003.1: killed by signal "
            "11 (Segmentation fault),",
            "  9004 FAILED (timeout after 6 s in 9004.1,",
            "  9005 FAILED (failed: 9005.1,",
            "  9006 FAILED (timeout after 6 s in 9006.1,",
            "  9008 SKIPPED (all sub-cases skipped,",
            "  xtest: after 9003: restarted tee-core and tee-supplicant",
            "  xtest: after 9004: restarted tee-core and tee-supplicant",
            "  xtest: after 9006: restarted tee-core and tee-supplicant"]:
        check(any(l.startswith(line) for l in r.lines),
              "a line starts with %r" % line)
    # Both children, also the one that left the case's process group,
    # come back to xtest and are ended (where the system lets them).
    if not r.no_subreaper():
        check("  xtest: 9005 left 2 processes running; ended" in r.lines,
              "xtest ends both children 9005 left")
    # The TA that never returns costs one timeout, and 9007 (the same
    # single-instance TA) passes: proof the stuck instance was ended.
    check(r.seconds < 2 * HANG_TIMEOUT_S + 60,
          "the run takes one timeout per hang (%.1f s)" % r.seconds)
    root = r.junit_root()
    equal({k: root.get(k) for k in ("tests", "failures", "errors",
                                     "skipped")},
          {"tests": "14", "failures": "5", "errors": "0", "skipped": "2"},
          "JUnit counts")
    cases = junit_cases(root)
    equal(len(cases), 14, "JUnit testcases")
    equal(cases.get("9001.1 passes"), ("passed", ""), "9001.1")
    equal(cases.get("9002.2 fails an assertion"),
          ("failure", "failed in 1 of 1 runs: failed: 9002.2"), "9002.2")
    equal(cases.get("9002.3 passes after a failed sub-case"),
          ("passed", ""), "9002.3")
    equal(cases.get("9003.1 crashes")[0], "failure", "9003.1")
    equal(cases.get("9003.2 never runs"),
          ("skipped", "not run: 9003 ended before it"), "9003.2")
    equal(cases.get("9004.1 hangs"),
          ("failure", "failed in 1 of 1 runs: timeout after 6 s in 9004.1"),
          "9004.1")
    equal(cases.get("9006.1 a TA call that never returns"),
          ("failure", "failed in 1 of 1 runs: timeout after 6 s in 9006.1"),
          "9006.1")
    equal(cases.get("9007.1 the single-instance TA serves a session again"),
          ("passed", ""), "9007.1")
    equal(cases.get("9008.1 skips"),
          ("skipped", "all sub-cases skipped"), "9008.1")
    out = [tc.find("system-out") for tc in root.iter("testcase")
           if tc.get("name") == "9002.2 fails an assertion"]
    check(out and out[0] is not None and
          "selftest_cases.c" in out[0].text, "9002.2 carries its output")
    r.junit_text = junit_normalized(root)
    r.finish()


def junit_normalized(root):
    """The JUnit report without its times."""
    for e in root.iter():
        for k in ("time", "timestamp"):
            e.attrib.pop(k, None)
    return ET.tostring(root, encoding="unicode")


def case_blocks(lines):
    """[(ID, verdict line)] in print order; None where a block holds a
    line of another case (blocks interleaved)."""
    blocks, current = [], None
    for l in lines:
        m = re.match(r"^\* (\S+) ", l)
        if m:
            if current is not None:
                return None
            current = m.group(1)
            continue
        m = re.match(r"^  (\S+) (OK|FAILED|SKIPPED|NOT RUN)\b", l)
        if m and current is not None:
            if m.group(1) != current:
                return None
            blocks.append((current, re.sub(r"[0-9.]+ s\)$", "s)", l)))
            current = None
    return blocks


def test_jobs_same():
    """-j 2 reports what a run one case after the other reports."""
    one = ONE_BY_ONE.get("all")
    r = Run("-j", "2", "--junit")
    if one is None:
        check(False, "test_all ran first")
        r.finish()
        return
    equal(r.code, one.code, "exit status as with -j 1")
    equal(r.summary(), one.summary(), "summary as with -j 1")
    blocks = case_blocks(r.lines)
    check(blocks is not None, "every case prints as one block")
    equal(blocks, case_blocks(one.lines), "blocks and verdicts as with -j 1")
    equal(junit_normalized(r.junit_root()), one.junit_text,
          "JUnit as with -j 1")
    if not r.no_subreaper():
        check("  xtest: 9005 left 2 processes running; ended" in r.lines,
              "the children 9005 left are 9005's")
    # The hanging case costs one timeout; the cases after it pass.
    check(r.seconds < 2 * HANG_TIMEOUT_S + 60,
          "the run takes one timeout per hang (%.1f s)" % r.seconds)
    r.finish()
    for ids in (["9001", "9002", "9004", "9008", "9009"],):
        a = Run("--tap", "-j", "1", *ids)
        b = Run("--tap", "-j", "2", *ids)
        equal(b.code, a.code, "TAP exit status as with -j 1")
        equal(tap_points(b.lines), tap_points(a.lines),
              "TAP points as with -j 1")
        equal([l for l in b.lines if l.startswith("    ")],
              [l for l in a.lines if l.startswith("    ")],
              "TAP subtests as with -j 1")
        a.finish()
        b.finish()


def spans_of(path):
    spans = {}
    if os.path.exists(path):
        for line in open(path):
            cid, start, end = line.split()
            spans[cid] = (int(start), int(end))
    return spans


def test_jobs_alone():
    """Under -j a case that needs the core alone has nothing beside it,
    and two ordinary cases do run at once (each waits to meet the other)."""
    tmp = tempfile.mkdtemp(prefix="xtest-spans.")
    spans_file = os.path.join(tmp, "spans")
    os.environ["XTEST_SELFTEST_SPANS"] = spans_file
    try:
        r = Run("-j", "2", "9011", "9012", "9013", "9014", "9015")
    finally:
        del os.environ["XTEST_SELFTEST_SPANS"]
    equal(r.code, 0, "exit status")
    equal([l for l in r.summary() if re.match(r"^\d+ ", l)],
          ["9011 OK", "9012 OK", "9013 OK", "9014 OK", "9015 OK",
           "5 subtests of which 0 failed", "5 test cases of which 0 failed",
           "0 test cases were skipped"], "summary")
    spans = spans_of(spans_file)
    equal(sorted(spans), ["9011", "9012", "9013", "9014", "9015"],
          "every case recorded its span")
    for alone in ("9011", "9014"):
        if alone not in spans:
            continue
        a0, a1 = spans[alone]
        for other, (b0, b1) in spans.items():
            if other != alone:
                check(b1 < a0 or b0 > a1, "%s ran beside %s: %r %r" %
                      (other, alone, (b0, b1), (a0, a1)))
    r.finish()
    shutil.rmtree(tmp, ignore_errors=True)


def tap_points(lines):
    return [l for l in lines if re.match(r"^(not )?ok \d+ ", l)]


def test_tap():
    r = Run("--tap", "-j", "1", "9001", "9002", "9004", "9008", "9009")
    equal(r.code, 1, "exit status")
    equal(r.lines[:2], ["TAP version 14", "1..5"], "TAP header")
    equal(tap_points(r.lines), [
        "ok 1 - 9001 A case that passes",
        "not ok 2 - 9002 A case that fails",
        "not ok 3 - 9004 A case that hangs",
        "ok 4 - 9008 A case that skips # SKIP all sub-cases skipped",
        "ok 5 - 9009 A case that passes after all that"], "TAP points")
    check("    not ok 2 - 9002.2 fails an assertion" in r.lines,
          "TAP subtest of 9002.2")
    check("# 9004: timeout after 6 s in 9004.1" in r.lines,
          "TAP says why 9004 failed")
    # Everything else is a comment, so TAP readers skip it.
    for l in r.lines:
        if not (l.startswith("#") or l.startswith("    ") or
                re.match(r"^(not )?ok \d+ ", l) or l in r.lines[:2]):
            check(False, "TAP line is a test point or comment: %r" % l)
            break
    r.finish()


def test_shards():
    r = Run("--list")
    everything = [l.split()[0] for l in r.lines]
    equal(everything, ALL, "--list")
    r.finish()
    seen = []
    for k in (1, 2, 3):
        r = Run("--list", "--shard", "%d/3" % k)
        ids = [l.split()[0] for l in r.lines]
        equal(ids, ALL[k - 1::3], "shard %d/3" % k)
        seen += ids
        r.finish()
    equal(sorted(seen), ALL, "the shards partition the suite")
    # Cases named by ID are dealt the same way.
    r = Run("--shard", "1/2", "9001", "9002", "9008", "9009")
    equal(r.code, 0, "exit status of shard 1/2")
    equal([l for l in r.summary() if re.match(r"^\d+ ", l)],
          ["9001 OK", "9008 SKIPPED", "2 subtests of which 0 failed",
           "1 test cases of which 0 failed", "1 test cases were skipped"],
          "shard 1/2 runs its cases only")
    r.finish()


def test_repeat():
    r = Run("--repeat", "3", "--junit", "9001", "9002")
    equal(r.code, 1, "exit status")
    equal(sum(1 for l in r.lines if l.startswith("* ")), 6, "six runs")
    check("* 9002 A case that fails (run 3 of 3)" in r.lines, "run 3 of 3")
    equal([l for l in r.summary() if re.match(r"^\d+ ", l)],
          ["9001 OK", "9002 FAILED", "15 subtests of which 3 failed",
           "2 test cases of which 1 failed", "0 test cases were skipped"],
          "summary")
    cases = junit_cases(r.junit_root())
    equal(cases.get("9002.2 fails an assertion"),
          ("failure", "failed in 3 of 3 runs: failed: 9002.2"), "9002.2")
    r.finish()
    r = Run("--repeat", "2", "--tap", "9001", "9009")
    equal(r.code, 0, "exit status, all passed")
    equal(r.lines[1], "1..4", "TAP plan of 2 cases x 2")
    equal(len(tap_points(r.lines)), 4, "TAP points")
    r.finish()


def test_deadline():
    r = Run("-j", "1", "--deadline", "4", "--junit", "9001", "9004", "9009")
    equal(r.code, 1, "exit status")
    equal([l for l in r.summary() if not l.startswith("+")], [
        "Result of testsuite selftest filtered by \"9001 9004 9009\":",
        "9001 OK", "9004 NOT RUN", "9009 NOT RUN",
        "2 subtests of which 0 failed",
        "1 test cases of which 0 failed",
        "0 test cases were skipped",
        "2 test cases were not run",
        "xtest: the deadline of 4 s was reached; 2 test cases not run",
        "xtest: 1 passed, 0 failed, 0 skipped, 2 not run"], "summary")
    check(not any("timeout after" in l for l in r.lines),
          "the deadline, not the case's timeout, ended 9004")
    cases = junit_cases(r.junit_root())
    equal(cases.get("9004.1 hangs"),
          ("skipped", "not run: the deadline of 4 s was reached"), "9004.1")
    equal(cases.get("9009.1 passes"),
          ("skipped", "not run: the deadline of 4 s was reached"), "9009.1")
    r.finish()
    r = Run("-j", "1", "--deadline", "4", "--tap", "9001", "9004", "9009")
    equal(tap_points(r.lines), [
        "ok 1 - 9001 A case that passes",
        "ok 2 - 9004 A case that hangs # SKIP not run: deadline",
        "ok 3 - 9009 A case that passes after all that # SKIP not run: "
        "deadline"], "TAP points")
    r.finish()
    # Under -j 2, 9009 runs beside the hanging 9004 and is done in time.
    r = Run("-j", "2", "--deadline", "4", "--tap", "9001", "9004", "9009")
    equal(r.code, 1, "exit status, -j 2")
    equal(tap_points(r.lines), [
        "ok 1 - 9001 A case that passes",
        "ok 2 - 9004 A case that hangs # SKIP not run: deadline",
        "ok 3 - 9009 A case that passes after all that"], "TAP points, -j 2")
    check("# xtest: the deadline of 4 s was reached; 1 case run not done"
          in r.lines, "one case run not done, -j 2")
    r.finish()


def test_keep_tmp():
    r = Run("--keep-tmp", "9001", "9002", keep_tmp=True)
    equal(r.code, 1, "exit status")
    m = re.search(r"logs kept: the output of each failed case in (\S+)/ID.log",
                  r.err)
    check(m is not None, "stderr says where the logs are: %r" % r.err)
    if m:
        log = os.path.join(m.group(1), "9002.log")
        check(os.path.exists(log) and
              "9002.2 fails an assertion" in open(log).read(),
              "9002's output is kept in " + log)
        check(not os.path.exists(os.path.join(m.group(1), "9001.log")),
              "a case that passed leaves no log")
        check(os.path.exists(os.path.join(m.group(1), "..", "tee-core.log")),
              "the core's log is kept")
    r.finish()
    r = Run("9002")
    check("--keep-tmp keeps them" in r.err, "stderr says how to keep logs")
    r.finish()


def test_stress():
    r = Run("--stress", "--stress-round", "3", "9010", "9001", "9009")
    equal(r.code, 0, "exit status")
    cases = [l[2:6] for l in r.lines if l.startswith("* ")]
    stop = [i for i, l in enumerate(r.lines)
            if l.startswith("xtest: --stress: stopping the load")]
    # The case that needs an idle core runs last, after the load stopped.
    equal(cases, ["9001", "9009", "9010"], "order of the cases")
    check(len(stop) == 1 and r.lines.index("* 9010 A case that needs an "
                                           "idle core") > stop[0],
          "9010 runs after the load stopped")
    for prefix in ("xtest: --stress: pager-stress: ",
                   "xtest: --stress: shm-churn: ",
                   "xtest: --stress: the core is back at its baseline"):
        check(any(l.startswith(prefix) for l in r.lines),
              "a line starts with %r" % prefix)
    m = [re.match(r"xtest: --stress: pager-stress: (\d+) rounds \(0 failed"
                  r"\), (\d+) accesses .* (\d+) mismatches", l)
         for l in r.lines]
    m = [x for x in m if x]
    check(m and int(m[0].group(1)) >= 1 and int(m[0].group(2)) > 0 and
          m[0].group(3) == "0", "pager-stress ran and verified its pages")
    m = [re.match(r"xtest: --stress: shm-churn: (\d+) rounds \(0 failed, "
                  r"\d+ idle\), "
                  r"(\d+) clients \((\d+) killed\), (\d+) memref round "
                  r"trips, ([0-9.]+) MiB verified, 0 failures", l)
         for l in r.lines]
    m = [x for x in m if x]
    check(m and int(m[0].group(4)) > 0 and float(m[0].group(5)) > 0,
          "shm-churn ran and verified its bytes")
    equal(r.lines[-1], "xtest: 3 passed, 0 failed, 0 skipped", "last line")
    r.finish()


if __name__ == "__main__":
    sys.exit(main())
