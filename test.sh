#!/usr/bin/env bash
# Builds and runs the whole test suite against a real PostgreSQL (TEST_DATABASE_URL, else a throw-away local
# server), then prints one summary line: "tests: N passed, N failed, N skipped". Exits non-zero on any failure.
# Flavours: every test runs on plain PostgreSQL; when the machine has TimescaleDB installed (timescaledb.so and its
# control file), the database tests (trait Category=database) run a second time on a server that preloads it.
# The summary counts both passes. With TEST_DATABASE_URL there is one pass, on whatever that server is.
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
# Code style (.editorconfig) is part of the suite: `dotnet format PerfAspire.sln` fixes what this reports.
say "checking code style (dotnet format --verify-no-changes)..."
if ! dotnet format PerfAspire.sln --verify-no-changes --no-restore; then
    say "code style: run 'dotnet format PerfAspire.sln' and commit the changes"
    echo "tests: 0 passed, 1 failed"
    exit 1
fi

# The machine's TimescaleDB: the library in the server's lib directory and the extension's control file.
timescale_installed() {
    local bin="${PG_BIN:-}"
    if [ -z "$bin" ]; then
        bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
    fi
    [ -n "$bin" ] || return 1
    local base ver; base=$(dirname "$bin"); ver=$(basename "$base")
    [ -f "$base/lib/timescaledb.so" ] || return 1
    [ -f "/usr/share/postgresql/$ver/extension/timescaledb.control" ] || [ -f "$base/share/extension/timescaledb.control" ]
}

status=0
flavours=()
run_pass() { # flavour [filter]
    local flavour=$1 filter=${2:-}
    local args=(--no-build -nologo --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx"
        --results-directory "$results/$flavour" --blame-hang-timeout 10m)
    [ -n "$filter" ] && args+=(--filter "$filter")
    say "tests on $flavour${filter:+ ($filter)}..."
    PERFASPIRE_TEST_FLAVOUR=${flavour/external/} dotnet test PerfAspire.sln "${args[@]}" || status=$?
    flavours+=("$flavour")
}
if [ -n "${TEST_DATABASE_URL:-}" ]; then
    say "TEST_DATABASE_URL is set: one pass on that server"
    run_pass external
elif timescale_installed; then
    run_pass plain
    run_pass timescale "Category=database"
else
    say "TimescaleDB is not installed here: database tests run on plain PostgreSQL only"
    run_pass plain
fi

passed=0; failed=0; skipped=0
for flavour in "${flavours[@]}"; do
  fp=$passed; ff=$failed; fs=$skipped
  for trx in "$results/$flavour"/*.trx "$results/$flavour"/*/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    e=$(printf '%s' "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
    t=$(printf '%s' "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
    x=$(printf '%s' "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
  done
  say "flavour $flavour: $((passed - fp)) passed, $((failed - ff)) failed, $((skipped - fs)) skipped"
done

# U2: a stock MCP client (the official TypeScript SDK, from npm) drives the built services over Streamable HTTP and
# stdio through a whole session; it counts as one test.
say "U2: MCP client walk-through (scripts/mcp-client/run.sh)..."
if SKIP_BUILD=1 scripts/mcp-client/run.sh >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # crashed or aborted run
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then say "no test ran"; status=1; failed=1; fi
say "flavours: ${flavours[*]} (+ U2)"
say "test run took $(( $(date +%s) - start )) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
