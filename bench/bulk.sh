#!/usr/bin/env bash
# Times a bulk disable of COUNT accounts ("select all matching", then Disable) from the POST until its batch is finished,
# and reports the app's peak memory (VmHWM).
#
#   bench/bulk.sh [COUNT ...]        default: 10000 (the most one action takes)
#
# Each count seeds COUNT-1 demo accounts once (`seed-demo`; with the principal the unfiltered list holds COUNT) into a
# template database, and runs on a fresh copy of it (a disable changes the data) and a fresh app process. The batch
# runs in the background in transactions of 250 accounts; the script follows its result page, as a browser without
# JavaScript does, until it no longer shows the progress. Environment: BENCH_DIR (default /tmp/adminportal-bench), PORT
# (default 5198), PROVIDER (Sqlite, the default, or PostgreSql) and POSTGRES as in bench/export.sh.
# Needs curl and the .NET SDK (psql with PostgreSql). Linux only (reads /proc/PID/status).
set -euo pipefail

counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(10000)
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

psql_server() { # psql on the POSTGRES server, reading Host, Port, Username and Password from its connection string
    local host port user password
    host=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(host|server)$/ { print $2 }')
    port=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "port" { print $2 }')
    user=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(username|user id|user)$/ { print $2 }')
    password=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "password" { print $2 }')
    PGPASSWORD="$password" psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres "$@"
}

# name: bulk_template_COUNT (seeded once) or bulk_run_COUNT (a fresh copy per run)
connection_string() {
    if [ "$provider" = PostgreSql ]; then echo "$postgres;Database=adminportal_$1"; else echo "Data Source=$work/$1.db"; fi
}

template_exists() {
    if [ "$provider" = PostgreSql ]; then
        psql_server -Atc "SELECT 1 FROM pg_database WHERE datname = 'adminportal_$1'" | grep -q 1
    else
        [ -f "$work/$1.db" ]
    fi
}

copy_database() { # template, copy
    if [ "$provider" = PostgreSql ]; then
        psql_server -qc "DROP DATABASE IF EXISTS adminportal_$2" >&2
        psql_server -qc "CREATE DATABASE adminportal_$2 TEMPLATE adminportal_$1" >&2
    else
        rm -f "$work/$2.db" "$work/$2.db-wal" "$work/$2.db-shm"
        cp "$work/$1.db" "$work/$2.db"
    fi
}

run_app() { # database name, then the app's own arguments; exec, so a background job's pid is the app's own
    local database="$1"; shift
    exec env Database__Provider="$provider" ConnectionStrings__AdminPortal="$(connection_string "$database")" \
    AdminPortal__Root__Password="$root_password" AdminPortal__RequireTwoFactorFor=None \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="${BENCH_LOG_LEVEL:-Warning}" \
    dotnet "$work/app/AdminPortal.dll" "$@"
}

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$app_pid/status"; }
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
now() { date +%s.%N; }

printf '| provider | accounts selected | done | refused | unchanged | POST answered | batch finished | accounts/s | RSS before | peak RSS (VmHWM) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for count in "${counts[@]}"; do
    template="bulk_template_$count"; run="bulk_run_$count"
    if ! template_exists "$template"; then
        start=$(date +%s)
        [ "$provider" = Sqlite ] || psql_server -qc "CREATE DATABASE adminportal_$template" >&2
        (run_app "$template" seed-demo "$(( count - 1 ))") >&2
        echo "Seeded $(( count - 1 )) accounts in $(( $(date +%s) - start )) s (including start-up and migration)." >&2
    fi
    copy_database "$template" "$run"

    ! curl -fs "$base/healthz" >/dev/null 2>&1 || { echo "Something already answers on $base; set PORT." >&2; exit 1; }
    (run_app "$run" --urls "$base") >"$work/bulk-app-$count.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 240); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "$base/healthz" >/dev/null || { echo "The app did not start; see $work/bulk-app-$count.log" >&2; exit 1; }

    jar="$work/bulk-cookies-$count.txt"; rm -f "$jar"
    token=$(curl -fs -c "$jar" -b "$jar" "$base/Identity/Account/Login" | token_of)
    curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Login=root" \
        --data-urlencode "Input.Password=$root_password"
    grep -q AdminPortal.Session "$jar" || { echo "Could not sign in; see $work/bulk-app-$count.log" >&2; exit 1; }

    # Warm-up (JIT, connection pool): the list and a confirmation page, which reads the whole selection.
    curl -fs -o /dev/null -b "$jar" "$base/Users"
    confirmation=$(curl -fs -c "$jar" -b "$jar" "$base/Users/Bulk?bulk=disable&all=true")
    grep -q "Disable these $count accounts" <<<"$confirmation" \
        || { echo "The confirmation does not name $count accounts (one action takes at most 10,000)." >&2; exit 1; }
    token=$(token_of <<<"$confirmation")
    before=$(kib VmRSS)

    start=$(now)
    location=$(curl -fs -o /dev/null -b "$jar" -w '%{redirect_url}' "$base/Users/Bulk" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "bulk=disable" --data-urlencode "all=true")
    answered=$(now)
    case "$location" in *"/Users/BulkResult?batch="*) ;; *) echo "The POST did not lead to the result page: '$location'" >&2; exit 1;; esac
    while page=$(curl -fs -b "$jar" "$location") && grep -q 'id="batch-progress"' <<<"$page"; do sleep 0.2; done
    finished=$(now)
    grep -q 'id="done"' <<<"$page" || { echo "The result page shows no result; see $work/bulk-app-$count.log" >&2; exit 1; }
    grep -q 'id="interrupted"' <<<"$page" && { echo "The batch was interrupted; see $work/bulk-app-$count.log" >&2; exit 1; }
    peak=$(kib VmHWM)
    number() { grep -o "id=\"$1\">[^<]*" <<<"$page" | grep -o '[0-9][0-9,]*$' | tr -d ,; }
    done_count=$(number done); refused=$(number refused); unchanged=$(number unchanged)
    printf '| %s | %s | %s | %s | %s | %.2f s | %.1f s | %s | %s MiB | %s MiB |\n' "$provider" "$count" "$done_count" "$refused" "$unchanged" \
        "$(awk -v a="$answered" -v s="$start" 'BEGIN { print a - s }')" "$(awk -v f="$finished" -v s="$start" 'BEGIN { print f - s }')" \
        "$(awk -v n="$count" -v f="$finished" -v s="$start" 'BEGIN { printf "%d", n / (f - s) }')" "$(( before / 1024 ))" "$(( peak / 1024 ))"
    stop_app
done
