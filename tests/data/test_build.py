"""reader -> build -> load_dataset on the folder, with a tiny reader defined here and generated media."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from media_helpers import frame_index, make_frame_folder, make_video
from PIL import Image

from ger_plugin import catalog, commands
from ger_plugin.data import build, sources
from ger_plugin.data.features import FORMAT_VERSION, STORED_FRAMES
from ger_plugin.errors import DataError


def _image_reader(raw: Path, labels: dict[str, str], configs=("default",)):
    """A reader over ``raw/<id>.png`` files: one record per (id, label), same records per config."""

    def read(raw_dir, *, config="default", split="test"):
        assert Path(raw_dir) == raw and config in configs and split == "test"
        for record_id, label in labels.items():
            yield {
                "id": record_id,
                "label": label,
                "label_original": label.upper(),
                "image": str(raw / f"{record_id}.png"),
            }

    return types.SimpleNamespace(CONFIGS=configs, read=read, extra_features=lambda: {})


def _write_images(raw: Path, ids) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for n, record_id in enumerate(ids):
        Image.new("RGB", (12, 10), (n * 40 % 256, 10, 200)).save(raw / f"{record_id}.png")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _use_reader(monkeypatch, key, module):
    real = sources.reader
    monkeypatch.setattr(sources, "reader", lambda k: module if k == key else real(k))


def test_image_release_loads_from_the_folder_with_typed_features(tmp_path, home, monkeypatch):
    import datasets

    entry = catalog.get("GER_CKPlus")
    labels = {"S005_001": "angry", "S010_004": "happy", "S011_002": "contempt"}
    raw = tmp_path / "raw"
    _write_images(raw, labels)
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, labels))
    with pytest.warns(UserWarning, match="catalog expects"):
        result = build.build("ckplus", raw)

    folder = home / "datasets" / "GER_CKPlus"
    assert result.folder == folder and result.counts == {"default": {"test": 3}}
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "data", "ger_format.json"]
    assert [p.name for p in (folder / "data" / "default").iterdir()] == ["test-00000-of-00001.parquet"]
    manifest = json.loads((folder / "ger_format.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION and manifest["counts"] == {"default": {"test": 3}}

    ds = datasets.load_dataset(str(folder), "default", split="test", cache_dir=str(tmp_path / "hf-datasets"))
    assert ds.features["label"].names == list(entry.labels)
    assert {r["id"]: ds.features["label"].int2str(r["label"]) for r in ds} == labels
    assert ds[0]["label_original"] == "ANGRY"
    assert ds[1]["image"].size == (12, 10)
    # media are embedded bytes: the folder loads after the raw release is gone
    for png in raw.iterdir():
        png.unlink()
    assert ds.with_format("arrow")[0]["image"][0]["bytes"].as_py()[:4] == b"\x89PNG"


def test_every_config_gets_its_own_data_files(tmp_path, home, monkeypatch):
    import datasets

    labels = {"1": "positive", "2": "negative"}
    raw = tmp_path / "raw"
    _write_images(raw, labels)
    configs = ("five_agree", "four_agree", "three_agree")
    _use_reader(monkeypatch, "twitter1", _image_reader(raw, labels, configs))
    with pytest.warns(UserWarning):
        build.build("twitter1", raw, tmp_path / "out")
    for config in configs:
        ds = datasets.load_dataset(str(tmp_path / "out"), config, split="test", cache_dir=str(tmp_path / "hf"))
        assert sorted(ds["id"]) == ["1", "2"]


def _video_reader(clips: dict[str, tuple[Path, str]]):
    def read(raw_dir, *, config="default", split="test"):
        for record_id, (path, label) in clips.items():
            yield {"id": record_id, "label": label, "label_original": label, "video": str(path)}

    return types.SimpleNamespace(CONFIGS=("default",), read=read, extra_features=lambda: {})


@pytest.mark.parametrize("num_proc", [1, 2])
def test_video_release_stores_clip_and_sixteen_frames(tmp_path, home, monkeypatch, num_proc):
    import datasets

    raw = tmp_path / "raw"
    raw.mkdir()
    clips = {
        "01-01-03": (make_video(raw / "a.mp4", 40, fps=25, gop=8, bframes=2), "happy"),
        "01-01-04": (make_video(raw / "b.webm", 7, fps=10), "sad"),
        "01-01-05": (make_frame_folder(raw / "c", 20), "calm"),
    }
    _use_reader(monkeypatch, "ravdess", _video_reader(clips))
    with pytest.warns(UserWarning):
        build.build("ravdess", raw, num_proc=num_proc)
    ds = datasets.load_dataset(
        str(home / "datasets" / "GER_RAVDESS"), "default", split="test", cache_dir=str(tmp_path / "hf-datasets")
    )
    rows = {r["id"]: r for r in ds}
    a, b, c = rows["01-01-03"], rows["01-01-04"], rows["01-01-05"]
    assert a["video"]["bytes"] == (raw / "a.mp4").read_bytes() and a["video"]["path"] == "a.mp4"
    assert (a["fps"], a["num_frames"]) == (25.0, 40) and a["duration"] == pytest.approx(1.6, abs=0.05)
    assert [frame_index(f) for f in a["frames"]] == [int((k + 0.5) * 40 / 16) for k in range(16)]
    assert len(b["frames"]) == STORED_FRAMES and (b["fps"], b["num_frames"]) == (10.0, 7)
    assert c["video"] == {"bytes": b"", "path": "c"} and c["num_frames"] == 20 and c["fps"] > 0
    assert [frame_index(f) for f in c["frames"]][:2] == [0, 1]
    assert ds.features["label"].int2str(c["label"]) == "calm"


def test_bad_media_names_the_file_or_is_skipped_and_listed(tmp_path, home, monkeypatch, capsys):
    labels = {"S1": "angry", "S2": "sad", "S3": "happy"}
    raw = tmp_path / "raw"
    _write_images(raw, labels)
    (raw / "S2.png").write_bytes(b"\x89PNG truncated")
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, labels))

    with pytest.raises(DataError, match=r"S2.*S2\.png.*--skip-bad"):
        build.build("ckplus", raw)
    assert not (home / "datasets").exists() or not any((home / "datasets").iterdir())  # nothing half-built

    assert commands.main(["prepare", "GER_CKPlus", "--raw", str(raw), "--skip-bad"]) == 0
    err = capsys.readouterr().err
    assert "skipped S2" in err and "S2.png" in err and "warning: GER_CKPlus" in err
    manifest = json.loads((home / "datasets" / "GER_CKPlus" / "ger_format.json").read_text())
    assert manifest["counts"]["default"]["test"] == 2 and manifest["skipped"][0]["id"] == "S2"

    assert commands.main(["prepare", "GER_CKPlus", "--raw", str(raw)]) == 2
    assert "S2.png" in capsys.readouterr().err


def test_a_crash_keeps_the_previous_dataset_and_leaves_no_partial_folder(tmp_path, home, monkeypatch):
    labels = {"S1": "angry", "S2": "sad"}
    raw = tmp_path / "raw"
    _write_images(raw, labels)
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, labels))
    with pytest.warns(UserWarning):
        build.build("ckplus", raw)
    before = (home / "datasets" / "GER_CKPlus" / "ger_format.json").read_text()

    def exploding(raw_dir, *, config="default", split="test"):
        yield {"id": "S1", "label": "angry", "label_original": "1", "image": str(raw / "S1.png")}
        raise RuntimeError("reader crashed")

    _use_reader(
        monkeypatch, "ckplus", types.SimpleNamespace(CONFIGS=("default",), read=exploding, extra_features=lambda: {})
    )
    with pytest.raises(RuntimeError):
        build.build("ckplus", raw)
    assert (home / "datasets" / "GER_CKPlus" / "ger_format.json").read_text() == before
    assert [p.name for p in (home / "datasets").iterdir()] == ["GER_CKPlus"]


def test_unknown_columns_and_names_are_clear_errors(tmp_path, home, monkeypatch):
    raw = tmp_path / "raw"
    _write_images(raw, ["S1"])

    def read(raw_dir, *, config="default", split="test"):
        yield {"id": "S1", "label": "angry", "label_original": "1", "image": str(raw / "S1.png"), "subject": "x"}

    _use_reader(
        monkeypatch, "ckplus", types.SimpleNamespace(CONFIGS=("default",), read=read, extra_features=lambda: {})
    )
    with pytest.raises(DataError, match="subject"):
        build.build("ckplus", raw)
    assert build.resolve_source("GER_TwitterI_4") == "twitter1" == build.resolve_source("GER_TwitterI")
    with pytest.raises(Exception, match="Did you mean"):
        build.resolve_source("GER_RAFD")


def test_minimal_card_declares_the_data_files():
    from huggingface_hub import DatasetCard

    card = DatasetCard(build.minimal_card("dfew", {"fold1": ("train", "test")}))
    assert card.data.configs == [
        {
            "config_name": "fold1",
            "data_files": [
                {"split": "train", "path": "data/fold1/train-*.parquet"},
                {"split": "test", "path": "data/fold1/test-*.parquet"},
            ],
        }
    ]


def test_card_keeps_its_prose_and_describes_exactly_this_build(tmp_path, home, monkeypatch):
    from huggingface_hub import DatasetCard

    card = tmp_path / "GER_CKPlus.md"
    card.write_text(
        "---\nlicense: other\npretty_name: CK+\ndataset_info:\n  features:\n  - name: stale\n"
        "    dtype: string\n  splits:\n  - name: test\n    num_examples: 981\n---\n\n# CK+ body text\n"
    )
    monkeypatch.setattr(build, "card_path", lambda key: card)
    labels = {"S1": "angry", "S2": "sad"}
    raw = tmp_path / "raw"
    _write_images(raw, labels)
    (raw / "S2.png").write_bytes(b"broken")
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, labels))
    with pytest.warns(UserWarning):
        build.build("ckplus", raw, skip_bad=True)
    written = DatasetCard.load(home / "datasets" / "GER_CKPlus" / "README.md")
    assert "# CK+ body text" in written.text and written.data.pretty_name == "CK+"
    info = written.data.dataset_info
    assert info["splits"][0]["num_examples"] == 1  # the skipped record is not counted
    label = next(f for f in info["features"] if f["name"] == "label")
    assert list(label["dtype"]["class_label"]["names"].values()) == list(catalog.get("GER_CKPlus").labels)
    assert written.data.configs == [
        {"config_name": "default", "data_files": [{"split": "test", "path": "data/default/test-*.parquet"}]}
    ]


def test_a_split_with_no_rows_is_an_error_not_an_unloadable_folder(tmp_path, home, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "S1.png").write_bytes(b"not an image")
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, {"S1": "angry"}))
    with pytest.raises(DataError, match=r"every record.*skipped.*S1"):
        build.build("ckplus", raw, skip_bad=True)
    _use_reader(monkeypatch, "ckplus", _image_reader(raw, {}))
    with pytest.raises(DataError, match="no records"):
        build.build("ckplus", raw)
    assert not (home / "datasets" / "GER_CKPlus").exists()


def test_a_truncated_jpeg_is_bad_media(tmp_path):
    path = tmp_path / "cut.jpg"
    Image.effect_noise((64, 64), 50).convert("RGB").save(path, quality=95)
    path.write_bytes(path.read_bytes()[:600])
    with pytest.raises(DataError, match=r"(?i)cut\.jpg.*field 'image'.*truncated"):
        build.make_row(
            {"id": "x", "label": "angry", "label_original": "1", "image": str(path)},
            ("id", "label", "label_original", "image"),
        )
