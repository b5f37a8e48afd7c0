# GitHub Actions workflows (.github/workflows/) and the repo's shell scripts, all offline:
# actionlint (built from its Go module, cached by version) with shellcheck for the `run:` blocks,
# and shellcheck over every *.sh (plus .ci/run). JUnit XML under $(JUNIT_DIR)/workflows/.
#
#   make test-workflows   actionlint + shellcheck (fails when either tool is missing)
#   make actionlint       actionlint only, human-readable output

TEST_SUITES += workflows

.PHONY: test-workflows actionlint workflows-tools

workflows-tools: ## build actionlint and check that shellcheck is installed; print their paths
	@scripts/tools/actionlint.sh
	@command -v shellcheck || { echo "error: shellcheck not found (apt-get install shellcheck; CI installs it in scripts/ci/provision.d/60-workflows.sh)" >&2; exit 1; }

test-workflows: ## workflows: actionlint on every workflow, shellcheck on every shell script -> JUnit
	@actionlint=$$(scripts/tools/actionlint.sh); \
	shellcheck=$$(command -v shellcheck) \
	  || { echo "error: shellcheck not found (apt-get install shellcheck; CI installs it in scripts/ci/provision.d/60-workflows.sh)" >&2; exit 1; }; \
	python3 scripts/workflows/lint.py --actionlint "$$actionlint" --shellcheck "$$shellcheck" \
	  --junit-dir $(JUNIT_DIR)/workflows

actionlint: ## actionlint on .github/workflows/ (with shellcheck when installed)
	@actionlint=$$(scripts/tools/actionlint.sh); "$$actionlint" -color \
	  $$(command -v shellcheck >/dev/null && echo -shellcheck "$$(command -v shellcheck)")
