"""Scraper debris: ad markers, share buttons, cookie and newsletter notices.

`find_ignored(text)` returns sorted, merged `(start, end)` character ranges into the
untouched text. Only bracketed ad/shortcode markers (anywhere) and lines made entirely
of boilerplate are matched, so ordinary prose is never ignored.
"""

from __future__ import annotations

import re

# markers injected by WordPress ad plugins and shortcodes, wherever they occur
_INLINE_PATTERNS = (
    r"\[\s*(?:ad|ads|advert|advertisement|adsense|adinserter|ad_block|google_ad)(?:[_ -]?\d+)?\s*\]",
    r"\[/?(?:caption|embed|gallery|video|audio|playlist|tweet|instagram)\b[^\]\n]{0,300}\]",
    r"\[(?:embedded content|adinserter[^\]\n]{0,80}|ad[_ ]?slot[^\]\n]{0,40})\]",
)

# whole lines (leading/trailing horizontal space allowed); case-insensitive unless inline (?-i)
_LINE_PATTERNS = (
    # advertising
    r"(?:advertisement|advertisements|advertising|advert|ad|sponsored|sponsored content|"
    r"paid content|promoted|partner content)\s*[:.]?",
    r"(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)",
    r"continue reading (?:below|the main story)|scroll to continue(?: with content)?",
    r"skip (?:advertisement|ad)|remove ads?|ad feedback|report this ad",
    # sharing
    r"share(?: this(?: (?:article|story|post|page))?)?\s*:?",
    r"share (?:on|via|to|with) (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|"
    r"pinterest|messenger|tumblr|pocket|flipboard|bluesky|threads)",
    r"click to (?:share|email|print|tweet|pin)[^\n]{0,80}?(?:\(opens in new window\))?",
    r"(?:tweet|tweet this|pin it|pin|e-?mail|print|copy link|copy url|whatsapp|facebook|twitter|"
    r"x|linkedin|reddit|pinterest|telegram|messenger|tumblr|flipboard)\s*",
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|print|pinterest)"
    r"(?:\s*[|/·•,]\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|print|"
    r"pinterest|copy link))+",
    r"like this:|like loading\.{0,3}|loading\.{2,3}|(?:\d+\s+)?(?:comments?|shares?|likes?)",
    # follow / subscribe / newsletter
    r"follow us(?: on [^\n]{1,80})?",
    r"(?:subscribe|sign up|signup|register|log in|sign in)(?: now| today| here| for free| free)?[.!]?",
    r"(?:subscribe|sign up|signup|register) (?:now |today |here )?(?:to|for) (?:our|the|a|free|daily|weekly|"
    r"breaking|unlimited|full)\b[^\n]{0,80}\b(?:newsletters?|updates|alerts|digest|briefing|e-?mails?|"
    r"inbox|subscription|podcast|channel|access|coverage|edition)\b[^\n]{0,60}",
    r"(?:get|receive) (?:the latest|our|breaking) [^\n]{0,80}(?:inbox|newsletter|alerts?|updates)[^\n]{0,40}",
    r"(?:sign up|subscribe)[^\n]{0,100}\bnewsletter\b[^\n]{0,100}",
    r"join (?:us|our [^\n]{0,30}?)(?: on)? (?:whatsapp|telegram|facebook|twitter|instagram|tiktok|"
    r"youtube|google news)\b[^\n]{0,40}",
    r"download (?:our|the) app[^\n]{0,60}",
    # cookies
    r"[^\n]{0,120}\b(?:we|this (?:web)?site|our (?:web)?site|this page) uses? cookies\b[^\n]{0,250}",
    r"[^\n]{0,60}\bby (?:continuing|using|browsing)[^\n]{0,60}\byou (?:agree|consent|accept)[^\n]{0,40}"
    r"\bcookies?\b[^\n]{0,150}",
    r"(?:accept|reject|allow|manage|decline)(?: all)? cookies|cookie (?:policy|settings|preferences|"
    r"notice|consent)|accept|got it!?",
    # related links
    r"(?:related|related articles?|related stories|related news|related content|related posts?|"
    r"related coverage|recommended|recommended for you|you may also like|you might also like|"
    r"more from [^\n]{1,60}|more stories|more on this(?: story)?|most read|most popular|trending|"
    r"popular now|top stories|latest news|editor'?s picks|see also|also read|read also|read more|"
    r"read next|further reading)\s*(?::[^\n]{0,200})?(?:\s*[»›→>]+)?",
    r"read (?:more|the full (?:story|article))(?: here| at [^\n]{1,60})?\s*[»›→>.]*",
    r"(?:click|tap) here (?:to|for) [^\n]{0,150}",
    # legal footers and navigation crumbs
    r"(?:copyright\s*)?(?:©|\(c\)\s*(?=\d{4})|copyright\s+(?=\d{4}))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?"
    r"[^\n]{0,120}",
    r"[^\n]{0,100}\ball rights reserved\.?[^\n]{0,100}",
    r"(?:privacy policy|terms of (?:use|service)|cookie policy|contact us|about us)"
    r"(?:\s*[|·•]\s*[^\n|·•]{1,40}){0,8}",
    r"(?:back to top|skip to (?:main )?content|jump to (?:main )?content|toggle navigation|menu|"
    r"search|close|home)\s*[»›↑]*",
)

_INLINE_RE = re.compile("|".join(f"(?:{p})" for p in _INLINE_PATTERNS), re.IGNORECASE)
# a debris line may start with a byte-order mark or with inline markers ("[ad_2] Advertisement")
_LINE_RE = re.compile(
    r"^[ \t\u00a0\ufeff]*(?:(?:" + "|".join(f"(?:{p})" for p in _INLINE_PATTERNS) + r")[ \t\u00a0]*)*"
    r"(?P<debris>(?:" + "|".join(f"(?:{p})" for p in _LINE_PATTERNS) + r"))[ \t\u00a0]*\r?$",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_LINE = 400


def find_ignored(text: str) -> list[tuple[int, int]]:
    """Character ranges of debris in `text`: sorted, non-overlapping, never empty."""
    ranges: list[tuple[int, int]] = [match.span() for match in _INLINE_RE.finditer(text)]
    for match in _LINE_RE.finditer(text):
        start, end = match.span("debris")
        if end - start > _MAX_LINE:
            continue
        piece = text[start:end].rstrip()
        end = start + len(piece)
        if end > start:
            ranges.append((start, end))
    return _merge(ranges)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
