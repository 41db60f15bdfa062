#!/usr/bin/env bash
# Runs the differential suite (dockersim against a real Docker engine) on a private engine:
# starts its own dockerd (own data root, socket and exec root, no bridge network, vfs storage)
# so the suite can remove every container and image without touching anyone else's, builds
# the reference images into it, runs `cargo test --test differential`, and stops the dockerd it
# started. Prints plainly that it skipped when `docker info` does not answer or dockerd cannot
# be started here.
#
#   tests/differential/run.sh                 all scenarios
#   DSIM_DIFF_ONLY=stop,rm tests/differential/run.sh   scenarios whose file name contains "stop" or "rm"
#
# Set DSIM_DIFF_DOCKER_HOST=unix:///path.sock to use an engine you started yourself instead
# (it will be wiped).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

skip() {
    echo "differential suite skipped: $*"
    exit 0
}

command -v docker >/dev/null || skip "no docker client"
docker info >/dev/null 2>&1 || skip "\`docker info\` does not answer"

export DSIM_DIFF_WORK="${DSIM_DIFF_WORK:-$repo/target/differential}"
mkdir -p "$DSIM_DIFF_WORK"

pid=""
if [ -n "${DSIM_DIFF_DOCKER_HOST:-}" ]; then
    export DOCKER_HOST="$DSIM_DIFF_DOCKER_HOST"
else
    command -v dockerd >/dev/null || skip "no dockerd to start a private engine with"
    [ "$(id -u)" = 0 ] || skip "starting a private dockerd needs root"
    # Short paths: unix socket paths are limited to about 100 bytes.
    engine="$(mktemp -d /tmp/dsim-engine.XXXXXX)"
    echo '{}' >"$engine/daemon.json"
    dockerd --config-file "$engine/daemon.json" --data-root "$engine/root" \
        --exec-root "$engine/exec" --pidfile "$engine/dockerd.pid" \
        -H "unix://$engine/docker.sock" --bridge=none --iptables=false --ip-masq=false \
        --storage-driver=vfs >"$engine/dockerd.log" 2>&1 &
    pid=$!
    cleanup() {
        ids="$(docker ps -aq 2>/dev/null || true)"
        [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        # The vfs layers of the private engine are plain folders.
        rm -rf "$engine" 2>/dev/null || true
    }
    trap cleanup EXIT
    export DOCKER_HOST="unix://$engine/docker.sock"
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if ! docker info >/dev/null 2>&1; then
        tail -n 5 "$engine/dockerd.log" || true
        skip "the private dockerd did not start (log above)"
    fi
fi

"$here/make-images.sh"
DSIM_DIFF=1 cargo test --test differential -- --nocapture
