# Topic 40: pathlib -- paths as objects: joined with /, with their parts as attributes and
# file operations as methods, instead of strings passed to os.path functions.
import os.path
from pathlib import Path, PurePosixPath, PureWindowsPath

base = Path("reports")
target = base / "2025" / "march" / "summary.csv"
print(target, target.name, target.stem, target.suffix, target.parent.name)
print(target.parts, target.with_suffix(".json").name, target.with_stem("total").name)
print("same with os.path:", os.path.join("reports", "2025", "march", "summary.csv"),
      os.path.splitext(os.path.basename(str(target)))[0])

target.parent.mkdir(parents=True, exist_ok=True)
target.write_text("region,units\nnorth,3\n", encoding="utf-8")
(base / "2025" / "notes.txt").write_text("hello", encoding="utf-8")
(base / "2025" / "march" / "raw.csv").write_text("x\n", encoding="utf-8")
print(target.read_text(encoding="utf-8").splitlines(), target.stat().st_size)
print(target.exists(), target.is_file(), target.parent.is_dir(), (base / "nope").exists())

print(sorted(p.name for p in base.rglob("*.csv")))
print(sorted(str(p.relative_to(base)) for p in base.glob("*/*")))

renamed = target.rename(target.with_name("final.csv"))
print(renamed.name, target.exists(), renamed.exists())
(base / "2025" / "notes.txt").unlink()
print(sorted(p.name for p in (base / "2025").iterdir()))

print(Path("/a/b") / "c", Path("a/./b/../c").as_posix(), PurePosixPath("/etc/hosts").is_absolute())
print(PureWindowsPath(r"C:\Users\ada\file.txt").parts, Path("a/b.tar.gz").suffixes)
print(Path("docs/guide.md").match("*.md"), Path("/usr/lib/python3").is_relative_to("/usr"))
