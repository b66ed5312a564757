"""Data, charts and widgets for the course book *Military Diplomacy*.

The notebooks import this package so that they stay short stories:
``data`` loads and validates the tables, ``charts`` draws them, and
``widgets`` lets readers explore them.
"""

from defence_diplomacy.data import DataError, country_names, format_year, load, table_names

__all__ = ["DataError", "country_names", "format_year", "load", "table_names"]
__version__ = "0.1.0"
