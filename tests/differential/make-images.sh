#!/usr/bin/env bash
# Builds the reference images of the differential suite without a registry, loads them into the
# Docker engine that `docker` talks to (honours DOCKER_HOST), and writes the matching dockersim
# catalog.
#
#   alpine:latest       BusyBox (Debian's busybox-static) with alpine's top-level folders,
#                       CMD ["/bin/sh"]
#   busybox:latest      the same BusyBox with every applet in /bin, CMD ["sh"]
#   hello-world:latest  only /hello, a tiny static binary that prints reference 6.1's text,
#                       CMD ["/hello"]
#
# The archives are written in `docker save`'s legacy layout by hand (not `docker import`), so
# the creation dates are fixed and the image IDs are the same on every machine with the same
# busybox-static package. Output, in $DSIM_DIFF_WORK (default target/differential):
#   images/*.tar    archives that `docker load -i` takes (the runner reloads them between
#                   scenarios)
#   catalog.yaml    the same images for `dockersim --catalog` (IDs, sizes, layers, config and
#                   the file tree listed from the real root filesystem)
#
# Usage: tests/differential/make-images.sh [--no-load]
set -euo pipefail
umask 022

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${DSIM_DIFF_WORK:-$repo/target/differential}"
load=1
[ "${1:-}" = "--no-load" ] && load=0

mkdir -p "$work/deb" "$work/images"
build="$(mktemp -d "$work/build.XXXXXX")"
trap 'rm -rf "$build"' EXIT

# --- BusyBox from Debian -------------------------------------------------------------------
deb="$(ls "$work"/deb/busybox-static_*.deb 2>/dev/null | head -n1 || true)"
if [ -z "$deb" ]; then
    (cd "$work/deb" && { apt-get download busybox-static >/dev/null 2>&1 ||
        { apt-get update >/dev/null && apt-get download busybox-static >/dev/null 2>&1; }; })
    deb="$(ls "$work"/deb/busybox-static_*.deb | head -n1)"
fi
dpkg-deb -x "$deb" "$build/deb"
busybox="$build/deb/bin/busybox"
# Applet paths without the leading slash (`bin/ls`, `usr/bin/[`), minus the binary itself.
"$busybox" --list-full | grep -v -e '^bin/busybox$' -e '^linuxrc$' | LC_ALL=C sort >"$build/applets"

# --- /hello --------------------------------------------------------------------------------
# Reference 6.1's text, written with raw system calls like the real hello-world binary (no
# libc, so the image holds a single small file).
cat >"$build/hello.c" <<'EOF'
static const char message[] =
    "\n"
    "Hello from Docker!\n"
    "This message shows that your installation appears to be working correctly.\n"
    "\n"
    "To generate this message, Docker took the following steps:\n"
    " 1. The Docker client contacted the Docker daemon.\n"
    " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n"
    "    (amd64)\n"
    " 3. The Docker daemon created a new container from that image which runs the\n"
    "    executable that produces the output you are currently reading.\n"
    " 4. The Docker daemon streamed that output to the Docker client, which sent it\n"
    "    to your terminal.\n"
    "\n"
    "To try something more ambitious, you can run an Ubuntu container with:\n"
    " $ docker run -it ubuntu bash\n"
    "\n"
    "Share images, automate workflows, and more with a free Docker ID:\n"
    " https://hub.docker.com/\n"
    "\n"
    "For more examples and ideas, visit:\n"
    " https://docs.docker.com/get-started/\n"
    "\n";

static long sys3(long n, long a, long b, long c) {
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

void _start(void) {
    sys3(1, 1, (long)message, sizeof(message) - 1); /* write(1, ...) */
    sys3(60, 0, 0, 0);                              /* exit(0) */
    for (;;) {
    }
}
EOF
gcc -Os -static -nostdlib -fno-asynchronous-unwind-tables -fno-stack-protector -s \
    -Wl,--build-id=none -o "$build/hello" "$build/hello.c"

# --- root filesystems ----------------------------------------------------------------------
etc_files() {
    mkdir -p "$1/etc"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' >"$1/etc/passwd"
    printf 'root:x:0:root\nnogroup:x:65534:\n' >"$1/etc/group"
}

alpine="$build/rootfs-alpine"
for d in bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr/bin usr/sbin \
    usr/lib usr/local/bin var/log var/tmp; do
    mkdir -p "$alpine/$d"
done
chmod 1777 "$alpine/tmp" "$alpine/var/tmp"
chmod 700 "$alpine/root"
cp "$busybox" "$alpine/bin/busybox"
while read -r applet; do
    ln -s /bin/busybox "$alpine/$applet"
done <"$build/applets"
etc_files "$alpine"

bbox="$build/rootfs-busybox"
for d in bin dev etc home lib root tmp usr/sbin var/spool/mail var/www; do
    mkdir -p "$bbox/$d"
done
chmod 1777 "$bbox/tmp"
chmod 700 "$bbox/root"
cp "$busybox" "$bbox/bin/busybox"
sed 's|.*/||' "$build/applets" | LC_ALL=C sort -u | while read -r name; do
    ln -s busybox "$bbox/bin/$name"
done
etc_files "$bbox"

hello="$build/rootfs-hello"
mkdir -p "$hello"
cp "$build/hello" "$hello/hello"

# --- archives ------------------------------------------------------------------------------
PATH_ENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

# make_image NAME ROOTFS CREATED CMD_JSON -> images/NAME.tar; prints "id diff_id"
make_image() {
    local name="$1" rootfs="$2" created="$3" cmd="$4"
    local dir="$build/archive-$name"
    mkdir -p "$dir"
    (cd "$rootfs" && LC_ALL=C tar --sort=name --mtime="$created" --owner=0 --group=0 \
        --numeric-owner --format=gnu -cf "$dir/layer.tar" $(LC_ALL=C ls -A))
    local diff
    diff="$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)"
    mkdir -p "$dir/$diff"
    mv "$dir/layer.tar" "$dir/$diff/layer.tar"
    printf '{"architecture":"amd64","config":{"Env":["%s"],"Cmd":%s},"created":"%s","history":[{"created":"%s","created_by":"dockersim differential suite: %s"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
        "$PATH_ENV" "$cmd" "$created" "$created" "$name" "$diff" >"$dir/config.json"
    local id
    id="$(sha256sum "$dir/config.json" | cut -d' ' -f1)"
    mv "$dir/config.json" "$dir/$id.json"
    printf '[{"Config":"%s.json","RepoTags":["%s:latest"],"Layers":["%s/layer.tar"]}]' \
        "$id" "$name" "$diff" >"$dir/manifest.json"
    printf '{"%s":{"latest":"%s"}}' "$name" "$id" >"$dir/repositories"
    (cd "$dir" && LC_ALL=C tar --sort=name --mtime="$created" --owner=0 --group=0 \
        --numeric-owner --format=gnu -cf "$work/images/$name.tar" manifest.json repositories \
        "$id.json" "$diff")
    echo "$id $diff"
}

read -r alpine_id alpine_diff < <(make_image alpine "$alpine" 2025-02-14T03:28:36Z '["/bin/sh"]')
read -r busybox_id busybox_diff < <(make_image busybox "$bbox" 2025-01-27T18:46:09Z '["sh"]')
read -r hello_id hello_diff < <(make_image hello-world "$hello" 2025-01-21T23:32:32Z '["/hello"]')

# --- load ----------------------------------------------------------------------------------
size_of() { # the engine's own measure of the image (what `docker images` shows)
    if [ "$load" = 1 ]; then docker image inspect -f '{{.Size}}' "$1"; else du -sb "$2" | cut -f1; fi
}
if [ "$load" = 1 ]; then
    for name in alpine busybox hello-world; do
        docker load -q -i "$work/images/$name.tar" >/dev/null
    done
fi
alpine_size="$(size_of alpine:latest "$alpine")"
busybox_size="$(size_of busybox:latest "$bbox")"
hello_size="$(size_of hello-world:latest "$hello")"

# --- catalog -------------------------------------------------------------------------------
# fs_yaml ROOTFS: dirs, files (small text files) and programs (applet name per path).
fs_yaml() {
    local root="$1"
    echo "    dirs:"
    (cd "$root" && find . -mindepth 1 -type d | LC_ALL=C sort) | sed 's|^\.\(.*\)|      - "\1"|'
    echo "    files:"
    (cd "$root" && find . -type f -path './etc/*' | LC_ALL=C sort) | while read -r f; do
        printf '      "%s": "%s"\n' "${f#.}" "$(sed -z 's/\n/\\n/g' "$root/$f")"
    done
    echo "    programs:"
    (cd "$root" && find . \( -type l -o \( -type f -perm -u+x \) \) | LC_ALL=C sort) | while read -r p; do
        local name="${p##*/}"
        printf '      "%s": "%s"\n' "${p#.}" "$name"
    done
}

catalog="$work/catalog.yaml"
{
    cat <<EOF
# Generated by tests/differential/make-images.sh from $(basename "$deb"): the reference images
# of the differential suite, as dockersim's catalog (schema: src/engine/catalog.rs). They are
# loaded, not pulled, on both sides (see tests/differential/README.md).
layers:
  - digest: "sha256:$alpine_diff"
    diff_id: "sha256:$alpine_diff"
    size: $(stat -c %s "$build/archive-alpine/$alpine_diff/layer.tar")
  - digest: "sha256:$busybox_diff"
    diff_id: "sha256:$busybox_diff"
    size: $(stat -c %s "$build/archive-busybox/$busybox_diff/layer.tar")
  - digest: "sha256:$hello_diff"
    diff_id: "sha256:$hello_diff"
    size: $(stat -c %s "$build/archive-hello-world/$hello_diff/layer.tar")
images:
  - repository: alpine
    tags: ["latest"]
    id: "sha256:$alpine_id"
    digest: "sha256:$alpine_diff"
    created: "2025-02-14T03:28:36Z"
    size: $alpine_size
    layers: ["sha256:$alpine_diff"]
    config: { cmd: ["/bin/sh"], env: ["$PATH_ENV"] }
    filesystem: diff-alpine
  - repository: busybox
    tags: ["latest"]
    id: "sha256:$busybox_id"
    digest: "sha256:$busybox_diff"
    created: "2025-01-27T18:46:09Z"
    size: $busybox_size
    layers: ["sha256:$busybox_diff"]
    config: { cmd: ["sh"], env: ["$PATH_ENV"] }
    filesystem: diff-busybox
  - repository: hello-world
    tags: ["latest"]
    id: "sha256:$hello_id"
    digest: "sha256:$hello_diff"
    created: "2025-01-21T23:32:32Z"
    size: $hello_size
    layers: ["sha256:$hello_diff"]
    config: { cmd: ["/hello"], env: ["$PATH_ENV"] }
    filesystem: diff-hello
filesystems:
  diff-alpine:
EOF
    fs_yaml "$alpine"
    echo "  diff-busybox:"
    fs_yaml "$bbox"
    echo "  diff-hello:"
    echo "    programs:"
    echo '      "/hello": "hello"'
} >"$catalog"
echo "reference images: alpine ${alpine_id:0:12}, busybox ${busybox_id:0:12}, hello-world ${hello_id:0:12}"
echo "catalog: $catalog"
