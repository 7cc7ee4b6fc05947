# Seatdesk — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
CARGO ?= cargo
NPM ?= npm

.PHONY: help run serve build frontend frontend-deps test test-rust test-frontend test-e2e lint fmt openapi db bench bench-quick fuzz-api client-check seed-large clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: frontend ## Build the portal and the server, then serve both on http://127.0.0.1:8080 (SQLite, demo data)
	SEED_DEMO=1 $(CARGO) run --bin seatdesk -- serve

frontend-deps:
	@cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || $(NPM) ci --no-audit --no-fund; }

frontend: frontend-deps ## Build the SPA into frontend/dist
	cd frontend && $(NPM) run build

test: test-frontend test-rust test-e2e ## Run every test (Rust on SQLite and, when reachable, PostgreSQL; the portal; e2e in Chromium)

test-rust:
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "Rust tests: SQLite and PostgreSQL ($$TEST_DATABASE_URL)"; \
		$(CARGO) test --workspace; \
	elif pg_isready -q -d "$(PG_URL)" 2>/dev/null; then \
		echo "Rust tests: SQLite and PostgreSQL ($(PG_URL))"; \
		TEST_DATABASE_URL="$(PG_URL)" $(CARGO) test --workspace; \
	else \
		echo "!!! PostgreSQL is not reachable at $(PG_URL): PostgreSQL tests are SKIPPED, only SQLite runs."; \
		echo "!!! Start one (make db) or set TEST_DATABASE_URL to cover both backends."; \
		$(CARGO) test --workspace; \
	fi

test-frontend: frontend-deps
	cd frontend && $(NPM) run check:api && $(NPM) test

# The portal end to end: the built SPA and server binary, a fresh SQLite DB, the system Chromium.
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
test-e2e: frontend ## Drive the article's flow in headless Chromium against the real server
	$(CARGO) build --bin seatdesk
	cd frontend && SEATDESK_BIN=$(TARGET_DIR)/debug/seatdesk node e2e/run.mjs

lint: frontend-deps ## fmt, clippy -D warnings, tsc, eslint
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd frontend && $(NPM) run typecheck && $(NPM) run lint

fmt: ## Format the Rust code
	$(CARGO) fmt --all

openapi: frontend-deps ## Regenerate openapi/openapi.json and the portal's API types from the code
	$(CARGO) run --quiet --bin seatdesk -- openapi --out openapi/openapi.json
	cd frontend && $(NPM) run gen:api

db: ## Start PostgreSQL with docker compose (for machines that have Docker)
	docker compose up -d postgres
	@echo "DATABASE_URL=postgres://seatdesk:seatdesk@127.0.0.1:5432/seatdesk"

bench: ## Benchmark the release server against bare SQL at 1M licenses (PostgreSQL and SQLite; slow)
	bench/run.sh

bench-quick: ## The same benchmarks on 50,000 licenses, in under 2 minutes
	bench/run.sh --quick

fuzz-api: ## Fuzz the live API from its OpenAPI spec with schemathesis (SQLite; FUZZ_ARGS=--postgres for PostgreSQL)
	scripts/fuzz-api.sh $(FUZZ_ARGS)

client-check: ## Generate a Python client from openapi/openapi.json and run the partner example with it
	scripts/client-check.sh

seed-large: ## Add a 1,000,000-license / 200,000-user benchmark account to $$DATABASE_URL
	@test -n "$$DATABASE_URL" || { echo "set DATABASE_URL (sqlite://… or postgres://…)"; exit 1; }
	$(CARGO) run --release --bin seatdesk -- seed-large --licenses $${LICENSES:-1000000} --users $${USERS:-200000} --cost-centers $${COST_CENTERS:-50}

clean:
	$(CARGO) clean
	rm -rf frontend/dist data
