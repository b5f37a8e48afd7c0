# The API walkthrough notebook (notebooks/api-walkthrough.ipynb): documentation that runs every
# API step over HTTP and asserts on it. Executed headless by notebooks/run.sh: one JUnit test case
# per code cell in $(JUNIT_DIR)/notebook/, the executed copy and its plot in build/reports/notebook/.
#
#   make test-notebook                       against the compose stack (up, run, always down)
#   make notebook BASE_URL=https://<alb>     against any running API, no stack
#   make notebook-lab                        open it in JupyterLab
TEST_SUITES += notebook

.PHONY: test-notebook notebook notebook-lab

test-notebook: ## notebook: run the API walkthrough headless against the compose stack (needs docker)
	@notebooks/run.sh --stack

notebook: ## run the API walkthrough headless against BASE_URL (default http://localhost:8000)
	@notebooks/run.sh

# More JupyterLab options: make notebook-lab LAB_ARGS="--no-browser --port 8888"
LAB_ARGS ?=

notebook-lab: ## open the API walkthrough in JupyterLab (BASE_URL from the environment)
	@venv=$$(scripts/tools/notebook.sh); cd notebooks && \
	  "$$venv/bin/jupyter" lab $$( ((EUID)) || echo --allow-root) $(LAB_ARGS) api-walkthrough.ipynb
