"""Load generator: a separate process from the server, standard library only.

    python bench/load.py --port 8123 --seconds 10 --concurrency 4 /healthz /api/v1/hubs
    python bench/load.py --port 8123 --seconds 20 --concurrency 4 --mix /a/ /b/ /c/
    python bench/load.py --port 8123 --seconds 600 --rate 40 /a/ /b/ /c/

Closed loop (the first two): for each path in turn (or, with --mix, once for all the paths
taken in turn), a short warm-up, then `concurrency` threads, each with its own keep-alive
connection (reopened when the server closes it), send GET requests until the duration is over.

Open loop (--rate): requests are due at a constant rate whatever the server does, spread over
the paths in turn, and sent by a pool of threads; latency counts from the moment a request was
due, so a server that falls behind shows it (no coordinated omission). Reports the p95 per
--window seconds.

Latency is measured per request, until the whole body is read. Anything but a 200 is an error.
--cookie sends a Cookie header (a signed-in session). Prints one JSON document on stdout.
"""

import argparse
import http.client
import itertools
import json
import math
import queue
import sys
import threading
import time

HEADERS = {"Accept-Language": "nb", "User-Agent": "allmenning-bench"}


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Worker(threading.Thread):
    def __init__(
        self, host: str, port: int, paths: list[str], deadline: float, timeout: float, headers: dict[str, str]
    ) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.paths, self.headers = host, port, paths, headers
        self.deadline, self.timeout = deadline, timeout
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.errors = 0
        self.first_error: str | None = None
        self.bytes = 0
        self.connections = 0

    def _error(self, key: str, detail: str) -> None:
        self.errors += 1
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if self.first_error is None:
            self.first_error = detail[:300]

    def run(self) -> None:
        conn: http.client.HTTPConnection | None = None
        paths = itertools.cycle(self.paths)
        while time.monotonic() < self.deadline:
            if conn is None:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.connections += 1
            start = time.perf_counter()
            try:
                conn.request("GET", next(paths), headers=self.headers)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.latencies.append(time.perf_counter() - start)
                self._error(type(exc).__name__, f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = None
                time.sleep(0.05)  # a dead server must not become a busy loop
                continue
            self.latencies.append(time.perf_counter() - start)
            self.bytes += len(body)
            if response.status == 200:
                self.statuses["200"] = self.statuses.get("200", 0) + 1
            else:
                text = body[:200].decode("utf-8", "replace").strip().replace("\n", " ")
                self._error(str(response.status), f"HTTP {response.status}: {text}")
            if response.will_close:
                conn.close()
                conn = None
        if conn is not None:
            conn.close()


def run_phase(
    host: str,
    port: int,
    paths: list[str],
    seconds: float,
    concurrency: int,
    timeout: float,
    headers: dict[str, str],
) -> dict:
    start = time.monotonic()
    # Each thread starts at another place in the list, so a mix is spread evenly.
    workers = [
        Worker(
            host, port, paths[i % len(paths) :] + paths[: i % len(paths)], start + seconds, timeout, headers
        )
        for i in range(concurrency)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - start
    latencies = sorted(x for w in workers for x in w.latencies)
    statuses: dict[str, int] = {}
    for w in workers:
        for key, n in w.statuses.items():
            statuses[key] = statuses.get(key, 0) + n
    ms = [x * 1000 for x in latencies]
    return {
        "path": paths[0] if len(paths) == 1 else "mix",
        "requests": len(latencies),
        "errors": sum(w.errors for w in workers),
        "statuses": statuses,
        "first_error": next((w.first_error for w in workers if w.first_error), None),
        "elapsed_s": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": round(percentile(ms, 50), 2) if ms else None,
        "p95_ms": round(percentile(ms, 95), 2) if ms else None,
        "p99_ms": round(percentile(ms, 99), 2) if ms else None,
        "mean_ms": round(sum(ms) / len(ms), 2) if ms else None,
        "max_ms": round(ms[-1], 2) if ms else None,
        "bytes_per_response": round(sum(w.bytes for w in workers) / max(1, len(latencies))),
        "connections": sum(w.connections for w in workers),
    }


def open_loop(
    host: str,
    port: int,
    paths: list[str],
    rate: float,
    seconds: float,
    window: float,
    timeout: float,
    headers: dict[str, str],
    threads: int,
) -> dict:
    """Requests due at `rate` per second for `seconds`; p95 per `window` seconds."""
    due: queue.Queue[tuple[float, str] | None] = queue.Queue()
    done: list[tuple[float, float, str]] = []  # (due, latency, status) of every request
    lock = threading.Lock()

    def send() -> None:
        conn: http.client.HTTPConnection | None = None
        while (item := due.get()) is not None:
            at, path = item
            status = "?"
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                if conn is not None:
                    conn.close()
                conn = None
            with lock:
                done.append((at, time.monotonic() - at, status))
        if conn is not None:
            conn.close()

    pool = [threading.Thread(target=send, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    start = time.monotonic()
    mix = itertools.cycle(paths)
    for i in itertools.count():
        at = start + i / rate
        if at >= start + seconds:
            break
        pause = at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        due.put((at, next(mix)))
    for _ in pool:
        due.put(None)
    for t in pool:
        t.join(timeout + 5)
    windows = []
    for w in range(math.ceil(seconds / window)):
        lo, hi = start + w * window, start + (w + 1) * window
        inside = [(lat, st) for at, lat, st in done if lo <= at < hi]
        ms = sorted(lat * 1000 for lat, _ in inside)
        windows.append(
            {
                "t": round(w * window, 1),
                "requests": len(ms),
                "errors": sum(1 for _, st in inside if st != "200"),
                "p50_ms": round(percentile(ms, 50), 2) if ms else None,
                "p95_ms": round(percentile(ms, 95), 2) if ms else None,
            }
        )
    all_ms = sorted(lat * 1000 for _, lat, _ in done)
    statuses: dict[str, int] = {}
    for _, _, st in done:
        statuses[st] = statuses.get(st, 0) + 1
    return {
        "rate": rate,
        "seconds": seconds,
        "window": window,
        "paths": paths,
        "due": math.ceil(seconds * rate),
        "requests": len(done),
        "errors": sum(n for st, n in statuses.items() if st != "200"),
        "statuses": statuses,
        "achieved_rps": round(len(done) / seconds, 2),
        "p50_ms": round(percentile(all_ms, 50), 2) if all_ms else None,
        "p95_ms": round(percentile(all_ms, 95), 2) if all_ms else None,
        "p99_ms": round(percentile(all_ms, 99), 2) if all_ms else None,
        "windows": windows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--cookie", default="", help="a Cookie header to send, e.g. sessionid=…")
    parser.add_argument("--mix", action="store_true", help="one closed-loop phase over all paths")
    parser.add_argument("--rate", type=float, default=0.0, help="open loop: requests per second")
    parser.add_argument("--window", type=float, default=10.0, help="open loop: seconds per p95")
    parser.add_argument("--threads", type=int, default=32, help="open loop: sending threads")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load goes to this machine only (127.0.0.1)")
    headers = {**HEADERS, "Cookie": args.cookie} if args.cookie else HEADERS

    if args.rate > 0:
        if args.warmup > 0:
            run_phase(args.host, args.port, args.paths, args.warmup, args.concurrency, args.timeout, headers)
        result = open_loop(
            args.host,
            args.port,
            args.paths,
            args.rate,
            args.seconds,
            args.window,
            args.timeout,
            headers,
            args.threads,
        )
        json.dump({"open_loop": result}, sys.stdout)
        return 0

    results = []
    for paths in [args.paths] if args.mix else [[p] for p in args.paths]:
        if args.warmup > 0:
            run_phase(args.host, args.port, paths, args.warmup, args.concurrency, args.timeout, headers)
        result = run_phase(args.host, args.port, paths, args.seconds, args.concurrency, args.timeout, headers)
        results.append(result)
        print(
            f"  {result['path']:<48} p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  "
            f"{result['rps']} req/s  errors {result['errors']}",
            file=sys.stderr,
            flush=True,
        )
    json.dump({"results": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
