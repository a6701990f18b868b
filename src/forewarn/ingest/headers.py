"""Title and publication date from the top of a plain-text document, and date parsing."""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime

_MONTHS = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|\.)?,?\s+)?"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# a date with an explicit year, the way datelines write them
_DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    rf"{_WEEKDAY}{_MONTHS}\s+{_DAY},?\s+{_YEAR}"  # Nov 7, 2021 / Tuesday, March 5 2024
    rf"|{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTHS},?\s+{_YEAR}"  # 10 November 2021 / 5th of March, 2024
    rf"|{_MONTHS},?\s+{_YEAR}"  # November 2021
    rf"|{_YEAR}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"
    rf"|[0-3]?\d\.[01]?\d\.{_YEAR}"  # 07.11.2021 (day first)
    rf"|[01]?\d/[0-3]?\d/{_YEAR}"  # 11/07/2021 (US order)
    r")(?![\w/-])",
    re.IGNORECASE,
)
# "on March 3, 2019", "by November 2021": a date inside a sentence or headline
_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:on|in|since|until|till|before|after|from|of|to|by|between|and|during|through|for|at)\s*$",
    re.IGNORECASE,
)
_DATELINE_CITY_RE = re.compile(r"^[A-Z][A-Za-z .'’-]{1,40}(?:\([A-Za-z ]{1,30}\))?\s*[,:]\s*$")
_UPDATED_RE = re.compile(r"\b(?:updated|modified|last edited|edited)\b", re.IGNORECASE)
_BYLINE_RE = re.compile(
    r"^\s*(?i:by|posted by|written by|reported by)\s+"  # "By Jane Roe |", not "By the numbers"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:$|[|,·•/(–—-]|and\b)"
)
_DATELINE_LEAD_RE = re.compile(
    r"^\s*(?:published|posted|updated|date|dated|last updated|first published)\b\s*:?\s*(?:on|at)?\s*:?",
    re.IGNORECASE,
)
_SPEAKER_TURN_RE = re.compile(
    r"^\s*(?:interviewer|host|moderator|anchor|reporter|presenter|q|a|question|answer)\s*:",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_ABBREV_END_RE = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|Dr|St|Mt|Inc|Ltd|Co|Corp|Gov|Gen|Sen|Rep)\.)$")
_MID_SENTENCE_RE = re.compile(r"(\w*)[a-z0-9)]([.!?])\s+[A-Z]")
# words that end with a period without ending a sentence ("Gov. Nouri vows ...")
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "gov sen rep dr mr mrs ms st gen lt col sgt capt prof vs jr sr inc ltd co corp mt ft "
        "jan feb mar apr jun jul aug sep sept oct nov dec pres supt det cmdr adm maj",
    )
)
_MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")

TITLE_MAX_CHARS = 200
DATELINE_LINES = 5


def _lines(text: str) -> list[str]:
    """Lines split on "\n" only (other separators are kept verbatim), CR stripped."""
    return [line.rstrip("\r") for line in text.split("\n")]


def _non_empty_lines(text: str, limit: int) -> list[str]:
    out: list[str] = []
    for line in _lines(text):
        if line.strip():
            out.append(line.strip())
            if len(out) >= limit:
                break
    return out


def is_date_line(line: str) -> bool:
    """A line that is essentially a date / byline / dateline rather than a headline."""
    stripped = line.strip()
    if _BYLINE_RE.match(stripped):
        return True
    lead = _DATELINE_LEAD_RE.match(stripped)
    if lead and (":" in lead.group() or _DATE_RE.match(stripped[lead.end() :].lstrip())):
        return True
    match = _DATE_RE.search(stripped)
    if not match or _embedded(stripped[: match.start()]):
        return False
    rest = (stripped[: match.start()] + stripped[match.end() :]).strip(" \t|,-–—•·:/()")
    # what remains besides the date: a time, a section name, a place
    return len(rest) <= 40 or match.start() <= 3


def detect_title(text: str) -> str | None:
    """The first non-empty line when it reads like a headline."""
    lines = _non_empty_lines(text, 1)
    if not lines:
        return None
    line = _MARKDOWN_HEADING_RE.sub("", lines[0]).strip()
    if not line or len(line) >= TITLE_MAX_CHARS or len(line.split()) > 30:
        return None
    if not any(ch.isalpha() for ch in line):
        return None
    if is_date_line(line) or _SPEAKER_TURN_RE.match(line) or _URL_RE.match(line):
        return None
    if any(_dateline_position(line, match) for match in _DATE_RE.finditer(line)):
        return None  # "BAGHDAD, 7 November 2021 — ..." opens the body
    if line.endswith((".", ",", ";", ":")) and not line.endswith("...") and not _ABBREV_END_RE.search(line):
        return None
    for match in _MID_SENTENCE_RE.finditer(line):
        word = line[match.start(0) : match.start(2)].lower()
        if match.group(2) != "." or word not in _ABBREVIATIONS:
            return None  # two sentences: a lead paragraph, not a headline
    return line


def detect_published(text: str) -> tuple[str | None, str | None]:
    """`(iso_date, raw)` from a dateline among the first non-empty lines.

    `iso_date` is None when nothing parses; `raw` is the date-like string that was found
    (kept in metadata when it does not parse).
    """
    found: list[tuple[bool, str]] = []
    for line in _non_empty_lines(text, DATELINE_LINES):
        for match in _DATE_RE.finditer(line):
            if not _dateline_position(line, match):
                continue
            updated = bool(_UPDATED_RE.search(line[: match.start()]))
            found.append((updated, match.group()))
    # "Published ... Updated ...": the first non-"updated" date wins
    for _updated, raw in sorted(found, key=lambda item: item[0]):
        iso = parse_date(raw)
        if iso:
            return iso, raw
    return None, (found[0][1] if found else None)


def _embedded(before: str) -> bool:
    """Does the text before a date make it part of a sentence ("killed on March 3, 2019")?"""
    if not _PREPOSITION_BEFORE_RE.search(before):
        return False
    lead = _DATELINE_LEAD_RE.match(before)
    return not (lead and not before[lead.end() :].strip())


def _dateline_position(line: str, match: re.Match[str]) -> bool:
    """Is this date part of a dateline, not a date mentioned in a prose sentence?"""
    before = line[: match.start()]
    if _embedded(before):
        return False
    if is_date_line(line):
        return True
    if match.start() > 60:
        return False
    after = line[match.end() : match.end() + 6]
    return bool(_DATELINE_CITY_RE.match(before) or re.match(r"\s*(?:[-–—|(/]|at\b)", after))


_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    "PARSERS": ["custom-formats", "absolute-time"],  # nothing relative to "today"
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


@functools.cache
def _parser(languages: tuple[str, ...] | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # slow import, done once on first use

    return DateDataParser(languages=list(languages) if languages else None, settings=dict(_SETTINGS))


_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_DOTTED_RE = re.compile(r"^\s*([0-3]?\d)\.([01]?\d)\.(\d{4})\s*$")


def parse_date(value: object) -> str | None:
    """An ISO `YYYY-MM-DD` date from a date string or Unix timestamp; None when unsure.

    Relative expressions ("today", "2 days ago") and dates without a year are refused.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if not raw or len(raw) > 100:
        return None
    if raw.isdigit() and len(raw) >= 9:
        return _from_timestamp(float(raw))
    match = _ISO_RE.match(raw)
    if match:
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DOTTED_RE.match(raw)
    if match:
        return _valid(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    try:
        data = _parser(("en",)).get_date_data(raw)
        if data.date_obj is None:
            data = _parser(None).get_date_data(raw)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data.date_obj is None or data.period not in {"day", "month", "time"}:
        return None
    return data.date_obj.date().isoformat()


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 0 < seconds < 4.2e9:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
