# shellcheck shell=bash
# Installs ShellCheck for `make test-workflows`: it lints the repo's scripts, and the workflows'
# run: blocks through actionlint. Sourced by .ci/run as root; idempotent. actionlint itself is built from its Go
# module on first use (scripts/tools/actionlint.sh).
if ! command -v shellcheck >/dev/null; then
  apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
fi
shellcheck --version | sed -n 2p
