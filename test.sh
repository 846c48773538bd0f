#!/usr/bin/env bash
# Runs every test: unit tests, the agent on the real PC/SC daemon with a virtual reader, and sign-in end to end on
# the real Keycloak distribution in headless Chromium. Installs what it needs on Debian first.
set -euo pipefail
cd "$(dirname "$0")"

if ss -ltn | grep -qE '[:.]8080 '; then
    echo "Port 8080 is in use (a running demo.sh or Keycloak?). The integration tests start their own Keycloak" >&2
    echo "there: stop whatever listens on 8080 and run this again." >&2
    exit 1
fi

bin/prerequisites.sh
bin/virtual-reader.sh start
trap 'bin/virtual-reader.sh stop' EXIT

mvn -B -ntp verify "$@"
