# The two commands of the quick start: `make demo` and `make test`.
# Both create .venv/ on first use and reinstall when requirements.txt or pyproject.toml change.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test release system-packages student instructor clean

demo: $(VENV)/.installed  ## the whole instructor cycle on the built-in sample class
	@.ci/install-system-packages
	$(BIN)/python -m course demo

test: $(VENV)/.installed  ## the test suite: real nbgrader, real kernels, real gradebook
	@.ci/install-system-packages --with-browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

system-packages:  ## Debian's bubblewrap (the sandbox) and chromium (browser tests), when missing
	@.ci/install-system-packages --with-browser

# jupyter lab refuses to run as root unless told
LAB := $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

student: $(VENV)/.installed  ## JupyterLab on the student version, with nbgrader's Validate button
	$(LAB) release/

instructor: $(VENV)/.installed  ## JupyterLab with formgrader on a course directory: make instructor COURSE=DIR
	cd $(or $(COURSE),.) && $(CURDIR)/$(LAB)

release: $(VENV)/.installed  ## regenerate release/ from source/ after editing a notebook
	$(BIN)/python -m course release

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache
