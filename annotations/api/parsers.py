"""The API's JSON parsers: DRF's, refusing deeply nested bodies before they are parsed (and
the same for JSON-LD, where a view reads linked data).

Python's json module recurses once per nesting level, so a body of 100,000 `[` ends in a
RecursionError (a 500), and even a depth just under the interpreter's limit costs stack and
time. No document this API reads nests deeper than a handful of levels, so the depth is
measured first, by a scan that does not recurse, and anything deeper than MAX_JSON_DEPTH is
a 400 before json sees it.

A number with more digits than Python converts (sys.get_int_max_str_digits(), 4,300 by default)
is refused by json with advice for the server's developer; the client is told what is wrong.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
import sys
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext
from rest_framework.exceptions import ParseError

# get_encoding is DRF's own helper (rest_framework/parsers.py); its stubs leave it out.
from rest_framework.parsers import JSONParser, get_encoding  # type: ignore[attr-defined]

from annotations.presenters.numbers import numbers_shown

# The deepest body the API documents is three levels (annotation > sources > source);
# 32 leaves ample room for clients that wrap or extend it, and is far below recursion limits.
MAX_JSON_DEPTH = 32

# A JSON string (with its escapes) or one bracket. Strings are matched whole so that brackets
# inside them are not counted; everything else in JSON cannot contain a bracket.
_STRING_OR_BRACKET = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def json_depth_exceeds(data: bytes, limit: int) -> bool:
    """Whether any bracket in `data` (JSON in an ASCII-compatible encoding) opens more than
    `limit` levels deep. Malformed JSON is not judged here: json refuses it afterwards."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def _digits_over_limit(error: BaseException | None) -> bool:
    """Whether json failed on an integer longer than Python converts: a plain ValueError (a
    syntax error is a JSONDecodeError, a bad byte a UnicodeDecodeError) that says so."""
    return type(error) is ValueError and "integer string conversion" in str(error)


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSONParser, with bodies nested deeper than MAX_JSON_DEPTH refused (400), and
    a number too long to convert refused in the client's terms."""

    max_depth = MAX_JSON_DEPTH

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = stream.read()
        # Bodies in another charset (a Content-Type parameter allows UTF-16, say) are scanned
        # as UTF-8 so the brackets are seen; one that does not decode is left for DRF to refuse.
        encoding = get_encoding(parser_context or {})
        scanned = data
        if codecs.lookup(encoding).name != "utf-8":
            with contextlib.suppress(UnicodeError):
                scanned = data.decode(encoding).encode("utf-8")
        if json_depth_exceeds(scanned, self.max_depth):
            raise ParseError(
                f"JSON parse error - the body nests deeper than {self.max_depth} levels."
            )
        try:
            return super().parse(io.BytesIO(data), media_type, parser_context)
        except ParseError as error:
            if _digits_over_limit(error.__context__):
                raise ParseError(
                    gettext("JSON parse error - a number has more than %(limit)s digits.")
                    % {"limit": numbers_shown().integer(sys.get_int_max_str_digits())}
                ) from None
            raise


class DepthLimitedJSONLDParser(DepthLimitedJSONParser):
    """The same parser for `application/ld+json` (a ClaimReview document as publishers serve
    it), with the same limits: depth here, size in Django (DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    media_type = "application/ld+json"
