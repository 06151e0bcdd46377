#!/usr/bin/python3
"""snipcheck's benchmark: not a test. Measures, side by side in one run,

  - the floors each tier is built on, on this machine: a fork + _exit + wait of a warm
    /usr/bin/python3 (bare, and with pandas imported), Py_NewInterpreter + Py_EndInterpreter
    without `site` and with it (`_testcapi.run_in_subinterp` in /usr/bin/python3 -S and in
    /usr/bin/python3), and every snippet exec'd in one interpreter (no isolation at all);
  - how long a bank takes with snipcheck, each tier (subinterpreter, process) at -j 1 and -j 2,
    and with `/usr/bin/python3 FILE` per snippet in a shell loop (the naive way);

on generated banks of trivial snippets, of snippets that compute for ~20 ms (where the work, not
the isolation, dominates: -j 2 over -j 1), and of snippets importing pandas (preloaded by the
process tier); then the project's own bank (snippets/ next to bench/) at its default settings
against `python3 FILE` per snippet run 2 at a time (`xargs -P 2`). It prints per-snippet times,
each tier as a multiple of its floor, the ratios the targets are stated in, and the workers' peak
RSS. Times are wall-clock; "cpu" columns are the user + system time of the processes measured
(less moved by other load on the machine than the wall-clock). --soak N runs N trivial jobs on
one worker and reports its RSS and open file descriptors at the first and the last job.

Usage: /usr/bin/python3 bench/bench.py [--snipcheck build-release/snipcheck] [--n 200]
       [--work 40] [--pandas 100] [--naive-sample 20] [--repeat 3] [--soak 999] [--no-bank]
Every figure is a median of --repeat runs; on a loaded machine raise --repeat.
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
import resource

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


def working(i):
    """A snippet that computes for about 20 ms on this machine (calibrated by WORK_LOOPS)."""
    code = "total = 0\nfor k in range(%d):\n    total += k * k %% 7\nprint(total > 0, %d)\n" % (WORK_LOOPS, i)
    return code, "True %d\n" % i


WORK_LOOPS = 200000


def calibrate_work(target_ms=20.0):
    """How many loops of working() take target_ms of CPU in /usr/bin/python3 here."""
    code = ("import time\nstart = time.process_time()\ntotal = 0\nfor k in range(200000):\n"
            "    total += k * k % 7\nprint(time.process_time() - start)\n")
    spent = statistics.median(float(subprocess.check_output([PYTHON, "-c", code])) for _ in range(5))
    return max(1000, int(200000 * target_ms / 1000.0 / max(spent, 1e-6)))


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Timing(float):
    """A wall-clock time in seconds that also carries the CPU time of what ran (.cpu)."""

    def __new__(cls, wall, cpu):
        value = float.__new__(cls, wall)
        value.cpu = cpu
        return value


def timed(command, check=True, **kwargs):
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (command[:4], done.returncode, done.stderr.decode()[-500:]))
    return Timing(elapsed, children_cpu() - cpu)


# The floors, each measured inside one warm /usr/bin/python3 (its start-up is no part of them):
# the median wall-clock and CPU time of one operation over `count` of them, printed as JSON.
FORK_FLOOR = """
import os, sys, time, json, resource, statistics
if sys.argv[1] == 'pandas':
    import pandas
walls, cpus = [], []
for _ in range(int(sys.argv[2])):
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    walls.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before)))
print(json.dumps([statistics.median(walls), statistics.median(cpus)]))
"""
SUBINTERP_FLOOR = """
import _testcapi, sys, time, json, statistics
walls, cpus = [], []
for _ in range(int(sys.argv[1])):
    start, cpu = time.perf_counter(), time.thread_time()
    _testcapi.run_in_subinterp('pass')
    walls.append(time.perf_counter() - start)
    cpus.append(time.thread_time() - cpu)
print(json.dumps([statistics.median(walls), statistics.median(cpus)]))
"""
EXEC_FLOOR = """
import glob, io, contextlib, sys, time, json
sources = [(path, open(path).read()) for path in sorted(glob.glob(sys.argv[1] + '/snippets/*.py'))]
start, cpu = time.perf_counter(), time.process_time()
for path, source in sources:
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, path, 'exec'), {'__name__': '__main__'})
print(json.dumps([(time.perf_counter() - start) / len(sources), (time.process_time() - cpu) / len(sources)]))
"""


def floor(arguments, code, *rest):
    """One floor: (wall, cpu) seconds per operation."""
    wall, cpu = json.loads(subprocess.check_output([PYTHON] + arguments + ["-c", code] + [str(r) for r in rest]))
    return Timing(wall, cpu)


def median_timing(repeat, measure):
    runs = [measure() for _ in range(repeat)]
    return Timing(statistics.median(runs), statistics.median(r.cpu for r in runs))


def run_snipcheck(exe, bank, tier, jobs, report=None):
    command = [exe, "run", bank, "-q", "-j", str(jobs), "--isolation", tier]
    if report:
        command += ["--json", report]
    return timed(command)


def python_parallel(bank, scratch):
    """`python3 FILE` for every snippet of `bank`, 2 at a time (`xargs -P 2`), each with the
    bank's 10 s timeout, in a scratch directory (questions write files); failures are timed too."""
    snippets = os.path.join(os.path.abspath(bank), "snippets")
    script = ('cd "$1" && shift && printf "%%s\\0" "$@" | xargs -0 -n 1 -P 2 timeout 10 %s > /dev/null 2>&1'
              % PYTHON)
    names = [os.path.join(snippets, name) for name in sorted(os.listdir(snippets)) if name.endswith(".py")]
    return timed(["bash", "-c", script, "bench", scratch] + names, check=False), len(names)


def python_loop(bank, sample=0):
    """`python3 FILE` for every snippet in a shell loop; with `sample`, for the first `sample`
    snippets only, scaled to the whole bank (every snippet of a generated bank costs the same)."""
    names = sorted(os.listdir(os.path.join(bank, "snippets")))
    timed_names = names[:sample] if sample else names
    script = 'cd "$1/snippets" && shift && for f in "$@"; do %s "$f" > /dev/null || exit 1; done' % PYTHON
    seconds = timed(["bash", "-c", script, "bench", bank] + timed_names)
    return Timing(seconds * len(names) / len(timed_names), seconds.cpu * len(names) / len(timed_names))


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
    return median_timing(repeat, measure)


def peak_rss_kb(report):
    with open(report) as handle:
        results = json.load(handle)["results"]
    return max(r["worker"]["rss_kb"] for r in results)


def table(title, count, rows, naive):
    print("\n%s (%d snippets, median of the runs)" % (title, count))
    print("  %-46s %9s %9s %9s %11s" % ("how", "total s", "ms each", "cpu ms", "vs python3"))
    for name, seconds in rows:
        print("  %-46s %9.2f %9.2f %9.2f %10.1fx" % (name, seconds, seconds / count * 1000, seconds.cpu / count * 1000,
                                                    naive / seconds))


def ms(value):
    return "%.2f ms (cpu %.2f)" % (value * 1000, value.cpu * 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snipcheck", default=os.path.join(os.path.dirname(__file__), "..", "build-release", "snipcheck"))
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--work", type=int, default=40, help="snippets of the ~20 ms bank (0: none)")
    parser.add_argument("--pandas", type=int, default=100)
    parser.add_argument("--naive-sample", type=int, default=20,
                        help="time python3-per-snippet on this many pandas snippets and scale (0: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--soak", type=int, default=0)
    parser.add_argument("--no-bank", action="store_true", help="skip the project's own bank")
    args = parser.parse_args()
    exe = os.path.abspath(args.snipcheck)
    work = tempfile.mkdtemp(prefix="snipcheck-bench-")
    global WORK_LOOPS
    try:
        print("snipcheck bench: %s, %d cores, load average %.2f %.2f %.2f (other processes compete: figures are "
              "medians of %d runs)" % ((exe, os.cpu_count()) + os.getloadavg() + (args.repeat,)))
        bank = make_bank(os.path.join(work, "trivial"), args.n, trivial)
        one = make_bank(os.path.join(work, "one"), 1, trivial)
        report = os.path.join(work, "report.json")

        # The floors, in the same run as what is measured against them.
        fork = median_timing(args.repeat, lambda: floor([], FORK_FLOOR, "bare", 300))
        fork_pandas = median_timing(args.repeat, lambda: floor([], FORK_FLOOR, "pandas", 100))
        sub_bare = median_timing(args.repeat, lambda: floor(["-S"], SUBINTERP_FLOOR, 100))
        sub_site = median_timing(args.repeat, lambda: floor([], SUBINTERP_FLOOR, 100))
        exec_floor = median_timing(args.repeat, lambda: floor([], EXEC_FLOOR, bank))
        print("\nfloors (one warm /usr/bin/python3, per operation)")
        print("  fork + _exit + wait                          %s" % ms(fork))
        print("  fork + _exit + wait, pandas imported         %s" % ms(fork_pandas))
        print("  Py_NewInterpreter + Py_EndInterpreter, -S    %s" % ms(sub_bare))
        print("  Py_NewInterpreter + Py_EndInterpreter, site  %s" % ms(sub_site))
        print("  exec of a trivial snippet, no isolation      %s" % ms(exec_floor))

        naive = median_of(args.repeat, lambda: python_loop(bank))
        rows = [("python3 FILE per snippet (shell)", naive),
                ("one interpreter, no isolation", median_of(args.repeat, lambda: one_interpreter(bank)))]
        measured, marginal = {}, {}
        for tier in ("subinterpreter", "process"):
            for jobs in (1, 2):
                seconds = median_of(args.repeat, lambda: run_snipcheck(exe, bank, tier, jobs, report))
                measured[(tier, jobs)] = seconds
                rows.append(("snipcheck %s -j %d (RSS %d MB)" % (tier, jobs, peak_rss_kb(report) // 1024), seconds))
            # What one more snippet costs: the run of the whole bank less a run of one snippet
            # (start-up, the worker's first interpreter), over the other snippets.
            fixed = median_of(args.repeat, lambda: run_snipcheck(exe, one, tier, 1))
            whole = measured[(tier, 1)]
            others = max(args.n - 1, 1)
            marginal[tier] = Timing((whole - fixed) / others, (whole.cpu - fixed.cpu) / others)
        table("trivial snippets", args.n, rows, naive)
        print("\n  per trivial snippet, -j 1, less a one-snippet run (start-up):")
        print("    subinterpreter %s = %.2fx its floor, Py_NewInterpreter+End without site (cpu %.2fx) (target <= 1.5)"
              % (ms(marginal["subinterpreter"]), marginal["subinterpreter"] / sub_bare,
                 marginal["subinterpreter"].cpu / sub_bare.cpu))
        print("    process        %s = %.2fx its floor, fork+exit+wait (cpu %.2fx) (target <= 2)"
              % (ms(marginal["process"]), marginal["process"] / fork, marginal["process"].cpu / fork.cpu))
        print("  -j2 over -j1 on trivial snippets: subinterpreter %.2fx, process %.2fx"
              % (measured[("subinterpreter", 1)] / measured[("subinterpreter", 2)],
                 measured[("process", 1)] / measured[("process", 2)]))

        if args.work > 0:
            WORK_LOOPS = calibrate_work()
            wbank = make_bank(os.path.join(work, "work"), args.work, working)
            wnaive = median_of(args.repeat, lambda: python_loop(wbank))
            wrows = [("python3 FILE per snippet (shell)", wnaive),
                     ("one interpreter, no isolation", median_of(args.repeat, lambda: one_interpreter(wbank)))]
            wmeasured = {}
            for tier in ("subinterpreter", "process"):
                for jobs in (1, 2):
                    seconds = median_of(args.repeat, lambda: run_snipcheck(exe, wbank, tier, jobs))
                    wmeasured[(tier, jobs)] = seconds
                    wrows.append(("snipcheck %s -j %d" % (tier, jobs), seconds))
            table("snippets computing ~20 ms (%d loops)" % WORK_LOOPS, args.work, wrows, wnaive)
            print("\n  -j2 over -j1 where the work dominates: subinterpreter %.2fx, process %.2fx (target >= 1.7; "
                  "bounded by the cores other processes leave: load average now %.2f)"
                  % (wmeasured[("subinterpreter", 1)] / wmeasured[("subinterpreter", 2)],
                     wmeasured[("process", 1)] / wmeasured[("process", 2)], os.getloadavg()[0]))

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
            print("\n  process -j1 with pandas preloaded vs python3 %.1fx; %.2fx the fork floor with pandas imported"
                  % (pnaive / prows[2][1], prows[2][1] / args.pandas / fork_pandas))

        project = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
        if not args.no_bank and os.path.isdir(os.path.join(project, "snippets")):
            scratch = os.path.join(work, "scratch")
            os.makedirs(scratch)
            count = [0]

            def naive_bank():
                seconds, count[0] = python_parallel(project, scratch)
                return seconds

            bnaive = median_of(args.repeat, naive_bank)
            # At its default settings: -j and isolation as the bank and the machine give them.
            # timed() stops the bench unless every question passes (exit status 0).
            bsnip = median_of(args.repeat, lambda: timed([exe, "run", project, "-q", "--json", report]))
            table("the project's bank, default settings", count[0],
                  [("python3 FILE per snippet, 2 at a time (xargs -P 2)", bnaive),
                   ("snipcheck run (every question passing)", bsnip)], bnaive)
            print("\n  the bank: snipcheck %.1fx faster than python3 FILE 2 at a time (target >= 5)" % (bnaive / bsnip))

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
