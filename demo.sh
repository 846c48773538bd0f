#!/usr/bin/env bash
# Starts the whole product on one machine: Keycloak 26.7.3 on its embedded dev database with the staff realm, the
# card agent, and a virtual staff card in the PC/SC daemon's virtual reader (or inside the agent when no daemon can
# run), and, when Apache httpd with mod_auth_openidc is installed, the sample business app on 127.0.0.1:8082.
# Prints what to open and how to sign in. Ctrl-C stops everything it started.
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

step 1/7 "Checking Debian packages (pcscd, vsmartcard-vpcd, OpenSC, Chromium)"
if ! bin/prerequisites.sh; then
    echo "Continuing without them: the agent will use its built-in virtual card."
fi

step 2/7 "Building the providers, theme, agent and virtual card (first run downloads from Maven Central)"
mvn -B -ntp -q -Dstyle.color=never install -DskipTests

step 3/7 "Preparing Keycloak $KEYCLOAK_VERSION in run/"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    mvn -B -ntp -q -Dstyle.color=never dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        -DoutputDirectory="$RUN"
fi
cp authenticator-spi/target/authenticator-spi-*.jar themes/target/themes-*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp realm-config/src/main/resources/staff-realm.json "$KC_HOME/data/import/"
# Keycloak imports a realm only when it does not exist yet, so the demo starts each time on a fresh dev database.
rm -rf "$KC_HOME/data/h2"
echo "Providers, theme and the staff realm are in place (the demo database starts fresh each time)."

step 4/7 "Inserting the virtual staff card"
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

step 5/7 "Starting the card agent (PIN source: $pin_source)"
java -jar card-agent/target/card-agent.jar serve --config "$RUN/agent.properties" > "$RUN/agent.log" 2>&1 &
pids+=($!)

step 6/7 "Starting Keycloak (about 40 s; log in run/keycloak.log)"
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

step 7/7 "Starting the sample business app (Apache httpd + mod_auth_openidc on 127.0.0.1:8082)"
sample_app=""
if [ ! -x /usr/sbin/apache2 ] || [ ! -f /usr/lib/apache2/modules/mod_auth_openidc.so ]; then
    echo "Apache httpd with mod_auth_openidc is not installed, so the sample app does not start. To get it:"
    echo "  sudo apt-get install apache2 libapache2-mod-auth-openidc   (bin/prerequisites.sh installs them too)"
elif ss -ltn | grep -q ':8082 '; then
    echo "Port 8082 is in use, so the sample app does not start: stop what runs there to get it."
else
    mkdir -p "$RUN/business-app"
    # In a session of its own: Apache signals its whole process group when it stops.
    SAMPLE_APPS="$PWD/sample-apps" APP_RUN_DIR="$RUN/business-app" KEYCLOAK_URL=http://localhost:8080 \
        OIDC_CRYPTO_PASSPHRASE="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" \
        setsid /usr/sbin/apache2 -f "$PWD/sample-apps/business-app.conf" -DFOREGROUND \
        > "$RUN/business-app/console.log" 2>&1 &
    pids+=($!)
    sleep 1
    if kill -0 "${pids[-1]}" 2>/dev/null; then
        sample_app="http://localhost:8082/"
        echo "Started; its log is run/business-app/error.log."
    else
        echo "Apache stopped while starting; run/business-app/console.log says why. Continuing without the app."
    fi
fi

sample_line="Sample app: not started (see step 7 above)"
if [ -n "$sample_app" ]; then
    sample_line="Or open:   $sample_app (a business app behind Apache httpd; it shows your name and staff number)"
fi

cat <<BANNER

The staff card sign-in is running.

  Open:      http://localhost:8080/realms/staff/account
  $sample_line
  Staff:     山田 太郎 (yamada.taro), card user ID S0012345 on the virtual card
  Password:  Demo-Passw0rd
  Card PIN:  1234 $( [ "$pin_source" = demo ] && echo "(no desktop here: the agent enters the demo PIN by itself)" || echo "(type it in the card agent's window)")

  Admin console: http://localhost:8080/admin  (admin / admin)
  Logs: run/keycloak.log, run/agent.log, run/virtual-card.log, run/business-app/error.log

Press Ctrl-C to stop.
BANNER
wait
