"""Fixtures shared by every test module: the repository's paths and the seed survey."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DATA = REPO_ROOT / "data" / "barometer-burgerparticipatie.yaml"
SEED_TEXT = Path(__file__).resolve().parent / "fixtures" / "seed" / "barometer-burgerparticipatie.txt"
DEFAULT_TEMPLATE = REPO_ROOT / "templates" / "default"
DEFAULT_AUDIENCES = REPO_ROOT / "data" / "audiences.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_survey():
    from generator.readers import load_survey

    return load_survey(SEED_DATA)


@pytest.fixture
def write_file(tmp_path, monkeypatch):
    """Write a throwaway file under tmp_path (the working directory, so messages show short
    paths) and return its path: write_file("a.yaml", "...")."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/*.txt from the current output instead of comparing with them.")


@pytest.fixture
def update_golden(request) -> bool:
    """Whether this run rewrites the golden files (pytest --update-golden); review the diff afterwards."""
    return request.config.getoption("--update-golden")
