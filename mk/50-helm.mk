# Helm chart checks (helm/users-api), all offline: lint, render, Kubernetes schema validation,
# chart unit tests, checkov. Tools are built or installed once per version by scripts/tools/.
#
#   make test-helm        every check below, JUnit XML under $(JUNIT_DIR)/helm/
#   make helm-lint        helm lint --strict over each values file
#   make helm-template    render each values file to $(HELM_RENDER_DIR)/<values>/manifest.yaml
#   make helm-unit        pytest over `helm template` output: lint, schema validation, unit tests
#   make helm-checkov     checkov over the rendered manifests

TEST_SUITES += helm

# Versions the chart is rendered and validated for, read from the defaults in terraform/variables.tf
# (one source of truth: the EKS version and the External Secrets Operator chart Terraform installs;
# ESO's chart and app versions move in lockstep), with these fallbacks when Terraform is absent.
# Override on the command line: make test-helm KUBERNETES_VERSION=1.35 ESO_VERSION=v1.3.2
HELM_TF_VARIABLES := terraform/variables.tf
helm_tf_default = $(shell sed -n '/^variable "$(1)"/,/^}/s/^ *default *= *"\([^"]*\)".*/\1/p' $(HELM_TF_VARIABLES) 2>/dev/null)
KUBERNETES_VERSION ?= $(or $(call helm_tf_default,kubernetes_version),1.34)
ESO_VERSION ?= v$(or $(call helm_tf_default,external_secrets_chart_version),0.19.2)
export ESO_VERSION

HELM_CHART := helm/users-api
HELM_RELEASE := users-api
HELM_NAMESPACE := users-api
HELM_RENDER_DIR := $(REPO_ROOT)/build/helm/rendered
HELM_JUNIT_DIR := $(JUNIT_DIR)/helm
# What every install adds to the chart's defaults (a stand-in for Terraform's helm_values output and
# the pushed image tag): each variant below renders on top of it, as a real install does.
HELM_REQUIRED_VALUES := helm/tests/values-terraform.yaml
# name=values-files pairs (comma-separated files, applied after HELM_REQUIRED_VALUES); "default"
# adds nothing to it
HELM_VALUES := default= \
  production=$(HELM_CHART)/values-production.yaml,helm/tests/values-production-vars.yaml \
  $(foreach f,$(sort $(wildcard $(HELM_CHART)/ci/*.yaml)),$(basename $(notdir $(f)))=$(f))

# The -f arguments of one $$pair (shell loop variable): HELM_REQUIRED_VALUES, then the pair's files.
helm_values_args = -f $(HELM_REQUIRED_VALUES) $$(IFS=,; for f in $${pair\#*=}; do printf -- '-f %s ' "$$f"; done)

.PHONY: test-helm helm-lint helm-template helm-unit helm-checkov helm-tools helm-docs

helm-tools: ## build/install the chart tools (helm, pytest venv, ESO CRDs, checkov)
	@scripts/tools/helm.sh >/dev/null
	@scripts/tools/helm-tests.sh >/dev/null
	@scripts/tools/external-secrets-crds.sh >/dev/null
	@scripts/tools/checkov.sh >/dev/null

helm-lint: ## helm lint --strict with every values file
	@helm=$$(scripts/tools/helm.sh); \
	for pair in $(HELM_VALUES); do \
	  echo "--- helm lint --strict ($${pair%%=*})"; \
	  "$$helm" lint --strict $(HELM_CHART) --namespace $(HELM_NAMESPACE) \
	    --kube-version $(KUBERNETES_VERSION).0 $(helm_values_args); \
	done

helm-template: ## render the chart with every values file into build/helm/rendered/
	@helm=$$(scripts/tools/helm.sh); rm -rf $(HELM_RENDER_DIR); \
	for pair in $(HELM_VALUES); do \
	  out=$(HELM_RENDER_DIR)/$${pair%%=*}; mkdir -p "$$out"; \
	  "$$helm" template $(HELM_RELEASE) $(HELM_CHART) --namespace $(HELM_NAMESPACE) \
	    --kube-version $(KUBERNETES_VERSION).0 $(helm_values_args) > "$$out/manifest.yaml"; \
	  echo "rendered $${pair%%=*}: $$(grep -c '^kind:' "$$out/manifest.yaml") objects -> $$out/manifest.yaml"; \
	done

helm-unit: ## chart tests (lint, strict Kubernetes + ESO CRD schema validation, unit tests) -> JUnit
	@mkdir -p $(HELM_JUNIT_DIR)
	@echo "chart tests for Kubernetes $(KUBERNETES_VERSION) and External Secrets Operator $(ESO_VERSION)"
	@venv=$$(scripts/tools/helm-tests.sh); helm=$$(scripts/tools/helm.sh); \
	crds=$$(scripts/tools/external-secrets-crds.sh); \
	HELM=$$helm ESO_CRD_DIR=$$crds KUBERNETES_VERSION=$(KUBERNETES_VERSION) \
	  "$$venv/bin/python" -m pytest helm/tests -p no:cacheprovider -q -rfEs \
	    --junitxml=$(HELM_JUNIT_DIR)/chart-tests.xml

helm-checkov: helm-template ## checkov over the rendered manifests (skips are in-line, each with a reason)
	@mkdir -p $(HELM_JUNIT_DIR)
	@checkov=$$(scripts/tools/checkov.sh); \
	"$$checkov" --directory $(HELM_RENDER_DIR) --framework kubernetes --skip-download --quiet --compact \
	  --output cli --output junitxml --output-file-path console,$(HELM_JUNIT_DIR)/checkov.xml
	@python3 -c 'import re, sys, xml.etree.ElementTree as ET; \
	  skips = {(re.search(r"\[(CKV[0-9A-Z_]+)\]", c.get("name")).group(1), s.get("message")) \
	           for c in ET.parse(sys.argv[1]).iter("testcase") for s in c.iter("skipped")}; \
	  print("checkov skips (in-line checkov.io/skip annotations):"); \
	  [print(f"  {i}: {m}") for i, m in sorted(skips)]' $(HELM_JUNIT_DIR)/checkov.xml

helm-docs: ## regenerate the values table in helm/users-api/README.md from values.yaml
	@venv=$$(scripts/tools/helm-tests.sh); "$$venv/bin/python" helm/tests/values_table.py

test-helm: helm-unit helm-checkov ## every Helm chart check
