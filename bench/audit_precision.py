#!/usr/bin/python3
"""Precision and recall of `snipcheck audit` on real documents whose claims were judged by hand
(not a test): for each truth file, the document it names is read from its bare mirror, written to
a temporary directory outside the project and audited there (`SNIPCHECK audit --json`); its claims
are joined with the truth file's rows by material line.

A truth file (bench/truth/*.tsv) names its document on its first line,
`# owner/name commit path`, then has one row per claim the document makes about what its code
prints, every one found by reading the document (whether snipcheck reads it or not):

    material_line<TAB>truth<TAB>class<TAB>note

  truth  wrong    the claim is false on Python 3.11 as the document presents it (a value error)
         right    it holds
         version  the document says it is for another Python version
         na       not judgeable here (network, randomness, addresses, a missing package, not a claim)
  class  where snipcheck's verdict and the truth disagree, the kind of false alarm or miss; `-` else
  note   the judge's own words (no text of the document)

Per document and in all it prints: rows, `wrong` flags, flags on rows judged wrong (true flags),
flags on rows not judged (must be 0: every flag is judged), precision (true flags / judged flags),
value errors (rows judged wrong), those flagged (caught), recall (caught / value errors), and the
`version` rows reported `version-dependent`. Then false flags and misses by class, and with
--list each of them (document, line, the judge's note, snipcheck's verdict).

A row's verdict is the verdict of the audit's claim at that material line (when several claims sit
on one line: `wrong` if one is, else the first); a row no claim of the audit sits on is `unread`.

Usage: /usr/bin/python3 bench/audit_precision.py --snipcheck EXE [--truth bench/truth]
       [--mirrors /work/.mirror] [-j 2] [--timeout 10] [--list]
"""
import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from audit_census import document_text  # noqa: E402  (the same mirrors, read the same way)

TRUTHS = {"wrong", "right", "version", "na"}


def read_truth(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = re.fullmatch(r"#\s*(\S+/\S+)\s+([0-9a-f]{7,40})\s+(.+?)\s*", lines[0] if lines else "")
    if not header:
        sys.exit(f"{path}:1: expected '# owner/name commit path'")
    rows = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0].isdigit() or fields[1] not in TRUTHS:
            sys.exit(f"{path}:{number}: expected 'material_line<TAB>wrong|right|version|na<TAB>class<TAB>note'")
        if int(fields[0]) in rows:
            sys.exit(f"{path}:{number}: line {fields[0]} is judged twice")
        rows[int(fields[0])] = (fields[1], fields[2].strip() or "-", fields[3].strip() if len(fields) > 3 else "")
    return header.groups(), rows


def audit(exe, name, text, jobs, timeout, scratch):
    """Material line -> (verdict, actual) of the audit's claims; None when snipcheck refused."""
    folder = tempfile.mkdtemp(dir=scratch)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(text)
    report = os.path.join(folder, "audit.json")
    done = subprocess.run([exe, "audit", name, "--json", report, "-j", str(jobs), "--timeout", str(timeout), "-q"],
                          cwd=folder, capture_output=True, stdin=subprocess.DEVNULL)
    if done.returncode not in (0, 1) or not os.path.exists(report):
        return None, done.stderr.decode(errors="replace").strip()
    with open(report, encoding="utf-8") as f:
        results = json.load(f)["results"]
    claims = {}
    for result in results:
        for claim in result["claims"]:
            line = claim.get("material_line", 0)
            if line not in claims or claim["verdict"] == "wrong":
                claims[line] = (claim["verdict"], claim.get("actual", ""))
    return claims, ""


def pct(part, whole):
    return f"{100.0 * part / whole:.1f} %" if whole else "–"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snipcheck", required=True, help="the snipcheck binary")
    parser.add_argument("--truth", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "truth"),
                        help="a truth file or a folder of them (*.tsv)")
    parser.add_argument("--mirrors", default="/work/.mirror", help="where the bare mirrors are")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--list", action="store_true", help="list every false flag and miss")
    args = parser.parse_args()
    exe = os.path.abspath(args.snipcheck)
    files = sorted(glob.glob(os.path.join(args.truth, "*.tsv"))) if os.path.isdir(args.truth) else [args.truth]
    if not files:
        sys.exit(f"no truth files in {args.truth}")
    scratch = tempfile.mkdtemp(prefix="snipcheck-precision-")
    keys = ["rows", "flags", "true", "unjudged", "errors", "caught", "version", "version_seen"]
    total = collections.Counter()
    false_classes = collections.Counter()
    miss_classes = collections.Counter()
    listed = []
    print("| document | rows | wrong flags | true flags | flags on unjudged lines | precision | value errors "
          "| caught | recall | version rows reported version-dependent |")
    print("| --- " * 10 + "|")
    try:
        for path in files:
            (repo, commit, document), rows = read_truth(path)
            text = document_text(args.mirrors, repo, commit, document)
            claims, refused = audit(exe, os.path.basename(document).replace(" ", "_"), text, args.jobs, args.timeout,
                                    scratch)
            label = f"{repo} `{document}`"
            if claims is None:
                print(f"| {label} | refused: {refused} |" + " |" * 8)
                continue
            row = collections.Counter(rows=len(rows))
            for line, (verdict, _) in claims.items():
                if verdict == "wrong" and line not in rows:
                    row["unjudged"] += 1
                    listed.append((label, line, "flag on a line with no truth row", verdict, "-"))
            for line, (truth, kind, note) in sorted(rows.items()):
                verdict = claims.get(line, ("unread", ""))[0]
                if verdict == "wrong":
                    row["flags"] += 1
                    if truth == "wrong":
                        row["true"] += 1
                    else:
                        false_classes[kind] += 1
                        listed.append((label, line, note, verdict, f"false flag ({kind}), judged {truth}"))
                if truth == "wrong":
                    row["errors"] += 1
                    if verdict == "wrong":
                        row["caught"] += 1
                    else:
                        miss_classes[kind] += 1
                        listed.append((label, line, note, verdict, f"miss ({kind})"))
                if truth == "version":
                    row["version"] += 1
                    row["version_seen"] += verdict == "version-dependent"
            total.update(row)
            judged = row["flags"]
            print(f"| {label} | {row['rows']} | {row['flags'] + row['unjudged']} | {row['true']} | {row['unjudged']} | "
                  f"{pct(row['true'], judged)} | {row['errors']} | {row['caught']} | {pct(row['caught'], row['errors'])} | "
                  f"{row['version_seen']} of {row['version']} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"| **all** | {total['rows']} | {total['flags'] + total['unjudged']} | {total['true']} | {total['unjudged']} | "
          f"{pct(total['true'], total['flags'])} | {total['errors']} | {total['caught']} | "
          f"{pct(total['caught'], total['errors'])} | {total['version_seen']} of {total['version']} |")
    print()
    print("| class | false flags | misses |")
    print("| --- | --- | --- |")
    for kind in sorted(set(false_classes) | set(miss_classes)):
        print(f"| {kind} | {false_classes[kind]} | {miss_classes[kind]} |")
    if args.list:
        print()
        for label, line, note, verdict, what in listed:
            print(f"- {label} line {line}: {what}; snipcheck: {verdict}; {note}")


if __name__ == "__main__":
    main()
