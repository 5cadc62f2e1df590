#!/usr/bin/env bash
# Measures the user list (/Users) with and without search, at several account counts, with wrk.
#
#   bench/users-list.sh [COUNT ...]        default: 10000 1000000
#
# Environment: BENCH_DIR (databases and the published app; default /tmp/adminportal-bench, databases are reused
# between runs), DURATION (per URL, default 10s), CONNECTIONS (default 8), THREADS (default 2), PORT (default 5199),
# PROVIDER (Sqlite, the default, or PostgreSql), POSTGRES (with PostgreSql: a server's connection string without a
# database, default Host=127.0.0.1;Username=postgres;Password=postgres; one database per count, adminportal_bench_N,
# created when missing and reused).
# Needs wrk (apt-get install -y wrk), curl and the .NET SDK; psql with PostgreSql.
set -euo pipefail

counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(10000 1000000)
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/adminportal-bench}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-8}"
threads="${THREADS:-2}"
port="${PORT:-5199}"
base="http://127.0.0.1:$port"
root_password="bench-root-password"
provider="${PROVIDER:-Sqlite}"
postgres="${POSTGRES:-Host=127.0.0.1;Username=postgres;Password=postgres}"
case "$provider" in Sqlite|PostgreSql) ;; *) echo "PROVIDER must be Sqlite or PostgreSql" >&2; exit 2;; esac
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "Publishing the app (Release) to $work/app ..." >&2
dotnet publish "$repo/AdminPortal" -c Release -o "$work/app" --nologo -v quiet >&2

app_pid=""
stop_app() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; fi; }
trap stop_app EXIT

connection_string() { # the count's database
    if [ "$provider" = PostgreSql ]; then echo "$postgres;Database=adminportal_bench_$1"; else echo "Data Source=$work/users-$1.db"; fi
}

database_exists() {
    if [ "$provider" = PostgreSql ]; then
        psql_server -Atc "SELECT 1 FROM pg_database WHERE datname = 'adminportal_bench_$1'" | grep -q 1
    else
        [ -f "$work/users-$1.db" ]
    fi
}

psql_server() { # psql on the POSTGRES server, reading Host, Port, Username and Password from its connection string
    local host port user password
    host=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(host|server)$/ { print $2 }')
    port=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "port" { print $2 }')
    user=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(username|user id|user)$/ { print $2 }')
    password=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "password" { print $2 }')
    PGPASSWORD="$password" psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres "$@"
}

run_app() { # count, then the app's own arguments; exec, so a background job's pid is the app's own
    local count="$1"; shift
    exec env Database__Provider="$provider" ConnectionStrings__AdminPortal="$(connection_string "$count")" \
    AdminPortal__Root__Password="$root_password" \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$work/app/AdminPortal.dll" "$@"
}

printf '| provider | accounts | request | requests/s | mean latency | p99 latency |\n|---|---:|---|---:|---:|---:|\n'
for count in "${counts[@]}"; do
    if ! database_exists "$count"; then
        start=$(date +%s)
        [ "$provider" = Sqlite ] || psql_server -qc "CREATE DATABASE adminportal_bench_$count" >&2
        (run_app "$count" seed-demo "$count") >&2
        echo "Seeded $count accounts in $(( $(date +%s) - start )) s (including start-up and migration)." >&2
    fi

    ! curl -fs "$base/healthz" >/dev/null 2>&1 || { echo "Something already answers on $base; set PORT." >&2; exit 1; }
    (run_app "$count" --urls "$base") >"$work/app-$count.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 240); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "$base/healthz" >/dev/null || { echo "The app did not start; see $work/app-$count.log" >&2; exit 1; }

    jar="$work/cookies-$count.txt"; rm -f "$jar"
    token=$(curl -fs -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Login=root" \
        --data-urlencode "Input.Password=$root_password"
    session=$(awk '$6 == "AdminPortal.Session" { print $7 }' "$jar")
    [ -n "$session" ] || { echo "Could not sign in; see $work/app-$count.log" >&2; exit 1; }
    cookie="Cookie: AdminPortal.Session=$session"
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$base/Users")
    [ "$status" = 200 ] || { echo "/Users answered $status" >&2; exit 1; }

    for path in "/Users" "/Users?sort=created_desc&size=100" "/Users?page=50" "/Users?q=garc" "/Users?q=acme-sup&role=vendor" "/Users?q=ez"; do
        out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$cookie" "$base$path")
        rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
        mean=$(awk '$1 == "Latency" { print $2; exit }' <<<"$out")
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
        non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
        [ -z "$non2xx" ] || { echo "$path: $non2xx non-2xx answers" >&2; exit 1; }
        printf '| %s | %s | `%s` | %s | %s | %s |\n' "$provider" "$count" "$path" "$rps" "$mean" "$p99"
    done
    stop_app
done
