"""daphne with a graceful stop: ``python -m config.serve`` takes daphne's own arguments.

On SIGTERM or SIGINT (a deploy, a scale-down) plain daphne drops its websockets without a close
frame, and clients see 1006, the same as a network failure. Here every open websocket is first
closed with 1012 ("service restart"), and the process waits up to ``GRACE_SECONDS`` for the
clients' close replies, so each client knows to reconnect at once (to another process behind
the load balancer) rather than back off.

It also subscribes the process to new answer models (``knowledge.model_updates``); under plain
``daphne`` a process still finds them, with its slower poll.
"""

from __future__ import annotations

import logging
import time

from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import defer, reactor

logger = logging.getLogger(__name__)

SERVICE_RESTART = 1012
GRACE_SECONDS = 3.0
POLL_SECONDS = 0.05


class GracefulServer(Server):
    def run(self) -> None:
        # Registered before daphne's own trigger (which cancels the applications), so the close
        # frames go out while the consumers still exist.
        reactor.addSystemEventTrigger("before", "shutdown", self.close_websockets)
        # A web process answers questions: it loads a new answer model the moment one is
        # announced. Started here rather than in config.asgi, which tests import too.
        from knowledge.model_updates import start_listener

        start_listener()
        super().run()

    def close_websockets(self) -> defer.Deferred:
        sockets = [
            protocol
            for protocol in self.connections
            if isinstance(protocol, WebSocketProtocol) and protocol.state == protocol.STATE_OPEN
        ]
        for protocol in sockets:
            # autobahn's public sendClose() only takes 1000 and 3000-4999; 1012 is the
            # registered code for exactly this, so the frame is sent one level down.
            protocol.sendCloseFrame(code=SERVICE_RESTART, reasonUtf8=b"service restart")
        logger.info("Closing %i websockets with %i before stopping", len(sockets), SERVICE_RESTART)
        done: defer.Deferred = defer.Deferred()
        deadline = time.monotonic() + GRACE_SECONDS

        def wait() -> None:
            closing = [p for p in sockets if p.state != p.STATE_CLOSED]
            if not closing or time.monotonic() >= deadline:
                done.callback(len(sockets))
            else:
                reactor.callLater(POLL_SECONDS, wait)

        wait()
        return done


class GracefulCommandLineInterface(CommandLineInterface):
    server_class = GracefulServer


if __name__ == "__main__":
    GracefulCommandLineInterface.entrypoint()
