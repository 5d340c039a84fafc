#!/usr/bin/env bash
# Runs PerfAspire: the Aspire AppHost in auto database mode (container when Docker answers, else the
# machine's own PostgreSQL). Extra arguments go to the AppHost, e.g. ./run.sh --Database:Mode=external
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prereqs.sh
ensure_prereqs

# The dashboard serves plain HTTP on localhost (no developer certificate on a headless box).
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
say "building (first run restores NuGet packages)..."
dotnet build src/PerfAspire.AppHost -v quiet -nologo -clp:ErrorsOnly
say "starting: dashboard http://localhost:18888 (login link below), MCP http://127.0.0.1:5100/mcp once ready. Ctrl+C stops everything."
exec dotnet run --project src/PerfAspire.AppHost --no-build -- "$@"
