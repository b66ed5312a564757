"""Fixtures shared by the chart-family tests."""

import pytest

from defence_diplomacy import explorer


@pytest.fixture
def shown(monkeypatch) -> list[tuple]:
    """What explorers display, one tuple of items per update, instead of showing it."""
    displayed: list[tuple] = []
    monkeypatch.setattr(explorer, "show", lambda output, *items: displayed.append(items))
    return displayed
