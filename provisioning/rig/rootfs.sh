#!/usr/bin/env bash
# Builds (or reuses) the rig's Debian 12 root file system and prints its path.
# Cached under $STAMPBOX_RIG_CACHE (default /var/cache/stampbox-rig), keyed by a hash of the recipe
# and of this script: changing either builds a new image; old images are deleted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${STAMPBOX_RIG_CACHE:-/var/cache/stampbox-rig}
key=$(cat "$here/recipe" "$here/rootfs.sh" | sha256sum | cut -c1-16)
image="$cache/bookworm-$key"
if [ -f "$image/.complete" ]; then echo "$image"; exit 0; fi
# shellcheck disable=SC1091
. "$here/recipe"
mkdir -p "$cache"
find "$cache" -mindepth 1 -maxdepth 1 -name 'bookworm-*' ! -name "bookworm-$key" -exec rm -rf {} +
rm -rf "$image" "$image.tmp"
echo "rig: building the Debian $suite root file system in $image (debootstrap from $mirror; minutes)" >&2
debootstrap --variant="$variant" --include="$packages" "$suite" "$image.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 \
  || { echo "rig: debootstrap failed, see $cache/debootstrap.log" >&2; tail -5 "$cache/debootstrap.log" >&2; exit 1; }
# No network time sync, no getty on the container's console; machine-id made at first boot.
rm -f "$image.tmp/etc/machine-id" && : >"$image.tmp/etc/machine-id"
echo stampbox-rig >"$image.tmp/etc/hostname"
chroot "$image.tmp" apt-get clean
mv "$image.tmp" "$image"
touch "$image/.complete"
echo "$image"
