#!/usr/bin/env bash
# Builds Farcall's container images from the executable jars of a Maven build.
#
#   mvn -B package -DskipTests            # the jars under */target
#   deploy/build-images.sh                # farcall/coordinator and farcall/worker on eclipse-temurin:17-jre
#   deploy/build-images.sh --local-base   # the same on a Debian image made here (no image registry needed)
#   deploy/build-images.sh --local-base --test-images
#                                         # also farcall/kafka-embedded and farcall/postgres-debian,
#                                         # the broker and database the compose test runs without a registry
#
# Environment:
#   CONTAINER_ENGINE  podman or docker (default: podman if installed, else docker)
#   BASE_IMAGE        base of the service images (default eclipse-temurin:17-jre; --local-base sets it)
#   FARCALL_TAG       tag of the images built (default latest; docker-compose.yml reads the same variable)
#   FARCALL_BASE_SUITE  Debian suite of the local base (default bookworm: it has OpenJDK 17)
#
# The local base (localhost/farcall/base:<suite>) is Debian minbase with OpenJDK 17's headless JRE,
# PostgreSQL and curl, made with debootstrap (needs root) from the mirror this machine's apt uses,
# and imported; it is built once and kept: delete the image to build it again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

local_base=false
test_images=false
for arg in "$@"; do
  case "$arg" in
    --local-base) local_base=true ;;
    --test-images) test_images=true ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

engine="${CONTAINER_ENGINE:-}"
if [[ -z "$engine" ]]; then
  if command -v podman >/dev/null 2>&1; then engine=podman; else engine=docker; fi
fi
tag="${FARCALL_TAG:-latest}"
suite="${FARCALL_BASE_SUITE:-bookworm}"
local_base_image="localhost/farcall/base:$suite"
base="${BASE_IMAGE:-eclipse-temurin:17-jre}"
$local_base && base="$local_base_image"

label="dev.farcall.built-by=build-images.sh"

log() { echo "[images $(date +%H:%M:%S)] $*"; }

image_exists() {
  if [[ "$engine" == podman ]]; then podman image exists "$1"; else docker image inspect "$1" >/dev/null 2>&1; fi
}

# The mirror this machine's apt reads Debian from, so the base comes from where packages come from.
debian_mirror() {
  local uri
  uri=$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1 || true)
  if [[ -z "$uri" ]]; then
    uri=$(grep -h -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1 || true)
  fi
  echo "$uri"
}

build_local_base() {
  if image_exists "$local_base_image"; then
    log "$local_base_image exists; kept"
    return
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is needed for --local-base (apt-get install debootstrap)" >&2; exit 1; }
  [[ $(id -u) -eq 0 ]] || { echo "debootstrap needs root" >&2; exit 1; }
  local dir root started
  started=$(date +%s)
  dir=$(mktemp -d /var/tmp/farcall-base.XXXXXX)
  root="$dir/rootfs"
  trap 'rm -rf "$dir"' RETURN
  log "debootstrap $suite into $root (a few minutes)"
  # shellcheck disable=SC2046 # the mirror is one word or none (debootstrap's default)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,postgresql,curl \
    "$suite" "$root" $(debian_mirror) >"$dir/debootstrap.log" 2>&1 \
    || { tail -20 "$dir/debootstrap.log" >&2; exit 1; }
  # What an image does not need: package caches and lists, documentation, and the cluster the
  # postgresql package creates (the database image initialises its own data directory).
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale \
    "$root"/var/lib/postgresql/*/main "$root"/etc/postgresql/*/main
  tar -C "$root" -c . | "$engine" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    - "$local_base_image" >/dev/null
  log "$local_base_image built in $(( $(date +%s) - started )) s"
}

# build <image> <context directory>: on $base, labelled so that the image it replaces can be pruned.
# With podman: docker format (OCI drops HEALTHCHECK), and no intermediate images kept.
build() {
  local image="$1" context="$2" options=()
  [[ "$engine" == podman ]] && options=(--format docker --layers=false)
  log "building $image:$tag from $context/Dockerfile on $base"
  "$engine" build -q "${options[@]}" --label "$label" --build-arg "BASE_IMAGE=$base" \
    -t "$image:$tag" "$context" >/dev/null
}

require_jar() {
  compgen -G "$1" >/dev/null || {
    echo "no $1: build the jars first (mvn -B package -DskipTests)" >&2
    exit 1
  }
}

require_jar 'coordinator-service/target/coordinator-service-*-exec.jar'
require_jar 'worker-service/target/worker-service-*-exec.jar'
$test_images && require_jar 'embedded-kafka/target/broker-image/lib/*.jar'

$local_base && build_local_base
build farcall/coordinator coordinator-service
build farcall/worker worker-service
if $test_images; then
  build farcall/kafka-embedded embedded-kafka
  build farcall/postgres-debian deploy/postgres
fi
# the images these builds replaced, now untagged
"$engine" image prune -f --filter "label=$label" >/dev/null
log "done"
