#!/bin/sh
# Card + password logon for a Linux PAM stack, run by pam_exec:
#
#   auth  required  pam_exec.so expose_authtok stdout /usr/local/lib/staffcard/pam-card-logon.sh \
#                   /etc/staffcard-agent/pam-logon.conf
#   (one line in the PAM file)
#
# pam_exec gives this script the password on standard input (ended by a NUL byte) and the account in PAM_USER.
# The card agent's login command gets a challenge, reads the card, has the PIN entered, sends the card's signature
# and the password to the sign-in server, and checks the ID token it gets back: its signature against the realm's
# published keys, issuer, audience, expiry, acr card-password, and that preferred_username is PAM_USER. Only then
# does it exit 0, which pam_exec turns into success. The tokens themselves are not kept.
#
# The configuration file (root-owned, not writable by others) sets:
#   AGENT         the command that runs the card agent, e.g. "/usr/bin/java -jar /opt/staffcard-agent/card-agent.jar"
#   SERVER        the sign-in server's public address, e.g. https://sso.example.lg.jp
#   REALM         the realm, e.g. staff
#   CLIENT        the device client, e.g. pc-logon
#   SECRET_FILE   a file holding the client secret, readable by root only
#   AGENT_CONFIG  the agent's properties file: allowed.origins must list SERVER's origin; pin.source says how the PIN
#                 is asked for
set -u

conf="${1:-/etc/staffcard-agent/pam-logon.conf}"

# Only the auth step signs in. Placed in another stack by mistake it fails rather than let everyone through.
[ "${PAM_TYPE:-}" = "auth" ] || { echo "card logon: use this script in the auth stack only" >&2; exit 1; }

# The account name goes into an argument; only plain names are passed on.
case "${PAM_USER:-}" in
    "" | *[!A-Za-z0-9._-]*) echo "card logon: unusable account name" >&2; exit 1 ;;
esac

[ -r "$conf" ] || { echo "card logon: cannot read $conf" >&2; exit 1; }
. "$conf"

# Standard error (the failure and its next step) goes to pam_exec's stdout, which its "stdout" option shows to the
# person at the logon screen; the token response is dropped.
# shellcheck disable=SC2086
exec $AGENT login --server "$SERVER" --realm "$REALM" --client "$CLIENT" --client-secret-file "$SECRET_FILE" \
    --config "$AGENT_CONFIG" --password-stdin --expect-user "$PAM_USER" --expect-acr card-password 2>&1 >/dev/null
