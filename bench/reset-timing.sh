#!/usr/bin/env bash
# Measures how long step 1 of the password reset answers for an address with an account (a code is emailed)
# and for one without (nothing is sent): the two must not be told apart by their timing.
#
#   bench/reset-timing.sh [REQUESTS]       default: 100 of each kind, interleaved
#
# Environment: BENCH_DIR (default /tmp/adminportal-bench), PORT (default 5198). Email goes to the pickup folder
# unless Smtp__Host (and the other Smtp__* settings) are set, which measures a real mail server instead.
# Every request comes from its own forwarded client address and every account is asked for once, so the rate
# limits and the resend cooldown stay out of the way. Needs curl, sqlite3 and the .NET SDK.
set -euo pipefail

requests="${1:-100}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/adminportal-bench}"
port="${PORT:-5198}"
base="http://127.0.0.1:$port"
db="$work/reset-timing.db"
mkdir -p "$work"
for tool in curl sqlite3; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }; done

echo "Publishing the app (Release) to $work/app ..." >&2
dotnet publish "$repo/AdminPortal" -c Release -o "$work/app" --nologo -v quiet >&2

run_app() { # exec: the background job's pid is the app's own, so the trap stops it
    exec env ConnectionStrings__AdminPortal="Data Source=$db" AdminPortal__Root__Password="bench-root-password" \
    Smtp__PickupDirectory="$work/mail" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$work/app/AdminPortal.dll" "$@"
}
rm -f "$db" "$db-wal" "$db-shm"
(run_app seed-demo $((requests * 3))) >&2
! curl -fs "$base/healthz" >/dev/null 2>&1 || { echo "Something already answers on $base; set PORT." >&2; exit 1; }

app_pid=""
trap '[ -n "$app_pid" ] && kill $app_pid 2>/dev/null; wait 2>/dev/null || true' EXIT
(run_app --urls "$base") >"$work/reset-timing-app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/healthz" >/dev/null || { echo "The app did not start; see $work/reset-timing-app.log" >&2; exit 1; }

mapfile -t emails < <(sqlite3 "$db" "SELECT Email FROM AspNetUsers WHERE Status = 0 AND Role <> 'root' LIMIT $requests;")
[ ${#emails[@]} -eq "$requests" ] || { echo "Found ${#emails[@]} active demo accounts, need $requests." >&2; exit 1; }

n=0
ask() { # email → seconds the answer took
    n=$((n + 1))
    local jar="$work/reset-jar.txt" address="10.77.$((n / 250)).$((n % 250 + 1))"
    rm -f "$jar"
    local token
    token=$(curl -fs -c "$jar" -b "$jar" -H "X-Forwarded-For: $address" "$base/Identity/Account/ForgotPassword" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -c "$jar" -b "$jar" -H "X-Forwarded-For: $address" \
        --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Email=$1" \
        "$base/Identity/Account/ForgotPassword"
}

: >"$work/known.txt"; : >"$work/unknown.txt"
ask "warm-up@nowhere.example" >/dev/null; ask "${emails[0]}" >/dev/null # the first answers pay for start-up
for i in $(seq 1 $((requests - 1))); do
    ask "${emails[$i]}" >>"$work/known.txt"
    ask "nobody-$i@nowhere.example" >>"$work/unknown.txt"
done

summary() { # file, label
    local bad
    bad=$(awk '$1 != 302' "$1" | wc -l)
    [ "$bad" -eq 0 ] || echo "warning: $bad answers of '$2' were not the redirect to step 2" >&2
    awk '{ print $2 * 1000 }' "$1" | sort -n | awk -v label="$2" '
        { t[NR] = $1; sum += $1 }
        END { printf "| %s | %d | %.1f ms | %.1f ms | %.1f ms |\n", label, NR, t[int(NR * 0.5) + 1], sum / NR, t[int(NR * 0.9) + 1] }'
}
printf '| address | requests | median | mean | p90 |\n|---|---:|---:|---:|---:|\n'
summary "$work/known.txt" "has an account (code emailed)"
summary "$work/unknown.txt" "has no account (nothing sent)"
