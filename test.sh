#!/usr/bin/env bash
# Runs every test: unit tests, the agent on the real PC/SC daemon with a virtual reader, and sign-in end to end on
# the real Keycloak distribution in headless Chromium. Installs what it needs on Debian first.
set -euo pipefail
cd "$(dirname "$0")"

bin/prerequisites.sh
bin/virtual-reader.sh start
trap 'bin/virtual-reader.sh stop' EXIT

mvn -B -ntp verify "$@"
