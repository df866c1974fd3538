#!/usr/bin/env bash
# Installs what Headroom needs beyond the Swift toolchain: GNU Scientific Library headers and
# pkg-config (Debian packages libgsl-dev, pkg-config). Idempotent: does nothing when present.
set -euo pipefail

if pkg-config --exists gsl 2>/dev/null; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: GSL not found and apt-get is unavailable; install GSL (libgsl-dev) and pkg-config by hand." >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "setup: installing libgsl-dev needs root (or sudo)." >&2
        exit 1
    fi
fi

echo "setup: installing libgsl-dev and pkg-config with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libgsl-dev pkg-config >/dev/null
pkg-config --exists gsl
