"""Slow-loris against `make serve`, with and without the nginx of deploy/nginx.conf in front.

Run: .venv/bin/python benchmarks/slowloris.py [--sockets 40] [--seconds 20]
Needs nginx (apt-get install -y nginx). Prints figures; asserts nothing.

A slow client opens a connection and sends its request headers a byte at a time. gunicorn's
sync workers read requests themselves, so a handful of such clients hold every worker until
gunicorn's timeout: /healthz and cached pages stall for everyone. nginx reads whole requests
(with its own short header timeout) and passes gunicorn complete ones only. This starts one
instance (one worker, no Redis: the smallest setup), runs the attack straight at gunicorn and
then at nginx in front of it, and meanwhile times an ordinary visitor's /healthz and a cached
results page every half second.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, serve, stop, wait_ready

APP_PORT, PROXY_PORT = 8631, 8632
PAGE = "/results/?skills.python=3&environment=gcp"


def nginx_config(workdir: Path) -> Path:
    """deploy/nginx.conf inside a minimal nginx.conf of its own, pointed at this instance."""
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site = site.replace("127.0.0.1:8000", f"127.0.0.1:{APP_PORT}").replace(
        "listen 80;", f"listen 127.0.0.1:{PROXY_PORT};"
    )
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
{site}
}}
""",
        encoding="utf-8",
    )
    return conf


def slow_client(port: int, stop_at: float) -> None:
    """One slow-loris connection: a request line, then a header byte every few seconds; opens
    a new connection whenever the server drops it."""
    while time.monotonic() < stop_at:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
                conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                while time.monotonic() < stop_at:
                    conn.sendall(b"X")
                    time.sleep(3)
        except OSError:
            time.sleep(0.5)


def probe(port: int, path: str) -> tuple[float | None, int | None]:
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=15) as response:
            response.read()
            return time.monotonic() - start, response.status
    except urllib.error.HTTPError as exc:
        return time.monotonic() - start, exc.code
    except OSError:
        return None, None


def attack(port: int, sockets: int, seconds: float) -> dict[str, list]:
    stop_at = time.monotonic() + seconds
    for _ in range(sockets):
        threading.Thread(target=slow_client, args=(port, stop_at), daemon=True).start()
    time.sleep(1)  # let the slow clients take their places
    seen: dict[str, list] = {"/healthz": [], PAGE: []}
    while time.monotonic() < stop_at:
        for path in seen:
            seen[path].append(probe(port, path))
        time.sleep(0.5)
    return seen


def report(name: str, seen: dict[str, list]) -> None:
    for path, results in seen.items():
        times = [t for t, status in results if t is not None and status == 200]
        failed = sum(1 for t, status in results if t is None or status != 200)
        p50 = f"{statistics.median(times) * 1000:7.1f}" if times else "      -"
        worst = f"{max(times) * 1000:7.1f}" if times else "      -"
        label = "/healthz" if path == "/healthz" else "cached results page"
        print(
            f"  {name:22} {label:20} {len(results):3} probes  {failed:3} failed or timed out  "
            f"p50 {p50} ms  max {worst} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed: apt-get install -y nginx")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database = f"sqlite:///{workdir}/bench.sqlite3"
        server = serve(APP_PORT, database, WEB_CONCURRENCY="1", CERTPATH_RATE_RESULTS="100000/m")
        proxy = None
        try:
            wait_ready(APP_PORT)
            probe(APP_PORT, PAGE)  # render it once: later probes are cache hits
            proxy = subprocess.Popen(
                [nginx, "-c", str(nginx_config(workdir)), "-p", str(workdir)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1)
            print(
                f"{args.sockets} slow clients for {args.seconds:g} s against one gunicorn "
                "worker (no Redis); an ordinary visitor probes every 0.5 s:"
            )
            report("idle, gunicorn direct", attack(APP_PORT, 0, 5))
            report("slow-loris at gunicorn", attack(APP_PORT, args.sockets, args.seconds))
            time.sleep(35)  # gunicorn's timeout frees the worker the attack held
            report("idle, through nginx", attack(PROXY_PORT, 0, 5))
            report("slow-loris at nginx", attack(PROXY_PORT, args.sockets, args.seconds))
        finally:
            if proxy is not None:
                proxy.terminate()
                proxy.wait(timeout=10)
            stop(server)


if __name__ == "__main__":
    main()
