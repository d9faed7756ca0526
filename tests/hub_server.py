"""A loopback stand-in for the Hugging Face Hub, serving in-memory dataset repos on 127.0.0.1.

It answers the routes ``huggingface_hub`` uses, so the real client code runs unchanged against
``http://127.0.0.1:<port>``:

- download (``snapshot_download``): repo info at a revision, tree listing, file resolve;
- upload (``HfApi.create_repo`` / ``list_repo_refs`` / ``update_repo_settings`` / ``upload_folder``
  / ``create_tag``): repo creation, refs, settings, README YAML check, preupload (every file
  "regular": no LFS or Xet), the NDJSON commit, tags.

Revisions are honoured: every commit has its own files and a 40-hex sha; ``main`` and tags name
commits; a revision that names nothing answers 404 ``RevisionNotFound``. A repo marked gated
answers 403 ``GatedRepo`` to downloads without the accepted token. Bounded: request bodies over
:data:`MAX_BODY` bytes are refused, and the server only ever listens on 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

#: Largest request body accepted (the commit of a tiny test dataset is a few hundred KiB).
MAX_BODY = 64 * 1024 * 1024
#: What the Hub commits into a new repo.
INITIAL_FILES = {".gitattributes": b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"}
NOT_FOUND = {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"}


def read_folder(folder: Path) -> dict[str, bytes]:
    """``{posix path: bytes}`` of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class FakeHubRepo:
    """One dataset repo: commits (sha -> files), branches and tags naming commits, settings."""

    def __init__(self, folder: Path | None = None, *, gated_token: str | None = None, tag: str | None = None):
        self.gated_token = gated_token
        self.commits: dict[str, dict[str, bytes]] = {}
        self.messages: dict[str, str] = {}
        self.branches: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.settings: dict[str, object] = {}
        self.private = False
        if folder is not None:
            self.add_revision(read_folder(folder), tag=tag)

    def add_revision(
        self, files: dict[str, bytes] | Path, *, branch: str = "main", tag: str | None = None, message: str = ""
    ) -> str:
        """Commit ``files`` (a mapping or a folder) on top of ``branch``; returns the new commit's sha."""
        if isinstance(files, Path):
            files = read_folder(files)
        parent = self.branches.get(branch, "")
        digest = hashlib.sha1(f"{parent}\n{len(self.commits)}\n{message}".encode())
        for name in sorted(files):
            digest.update(name.encode() + b"\0" + files[name])
        sha = digest.hexdigest()
        self.commits[sha] = dict(files)
        self.messages[sha] = message
        self.branches[branch] = sha
        if tag is not None:
            self.tags[tag] = sha
        return sha

    def resolve(self, revision: str) -> str | None:
        """The commit a revision names (a sha, a branch or a tag), or ``None``."""
        if revision in self.commits:
            return revision
        return self.branches.get(revision) or self.tags.get(revision)

    @property
    def sha(self) -> str:
        """The head of ``main``."""
        return self.branches["main"]

    @property
    def files(self) -> list[str]:
        """The files at the head of ``main``."""
        return sorted(self.commits[self.sha]) if self.branches else []


class HubServer:
    def __init__(self) -> None:
        self.repos: dict[str, FakeHubRepo] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.endpoint = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> HubServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(10)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def _send(
                self, status: int, body: bytes | dict | list = b"", headers: dict | None = None, head: bool = False
            ) -> None:
                if not isinstance(body, bytes):
                    body = json.dumps(body).encode()
                    headers = {"Content-Type": "application/json", **(headers or {})}
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def _body(self) -> bytes | None:
                size = int(self.headers.get("Content-Length") or 0)
                if size > MAX_BODY:
                    self._send(413, {"error": f"body over {MAX_BODY} bytes"})
                    return None
                return self.rfile.read(size)

            def _no_revision(self, revision: str, head: bool = False) -> None:
                self._send(
                    404,
                    {"error": f"Invalid rev id: {revision}"},
                    {"X-Error-Code": "RevisionNotFound", "X-Error-Message": f"Invalid rev id: {revision}"},
                    head,
                )

            # -- downloads ---------------------------------------------------------------------
            def _read(self, head: bool) -> None:
                path = unquote(urlparse(self.path).path)
                server.requests.append(f"{self.command} {path}")
                parts = path.strip("/").split("/")
                api = parts[0] == "api"
                if api:
                    parts = parts[1:]
                if len(parts) < 3 or parts[0] != "datasets":
                    return self._send(404, {}, NOT_FOUND, head)
                repo_id = f"{parts[1]}/{parts[2]}"
                repo = server.repos.get(repo_id)
                if repo is None:
                    return self._send(401, {"error": "Repository not found"}, NOT_FOUND, head)
                if repo.gated_token and self.headers.get("authorization") != f"Bearer {repo.gated_token}":
                    return self._send(403, {"error": "gated"}, {"X-Error-Code": "GatedRepo"}, head)
                kind, rest = (parts[3], parts[4:]) if len(parts) > 3 else ("revision", ["main"])
                if api and kind == "refs":
                    refs = {
                        "branches": [
                            {"name": n, "ref": f"refs/heads/{n}", "targetCommit": s} for n, s in repo.branches.items()
                        ],
                        "tags": [{"name": n, "ref": f"refs/tags/{n}", "targetCommit": s} for n, s in repo.tags.items()],
                        "converts": [],
                    }
                    return self._send(200, refs, head=head)
                if not rest:
                    return self._send(404, {}, {}, head)
                revision = rest[0]
                sha = repo.resolve(revision)
                if sha is None:
                    return self._no_revision(revision, head)
                files = repo.commits[sha]
                if api and kind == "revision":
                    body = {
                        "id": repo_id,
                        "sha": sha,
                        "private": repo.private,
                        "siblings": [{"rfilename": f} for f in sorted(files)],
                    }
                    return self._send(200, body, head=head)
                if api and kind == "tree":
                    prefix = "/".join(rest[1:])
                    body = [
                        {"type": "file", "path": f, "size": len(files[f]), "oid": git_blob_id(files[f])}
                        for f in sorted(files)
                        if not prefix or f.startswith(prefix.rstrip("/") + "/")
                    ]
                    return self._send(200, body, head=head)
                if not api and kind == "resolve" and len(rest) >= 2:
                    name = "/".join(rest[1:])
                    if name not in files:
                        return self._send(404, b"", {"X-Error-Code": "EntryNotFound"}, head)
                    data = files[name]
                    return self._send(200, data, {"X-Repo-Commit": sha, "ETag": f'"{git_blob_id(data)}"'}, head)
                return self._send(404, b"", {}, head)

            def do_GET(self) -> None:
                self._read(head=False)

            def do_HEAD(self) -> None:
                self._read(head=True)

            # -- uploads -----------------------------------------------------------------------
            def _write(self) -> None:
                path = unquote(urlparse(self.path).path)
                server.requests.append(f"{self.command} {path}")
                body = self._body()
                if body is None:
                    return None
                parts = path.strip("/").split("/")
                if parts == ["api", "repos", "create"]:
                    return self._create(json.loads(body))
                if parts == ["api", "validate-yaml"]:
                    return self._send(200, {"errors": [], "warnings": []})
                if len(parts) < 5 or parts[:2] != ["api", "datasets"]:
                    return self._send(404, {}, NOT_FOUND)
                repo_id, kind, rest = f"{parts[2]}/{parts[3]}", parts[4], parts[5:]
                with server._lock:
                    repo = server.repos.get(repo_id)
                    if repo is None:
                        return self._send(404, {"error": "Repository not found"}, NOT_FOUND)
                    if kind == "settings" and self.command == "PUT":
                        update = json.loads(body)
                        repo.settings.update(update)
                        if "visibility" in update or "private" in update:
                            repo.private = update.get("visibility", update.get("private")) in ("private", True)
                        return self._send(200, {})
                    if not rest or self.command != "POST":
                        return self._send(404, {})
                    revision = rest[0]
                    if kind == "preupload":
                        if repo.branches and repo.resolve(revision) is None:
                            return self._no_revision(revision)
                        files = json.loads(body)["files"]
                        return self._send(
                            200,
                            {
                                "files": [
                                    {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files
                                ]
                            },
                        )
                    if kind == "commit":
                        return self._commit(repo, repo_id, revision, body)
                    if kind == "tag":
                        return self._tag(repo, revision, json.loads(body))
                return self._send(404, {})

            def _create(self, payload: dict) -> None:
                repo_id = f"{payload.get('organization')}/{payload['name']}"
                url = f"{server.endpoint}/datasets/{repo_id}"
                with server._lock:
                    if payload.get("type") != "dataset":
                        return self._send(400, {"error": "only dataset repos here"})
                    if repo_id in server.repos:
                        return self._send(409, {"error": "You already created this dataset repo", "url": url})
                    repo = server.repos[repo_id] = FakeHubRepo()
                    repo.add_revision(dict(INITIAL_FILES), message="initial commit")  # as the Hub does
                    repo.private = payload.get("visibility") == "private" or bool(payload.get("private"))
                return self._send(200, {"url": url, "name": repo_id})

            def _commit(self, repo: FakeHubRepo, repo_id: str, revision: str, body: bytes) -> None:
                parent = repo.resolve(revision) if repo.branches else None
                if repo.branches and parent is None:
                    return self._no_revision(revision)
                files = dict(repo.commits[parent]) if parent else {}
                message = ""
                for line in body.splitlines():
                    item = json.loads(line)
                    key, value = item["key"], item["value"]
                    if key == "header":
                        message = value.get("summary", "")
                    elif key == "file" and value.get("encoding") == "base64":
                        files[value["path"]] = base64.b64decode(value["content"])
                    elif key == "deletedFile":
                        files.pop(value["path"], None)
                    elif key == "deletedFolder":
                        prefix = value["path"].rstrip("/") + "/"
                        files = {k: v for k, v in files.items() if not k.startswith(prefix)}
                    else:  # lfsFile and anything else: this server never asks for them
                        return self._send(400, {"error": f"unsupported commit item {key!r}"})
                sha = repo.add_revision(files, branch="main" if parent is None else revision, message=message)
                return self._send(
                    200,
                    {
                        "commitUrl": f"{server.endpoint}/datasets/{repo_id}/commit/{sha}",
                        "commitOid": sha,
                        "success": True,
                    },
                )

            def _tag(self, repo: FakeHubRepo, revision: str, payload: dict) -> None:
                sha = repo.resolve(revision)
                if sha is None:
                    return self._no_revision(revision)
                tag = payload["tag"]
                if tag in repo.tags:
                    return self._send(409, {"error": f"Tag {tag} already exists"})
                repo.tags[tag] = sha
                return self._send(200, {})

            def do_POST(self) -> None:
                self._write()

            def do_PUT(self) -> None:
                self._write()

        return Handler
