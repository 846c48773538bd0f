#!/usr/bin/env bash
# Starts the whole product on one machine: Keycloak 26.7.3 on its embedded dev database with the staff realm, the
# card agent, and a virtual staff card in the PC/SC daemon's virtual reader (or inside the agent when no daemon can
# run). Prints what to open and how to sign in. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

KEYCLOAK_VERSION=26.7.3
RUN="$PWD/run"
KC_HOME="$RUN/keycloak-$KEYCLOAK_VERSION"
export STAFFCARD_RUN_DIR="$RUN"
mkdir -p "$RUN"
pids=()

step() { printf '\n[%s] %s\n' "$1" "$2"; }
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    bin/virtual-reader.sh stop || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if ss -ltn | grep -q ':8080 '; then
    echo "Port 8080 is already in use: stop what runs there (a Keycloak from an earlier run?) and start again." >&2
    exit 1
fi

step 1/6 "Checking Debian packages (pcscd, vsmartcard-vpcd, OpenSC, Chromium)"
if ! bin/prerequisites.sh; then
    echo "Continuing without them: the agent will use its built-in virtual card."
fi

step 2/6 "Building the providers, theme, agent and virtual card (first run downloads from Maven Central)"
mvn -B -ntp -q install -DskipTests

step 3/6 "Preparing Keycloak $KEYCLOAK_VERSION in run/"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    mvn -B -ntp -q dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        -DoutputDirectory="$RUN"
fi
cp authenticator-spi/target/authenticator-spi-*.jar themes/target/themes-*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp realm-config/src/main/resources/staff-realm.json "$KC_HOME/data/import/"
echo "Providers, theme and the staff realm are in place."

step 4/6 "Inserting the virtual staff card"
reader=pcsc
if bin/virtual-reader.sh start; then
    java -jar virtual-card/target/virtual-card.jar --demo > "$RUN/virtual-card.log" 2>&1 &
    pids+=($!)
else
    reader=virtual
    echo "No PC/SC daemon: the agent holds the virtual card itself."
fi

pin_source=demo
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    pin_source=dialog
fi
cat > "$RUN/agent.properties" <<CONF
# Written by demo.sh for this machine.
allowed.origins = http://localhost:8080, http://127.0.0.1:8080
ports = 47130, 47131, 47132
reader = $reader
pin.source = $pin_source
pin.demo = 1234
CONF

step 5/6 "Starting the card agent (PIN source: $pin_source)"
java -jar card-agent/target/card-agent.jar serve --config "$RUN/agent.properties" > "$RUN/agent.log" 2>&1 &
pids+=($!)

step 6/6 "Starting Keycloak (about 40 s; log in run/keycloak.log)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=8080 --import-realm \
    > "$RUN/keycloak.log" 2>&1 &
pids+=($!)
for i in $(seq 1 180); do
    if curl -fs -o /dev/null http://localhost:8080/realms/staff/.well-known/openid-configuration; then
        break
    fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
        echo "Keycloak stopped while starting; the end of run/keycloak.log says why:" >&2
        tail -20 "$RUN/keycloak.log" >&2
        exit 1
    fi
    [ $((i % 10)) -eq 0 ] && echo "  still starting ($i s)"
    sleep 1
done

cat <<BANNER

The staff card sign-in is running.

  Open:      http://localhost:8080/realms/staff/account
  Staff:     山田 太郎 (yamada.taro), card user ID S0012345 on the virtual card
  Password:  Demo-Passw0rd
  Card PIN:  1234 $( [ "$pin_source" = demo ] && echo "(no desktop here: the agent enters the demo PIN by itself)" || echo "(type it in the card agent's window)")

  Admin console: http://localhost:8080/admin  (admin / admin)
  Logs: run/keycloak.log, run/agent.log, run/virtual-card.log

Press Ctrl-C to stop.
BANNER
wait
