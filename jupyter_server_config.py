"""JupyterLab as the book runs it: explorers' updates reach the page without a 40 ms stall.

Use it with ``jupyter lab --config=jupyter_server_config.py`` (README; the JupyterLab benchmark
does the same). Jupyter Server leaves Nagle's algorithm on for a kernel's websocket, so a small
message written while the previous one is still unacknowledged (an explorer's answer right after
the kernel's "busy") waits for the browser's delayed acknowledgement: up to 40 ms on Linux. Tornado
documents ``set_nodelay(True)`` for this; the connection class below sets it on each kernel
websocket, through Jupyter Server's own setting for that class. Without Jupyter Server 2, whose
class it extends, the server keeps its default and nothing else changes.
"""

try:
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
except ImportError:
    pass  # an older Jupyter Server: leave its connection as it is
else:

    class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
        """Jupyter Server's kernel websocket connection, sending each message as soon as it is written."""

        def connect(self):
            self.websocket_handler.set_nodelay(True)
            return super().connect()

    c = get_config()  # noqa: F821 (given to a config file by traitlets)
    c.ServerApp.kernel_websocket_connection_class = NoDelayKernelWebsocketConnection
