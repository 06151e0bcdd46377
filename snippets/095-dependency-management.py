# Topic: managing dependencies: a requirements file with pinned and ranged versions and
# environment markers, checked against what is installed (importlib.metadata) with the
# packaging library pip itself uses.
from importlib import metadata

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

REQUIREMENTS = """\
# direct dependencies, pinned for a reproducible deploy
requests==2.28.1
numpy>=1.22,<2
packaging>=23
tomli>=1.1; python_version < "3.11"
pywin32>=300; sys_platform == "win32"
"""

environment = {"python_version": "3.11", "sys_platform": "linux"}
for line in REQUIREMENTS.splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    req = Requirement(line)
    if req.marker and not req.marker.evaluate(environment):
        print(f"{req.name:10} skipped here (marker: {req.marker})")
        continue
    try:
        installed = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        print(f"{req.name:10} missing")
        continue
    ok = req.specifier.contains(installed)
    print(f"{req.name:10} wants {str(req.specifier):12} -> {'satisfied' if ok else 'CONFLICT'}")

spec = SpecifierSet("~=2.28.0")          # compatible release: >=2.28.0, ==2.28.*
print("~=2.28.0 accepts:", [v for v in ["2.27.9", "2.28.0", "2.28.5", "2.29.0"] if v in spec])
print("pre-releases sort first:", sorted(["1.0", "1.0rc1", "1.0.post1", "0.9"], key=Version))
print("marker for 3.8:", Marker('python_version < "3.11"').evaluate({"python_version": "3.8"}))
