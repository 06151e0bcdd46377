#!/usr/bin/python3
"""How fast `snipcheck audit` is on a document (not a test; issue 13, item 7). Measures, side by
side in one run and --repeat times:

  - `snipcheck audit DOC` (first look, second run with probes, reruns: everything it does);
  - `snipcheck import DOC` then `snipcheck run` of the bank it wrote (one run of every example);
  - `/usr/bin/python3 FILE` per example of that bank, 2 at a time (`xargs -P 2`), each with the
    same timeout (the naive way on 2 cores);

and prints the seconds (medians) and the ratios the target is stated in: audit / run (target
<= 1.3) and python3 / audit (target >= 2), the median of each run's own ratio, as the machine's
load moves between runs. DOC defaults to a generated document (bench/big_markdown.py --examples
N, in the forms real material uses, one example running into its timeout), written to a temp
dir outside the project; the bank is written there too.

Usage: /usr/bin/python3 bench/audit_speed.py [--snipcheck build-release/snipcheck] [--examples 400]
       [--document DOC] [--timeout 10] [--repeat 3] [--compare OTHER-SNIPCHECK] [--no-timeout-example]

--compare also times OTHER-SNIPCHECK's audit in each run (another build, e.g. before a change).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, cwd=None):
    """Wall-clock seconds of a command; exit status 0 or 1 (something failing) is expected."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit("audit_speed: %s failed (%d): %s" % (command[:3], done.returncode, done.stderr.decode()[-500:]))
    return elapsed


def python_parallel(bank, scratch, timeout):
    snippets = os.path.join(bank, "snippets")
    names = [os.path.join(snippets, name) for name in sorted(os.listdir(snippets)) if name.endswith(".py")]
    script = ('cd "$1" && shift && printf "%%s\\0" "$@" | xargs -0 -n 1 -P 2 timeout %g %s > /dev/null 2>&1; true'
              % (timeout, PYTHON))
    return timed(["bash", "-c", script, "audit_speed", scratch] + names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snipcheck", default=os.path.join(HERE, "..", "build-release", "snipcheck"))
    parser.add_argument("--examples", type=int, default=400)
    parser.add_argument("--document", help="a Markdown or text document instead of a generated one")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-timeout-example", action="store_true",
                        help="generate the document without the example that runs into its timeout")
    parser.add_argument("--compare", help="another snipcheck whose audit is timed in the same runs")
    args = parser.parse_args()
    exe = os.path.abspath(args.snipcheck)
    work = tempfile.mkdtemp(prefix="snipcheck-audit-speed-")
    try:
        document = os.path.abspath(args.document) if args.document else os.path.join(work, "document.md")
        if not args.document:
            subprocess.run([PYTHON, os.path.join(HERE, "big_markdown.py"), "--examples", str(args.examples), document]
                           + (["--no-timeout"] if args.no_timeout_example else []), check=True)
        print("audit_speed: %s on %s, %d cores, load average %.2f %.2f %.2f, timeout %g s, medians of %d runs"
              % ((exe, document, os.cpu_count()) + os.getloadavg() + (args.timeout, args.repeat)))
        timeout = ["--timeout", "%g" % args.timeout]
        rows = []
        for attempt in range(args.repeat):
            bank = os.path.join(work, "bank%d" % attempt)
            scratch = os.path.join(work, "scratch%d" % attempt)
            os.makedirs(scratch)
            audit = timed([exe, "audit", document, "-q"] + timeout)
            imported = timed([exe, "import", document, "--out", bank])
            run = timed([exe, "run", bank, "-q"] + timeout)
            naive = python_parallel(bank, scratch, args.timeout)
            other = timed([os.path.abspath(args.compare), "audit", document, "-q"] + timeout) if args.compare else 0.0
            rows.append((audit, imported, run, naive, other))
            print("  run %d: audit %.2f s, import %.2f s + run %.2f s, python3 FILE 2 at a time %.2f s: "
                  "audit/run %.2fx, python3/audit %.2fx (load %.2f)%s"
                  % (attempt + 1, audit, imported, run, naive, audit / run, naive / audit, os.getloadavg()[0],
                     ", --compare audit %.2f s (%.2fx the run)" % (other, other / run) if args.compare else ""))
        count = len([n for n in os.listdir(os.path.join(work, "bank0", "snippets")) if n.endswith(".py")])
        median = [statistics.median(row[k] for row in rows) for k in range(5)]
        print("\n%d examples, medians of %d runs:" % (count, args.repeat))
        print("  snipcheck audit                              %7.2f s" % median[0])
        print("  snipcheck import + run of its bank           %7.2f s + %.2f s" % (median[1], median[2]))
        print("  python3 FILE per example, 2 at a time        %7.2f s" % median[3])
        print("  audit / run     %.2fx (target <= 1.3; median of the runs' own ratios)"
              % statistics.median(row[0] / row[2] for row in rows))
        print("  python3 / audit %.2fx (target >= 2)" % statistics.median(row[3] / row[0] for row in rows))
        if args.compare:
            print("  --compare %s: audit %.2f s, %.2fx the run, python3 / its audit %.2fx"
                  % (args.compare, median[4], statistics.median(row[4] / row[2] for row in rows),
                     statistics.median(row[3] / row[4] for row in rows)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
