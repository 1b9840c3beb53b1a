#!/usr/bin/env bash
# The main job: `tools/run.sh [DATA] --out OUT` (installs .venv on first use).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/env.sh"
exec "$ROOT/.venv/bin/disk_ae_run" "$@"
