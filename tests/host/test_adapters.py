"""Adapter details that need no running host: which model and run key a result file belongs to."""

from __future__ import annotations

import pytest
from conftest import needs_host

pytestmark = needs_host


def _bare(cls_name: str, dataset: str, nframe: int = 0):
    """An adapter with only the attributes ``_run_name`` reads (no samples, no media on disk)."""
    import vlmeval.dataset  # noqa: F401  (the host first, as in a run: its import registers GER)

    from ger_plugin.host import adapters

    adapter = object.__new__(getattr(adapters, cls_name))
    entry, adapter.batch = adapters.resolve(dataset)
    variant = adapters.catalog.parse_host_name(dataset)
    adapter.corruption, adapter.prompt_variant = variant.corruption, variant.prompt_variant
    adapter._entry_name = entry.name
    adapter.dataset_name = dataset
    if nframe:
        adapter.nframe = nframe
    return adapter


@pytest.mark.parametrize(
    ("cls_name", "dataset", "nframe", "key"),
    [
        ("GERImageDataset", "GER_RAFDB", 0, "GER_RAFDB"),
        ("GERImageDataset", "GER_CASME2_Batch", 0, "GER_CASME2_Batch"),
        ("GERTextDataset", "GER_MER2023_Text", 0, "GER_MER2023_Text"),
        ("GERVideoDataset", "GER_DFEW", 8, "GER_DFEW_8frame"),
        ("GERVideoDataset", "GER_RAVDESS_Batch", 3, "GER_RAVDESS_3frame_Batch"),
    ],
)
def test_renamed_result_file_falls_back_to_the_known_run_keys(cls_name, dataset, nframe, key):
    adapter = _bare(cls_name, dataset, nframe)
    # the host's own layout: the model folder names the model
    assert adapter._run_name(f"/w/MyModel/MyModel_{key}.xlsx") == ("MyModel", key)
    # a file moved out of its model folder: the run keys split the stem (every modality has them)
    assert adapter._run_name(f"/w/moved/My_Model_{key}.xlsx") == ("My_Model", key)
    # a stem that ends in no known key is kept whole
    assert adapter._run_name("/w/moved/whatever.xlsx") == ("whatever", dataset)
