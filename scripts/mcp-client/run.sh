#!/usr/bin/env bash
# U2: drives PerfAspire with the official TypeScript MCP SDK client over Streamable HTTP and over stdio.
# The stdio pass is the README's Claude Desktop snippet as it stands: the MCP server packed and installed as the .NET
# tool perfaspire-mcp (a temporary tool path, from a folder feed), started as `perfaspire-mcp --stdio` with nothing
# but TIMESCALE_DSN, so it loads the bundle and searches the docs in its own process.
#
#   scripts/mcp-client/run.sh                 start everything itself: a throw-away PostgreSQL, the ingest, docs and
#                                             MCP services on free loopback ports, the small sample bundle
#   MCP_URL=http://127.0.0.1:5100/mcp scripts/mcp-client/run.sh
#                                             use a running product over HTTP (e.g. ./run.sh); the bundle is generated
#                                             under samples/ (the server must be allowed to read it). The stdio pass
#                                             also runs when TIMESCALE_DSN is set (that product's database).
# Besides the walk-through, the contract sweep (contract-sweep.mjs) calls every tool of tools/list in every outcome
# (before the load, loaded, during a load, empty, bad and hostile arguments, after the unload) on both transports (the
# wrong-type and hostile argument cases over the first only) and, when this script starts the services, against an mcp
# service whose docs service is down and one whose database is; over stdio too with the database down.
# Options (environment): SKIP_BUILD=1 (already built, e.g. by ./test.sh), WALKTHROUGH_OUT=DIR (transcripts + chart
# PNG, default a temp dir), CONFIGURATION=Debug|Release.
# Exits non-zero when any step fails; the services' logs are printed then.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/scripts/mcp-client"
cd "$root"
. scripts/prereqs.sh
ensure_prereqs
command -v node >/dev/null 2>&1 || { say "Node.js 20+ is required for the MCP client (apt-get install -y nodejs npm)"; exit 1; }

config=${CONFIGURATION:-Debug}
work=$(mktemp -d /tmp/perfaspire-u2.XXXXXX)
out=${WALKTHROUGH_OUT:-$work/out}
pids=()
pgpid=""
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    # The launcher stops its server and removes the throw-away instance on SIGTERM.
    if [ -n "$pgpid" ]; then kill -TERM "$pgpid" 2>/dev/null || true; wait "$pgpid" 2>/dev/null || true; fi
    if [ "$status" -ne 0 ]; then
        for log in "$work"/*.log; do [ -f "$log" ] && { echo "----- $log (last 40 lines)" >&2; tail -n 40 "$log" >&2; }; done
    fi
    rm -rf "$work/bundle" "$work/feed" "$work/tools"   # the packed and installed tool are some 500 MB
    [ "$status" -eq 0 ] && [ -z "${WALKTHROUGH_OUT:-}" ] && rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT INT TERM

say "installing the MCP client (npm)..."
# npm ci wipes node_modules: only when the lock file changed since the last install.
(cd "$here" && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error; fi) >&2

if [ -z "${SKIP_BUILD:-}" ]; then
    say "building the services ($config)..."
    for p in LocalPostgres Ingest Docs Mcp; do dotnet build "src/PerfAspire.$p" -c "$config" -v quiet -nologo -clp:ErrorsOnly; done
fi
# Assembly names are perfaspire-<service> (the launcher's is perfaspire-pg); docs builds for a runtime identifier
# (a deeper folder).
dll() { # Ingest|Docs|Mcp|LocalPostgres
    local name; name="perfaspire-$(echo "$1" | tr '[:upper:]' '[:lower:]').dll"
    [ "$1" = LocalPostgres ] && name=perfaspire-pg.dll
    local f; f=$(find "$root/src/PerfAspire.$1/bin/$config" -name "$name" -path '*net10.0*' 2>/dev/null | head -1)
    [ -n "$f" ] || { say "$name not found under src/PerfAspire.$1/bin/$config: build first (or unset SKIP_BUILD)"; return 1; }
    echo "$f"
}

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_http() { # url name pid [any: an error status will do]
    local fail=-f; [ "${4:-}" = any ] && fail=""
    for _ in $(seq 1 3000); do   # at most ~300 s: a cold docs service embeds its corpus first
        if curl $fail -sS -o /dev/null "$1" 2>/dev/null; then return 0; fi
        kill -0 "$3" 2>/dev/null || { say "$2 exited during start-up"; return 1; }
        sleep 0.1
    done
    say "$2 not healthy at $1 within 300 s"; return 1
}

say "generating the small sample bundle..."
mkdir -p "$work/bundle"
dotnet "$(dll Ingest)" generate --preset small --format tar.gz --out "$work/bundle" >"$work/generate.log" 2>&1
bundle=$(ls "$work"/bundle/*.tar.gz | head -1)
chmod -R a+rX "$work"

if [ -n "${MCP_URL:-}" ]; then
    # A running product reads the bundle from its own file system: keep it under samples/ of this checkout.
    mkdir -p samples && cp "$bundle" samples/ && bundle="$root/samples/$(basename "$bundle")"
    http_url="$MCP_URL"
    stdio_ok=""
    if [ -n "${TIMESCALE_DSN:-}" ]; then stdio_ok=1; fi
else
    # The product's own launcher (src/PerfAspire.LocalPostgres): the same authentication, TimescaleDB preload and
    # worker settings as the AppHost's local mode, in a throw-away instance removed when it stops.
    say "starting a throw-away PostgreSQL (perfaspire-pg)..."
    (umask 077 && : >"$work/pg.dsn")   # it will hold the password; the work directory is opened up for the bundle
    dotnet "$(dll LocalPostgres)" run --ephemeral --database ptops >"$work/pg.dsn" 2>"$work/pg.log" &
    pgpid=$!
    for _ in $(seq 1 1200); do   # at most ~120 s (initdb and the first start on a busy machine)
        [ -s "$work/pg.dsn" ] && break
        kill -0 "$pgpid" 2>/dev/null || { say "PostgreSQL did not start: $(cat "$work/pg.log")"; exit 1; }
        sleep 0.1
    done
    [ -s "$work/pg.dsn" ] || { say "PostgreSQL not ready within 120 s: $(cat "$work/pg.log")"; exit 1; }
    TIMESCALE_DSN=$(head -1 "$work/pg.dsn")
    export TIMESCALE_DSN
    export DATABASE_MODE=local ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    # The database is new every run; a file cache spares the docs service re-embedding its corpus each time.
    export Docs__EmbeddingCacheFile="${XDG_CACHE_HOME:-$HOME/.cache}/perfaspire/docs-embeddings.bin"
    mkdir -p "$(dirname "$Docs__EmbeddingCacheFile")"

    ingest_port=$(free_port); docs_port=$(free_port); mcp_port=$(free_port)
    # Two more mcp services for the contract sweep's docs_down and db_down outcomes: their docs service (and, for
    # db_down, database and ingest service) is a loopback port nothing listens on.
    dead_port=$(free_port); docs_down_port=$(free_port); db_down_port=$(free_port)
    dead="http://127.0.0.1:$dead_port"
    # The HTTP product's mcp service uses the ingest and docs services; the stdio pass gets none of this environment.
    export Mcp__IngestUrl="http://127.0.0.1:$ingest_port" Mcp__DocsUrl="http://127.0.0.1:$docs_port"
    start_service() { # project port log-name [VAR=value...]
        local d; d=$(dll "$1"); local port=$2 log=$3; shift 3
        (cd "$(dirname "$d")" && exec env "$@" dotnet "$d" --urls "http://127.0.0.1:$port") >"$work/$log.log" 2>&1 &
        pids+=($!)
    }
    say "starting ingest :$ingest_port, docs :$docs_port, mcp :$mcp_port (docs down :$docs_down_port, database down :$db_down_port)..."
    start_service Ingest "$ingest_port" Ingest
    start_service Docs "$docs_port" Docs
    start_service Mcp "$mcp_port" Mcp
    start_service Mcp "$docs_down_port" Mcp-docs-down Mcp__DocsUrl="$dead"
    start_service Mcp "$db_down_port" Mcp-db-down Mcp__DocsUrl="$dead" Mcp__IngestUrl="$dead" \
        TIMESCALE_DSN="Host=127.0.0.1;Port=$dead_port;Username=postgres;Password=none;Database=ptops;Timeout=2"
    wait_http "http://127.0.0.1:$ingest_port/health" ingest "${pids[0]}"
    wait_http "http://127.0.0.1:$docs_port/health" docs "${pids[1]}"
    wait_http "http://127.0.0.1:$mcp_port/health" mcp "${pids[2]}"
    wait_http "http://127.0.0.1:$docs_down_port/health" mcp-docs-down "${pids[3]}"
    # Its health is 503 (the database is down) once it listens: any answer will do.
    wait_http "http://127.0.0.1:$db_down_port/health" mcp-db-down "${pids[4]}" any
    http_url="http://127.0.0.1:$mcp_port/mcp"
    stdio_ok=1
fi

args=(--bundle "$bundle" --http "$http_url" --out "$out")
if [ -n "$stdio_ok" ]; then
    # What the README tells a user to do, into throw-away directories: pack, install from the folder feed (and from
    # nothing else), put the tool on PATH.
    say "packing and installing the perfaspire-mcp tool..."
    dotnet pack src/PerfAspire.Mcp -c "$config" --no-build --no-restore -o "$work/feed" -nologo -v quiet >"$work/pack.log" 2>&1 \
        || { say "dotnet pack failed"; exit 1; }
    version=$(basename "$(ls "$work"/feed/PerfAspire.Mcp.*.nupkg | head -1)" .nupkg); version=${version#PerfAspire.Mcp.}
    printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="feed" value="%s" /></packageSources></configuration>\n' \
        "$work/feed" >"$work/nuget.config"
    dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" PerfAspire.Mcp --version "$version" >"$work/tool.log" 2>&1 \
        || { say "dotnet tool install failed"; exit 1; }
    export PATH="$work/tools:$PATH"
    args+=(--stdio-readme "$root/README.md")
else
    say "skipping the stdio pass: set TIMESCALE_DSN to run it against a running product's database"
fi
say "running the walk-through and the contract sweep (transcripts and chart in $out)..."
node "$here/walkthrough.mjs" "${args[@]}"
if [ -z "${MCP_URL:-}" ]; then
    say "contract sweep with the docs service down, then with the database, docs and ingest services down..."
    node "$here/contract-sweep.mjs" --http "http://127.0.0.1:$docs_down_port/mcp" --phase docs_down --bundle "$bundle"
    node "$here/contract-sweep.mjs" --http "http://127.0.0.1:$db_down_port/mcp" --phase db_down
fi
if [ -n "$stdio_ok" ]; then
    say "contract sweep over stdio with the database down (TIMESCALE_DSN pointing where nothing listens)..."
    TIMESCALE_DSN="Host=127.0.0.1;Port=$(free_port);Username=postgres;Password=none;Database=ptops;Timeout=2" \
        node "$here/contract-sweep.mjs" --stdio "perfaspire-mcp --stdio" --phase db_down
fi
