"""The book's JupyterLab setting (jupyter_server_config.py): every kernel message sent as soon as it is written."""

import sys
from pathlib import Path

import pytest
from traitlets.config import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = "jupyter_server.services.kernels.connection.channels"


def _load():
    return PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT)).load_config()


class _Handler:
    nodelay = None

    def set_nodelay(self, value):
        self.nodelay = value


def test_each_kernel_websocket_turns_nagle_off_before_it_connects(monkeypatch):
    channels = pytest.importorskip(CHANNELS)  # installed with JupyterLab (requirements-lab.txt)
    connection_class = _load().ServerApp.kernel_websocket_connection_class
    assert issubclass(connection_class, channels.ZMQChannelsWebsocketConnection)
    order = []
    handler = _Handler()
    monkeypatch.setattr(channels.ZMQChannelsWebsocketConnection, "connect",
                        lambda self: order.append(("connect", handler.nodelay)) or "connected")
    connection = connection_class.__new__(connection_class)
    connection._trait_values["websocket_handler"] = handler  # a stand-in for tornado's handler
    assert connection.connect() == "connected"
    assert order == [("connect", True)]


def test_without_jupyter_server_2_the_server_keeps_its_default(monkeypatch):
    monkeypatch.setitem(sys.modules, CHANNELS, None)  # importing it now fails, as with Jupyter Server 1
    assert "kernel_websocket_connection_class" not in _load().ServerApp
