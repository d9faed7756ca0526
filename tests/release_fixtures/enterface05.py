"""Tiny eNTERFACE'05 with the release's anomalies: ``s_3`` names, ``s12`` names inside subject
11, swapped sentence numbers (subject 2), ``s16_su_3avi`` without a dot, clips at uneven
depths (subject 23), an excluded subject 6, all inside an extra top folder."""

from __future__ import annotations

from pathlib import Path

from ._videos import clip_length, write_video

FOLDER_LABELS = {
    "anger": "angry",
    "disgust": "disgusted",
    "fear": "fearful",
    "happiness": "happy",
    "sadness": "sad",
    "surprise": "surprised",
}

# path below the top folder; the excluded subject 6 last
CLIPS = (
    "subject 1/anger/sentence 1/s1_an_1.avi",
    "subject 1/disgust/sentence 2/s1_di_2.avi",
    "subject 2/anger/sentence 1/s2_an_2.avi",
    "subject 2/anger/sentence 2/s2_an_1.avi",
    "subject 3/fear/sentence 1/s_3_fe_1.avi",
    "subject 11/sadness/sentence 1/s12_sa_1.avi",
    "subject 16/surprise/sentence 3/s16_su_3avi",
    "subject 23/happiness/sentence 4/s23_ha_4.avi",
    "subject 23/happiness/s23_ha_5.avi",
    "subject 40/surprise/sentence 5/extra/s40_su_5.avi",
    "subject 6/happiness/sentence 1/s6_ha_1.avi",
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    expected = {}
    for n, rel in enumerate(CLIPS):
        label = FOLDER_LABELS[rel.split("/")[1]]
        write_video(root / "enterface database" / rel, label, clip_length(n), codec="mpeg4", sound=label)
        if not rel.startswith("subject 6/"):
            expected[rel.removesuffix(".avi").removesuffix("avi")] = label
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"subject-folders": (make,)}
