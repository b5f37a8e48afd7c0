# The local stack of docker-compose.yml (postgres + redis + api on http://localhost:$(API_PORT)).
# stack-up / stack-down are for people and for suites that run against the stack (the
# notebook suite); test-compose builds it, smoke-tests it black-box, always tears it down.
COMPOSE_PROJECT_NAME ?= users-api
API_PORT ?= 8000
export COMPOSE_PROJECT_NAME API_PORT

.PHONY: stack-up stack-down test-compose

stack-up: ## build and start the local stack, wait until every service is healthy
	@scripts/stack.sh up

stack-down: ## stop the local stack and delete its volumes
	@scripts/stack.sh down

test-compose: ## build + start the stack, smoke-test the API and the image, tear it down (needs docker)
	@tests/compose/run.sh

TEST_SUITES += compose
