#!/usr/bin/env bash
# Two published AdminPortal instances on one PostgreSQL database, behind nginx (deploy/nginx.conf, round-robin), and
# proof through nginx with curl that they behave as one:
#   - a sign-in made on one instance is valid on the other;
#   - a reset code asked on one is accepted on the other (the code read from the pickup folder both share);
#   - a password change on one ends the other sessions at their next request, whichever instance answers it;
#   - the sign-in rate limit counts the tries taken by both;
#   - stopping one instance loses no signed-in user;
#   - a pg_dump backup restores into a new database that holds the accounts (README "Backup and restore").
# PostgreSQL itself is not stopped here: the local server is shared (other databases, other test runs), so the outage
# and recovery is proven by AdminPortal.Tests/Data/DatabaseOutageTests instead.
#
# Uses the local PostgreSQL (started if it is not running) as PGHOST/PGPORT/PGUSER/PGPASSWORD say (default
# 127.0.0.1:5432, postgres/postgres), in a fresh database dropped at the end, and Debian's nginx as an ordinary
# process with its configuration in a temporary folder. Exits non-zero on the first failure; stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

WORK="$(mktemp -d /tmp/adminportal-two-instances.XXXXXX)"
DB="adminportal_two_$(date +%s)_$$"
RESTORED="${DB}_restored"
ROOT_PASSWORD="two-instances-root-1"
declare -A PIDS=()
NGINX_PID=""

cleanup() {
  local rc=$?
  for name in "${!PIDS[@]}"; do kill "${PIDS[$name]}" 2>/dev/null || true; done
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  for db in "$DB" "$RESTORED"; do psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  if [ "$rc" != 0 ]; then
    for log in "$WORK"/*.log "$WORK"/nginx/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -n 30 "$log"; }; done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== PostgreSQL"
if ! pg_isready -q; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO pg_ctlcluster "$(ls /etc/postgresql | sort -n | tail -1)" main start
  for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
fi
psql -q -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null

if [ -n "${ADMINPORTAL_PUBLISHED:-}" ]; then # an already published app (e.g. from CI's own publish step)
  cp -r "$ADMINPORTAL_PUBLISHED" "$WORK/app"
else
  echo "== publishing"
  dotnet publish AdminPortal -c Release -o "$WORK/app" --nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; fail "dotnet publish"; }
fi

PORT_A="$(free_port)"; PORT_B="$(free_port)"; PORT_NGINX="$(free_port)"
mkdir -p "$WORK/mail"

# RequireTwoFactorFor=None: these checks sign root in with its password alone (the suite tests second factors).
start_instance() { # name port
  (cd "$WORK/app" && exec env \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="http://127.0.0.1:$2" \
    Database__Provider=PostgreSql \
    ConnectionStrings__AdminPortal="Host=$PGHOST;Port=$PGPORT;Database=$DB;Username=$PGUSER;Password=$PGPASSWORD" \
    AdminPortal__Root__Password="$ROOT_PASSWORD" \
    AdminPortal__KnownProxies__0=127.0.0.1 \
    AdminPortal__RequireTwoFactorFor=None \
    Smtp__PickupDirectory="$WORK/mail" \
    dotnet AdminPortal.dll >"$WORK/$1.log" 2>&1) &
  PIDS[$1]=$!
  for _ in $(seq 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$2/healthz" 2>/dev/null && return 0
    kill -0 "${PIDS[$1]}" 2>/dev/null || fail "instance $1 exited at start"
    sleep 1
  done
  fail "instance $1 did not answer /healthz within 60 s"
}

echo "== two instances (the first one migrates the database)"
start_instance a "$PORT_A"
start_instance b "$PORT_B"

echo "== nginx on port $PORT_NGINX"
mkdir -p "$WORK/nginx/tmp"
# deploy/nginx.conf as documented, with this run's ports and the X-Upstream header (which instance answered) on.
sed -e "s/127.0.0.1:5001/127.0.0.1:$PORT_A/; s/127.0.0.1:5002/127.0.0.1:$PORT_B/; s/listen 8080;/listen 127.0.0.1:$PORT_NGINX;/" \
    -e 's/#add_header X-Upstream/add_header X-Upstream/' deploy/nginx.conf >"$WORK/nginx/adminportal.conf"
grep -q "X-Upstream" "$WORK/nginx/adminportal.conf" || fail "deploy/nginx.conf lost its X-Upstream line"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 256; }
http {
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/adminportal.conf;
}
EOF
if [ "$(id -u)" = 0 ]; then chmod 711 "$WORK" "$WORK/nginx"; chown nobody "$WORK/nginx/tmp"; fi # nginx's workers run as nobody
/usr/sbin/nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
BASE="http://127.0.0.1:$PORT_NGINX"
for _ in $(seq 20); do curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$BASE/healthz" || fail "nginx does not answer"

# --- curl helpers: every request goes through nginx; STATUS, UPSTREAM, LOCATION and the body are kept.
BODY="$WORK/body"; HEADERS="$WORK/headers"
FROM=127.0.0.1 # the client's address; any 127.x.y.z reaches nginx, which passes it on in X-Forwarded-For
request() { # jar path [curl args...]
  local jar="$1" path="$2"; shift 2
  STATUS="$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' -b "$jar" -c "$jar" --interface "$FROM" "$@" "$BASE$path")"
  # nginx lists every instance it tried ("a, b" when a was down): the last one answered.
  UPSTREAM="$(grep -i '^X-Upstream:' "$HEADERS" | tail -n 1 | sed 's/^[^:]*: *//; s/.*, *//' | tr -d '\r' || true)"
  LOCATION="$(grep -i '^Location:' "$HEADERS" | tail -n 1 | awk '{print $2}' | tr -d '\r' || true)"
}
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$BODY" | head -n 1; }
post_form() { # jar path field=value...  (the antiforgery token from a GET of the same page first)
  local jar="$1" path="$2"; shift 2
  request "$jar" "$path"
  local args=(--data-urlencode "__RequestVerificationToken=$(token)")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  request "$jar" "$path" "${args[@]}"
}
sign_in() { post_form "$1" /Identity/Account/Login "Input.Login=$2" "Input.Password=$3"; } # jar login password
home_from_both() { # jar: GET / four times; every answer 200 and both instances among those answering
  local seen=""
  for _ in 1 2 3 4; do
    request "$1" /
    [ "$STATUS" = 200 ] || fail "$2: GET / answered $STATUS by $UPSTREAM"
    seen="$seen $UPSTREAM"
  done
  [ "$(tr ' ' '\n' <<<"$seen" | sort -u | grep -c .)" = 2 ] || fail "$2: expected both instances to answer, saw:$seen"
}
newest_code() {
  python3 - "$WORK/mail" <<'EOF'
import email, glob, os, re, sys
newest = max(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=os.path.getmtime)
with open(newest, "rb") as f:
    message = email.message_from_binary_file(f)
text = next(p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain")
print(re.search(r"\b\d{6}\b", text).group())
EOF
}

echo "== a sign-in made on one instance is valid on the other"
JAR1="$WORK/jar1"
sign_in "$JAR1" root "$ROOT_PASSWORD"
[ "$STATUS" = 302 ] && [ "$LOCATION" = / ] || fail "sign-in answered $STATUS $LOCATION"
SIGNED_IN_ON="$UPSTREAM"
home_from_both "$JAR1" "signed in on $SIGNED_IN_ON"
ok "signed in on $SIGNED_IN_ON; the home page answered by both instances"

echo "== a reset code asked on one instance is accepted on the other"
JAR_RESET="$WORK/jar-reset"
post_form "$JAR_RESET" /Identity/Account/ForgotPassword "Input.Email=root@localhost"
[ "$STATUS" = 302 ] || fail "asking for a code answered $STATUS"
ASKED_ON="$UPSTREAM"
CODE="$(newest_code)"
request "$JAR_RESET" /Identity/Account/ForgotPasswordCode
TOKEN="$(token)"
[ "$UPSTREAM" = "$ASKED_ON" ] || request "$JAR_RESET" /healthz # round-robin alternates: make the next one the other instance
request "$JAR_RESET" /Identity/Account/ForgotPasswordCode --data-urlencode "__RequestVerificationToken=$TOKEN" --data-urlencode "Input.Code=$CODE"
[ "$UPSTREAM" != "$ASKED_ON" ] || fail "the code was entered on the instance that sent it ($ASKED_ON)"
[ "$STATUS" = 302 ] && [[ "$LOCATION" == *ForgotPasswordNewPassword* ]] || fail "the code asked on $ASKED_ON was refused on $UPSTREAM ($STATUS $LOCATION)"
post_form "$JAR_RESET" /Identity/Account/ForgotPasswordNewPassword "Input.NewPassword=two-instances-root-2" "Input.ConfirmPassword=two-instances-root-2"
[ "$STATUS" = 302 ] || fail "setting the new password answered $STATUS"
ok "code asked on $ASKED_ON, accepted on the other; new password set"
request "$JAR1" /
[ "$STATUS" = 302 ] || fail "the reset did not end the earlier session (GET / answered $STATUS on $UPSTREAM)"
ok "the reset ended the earlier session"

echo "== a password change on one instance ends the session on the other at its next request"
JAR2="$WORK/jar2"; JAR3="$WORK/jar3"
sign_in "$JAR2" root two-instances-root-2; [ "$STATUS" = 302 ] || fail "sign-in 2 answered $STATUS"
sign_in "$JAR3" root two-instances-root-2; [ "$STATUS" = 302 ] || fail "sign-in 3 answered $STATUS"
home_from_both "$JAR3" "second session"
post_form "$JAR2" /Identity/Account/Manage/ChangePassword \
  "Input.CurrentPassword=two-instances-root-2" "Input.NewPassword=two-instances-root-3" "Input.ConfirmPassword=two-instances-root-3"
[ "$STATUS" = 302 ] || fail "the password change answered $STATUS"
CHANGED_ON="$UPSTREAM"
request "$JAR3" /
[ "$UPSTREAM" != "$CHANGED_ON" ] || fail "expected the next request on the other instance, got $UPSTREAM again"
[ "$STATUS" = 302 ] && [[ "$LOCATION" == *Login* ]] || fail "the session on $UPSTREAM outlived the password change on $CHANGED_ON ($STATUS)"
home_from_both "$JAR2" "the session that changed the password"
ok "password changed on $CHANGED_ON; the other session ended on $UPSTREAM; the changing session lives on"

echo "== the sign-in rate limit counts the tries on both instances"
LIMIT=20 # AccountServiceExtensions.SignInRule: 20 sign-in posts per client address per fixed 5-minute window
WINDOW=300
rate_limit_round() { # from-address; 1 if the window ended during the round (then the count rightly restarted)
  FROM="$1"
  local window="$(( $(date +%s) / WINDOW ))" tried=""
  for i in $(seq "$LIMIT"); do
    # A sign-in is a GET and a POST, so round-robin would send every POST to the same instance: one more request
    # every other time makes the POSTs alternate.
    [ $((i % 2)) = 0 ] || request "$WORK/jar-guess-$FROM" /healthz
    sign_in "$WORK/jar-guess-$FROM" "nobody-$i" wrong-password
    [ "$STATUS" = 200 ] || fail "sign-in try $i from $FROM answered $STATUS (limit reached too early?)"
    tried="$tried $UPSTREAM"
  done
  [ "$(tr ' ' '\n' <<<"$tried" | sort -u | grep -c .)" = 2 ] || fail "the tries did not reach both instances:$tried"
  local refused_by=""
  for _ in 1 2; do # the next try is refused, by one instance and then by the other
    request "$WORK/jar-guess-$FROM" /healthz
    sign_in "$WORK/jar-guess-$FROM" nobody-more wrong-password
    if [ "$STATUS" != 429 ] && [ "$(( $(date +%s) / WINDOW ))" != "$window" ]; then return 1; fi
    [ "$STATUS" = 429 ] || fail "a try over the limit of $LIMIT spread over both instances answered $STATUS on $UPSTREAM"
    grep -qi '^Retry-After:' "$HEADERS" || fail "429 without Retry-After"
    [ "$UPSTREAM" != "$refused_by" ] || fail "both refusals came from $UPSTREAM"
    refused_by="$UPSTREAM"
  done
  FROM=127.0.0.1
}
rate_limit_round 127.0.0.2 || rate_limit_round 127.0.0.3
ok "$LIMIT tries from one client address spread over both instances; the next ones refused with 429 by both"

echo "== stopping one instance loses no signed-in user"
kill "${PIDS[b]}"; wait "${PIDS[b]}" 2>/dev/null || true; unset 'PIDS[b]'
for _ in 1 2 3 4; do
  request "$JAR2" /
  [ "$STATUS" = 200 ] || fail "with instance b stopped, GET / answered $STATUS"
  [ "$UPSTREAM" = "127.0.0.1:$PORT_A" ] || [[ "$UPSTREAM" == *"127.0.0.1:$PORT_A" ]] || fail "answered by $UPSTREAM"
done
ok "instance b stopped; the signed-in user is still served (by a)"

echo "== backup and restore (pg_dump / pg_restore)"
pg_dump -Fc -d "$DB" -f "$WORK/adminportal.dump"
psql -q -d postgres -c "CREATE DATABASE \"$RESTORED\"" >/dev/null
pg_restore --no-owner -d "$RESTORED" "$WORK/adminportal.dump"
[ "$(psql -tA -d "$RESTORED" -c "SELECT count(*) FROM \"AspNetUsers\" WHERE \"NormalizedUserName\" = 'ROOT'")" = 1 ] \
  || fail "the restored database has no root account"
ok "pg_dump backup restored into a new database, root account present"

echo "== all checks passed"
