"""Serve a built site on 127.0.0.1 the way GitHub Pages does: gzip for text, a short cache lifetime.

    python3 tools/lighthouse/serve.py SITE_DIR [--port N] [--no-gzip]

Prints the base URL on its first line, then serves until killed. Used by run.sh and first_load.py,
so that audits measure what readers download from the real host, not an uncompressed local copy.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path
from typing import Iterator

# What GitHub Pages compresses (text types); Pagefind's index and fragments are already gzip inside.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}


class Handler(http.server.SimpleHTTPRequestHandler):
    use_gzip = True

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's slash URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (Lighthouse closes tabs early); nothing to report


def serving(folder: Path, port: int = 0, use_gzip: bool = True) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 in a thread; yields the base URL."""
    handler = functools.partial(type("H", (Handler,), {"use_gzip": use_gzip}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site} has no index.html: build the site first", file=sys.stderr)
        return 2
    for url in serving(args.site, args.port, not args.no_gzip):
        print(url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
