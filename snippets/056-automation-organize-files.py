# Topic: an automation script with os/shutil/pathlib: sort files into folders by extension,
# with a dry-run mode, never overwriting an existing file.
import shutil
from pathlib import Path

inbox = Path("inbox")
inbox.mkdir()
for name in ["report.txt", "notes.TXT", "photo.jpg", "data.csv", "archive.tar.gz", "README"]:
    (inbox / name).write_text(f"contents of {name}\n")
(Path("sorted") / "txt").mkdir(parents=True)
(Path("sorted") / "txt" / "report.txt").write_text("an older report\n")


def organize(source: Path, target: Path, dry_run: bool) -> list[str]:
    actions = []
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        kind = path.suffix.lower().lstrip(".") or "no-extension"
        destination = target / kind / path.name
        if destination.exists():
            actions.append(f"skip {path.name}: {destination} exists")
            continue
        actions.append(f"move {path.name} -> {destination}")
        if not dry_run:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), destination)
    return actions


print("dry run:")
for line in organize(inbox, Path("sorted"), dry_run=True):
    print(" ", line)
organize(inbox, Path("sorted"), dry_run=False)
print("left in inbox:", sorted(p.name for p in inbox.iterdir()))
print("sorted tree:", sorted(str(p) for p in Path("sorted").rglob("*") if p.is_file()))
print("total bytes moved:", sum(p.stat().st_size for p in Path("sorted").rglob("*") if p.is_file()))
