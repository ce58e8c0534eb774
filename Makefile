# The two commands of the README: `make demo` runs the product, `make test` runs every test.
# Both install what is missing first and are quiet when everything is present.

SWIFT_BUILD_FLAGS ?=
VENV := .venv
PYTHON := $(VENV)/bin/python
DEMO_PORT ?= 8080
# The demo lives in its own database file, so that it can never mix with a company's own data in
# the default data/qudao.sqlite (and `qudao demo` refuses a database that holds real data anyway).
DEMO_DATABASE_URL ?= sqlite://data/demo.sqlite

.PHONY: demo test build test-swift test-browser run-browser-tests python-env system-packages-demo system-packages-test format clean

demo: system-packages-demo build
	@mkdir -p data
	.build/debug/qudao serve --demo --port $(DEMO_PORT) --database-url $(DEMO_DATABASE_URL)

# One build serves both suites: `--build-tests` also builds the qudao binary the browser tests run.
test: system-packages-test python-env
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	$(MAKE) --no-print-directory test-swift
	$(MAKE) --no-print-directory run-browser-tests

build:
	swift build $(SWIFT_BUILD_FLAGS)

# Every Swift suite. QUDAO_REQUIRE_POSTGRES makes the PostgreSQL suite fail rather than skip when
# initdb is missing, so a green run always means both databases were tested.
test-swift:
	QUDAO_REQUIRE_POSTGRES=1 swift test --skip-build $(SWIFT_BUILD_FLAGS)

# Browser flows in headless Chromium against a real `qudao serve` (screenshots in test-artifacts/).
test-browser: python-env
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	$(MAKE) --no-print-directory run-browser-tests

run-browser-tests:
	QUDAO_BINARY=.build/debug/qudao $(PYTHON) -m pytest -q Tests/Browser

python-env: $(VENV)/.installed

$(VENV)/.installed: Tests/Browser/requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --disable-pip-version-check -r Tests/Browser/requirements.txt
	@touch $@

system-packages-demo:
	@scripts/install-system-packages.sh demo

system-packages-test:
	@scripts/install-system-packages.sh test

format:
	swift format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build $(VENV) test-artifacts
