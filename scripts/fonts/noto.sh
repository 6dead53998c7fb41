#!/usr/bin/env bash
# Fetch the bundled Noto Sans Arabic and Hebrew faces again from Debian's fonts-noto-core
# (pinned by SHA-256; see src/revkiosk/ui/fonts/noto/README.md). Needs apt (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=src/revkiosk/ui/fonts/noto
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-noto-core=20201225-1 >/dev/null)
dpkg-deb -x "$work"/fonts-noto-core_*.deb "$work/root"
for face in NotoSansArabic-Regular NotoSansArabic-Bold NotoSansHebrew-Regular NotoSansHebrew-Bold; do
  cp "$work/root/usr/share/fonts/truetype/noto/$face.ttf" "$target/"
done
(cd "$target" && sha256sum --check --quiet <<'SUMS'
504d7407d86875acf7d04dfaa0fd7524d0b8797723bc4aa18022f29db25b0b6e  NotoSansArabic-Regular.ttf
ded6fc7359ca36d15d7aab9ef0c066e21ce48b26a069994d6602fa2cb9a1b952  NotoSansArabic-Bold.ttf
436900d5ad77d33e4234247f3076eaecd25b92b9bea0519514f684140e3566a7  NotoSansHebrew-Regular.ttf
d3b01343f71e8a93fffb84c345a1aecbaf4694b98d0eaace916cb9eac9e6dcd3  NotoSansHebrew-Bold.ttf
SUMS
)
echo "noto: four faces copied and checked in $target"
