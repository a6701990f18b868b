"""A learned second opinion on whether a quoted sentence is a threat.

The rules in `threats.py` take a sentence for a threat when a term of harm meets intent and the
speaker's side is the agent. On text unlike the text they were written on they miss about half
of the threats, mostly veiled ones that name no harm ("we know which truck she drives"). This
module scores the sentences the rules turned down with a gradient-boosted model (LightGBM) over
the rules' own signals (which gates fired, which terms of harm, pronouns, the story's kind), the
words the narrator uses around the quote ("threatened", "threatening messages"), and hashed
lemmas of the sentence. It never overrules a threat the rules found, and it adds one only above
a high probability, chosen so that the project's everyday articles raise no false alarm.

`scripts/train_detection.py` learns the model from the project's annotated blind sets and everyday
news (never from the development set); it ships in `detection_model.json`.
"""

from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from forewarn.extract.learned import booster, loads, matrix, read_model

if TYPE_CHECKING:
    import lightgbm


MODEL_FILE = "detection_model.json"
HASH_BUCKETS = 512  # hashed lemmas of the sentence: enough for ~20,000 sentences, small enough to ship


def lemma_features(lemmas: list[str]) -> dict[str, float]:
    """Hashed unigrams and bigrams of a sentence's lower-cased lemmas."""
    out: dict[str, float] = {}
    grams = lemmas + [f"{a} {b}" for a, b in itertools.pairwise(lemmas)]
    for gram in grams:
        key = f"h{zlib.crc32(gram.encode('utf-8')) % HASH_BUCKETS}"
        out[key] = out.get(key, 0.0) + 1.0
    return out


def feature_names(signal_names: list[str]) -> list[str]:
    return [*signal_names, *(f"h{i}" for i in range(HASH_BUCKETS))]


@dataclass(frozen=True)
class _Model:
    features: list[str]
    booster: lightgbm.Booster
    threshold: float


class ThreatDetector:
    """Probability that a sentence the rules turned down is a threat after all."""

    def __init__(self) -> None:
        self.model = _model()

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def probabilities(self, rows: list[dict[str, float]]) -> list[float]:
        return [float(p) for p in self.model.booster.predict(matrix(self.model.features, rows), num_threads=1)]


def available() -> bool:
    """Whether the model loads here; without it the rules decide alone what is a threat."""
    return loads(_model, "threat detection model unavailable: threats are the rules' alone")


@cache
def _model() -> _Model:
    data = read_model(MODEL_FILE)
    return _Model(features=data["features"], booster=booster(data["model"]), threshold=data["threshold"])
