# The Java service in code/: unit and slice tests (Surefire), then integration tests against
# real PostgreSQL and Redis containers (Failsafe + Testcontainers, images as in docker-compose.yml).
TEST_SUITES += service

JAVA_HOME ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25-jdk*))
export JAVA_HOME
MVNW := ./mvnw -B --no-transfer-progress

# Testcontainers' reaper (Ryuk) is an image from Docker Hub. Where no registry is reachable it
# is turned off, and leftover test containers are removed below instead.
TESTCONTAINERS_RYUK_DISABLED ?= $(if $(CI),true,false)
export TESTCONTAINERS_RYUK_DISABLED
# In a container whose Docker daemon is local (this repo's CI machine) Testcontainers would
# otherwise start an extra image just to discover the gateway address.
ifneq ($(wildcard /.dockerenv),)
ifeq ($(DOCKER_HOST),)
TESTCONTAINERS_HOST_OVERRIDE ?= 127.0.0.1
export TESTCONTAINERS_HOST_OVERRIDE
endif
endif

.PHONY: test-service build run run-local

test-service: ## service: unit, slice and integration tests (needs Docker)
	@command -v docker >/dev/null && docker info >/dev/null 2>&1 \
	  || { echo "error: the integration tests need a running Docker engine (docker info failed)" >&2; exit 1; }
	@start=$$SECONDS; rc=0; \
	(cd code && $(MVNW) verify) || rc=$$?; \
	mkdir -p $(JUNIT_DIR)/service; \
	cp code/target/surefire-reports/TEST-*.xml code/target/failsafe-reports/TEST-*.xml $(JUNIT_DIR)/service/ 2>/dev/null || true; \
	docker ps -aq --filter label=org.testcontainers=true | xargs -r docker rm -f >/dev/null; \
	echo "service tests took $$((SECONDS - start)) s"; \
	exit $$rc

build: ## build the service jar (code/target/users-api-*.jar) without running tests
	cd code && $(MVNW) -DskipTests package

run: ## run the whole stack locally (Postgres, Redis, API on :8000)
	docker compose up --build

run-local: ## run the service from source against POSTGRES_*/REDIS_* (defaults: localhost)
	cd code && $(MVNW) spring-boot:run
