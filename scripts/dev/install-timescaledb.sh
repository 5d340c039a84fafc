#!/usr/bin/env bash
# Builds a TimescaleDB source tree against this machine's PostgreSQL and installs it into that PostgreSQL.
# For machines where TimescaleDB's own package cannot be installed (see DEVELOPERS.md for where the source
# comes from). Idempotent: when the installed extension already has the tree's version it does nothing.
#
#   scripts/dev/install-timescaledb.sh [--dry-run] [--force] <timescaledb-source-dir>
#
# Needs root (apt-get, make install). The PostgreSQL major version is taken from PG_CONFIG, else the newest
# /usr/lib/postgresql/<major>/bin/pg_config. A server then needs shared_preload_libraries = 'timescaledb'.
set -euo pipefail

dry=0; force=0; src=""
for arg in "$@"; do
    case "$arg" in
        --dry-run) dry=1 ;;
        --force) force=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "install-timescaledb: unknown option $arg" >&2; exit 2 ;;
        *) src="$arg" ;;
    esac
done
if [ -z "$src" ] || [ ! -f "$src/CMakeLists.txt" ] || [ ! -x "$src/bootstrap" ]; then
    echo "install-timescaledb: give the TimescaleDB source directory (it has CMakeLists.txt and bootstrap): $0 <dir>" >&2
    exit 2
fi
src=$(cd "$src" && pwd)

run() { if [ "$dry" = 1 ]; then echo "+ $*"; else "$@"; fi; }

version=$(sed -n 's/^version *= *//p' "$src/version.config" | head -1)
pg_config=${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -1 || true)}
if [ -z "$pg_config" ] || [ ! -x "$pg_config" ]; then
    # No server dev package yet: the apt step below brings pg_config for the installed server's major.
    major=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$major" ] || { echo "install-timescaledb: no PostgreSQL server under /usr/lib/postgresql; install it first" >&2; exit 2; }
    pg_config=/usr/lib/postgresql/$major/bin/pg_config
else
    major=$("$pg_config" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
fi
libdir=/usr/lib/postgresql/$major/lib
sharedir=/usr/share/postgresql/$major/extension

if [ "$force" = 0 ] && [ -f "$libdir/timescaledb-$version.so" ] && [ -f "$sharedir/timescaledb--$version.sql" ]; then
    echo "install-timescaledb: TimescaleDB $version is already installed for PostgreSQL $major ($libdir); nothing to do (--force rebuilds)"
    exit 0
fi

echo "install-timescaledb: building TimescaleDB $version from $src for PostgreSQL $major"
if ! dpkg -s "postgresql-server-dev-$major" >/dev/null 2>&1 || ! command -v cmake >/dev/null 2>&1; then
    run apt-get update
    run apt-get install -y "postgresql-server-dev-$major" cmake
fi
cd "$src"
run rm -rf build
run ./bootstrap -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$pg_config"
run make -C build -j"$(nproc)"
run make -C build install
echo "install-timescaledb: installed TimescaleDB $version into PostgreSQL $major. Servers need shared_preload_libraries = 'timescaledb' (local mode and the tests set it themselves)."
