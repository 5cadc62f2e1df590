#!/usr/bin/env bash
# The performance benchmark (issue 11): every user-list request family, the suggest endpoint, the audit log and its
# filters, an account's history, the notifications page and the dashboard; single-connection medians after a warm-up,
# /Users throughput with 8 connections, start-up time and peak memory; at each account count, then one table with the
# largest count's medians beside the smallest's and their ratio.
#
#   bench/users-list.sh [COUNT ...]        default: 10000 1000000
#
# seed-demo writes ten audit entries per account, so 1,000,000 accounts come with 10,000,000 audit entries.
# Environment: APP_DIR (an already published app to measure instead of publishing this checkout), BENCH_DIR (databases and the published app; default /tmp/adminportal-bench; databases are kept and reused),
# DURATION (per request family, default 5s), WARMUP (seconds of requests before measuring, default 30), PORT (default
# 5199), PROVIDER (Sqlite, the default, or PostgreSql), POSTGRES (with PostgreSql: a server's connection string without a
# database, default Host=127.0.0.1;Username=postgres;Password=postgres; one database per count, adminportal_bench_N).
# Needs wrk (apt-get install -y wrk), curl and the .NET SDK; sqlite3 or psql to look up a demo account's name.
set -euo pipefail

counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(10000 1000000)
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/adminportal-bench}"
duration="${DURATION:-5s}"
warmup="${WARMUP:-30}"
port="${PORT:-5199}"
base="http://127.0.0.1:$port"
root_password="bench-root-password"
provider="${PROVIDER:-Sqlite}"
postgres="${POSTGRES:-Host=127.0.0.1;Username=postgres;Password=postgres}"
case "$provider" in Sqlite|PostgreSql) ;; *) echo "PROVIDER must be Sqlite or PostgreSql" >&2; exit 2;; esac
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

app="${APP_DIR:-$work/app}"
if [ -z "${APP_DIR:-}" ]; then
    echo "Publishing the app (Release) to $app ..." >&2
    dotnet publish "$repo/AdminPortal" -c Release -o "$app" --nologo -v quiet >&2
fi

app_pid=""
stop_app() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; fi; }
trap stop_app EXIT

psql_server() { # psql on the POSTGRES server, reading Host, Port, Username and Password from its connection string
    local host port user password
    host=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(host|server)$/ { print $2 }')
    port=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "port" { print $2 }')
    user=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) ~ /^(username|user id|user)$/ { print $2 }')
    password=$(tr ';' '\n' <<<"$postgres" | awk -F= 'tolower($1) == "password" { print $2 }')
    PGPASSWORD="$password" psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" "$@"
}

connection_string() { # the count's database
    if [ "$provider" = PostgreSql ]; then echo "$postgres;Database=adminportal_bench_$1"; else echo "Data Source=$work/users-$1.db"; fi
}

database_exists() {
    if [ "$provider" = PostgreSql ]; then
        psql_server -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'adminportal_bench_$1'" | grep -q 1
    else
        [ -f "$work/users-$1.db" ]
    fi
}

query_database() { # count, SQL: one value
    if [ "$provider" = PostgreSql ]; then psql_server -d "adminportal_bench_$1" -Atc "$2"; else sqlite3 "$work/users-$1.db" "$2"; fi
}

# The benchmark signs root in with its password alone: the second-factor policy is for people, not for this script.
run_app() { # count, then the app's own arguments; exec, so a background job's pid is the app's own
    local count="$1"; shift
    exec env Database__Provider="$provider" ConnectionStrings__AdminPortal="$(connection_string "$count")" \
    AdminPortal__Root__Password="$root_password" AdminPortal__RequireTwoFactorFor=None \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$app/AdminPortal.dll" "$@"
}

start_app() { # count; sets app_pid, and started_ms: the milliseconds from start to the first 200 on /healthz
    ! curl -fs "$base/healthz" >/dev/null 2>&1 || { echo "Something already answers on $base; set PORT." >&2; exit 1; }
    local started; started=$(date +%s%N)
    (run_app "$1" --urls "$base") >>"$work/app-$1.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 2400); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.01; done
    curl -fs "$base/healthz" >/dev/null || { echo "The app did not start; see $work/app-$1.log" >&2; exit 1; }
    started_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

ms() { # wrk's latency ("812.00us", "1.20ms", "2.01s") in milliseconds
    awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f\n", v }'
}

results="$work/results-$provider"
mkdir -p "$results"
for count in "${counts[@]}"; do
    if ! database_exists "$count"; then
        start=$(date +%s)
        [ "$provider" = Sqlite ] || psql_server -d postgres -qc "CREATE DATABASE adminportal_bench_$count" >&2
        (run_app "$count" seed-demo "$count") >&2
        echo "Seeded $count accounts and their audit history in $(( $(date +%s) - start )) s." >&2
    fi

    # Start-up: five cold starts of the published app on the migrated database, the median to the first /healthz 200.
    starts=()
    for _ in 1 2 3 4 5; do start_app "$count"; starts+=("$started_ms"); stop_app; done
    startup=$(printf '%s\n' "${starts[@]}" | median)
    start_app "$count"

    jar="$work/cookies-$count.txt"; rm -f "$jar"
    token=$(curl -fs -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Login=root" \
        --data-urlencode "Input.Password=$root_password"
    session=$(awk '$6 == "AdminPortal.Session" { print $7 }' "$jar")
    [ -n "$session" ] || { echo "Could not sign in; see $work/app-$count.log" >&2; exit 1; }
    cookie="Cookie: AdminPortal.Session=$session"

    # A demo account in the middle of the table, for the account-history and target filters.
    middle=$(query_database "$count" 'SELECT "Id" FROM "AspNetUsers" WHERE "Id" = (SELECT MAX("Id") / 2 FROM "AspNetUsers")')
    middle_name=$(query_database "$count" "SELECT \"UserName\" FROM \"AspNetUsers\" WHERE \"Id\" = $middle")
    from=$(date -u -d '-60 days' +%Y-%m-%d); to=$(date -u -d '-30 days' +%Y-%m-%d)
    mid=$(( count / 20 )) # the middle page at the default size
    paths=(
        "/Users" "/Users?page=$mid" "/Users?page=999999999" "/Users?sort=name_desc&size=100"
        "/Users?sort=email" "/Users?sort=email_desc&page=999999999" "/Users?sort=role" "/Users?sort=status_desc&page=$mid"
        "/Users?sort=created_desc&size=100" "/Users?sort=created&page=999999999"
        "/Users?role=vendor&sort=email" "/Users?role=admin&sort=created_desc&page=999999999"
        "/Users?status=Disabled&sort=email" "/Users?status=Disabled&sort=role&page=999999999"
        "/Users?role=employee&status=Disabled&sort=created_desc&page=$(( count / 400 ))"
        "/Users?q=e" "/Users?q=ez" "/Users?q=ez&page=50" "/Users?q=garc" "/Users?q=acme-sup&role=vendor"
        "/Users?q=gar&status=Disabled&sort=created_desc" "/Users?q=example.org&sort=email&page=20" "/Users?q=l%C3%B3pez"
        "/Users?q=zzqx" "/Users?twofactor=no&sort=email" "/Users?show=new7" "/Users?show=locked"
        "/api/users/suggest?q=g" "/api/users/suggest?q=gar" "/api/users/suggest?q=garc"
        "/Audit" "/Audit?page=2000" "/Audit?action=auth.signin.failure" "/Audit?actor=root" "/Audit?target=$middle_name"
        "/Audit?from=$from&to=$to" "/Audit?actor=root&action=user.update&from=$from&to=$to" "/Audit?actor=nobody-at-all"
        "/Users/Details/$middle" "/Notifications" "/"
    )
    for path in "${paths[@]}"; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$base$path")
        [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
    done

    echo "Warming up for $warmup s ..." >&2
    per=$(( warmup / ${#paths[@]} + 1 ))
    for path in "${paths[@]}"; do wrk -t1 -c2 -d"${per}s" -H "$cookie" "$base$path" >/dev/null; done

    out="$results/$count.tsv"; : >"$out"
    for path in "${paths[@]}"; do
        result=$(wrk -t1 -c1 -d"$duration" --latency -H "$cookie" "$base$path")
        non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$result")
        [ -z "$non2xx" ] || { echo "$path: $non2xx non-2xx answers" >&2; exit 1; }
        median_ms=$(awk '$1 == "50%" { print $2 }' <<<"$result" | ms)
        # No answer within the measuring time: recorded as -1, shown as "> DURATION".
        grep -q '^ *0 requests in' <<<"$result" && median_ms=-1
        # The family, not the count-specific values: the same row name at every count.
        family=$(sed -e "s/page=$mid\b/page=middle/; s/page=$(( count / 400 ))\b/page=middle/; s/page=999999999/page=last/; s/target=$middle_name/target=(an account)/; s/from=$from&to=$to/from=…\&to=…/; s|/Users/Details/$middle|/Users/Details/(an account)|" <<<"$path")
        printf '%s\t%s\n' "$family" "$median_ms" >>"$out"
        printf '%-70s %8s ms\n' "$family" "$median_ms" >&2
    done

    result=$(wrk -t2 -c8 -d20s -H "$cookie" "$base/Users")
    rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$result")
    errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$result")
    rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status")
    printf 'throughput\t%s\nerrors\t%s\npeak RSS MB\t%s\nstart-up ms\t%s\n' "$rps" "${errors:-0}" "$rss" "$startup" >"$results/$count.summary"
    cat "$results/$count.summary" >&2
    stop_app
done

# One table: the largest count beside the smallest, medians in ms and their ratio.
small="${counts[0]}"; large="${counts[${#counts[@]}-1]}"
printf '\n%s on %s, %s cores, %s; medians of one connection after a %s s warm-up.\n\n' "$provider" "$(hostname)" "$(nproc)" "$(date -u +%Y-%m-%d)" "$warmup"
printf '| request | %s | %s | ratio |\n|---|---:|---:|---:|\n' "$small" "$large"
paste "$results/$small.tsv" "$results/$large.tsv" | awk -F'\t' -v d="$duration" '
    function show(v) { return v < 0 ? "> " d : sprintf("%.1f ms", v) }
    { printf "| `%s` | %s | %s | %s |\n", $1, show($2), show($4), ($2 > 0 && $4 > 0 ? sprintf("%.1f×", $4 / $2) : "—") }'
paste "$results/$small.summary" "$results/$large.summary" | awk -F'\t' '{ printf "| %s | %s | %s | |\n", $1, $2, $4 }'
