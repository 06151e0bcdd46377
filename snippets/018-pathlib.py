# Topic: pathlib in the working directory -- mkdir, write_text, glob, path parts, unlink
from pathlib import Path

root = Path("project")
(root / "src").mkdir(parents=True)
(root / "src" / "main.py").write_text("print('hi')\n", encoding="utf-8")
(root / "src" / "util.py").write_text("X = 1\n", encoding="utf-8")
(root / "README.md").write_text("# Project\n", encoding="utf-8")

for p in sorted(root.rglob("*.py")):
    print(p.as_posix(), p.stat().st_size, "bytes")

readme = root / "README.md"
print(readme.name, readme.stem, readme.suffix, readme.parent.as_posix())
print(readme.read_text(encoding="utf-8").strip())
print(readme.with_suffix(".txt").as_posix())
print(Path("a/b/c.tar.gz").suffixes, Path("a/b/c.tar.gz").parts)

readme.unlink()
print(readme.exists(), sorted(p.name for p in root.iterdir()))
