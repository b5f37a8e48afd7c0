# Developer entry points. `make help` lists them.
#
# Each area of the repo contributes its own fragment in mk/NN-<area>.mk: it defines
# `test-<area>` (and any other targets) and appends <area> to TEST_SUITES, so adding
# an area never edits this file.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

REPO_ROOT := $(CURDIR)
REPORTS_DIR := $(REPO_ROOT)/build/reports
JUNIT_DIR := $(REPORTS_DIR)/junit
export REPO_ROOT REPORTS_DIR JUNIT_DIR

TEST_SUITES :=

include $(sort $(wildcard mk/*.mk))

.PHONY: help test clean-reports

help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | sort \
	  | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-22s\033[0m %s\n", $$1, $$2}'

test: clean-reports ## run every check in the repo, then print the summary of all test reports
	@scripts/run-suites.sh $(TEST_SUITES)

clean-reports:
	@rm -rf $(REPORTS_DIR) && mkdir -p $(JUNIT_DIR)
