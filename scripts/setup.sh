#!/usr/bin/env bash
# Installs every Debian package Corridor needs to build, test and run. Idempotent: packages that are
# already installed are skipped, and nothing is touched when the list is complete.
# Usage: scripts/setup.sh [PACKAGE…]          the project's packages, plus any named
#        scripts/setup.sh --only PACKAGE…     just the named ones (the data and benchmark scripts use this)
# As root, or as a user with sudo.
set -euo pipefail

packages=(
    # toolchain; ccache keeps the test script's three builds from compiling unchanged files again
    build-essential cmake pkg-config git ccache
    # window, GL context, GL loader, headless EGL with Mesa's software rasteriser (llvmpipe)
    libsfml-dev libepoxy-dev libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri
    # panels
    libimgui-dev libstb-dev
    # data: every layer through GDAL, every reprojection and geodesic through PROJ, geometry checks with GEOS
    libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev
    # identify: Boost.Geometry's R-tree over the view-CRS geometry (header-only)
    libboost-dev
    # text
    libfreetype-dev libharfbuzz-dev libfribidi-dev fonts-dejavu-core
    # the furniture's italic (point-of-view note, slide captions): DejaVu Sans Oblique is in -extra, not -core
    fonts-dejavu-extra
    # briefing decks: the PDF of all slides (cairo), and the tests' check of it (pdfinfo, pdftotext, pdftoppm)
    libcairo2-dev poppler-utils
    # Persian labels: Noto Sans Arabic (fonts-noto-core), a face made for the script
    fonts-noto-core
    # CLI, styles, images
    libcli11-dev libtomlplusplus-dev libpng-dev
    # the PNG writer's checksum (libdeflate's vectorised Adler-32)
    libdeflate-dev
    # the mesh cache's checksums and keys (XXH3)
    libxxhash-dev
    # tests: unit tests, the viewer under a virtual X server, scripted input
    doctest-dev xvfb xauth xdotool x11-utils
    # a window manager that fits windows to the screen, for the --window-size test
    matchbox-window-manager
)

if [ "${1:-}" = "--only" ]; then
    shift
    packages=("$@")
else
    packages+=("$@")
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=900 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
