#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine, then one job:
#   bash .ci/setup.sh run    installs what is missing, builds (release), runs snipcheck on the project's bank
#   bash .ci/setup.sh test   installs what is missing, builds and runs the whole test suite through
#                            ctest, once as a developer build and once under ASan/UBSan, and runs
#                            each fuzz target for FUZZ_SECONDS (default 60) in between
# Idempotent: apt-get runs only when a package is missing. Run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

job="${1:-run}"
case "$job" in run|test) ;; *) echo "usage: bash .ci/setup.sh run|test" >&2; exit 2 ;; esac

# Every dependency is a Debian package: the toolchain, Debian's Python (the one the worker
# embeds), and the libraries the build finds through CMake.
packages=(
  g++ cmake ninja-build dpkg-dev
  python3 python3-dev
  pybind11-dev libspdlog-dev libfmt-dev catch2
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libexpected-dev libdtl-dev libpugixml-dev
  libmd4c-dev
  libseccomp-dev   # the sandbox's syscall filter (issue 5)
  libre2-dev       # linear-time regular expressions for untrusted text (issue 9)
  help2man         # the man page, written from --help at build time (cmake/Install.cmake; issue 12)
)
# The fuzz targets (libFuzzer in clang's runtime, .ci/fuzz.sh) are built by the test job only,
# and only it opens the --html reports in headless Chromium (tests/e2e/html_test.cpp).
if [ "$job" = test ]; then packages+=(clang libclang-rt-14-dev chromium); fi
# The python3-* packages that the audited material's examples import (one list, one place).
while read -r package; do
  case "$package" in ''|'#'*) ;; *) packages+=("$package") ;; esac
done < .ci/python-packages.txt
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "setup: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$job" = run ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release
  exec ./build-release/snipcheck run .
fi
cmake --workflow --preset dev
# Every reader of untrusted input under libFuzzer + ASan/UBSan for a bounded time (issue 9).
FUZZ_SECONDS="${FUZZ_SECONDS:-60}" bash .ci/fuzz.sh
cmake --workflow --preset asan-ubsan
