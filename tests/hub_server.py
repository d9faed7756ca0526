"""A loopback stand-in for the Hugging Face Hub's download API, serving local folders as dataset repos.

It answers the few routes ``huggingface_hub.snapshot_download`` uses (repo info, tree listing,
file resolve), so the real download code runs unchanged against ``http://127.0.0.1:<port>``.
A repo marked gated answers 403 ``GatedRepo`` to requests without the accepted token.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse


class FakeHubRepo:
    def __init__(self, folder: Path, *, gated_token: str | None = None):
        self.folder = folder
        self.gated_token = gated_token
        self.files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        digest = hashlib.sha1("".join(self.files).encode())
        for name in self.files:
            digest.update((folder / name).read_bytes())
        self.sha = digest.hexdigest()


class HubServer:
    def __init__(self) -> None:
        self.repos: dict[str, FakeHubRepo] = {}
        self.requests: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.endpoint = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> "HubServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _send(self, status: int, body: bytes = b"", headers: dict | None = None, head: bool = False):
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def _route(self, head: bool) -> None:
                path = unquote(urlparse(self.path).path)
                server.requests.append(f"{self.command} {path}")
                parts = path.strip("/").split("/")
                api = parts[0] == "api"
                if api:
                    parts = parts[1:]
                if len(parts) < 4 or parts[0] != "datasets":
                    return self._send(404, b"{}", {"X-Error-Code": "RepoNotFound"}, head)
                repo = server.repos.get(f"{parts[1]}/{parts[2]}")
                if repo is None:
                    return self._send(401, b'{"error": "Repository not found"}',
                                      {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"}, head)
                if repo.gated_token and self.headers.get("authorization") != f"Bearer {repo.gated_token}":
                    return self._send(403, b'{"error": "gated"}', {"X-Error-Code": "GatedRepo"}, head)
                kind, rest = parts[3], parts[4:]
                if api and kind == "revision":
                    body = {"id": f"{parts[1]}/{parts[2]}", "sha": repo.sha, "private": False,
                            "siblings": [{"rfilename": f} for f in repo.files]}
                    return self._send(200, json.dumps(body).encode(), {"Content-Type": "application/json"}, head)
                if api and kind == "tree":
                    body = [{"type": "file", "path": f, "size": (repo.folder / f).stat().st_size,
                             "oid": hashlib.sha1((repo.folder / f).read_bytes()).hexdigest()} for f in repo.files]
                    return self._send(200, json.dumps(body).encode(), {"Content-Type": "application/json"}, head)
                if not api and kind == "resolve" and len(rest) >= 2:
                    name = "/".join(rest[1:])
                    if name not in repo.files:
                        return self._send(404, b"", {"X-Error-Code": "EntryNotFound"}, head)
                    data = (repo.folder / name).read_bytes()
                    return self._send(200, data, {"X-Repo-Commit": repo.sha,
                                                  "ETag": f'"{hashlib.sha1(data).hexdigest()}"'}, head)
                return self._send(404, b"", {}, head)

            def do_GET(self):
                self._route(head=False)

            def do_HEAD(self):
                self._route(head=True)

        return Handler
