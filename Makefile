# DistSys — every target a newcomer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := all

# Test projects under Tests/, in dependency order.
TEST_PROJECTS := Memory.Tests Transport.Tests Runtime.Tests Supervision.Tests Plugins.Tests Jobs.Tests Streams.Tests Node.Tests Integration.Tests FullSystem.Tests Chaos.Tests
# The libraries `make pack` turns into NuGet packages (artifacts/packages), in dependency order.
PACK_PROJECTS := Memory/DistSys.Memory.csproj Transport/DistSys.Transport.csproj Runtime/DistSys.Runtime.csproj \
	Supervision/DistSys.Supervision.csproj Plugins/Sdk/DistSys.Plugins.Sdk.csproj
BENCH := dotnet run -c Release --project Bench/DistSys.Bench.csproj --

.PHONY: all build test prereqs help clean demo bench fuzz-transport fuzz-api fuzz-topology fuzz-plugin pack test-samples \
	test-memory-pool test-memory test-ipc test-transport test-runtime test-supervisor test-supervision \
	test-plugins test-jobs test-streams test-node test-host test-integration test-full-system test-chaos chaos \
	bench-memory bench-transport bench-runtime bench-supervision bench-distribution bench-jobs bench-jobs-scale bench-wordcount bench-plugins bench-streams bench-metrics bench-mesh bench-million soak

all build: ## restore, build and publish bin/distributed_system
	./build.sh

test: prereqs ## every test project, then the samples against fresh packages; last line is the total
	@log=$$(mktemp); status=0; \
	Tests/run.sh $(TEST_PROJECTS) | tee "$$log"; [ "$${PIPESTATUS[0]}" -eq 0 ] || status=1; \
	Tests/samples.sh | tee -a "$$log"; [ "$${PIPESTATUS[0]}" -eq 0 ] || status=1; \
	grep -E '^(failed test:|samples: FAIL)' "$$log"; \
	grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$$' "$$log" | \
	  awk '{p+=$$1; f+=$$3; s+=$$5} END {print "total: " p " passed, " f " failed, " s " skipped"}'; \
	rm -f "$$log"; exit $$status

prereqs: ## system packages the tests need (bubblewrap for the plugin sandbox), installed as root when missing
	Tests/prereqs.sh

test-memory-pool test-memory: ## Memory: the pooled allocator
	Tests/run.sh Memory.Tests
test-ipc test-transport: ## Transport: framing, serialization, connections, shared-memory ring
	Tests/run.sh Transport.Tests
test-runtime: ## Runtime: processes, mailboxes, links, monitors
	Tests/run.sh Runtime.Tests
test-supervisor test-supervision: ## Supervision trees
	Tests/run.sh Supervision.Tests
test-plugins: prereqs ## Plugins: sandboxed plugin processes
	Tests/run.sh Plugins.Tests
test-jobs: ## Host/Jobs: config, partitions, operations, scheduler, executor, store
	Tests/run.sh Jobs.Tests
test-streams: ## Host/Streams: topology parser, operators, edges, credits, source log, acking, resume
	Tests/run.sh Streams.Tests
test-node: prereqs ## Host/Node, the executable: command line, client, REST API, settings, plugin bridge
	Tests/run.sh Node.Tests
test-host: prereqs ## Host: Jobs and Node together
	Tests/run.sh Jobs.Tests Node.Tests
test-integration: prereqs ## real OS processes on 127.0.0.1
	Tests/run.sh Integration.Tests
test-full-system: prereqs ## master + workers + jobs end to end
	Tests/run.sh FullSystem.Tests
test-fuzz-topology: ## the streaming topology parser under generated configs (FUZZ_ITERATIONS, default 1 M; FUZZ_SEED)
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-1000000} dotnet test Tests/Streams.Tests/DistSys.Streams.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~DistSys.Streams.Tests.Fuzz' --logger 'console;verbosity=detailed'

fuzz-plugin: ## a malicious plugin: its shared-memory ring and its hello under generated input (FUZZ_PLUGIN_ITERATIONS, default 10 M; FUZZ_SEED)
	FUZZ_PLUGIN_ITERATIONS=$${FUZZ_PLUGIN_ITERATIONS:-10000000} dotnet test Tests/Transport.Tests/DistSys.Transport.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~RingFuzzTests' --logger 'console;verbosity=detailed'
	FUZZ_PLUGIN_ITERATIONS=$${FUZZ_PLUGIN_ITERATIONS:-10000000} dotnet test Tests/Plugins.Tests/DistSys.Plugins.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~PluginHelloFuzzTests' --logger 'console;verbosity=detailed'

chaos: prereqs ## one round of each fault scenario, every node in its own network namespace (root; nftables)
	Tests/run.sh Chaos.Tests
test-samples: prereqs ## make pack, then samples/ built on the fresh packages and run against `start` (docs/getting-started.md)
	Tests/samples.sh

pack: ## NuGet packages (.nupkg + .snupkg) of the libraries into artifacts/packages
	rm -rf artifacts/packages
	for p in $(PACK_PROJECTS); do dotnet pack $$p -c Release --nologo -v q -clp:NoSummary || exit 1; done

demo: ## build, then a master + 2 workers on loopback run a job while one worker is killed (under a minute)
	./build.sh
	./bin/distributed_system demo

bench: ## every BenchmarkDotNet suite
	$(BENCH) --filter '*'
bench-memory:
	$(BENCH) --filter 'DistSys.Bench.Memory.*'
bench-transport:
	$(BENCH) --filter 'DistSys.Bench.Transport.*'
bench-runtime:
	$(BENCH) --filter 'DistSys.Bench.Runtime.*'
bench-supervision:
	$(BENCH) --filter 'DistSys.Bench.Supervision.*'
bench-distribution:
	$(BENCH) --filter 'DistSys.Bench.Distribution.*'
bench-jobs:
	$(BENCH) --filter 'DistSys.Bench.Jobs.*'
bench-jobs-scale: build ## a 1 000 000-task job on master + 2 workers: tasks/s, master RSS, store bytes per task
	Bench/scripts/million-tasks.sh
bench-wordcount: build ## wordcount over a generated 1 GB file on master + 2 workers against a 1-thread .NET baseline
	Bench/scripts/wordcount.sh
bench-mesh: build ## 1 master + 15 workers as separate processes: time to a full mesh, their CPU, against 16 `--version` starts (MESH_NODES, MESH_ROUNDS)
	Bench/scripts/mesh-16.sh $${MESH_NODES:-16} $${MESH_ROUNDS:-5}
bench-million: ## 1 M live processes on one node: spawn time, broadcast delivery, RSS, against one channel + async loop each
	dotnet build Bench/DistSys.Bench.csproj -c Release -v q --nologo >/dev/null
	for kind in runtime channels; do dotnet Bench/bin/Release/net10.0/DistSys.Bench.dll million-processes 1000000 $$kind || exit 1; done
soak: build prereqs ## SOAK_MINUTES (default 30) of batch jobs, a stream, plugin hot swaps and worker kill -9s on master + 3 workers: zero lost work, flat master RSS
	SOAK_MINUTES=$${SOAK_MINUTES:-30} Bench/scripts/soak.sh
bench-plugins:
	$(BENCH) --filter 'DistSys.Bench.Plugins.*'
bench-metrics: build ## hot paths with a meter listener against without; /metrics scrape cost at 100 k processes + 1 k jobs; the dashboard's cost to a 50 k-task job
	$(BENCH) --filter 'DistSys.Bench.Metrics.*'
	$(BENCH) metrics-scrape 100000 1000 100
	Bench/scripts/dashboard-cost.sh 50000 5
bench-streams: build ## generator → filter → count → collect on master + 2 workers against a 1-process Channels baseline; http ingest rate and latency; the 0 B/op hand-off
	Bench/scripts/bench-streams.sh
	$(BENCH) --filter 'DistSys.Bench.Streams.*'

fuzz-transport: ## long hand-run fuzz of the Transport codec (FUZZ_ITERATIONS, default 50 M; FUZZ_SEED)
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-50000000} dotnet test Tests/Transport.Tests/DistSys.Transport.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~DistSys.Transport.Tests.Fuzz' --logger 'console;verbosity=detailed'

fuzz-api: prereqs ## every REST route of a real master + worker under generated requests (FUZZ_REQUESTS, default 1 M; FUZZ_SEED)
	FUZZ_REQUESTS=$${FUZZ_REQUESTS:-1000000} dotnet test Tests/Integration.Tests/DistSys.Integration.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~DistSys.Integration.Tests.Fuzz' --logger 'console;verbosity=detailed'

fuzz-topology: ## the streaming topology parser under generated configs (FUZZ_ITERATIONS, default 1 M; FUZZ_SEED)
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-1000000} dotnet test Tests/Streams.Tests/DistSys.Streams.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~DistSys.Streams.Tests.Fuzz' --logger 'console;verbosity=detailed'

fuzz-plugin: ## a malicious plugin: its shared-memory ring and its hello under generated input (FUZZ_PLUGIN_ITERATIONS, default 10 M; FUZZ_SEED)
	FUZZ_PLUGIN_ITERATIONS=$${FUZZ_PLUGIN_ITERATIONS:-10000000} dotnet test Tests/Transport.Tests/DistSys.Transport.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~RingFuzzTests' --logger 'console;verbosity=detailed'
	FUZZ_PLUGIN_ITERATIONS=$${FUZZ_PLUGIN_ITERATIONS:-10000000} dotnet test Tests/Plugins.Tests/DistSys.Plugins.Tests.csproj -c Release \
		--filter 'FullyQualifiedName~PluginHelloFuzzTests' --logger 'console;verbosity=detailed'

chaos: prereqs ## every fault scenario CHAOS_ROUNDS times (default 5) in network namespaces, then the table of invariants
	CHAOS_ROUNDS=$${CHAOS_ROUNDS:-5} dotnet test Tests/Chaos.Tests/DistSys.Chaos.Tests.csproj -c Release --nologo \
		--logger 'console;verbosity=normal'; status=$$?; cat Tests/Chaos.Tests/bin/Release/net10.0/chaos-report.txt; exit $$status

clean: ## remove build outputs
	dotnet clean DistSys.sln -v q --nologo >/dev/null 2>&1 || true
	rm -rf bin artifacts BenchmarkDotNet.Artifacts
	find . -name bin -path '*/*/bin' -prune -exec rm -rf {} + ; find . -name obj -type d -prune -exec rm -rf {} +

help:
	@grep -E '^[a-z][a-zA-Z0-9 _-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'
