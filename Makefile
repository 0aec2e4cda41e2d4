# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test setup lint format schema

demo:
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .
