#!/usr/bin/env bash
# Starts the whole local stack: Azurite, the Cosmos DB emulator and the SignalR emulator (docker compose),
# then the Functions host. Needs Docker, the .NET 10 SDK and Azure Functions Core Tools 4 (func).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in docker dotnet func curl openssl; do
  command -v "$tool" >/dev/null || { echo "missing prerequisite: $tool (see README, 'Run it locally')"; exit 1; }
done

docker compose up -d --build

echo "waiting for the Cosmos DB emulator (first start takes a minute or two)..."
for _ in $(seq 1 90); do
  curl -ksf https://localhost:8081/_explorer/emulator.pem -o .cosmos-emulator.crt && break
  sleep 2
done
[ -s .cosmos-emulator.crt ] || { echo "the Cosmos DB emulator did not come up"; exit 1; }

# The Functions host's Cosmos DB trigger connects over TLS: trust the emulator's self-signed certificate.
if ! cmp -s .cosmos-emulator.crt /usr/local/share/ca-certificates/cosmos-emulator.crt 2>/dev/null; then
  echo "trusting the Cosmos DB emulator certificate (needs sudo)"
  sudo cp .cosmos-emulator.crt /usr/local/share/ca-certificates/cosmos-emulator.crt
  sudo update-ca-certificates >/dev/null
fi

echo "waiting for the SignalR emulator..."
signalr=""
for _ in $(seq 1 60); do
  # The emulator prints the connection string it accepts when it starts.
  signalr=$(docker compose logs signalr 2>/dev/null | grep -o 'Endpoint=http://localhost;Port=8888;AccessKey=[^;]*;Version=1.0;' | tail -n 1)
  [ -n "$signalr" ] && break
  sleep 2
done
[ -n "$signalr" ] || { echo "the SignalR emulator did not come up"; exit 1; }

settings=Chat.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  key=$(openssl rand -base64 32)
  sed -e "s|\"Chat:Auth:DevSigningKey\": \"\"|\"Chat:Auth:DevSigningKey\": \"$key\"|" \
      -e "s|\"AzureSignalRConnectionString\": \"\"|\"AzureSignalRConnectionString\": \"$signalr\"|" \
      local.settings.sample.json > "$settings"
  echo "created $settings with a new development signing key and the SignalR emulator's connection string"
fi

cd Chat.Functions
exec func start
