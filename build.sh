#!/usr/bin/env bash
# Restore, build (Release) and publish the one executable to bin/distributed_system.
# Idempotent: run it as often as you like. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "build.sh: $*" >&2; exit 1; }
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is not on PATH (install .NET 10 SDK: https://dot.net)"
dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
[ -n "$rid" ] || fail "could not determine this machine's runtime identifier"

echo "==> restore"
dotnet restore DistSys.sln --nologo -v q || fail "restore failed"
echo "==> build (Release)"
dotnet build DistSys.sln -c Release --no-restore --nologo -v q -clp:NoSummary || fail "build failed"
echo "==> publish bin/distributed_system ($rid)"
rm -rf bin
dotnet publish Host/Node/DistSys.Host.csproj -c Release -r "$rid" --self-contained false \
  -p:PublishSingleFile=true -p:DebugType=embedded -p:PublishDocumentationFiles=false \
  -p:PublishReferencesDocumentationFiles=false -o bin --nologo -v q || fail "publish failed"
[ -x bin/distributed_system ] || fail "publish did not produce bin/distributed_system"
echo "==> bin/distributed_system is ready"
