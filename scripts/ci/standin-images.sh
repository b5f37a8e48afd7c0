#!/usr/bin/env bash
# Builds local STAND-INS for the upstream container images that code/Dockerfile and
# docker-compose.yml name, and tags them with the upstream names so those files run
# unchanged:
#
#   eclipse-temurin:25-jdk   Debian bookworm + the host's Temurin 25 JDK in /opt/java/openjdk
#   eclipse-temurin:25-jre   Debian bookworm + a jlink'ed Temurin 25 runtime in /opt/java/openjdk
#   postgres:17              Debian trixie postgresql-17 + an entrypoint emulating the official one
#   redis:7                  Debian bookworm redis-server 7.0 + an entrypoint emulating the official one
#
# The stand-ins exist ONLY because this repo's offline CI has no container registry (no
# Docker Hub). A machine with registry access uses the real images and skips this step:
# for every image the script keeps an image that is already present and is not one of
# its stand-ins (label users-api.standin.key), and otherwise tries `docker pull` first;
# it builds a stand-in only when the pull fails. Set STANDIN_IMAGES_PULL=0 to skip the
# pull attempt, or pass --force to rebuild the stand-ins even when they are up to date.
#
# How: `debootstrap --variant=minbase` into a rootfs, `apt-get install` the packages in a
# chroot, tar it, `docker import` it as a base, then a small Dockerfile per image
# (scripts/ci/standin-images/<name>/Dockerfile) adds the host CA bundle, the JDK or the
# entrypoint. Rootfs tarballs are cached in $USERS_API_CACHE/standin-images keyed by
# suite + package list, and each final image carries a key of all its inputs, so a
# second run takes seconds. Needs root, docker, debootstrap (scripts/ci/provision.d/20-docker.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
recipes="$here/standin-images"
# shellcheck source=scripts/tools/lib.sh
source "$here/../tools/lib.sh"

MIRROR="${STANDIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CA_BUNDLE="${STANDIN_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
# shellcheck disable=SC2012 # a glob of fixed names
JAVA_SRC="${STANDIN_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -n1 || true)}"
PULL="${STANDIN_IMAGES_PULL:-1}"
FORCE=0
[[ "${1:-}" == --force ]] && FORCE=1
# Bump to rebuild every rootfs (the recipe below changed in a way the key cannot see).
RECIPE_VERSION=1
# The modules of the jlink'ed JRE: what Temurin's own JRE ships, minus JVMCI and the
# desktop-only jdk.unsupported.desktop (java.desktop stays: java.se requires it).
JRE_MODULES=java.se,jdk.accessibility,jdk.attach,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,\
jdk.dynalink,jdk.httpserver,jdk.jcmd,jdk.jdwp.agent,jdk.jfr,jdk.jsobject,jdk.localedata,\
jdk.management,jdk.management.agent,jdk.management.jfr,jdk.naming.dns,jdk.naming.rmi,jdk.net,\
jdk.nio.mapmode,jdk.sctp,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.xml.dom,jdk.zipfs

cache="$USERS_API_CACHE/standin-images"
mkdir -p "$cache/rootfs" "$cache/java" "$cache/tmp"

[[ $(id -u) == 0 ]] || die "standin-images.sh needs root (debootstrap, chroot)"
docker info >/dev/null 2>&1 || die "docker is not usable (docker info failed); run scripts/ci/provision.d/20-docker.sh"
[[ -r "$CA_BUNDLE" ]] || die "CA bundle $CA_BUNDLE not found"
[[ -x "$JAVA_SRC/bin/java" ]] || die "Temurin JDK 25 not found (set STANDIN_JAVA_HOME)"

hash_of() { sha256sum | cut -c1-12; }
ca_key=$(hash_of <"$CA_BUNDLE")

# standin_key IMAGE -> the key label of a stand-in, "" for any other present image, exit 1 if absent.
standin_key() {
  docker image inspect --format '{{ with .Config.Labels }}{{ index . "users-api.standin.key" }}{{ end }}' "$1" 2>/dev/null
}

# needs_standin IMAGE KEY -> 0 when the stand-in must be (re)built.
needs_standin() {
  local image=$1 key=$2 current
  if current=$(standin_key "$image"); then
    if [[ -z "$current" ]]; then
      log "$image: a real image is present; not replacing it"
      return 1
    fi
    if [[ "$current" == "$key" && $FORCE == 0 ]]; then
      log "$image: stand-in up to date ($key)"
      return 1
    fi
    return 0
  fi
  if [[ "$PULL" != 0 ]] && timeout 300 docker pull -q "$image" >/dev/null 2>&1; then
    log "$image: pulled from the registry; no stand-in needed"
    return 1
  fi
  log "$image: not present and \`docker pull\` failed (no registry): building a stand-in"
  return 0
}

# rootfs_key SUITE PACKAGE... -> the cache key of a rootfs.
rootfs_key() { printf '%s\n' "$RECIPE_VERSION" "$MIRROR" "$@" | hash_of; }

# ensure_rootfs_image NAME SUITE PACKAGE... -> prints the imported base image. Cached as a
# tarball in $cache/rootfs (keyed by suite + packages) and as an image users-api-standin/*.
ensure_rootfs_image() {
  local name=$1 suite=$2; shift 2
  local key image tarball start=$SECONDS
  key=$(rootfs_key "$suite" "$@")
  image="users-api-standin/rootfs-$name:$key"
  tarball="$cache/rootfs/$name-$suite-$key.tar"
  if docker image inspect "$image" >/dev/null 2>&1; then
    printf '%s\n' "$image"; return
  fi
  if [[ ! -f "$tarball" ]]; then
    log "rootfs $name: debootstrap $suite (minbase) + ${*:-nothing} (first run only, a minute or two)"
    build_rootfs "$suite" "$tarball" "$@"
    find "$cache/rootfs" -name "$name-*.tar" ! -path "$tarball" -delete  # older keys of this rootfs
    log "rootfs $name: built in $((SECONDS - start)) s ($(du -h "$tarball" | cut -f1))"
  fi
  docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "debootstrap $suite minbase + $*" "$tarball" "$image" >/dev/null
  log "rootfs $name: imported as $image"
  printf '%s\n' "$image"
}

# build_rootfs SUITE TARBALL PACKAGE...: debootstrap, apt-get install in a chroot, clean, tar.
build_rootfs() {
  local suite=$1 tarball=$2; shift 2
  local work
  work=$(mktemp -d "$cache/tmp/rootfs.XXXXXX")
  (
    rootfs="$work/rootfs"
    trap 'umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
    debootstrap --variant=minbase --include=ca-certificates "$suite" "$rootfs" "$MIRROR" \
      >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap $suite failed"; }
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    # No daemon may start inside the chroot, and postgresql-common must not create a cluster.
    printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod +x "$rootfs/usr/sbin/policy-rc.d"
    mkdir -p "$rootfs/etc/postgresql-common/createcluster.d"
    echo 'create_main_cluster = false' >"$rootfs/etc/postgresql-common/createcluster.d/standin.conf"
    mount -t proc proc "$rootfs/proc"
    if (($#)); then
      chroot "$rootfs" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"' \
        sh "$@" >"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log" >&2; die "apt-get install $* failed"; }
    fi
    umount "$rootfs/proc"
    chroot "$rootfs" apt-get clean
    rm -rf "$rootfs"/usr/sbin/policy-rc.d "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
      "$rootfs"/usr/share/{doc,man,info}/* "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/*
    : >"$rootfs/etc/resolv.conf"
    tar -C "$rootfs" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
      -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
  )
}

# ensure_java KIND -> prints a directory holding the Java tree for the image: the host JDK
# (KIND=jdk) or a jlink'ed runtime (KIND=jre), with a real cacerts built from the CA bundle
# (the host's cacerts is a symlink into /etc/ssl/certs/java, which the image does not have).
ensure_java() {
  local kind=$1 key dir start=$SECONDS
  key=$(java_key "$kind")
  dir="$cache/java/$kind-$key"
  if [[ ! -f "$dir/.complete" ]]; then
    rm -rf "$cache/java/$kind-"*  # older keys: a JDK update or a recipe change
    if [[ $kind == jre ]]; then
      log "java: jlink a runtime with $JRE_MODULES"
      "$JAVA_SRC/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
        --generate-cds-archive --output "$dir" >/dev/null || die "jlink failed"
    else
      cp -a "$JAVA_SRC" "$dir"
    fi
    rm -f "$dir/lib/security/cacerts"
    "$JAVA_SRC/bin/java" "$recipes/PemTruststore.java" "$CA_BUNDLE" "$dir/lib/security/cacerts" >&2 \
      || die "could not build the Java truststore from $CA_BUNDLE"
    touch "$dir/.complete"
    log "java: $kind ready in $((SECONDS - start)) s ($(du -sh "$dir" | cut -f1))"
  fi
  printf '%s\n' "$dir"
}

java_key() {
  { printf '%s\n' "$RECIPE_VERSION" "$1" "$JRE_MODULES" "$ca_key"; cat "$JAVA_SRC/release" "$recipes/PemTruststore.java"; } | hash_of
}

# build_standin IMAGE RECIPE BASE_IMAGE KEY [JAVA_DIR]: docker build the recipe's Dockerfile on
# the base, with the CA bundle (and the Java tree) in the context, tagged IMAGE.
build_standin() {
  local image=$1 recipe=$2 base=$3 key=$4 java_dir=${5:-} context start=$SECONDS
  context=$(mktemp -d "$cache/tmp/context.XXXXXX")
  cp -a "$recipes/$recipe/." "$context/"
  cp "$CA_BUNDLE" "$context/host-ca-bundle.crt"
  if [[ -n "$java_dir" ]]; then
    cp -al "$java_dir" "$context/java" 2>/dev/null || cp -a "$java_dir" "$context/java"
    rm -f "$context/java/.complete"
  fi
  local -a args=(--build-arg "BASE=$base" --label "users-api.standin.key=$key"
    --label "org.opencontainers.image.description=Local stand-in for $image (this CI has no registry); see docs/local-stack.md"
    -t "$image")
  [[ -n "$java_dir" ]] && args+=(--build-arg "JAVA_VERSION=$(sed -n 's/^SEMANTIC_VERSION="\(.*\)"/jdk-\1/p' "$JAVA_SRC/release")")
  if ! DOCKER_BUILDKIT=0 docker build -q "${args[@]}" "$context" >"$context.log" 2>&1; then
    cat "$context.log" >&2; rm -rf "$context" "$context.log"; die "docker build of the $image stand-in failed"
  fi
  rm -rf "$context" "$context.log"
  log "$image: stand-in built in $((SECONDS - start)) s"
}

# image_key RECIPE ROOTFS_KEY [EXTRA...] -> the key of a final image: every input it is made
# of, this script included (an edit here rebuilds the images from the cached rootfs).
image_key() {
  local recipe=$1; shift
  { printf '%s\n' "$RECIPE_VERSION" "$ca_key" "$@"; cat "$here/standin-images.sh"
    find "$recipes/$recipe" -type f | sort | xargs cat; } | hash_of
}

# standin IMAGE RECIPE SUITE JAVA_KIND|- PACKAGE...: the whole pipeline for one image.
standin() {
  local image=$1 recipe=$2 suite=$3 java=$4; shift 4
  local key base java_dir="" name=$recipe
  [[ $java == - ]] || name+="-$java"
  key=$(image_key "$recipe" "$(rootfs_key "$suite" "$@")" "$([[ $java == - ]] || java_key "$java")")
  needs_standin "$image" "$key" || return 0
  base=$(ensure_rootfs_image "$name" "$suite" "$@")
  [[ $java == - ]] || java_dir=$(ensure_java "$java")
  build_standin "$image" "$recipe" "$base" "$key" "$java_dir"
}

total=$SECONDS
standin eclipse-temurin:25-jdk temurin bookworm jdk curl wget binutils tzdata
standin eclipse-temurin:25-jre temurin bookworm jre tzdata
standin postgres:17 postgres trixie - postgresql-17
standin redis:7 redis bookworm - redis-server
log "images ready in $((SECONDS - total)) s:"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' \
  | grep -E '^(eclipse-temurin:25-(jdk|jre)|postgres:17|redis:7)\s' | sed 's/^/      /' >&2
