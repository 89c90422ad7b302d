#!/usr/bin/env bash
# Starts FuncChat's local stack: Azurite, a Cosmos DB emulator and the SignalR Service emulator (Docker Compose),
# provisions Cosmos DB (tools/Chat.Provision), then runs the Functions host in this terminal. Works on Linux, macOS
# (Intel and Apple silicon) and Windows (Git Bash or WSL 2); README, "Run it locally", says what differs where.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/start-local.sh [--cosmos auto|classic|vnext] [--no-host] [--reset] [--help]

  --cosmos auto     the classic Cosmos DB emulator where it runs (x86-64 Docker engine, Linux kernel before 6.7,
                    IPv6 on), the vNext emulator elsewhere (Apple silicon, ARM, newer kernels). The default; the
                    environment variable CHAT_COSMOS_EMULATOR sets it too.
  --cosmos classic  the classic emulator, whatever the machine
  --cosmos vnext    the vNext emulator, whatever the machine
  --no-host         start the emulators and provision Cosmos DB, but do not start the Functions host
  --reset           first remove the emulators' containers and data (empty storage, fresh Cosmos DB)
EOF
}

cosmos=${CHAT_COSMOS_EMULATOR:-auto}
run_host=1
reset=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cosmos) [ $# -ge 2 ] || { usage >&2; exit 2; }; cosmos=$2; shift 2 ;;
    --cosmos=*) cosmos=${1#*=}; shift ;;
    --no-host) run_host=0; shift ;;
    --reset) reset=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$cosmos" in
  auto|classic|vnext) ;;
  *) echo "--cosmos must be auto, classic or vnext, not '$cosmos'" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."

note() { printf 'start-local: %s\n' "$*"; }
fail() { printf 'start-local: %s\n' "$*" >&2; exit 1; }

# True when dotted version $1 is at least $2 (numeric fields; missing fields count as 0).
version_at_least() {
  local -a have want
  IFS=. read -r -a have <<<"$1"
  IFS=. read -r -a want <<<"$2"
  local i h w
  for i in 0 1 2; do
    h=${have[i]:-0}; h=${h%%[!0-9]*}; h=$((10#${h:-0}))
    w=${want[i]:-0}; w=$((10#$w))
    if [ "$h" -gt "$w" ]; then return 0; fi
    if [ "$h" -lt "$w" ]; then return 1; fi
  done
  return 0
}

for tool in docker dotnet curl; do
  command -v "$tool" >/dev/null || fail "missing prerequisite: $tool (README, 'Run it locally')"
done
if [ "$run_host" -eq 1 ]; then
  command -v func >/dev/null || fail "missing prerequisite: func (Azure Functions Core Tools 4.4.1 or later; README, 'Run it locally')"
  func_version=$(func --version 2>/dev/null | tr -d '\r' | grep -oE '^[0-9]+(\.[0-9]+)+' | head -n 1 || true)
  version_at_least "${func_version:-0}" 4.4.1 || fail "func ${func_version:-(unknown version)} is too old for .NET 10: install Azure Functions Core Tools 4.4.1 or later"
fi
docker info >/dev/null 2>&1 || fail "Docker is not running: start Docker Desktop (or the Docker service) and run this again"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  fail "missing prerequisite: Docker Compose (docker compose or docker-compose)"
fi
if ! dotnet --list-runtimes 2>/dev/null | grep -q '^Microsoft.NETCore.App 8\.'; then
  note "note: no .NET 8 runtime found; the Functions host has been seen to hang at start-up with .NET 10 alone (docs/local-development.md, 'Known issues')"
fi

# Why the classic emulator image cannot run on this Docker engine, or nothing when it can.
classic_blocker() {
  local arch kernel major minor
  arch=$(docker info --format '{{.Architecture}}' 2>/dev/null || true)
  kernel=$(docker info --format '{{.KernelVersion}}' 2>/dev/null || true)
  case "$arch" in
    x86_64|amd64) ;;
    *) echo "the Docker engine runs on ${arch:-an unknown architecture} and the classic image is x86-64 only"; return ;;
  esac
  major=${kernel%%.*}
  minor=${kernel#*.}
  minor=${minor%%[!0-9]*}
  if [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] && { [ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 7 ]; }; }; then
    echo "the Docker engine runs Linux kernel $kernel and the classic image aborts on kernels 6.7 and later"
    return
  fi
  if [ "$(uname -s)" = Linux ] && [ "$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null || echo 0)" = 1 ]; then
    echo "IPv6 is disabled on this machine and the classic image does not start without it"
  fi
}

chosen=auto
blocker=$(classic_blocker)
case "$cosmos" in
  auto)
    if [ -n "$blocker" ]; then cosmos=vnext; note "Cosmos DB: the vNext emulator, because $blocker"
    else cosmos=classic; note "Cosmos DB: the classic emulator"; fi ;;
  classic)
    chosen=explicit
    if [ -n "$blocker" ]; then note "warning: $blocker; starting the classic emulator anyway, as asked"; fi ;;
  vnext)
    chosen=explicit
    note "Cosmos DB: the vNext emulator, as asked" ;;
esac

both=(--profile classic --profile vnext)
if [ "$reset" -eq 1 ]; then
  note "removing the emulators' containers and data volumes"
  "${compose[@]}" "${both[@]}" down --volumes --remove-orphans
fi

container_running() {
  local id
  id=$("${compose[@]}" "${both[@]}" ps -q "$1" 2>/dev/null || true)
  [ -n "$id" ] && [ "$(docker inspect -f '{{.State.Running}}' "$id" 2>/dev/null || true)" = true ]
}

# Starts Azurite, the SignalR emulator and the chosen Cosmos DB emulator; the other one is removed (it holds port 8081).
start_stack() {
  local other=vnext
  [ "$1" = vnext ] && other=classic
  "${compose[@]}" "${both[@]}" rm --stop --force "cosmos-$other" >/dev/null 2>&1 || true
  "${compose[@]}" --profile "$1" up --detach --build --remove-orphans
}

# Waits for the Cosmos DB gateway on https://localhost:8081 (its certificate is self-signed: curl -k).
wait_for_cosmos() {
  local code url=https://localhost:8081/
  [ "$1" = classic ] && url=https://localhost:8081/_explorer/emulator.pem
  if [ "$1" = classic ]; then note "waiting for the classic Cosmos DB emulator (a minute or two on first start)..."
  else note "waiting for the vNext Cosmos DB emulator..."; fi
  for _ in $(seq 1 150); do
    code=$(curl -ks -o /dev/null -w '%{http_code}' "$url" || true)
    if [ "$1" = classic ] && [ "$code" = 200 ]; then return 0; fi
    if [ "$1" = vnext ] && [ -n "$code" ] && [ "$code" != 000 ]; then return 0; fi
    container_running "cosmos-$1" || return 1
    sleep 2
  done
  return 1
}

wait_for_http() { # name url
  local code
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$2" || true)
    if [ -n "$code" ] && [ "$code" != 000 ]; then return 0; fi
    sleep 2
  done
  fail "$1 did not answer on $2 (see: ${compose[*]} logs)"
}

start_stack "$cosmos"
if ! wait_for_cosmos "$cosmos"; then
  "${compose[@]}" "${both[@]}" logs --tail 20 "cosmos-$cosmos" || true
  if [ "$cosmos" = classic ] && [ "$chosen" = auto ]; then
    note "the classic Cosmos DB emulator did not start here (log above); switching to the vNext emulator"
    cosmos=vnext
    start_stack vnext
    wait_for_cosmos vnext || fail "the vNext Cosmos DB emulator did not start either (log: ${compose[*]} logs cosmos-vnext)"
  else
    fail "the $cosmos Cosmos DB emulator did not start (log above); try --cosmos $([ "$cosmos" = classic ] && echo vnext || echo classic) or --reset"
  fi
fi
wait_for_http Azurite http://127.0.0.1:10000/
wait_for_http "the SignalR emulator" http://localhost:8888/api/health

# Local settings: created from the sample; empty keys of an older or hand-copied file are filled in.
settings=Chat.Functions/local.settings.json
edit_settings() {
  local tmp
  tmp=$(mktemp)
  sed -e "$1" "$settings" >"$tmp" && cat "$tmp" >"$settings"
  rm -f "$tmp"
}
if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  note "created $settings from local.settings.sample.json"
fi
build_tool() {
  local log
  log=$(mktemp)
  if ! dotnet build "$1" -nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    fail "$1 did not build (output above)"
  fi
  rm -f "$log"
}
build_tool tools/Chat.DevToken/Chat.DevToken.csproj
if grep -q '"Chat:Auth:DevSigningKey": ""' "$settings"; then
  key=$(dotnet run --no-build --project tools/Chat.DevToken -- --new-key | tail -n 1 | tr -d '\r')
  edit_settings "s|\"Chat:Auth:DevSigningKey\": \"\"|\"Chat:Auth:DevSigningKey\": \"$key\"|"
  note "wrote a new development signing key to $settings"
fi
if grep -q '"AzureSignalRConnectionString": ""' "$settings"; then
  signalr=$(grep -o '"AzureSignalRConnectionString": "[^"]*"' local.settings.sample.json)
  edit_settings "s|\"AzureSignalRConnectionString\": \"\"|$signalr|"
  note "wrote the SignalR emulator's connection string to $settings"
fi
if grep -q '"CosmosDb": "AccountEndpoint=https://localhost:8081/' "$settings" && ! grep -q 'DisableServerCertificateValidation' "$settings"; then
  edit_settings 's|\("CosmosDb": "AccountEndpoint=https://localhost:8081/[^"]*[^;"]\);*"|\1;DisableServerCertificateValidation=True;"|'
  note "added DisableServerCertificateValidation=True to CosmosDb in $settings (the host's Cosmos DB trigger needs it for the emulator)"
fi
if grep -q '"CORS": "\*"' "$settings"; then
  note "warning: $settings allows CORS from \"*\"; browsers refuse that with credentials. Use \"CORS\": \"http://localhost:5173\" and \"CORSCredentials\": true, as local.settings.sample.json does"
fi

# Provision before the host starts, so the Cosmos DB trigger never listens on a container that does not exist yet.
build_tool tools/Chat.Provision/Chat.Provision.csproj
dotnet run --no-build --project tools/Chat.Provision -- --emulator "$cosmos" --settings "$settings" || fail "provisioning Cosmos DB failed (output above)"

if [ "$run_host" -eq 0 ]; then
  note "emulators running ($cosmos Cosmos DB emulator) and Cosmos DB provisioned; start the host with: cd Chat.Functions && func start"
  exit 0
fi
note "starting the Functions host on http://localhost:7071/api. It keeps this terminal: open a second terminal for the"
note "API calls (README, 'Call the API'). Ctrl+C stops the host; the emulators keep running (${compose[*]} --profile $cosmos down stops them)."
cd Chat.Functions
exec func start
