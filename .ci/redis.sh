#!/usr/bin/env bash
# Redis tests never skip in CI: make sure one answers on REDIS_URL (default redis://127.0.0.1:6379),
# installing redis-server when absent and starting a loopback-only, non-persistent one when none answers.
set -euo pipefail
url="${REDIS_URL:-redis://127.0.0.1:6379}"
hostport="${url#redis://}"; hostport="${hostport##*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379

answers() { node -e '
  const s = require("node:net").connect(+process.argv[2], process.argv[1]);
  s.setTimeout(1000, () => process.exit(1)); s.on("error", () => process.exit(1));
  s.on("connect", () => s.write("PING\r\n"));
  s.on("data", (d) => process.exit(String(d).startsWith("+PONG") ? 0 : 1));' "$host" "$port"; }

# The outage test starts redis-server processes of its own, so the binary is needed even when a Redis
# (a service container, say) already answers.
if ! command -v redis-server >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi
if answers; then echo "redis answers on $host:$port"; exit 0; fi
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir /tmp \
  --logfile /tmp/hookgate-ci-redis.log
for _ in $(seq 1 50); do answers && { echo "started redis on $host:$port"; exit 0; }; sleep 0.2; done
echo "redis did not start on $host:$port" >&2; exit 1
