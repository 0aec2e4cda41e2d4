"""What the user typed, parsed once for both databases: words (all must match), "quoted
phrases" (words in that order) and prefixes (`assess*`). Everything but letters and digits is
dropped from a word, so nothing typed can reach the database's query syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 12


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False  # the last word is a prefix

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def postgres(self) -> str:
        """A `to_tsquery('english', …)` expression: & between terms, <-> inside a phrase,
        :* on a prefix (to_tsquery stems each word and drops stop words itself)."""
        parts = []
        for term in self.terms:
            words = [w.lower() for w in term.words]
            if term.prefix:
                words[-1] += ":*"
            parts.append("(" + " <-> ".join(words) + ")" if term.is_phrase else words[0])
        return " & ".join(parts)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: each term a quoted string (a phrase when it holds several
        words), * after a prefix; terms side by side must all match."""
        parts = []
        for term in self.terms:
            quoted = '"' + " ".join(term.words) + '"'
            parts.append(quoted + ("*" if term.prefix else ""))
        return " ".join(parts)


def parse(text: str) -> ParsedQuery:
    terms: list[Term] = []
    for phrase, word in _TOKEN.findall(text or ""):
        raw = phrase if phrase else word
        words = tuple(_WORD.findall(raw))
        if not words:
            continue
        prefix = not phrase and raw.endswith("*") and len(words) == 1
        if phrase:
            terms.append(Term(words))
        else:
            # A hyphenated or dotted word is searched as its parts in order.
            terms.append(Term(words, prefix=prefix))
        if len(terms) == MAX_TERMS:
            break
    return ParsedQuery(text=(text or "").strip(), terms=tuple(terms))
