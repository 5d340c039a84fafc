#!/usr/bin/env bash
# Builds and runs the whole test suite against a real PostgreSQL (TEST_DATABASE_URL, else a throw-away local
# server), then prints one summary line: "tests: N passed, N failed, N skipped". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prereqs.sh
ensure_prereqs

results=TestResults
rm -rf "$results"
start=$(date +%s)
say "building PerfAspire.sln..."
if ! dotnet build PerfAspire.sln -nologo -clp:ErrorsOnly; then
    say "build failed"
    echo "tests: 0 passed, 1 failed"
    exit 1
fi

status=0
dotnet test PerfAspire.sln --no-build -nologo \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" \
    --results-directory "$results" --blame-hang-timeout 10m || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    e=$(printf '%s' "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
    t=$(printf '%s' "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
    x=$(printf '%s' "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
done

# U2: a stock MCP client (the official TypeScript SDK, from npm) drives the built services over Streamable HTTP and
# stdio through a whole session; it counts as one test.
say "U2: MCP client walk-through (scripts/mcp-client/run.sh)..."
if SKIP_BUILD=1 scripts/mcp-client/run.sh >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # crashed or aborted run
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then say "no test ran"; status=1; failed=1; fi
say "test run took $(( $(date +%s) - start )) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
