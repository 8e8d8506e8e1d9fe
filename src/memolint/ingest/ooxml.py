"""WordprocessingML vocabulary: tag names, part relationships and styles.

The DOCX reader walks the XML itself (python-docx exposes only the plain
``w:p``/``w:r`` surface and silently drops content controls, fields, text
boxes and tracked insertions), so the names it matches on live here, in
Clark notation, next to the two things that need more than a name: where a
part's relationships point, and what a paragraph style means once its
``basedOn`` chain is followed.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

#: ISO 29500 Strict namespaces and their Transitional equivalents. Word can
#: save "Strict Open XML"; renaming the namespaces lets one walker read both.
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", M_NS.encode()),
)


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


BODY = w("body")
P = w("p")
R = w("r")
T = w("t")
TBL = w("tbl")
TR = w("tr")
TC = w("tc")
PPR = w("pPr")
RPR = w("rPr")
TRPR = w("trPr")
TCPR = w("tcPr")
PSTYLE = w("pStyle")
OUTLINE_LVL = w("outlineLvl")
NUMPR = w("numPr")
NUM_ID = w("numId")
ILVL = w("ilvl")
SDT = w("sdt")
SDT_PR = w("sdtPr")
SDT_CONTENT = w("sdtContent")
SHOWING_PLACEHOLDER = w("showingPlcHdr")
CUSTOM_XML = w("customXml")
SMART_TAG = w("smartTag")
HYPERLINK = w("hyperlink")
FLD_SIMPLE = w("fldSimple")
FLD_CHAR = w("fldChar")
INSTR_TEXT = w("instrText")
INS = w("ins")
DEL = w("del")
MOVE_TO = w("moveTo")
MOVE_FROM = w("moveFrom")
TAB = w("tab")
PTAB = w("ptab")
BR = w("br")
CR = w("cr")
NO_BREAK_HYPHEN = w("noBreakHyphen")
SOFT_HYPHEN = w("softHyphen")
VANISH = w("vanish")
TXBX_CONTENT = w("txbxContent")
DRAWING = w("drawing")
PICT = w("pict")
OBJECT = w("object")
ALT_CHUNK = w("altChunk")
FOOTNOTE_REFERENCE = w("footnoteReference")
ENDNOTE_REFERENCE = w("endnoteReference")
FOOTNOTE = w("footnote")
ENDNOTE = w("endnote")
COMMENT = w("comment")
GRID_SPAN = w("gridSpan")
GRID_BEFORE = w("gridBefore")
V_MERGE = w("vMerge")
H_MERGE = w("hMerge")
STYLE = w("style")
NAME = w("name")
BASED_ON = w("basedOn")
VAL = w("val")
TYPE = w("type")
ID = w("id")
INSTR = w("instr")
FLD_CHAR_TYPE = w("fldCharType")
STYLE_ID = w("styleId")
DEFAULT = w("default")
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_T = f"{{{M_NS}}}t"

_FALSE = ("0", "false", "off")


def is_on(element: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not switched off by ``w:val``."""
    return element is not None and element.get(VAL, "true").lower() not in _FALSE


def int_val(element: etree._Element | None) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(VAL, ""))
    except ValueError:
        return None


def alternate_branch(element: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` to read.

    Word writes modern content (a DrawingML text box) in the first
    ``mc:Choice`` and a VML copy of the same content in ``mc:Fallback``;
    reading both would duplicate every text box, so the first Choice wins and
    the Fallback is read only when there is no Choice at all.
    """
    fallback = None
    for child in element:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK and fallback is None:
            fallback = child
    return fallback


def relationship_targets(rels: etree._Element | None, base: str = "word") -> dict[str, list[str]]:
    """Map a relationship type's last path segment ("header", "footnotes") to part names.

    Strict and Transitional documents spell the type URIs differently but
    agree on the last segment, which is all the reader needs.
    """
    targets: dict[str, list[str]] = {}
    if rels is None:
        return targets
    for rel in rels:
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if not kind or not target:
            continue
        if target.startswith("/"):
            name = posixpath.normpath(target.lstrip("/"))
        else:
            name = posixpath.normpath(posixpath.join(base, target))
        targets.setdefault(kind, []).append(name)
    return targets


@dataclass(frozen=True, slots=True)
class StyleMeaning:
    """What a paragraph style says about structure once inheritance is applied."""

    title: bool = False
    heading_level: int | None = None
    list_level: int | None = None


_PLAIN = StyleMeaning()
_HEADING_NAME = re.compile(r"heading([1-9])")
_LIST_NAME = re.compile(r"list(?:bullet|number)([1-9]?)")
_MAX_CHAIN = 32


@dataclass(slots=True)
class _RawStyle:
    name: str
    based_on: str | None
    outline_level: int | None
    has_numbering: bool | None
    list_ilvl: int | None


class Styles:
    """Paragraph styles of one document, resolved through ``basedOn`` on demand.

    A custom style based on "Heading 2" is a level-2 heading, and a style
    whose own ``w:outlineLvl`` says otherwise overrides what it inherits; the
    nearest style in the chain that says anything about headings (or about
    lists) decides. Built-in styles are recognised by their name, which Word
    keeps in English ("heading 2") even when the style id is localised.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, _RawStyle] = {}
        self._cache: dict[str | None, StyleMeaning] = {}
        self._default: str | None = None
        if root is None:
            return
        for style in root.iter(STYLE):
            if style.get(TYPE, "paragraph") != "paragraph":
                continue
            style_id = style.get(STYLE_ID)
            if not style_id:
                continue
            name_el = style.find(NAME)
            based_on = style.find(BASED_ON)
            ppr = style.find(PPR)
            outline = numbered = ilvl = None
            if ppr is not None:
                outline = int_val(ppr.find(OUTLINE_LVL))
                numpr = ppr.find(NUMPR)
                if numpr is not None:
                    num_id = numpr.find(NUM_ID)
                    if num_id is not None:
                        numbered = num_id.get(VAL, "0") != "0"
                    ilvl = int_val(numpr.find(ILVL))
            self._raw[style_id] = _RawStyle(
                name=_normal_name(name_el.get(VAL, "") if name_el is not None else style_id),
                based_on=based_on.get(VAL) if based_on is not None else None,
                outline_level=outline,
                has_numbering=numbered,
                list_ilvl=ilvl,
            )
            if (style.get(DEFAULT) or "").lower() in ("1", "true", "on"):
                self._default = style_id

    def meaning(self, style_id: str | None) -> StyleMeaning:
        """The structural meaning of paragraph style ``style_id`` (``None``: the default)."""
        cached = self._cache.get(style_id)
        if cached is None:
            cached = self._resolve(style_id if style_id is not None else self._default)
            self._cache[style_id] = cached
        return cached

    def _resolve(self, style_id: str | None) -> StyleMeaning:
        title = False
        heading: int | None = None
        heading_decided = False
        list_level: int | None = None
        list_decided = False
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and len(seen) < _MAX_CHAIN:
            seen.add(current)
            raw = self._raw.get(current)
            # A style the document does not define (or no styles part at all):
            # its id is usually the English name without spaces ("Heading2").
            name = raw.name if raw is not None else _normal_name(current)
            if not heading_decided:
                if name == "title":
                    title, heading_decided = True, True
                elif raw is not None and raw.outline_level is not None:
                    if 0 <= raw.outline_level <= 8:
                        heading = raw.outline_level + 1
                    heading_decided = True
                elif match := _HEADING_NAME.fullmatch(name):
                    heading, heading_decided = int(match.group(1)), True
            if not list_decided:
                named = _LIST_NAME.fullmatch(name)
                if raw is not None and raw.has_numbering is not None:
                    list_decided = True
                    if raw.has_numbering:
                        if raw.list_ilvl is not None:
                            list_level = raw.list_ilvl
                        elif named and named.group(1):
                            list_level = int(named.group(1)) - 1
                        else:
                            list_level = 0
                elif named:
                    list_decided = True
                    list_level = int(named.group(1)) - 1 if named.group(1) else 0
            if heading_decided and list_decided:
                break
            current = raw.based_on if raw is not None else None
        if not title and heading is None and list_level is None:
            return _PLAIN
        return StyleMeaning(title=title, heading_level=heading, list_level=list_level)


def _normal_name(name: str) -> str:
    return "".join(name.split()).lower()
