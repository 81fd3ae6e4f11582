# The two commands: `make start` runs the product locally, `make test` runs
# every check. Both bootstrap the toolchain first (scripts/toolchain.sh: Node
# 22 from the npm registry into .toolchain/ when the system Node is not 22/24).
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
TOOLCHAIN := source scripts/toolchain.sh &&

.PHONY: install start test tsc lint unit e2e faults test-contracts test-ha clean

## install: bootstrap the toolchain and install dependencies from yarn.lock
install:
	$(TOOLCHAIN) yarn install --immutable

## start: the app on :3000 and the backend on :7007
start: install
	$(TOOLCHAIN) node scripts/start.mjs

## test: type check, lint, unit tests, end-to-end tests in Chromium, the
## fault suite (scripts/faults.mjs; FAULTS_SOAK_MINUTES sets its soak, default 3)
test: install
	$(TOOLCHAIN) node scripts/test.mjs

## tsc / lint / unit / e2e / faults: one step of `make test`
tsc: install
	$(TOOLCHAIN) node scripts/test.mjs tsc
lint: install
	$(TOOLCHAIN) node scripts/test.mjs lint
unit: install
	$(TOOLCHAIN) node scripts/test.mjs unit
e2e: install
	$(TOOLCHAIN) node scripts/test.mjs e2e
faults: install
	$(TOOLCHAIN) node scripts/test.mjs faults

## test-ha: the product as an installation: PostgreSQL and Redis (Debian's
## packages, installed when missing), the fleet simulator and two backend
## replicas on free loopback ports; checks one refresh per interval, one
## watching replica, a VM signal crossing replicas (events bus), a replica's
## SIGKILL, and a scaffolder task recovered after its replica dies
## (scripts/ha.mjs). CI runs it after the contract tier.
test-ha: install
	$(TOOLCHAIN) node scripts/ha.mjs

## test-contracts: the contract tier (`*.contract.test.ts`), which compares
## with the upstream reference material in ../shared/reference (or
## $KUBEVIRT_GITOPS_REFERENCE_DIR), then the seed's demo-vm end to end in
## Chromium (`scripts/e2e.mjs --seed`: the simulator serves the seed GitOps
## repository from there); CI runs it after `make test`. Without that
## folder it prints one line saying it did not run, and exits 0 (scripts/test.mjs
## says the same when run directly).
CONTRACTS_REFERENCE := $(abspath $(or $(KUBEVIRT_GITOPS_REFERENCE_DIR),../shared/reference))
test-contracts:
	@if [ -d '$(CONTRACTS_REFERENCE)' ]; then \
	  $(MAKE) --no-print-directory install && \
	  $(TOOLCHAIN) KUBEVIRT_GITOPS_REFERENCE_DIR='$(CONTRACTS_REFERENCE)' node scripts/test.mjs contracts && \
	  $(TOOLCHAIN) E2E_SKIP_BUILD=1 KUBEVIRT_GITOPS_REFERENCE_DIR='$(CONTRACTS_REFERENCE)' node scripts/e2e.mjs --seed; \
	else \
	  echo "contracts: did not run: $(CONTRACTS_REFERENCE) is absent (the contract tier compares with the upstream reference material there; make test does not need it)"; \
	fi

## clean: remove build output (keeps node_modules and .toolchain)
clean:
	rm -rf dist-types packages/*/dist plugins/*/dist test-results
