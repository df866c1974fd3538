#!/usr/bin/env bash
# Installs what Headroom needs beyond the Swift toolchain: GNU Scientific Library headers and
# pkg-config (Debian packages libgsl-dev, pkg-config), and for the tests Python's jsonschema
# (the JSON Schema validator the schema tests run), junitparser (reads the JUnit XML of
# `headroom check --junit`) and cmarkgfm (GitHub's Markdown renderer, for `--markdown`).
# Idempotent: does nothing when present.
set -euo pipefail

install_gsl() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup: GSL not found and apt-get is unavailable; install GSL (libgsl-dev) and pkg-config by hand." >&2
        exit 1
    fi

    local sudo=""
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
}

if ! pkg-config --exists gsl 2>/dev/null; then
    install_gsl
fi

if ! python3 -c "import jsonschema" >/dev/null 2>&1; then
    echo "setup: installing Python's jsonschema with pip (used by the JSON Schema tests)" >&2
    python3 -m pip install --quiet jsonschema
fi

if ! python3 -c "import junitparser, cmarkgfm" >/dev/null 2>&1; then
    echo "setup: installing Python's junitparser and cmarkgfm with pip (used by the headroom check report tests)" >&2
    python3 -m pip install --quiet junitparser cmarkgfm
fi
