#!/usr/bin/env bash
# Makes the screenshots of docs/reports.md with headless Chromium (Debian: apt-get install chromium):
#   docs/images/report.png            the HTML report of Scenarios/startup-mvp.json, from the real file
#   docs/images/report-over-time.png  the "Over time" charts, drawn from a synthetic time series
# Run from the package root after `make test` (it uses the release build and its test bundle).
# pngquant, when installed, makes the PNGs about three times smaller.
set -euo pipefail
BIN=${BIN:-.build/release/headroom}
mkdir -p docs/images .build/report-samples

shot() { # FILE WIDTH,HEIGHT PNG
    chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$2" --screenshot="$3" "file://$PWD/$1" 2>/dev/null
}

status=0
"$BIN" run Scenarios/startup-mvp.json --html .build/report.html >/dev/null || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
shot .build/report.html 1280,2900 docs/images/report.png

HEADROOM_HTML_SAMPLES="$PWD/.build/report-samples" swift test -c release -Xswiftc -enable-testing --skip-build \
    --filter HTMLReportSamples >/dev/null
shot .build/report-samples/over-time-section.html 1280,1240 docs/images/report-over-time.png

if command -v pngquant >/dev/null 2>&1; then
    pngquant --force --skip-if-larger --ext .png --quality 65-90 docs/images/report.png docs/images/report-over-time.png || true
fi
ls -l docs/images/report.png docs/images/report-over-time.png
