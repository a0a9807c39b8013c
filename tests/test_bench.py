"""The benchmark's own machinery: generation on the bulk paths, the load generator's open loop,
and the comparison that flags targets missed (bench/generate.py, bench/load.py, bench/run.py)."""

import http.server
import threading
import xml.etree.ElementTree as ET

import pytest

from bench import generate, load, run


@pytest.mark.django_db
def test_it_generates_a_tiny_city_on_the_bulk_path_and_reports_rates():
    rates = generate.generate(0.0001, log=lambda _: None)

    counts = generate.counts()
    assert counts["hubs"] == len(generate.HUBS) + 1  # the ten cities and the map bench
    assert counts["users"] == 50
    assert generate.marker() == generate.scale_key(0.0001)
    by_model = {r["model"]: r for r in rates}
    assert by_model["participation.Comment"]["rows"] > 0
    assert by_model["mapinput.MapMark"]["rows"] >= 10
    assert all(r["rows_per_s"] is None or r["rows_per_s"] > 0 for r in rates)

    from apps.participation.models import Comment, Idea

    # Every idea's comment count agrees with the comments written.
    for idea in Idea.objects.all():
        assert Comment.objects.filter(idea=idea).count() == idea.comment_count
    assert generate.largest_hub()[0] == "oslo"


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status = 404 if self.path == "/missing" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


def test_the_open_loop_sends_at_the_rate_and_reports_each_window(server):
    result = load.open_loop("127.0.0.1", server, ["/a", "/b"], 40, 1.0, 0.5, 5, load.HEADERS, 4)

    assert result["due"] == 40
    assert result["requests"] == 40
    assert result["errors"] == 0
    assert [w["t"] for w in result["windows"]] == [0.0, 0.5]
    assert all(w["requests"] == 20 and w["p95_ms"] is not None for w in result["windows"])


def test_the_open_loop_counts_anything_but_200_as_an_error(server):
    result = load.open_loop("127.0.0.1", server, ["/missing"], 20, 0.5, 0.5, 5, load.HEADERS, 2)

    assert result["errors"] == result["requests"] == 10


def test_a_mix_is_one_closed_loop_phase_over_all_paths(server):
    result = load.run_phase("127.0.0.1", server, ["/a", "/missing"], 0.3, 2, 5, load.HEADERS)

    assert result["path"] == "mix"
    assert 0 < result["errors"] < result["requests"]


def _run(scale, rows, ceiling_rps=1000.0):
    sql = {r["key"]: {"queries": r.pop("q"), "status": 200, "exception": None} for r in rows}
    return {"scale": scale, "ceiling_rps": ceiling_rps, "rows": rows, "sql": sql}


def _row(path, p50, p95, rps, queries, role="anonymous"):
    return {
        "key": f"{role} {path}",
        "role": role,
        "path": path,
        "p50_ms": p50,
        "p95_ms": p95,
        "rps": rps,
        "errors": 0,
        "q": queries,
    }


def test_the_comparison_flags_every_target_missed_and_passes_a_good_page():
    small = _run(0.1, [_row("/good/", 5, 8, 900, 3), _row("/slow/", 20, 40, 100, 13)])
    full = _run(1.0, [_row("/good/", 5.5, 9, 880, 3), _row("/slow/", 80, 120, 12, 14)])

    rows = {r["path"]: r for r in run.compare(small, full)}

    assert rows["/good/"]["flags"] == []
    flags = " | ".join(rows["/slow/"]["flags"])
    assert "req/s < 50% of ceiling" in flags
    assert "p95 > 50 ms" in flags
    assert "> 12 queries" in flags
    assert "time ×4.00 at 10× data" in flags
    assert "queries 13 → 14" in flags


def test_the_load_chart_is_an_svg_with_one_line_per_database():
    windows = [{"t": 0.0, "p95_ms": 20.0}, {"t": 10.0, "p95_ms": 35.0}, {"t": 20.0, "p95_ms": None}]

    svg = run.svg_chart({"SQLite": windows, "PostgreSQL": windows})

    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag.endswith("svg")
    assert len(root.findall("{http://www.w3.org/2000/svg}polyline")) == 2
