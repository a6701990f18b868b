"""Bytes -> text, without touching the text: offsets are defined on the decoded string.

Order: magic numbers of common binary formats, BOMs (UTF-8, UTF-32, UTF-16), NUL bytes,
strict UTF-8, then (for HTML) a declared charset, then legacy encodings. For those,
charset-normalizer's proposals and the common Windows code pages are all tried and the
decoding that reads most like real text wins (`_plausibility`); charset-normalizer alone
often takes short Latin-1 texts for Central European or even CJK code pages.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.cd import coherence_ratio


class DecodeError(Exception):
    """The bytes are not a text document; `str(error)` is a human-readable reason."""


# (magic prefix, name) of binary formats people drop into corpus folders by mistake
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/ODT/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),  # checked further in sniff_binary
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS\x00", "Ogg media"),
    (b"fLaC\x00", "FLAC audio"),
    (b"ID3\x02", "MP3 audio"),
    (b"ID3\x03", "MP3 audio"),
    (b"ID3\x04", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: FF FE 00 00 starts like FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# legacy code pages always tried besides charset-normalizer's own proposals, in order of
# preference when two decodings read equally well
_CANDIDATES = (
    "cp1252",
    "cp1256",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "iso8859_6",
    "koi8_r",
    "latin_1",
)
_SAMPLE_BYTES = 65_536
# below this plausibility per non-ASCII character, the best decoding is still mojibake
# (random bytes score -0.15 to -2; real legacy-encoded text scores above 0)
_MIN_PLAUSIBILITY = -0.1


def sniff_binary(data: bytes) -> str | None:
    """The name of the binary format of `data`, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            # text may well start with "MZ" or "BZh": require the rest of the header
            if name == "Windows executable" and b"PE\x00\x00" not in data[:1024]:
                continue
            if name == "bzip2 archive" and data[4:10] != b"1AY&SY":
                continue
            return name
    return None


def decode_bytes(data: bytes, *, html: bool = False, charset: str | None = None) -> tuple[str, str]:
    """Decode `data` into `(text, encoding)`; raise DecodeError when it is not text.

    `charset` is one declared out of band (an HTTP Content-Type parameter). The text is
    returned exactly as decoded: only a byte-order mark is removed. UTF-8 with a few broken
    sequences (a truncated or mis-pasted character) is decoded with U+FFFD in their place
    and reported as encoding "utf-8 (N invalid bytes replaced)".
    """
    kind = sniff_binary(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not a text document")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # the -sig / BOM-aware codecs drop the BOM
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec.upper()} despite its byte-order mark: {exc}") from None
            return text.removeprefix("\ufeff"), codec.replace("-sig", "")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary file (contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for declared in (_normalised_charset(charset), _declared_html_charset(data) if html else None):
        if declared:
            try:
                return data.decode(declared), codecs.lookup(declared).name
            except (LookupError, UnicodeDecodeError):
                pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    return _detect(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark, recognised by the zero high bytes of its
    ASCII characters (spaces, digits, punctuation, Latin letters) on one side of each pair."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: min(len(data), _SAMPLE_BYTES)]
    pairs = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros >= 0.25 * pairs and even_zeros <= 0.02 * pairs:
        codec = "utf-16-le"  # "A" is 41 00
    elif even_zeros >= 0.25 * pairs and odd_zeros <= 0.02 * pairs:
        codec = "utf-16-be"  # "A" is 00 41
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _control_ratio(text) > 0.01:
        return None
    return text, codec


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few invalid bytes, decoded with U+FFFD for them; None when the bytes
    do not read as UTF-8 (no valid multi-byte characters, or too many invalid bytes)."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    # legacy-encoded text has an invalid byte at (nearly) every accented letter and almost no
    # valid multi-byte sequence; damaged UTF-8 has valid ones and few invalid bytes
    if non_ascii < 1 or invalid > max(3, non_ascii) or _control_ratio(text) > 0.01:
        return None
    return text, f"utf-8 ({invalid} invalid byte{'s' if invalid != 1 else ''} replaced)"


def _normalised_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"  # what browsers do (WHATWG encoding standard)
    return name or None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_html_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    if not match:
        return None
    return _normalised_charset(match.group(1).decode("ascii", "replace"))


def _detect(data: bytes) -> tuple[str, str]:
    """Pick the legacy encoding whose decoding reads most like real text."""
    sample = data[:_SAMPLE_BYTES]
    proposed = [match.encoding for match in from_bytes(sample)][:6]
    order = list(dict.fromkeys([*_CANDIDATES, *proposed]))
    scored: list[tuple[float, float, int, str]] = []
    for rank, encoding in enumerate(order):
        try:
            text = sample.decode(encoding, errors="strict" if len(sample) == len(data) else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_plausibility(text), 0.0, -rank, encoding))
    scored.sort(reverse=True)
    # equally plausible decodings (often: two scripts): prefer the one reading like a language
    tied = [entry for entry in scored if scored and entry[0] >= scored[0][0] - 1e-9]
    if len(tied) > 1:
        rescored = []
        for score, _, rank, encoding in tied:
            text = sample.decode(encoding, errors="ignore")[:20_000]
            ratios = coherence_ratio(text)
            rescored.append((score, max((r for _, r in ratios), default=0.0), rank, encoding))
        scored = sorted(rescored, reverse=True) + scored[len(tied) :]
    for score, _coherence, _rank, encoding in scored:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.05:
            continue
        decoded_sample = sample.decode(encoding, errors="ignore")
        non_ascii = len(decoded_sample) - len(decoded_sample.encode("ascii", "ignore"))
        if non_ascii >= 32 and score < _MIN_PLAUSIBILITY * non_ascii:
            # the best reading is mojibake throughout: binary data without NUL bytes, or a
            # text in an encoding we do not know; analysing it would only produce noise
            raise DecodeError("binary or undecodable file: no text encoding gives readable text")
        return text, codecs.lookup(encoding).name
    raise DecodeError("binary or undecodable file: no text encoding fits its bytes")


# accented Latin letters in everyday use across European languages
_COMMON_LATIN = frozenset("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœšžčćđęěłńňřśťůźżąőűşğıăţșțėįųū")
# the accented letters of major Latin-script languages: in real text, the non-ASCII letters
# should (nearly) all belong to one of them
_LANGUAGE_LETTERS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "äöüß",  # German
        "ëïéèöü",  # Dutch
        "åäöéæø",  # Nordic
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "çğıöşüi̇",  # Turkish
        "čćđšž",  # Croatian / Slovene / Bosnian
        "āčēģīķļņšūž",  # Latvian
        "ąčęėįšųūž",  # Lithuanian
        "äõöüšž",  # Estonian
        "áðéíóúýþæö",  # Icelandic
    )
)
_COMMON_PUNCT = frozenset("“”‘’‚„–—…«»‹›€£¥°•·¡¿©®™§¶×÷±½¼¾′″،؛؟٪")


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "?"
    head = name.split(" ", 1)[0]
    if head == "HALFWIDTH" and "KATAKANA" in name:
        return "HALFWIDTH"
    if head in {"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"}:
        return "CJK"
    return head


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_NON_ASCII_NON_LETTER_RE = re.compile(r"[^\x00-\x7f]")


def _plausibility(text: str) -> float:
    """How much the non-ASCII characters of `text` look like real writing (higher is better).

    Mojibake shows up as control or unassigned characters, symbols inside words
    ("Za¿ó³æ"), words mixing scripts ("Stra絽"), whole words of accented Latin letters
    ("ÞÇá ÞíÓ"), rare letters ("ŕ", "ō") where common ones should be, and letters that
    no single language uses together.
    """
    score = 0.0
    latin_letters: list[str] = []
    for match in _LETTER_RUN_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if not c.isascii()}
        if any(c.isascii() for c in word):
            scripts.add("LATIN")
        non_ascii = [c for c in word if not c.isascii()]
        if len(scripts) > 1:
            score -= 5 * len(non_ascii)
        elif scripts == {"LATIN"}:
            whole_foreign = len(word) >= 3 and len(non_ascii) == len(word)
            for c in non_ascii:
                lower = c.lower()
                latin_letters.append(lower)
                if lower not in _COMMON_LATIN or whole_foreign or (len(word) == 1 and c not in "àèéóòáíú"):
                    score -= 1
                else:
                    score += 1
        elif scripts == {"HALFWIDTH"}:
            score -= len(non_ascii)
        else:
            score += len(non_ascii)
    length = len(text)
    for match in _NON_ASCII_NON_LETTER_RE.finditer(text):
        ch = match.group()
        if ch.isalpha():
            continue
        category = unicodedata.category(ch)
        if category in {"Cc", "Cn", "Co", "Cs"}:
            score -= 10
            continue
        if category[0] in "MZ":
            continue
        i = match.start()
        inside_word = i > 0 and text[i - 1].isalpha() and i + 1 < length and text[i + 1].isalpha()
        if ch in _COMMON_PUNCT:
            score += -3 if inside_word and ch not in "’·" else 1
        else:
            score -= 3 if inside_word else 0.5
    if latin_letters:
        # letters outside the best-fitting language's alphabet look like mojibake
        covered = max(sum(1 for ch in latin_letters if ch in alphabet) for alphabet in _LANGUAGE_LETTERS)
        score -= 2 * (len(latin_letters) - covered)
    return score


# control characters (category Cc) other than tab, line breaks, form feed and escape
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(1, len(text))
