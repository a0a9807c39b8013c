"""Load generator: a separate process from the server, standard library only.

    python bench/load.py --port 8123 --seconds 10 --concurrency 4 /healthz /api/v1/hubs

For each path in turn: a short warm-up, then `concurrency` threads, each with its own
keep-alive connection (reopened when the server closes it), send GET requests until the
duration is over. Latency is measured per request, from sending to having read the whole
body. Anything but a 200 is an error. Prints one JSON document with the results on stdout.
"""

import argparse
import http.client
import json
import math
import sys
import threading
import time


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Worker(threading.Thread):
    def __init__(self, host: str, port: int, path: str, deadline: float, timeout: float) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.path = host, port, path
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
        headers = {"Accept-Language": "nb", "User-Agent": "allmenning-bench"}
        while time.monotonic() < self.deadline:
            if conn is None:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.connections += 1
            start = time.perf_counter()
            try:
                conn.request("GET", self.path, headers=headers)
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


def run_phase(host: str, port: int, path: str, seconds: float, concurrency: int, timeout: float) -> dict:
    start = time.monotonic()
    workers = [Worker(host, port, path, start + seconds, timeout) for _ in range(concurrency)]
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
        "path": path,
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
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load goes to this machine only (127.0.0.1)")

    results = []
    for path in args.paths:
        if args.warmup > 0:
            run_phase(args.host, args.port, path, args.warmup, args.concurrency, args.timeout)
        result = run_phase(args.host, args.port, path, args.seconds, args.concurrency, args.timeout)
        results.append(result)
        print(
            f"  {path:<48} p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  "
            f"{result['rps']} req/s  errors {result['errors']}",
            file=sys.stderr,
            flush=True,
        )
    json.dump({"results": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
