# Terraform / OpenTofu: offline checks of terraform/ (no AWS, no provider registry).
# Tools are built from the Go module proxy on first use and cached by version.
.PHONY: test-terraform tf-fmt tf-validate tf-test tf-tools

TEST_SUITES += terraform

test-terraform: ## terraform/: fmt, init+validate (root, bootstrap, modules), tofu test (mocks), checkov
	@scripts/terraform/test.sh

tf-tools: ## build/collect OpenTofu and the provider mirror; print their paths
	@scripts/tools/tofu.sh && scripts/tools/tofu-providers.sh

tf-fmt: ## rewrite terraform/ in canonical format
	@export TF_CLI_CONFIG_FILE="$$(scripts/tools/tofu-providers.sh)"; "$$(scripts/tools/tofu.sh)" -chdir=terraform fmt -recursive

tf-validate: ## tofu init -backend=false + validate of the root configuration
	@export TF_CLI_CONFIG_FILE="$$(scripts/tools/tofu-providers.sh)"; tofu="$$(scripts/tools/tofu.sh)"; \
	  "$$tofu" -chdir=terraform init -backend=false -input=false >/dev/null && "$$tofu" -chdir=terraform validate

tf-test: ## tofu test only (mock providers, no AWS)
	@export TF_CLI_CONFIG_FILE="$$(scripts/tools/tofu-providers.sh)"; tofu="$$(scripts/tools/tofu.sh)"; \
	  "$$tofu" -chdir=terraform init -backend=false -input=false >/dev/null && "$$tofu" -chdir=terraform test
