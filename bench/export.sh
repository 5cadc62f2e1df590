#!/usr/bin/env bash
# Times the CSV export of every account (/Users?handler=Export) and reports the app's peak memory (VmHWM) during it.
#
#   bench/export.sh [COUNT ...]        default: 1000000
#
# Each count runs on a fresh app process (so its peak RSS is the export's, not an earlier run's), after one warm-up
# export of a filtered list. Seeds with `dotnet AdminPortal.dll seed-demo COUNT`, as bench/users-list.sh does, and
# reuses its databases. Environment: BENCH_DIR (default /tmp/adminportal-bench), PORT (default 5198), PROVIDER
# (Sqlite, the default, or PostgreSql) and POSTGRES as in bench/users-list.sh.
# Needs curl and the .NET SDK (psql with PostgreSql). Linux only (reads /proc/PID/status).
set -euo pipefail

counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(1000000)
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/adminportal-bench}"
port="${PORT:-5198}"
base="http://127.0.0.1:$port"
root_password="bench-root-password"
provider="${PROVIDER:-Sqlite}"
postgres="${POSTGRES:-Host=127.0.0.1;Username=postgres;Password=postgres}"
case "$provider" in Sqlite|PostgreSql) ;; *) echo "PROVIDER must be Sqlite or PostgreSql" >&2; exit 2;; esac
mkdir -p "$work"

echo "Publishing the app (Release) to $work/app ..." >&2
dotnet publish "$repo/AdminPortal" -c Release -o "$work/app" --nologo -v quiet >&2

app_pid=""
stop_app() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; fi; }
trap stop_app EXIT

connection_string() {
    if [ "$provider" = PostgreSql ]; then echo "$postgres;Database=adminportal_bench_$1"; else echo "Data Source=$work/users-$1.db"; fi
}

psql_server() { # psql on the POSTGRES server, reading Host, Port, Username and Password from its connection string
    local host port user password
    host=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(host|server)$/ { print $2 }')
    port=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "port" { print $2 }')
    user=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(username|user id|user)$/ { print $2 }')
    password=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "password" { print $2 }')
    PGPASSWORD="$password" psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres "$@"
}

database_exists() {
    if [ "$provider" = PostgreSql ]; then
        psql_server -Atc "SELECT 1 FROM pg_database WHERE datname = 'adminportal_bench_$1'" | grep -q 1
    else
        [ -f "$work/users-$1.db" ]
    fi
}

run_app() { # count, then the app's own arguments; exec, so a background job's pid is the app's own
    local count="$1"; shift
    exec env Database__Provider="$provider" ConnectionStrings__AdminPortal="$(connection_string "$count")" \
    AdminPortal__Root__Password="$root_password" AdminPortal__RequireTwoFactorFor=None \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$work/app/AdminPortal.dll" "$@"
}

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$app_pid/status"; }

printf '| provider | accounts | rows exported | bytes | time | rows/s | RSS before | peak RSS (VmHWM) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
for count in "${counts[@]}"; do
    if ! database_exists "$count"; then
        start=$(date +%s)
        [ "$provider" = Sqlite ] || psql_server -qc "CREATE DATABASE adminportal_bench_$count" >&2
        (run_app "$count" seed-demo "$count") >&2
        echo "Seeded $count accounts in $(( $(date +%s) - start )) s (including start-up and migration)." >&2
    fi

    ! curl -fs "$base/healthz" >/dev/null 2>&1 || { echo "Something already answers on $base; set PORT." >&2; exit 1; }
    (run_app "$count" --urls "$base") >"$work/export-app-$count.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 240); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "$base/healthz" >/dev/null || { echo "The app did not start; see $work/export-app-$count.log" >&2; exit 1; }

    jar="$work/export-cookies-$count.txt"; rm -f "$jar"
    token=$(curl -fs -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Login=root" \
        --data-urlencode "Input.Password=$root_password"
    session=$(awk '$6 == "AdminPortal.Session" { print $7 }' "$jar")
    [ -n "$session" ] || { echo "Could not sign in; see $work/export-app-$count.log" >&2; exit 1; }
    cookie="Cookie: AdminPortal.Session=$session"

    # Warm-up (JIT, connection pool): a small filtered export.
    curl -fs -o /dev/null -H "$cookie" "$base/Users?handler=Export&role=admin"
    before=$(kib VmRSS)

    out="$work/export-$count.csv"
    timing=$(curl -fs -o "$out" -H "$cookie" -w '%{http_code} %{time_total} %{size_download}' "$base/Users?handler=Export")
    read -r status seconds bytes <<<"$timing"
    [ "$status" = 200 ] || { echo "The export answered $status" >&2; exit 1; }
    peak=$(kib VmHWM)
    rows=$(( $(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))))' "$out") - 1 ))
    printf '| %s | %s | %s | %s | %.1f s | %s | %s MiB | %s MiB |\n' "$provider" "$count" "$rows" "$bytes" "$seconds" \
        "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%d", r / s }')" "$(( before / 1024 ))" "$(( peak / 1024 ))"
    rm -f "$out"
    stop_app
done
