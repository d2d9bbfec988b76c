#!/usr/bin/env bash
# Gradescope autograder set-up (runs once when the autograder image is built).
# Zip this folder's files (setup.sh, run_autograder, torchkata.toml) together
# with a copy of the torchkata repository in a folder named torchkata/, and
# upload the zip to Gradescope.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
apt-get update && apt-get install -y python3 python3-venv python3-pip
python3 -m venv "$ROOT/venv"
# Gradescope has no GPU: the CPU-only wheels are a fraction of the CUDA ones'
# download and disk, and install in seconds rather than minutes.
"$ROOT/venv/bin/pip" install torch torchvision --index-url https://download.pytorch.org/whl/cpu
"$ROOT/venv/bin/pip" install "$ROOT/source/torchkata"
