"""moto's server, single-threaded, on a free loopback port; prints the port, then serves.

Why not the stock `moto_server`: it serves every request on its own thread and moto's
backends are not atomic under concurrent writes. Measured: a race of concurrent
redemptions of a single-use link had 2-3 winners in 7 of 40 rounds, and failed
transactions lost writes. DynamoDB itself is serializable per item, so the tests need a
server that is too: one request at a time (werkzeug's server with threaded=False, which
is what `run_simple(..., threaded=False)` runs) around moto's own WSGI app.

With `--tls CERT KEY` it serves HTTPS with that certificate (the Lambda benchmark puts
the AWS endpoint behind TLS, as in AWS). Then it keeps connections open (HTTP/1.1
keep-alive, as AWS endpoints do, so a client's first TLS handshake is not repeated on
every request): werkzeug does that only with a thread per connection, so the requests
still run one at a time, under one lock around moto's app.

`--listeners N` (with `--tls`) listens on N ports over the same state, so that a client
configured with one endpoint per AWS service opens one connection per service, as it
does in AWS where each service has its own host name.

Usage: python moto_single_thread.py [host] [--tls CERT KEY [--listeners N]]
(prints "PORT <n> [<n2> ...]" once it is listening)
"""

import logging
import os
import sys
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


def one_at_a_time(app):
    """The WSGI app, serving one request at a time across threads."""
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            # The body is built inside the lock (moto's responses are lists).
            return list(app(environ, start_response))

    return serialized


def main() -> None:
    args = sys.argv[1:]
    tls = None
    if "--tls" in args:
        i = args.index("--tls")
        tls = (args[i + 1], args[i + 2])
        del args[i : i + 3]
    listeners = 1
    if "--listeners" in args:
        i = args.index("--listeners")
        listeners = int(args[i + 1])
        del args[i : i + 2]
    host = args[0] if args else "127.0.0.1"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = DomainDispatcherApplication(create_backend_app)
    # Port 0: the OS picks a free port; the socket listens before we print it.
    if tls is None:
        servers = [make_server(host, 0, app, threaded=False, processes=1)]
    else:
        app = one_at_a_time(app)
        servers = [
            make_server(host, 0, app, threaded=True, ssl_context=tls) for _ in range(listeners)
        ]
    for extra in servers[1:]:
        threading.Thread(target=extra.serve_forever, daemon=True).start()
    print("PORT " + " ".join(str(s.port) for s in servers), flush=True)
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    servers[0].serve_forever()


def exit_when_parent_goes() -> None:
    """The test process holds our stdin: EOF means it exited, so do we."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
