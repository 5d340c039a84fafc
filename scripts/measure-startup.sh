#!/usr/bin/env bash
# Start-up time (P6 of docs/quality-bar.md): wall time from `dotnet run --project src/PerfAspire.AppHost` (local database mode, already
# built) until the AppHost reports every resource healthy. Usage: scripts/measure-startup.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh
ensure_prereqs
runs=${1:-3}
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
dotnet build src/PerfAspire.AppHost -v quiet -nologo -clp:ErrorsOnly

times=()
for i in $(seq 1 "$runs"); do
    log=$(mktemp)
    start=$(date +%s.%N)
    dotnet run --project src/PerfAspire.AppHost --no-build -- --Database:Mode=local >"$log" 2>&1 &
    pid=$!
    ready=""
    for _ in $(seq 1 6000); do   # at most 600 s
        if grep -q "resources healthy after" "$log"; then ready=$(date +%s.%N); break; fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -z "$ready" ]; then say "run $i: not healthy within 600 s"; cat "$log" >&2; rm -f "$log"; exit 1; fi
    t=$(awk -v a="$start" -v b="$ready" 'BEGIN { printf "%.1f", b - a }')
    say "run $i: $(grep -o 'all .* healthy after [0-9.]* s' "$log") ; wall time from dotnet run: $t s"
    times+=("$t")
    rm -f "$log"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "P6 startup (local mode, dotnet run to all healthy): median ${median} s over ${runs} runs: ${times[*]}"
