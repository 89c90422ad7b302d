#!/usr/bin/env bash
# Runs a command with Azurite's Blob service on a free loopback port and CHAT_TEST_BLOB_CONNECTION pointing at it,
# then stops Azurite. The Blob adapter tests in Chat.Tests run against it (without it they are skipped):
#
#   scripts/with-azurite.sh dotnet test Chat.Tests/Chat.Tests.csproj
#
# Azurite (the npm package, version pinned below) is installed on first use into .tools/azurite (gitignored), or
# into $AZURITE_HOME; its data lives in a temporary folder that is removed at the end. Needs Node.js with npm.
# --skipApiVersionCheck: Azure.Storage.Blobs 12.30 speaks a newer service version than Azurite 3.37 announces.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=3.37.0
home=${AZURITE_HOME:-$root/.tools/azurite}
bin="$home/node_modules/.bin/azurite-blob"
# Azurite's well-known development account (public, the same in every Azurite).
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [arguments...]" >&2
  exit 2
fi
command -v npm >/dev/null || { echo "with-azurite: npm (Node.js) is needed to install Azurite" >&2; exit 1; }

installed=$(node -p "require(process.argv[1]).version" "$home/node_modules/azurite/package.json" 2>/dev/null || true)
if [ "$installed" != "$version" ]; then
  echo "with-azurite: installing azurite@$version into $home" >&2
  mkdir -p "$home"
  [ -f "$home/package.json" ] || echo '{ "private": true }' >"$home/package.json"
  npm install --prefix "$home" --no-audit --no-fund --loglevel=error --save-exact "azurite@$version" >&2
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/funcchat-azurite.XXXXXX")
"$bin" --disableTelemetry --skipApiVersionCheck --silent --blobHost 127.0.0.1 --blobPort 0 --location "$data" \
  >"$data/azurite.log" 2>&1 &
pid=$!
stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap stop EXIT

# Port 0: the system picks a free port; Azurite logs the one it listens on once it accepts connections.
port=""
for _ in $(seq 1 300); do
  port=$(sed -nE 's#.*listens on http://127\.0\.0\.1:([0-9]+).*#\1#p' "$data/azurite.log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$port" ]; then
  echo "with-azurite: Azurite did not start:" >&2
  cat "$data/azurite.log" >&2
  exit 1
fi

export CHAT_TEST_BLOB_CONNECTION="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/$account;"
echo "with-azurite: Azurite $version Blob service on http://127.0.0.1:$port (CHAT_TEST_BLOB_CONNECTION is set)" >&2
"$@"
