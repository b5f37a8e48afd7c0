# Benchmark of the service in its container (not part of `make test`): bench/run.sh brings up
# the compose stack in its own project (users-api-bench, API on 127.0.0.1:18000), runs wrk
# scenarios, measures startup with and without the AOT cache, writes results.md + chart.png to
# bench/results/<UTC timestamp>/ and takes the stack down. Needs docker and wrk (apt-get install wrk).
#   make bench                          the full run (10.5 minutes on a 2-vCPU AMD EPYC VM, 2 of them the ratio pairs)
#   make bench BENCH_OUT=baseline       write bench/results/baseline/ (the committed baseline)
#   BENCH_DURATION=5 BENCH_CONNECTIONS=32 make bench    a quick look
# `make test-bench` (in `make test`) runs the unit tests of the bench's report, comparison and
# capture tools (tests/bench/), without docker or load.
BENCH_OUT ?=
TEST_SUITES += bench
.PHONY: bench test-bench

bench: ## benchmark the compose stack with wrk -> bench/results/<timestamp>/ (needs docker, wrk)
	@BENCH_OUT=$(BENCH_OUT) bench/run.sh

test-bench: ## bench tools: unit tests of report.py, compare.py, wire_latency.py (no docker, no load)
	@tests/bench/run.sh
