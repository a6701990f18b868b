"""Dates of facts: DATE entities of a sentence resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from forewarn.nlp.pipeline import entities_of

_PARSER = DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
# parts of DATE entities that dateparser does not read and that do not change the day
_NOISE = re.compile(
    r"\b(on|early|late|last|this|the|of|night|morning|evening|afternoon|overnight|earlier|today's)\b", re.I
)


@lru_cache(maxsize=64)
def _parser_for(base: str | None) -> DateDataParser:
    """One parser per publication date: building a parser is far dearer than using one."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if base:
        try:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base[:10])
        except ValueError:
            pass
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_date(text: str, base: str | None) -> str | None:
    """An ISO date (day, month or year precision) for a date expression, relative to `base`."""
    settings = {}
    if base:
        try:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base[:10] if len(base) >= 10 else base)
        except ValueError:
            pass
    if not base and not _ABSOLUTE.search(text):
        return None  # "on Saturday" means nothing without the day the document was written
    if re.fullmatch(r"\W*\d{1,3}\W*", text):
        return None  # an age or a count, not a date
    weekday = _BARE_WEEKDAY.fullmatch(text.strip())
    day = settings.get("RELATIVE_BASE")
    if weekday and isinstance(day, dt.datetime):
        # "said on Monday" in a story of Monday is that day; dateparser would go a week back
        wanted = _WEEKDAYS.index(weekday.group(1).lower())
        return (day - dt.timedelta(days=(day.weekday() - wanted) % 7)).date().isoformat()
    attempts = [text, _NOISE.sub(" ", text).strip()]
    for attempt in attempts:
        if not attempt or not re.search(r"\w", attempt):
            continue
        try:
            data = (_parser_for(base) if settings else _PARSER).get_date_data(attempt)
        except Exception:  # dateparser raises assorted errors on odd input
            continue
        if data and data.date_obj:
            period = data.period or "day"
            if period == "year":
                return f"{data.date_obj.year:04d}"
            if period == "month":
                return f"{data.date_obj.year:04d}-{data.date_obj.month:02d}"
            return data.date_obj.date().isoformat()
    return None


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_BARE_WEEKDAY = re.compile(
    r"(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?",
    re.I,
)
_ABSOLUTE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def sentence_date(doc: Doc, chars: tuple[int, int], base: str | None) -> str | None:
    """The first resolvable DATE entity inside a character range of the document."""
    for ent in entities_of(doc):
        if ent.start_char < chars[0] or ent.end_char > chars[1]:
            continue
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and _WEEKDAY.search(ent.text)):
            continue
        # durations and ages are not dates of an act
        if re.search(r"\b(years? old|months|weeks|days|decade|hours?)\b", ent.text, re.I) and not re.search(
            r"\b(ago|earlier|before)\b", ent.text, re.I
        ):
            continue
        found = parse_date(ent.text, base)
        if found:
            return found
    return None
