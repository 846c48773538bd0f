#!/usr/bin/env bash
# Installs the Debian packages the product and its tests use, when they are missing:
# the PC/SC daemon with vsmartcard's virtual reader, OpenSC, Chromium with its driver, and Apache httpd with its
# OpenID Connect and SAML modules for the sample apps, OpenLDAP's server and tools for the directory federation
# test (the test runs its own slapd on a loopback port; the system's slapd is never started or configured), and
# pamtester for the PC logon module's PAM test, and jq, which the admin guide's examples use.
set -euo pipefail

packages=(pcscd vsmartcard-vpcd libpcsclite1 opensc chromium chromium-driver
          apache2 libapache2-mod-auth-openidc libapache2-mod-auth-mellon fonts-ipafont-gothic
          slapd ldap-utils pamtester jq)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "Cannot install ${missing[*]}: run this script as root or install sudo." >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
if [[ " ${missing[*]} " == *" slapd "* ]]; then
    # The tests run slapd with their own configuration; the package is told to make no server configuration of its
    # own, so no system directory server is set up or started on this machine.
    echo "slapd slapd/no_configuration boolean true" | "${sudo_cmd[@]}" debconf-set-selections
fi
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
