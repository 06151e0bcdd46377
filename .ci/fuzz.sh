#!/usr/bin/env bash
# Builds the fuzz preset (clang++, libFuzzer, ASan+UBSan) and runs every target of tests/fuzz/
# for a bounded time; fails when any target crashes, leaks, trips a sanitizer or times out.
#   bash .ci/fuzz.sh                 every target, FUZZ_SECONDS (default 60) each
#   FUZZ_SECONDS=600 bash .ci/fuzz.sh markdown claims
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>/, with every crash ever
# found kept as a regression input), copied to a temporary directory so the run never writes into
# the repository; the seed directory is passed again as a second, read-only corpus. A crash
# leaves its input in $FUZZ_ARTIFACTS (default: a temporary directory, printed).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
((${#targets[@]} > 0)) || targets=(article markdown claims settings protocol)

# clang and libFuzzer come from Debian's clang and libclang-rt-14-dev (installed with clang-14).
if [ ! -x /usr/bin/clang++ ] || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: needs Debian's clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

work="$(mktemp -d "${TMPDIR:-/tmp}/snipcheck-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
artifacts="${FUZZ_ARTIFACTS:-$work/artifacts}"
mkdir -p "$artifacts"
failed=()
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  [ -d "$seeds" ] || { echo "fuzz: no corpus directory $seeds" >&2; exit 2; }
  corpus="$work/corpus-$target"
  mkdir -p "$corpus"
  cp -R "$seeds/." "$corpus/"
  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  echo "fuzz: $target for ${seconds}s" >&2
  # First pass: every seed and regression input once (a fixed crash must stay fixed), then fuzz.
  if ! ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "build-fuzz/tests/fuzz/${target}_fuzz" "$corpus" "$seeds" \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 -max_len=262144 -len_control=10 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict[@]}" >"$work/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$work/$target.log" >&2
  else
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$work/$target.log" | sed "s/^/fuzz: $target: /" >&2 || true
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: crashes in ${failed[*]}; inputs in $artifacts" >&2
  [ -n "${FUZZ_ARTIFACTS:-}" ] || { cp -R "$artifacts" "${TMPDIR:-/tmp}/snipcheck-fuzz-artifacts.$$"; echo "fuzz: copied to ${TMPDIR:-/tmp}/snipcheck-fuzz-artifacts.$$" >&2; }
  exit 1
fi
echo "fuzz: ${targets[*]}: no crash in ${seconds}s each" >&2
