#!/usr/bin/env bash
# Imports staff accounts from a CSV file into the staff realm: bin/staff-import.sh --help says how.
# Credentials come from STAFF_IMPORT_USER/STAFF_IMPORT_PASSWORD or STAFF_IMPORT_CLIENT_ID/STAFF_IMPORT_CLIENT_SECRET,
# or are asked for on the terminal; never pass them as arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/staff-import/target/staff-import.jar"

if [ ! -f "$jar" ]; then
    echo "Building the import command (once)..." >&2
    (cd "$root" && mvn -q -B -ntp -pl staff-import -am package -DskipTests) >&2
fi

exec java -jar "$jar" "$@"
