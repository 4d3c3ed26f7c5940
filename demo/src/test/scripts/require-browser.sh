#!/usr/bin/env bash
# The browser tests drive a headless Chromium through chromedriver, which exist only as system packages. When they
# are missing, this installs them (root and apt-get, as on the project's machines); otherwise it stops the build at
# once with one line naming the packages: a browser test is never skipped quietly.
# Usage: require-browser.sh   (run by the build before any test; -DskipTests skips it)
set -uo pipefail

missing() {
    local packages=()
    command -v chromium >/dev/null 2>&1 || packages+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
    echo "${packages[*]}"
}

packages="$(missing)"
[[ -z "$packages" ]] && exit 0

if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $packages for the browser tests (apt-get; once per machine)"
    log="$(mktemp)"
    install() {
        # shellcheck disable=SC2086 # one word per package
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            -o DPkg::Lock::Timeout=600 $packages >>"$log" 2>&1
    }
    install || { apt-get update -q -o DPkg::Lock::Timeout=600 >>"$log" 2>&1 && install; }
    packages="$(missing)"
    [[ -z "$packages" ]] && { rm -f "$log"; exit 0; }
    echo "FATAL: apt-get could not install $packages for the browser tests (log: $log)" >&2
    exit 1
fi
echo "FATAL: the browser tests need the packages $packages (chromium and chromedriver on the PATH); install them, e.g. apt-get install $packages" >&2
exit 1
