"""What a reader sees of an HTML page, for the untranslated-text check (issue 18, item 13)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements marked translate="no" hold stored data, not interface text. Text inside these is not
# prose either: scripts and styles are not shown, <code>/<kbd>/<samp> hold
# identifiers (audit actions, hashes, URLs) a reader copies as they are, and form field
# contents (<textarea>, input values) are the data being edited, not the interface.
_HIDDEN = {"script", "style", "noscript", "template", "code", "kbd", "samp", "textarea", "pre"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
_SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
_BUTTON_INPUTS = {"submit", "button", "reset"}
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def visible_text(html: str) -> list[str]:
    """The text pieces a reader sees (text nodes and shown attributes), in page order."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.pieces


class _Parser(HTMLParser):
    """Tracks, per open element, whether it hides its content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.pieces: list[str] = []

    @property
    def hidden(self) -> bool:
        return any(hides for _, hides in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        hides = (
            tag in _HIDDEN
            or "hidden" in values
            or values.get("aria-hidden") == "true"
            # The page's own mark for stored data (names, typed questions, codes).
            or values.get("translate") == "no"
        )
        if not self.hidden and not hides and values.get("type") != "hidden":
            for name in _SHOWN_ATTRIBUTES:
                if values.get(name):
                    self.pieces.append(values[name] or "")
            if tag == "input" and (values.get("type") or "") in _BUTTON_INPUTS:
                self.pieces.append(values.get("value") or "")
        if tag not in _VOID:
            self.stack.append((tag, hides))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        # Browsers close unclosed children with their parent: so do we.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.pieces.append(" ".join(data.split()))


def untranslated(html: str, allowed: set[str]) -> list[str]:
    """Pieces of visible text holding a run of three or more ASCII letters that is not an
    allowed proper noun (compared case-sensitively, as written)."""
    found = []
    for piece in visible_text(html):
        words = [w for w in ASCII_WORD.findall(piece) if w not in allowed]
        if words:
            found.append(piece)
    return found
