"""Real processes for tests that need them: a Celery worker beside the test process, daphne
servers on free loopback ports, a private redis-server that a test may kill."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def test_database_url(name: str) -> str:
    """``DATABASE_URL`` pointing at the database ``name`` (pytest-django's test database)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path=f"/{name}").geturl()


test_database_url.__test__ = False  # type: ignore[attr-defined]  # not a test, despite its name


def start_celery_worker(
    env: dict[str, str],
    hostname: str,
    output: IO[bytes] | int,
    *,
    pool: str = "solo",
    concurrency: int = 1,
) -> subprocess.Popen:
    """A worker process on the test broker (the caller stops it)."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            f"--hostname={hostname}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )


@contextmanager
def celery_worker(env: dict[str, str], hostname: str, output: IO[bytes] | int) -> Iterator[None]:
    """A solo-pool worker on the test broker, stopped (warm shutdown) on exit."""
    worker = start_celery_worker(env, hostname, output)
    try:
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)


class ProcessFailed(RuntimeError):
    pass


class Daphne:
    """daphne serving the project on a fixed free port: ``stop()``/``start()`` restart it on the
    same port (an outage, a deploy)."""

    def __init__(self, env: dict[str, str], log: Path, host: str = "127.0.0.1") -> None:
        self.env = env
        self.log = log
        self.host = host
        self.port = free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.ws_url = f"ws://{host}:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "config.serve",  # daphne, closing its websockets with 1012 on SIGTERM
                    "-b",
                    self.host,
                    "-p",
                    str(self.port),
                    "config.asgi:application",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_up(timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int | None:
        """Send ``sig`` (SIGTERM: daphne's graceful shutdown) and wait; kill if it hangs.
        Returns the exit code."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        process.send_signal(sig)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(timeout=5)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_up(self, timeout: float = 60) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ProcessFailed(f"daphne exited with {self.process.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # a 503 (say, no Celery worker) is still an answer: daphne is serving
            except OSError:
                time.sleep(0.2)
        raise ProcessFailed(f"daphne did not answer within {timeout} s:\n{self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


class RedisServer:
    """A private, throw-away redis-server (no persistence) that a test may kill and restart on
    the same port. Never the machine's shared one."""

    def __init__(self, log: Path, port: int | None = None) -> None:
        self.log = log
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 15) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ProcessFailed(f"redis-server exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise ProcessFailed(f"redis-server did not answer on port {self.port}")

    def kill(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        process.kill()
        process.wait(timeout=10)
