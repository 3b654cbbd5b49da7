"""What people search for never reaches the server's request log."""

from __future__ import annotations

import logging
import threading
import urllib.request

from werkzeug.serving import make_server


def test_request_log_drops_query_strings(app, caplog):
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/search?place=1234+Secret+Lane+97209&lat=45.123456"
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        with urllib.request.urlopen(url) as response:  # noqa: S310 - our own loopback server
            assert response.status == 200
        thread.join(timeout=10)
    server.server_close()
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any('"GET /search?… HTTP/1.1" 200' in line for line in lines), lines
    assert not any("Secret" in line or "45.123456" in line for line in lines)
