#!/usr/bin/env bash
# The Dockerfile's steps, without a container engine (.ci/run runs this): from a fresh copy of the
# committed tree, the build stage (every dependency, `npm run build`), then the run stage (`npm ci
# --omit=dev` plus dist/ alone), `node dist/main.js` until /readyz answers, and SIGTERM.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-production.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "production start: $*" >&2
  [ -f "$work/server.log" ] && tail -n 40 "$work/server.log" >&2
  exit 1
}
started=$SECONDS

mkdir "$work/build" "$work/app"
git -C "$root" archive HEAD | tar -x -C "$work/build"

# Build stage. The lockfile is the one .ci/run just installed from, so its node_modules stands in for
# the stage's `npm ci` (the same packages, without a second full install).
cd "$work/build"
if [ -d "$root/node_modules" ] && cmp -s "$root/package-lock.json" package-lock.json; then
  ln -s "$root/node_modules" node_modules
else
  npm ci --no-audit --no-fund --prefer-offline
fi
npm run --silent build >/dev/null
[ -f dist/main.js ] || fail "npm run build made no dist/main.js"

# Run stage: what the Dockerfile copies, a production install, then dist/.
cd "$work/app"
cp "$work/build/package.json" "$work/build/package-lock.json" "$work/build/prisma.config.ts" .
mkdir scripts && cp "$work/build/scripts/generate-client.mjs" scripts/
cp -R "$work/build/prisma" prisma
npm ci --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
cp -R "$work/build/dist" dist
for dev in tsx jest @swc/core @biomejs/biome; do
  [ ! -e "node_modules/$dev" ] || fail "the production install holds the dev dependency $dev"
done

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
env -i PATH="$PATH" HOME="${HOME:-/tmp}" NODE_ENV=production LOG_FORMAT=json \
  PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" COMPONENTS_FILE="$work/build/components.example.yml" \
  node dist/main.js 2>"$work/server.log" &
pid=$!
ready=""
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || fail "node dist/main.js exited before it was ready"
  if ready="$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null)"; then break; fi
  ready=""
  sleep 0.5
done
[ -n "$ready" ] || fail "/readyz did not answer within 60 s"
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || fail "/healthz did not answer"
grep -q '"migrationsApplied":[1-9]' "$work/server.log" || fail "the first start applied no migration"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || fail "node dist/main.js exited $status after SIGTERM"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trimEnd().split("\n");
  for (const line of lines) {
    const entry = JSON.parse(line);
    if (![entry.level, entry.time, entry.msg].every((f) => typeof f === "string")) throw new Error(line);
  }
' "$work/server.log" || fail "a log line is not a JSON object with level, time and msg"
# The commands ship in dist/ too: a bulk export and an import dry run against the database the start
# migrated (embedded, so with the service stopped), in the same production install.
cli() {
  env -i PATH="$PATH" HOME="${HOME:-/tmp}" NODE_ENV=production LOG_LEVEL=warn DATA_DIR="$work/data" \
    node "$@"
}
cli dist/export-cli.js --help | grep -q '^Usage:' || fail "node dist/export-cli.js --help printed no usage"
# RFC 4180 ends rows with CRLF.
exported="$(cli dist/export-cli.js --since 2000-01-01 --until 2000-01-02 --format csv | tr -d '\r')" ||
  fail "node dist/export-cli.js failed"
[ "$exported" = "incident,title,impact,stage,occurred_at,author,message,components" ] ||
  fail "node dist/export-cli.js of an empty range wrote: $exported"
mkdir "$work/empty-page"
imported="$(cli dist/import-cli.js statuspage --dir "$work/empty-page" --dry-run)" ||
  fail "node dist/import-cli.js failed"
echo "production start: built, installed without dev dependencies, ready ($ready), stopped cleanly, export and import run ($imported) in $((SECONDS - started)) s"
