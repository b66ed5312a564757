"""Fixtures shared by the chart-family tests."""

import pytest

from defence_diplomacy import explorer


@pytest.fixture
def shown(monkeypatch) -> list[tuple]:
    """What explorers display, one tuple of items per update (each one drawn afresh), instead of showing it."""
    displayed: list[tuple] = []
    monkeypatch.setattr(explorer, "REMEMBERED", 0)
    monkeypatch.setattr(explorer, "page_html", lambda *items: displayed.append(items) or "")
    return displayed
