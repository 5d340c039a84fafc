# Shared by ./run.sh and ./test.sh: installs what a fresh Debian 12 machine with only the .NET 10 SDK lacks.
# Idempotent and quiet when everything is there: apt-get runs only for something missing.

say() { printf 'PerfAspire: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else say "need root to run: $* (run as root or install sudo)"; return 1
    fi
}

apt_updated=""
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        say "missing: $* and this is not a Debian/Ubuntu machine; install it with your package manager"
        return 1
    fi
    if [ -z "$apt_updated" ]; then
        say "apt-get update (installing: $*)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

have_postgres_server() {
    if [ -n "${PG_BIN:-}" ]; then [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/postgres" ]; return; fi
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && return 0
    done
    command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1
}

ensure_prereqs() {
    if ! command -v dotnet >/dev/null 2>&1; then
        say "the .NET 10 SDK is required (dotnet not found on PATH): https://dot.net/download"
        return 1
    fi
    local missing=()
    # Local database mode runs the machine's own PostgreSQL server (no Docker needed).
    have_postgres_server || missing+=(postgresql)
    # Root drops to the postgres user with setpriv/runuser (util-linux).
    command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
    # A server package installed by hand may lack the system user the server runs as.
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then missing+=(postgresql-common); fi
    if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
    if ! have_postgres_server; then
        say "PostgreSQL server binaries still not found; set PG_BIN to the directory holding initdb and postgres"
        return 1
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
