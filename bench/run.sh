#!/usr/bin/env bash
# npm run bench: generator and generated-service benchmarks (not part of the test suite).
# Figures go to bench/results/ (JSON per part + summary.md); see BENCHMARKS.md for the method.
#
#   BENCH_ONLY=generator|openapi|peers|services|tracing   run one part
#   BEFORE_REF (tracing: the commit whose generated service is "before"), BENCH_TRACE_ROUNDS (3)
#   BENCH_RUNS (5) BENCH_PEER_RUNS (3) BENCH_DURATION (10 s) BENCH_CONNECTIONS (10)
#   BENCH_LAT_SECONDS (4) BENCH_MEM_REQUESTS (100000) BENCH_CPU_PROF=1 (profile the service)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# Every process this script starts is a descendant of it: on exit or interruption, end them by id.
kill_tree() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill_tree "$child"; done
  [ "$pid" = "$$" ] || kill "$pid" 2>/dev/null || true
}
WORK=""
cleanup() {
  trap - EXIT INT TERM
  kill_tree $$
  [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -d ../shared/corpus ] || [ ! -f ../shared/upstream/lago/openapi.yaml ]; then
  echo "bench: needs ../shared/corpus and ../shared/upstream/lago/openapi.yaml beside the repository" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time (peak RSS of child processes)" >&2
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
[ -d bench/node_modules ] || npm ci --prefix bench --no-audit --no-fund
# The newest orval and @hey-api/openapi-ts need Node >= 22.18: their own directory, run on Node 24.
[ -d bench/node24/node_modules ] || npm ci --prefix bench/node24 --no-audit --no-fund --ignore-scripts
[ -n "$(node scripts/node-binaries.mjs path 24)" ] || node scripts/node-binaries.mjs install
[ -d node_modules ] || npm ci --no-audit --no-fund

RESULTS=bench/results
mkdir -p "$RESULTS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/naftiko-bench.XXXXXX")

# The generator and the seed project under test are a snapshot of a commit (HEAD unless
# BENCH_REF is set), built once: the working tree may change while the bench runs.
REF=${BENCH_REF:-HEAD}
export BENCH_COMMIT
BENCH_COMMIT=$(git rev-parse --short "$REF")
export BENCH_TREE="$WORK/tree"
mkdir -p "$BENCH_TREE"
git archive "$REF" | tar -x -C "$BENCH_TREE"
ln -s "$ROOT/node_modules" "$BENCH_TREE/node_modules"
# The same build as `npm run build`: tsc, then (on commits that have it) the single-file bundle.
(cd "$BENCH_TREE" && node node_modules/typescript/bin/tsc -p tsconfig.build.json && { [ ! -f scripts/bundle.mjs ] || node scripts/bundle.mjs; })
# The CLI's V8 code cache goes to the work directory: the first run really is a first run.
export NAFTIKO_GEN_CACHE_DIR="$WORK/v8-code-cache"
echo "bench: generator snapshot of $BENCH_COMMIT built in $BENCH_TREE" >&2
node -e 'import("./bench/lib/measure.mjs").then(m => m.writeJson(process.argv[1], m.machine()))' "$RESULTS/machine.json"

# Each step runs in the background and is waited for, so a signal to this script is handled at
# once (bash defers traps while a foreground command runs).
step() {
  "$@" &
  wait $!
}
only=${BENCH_ONLY:-all}
if [ "$only" = all ] || [ "$only" = generator ]; then
  step node bench/generator.mjs "$WORK/generator" "$RESULTS/generator.json"
fi
if [ "$only" = all ] || [ "$only" = openapi ]; then
  step node bench/openapi.mjs "$WORK/openapi" "$RESULTS/openapi.json"
fi
if [ "$only" = all ] || [ "$only" = peers ]; then
  step node bench/peers.mjs "$WORK/peers" "$RESULTS/peers.json"
fi
if [ "$only" = all ] || [ "$only" = services ]; then
  step node bench/services.mjs "$WORK/services" "$RESULTS/services.json"
fi
if [ "$only" = all ] || [ "$only" = tracing ]; then
  step node bench/tracing.mjs "$WORK/tracing" "$RESULTS/tracing.json"
fi
node bench/report.mjs "$RESULTS" > "$RESULTS/summary.md"
cat "$RESULTS/summary.md"
echo "bench: results in $ROOT/$RESULTS (summary.md, *.json)" >&2
