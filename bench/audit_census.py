#!/usr/bin/python3
"""A census of what `snipcheck audit` makes of real material (not a test): for each document of a
list (a GitHub repository, a commit and a path, read from a bare mirror), writes the document to
a temporary directory outside the project, runs `SNIPCHECK audit --json` on it there, and prints
Markdown tables:

  - questions: examples, verdict counts (pass, wrong, error, unverifiable, no_claim, others),
    errors by exception type, fragments (unverifiable because the example uses a name it never
    defines, or a relative import), and transcripts (questions from `>>>` blocks);
  - claims: by verdict, the claims of transcripts judged (correct, format or wrong), and the
    wrong flags;
  - unverifiable questions of all documents by reason (names left out).

A document snipcheck refuses (exit status 2) is listed with its message. Nothing third-party is
written inside the project: documents are read from the mirrors and written to a temp dir that
is removed at the end (--keep keeps it and prints where).

The document list: one document a line, `owner/name commit path` (the path is the rest of the
line, spaces allowed); `#` starts a comment. A mirror is looked up as MIRRORS/owner+name/repo or
MIRRORS/owner+name (a bare git directory, as `fetch` leaves it).

Usage: /usr/bin/python3 bench/audit_census.py --snipcheck EXE --documents bench/real-material.txt
       [--mirrors /work/.mirror] [-j 1] [--timeout 10] [--wrong] [--keep]

--wrong lists each wrong flag; a claim whose classification is a guess (confidence below 1, which
the judge lists as `unsure` rather than `wrong` once it has that verdict) says so.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

VERDICTS = ["pass", "wrong", "error", "unverifiable", "no_claim"]
CLAIM_VERDICTS = ["correct", "format", "wrong", "descriptive", "unverifiable", "nondeterministic", "version-dependent",
                  "unsure"]
JUDGED = {"correct", "format", "wrong"}


def read_list(path):
    documents = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]{7,40}", parts[1]):
                sys.exit(f"{path}:{number}: expected 'owner/name commit path'")
            documents.append(tuple(parts))
    return documents


def git_dir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace("/", "+"))
    for candidate in (os.path.join(base, "repo"), base, os.path.join(base, "repo", ".git")):
        if os.path.isfile(os.path.join(candidate, "HEAD")):
            return candidate
    sys.exit(f"no mirror of {repo} under {mirrors} (fetch it first)")


def document_text(mirrors, repo, commit, path):
    done = subprocess.run(["git", "--git-dir", git_dir(mirrors, repo), "show", f"{commit}:{path}"],
                          capture_output=True)
    if done.returncode != 0:
        sys.exit(f"{repo}@{commit}:{path}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


FENCE = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})")
CLOSING = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
PROMPT = re.compile(r"^[ \t]*(?:>[ \t]+)*>>>")  # blockquote markers, then the prompt


def transcript_ranges(text):
    """Line ranges (1-based, inclusive) of fenced blocks whose first non-blank line is a `>>>`
    prompt, and of indented runs of `>>>` lines: where a transcript's claims sit."""
    lines = text.split("\n")
    ranges = []
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        # A backtick fence's info string holds no backtick: "```with``` statement" is prose.
        if opened and opened.group(1)[0] == "`" and "`" in lines[i][opened.end():]:
            opened = None
        if opened:
            fence = opened.group(1)
            j = i + 1
            while j < len(lines):
                closing = CLOSING.match(lines[j])
                if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                    break
                j += 1
            first = next((line for line in lines[i + 1:j] if line.strip(" \t>")), "")
            if PROMPT.match(first):
                ranges.append((i + 2, j))
            i = j + 1
            continue
        if PROMPT.match(lines[i]):
            j = i
            while j + 1 < len(lines) and lines[j + 1].strip():
                j += 1
            ranges.append((i + 1, j + 1))
            i = j + 1
            continue
        i += 1
    return ranges


def reason_class(reason):
    """"a fragment: it uses 'Book', which…" -> "a fragment: it uses '…', which…": reasons counted
    by kind, not by name."""
    reason = re.sub(r"\s*\(Debian package:[^)]*\)", "", reason)
    return re.sub(r"'[^']*'", "'…'", reason)


def census(exe, name, text, jobs, timeout, scratch):
    folder = tempfile.mkdtemp(dir=scratch)
    material = os.path.join(folder, name)
    with open(material, "wb") as f:
        f.write(text)
    report = os.path.join(folder, "audit.json")
    try:
        done = subprocess.run([exe, "audit", name, "--json", report, "-j", str(jobs), "--timeout", str(timeout), "-q"],
                              cwd=folder, capture_output=True, stdin=subprocess.DEVNULL, timeout=3600)
    except subprocess.TimeoutExpired:
        return {"status": "none", "refused": "the audit ran for an hour and was stopped"}
    row = {"status": done.returncode}
    if done.returncode not in (0, 1) or not os.path.exists(report):
        row["refused"] = done.stderr.decode(errors="replace").strip().replace(folder + "/", "")
        return row
    with open(report, encoding="utf-8") as f:
        results = json.load(f)["results"]
    ranges = transcript_ranges(text.decode("utf-8", errors="replace"))

    def in_transcript(line):
        return any(begin <= line <= end for begin, end in ranges)

    row["examples"] = len(results)
    row["verdicts"] = collections.Counter(r["verdict"] for r in results)
    row["errors"] = collections.Counter((r.get("error") or {}).get("type") or f"exit {r.get('exit_status')}"
                                        for r in results if r["verdict"] == "error")
    row["fragments"] = sum(1 for r in results
                           if r["verdict"] == "unverifiable" and (r.get("reason") or "").startswith("a fragment"))
    row["reasons"] = collections.Counter(reason_class(r.get("reason") or "") for r in results
                                         if r["verdict"] == "unverifiable")
    row["claims"] = collections.Counter(c["verdict"] for r in results for c in r["claims"])
    transcripts = [r for r in results if any(in_transcript(c["material_line"]) for c in r["claims"])]
    row["transcripts"] = len(transcripts)
    row["transcript_blocks"] = len(ranges)
    row["transcript_claims"] = sum(1 for r in transcripts for c in r["claims"] if in_transcript(c["material_line"]))
    row["transcript_judged"] = sum(1 for r in transcripts for c in r["claims"]
                                   if in_transcript(c["material_line"]) and c["verdict"] in JUDGED)
    row["wrong_flags"] = [(r["question"], c["material_line"], c["text"], c["actual"], c.get("confidence", 1.0))
                          for r in results for c in r["claims"] if c["verdict"] == "wrong"]
    return row


def counts(counter, order):
    return [str(counter.get(key, 0)) for key in order]


def others(counter, order):
    rest = {k: v for k, v in counter.items() if k not in order}
    return ", ".join(f"{k} {v}" for k, v in sorted(rest.items())) or "–"


def print_tables(rows, show_wrong):
    print("| document | examples | " + " | ".join(VERDICTS) + " | other | errors by type | fragments | "
          "transcripts (blocks) |")
    print("| --- " * (len(VERDICTS) + 6) + "|")
    total = collections.defaultdict(collections.Counter)
    sums = collections.Counter()
    for label, row in rows:
        if "refused" in row:
            print(f"| {label} | refused (exit {row['status']}): {row['refused']} |" + " |" * (len(VERDICTS) + 4))
            sums["refused"] += 1
            continue
        errors = ", ".join(f"{k} {v}" for k, v in row["errors"].most_common()) or "–"
        print(f"| {label} | {row['examples']} | " + " | ".join(counts(row["verdicts"], VERDICTS)) +
              f" | {others(row['verdicts'], VERDICTS)} | {errors} | {row['fragments']} | "
              f"{row['transcripts']} ({row['transcript_blocks']}) |")
        total["verdicts"].update(row["verdicts"])
        total["errors"].update(row["errors"])
        total["claims"].update(row["claims"])
        total["reasons"].update(row["reasons"])
        for key in ("examples", "fragments", "transcripts", "transcript_blocks", "transcript_claims",
                    "transcript_judged"):
            sums[key] += row[key]
        sums["wrong_flags"] += len(row["wrong_flags"])
    errors = ", ".join(f"{k} {v}" for k, v in total["errors"].most_common()) or "–"
    print(f"| **all** ({sums['refused']} refused) | {sums['examples']} | " +
          " | ".join(counts(total["verdicts"], VERDICTS)) + f" | {others(total['verdicts'], VERDICTS)} | {errors} | "
          f"{sums['fragments']} | {sums['transcripts']} ({sums['transcript_blocks']}) |")
    print()
    print("| document | " + " | ".join(CLAIM_VERDICTS) + " | transcript claims judged | wrong flags |")
    print("| --- " * (len(CLAIM_VERDICTS) + 3) + "|")
    for label, row in rows:
        if "refused" in row:
            continue
        print(f"| {label} | " + " | ".join(counts(row["claims"], CLAIM_VERDICTS)) +
              f" | {row['transcript_judged']} of {row['transcript_claims']} | {len(row['wrong_flags'])} |")
    print(f"| **all** | " + " | ".join(counts(total["claims"], CLAIM_VERDICTS)) +
          f" | {sums['transcript_judged']} of {sums['transcript_claims']} | {sums['wrong_flags']} |")
    print()
    print("| unverifiable, by reason (all documents) | questions |")
    print("| --- | --- |")
    for reason, count in total["reasons"].most_common():
        print(f"| {reason.replace('|', '/')} | {count} |")
    if show_wrong:
        print()
        for label, row in rows:
            for question, line, text, actual, confidence in row.get("wrong_flags", []):
                guess = f" [a guess: confidence {confidence:g}]" if confidence < 1 else ""
                print(f"- {label} Q{question} line {line}: {text!r} (prints {actual!r}){guess}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snipcheck", required=True, help="the snipcheck binary")
    parser.add_argument("--documents", required=True, help="the document list")
    parser.add_argument("--mirrors", default="/work/.mirror", help="where the bare mirrors are")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--wrong", action="store_true", help="list every wrong flag")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    exe = os.path.abspath(args.snipcheck)
    scratch = tempfile.mkdtemp(prefix="snipcheck-census-")
    try:
        rows = []
        for repo, commit, path in read_list(args.documents):
            text = document_text(args.mirrors, repo, commit, path)
            name = os.path.basename(path).replace(" ", "_")
            rows.append((f"{repo} `{path}`", census(exe, name, text, args.jobs, args.timeout, scratch)))
        print_tables(rows, args.wrong)
    finally:
        if args.keep:
            print(f"\n(kept {scratch})", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
