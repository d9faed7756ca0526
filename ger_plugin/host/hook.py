"""The import hook the ``.pth`` file installs: register GER datasets right after ``vlmeval.dataset``.

At interpreter start this costs one tiny module import and one entry in ``sys.meta_path``;
nothing else happens unless ``vlmeval`` is imported. Then:
- on ``vlmeval``: install the log redaction (the host logs API keys);
- after ``vlmeval.dataset`` has executed: :func:`ger_plugin.host.register` (datasets);
- after ``vlmeval.config`` has executed: :func:`ger_plugin.host.register_models` (the
  chance baselines); the finder removes itself once both ran (one-shot).
Any failure becomes a warning; Python and VLMEvalKit keep working. ``GER_VLMEVAL_PLUGIN=0``
turns it all off. Stdlib only, no ``importlib.util`` (its import alone costs milliseconds).
"""

from __future__ import annotations

import os
import sys

#: module -> name of the ger_plugin.host function to call once it has executed.
#: vlmeval.dataset executes first (inside vlmeval.config's own imports), then vlmeval.config.
TARGETS = {"vlmeval.dataset": "register", "vlmeval.config": "register_models"}
_done: set[str] = set()


def _warn(what: str, err: BaseException) -> None:
    import warnings

    warnings.warn(f"ger_plugin {what} failed: {type(err).__name__}: {err}", stacklevel=2)


def _call(module_name: str) -> None:
    _done.add(module_name)
    if _done >= set(TARGETS):
        _remove()
    try:
        import ger_plugin.host as plugin

        getattr(plugin, TARGETS[module_name])()
    except Exception as err:
        _warn(f"registration with VLMEvalKit ({TARGETS[module_name]})", err)


class _Loader:
    """Delegates to the real loader; registers after the module body ran."""

    def __init__(self, loader: object, name: str) -> None:
        self._loader = loader
        self._name = name

    def __getattr__(self, name: str) -> object:  # keeps importlib.resources & co. working
        return getattr(self._loader, name)

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self._loader.create_module(spec)  # type: ignore[attr-defined]

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        self._loader.exec_module(module)  # type: ignore[attr-defined]
        _call(self._name)


class _Finder:
    """One-shot meta-path finder: answers only for ``vlmeval`` and the modules of :data:`TARGETS`."""

    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname == "vlmeval":
            try:
                from ger_plugin.host import redact

                redact.install()
            except Exception as err:
                _warn("log redaction", err)
            return None
        if fullname not in TARGETS or fullname in _done:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader, fullname)
                return spec
        return None


def _remove() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _Finder)]


def install() -> None:
    """Put the finder first in ``sys.meta_path``; idempotent (``.pth`` lines can run twice)."""
    if os.environ.get("GER_VLMEVAL_PLUGIN", "1").strip().lower() in ("0", "false", "no", "off"):
        return
    if any(type(f).__name__ == "_Finder" and type(f).__module__ == __name__ for f in sys.meta_path):
        return
    for name in TARGETS:  # a module imported before the hook (e.g. install() called late): do it now
        if name in sys.modules and name not in _done:
            _call(name)
    if not _done >= set(TARGETS):
        sys.meta_path.insert(0, _Finder())
