#!/usr/bin/env bash
# Installs what the tests need from the system: bubblewrap, which runs every plugin process in its
# sandbox (docs/plugins.md), Chromium, which the dashboard's browser test drives (Playwright's own
# browser download is not used), and PostgreSQL, whose throwaway servers the store and HA tests start
# (Tests/Shared/TestPostgres.cs; docs/ha.md), and iproute2 with nftables, with which the chaos harness builds
# its network namespaces and injects faults (Tests/Chaos.Tests). Only as root, and only what is missing; otherwise it says what to install.
set -euo pipefail
missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v nft >/dev/null 2>&1 || missing+=(nftables)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "prereqs: missing ${missing[*]}: install these Debian packages (plugin tests need bubblewrap, the dashboard test chromium, the store tests postgresql, the chaos tests iproute2 and nftables)" >&2
  exit 1
fi
