#!/usr/bin/env bash
# Installs the Debian packages a task needs, and nothing when they are already there.
# Usage: scripts/install-system-packages.sh demo|test
set -euo pipefail

# libcairo2-dev: PDF exports are drawn with Cairo (needed to build); fonts-noto-cjk: Chinese text in
# PDFs and screenshots.
build=(libcairo2-dev fonts-noto-cjk)
case "${1:-test}" in
  demo) packages=("${build[@]}") ;;
  # postgresql: initdb/pg_ctl for the throwaway test cluster; chromium + chromium-driver: browser tests;
  # poppler-utils: pdftotext reads exported PDFs back; libreoffice-calc-nogui: LibreOffice opens exported
  # workbooks; python3-venv: the browser tests' virtual environment; openssl: a throwaway self-signed
  # certificate for the TLS test.
  test) packages=("${build[@]}" postgresql chromium chromium-driver poppler-utils libreoffice-calc-nogui python3-venv openssl) ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# python3-venv is satisfied by any Python that can create a virtual environment with pip.
if [[ " ${missing[*]} " == *" python3-venv "* ]] && python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then sudo_prefix=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_prefix[@]}" apt-get update -qq
"${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
