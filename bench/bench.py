#!/usr/bin/python3
"""snipcheck's benchmark: not a test. Measures, side by side in one run, how long a bank takes

  - with snipcheck, each tier (subinterpreter, process) at -j 1 and -j 2;
  - with `/usr/bin/python3 FILE` per snippet in a shell loop (the naive way);
  - with every snippet exec'd in one interpreter, no isolation at all (the floor);

on generated banks of trivial snippets and of snippets importing pandas (preloaded by the
process tier), and prints per-snippet times, the ratios the targets are stated in, and the
workers' peak RSS. --soak N runs N trivial jobs on one worker and reports its RSS and open
file descriptors at the first and the last job.

Usage: /usr/bin/python3 bench/bench.py [--snipcheck build-release/snipcheck] [--n 200]
       [--pandas 100] [--naive-sample 20] [--repeat 3] [--soak 999]
Run it on a quiet machine: every figure is a median of --repeat runs.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"


def make_bank(root, count, body, settings=""):
    os.makedirs(os.path.join(root, "snippets"))
    os.makedirs(os.path.join(root, "expected"))
    for i in range(1, count + 1):
        name = "%03d-case" % i
        code, out = body(i)
        with open(os.path.join(root, "snippets", name + ".py"), "w") as handle:
            handle.write(code)
        with open(os.path.join(root, "expected", name + ".out"), "w") as handle:
            handle.write(out)
    if settings:
        with open(os.path.join(root, "snipcheck.toml"), "w") as handle:
            handle.write(settings)
    return root


def trivial(i):
    return "value = %d\nprint(value * 2)\n" % i, "%d\n" % (i * 2)


def with_pandas(i):
    code = "import pandas as pd\nprint(int(pd.Series([%d, 2]).sum()))\n" % i
    return code, "%d\n" % (i + 2)


def timed(command, **kwargs):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (command[:4], done.returncode, done.stderr.decode()[-500:]))
    return elapsed


def run_snipcheck(exe, bank, tier, jobs, report=None):
    command = [exe, "run", bank, "-q", "-j", str(jobs), "--isolation", tier]
    if report:
        command += ["--json", report]
    return timed(command)


def python_loop(bank, sample=0):
    """`python3 FILE` for every snippet in a shell loop; with `sample`, for the first `sample`
    snippets only, scaled to the whole bank (every snippet of a generated bank costs the same)."""
    names = sorted(os.listdir(os.path.join(bank, "snippets")))
    timed_names = names[:sample] if sample else names
    script = 'cd "$1/snippets" && shift && for f in "$@"; do %s "$f" > /dev/null || exit 1; done' % PYTHON
    return timed(["bash", "-c", script, "bench", bank] + timed_names) * len(names) / len(timed_names)


def one_interpreter(bank):
    code = (
        "import glob, io, contextlib, sys\n"
        "for path in sorted(glob.glob(sys.argv[1] + '/snippets/*.py')):\n"
        "    source = open(path).read()\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        exec(compile(source, path, 'exec'), {'__name__': '__main__'})\n"
    )
    return timed([PYTHON, "-c", code, bank])


def median_of(repeat, measure):
    return statistics.median(measure() for _ in range(repeat))


def peak_rss_kb(report):
    with open(report) as handle:
        results = json.load(handle)["results"]
    return max(r["worker"]["rss_kb"] for r in results)


def table(title, count, rows, naive):
    print("\n%s (%d snippets, median of the runs)" % (title, count))
    print("  %-44s %9s %14s %12s" % ("how", "total s", "per snippet ms", "vs python3"))
    for name, seconds in rows:
        print("  %-44s %9.2f %14.2f %11.1fx" % (name, seconds, seconds / count * 1000, naive / seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snipcheck", default=os.path.join(os.path.dirname(__file__), "..", "build-release", "snipcheck"))
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--pandas", type=int, default=100)
    parser.add_argument("--naive-sample", type=int, default=20,
                        help="time python3-per-snippet on this many pandas snippets and scale (0: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--soak", type=int, default=0)
    args = parser.parse_args()
    exe = os.path.abspath(args.snipcheck)
    work = tempfile.mkdtemp(prefix="snipcheck-bench-")
    try:
        print("snipcheck bench: %s, %d cores, load average %.2f" % (exe, os.cpu_count(), os.getloadavg()[0]))
        bank = make_bank(os.path.join(work, "trivial"), args.n, trivial)
        report = os.path.join(work, "report.json")
        naive = median_of(args.repeat, lambda: python_loop(bank))
        rows = [("python3 FILE per snippet (shell)", naive),
                ("one interpreter, no isolation", median_of(args.repeat, lambda: one_interpreter(bank)))]
        measured = {}
        for tier in ("subinterpreter", "process"):
            for jobs in (1, 2):
                seconds = median_of(args.repeat, lambda: run_snipcheck(exe, bank, tier, jobs, report))
                measured[(tier, jobs)] = seconds
                rows.append(("snipcheck %s -j %d" % (tier, jobs), seconds))
                rows[-1] = (rows[-1][0] + " (RSS %d MB)" % (peak_rss_kb(report) // 1024), seconds)
        table("trivial snippets", args.n, rows, naive)
        print("\n  targets: process -j1 vs python3 %.1fx (>= 8); subinterpreter -j1 vs python3 %.1fx (>= 3);"
              % (naive / measured[("process", 1)], naive / measured[("subinterpreter", 1)]))
        print("           -j2 over -j1: subinterpreter %.2fx, process %.2fx (>= 1.7)"
              % (measured[("subinterpreter", 1)] / measured[("subinterpreter", 2)],
                 measured[("process", 1)] / measured[("process", 2)]))

        if args.pandas > 0:
            pbank = make_bank(os.path.join(work, "pandas"), args.pandas, with_pandas,
                              '[defaults]\npreload = ["pandas"]\n')
            pnaive = median_of(args.repeat, lambda: python_loop(pbank, args.naive_sample))
            prows = [("python3 FILE per snippet (shell)", pnaive),
                     ("one interpreter, no isolation", median_of(args.repeat, lambda: one_interpreter(pbank)))]
            for jobs in (1, 2):
                seconds = median_of(args.repeat, lambda: run_snipcheck(exe, pbank, "process", jobs, report))
                prows.append(("snipcheck process -j %d (RSS %d MB)" % (jobs, peak_rss_kb(report) // 1024), seconds))
            table("snippets importing pandas (preloaded)", args.pandas, prows, pnaive)
            if 0 < args.naive_sample < args.pandas:
                print("  (python3 FILE timed on %d of the %d snippets and scaled)" % (args.naive_sample, args.pandas))
            print("\n  target: process -j1 with pandas preloaded vs python3 %.1fx (>= 20)" % (pnaive / prows[2][1]))

        if args.soak > 0:
            # A bank numbers its questions with three digits, each number once: 999 at most.
            if args.soak > 999:
                print("\nsoak: %d jobs asked; a bank holds at most 999 questions, so 999" % args.soak)
                args.soak = 999
            sbank = make_bank(os.path.join(work, "soak"), args.soak, trivial)
            for tier in ("subinterpreter", "process"):
                seconds = run_snipcheck(exe, sbank, tier, 1, report)
                with open(report) as handle:
                    results = json.load(handle)["results"]
                pids = [r["worker"]["pid"] for r in results]
                first, last = results[0]["worker"], results[-1]["worker"]
                print("\nsoak %s: %d jobs in %.1f s on %d worker(s); first job RSS %d KB fds %d, "
                      "last job RSS %d KB fds %d: RSS %+.1f%%"
                      % (tier, args.soak, seconds, len(set(pids)), first["rss_kb"], first["fds"],
                         last["rss_kb"], last["fds"], (last["rss_kb"] - first["rss_kb"]) * 100.0 / first["rss_kb"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
