"""A spaCy pipeline component: ``nlp.add_pipe("memolint")``.

For tools that already hold a pipeline: memolint's rules run over each Doc
the pipeline makes and put their findings on ``doc._.memolint`` — no second
parse. The Doc is treated as one paragraph, so findings carry character
offsets into ``doc.text`` (document-level rules such as length are skipped).

>>> import spacy, memolint.spacy_component            # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm")                # doctest: +SKIP
>>> nlp.add_pipe("memolint")                          # doctest: +SKIP
>>> doc = nlp("The release will be rolled back.")    # doctest: +SKIP
>>> [f.code for f in doc._.memolint]                  # doctest: +SKIP
['ML201']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("memolint"):
    Doc.set_extension("memolint", default=None)


class MemolintComponent:
    def __init__(self, select: list[str], ignore: list[str]) -> None:
        from memolint.config import Config

        self.config = Config(select=tuple(select), ignore=tuple(ignore), score=False)
        self._rules = None

    def __call__(self, doc: Doc) -> Doc:
        from memolint.ingest.builder import MemoBuilder
        from memolint.model import Segment
        from memolint.parsed import ParsedBlock, ParsedMemo
        from memolint.rules import RuleSet

        if self._rules is None:
            self._rules = RuleSet.from_config(self.config)
        builder = MemoBuilder("<doc>", "text")
        block = builder.add("paragraph", doc.text, segments=[Segment(0, 1, 1)])
        memo = builder.build()
        if block is None:
            doc._.memolint = []
            return doc
        parsed = ParsedMemo(memo, [ParsedBlock(memo.blocks[0], doc)])
        block_rules = [rule for rule in self._rules.compiled() if rule.level == "block"]
        findings = []
        from memolint.rules.engine import _block_findings

        for rule in block_rules:
            findings.extend(_block_findings(rule, parsed.blocks[0], parsed))
        findings.sort(key=lambda finding: (finding.location.start, finding.code))
        doc._.memolint = findings
        return doc


@Language.factory("memolint", default_config={"select": [], "ignore": []})
def make_memolint_component(
    nlp: Language, name: str, select: list[str], ignore: list[str]
) -> MemolintComponent:
    return MemolintComponent(select, ignore)
