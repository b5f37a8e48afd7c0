# Fault and abuse tests against the compose stack (tests/fault/run.sh): Redis killed and frozen
# under load, PostgreSQL stopped and restarted, SIGTERM under load, and Schemathesis fuzzing of
# /openapi.json. Own compose project (users-api-fault, API on 127.0.0.1:18100), always torn
# down; JUnit XML in $(JUNIT_DIR)/fault/. Needs docker; about 4-6 minutes.
TEST_SUITES += fault

.PHONY: test-fault

test-fault: ## fault tests: Redis/PostgreSQL outages and SIGTERM under load, Schemathesis fuzzing (needs docker)
	@tests/fault/run.sh
