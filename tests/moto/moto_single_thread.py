"""moto's server, single-threaded, on a free loopback port; prints the port, then serves.

Why not the stock `moto_server`: it serves every request on its own thread and moto's
backends are not atomic under concurrent writes. Measured: a race of concurrent
redemptions of a single-use link had 2-3 winners in 7 of 40 rounds, and failed
transactions lost writes. DynamoDB itself is serializable per item, so the tests need a
server that is too: one request at a time (werkzeug's server with threaded=False, which
is what `run_simple(..., threaded=False)` runs) around moto's own WSGI app.

Usage: python moto_single_thread.py [host]   (prints "PORT <n>" once it is listening)
"""

import logging
import os
import sys
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


def main() -> None:
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = DomainDispatcherApplication(create_backend_app)
    # Port 0: the OS picks a free port; the socket listens before we print it.
    server = make_server(host, 0, app, threaded=False, processes=1)
    print(f"PORT {server.port}", flush=True)
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    server.serve_forever()


def exit_when_parent_goes() -> None:
    """The test process holds our stdin: EOF means it exited, so do we."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
