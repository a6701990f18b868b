"""What the two learned second opinions (`attribution`, `detection`) share: their models ship as JSON inside the
package, load LightGBM lazily, and read rows of named features."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import lightgbm

log = logging.getLogger(__name__)


def read_model(file: str) -> dict[str, Any]:
    """A model file shipped in `forewarn.extract`."""
    return json.loads(resources.files("forewarn.extract").joinpath(file).read_text(encoding="utf-8"))


def booster(model_str: str) -> lightgbm.Booster:
    import lightgbm  # imported here: it needs the OpenMP runtime, which `loads` checks for

    return lightgbm.Booster(model_str=model_str)


def loads(load: Callable[[], object], without: str) -> bool:
    """Whether a model loads here. LightGBM needs the OpenMP runtime (Debian's libgomp1, present wherever gcc
    is); without it forewarn says once what it does instead (`without`)."""
    try:
        load()
    except (ImportError, OSError) as exc:
        log.warning("%s (%s)", without, exc)
        return False
    return True


def matrix(names: list[str], rows: list[dict[str, float]]) -> np.ndarray:
    """Rows of named features as the model's columns; a feature a row lacks is 0."""
    index = {name: i for i, name in enumerate(names)}
    out = np.zeros((len(rows), len(names)), dtype=np.float64)
    for r, row in enumerate(rows):
        for key, value in row.items():
            i = index.get(key)
            if i is not None:
                out[r, i] = value
    return out
