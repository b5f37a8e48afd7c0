#!/usr/bin/env bash
# Offline checks of terraform/ (`make test-terraform`):
#   1. tofu fmt -check -recursive
#   2. tofu init -backend=false + tofu validate: the root, ./bootstrap and every module
#      (plus `terraform validate` of the root when a terraform binary is on PATH)
#   3. tofu test: runs against mock providers (plans, and a few mock applies; no AWS) (terraform/tests/*.tftest.hcl)
#   4. checkov over terraform/ (CLI output + JUnit XML)
#   (and terraform/README.md's inputs/outputs tables are checked against the code)
# Tools: OpenTofu and the helm provider are built from the Go module proxy on first use,
# cached by version (scripts/tools/tofu.sh, scripts/tools/tofu-providers.sh); checkov is a
# pinned venv (scripts/tools/checkov.sh). Nothing here talks to AWS or a provider registry.
# Every step runs even after a failure; the exit status is non-zero if any step failed, and
# a tool that cannot be had fails the suite (never a silent pass).
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tf="$repo/terraform"
junit_dir="${JUNIT_DIR:-$repo/build/reports/junit}/terraform"
work="${REPORTS_DIR:-$repo/build/reports}/terraform"
rm -rf "$junit_dir" "$work" && mkdir -p "$junit_dir" "$work/logs"
steps="$work/steps.tsv"
: >"$steps"
failed=0

say() { printf '    [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# step NAME COMMAND...: runs a check, logs its output, records pass/fail and its time.
step() {
  local name=$1; shift
  local log="$work/logs/${name//[^A-Za-z0-9_.-]/_}.log" start=$SECONDS status=pass
  if ! "$@" >"$log" 2>&1; then status=fail; failed=1; fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$((SECONDS - start))" "$log" >>"$steps"
  if [[ $status == pass ]]; then say "ok    $name ($((SECONDS - start)) s)"
  else say "FAIL  $name ($((SECONDS - start)) s)"; sed 's/^/          /' "$log" | tail -n 40; fi
}

finish() {
  python3 "$repo/scripts/terraform/junit.py" steps "$steps" "$junit_dir/checks.xml"
  exit "$failed"
}

# --- tools ---------------------------------------------------------------------------------
t0=$SECONDS
say "tools: OpenTofu, provider mirror, checkov (first run builds them; later runs reuse the cache)"
if ! tofu=$("$repo/scripts/tools/tofu.sh"); then
  step "tools: OpenTofu" false; finish
fi
if ! TF_CLI_CONFIG_FILE=$("$repo/scripts/tools/tofu-providers.sh"); then
  step "tools: provider mirror" false; finish
fi
export TF_CLI_CONFIG_FILE
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
# Each directory gets its own data dir under build/, so the work tree stays clean.
say "tools ready in $((SECONDS - t0)) s: $("$tofu" version | head -n1), providers from $(dirname "$TF_CLI_CONFIG_FILE")"

# --- 1. fmt ----------------------------------------------------------------------------------
step "tofu fmt -check -recursive" "$tofu" -chdir="$tf" fmt -check -recursive -diff

step "README inputs/outputs tables match the code" python3 "$repo/scripts/terraform/docs.py" --check

# --- 2. init + validate ------------------------------------------------------------------------
data_dir() { local d=${1//[^A-Za-z0-9]/_}; printf '%s/data/%s' "$work" "${d:-root}"; }
validate_dir() {
  local dir=$1 data
  data=$(data_dir "$dir")
  TF_DATA_DIR="$data" "$tofu" -chdir="$tf/$dir" init -backend=false -input=false -no-color \
    && TF_DATA_DIR="$data" "$tofu" -chdir="$tf/$dir" validate -no-color
}
mkdir -p "$work/data"
dirs=(. bootstrap)
for m in "$tf"/modules/*/; do dirs+=("modules/$(basename "$m")"); done
for d in "${dirs[@]}"; do
  step "tofu init+validate ${d#./}" validate_dir "$d"
done
# --- 3. tofu test ------------------------------------------------------------------------------
t0=$SECONDS
say "tofu test (mock providers: plan runs, plus a few mock applies; no AWS)"
test_data=$(data_dir .)
TF_DATA_DIR="$test_data" "$tofu" -chdir="$tf" test -json -no-color >"$work/tofu-test.jsonl" 2>"$work/tofu-test.stderr"
test_rc=$?
if ! python3 "$repo/scripts/terraform/junit.py" tofu-test "$work/tofu-test.jsonl" "$junit_dir/tofu-test.xml" "$tf/tests" \
  | sed 's/^/    /'; then
  failed=1
fi
if [[ $test_rc -ne 0 ]]; then
  failed=1
  say "FAIL  tofu test exited $test_rc; diagnostics:"
  python3 - "$work/tofu-test.jsonl" <<'PY' | tail -n 60 | sed 's/^/          /'
import json, sys
for raw in open(sys.argv[1], errors="replace"):
    try:
        m = json.loads(raw)
    except json.JSONDecodeError:
        print(raw.rstrip()); continue
    if m.get("type") == "diagnostic" or m.get("@level") == "error":
        print(m.get("@message", ""))
PY
  tail -n 20 "$work/tofu-test.stderr" | sed 's/^/          /'
fi
say "tofu test done in $((SECONDS - t0)) s"

# Terraform reads the same lock files with other registry addresses, so it runs after tofu.
if command -v terraform >/dev/null; then
  tf_validate() {
    local data="$work/data/terraform-root"
    TF_DATA_DIR="$data" terraform -chdir="$tf" init -backend=false -input=false -no-color >/dev/null \
      && TF_DATA_DIR="$data" terraform -chdir="$tf" validate -no-color
  }
  step "terraform init+validate . ($(terraform version | head -n1))" tf_validate
else
  say "skip  terraform validate: no terraform binary on PATH (OpenTofu is the required tool)"
fi

# The lock files written while validating are git-ignored and not kept (see terraform/README.md).
find "$tf" -name .terraform.lock.hcl -delete


# --- 4. checkov --------------------------------------------------------------------------------
t0=$SECONDS
if checkov=$("$repo/scripts/tools/checkov.sh"); then
  say "checkov $("$checkov" --version) over terraform/"
  # cli to the console (and checkov.log), JUnit to checkov.xml; --skip-download: offline.
  if "$checkov" -d "$tf" --framework terraform --quiet --compact \
      --skip-path '\.terraform' --skip-download -o cli -o junitxml \
      --output-file-path "console,$junit_dir/checkov.xml" >"$work/checkov.log" 2>&1; then
    say "ok    checkov ($((SECONDS - t0)) s)"
  else
    failed=1
    say "FAIL  checkov ($((SECONDS - t0)) s)"
  fi
  grep -E '^(terraform scan results|Passed checks|Check:|	FAILED|.*FAILED for resource)' "$work/checkov.log" \
    | sed 's/^/          /' | tail -n 60
  [[ -s "$junit_dir/checkov.xml" ]] || { say "FAIL  checkov wrote no JUnit report"; failed=1; }
else
  step "tools: checkov" false
fi

finish
