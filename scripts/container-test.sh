#!/usr/bin/env bash
# Opt-in: builds the real Dockerfile and runs the image WITHOUT a Docker engine (docs/container.md, "Building
# and running the image without Docker"). Needs root and Debian's buildah, podman, runc and debootstrap (installed here if
# missing). The base image `node:20-bookworm-slim` cannot be pulled, so a stand-in is made: a debootstrap'ed
# bookworm (minbase) plus this machine's Node 20 (binary, headers, npm) under /usr/local and a `node` user with
# UID 1000, as in the official image. Then: buildah bud --pull=never, podman run (runc) --read-only with a /data
# volume, /healthz, the HEALTHCHECK command, a server-encrypted secret created and claimed once (the second
# claim 404s), the SQLite file on the volume, and a clean SIGTERM stop.
# Usage: bash scripts/container-test.sh   (cache: $BURNLINK_CT_CACHE, default /var/tmp/burnlink-container-test)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${BURNLINK_CT_CACHE:-/var/tmp/burnlink-container-test}
BASE=localhost/node:20-bookworm-slim
IMAGE=localhost/burnlink:container-test
PORT=${BURNLINK_CT_PORT:-18480}
NAME=burnlink-container-test-$$
start=$(date +%s)
say() { echo "== [$(($(date +%s) - start))s] $*"; }

need=()
for tool in buildah podman debootstrap runc; do command -v "$tool" >/dev/null || need+=("$tool"); done
if ((${#need[@]})); then
  say "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" uidmap >/dev/null
fi
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a === 20 && b >= 19 ? 0 : 1)' ||
  { echo "this machine's Node must be 20.19+ (it is $(node -v))" >&2; exit 1; }

mkdir -p "$CACHE"
if ! podman image exists "$BASE"; then
  rootfs=$CACHE/rootfs
  if [ ! -x "$rootfs/usr/bin/apt-get" ]; then
    say "debootstrap bookworm (minbase)"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$CACHE/debootstrap.log"
  fi
  say "adding Node $(node -v) as in the official image"
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/include" "$rootfs/usr/local/lib/node_modules"
  rm -rf "$rootfs/usr/local/include/node" "$rootfs/usr/local/lib/node_modules/npm"
  cp -a /usr/include/node "$rootfs/usr/local/include/node"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  chroot "$rootfs" sh -c 'getent passwd node >/dev/null || { groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/bash node; }'
  rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/var/lib/apt/lists"/*
  # This machine may reach the npm registry through a TLS-inspecting egress proxy whose CA only the host
  # trusts: the stand-in takes the host's CA bundle (the official image would use its own), and Node reads it.
  mkdir -p "$rootfs/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/host-ca-certificates.crt"
  say "importing the stand-in as $BASE"
  tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-certificates.crt' - "$BASE" >/dev/null 2>&1
fi

say "buildah bud (the repository's Dockerfile)"
# docker format: OCI image configs have no HEALTHCHECK (buildah would drop it).
buildah bud --pull=never --isolation=chroot --network=host --layers --format docker \
  --build-arg NODE_IMAGE="$BASE" -t "$IMAGE" . >"$CACHE/build.log" 2>&1 ||
  { tail -40 "$CACHE/build.log"; exit 1; }

data=$(mktemp -d "$CACHE/data.XXXXXX")
chown 1000:1000 "$data"
cleanup() { podman --runtime runc rm -f "$NAME" >/dev/null 2>&1 || true; rm -rf "$data"; }
trap cleanup EXIT

say "podman run --read-only (port $PORT)"
# runc, not Debian's default crun: crun refuses this machine's hybrid cgroup v1/v2 layout ("cgroups in hybrid
# mode not supported") and --cgroups=disabled does not avoid it. Ulimits at or below the host's: podman's
# defaults (nofile 1048576, nproc 4194304) are above them, and raising them is refused (EPERM). No health-check
# timer (it needs systemd): the HEALTHCHECK command is run with podman exec below.
podman --runtime runc run -d --name "$NAME" --network=host --read-only --tmpfs /tmp --no-healthcheck \
  --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 \
  -e BURNLINK_PORT="$PORT" -v "$data:/data" "$IMAGE" >/dev/null
base=http://127.0.0.1:$PORT
for _ in $(seq 1 60); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "$base/healthz" >/dev/null || { podman logs "$NAME" | tail -20; exit 1; }
say "ready; checking the image"

[ "$(podman exec "$NAME" id -u)" = 1000 ] || { echo "not running as UID 1000" >&2; exit 1; }
podman exec "$NAME" sh -c 'touch /app/x 2>/dev/null' && { echo "root filesystem is writable" >&2; exit 1; }
# The image's own HEALTHCHECK command (["CMD", "node", "-e", …] naming /healthz), run inside the container.
mapfile -t health < <(podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE" |
  node -e 'const t = JSON.parse(require("fs").readFileSync(0, "utf8") || "null")?.Test;
    if (Array.isArray(t) && t[0] === "CMD" && t.join(" ").includes("/healthz")) for (const a of t.slice(1)) console.log(a)')
((${#health[@]})) || { echo "the image has no HEALTHCHECK on /healthz" >&2; exit 1; }
podman exec "$NAME" "${health[@]}" || { echo "the HEALTHCHECK command failed" >&2; exit 1; }
podman exec "$NAME" burnlink admin --help >/dev/null || { echo "the CLI does not run in the image" >&2; exit 1; }

created=$(curl -fsS -X POST "$base/api/v1/secrets" -H 'content-type: application/json' -d '{"text":"container test"}')
read -r id key < <(node -e 'const c = JSON.parse(process.argv[1]); const u = new URL(c.link);
  console.log(c.id, u.hash.slice(1))' "$created")
claim() { curl -sS -o "$CACHE/claim.json" -w '%{http_code}' -X POST "$base/api/v1/secrets/$id/claim" \
  -H 'content-type: application/json' -d "{\"key\":\"$key\"}"; }
[ "$(claim)" = 200 ] && grep -q '"text":"container test"' "$CACHE/claim.json" || { echo "claim failed" >&2; exit 1; }
[ "$(claim)" = 404 ] || { echo "second claim did not 404" >&2; exit 1; }
rm -f "$CACHE/claim.json"
[ -f "$data/burnlink.db" ] || { echo "no SQLite file on the /data volume" >&2; exit 1; }

podman --runtime runc stop -t 15 "$NAME" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || { echo "exit code after SIGTERM: $code" >&2; podman logs "$NAME" | tail -20; exit 1; }
say "ok: built, ran read-only as UID 1000, healthz, the CLI, create + claim once, SQLite on /data, clean stop"
