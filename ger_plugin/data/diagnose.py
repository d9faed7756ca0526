"""What a ``--raw`` folder holds for one release, without building: ``ger inspect`` and ``ger prepare``'s refusal.

The diagnosis runs the release's real reader (annotation files are parsed and every media path is
checked to exist) but decodes nothing except a sample of images, so it takes seconds. It reports
the layout recognised (or, for none, the top two levels, the layouts compared and the nearest),
rows per split and class against the catalog and the paper, and files missing or unreadable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ger_plugin import catalog
from ger_plugin.data import layouts
from ger_plugin.errors import DataError

#: Images opened (header + decode) per split to catch unreadable files; the rest are checked to exist.
SAMPLE_IMAGES = 50
_MEDIA = ("image", "onset", "apex", "offset", "video")


@dataclass
class SplitReport:
    config: str
    split: str
    counts: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    unreadable: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass
class Diagnosis:
    source_key: str
    raw: Path
    #: what the user passed as ``--raw`` (archives are read from a temporary folder)
    given: list[str] = field(default_factory=list)
    found: layouts.Found | None = None
    problem: layouts.LayoutError | None = None
    top: list[str] = field(default_factory=list)
    splits: list[SplitReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.found is not None
            and self.problem is None
            and all(s.error is None and not s.unreadable for s in self.splits)
        )


def diagnose(
    source_key: str, raw: str | Path, *, given: list[str] | None = None, sample_images: int = SAMPLE_IMAGES
) -> Diagnosis:
    """Recognise the layout under ``raw`` and read every split of the release (no media decoding)."""
    from ger_plugin.data import sources

    reader = sources.reader(source_key)
    raw = layouts.existing_dir(raw)
    result = Diagnosis(source_key, raw, given or [str(raw)])
    declared = getattr(reader, "LAYOUTS", ())
    try:
        result.found = layouts.locate(
            raw, declared, what=catalog.release_name(source_key), beside=getattr(reader, "LOOK_BESIDE", 0)
        )
    except layouts.LayoutError as exc:
        result.problem = exc
        result.top = layouts.top_levels(raw)
        return result
    for config in reader.CONFIGS:
        for split in catalog.SOURCES[source_key].splits:
            report = SplitReport(config, split)
            try:
                checked = 0
                for record in reader.read(raw, config=config, split=split):
                    report.counts[record["label"]] += 1
                    for column in _MEDIA:
                        value = record.get(column)
                        if isinstance(value, str) and column != "video" and checked < sample_images:
                            checked += 1
                            problem = _unreadable_image(Path(value))
                            if problem:
                                report.unreadable.append(f"{value}: {problem}")
            except DataError as exc:
                report.error = str(exc)
            result.splits.append(report)
    return result


def _unreadable_image(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
    except FileNotFoundError:
        return "missing"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"unreadable ({exc})"
    return None


def size_line(entry: catalog.DatasetEntry) -> str:
    """The test set's sizes with their sources: paper, released prediction list, official annotation."""
    parts = [
        f"paper {entry.test_size} ({entry.size_source('paper')})",
        f"released list {entry.release_test_size} ({entry.size_source('released_list')})",
    ]
    if entry.official_test_size:
        parts.append(f"official annotation {entry.official_test_size} ({entry.size_source('official')})")
    return "; ".join(parts)


def render(d: Diagnosis) -> list[str]:
    """The diagnosis as text lines (printed by ``ger inspect`` and by ``ger prepare`` when it refuses)."""
    name = catalog.release_name(d.source_key)
    unpacked = [str(Path(g).expanduser().resolve()) for g in d.given] != [str(d.raw)]
    lines = [f"{name}: --raw {' '.join(d.given)}" + (f" (read from {d.raw})" if unpacked else "")]
    if d.found is not None:
        layout = d.found.layout
        lines.append(f"layout: {layout.name} ({layout.kind}) - {layout.description}")
        lines.append(f"  root: {d.found.root}")
        for role, path in d.found.paths.items():
            extra = len(d.found.every.get(role, [])) - 1
            lines.append(f"  {role}: {path}" + (f" (+{extra} more parts)" if extra > 0 else ""))
        lines.append(f"  source of the layout: {layout.source}")
        if layout.note:
            lines.append(f"  note: {layout.note}")
    else:
        assert d.problem is not None
        if d.problem.refused is not None:
            refused = d.problem.refused.layout
            lines.append(f"layout: {refused.name} ({refused.kind}) - {refused.description}: REFUSED")
            lines.append(f"  {refused.refusal}")
        else:
            lines.append("layout: not recognised")
            lines.append(f"top two levels of {d.raw}:")
            lines += [f"  {line}" for line in d.top] or ["  (empty)"]
            lines.append("layouts compared (best folder for each):")
            for c in d.problem.comparisons:
                have = ", ".join(c.resolved) or "nothing"
                lack = "; ".join(f"{n.role}: {n.describe()}" for n in c.missing)
                lines.append(f"  {c.layout.name} ({c.layout.kind}) at {c.root}: found {have}; missing {lack}")
            nearest = max(d.problem.comparisons, key=lambda c: c.score, default=None)
            if nearest is not None:
                lines.append(
                    f"nearest: {nearest.layout.name} ({len(nearest.resolved)}/{len(nearest.layout.needs)} "
                    f"needs found under {nearest.root})"
                )
        return lines
    for report in d.splits:
        entries = [e for e in catalog.by_source(d.source_key) if e.hub_config == report.config]
        entry = entries[0] if entries else None
        head = f"{report.config}/{report.split}: {report.rows} rows"
        if report.split == "test" and entry is not None:
            head += f"; the catalog expects {entry.expected_reader_size} from the original release"
        lines.append(head)
        if report.split == "test" and entry is not None:
            lines.append(f"  test-set sizes: {size_line(entry)}")
        if report.counts and entry is not None:
            paper = entry.class_counts if report.split == "test" else {}
            width = max(len(label) for label in entry.labels)
            lines.append(f"  {'class':<{width}}  rows" + ("  paper list" if paper else ""))
            for label in entry.labels:
                got = report.counts.get(label, 0)
                lines.append(f"  {label:<{width}}  {got:>4}" + (f"  {paper.get(label, 0):>10}" if paper else ""))
        if report.error:
            lines.append(f"  problem: {report.error}")
        for item in report.unreadable:
            lines.append(f"  unreadable: {item}")
    if d.ok:
        lines.append("no missing or unreadable files found")
    return lines
