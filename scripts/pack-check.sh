#!/usr/bin/env bash
# The npm path as a user takes it: `npm pack`, install the tarball in an empty folder, then
# `npx share-emulator --help` and a real start on the built-in fixtures, smoke-checked and stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "pack-check: packed $tarball ($(du -h "$work/$tarball" | cut -f1))"
listing=$(tar -tzf "$work/$tarball")
grep -qx 'package/dist/main.js' <<<"$listing" || { echo "pack-check: dist/main.js is not in the tarball"; exit 1; }
if grep -qE '^package/(test|src|bench|examples)/' <<<"$listing"; then echo "pack-check: tests or sources leaked into the tarball"; exit 1; fi

mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund "$work/$tarball" >/dev/null
npx share-emulator --help | grep -q -- '--port N' || { echo "pack-check: --help does not list --port"; exit 1; }
echo "pack-check: npx share-emulator --help ok"

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# Its own session, so the stop below reaches npx and the server it starts, as Ctrl-C in a terminal would.
PORT=$port LOG_LEVEL=info setsid npx share-emulator >"$work/server.log" 2>&1 &
leader=$!
trap 'kill -KILL -- -"$leader" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/_emulator/health" >/dev/null && break; sleep 0.1; done
IMAGE_URL="http://127.0.0.1:$port" node "$root/scripts/smoke-check.mjs"
kill -TERM -- -"$leader"
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/_emulator/health" >/dev/null 2>&1 || break; sleep 0.1; done
sleep 0.3
if pgrep -f "$work/app/node_modules/.bin/share-emulator" >/dev/null; then echo "pack-check: the server is still running after SIGTERM"; exit 1; fi
grep -q 'INFO  stopped' "$work/server.log" || { echo "pack-check: the server did not stop cleanly:"; cat "$work/server.log"; exit 1; }
echo "pack-check: npx share-emulator stopped cleanly after SIGTERM"
