#!/usr/bin/env bash
# Runs PerfAspire: the Aspire AppHost in auto database mode (container when Docker answers, else the
# machine's own PostgreSQL, whose data is kept per user across runs). Extra arguments go to the AppHost,
# e.g. ./run.sh --Database:Mode=external
#   ./run.sh --reset-data    wipes local mode's kept data directory first, then starts (docs/database.md)
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prereqs.sh
ensure_prereqs

# The dashboard serves plain HTTP on localhost (no developer certificate on a headless box).
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
say "building (first run restores NuGet packages)..."
dotnet build src/PerfAspire.AppHost -v quiet -nologo -clp:ErrorsOnly
say "starting: dashboard http://localhost:18888 (login link below), MCP http://127.0.0.1:5100/mcp once ready. Ctrl+C stops everything."
args=()
for a in "$@"; do
    if [ "$a" = "--reset-data" ]; then args+=("--Database:ResetData=true"); else args+=("$a"); fi
done
exec dotnet run --project src/PerfAspire.AppHost --no-build -- "${args[@]}"
