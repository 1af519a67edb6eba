"""Safe XML parsing into a small namespace-aware tree that remembers line numbers.

defusedxml's SAX parser refuses entity declarations and external references (billion laughs,
XXE). ElementTree forgets where elements were; the importer wants to say "item 12 (line 340)",
so the tree is built here from SAX events, with the line of each start tag.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax import SAXParseException, handler
from xml.sax.xmlreader import Locator

import defusedxml.sax
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from publisher.errors import ImportProblems, Problem


@dataclass(eq=False)
class Node:
    """One XML element: namespace URI, local name, attributes (by local name), text, children."""

    ns: str
    name: str
    line: int
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's own text (CDATA sections joined), without its children's."""
        return "".join(self.parts)

    def iter(self, name: str, ns: str | None = None) -> Iterator[Node]:
        """Direct children called ``name`` (in namespace ``ns`` when given)."""
        for child in self.children:
            if child.name == name and (ns is None or child.ns == ns):
                yield child


class _TreeBuilder(handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: object) -> None:
        line = self.locator.getLineNumber() if self.locator else 0
        values = {local: value for (_, local), value in attrs.items()}  # type: ignore[attr-defined]
        node = Node(name[0] or "", name[1], line, values)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def parse_xml(data: bytes, shown_as: str) -> Node:
    """Parse XML bytes; raise ImportProblems naming the file and line when they are not well-formed."""
    builder = _TreeBuilder()
    parser = defusedxml.sax.make_parser()
    parser.setFeature(handler.feature_namespaces, True)
    parser.setContentHandler(builder)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as e:
        raise ImportProblems([Problem(
            shown_as, "", f"expected well-formed XML, found an error at line {e.getLineNumber()}, "
            f"column {e.getColumnNumber() + 1}: {e.getMessage()} (nothing was imported)")]) from None
    except DefusedXmlException as e:
        raise ImportProblems([_refused(shown_as, e)]) from None
    if builder.root is None:
        raise ImportProblems([Problem(shown_as, "", "expected an XML document, found no element")])
    return builder.root


def refuse_entities(data: bytes, shown_as: str) -> None:
    """Raise ImportProblems when the XML declares entities or external references (XXE, billion laughs).

    For feeds, which feedparser reads leniently: a document that is merely not well-formed passes
    here and is left to feedparser; only what defusedxml refuses for safety stops the import.
    """
    # An external DTD reference alone (RSS 0.91's DOCTYPE) is harmless: expat never fetches it.
    parser = DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=False)
    parser.setContentHandler(handler.ContentHandler())
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException as e:
        raise ImportProblems([_refused(shown_as, e)]) from None
    except (SAXParseException, ValueError, LookupError):
        pass


def _refused(shown_as: str, error: DefusedXmlException) -> Problem:
    what = {"EntitiesForbidden": "entity declarations", "ExternalReferenceForbidden": "external references",
            "DTDForbidden": "a DTD"}.get(type(error).__name__, type(error).__name__)
    return Problem(shown_as, "", f"expected plain XML, found {what}, refused for safety ({error}) "
                   "(nothing was imported)")


__all__ = ["Node", "parse_xml", "refuse_entities"]
