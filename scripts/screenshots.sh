#!/bin/sh
# Renders the workbench's main views (welcome, instance list, timeline with a stepped cursor, event
# detail, logs with replayed lines, fan-out chart mid-run, approval inbox, dashboard, the Designer
# after a dry run and with a syntax error, a failure card and the Designer opened at its line), then
# the bulk question and report, the Start dialog asking before it replaces a finished instance,
# Compare two runs, a nested Gantt and Help ▸ Keyboard Shortcuts of the real main window, into
# docs/screenshots/.
# The views grab themselves (QWidget::grab) on a fresh temporary hub running the sample patterns,
# under Xvfb so no display is needed. --dark renders the list, timeline and fan-out chart on a dark
# palette into *-dark.png (checks that status and timeline colours stay readable). With
# DURABLE_TEST_PG set to a postgresql:// URL (scripts/pg-fixture.sh start DIR prints one) it also
# renders the Hub Workers dock with two workers on a fresh hub there (hub-workers.png).
# --only NAMES (comma-separated, e.g. event-detail) writes just those PNGs.
# Usage: scripts/screenshots.sh [--dark] [--only NAMES] [build-dir] [output-dir]
set -eu
dark=
only=
if [ "${1:-}" = "--dark" ]; then
    dark=--dark
    shift
fi
if [ "${1:-}" = "--only" ]; then
    only="--only $2"
    shift 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}
cmake --build "$build" --target durable_screenshots
mkdir -p "$out"
if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-noreset -screen 0 1600x1000x24" "$build/bin/durable_screenshots" $dark $only "$out"
else
    echo "xvfb-run not found (Debian package xvfb); rendering offscreen instead" >&2
    QT_QPA_PLATFORM=offscreen "$build/bin/durable_screenshots" $dark $only "$out"
fi
