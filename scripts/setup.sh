#!/usr/bin/env bash
# Everything a fresh Debian machine with Python 3.11 needs to run subpipe and its tests:
# a virtual environment in .venv with subpipe (editable) and the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    # Debian splits venv out of its Python package.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    else
        echo "setup: Python's venv module is missing; install it (Debian: sudo apt-get install python3-venv)" >&2
        exit 1
    fi
fi
# ffmpeg (with ffprobe) decodes the episode audio for `--audio`; espeak-ng speaks the Mandarin the audio
# tests are made of; Debian's chromium is the browser the episode page's tests drive with Playwright
# (never `playwright install`: no browser is downloaded). Installed only when missing, so a ready
# machine skips apt entirely.
missing=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: ${missing[*]} missing; install (Debian: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
