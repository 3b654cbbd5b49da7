"""HTTP benchmark: requests/s of the search pages under gunicorn, next to a trivial endpoint.

    .venv/bin/python -m bench.http                  # the cached 100k SQLite database
    .venv/bin/python -m bench.http --size 10000 --duration 5

Serves ``wsgi:app`` (the production entry point) with gunicorn, 2 sync workers, on 127.0.0.1
and a free port, against a synthetic SQLite database from ``bench/search.py``'s cache (with
a minimal catalog added: the search pages read the taxonomy on every request). Then, in one
run, it loads in turn:

(a) the JSON search API, ``/search.json?lat=..&lon=..&radius=..&category=..``;
(b) the search results page, ``/search?...`` (same parameters);
(c) a trivial endpoint, the static stylesheet ``/assets/css/site.css``;

with ``wrk`` when installed (otherwise a Python keep-alive client), each for a bounded time
and request count, on loopback only, and prints requests/s and the ratios to (c). The
server is stopped at the end, whatever happens. A benchmark, not a test: exits 0 either way.

The client shares the machine's cores with the server, so absolute figures are low on a small
machine; the ratios are what the targets are about (a >= 40%, b >= 25% of the trivial one).
"""

# ruff: noqa: E402 - the guard below must run before the imports
from __future__ import annotations

import os
import sys

if __name__ == "__main__" and not __package__:
    # Run as a file (python bench/http.py), this file would shadow the standard library's
    # http module for everything imported after it: run as a module instead.
    ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "bench.http", *sys.argv[1:]])  # noqa: S606

import argparse
import http.client
import json
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import synthetic
from bench.search import percentile, sample_points, sqlite_database
from directory import create_app
from directory.database import get_db

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
TRIVIAL = "/assets/css/site.css"
TARGETS = {"json": 0.40, "page": 0.25}  # share of the trivial endpoint's requests/s


def search_paths(route: str, count: int, seed: int) -> list[str]:
    """``count`` search URLs around the metros: radius 10 or 50 miles, one category each.

    The category case is the one the issue's latency targets are about; no keyword, whose
    cost is reported by bench/search.py.
    """
    rng = random.Random(seed)
    paths = []
    for point in sample_points(count, seed):
        params = {"lat": f"{point.latitude:.3f}", "lon": f"{point.longitude:.3f}",
                  "radius": rng.choice((10, 50)), "category": point.category}
        paths.append(f"{route}?{urlencode(params)}")
    return paths


def prepare(database_url: str, routes_wanted=("/search.json", "/search")) -> dict[str, str]:
    """Add the catalog rows the pages need, and find which search routes exist."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        session = get_db().session
        added = synthetic.ensure_catalog(session)
        session.commit()
        if added:
            print(f"  added a minimal catalog for {added:,} services (taxonomy, services, "
                  "organizations, category links)")
        session.remove()
        get_db().engine.dispose()
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    found = {route: route for route in routes_wanted if route in rules}
    if "/search.json" not in found and "/search" in rules:
        print("  /search.json does not exist (yet): measuring /search for the API case too")
        found["/search.json"] = "/search"
    return found


def check(app_url: str, paths: dict[str, list[str]]) -> None:
    """One request of each kind before the load: they must answer 200, with results."""
    host, port = app_url.split(":")
    for name, urls in paths.items():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", urls[0])
        response = connection.getresponse()
        body = response.read()
        connection.close()
        note = f"{len(body):,} bytes"
        if name == "json" and response.status == 200 and body.startswith(b"{"):
            found = json.loads(body)
            note += f", {len(found['results'])} results + {len(found['virtual'])} virtual"
        print(f"  {name:<8} {response.status} {note}  e.g. {urls[0]}")
        if response.status != 200:
            raise SystemExit(f"{urls[0]} answered {response.status}; not benchmarking it")


# --- the server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "DIRECTORY_ENV": "development"}
    process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
        [str(GUNICORN), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=environment, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, f"127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not start listening within 30 s")


def stop_server(process: subprocess.Popen) -> None:
    """TERM the gunicorn master (it stops its workers); KILL its group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- load generators -----------------------------------------------------------------------

def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_wrk(app_url: str, paths: list[str], seconds: float, connections: int) -> dict:
    """wrk, one thread, cycling through ``paths`` (each connection its own walk)."""
    lines = ",\n".join(f'  "{path}"' for path in paths)
    script = ("local paths = {\n" + lines + "\n}\nlocal i = math.random(#paths)\n"
              "request = function()\n  i = i % #paths + 1\n"
              "  return wrk.format('GET', paths[i])\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="bench-wrk-") as lua:
        lua.write(script)
        lua.flush()
        output = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
            [shutil.which("wrk"), "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency",
             "--timeout", "10s", "-s", lua.name, f"http://{app_url}"],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if not {"50", "99"} <= latency.keys():
        raise SystemExit(f"could not read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(latency["50"]), "p99": _milliseconds(latency["99"]),
        "bad": int(bad.group(1)) if bad else 0,
        "note": errors.group(1) if errors else "",
    }


def load_python(app_url: str, paths: list[str], seconds: float, connections: int,
                max_requests: int) -> dict:
    """Threads with keep-alive ``http.client`` connections (used when wrk is missing)."""
    host, port = app_url.split(":")
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        index = offset
        while time.monotonic() < deadline and len(latencies) < max_requests:
            index = (index + 1) % len(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", paths[index])
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()  # gunicorn's sync workers close after each response
                connection = http.client.HTTPConnection(host, int(port), timeout=10)
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                bad[0] += not ok
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i * 7919,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
            "bad": bad[0], "note": "python client"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000,
                        help="synthetic listings (cached SQLite database; default %(default)s)")
    parser.add_argument("--database-url", help="an existing SQLite database built by "
                                               "bench/search.py instead of --size")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--max-requests", type=int, default=50_000,
                        help="per endpoint, with the Python client")
    parser.add_argument("--urls", type=int, default=200, help="distinct search URLs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    args = parser.parse_args(argv)

    if args.database_url:
        database_url = args.database_url
    else:
        database_url, _build = sqlite_database(args.size, args.seed, rebuild=False)
    print(f"HTTP benchmark  gunicorn {args.workers} sync workers, {args.connections} "
          f"connections, {args.duration:g} s per endpoint, {os.cpu_count()} CPUs shared by "
          f"client and server\n  database: {database_url}")
    routes = prepare(database_url)
    if "/search" not in routes:
        raise SystemExit("the app has no /search route yet: nothing to measure")
    cases = {
        "json": search_paths(routes["/search.json"], args.urls, args.seed),
        "page": search_paths(routes["/search"], args.urls, args.seed),
        "trivial": [TRIVIAL],
    }
    labels = {"json": f"(a) {routes['/search.json']} (JSON API)",
              "page": "(b) /search (results page)", "trivial": f"(c) {TRIVIAL} (static)"}
    use_wrk = shutil.which("wrk") and not args.python_client
    process, app_url = start_server(database_url, args.workers)
    results = {}
    try:
        check(app_url, cases)
        for name, paths in cases.items():
            # Warm every worker outside the timing: its first search loads the gazetteer
            # (~2 s); later ones reuse statement caches. Bounded by count, then by time.
            load_python(app_url, paths, 60.0, args.connections, 6 * args.workers)
            if use_wrk:
                results[name] = load_wrk(app_url, paths, args.duration, args.connections)
            else:
                results[name] = load_python(app_url, paths, args.duration, args.connections,
                                            args.max_requests)
    finally:
        stop_server(process)

    print(f"\n  {'endpoint':<36} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
          f" {'non-200':>7} {'vs (c)':>7}  target")
    trivial = results["trivial"]["rps"]
    for name, result in results.items():
        ratio = result["rps"] / trivial
        target = TARGETS.get(name)
        verdict = (f">= {target:.0%} {'met' if ratio >= target else 'MISSED'}"
                   if target else "")
        print(f"  {labels[name]:<36} {result['requests']:>8,} {result['rps']:>8.1f}"
              f" {result['p50']:>8.1f} {result['p99']:>8.1f} {result['bad']:>7}"
              f" {ratio:>7.1%}  {verdict}")
    client = "wrk 1 thread" if use_wrk else "Python threads"
    print(f"  load generator: {client}, {args.connections} connections, loopback")


if __name__ == "__main__":
    main()
