#!/usr/bin/env bash
# Builds (or reuses) the rig's arm64 or armhf Debian 12 root file system and prints its path.
# usage: arm-rootfs.sh arm64|armhf. Cached under $STAMPBOX_RIG_CACHE (default /var/cache/stampbox-rig)
# as arm-bookworm-ARCH-<hash of recipe-arm and this script>: changing either builds a new image; the old
# image of that architecture is deleted. (Not bookworm-*: rootfs.sh deletes every bookworm-* but its own.) Needs qemu-user-static with binfmt registered (the second
# debootstrap stage and openjdk's configure scripts run emulated: 10-30 min on a 2-core machine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=${1:?arm64 or armhf}
cache=${STAMPBOX_RIG_CACHE:-/var/cache/stampbox-rig}
key=$(cat "$here/recipe-arm" "$here/arm-rootfs.sh" | sha256sum | cut -c1-16)
image="$cache/arm-bookworm-$arch-$key"
if [ -f "$image/.complete" ]; then echo "$image"; exit 0; fi
# shellcheck disable=SC1091
. "$here/recipe-arm"
mkdir -p "$cache"
find "$cache" -mindepth 1 -maxdepth 1 -name "arm-bookworm-$arch-*" ! -name "arm-bookworm-$arch-$key" -exec rm -rf {} +
rm -rf "$image" "$image.tmp"
log="$cache/debootstrap-$arch.log"
echo "rig: building the Debian $suite $arch root file system in $image (debootstrap from $mirror, second stage under qemu-user; many minutes)" >&2
{ debootstrap --arch="$arch" --foreign --variant="$variant" --include="$packages" "$suite" "$image.tmp" "$mirror" \
    && chroot "$image.tmp" /debootstrap/debootstrap --second-stage; } >"$log" 2>&1 \
  || { echo "rig: debootstrap ($arch) failed, see $log" >&2; tail -5 "$log" >&2; exit 1; }
echo "stampbox-rig-$arch" >"$image.tmp/etc/hostname"
chroot "$image.tmp" apt-get clean
mv "$image.tmp" "$image"
touch "$image/.complete"
echo "$image"
