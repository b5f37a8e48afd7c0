# shellcheck shell=bash
# Base packages and the Java 25 toolchain. Sourced by .ci/run.
if [[ ! -f /var/lib/apt/periodic/users-api-updated ]] || [[ -n "$(find /var/lib/apt/periodic/users-api-updated -mmin +360 2>/dev/null)" ]]; then
  apt-get update -qq
  mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/users-api-updated
fi
apt-get install -y -qq --no-install-recommends make curl ca-certificates python3 python3-venv git >/dev/null

# Java 25 (Temurin). The machine image carries it under /usr/lib/jvm; fail loudly otherwise.
JAVA_HOME="$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -n1 || true)"
if [[ -z "$JAVA_HOME" ]]; then
  echo "error: Temurin JDK 25 not found under /usr/lib/jvm; install it before running CI" >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
java -version 2>&1 | head -n1
