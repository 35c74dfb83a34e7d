#!/bin/sh
# Regenerates the golden graph fixtures from real Alembic (see README.md).
set -eu
cd "$(dirname "$0")/../.."
inputs=$(mktemp -d)
trap 'rm -rf "$inputs"' EXIT
/usr/bin/python3 tools/conformance/generate.py "$inputs"
rm -f libs/migration/src/graph/__fixtures__/*.json libs/migration/src/commands/__fixtures__/*.json
PYTHONHASHSEED=0 /usr/bin/python3 tools/conformance/alembic_oracle.py "$inputs"/*.json
