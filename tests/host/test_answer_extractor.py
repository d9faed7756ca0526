"""The optional model-based answer extractor, against a loopback OpenAI-compatible server.

The server (tests/openai_server.py's NaiveJudge) is a deliberately naive reader: it answers with the label
that occurs LAST in the answer, ignoring negation. So the extractor and the rules agree on plain
answers and disagree on "sad, not happy" -- and the agreement report must say exactly that.
"""

from __future__ import annotations

import pytest
from openai_server import NaiveJudge

from ger_plugin.catalog import DATASETS
from ger_plugin.errors import GerError
from ger_plugin.host.answer_extractor import ExtractorError, ModelExtractor, agreement

FER = DATASETS["GER_RAFDB"].labels


def test_the_request_is_deterministic_and_names_the_label_set():
    request = ModelExtractor(model="m", base_url="http://127.0.0.1:9/v1").request("Sad.", FER)
    assert request["temperature"] == 0
    assert all(lab in request["messages"][-1]["content"] for lab in FER)


def test_extract_reads_the_models_reply_into_a_label_of_the_set():
    with NaiveJudge() as srv:
        extractor = ModelExtractor(model="judge", base_url=srv.base, timeout_s=5)
        assert extractor.extract("The person looks sad.", FER) == "sad"
        assert extractor.extract("A photo of a street.", FER) is None
        assert len(srv.requests) == 2


def test_agreement_per_dataset_counts_where_the_readings_differ():
    rows = [
        ("GER_RAFDB", "The person looks sad.", FER),
        ("GER_RAFDB", "She is sad, not happy.", FER),  # naive judge: happy; rules: sad
        ("GER_MER2023", "Answer: worried", DATASETS["GER_MER2023"].labels),
    ]
    with NaiveJudge() as srv:
        report = agreement(rows, ModelExtractor(model="judge", base_url=srv.base, timeout_s=5))
    assert report["GER_RAFDB"]["n"] == 2 and report["GER_RAFDB"]["agree"] == 1
    assert report["GER_RAFDB"]["agreement"] == pytest.approx(50.0)
    assert report["GER_RAFDB"]["disagreements"] == [("She is sad, not happy.", "sad", "happy")]
    assert report["GER_MER2023"]["agreement"] == pytest.approx(100.0)


def test_an_unreachable_endpoint_is_a_user_error():
    with NaiveJudge() as srv:
        base = srv.base
    extractor = ModelExtractor(model="judge", base_url=base, timeout_s=1)
    with pytest.raises(ExtractorError) as err:
        extractor.extract("sad", FER)
    assert isinstance(err.value, GerError) and base in str(err.value)
