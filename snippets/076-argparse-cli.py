# Topic: parsing command-line arguments with argparse: positionals, options with types and
# defaults, flags, choices, subcommands, and what a user's mistake produces.
import argparse
import contextlib
import io

parser = argparse.ArgumentParser(prog="backup", description="Copy files to a backup target")
parser.add_argument("source", help="folder to back up")
parser.add_argument("--dest", default="/backups", help="target folder")
parser.add_argument("-n", "--keep", type=int, default=7, help="how many copies to keep")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--mode", choices=["full", "incremental"], default="incremental")
parser.add_argument("--dry-run", action="store_true")

# parse_args() reads sys.argv[1:]; passing a list makes the behaviour testable.
print(parser.parse_args(["photos"]))
print(parser.parse_args(["photos", "--keep", "3", "-vv", "--mode", "full", "--dry-run"]))

args = parser.parse_args(["docs", "--dest=/mnt/usb", "-n5"])
print(f"backing up {args.source} to {args.dest}, keeping {args.keep}, dry run: {args.dry_run}")

for bad in (["photos", "--keep", "many"], [], ["x", "--mode", "weekly"]):
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        try:
            parser.parse_args(bad)
        except SystemExit as exc:
            print(f"{bad} -> exit {exc.code}:", errors.getvalue().strip().splitlines()[-1])

tool = argparse.ArgumentParser(prog="tool")
commands = tool.add_subparsers(dest="command", required=True)
commands.add_parser("init").add_argument("--force", action="store_true")
commands.add_parser("push").add_argument("remote")
print(tool.parse_args(["push", "origin"]), tool.parse_args(["init", "--force"]))
