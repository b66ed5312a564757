"""Data, charts and explorers for the course book *Military Diplomacy*.

The notebooks import this package so that they stay short stories: ``data`` loads and
validates the tables, one module per chart family (``attache_networks``, ``peacekeeping``,
``timeline``, ``national_models``, ``azerbaijan``, ``alliances_exercises``) shapes, draws
and explores them, and ``explorer`` holds what every explorer shares. See CONTRIBUTING.md.
"""

from defence_diplomacy.data import DataError, country_names, format_year, load, table_names

__all__ = ["DataError", "country_names", "format_year", "load", "table_names"]
__version__ = "0.2.0"
