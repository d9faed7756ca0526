"""Find releases under a raw root, build them, and push each to ``<namespace>/ger-<source>``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ger_plugin import catalog
from ger_plugin.catalog import HubAccess
from ger_plugin.errors import GerError

#: where pushed commits are recorded; ``ger_plugin.data.hub`` loads these revisions by default
PINNED_REVISIONS = Path(__file__).resolve().parent / "pinned_revisions.json"


@dataclass(frozen=True)
class Release:
    source_key: str
    raw_dir: Path


@dataclass(frozen=True)
class RepoSettings:
    repo_id: str
    private: bool
    gated: Literal["manual", False]  # "manual": the maintainers review each request against the licence; False: open


def find_releases(raw_root: Path, only: Sequence[str] = ()) -> tuple[list[Release], list[str]]:
    """Subfolders of ``raw_root`` named by source key (``rafdb``) or release name (``GER_RAFDB``).

    Returns the releases (catalog order) and notes about folders that name no release.
    """
    if not raw_root.is_dir():
        raise GerError(f"{raw_root}: the raw root is not a folder")
    by_name = {key.lower(): key for key in catalog.SOURCES}
    by_name.update({catalog.release_name(key).lower(): key for key in catalog.SOURCES})
    wanted = {_source_of(name) for name in only}
    found: dict[str, Path] = {}
    notes = []
    for folder in sorted(p for p in raw_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        key = by_name.get(folder.name.lower())
        if key is None:
            notes.append(f"{folder}: not a release name or source key, ignored")
        elif key in found:
            raise GerError(f"{folder} and {found[key]} both hold {catalog.release_name(key)}")
        elif not wanted or key in wanted:
            found[key] = folder
    missing = wanted - set(found)
    if missing:
        raise GerError(
            f"--only names releases with no folder under {raw_root}: "
            + ", ".join(catalog.release_name(k) for k in sorted(missing))
        )
    return [Release(key, found[key]) for key in catalog.SOURCES if key in found], notes


def _source_of(name: str) -> str:
    from ger_plugin.data.build import resolve_source

    return resolve_source(name)


def repo_settings(source_key: str, namespace: str, *, force_private: bool = False) -> RepoSettings:
    """Visibility the original licence allows: PRIVATE -> private repo, GATED -> manual access review."""
    access = catalog.SOURCES[source_key].hub_access
    repo_id = catalog.by_source(source_key)[0].hub_repo_id(namespace)
    return RepoSettings(
        repo_id,
        private=force_private or access is HubAccess.PRIVATE,
        gated="manual" if access is HubAccess.GATED else False,
    )


def folder_files(folder: Path) -> list[tuple[str, int]]:
    """``(path relative to folder, bytes)`` of everything an upload would send, sorted."""
    return sorted(
        (p.relative_to(folder).as_posix(), p.stat().st_size)
        for p in folder.rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    )


def format_plan(settings: RepoSettings, folder: Path, tag: str) -> str:
    files = folder_files(folder)
    visibility = "private" if settings.private else "public"
    gate = f", gated ({settings.gated})" if settings.gated else ""
    lines = [
        f"{settings.repo_id} ({visibility}{gate}), tag {tag}: {len(files)} files, "
        f"{_size(sum(size for _, size in files))}"
    ]
    lines += [f"  {_size(size):>10}  {name}" for name, size in files]
    return "\n".join(lines)


def _size(size: int) -> str:
    n = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024
    return str(n)  # pragma: no cover


def push(
    settings: RepoSettings, folder: Path, tag: str, *, token: str | None = None, endpoint: str | None = None
) -> str:
    """Create/configure the repo, upload the folder, tag the commit; returns the commit sha.

    The only code that talks to the Hub; everything it needs is decided before it is called.
    ``endpoint``: the Hub's URL (default ``$HF_ENDPOINT``, else huggingface.co).
    """
    from huggingface_hub import HfApi

    api = HfApi(endpoint=endpoint, token=token)
    api.create_repo(settings.repo_id, repo_type="dataset", private=settings.private, exist_ok=True)
    if any(ref.name == tag for ref in api.list_repo_refs(settings.repo_id, repo_type="dataset").tags):
        # a tag names one commit; re-tagging would leave the pin and the tag disagreeing
        raise GerError(f"{settings.repo_id} already has tag {tag}: pass a new --tag for this push")
    api.update_repo_settings(settings.repo_id, repo_type="dataset", private=settings.private, gated=settings.gated)
    commit = api.upload_folder(
        repo_id=settings.repo_id,
        repo_type="dataset",
        folder_path=str(folder),
        commit_message=f"GER release {tag}",
        ignore_patterns=[".cache/**"],
        delete_patterns=["data/**"],
    )  # shards of an older build must not linger
    api.create_tag(settings.repo_id, repo_type="dataset", tag=tag, revision=commit.oid)
    return commit.oid


def record_pin(path: Path, repo_id: str, revision: str, tag: str) -> None:
    """Remember the pushed commit (merged into the JSON file; written atomically)."""
    from ger_plugin.data.features import FORMAT_VERSION

    pins = json.loads(path.read_text()) if path.is_file() else {}
    pins[repo_id] = {
        "revision": revision,
        "tag": tag,
        "format_version": FORMAT_VERSION,
        "pushed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(dict(sorted(pins.items())), indent=2) + "\n")
    os.replace(temp, path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from ger_plugin import __version__

    parser = argparse.ArgumentParser(prog="python -m hf_upload", description=__doc__)
    parser.add_argument("--namespace", required=True, help="Hub user or organisation to push to")
    parser.add_argument(
        "--raw-root",
        required=True,
        type=Path,
        help="folder with one subfolder per original release (source key or release name)",
    )
    parser.add_argument("--only", nargs="+", default=(), metavar="NAME", help="only these releases")
    parser.add_argument("--private", action="store_true", help="make every repo private, whatever the licence")
    parser.add_argument("--dry-run", action="store_true", help="build and list the files that would be pushed")
    parser.add_argument("--tag", default=f"v{__version__}", help="tag put on each pushed commit (default: %(default)s)")
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes for media decoding")
    parser.add_argument("--skip-bad", action="store_true", help="leave out records with unreadable media")
    parser.add_argument("--pins", type=Path, default=PINNED_REVISIONS, help="pinned revisions file to update")
    parser.add_argument("--endpoint", help="Hub URL (default: $HF_ENDPOINT or https://huggingface.co)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    from ger_plugin.data.build import build

    args = parse_args(argv)
    try:
        releases, notes = find_releases(args.raw_root, args.only)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        if not releases:
            raise GerError(f"no release folders under {args.raw_root}")
        for release in releases:
            settings = repo_settings(release.source_key, args.namespace, force_private=args.private)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = build(
                    release.source_key, release.raw_dir, num_proc=max(1, args.num_proc), skip_bad=args.skip_bad
                )
            for message in result.warnings:
                print(f"warning: {message}", file=sys.stderr)
            for record_id, reason in result.skipped:
                print(f"skipped {record_id}: {reason}", file=sys.stderr)
            print(format_plan(settings, result.folder, args.tag))
            if args.dry_run:
                continue
            sha = push(settings, result.folder, args.tag, endpoint=args.endpoint)
            record_pin(args.pins, settings.repo_id, sha, args.tag)
            print(f"pushed {settings.repo_id}@{sha} (tag {args.tag})")
    except GerError as exc:
        print(f"hf_upload: error: {exc}", file=sys.stderr)
        return 1
    return 0
