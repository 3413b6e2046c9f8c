#!/usr/bin/env bash
# apt-install.sh PKG...: installs the Debian packages among PKG that are not
# installed yet (apt-get update first; sudo when not root). Where there is no
# apt-get it names what is missing and fails. Used by make test-compat and
# make test-engines.
set -euo pipefail
missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "apt-install: no apt-get here; install: ${missing[*]}" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "apt-install: apt-get install ${missing[*]}" >&2
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
