"""Find a GER dataset: local folder -> Hugging Face cache (offline) -> the Hub (``ger pull``).

A prepared dataset is one folder per release (``$GER_HOME/datasets/<release name>``, see
:mod:`ger_plugin.data.build`), identical whether ``ger prepare`` built it or ``ger pull`` downloaded
it from ``entry.hub_repo_id()``. Gated repos need ``HF_TOKEN`` (or ``token=``) of an account
whose access request was accepted.

``datasets`` and ``huggingface_hub`` are imported inside functions.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ger_plugin import catalog
from ger_plugin.data.build import FORMAT_FILE, resolve_source
from ger_plugin.data.build import dataset_dir as _release_dir
from ger_plugin.data.paths import ger_home
from ger_plugin.errors import GerError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

#: Hub base URL when neither ``endpoint=`` nor ``$HF_ENDPOINT`` is given (for messages only).
DEFAULT_ENDPOINT = "https://huggingface.co"
#: Commit shas recorded by ``python -m hf_upload`` (repo id -> {"revision": sha, "tag": ...}).
PINNED_REVISIONS = Path(__file__).resolve().parents[2] / "hf_upload" / "pinned_revisions.json"


def dataset_dir(name: str) -> Path:
    """Local folder of a GER dataset or release (whether or not it exists yet)."""
    return _release_dir(resolve_source(name))


def pinned_revision(repo_id: str) -> str | None:
    """The commit the maintainers pushed last for ``repo_id``, so loads are reproducible."""
    try:
        pins = json.loads(PINNED_REVISIONS.read_text())
    except (OSError, ValueError):
        return None
    return (pins.get(repo_id) or {}).get("revision")


def check_format(folder: Path, name: str) -> None:
    """Refuse a folder written in another layout version, saying how to refresh it."""
    from ger_plugin.data.features import FORMAT_VERSION

    manifest = folder / FORMAT_FILE
    try:
        version = json.loads(manifest.read_text())["format_version"]
    except (OSError, ValueError, KeyError, TypeError):
        raise GerError(
            f"{folder} is not a GER dataset folder ({FORMAT_FILE} missing or unreadable); "
            f"re-run `ger prepare {name} --raw DIR` or `ger pull {name}`"
        ) from None
    if version < FORMAT_VERSION:
        raise GerError(
            f"{folder} was built in GER format v{version}, this ger-plugin reads v{FORMAT_VERSION}: "
            f"re-run `ger prepare {name} --raw DIR` (or `ger pull {name}`) to rebuild it"
        )
    if version > FORMAT_VERSION:
        raise GerError(
            f"{folder} uses GER format v{version}, newer than this ger-plugin (v{FORMAT_VERSION}): upgrade ger-plugin"
        )


def arrow_cache(folder: Path) -> Path:
    """A ``datasets`` cache folder private to one build of one folder.

    ``datasets`` keys the Arrow cache of a local folder by its name and card only, not by the
    parquet contents, so a rebuilt folder (or another folder of the same name) would load stale
    rows from the shared cache. Keying by path and build manifest avoids that.
    """
    import hashlib

    key = hashlib.sha1(str(folder.resolve()).encode() + (folder / FORMAT_FILE).read_bytes()).hexdigest()[:16]
    return ger_home() / "cache" / key


def hub_download(
    repo_id: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    endpoint: str | None = None,
    local_dir: Path | None = None,
    local_files_only: bool = False,
) -> Path:
    """``snapshot_download`` of a dataset repo (into the HF cache, or ``local_dir``)."""
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(
            repo_id,
            repo_type="dataset",
            revision=revision,
            token=token,
            endpoint=endpoint,
            local_dir=local_dir,
            local_files_only=local_files_only,
        )
    )


def _hub_errors(entry: catalog.DatasetEntry, repo_id: str, endpoint: str | None, exc: Exception) -> GerError:
    """One clear message for every way a Hub download can fail."""
    from huggingface_hub.errors import GatedRepoError, RevisionNotFoundError

    base = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
    if isinstance(exc, GatedRepoError):
        return GerError(
            f"{repo_id} is gated and your Hugging Face token has no access to it. Request access at "
            f"{base}/datasets/{repo_id} (the original licence applies: {entry.source.access_note}), "
            "then set HF_TOKEN to a token of the accepted account."
        )
    if isinstance(exc, RevisionNotFoundError):
        return GerError(
            f"{repo_id} has no revision you asked for ({exc.__class__.__name__}); omit --revision for the pinned one"
        )
    return missing_error(entry, repo_id)


def missing_error(entry: catalog.DatasetEntry, repo_id: str) -> GerError:
    folder = _release_dir(entry.source_key)
    return GerError(
        f"{entry.name} is not available: no folder {folder}, not in the Hugging Face cache, and the Hub repo "
        f"{repo_id} could not be reached or does not exist (private repos need HF_TOKEN). Either build it from "
        f"the original release with `ger prepare {entry.name} --raw DIR` (get the release: "
        f"{entry.source.access_note}) or download a published copy with `ger pull {entry.name} --namespace NS`."
    )


def resolve(
    name: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    namespace: str | None = None,
    endpoint: str | None = None,
) -> Path:
    """The folder holding a GER dataset's files: local folder, else HF cache, else a Hub download."""
    from huggingface_hub.errors import (
        HfHubHTTPError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
    )

    entry = catalog.get(name)
    folder = _release_dir(entry.source_key)
    if folder.is_dir():
        check_format(folder, entry.name)
        return folder
    repo_id = entry.hub_repo_id(namespace)
    revision = revision or pinned_revision(repo_id)
    try:
        path = hub_download(repo_id, revision=revision, token=token, endpoint=endpoint, local_files_only=True)
    except (LocalEntryNotFoundError, OfflineModeIsEnabled, FileNotFoundError):
        try:
            path = hub_download(repo_id, revision=revision, token=token, endpoint=endpoint)
        except (HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabled, OSError) as exc:
            raise _hub_errors(entry, repo_id, endpoint, exc) from None
    check_format(path, entry.name)
    return path


def load_ger_dataset(
    name: str,
    split: str = "test",
    *,
    revision: str | None = None,
    token: str | None = None,
    namespace: str | None = None,
    endpoint: str | None = None,
) -> datasets.Dataset:
    """One split of a GER dataset (the entry's Hub config), from wherever :func:`resolve` finds it."""
    import datasets

    entry = catalog.get(name)
    folder = resolve(name, revision=revision, token=token, namespace=namespace, endpoint=endpoint)
    try:
        return datasets.load_dataset(str(folder), entry.hub_config, split=split, cache_dir=str(arrow_cache(folder)))
    except ValueError as exc:  # unknown split or config of a folder from another build
        raise GerError(f"{folder}: cannot load config {entry.hub_config!r} split {split!r} ({exc})") from None


def pull(
    name: str,
    *,
    revision: str | None = None,
    namespace: str | None = None,
    token: str | None = None,
    endpoint: str | None = None,
) -> Path:
    """Download a release from the Hub into ``$GER_HOME/datasets/<release name>`` (atomically)."""
    from huggingface_hub.errors import (
        HfHubHTTPError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
    )

    entry = catalog.by_source(resolve_source(name))[0]  # the repo is per release, shared by its variants
    repo_id = entry.hub_repo_id(namespace)
    revision = revision or pinned_revision(repo_id)
    target = _release_dir(entry.source_key)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".{target.name}.pulling-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    try:
        hub_download(repo_id, revision=revision, token=token, endpoint=endpoint, local_dir=temp)
        shutil.rmtree(temp / ".cache", ignore_errors=True)  # huggingface_hub's download bookkeeping
        check_format(temp, entry.name)
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        temp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except (HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabled) as exc:
        raise _hub_errors(entry, repo_id, endpoint, exc) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return target
