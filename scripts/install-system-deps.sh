#!/usr/bin/env bash
# Install the Debian packages the book needs, only where missing: `venv` (Python and its venv module,
# needed before .venv/ can be created), `browser` (tests), `tex` (the PDF) or `all`.
# Nothing here downloads a browser or a toolchain of its own; everything comes from apt.
set -euo pipefail

VENV_PACKAGES=(python3 python3-venv)
BROWSER_PACKAGES=(chromium poppler-utils fonts-dejavu-core fonts-liberation2)
TEX_PACKAGES=(texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
              texlive-plain-generic latexmk lmodern fonts-freefont-otf poppler-utils)

missing() {
  local out=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || out+=("$pkg")
  done
  echo "${out[@]}"
}

case "${1:-all}" in
  venv) wanted=("${VENV_PACKAGES[@]}") ;;
  browser) wanted=("${BROWSER_PACKAGES[@]}") ;;
  tex) wanted=("${TEX_PACKAGES[@]}") ;;
  all) wanted=("${VENV_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}" "${TEX_PACKAGES[@]}") ;;
  *) echo "usage: $0 [venv|browser|tex|all]" >&2; exit 2 ;;
esac

todo=$(missing "${wanted[@]}")
if [ -z "$todo" ]; then
  exit 0
fi
command="apt-get install -y --no-install-recommends $todo"
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages. Run as root: apt-get update && $command" >&2
  exit 1
fi
echo "installing: $todo"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $todo >/dev/null
