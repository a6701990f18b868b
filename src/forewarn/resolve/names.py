"""Name folding and comparison across spellings, scripts and titles.

Everything here works on plain strings and is deterministic. The pieces, in order:

* `strip_titles` removes leading honorifics, titles and roles ("PM", "Sheikh", "Gov.",
  "Iraqi Prime Minister") and returns the bare name with the titles it found.
* `name_key` folds a name into a comparison key: titles stripped, Arabic and Persian script
  transliterated (anyascii), accents, apostrophes, ayn and hamza marks removed, hyphens made
  spaces, the article ("al-", "el-", "as-" before a sun letter) and a leading "the" dropped,
  and "Abdul Aziz" / "Abd al-Aziz" / "Abdulaziz" made one token.
* Every token of a key gets two skeletons built from the declared `VARIANT_LETTERS` and
  `VOWEL_CLASSES` tables: the *vowel skeleton* (consonant classes dh/z/th/d, kh/k/q/c, ph/f,
  w/v...; vowels in classes a / e / i,y / o,u, a diphthong ai/ei/ay as one `W`; doubled
  letters collapsed) that makes Kadhimi / Kazimi / Khadimi and Soleimani / Suleimani /
  Sulaimani equal, and the *consonant skeleton* (no vowels, no w/y) used against names
  transliterated from Arabic script, which carry no short vowels. Near spellings (Kazemi,
  Hizballah, Ghasem) are scored with a weighted edit distance whose cheap edits are declared
  in `CHEAP_EDITS`; the vowel classes keep Hassan from Hussein and Mahmoud from Mohammed.
  Blocking keys add jellyfish's metaphone; rapidfuzz supplies Jaro-Winkler for typos and the
  token-set ratio reported for organisations.
* A one-consonant typing slip (rapidfuzz's OSA distance; never the first letter, a vowel or a
  digit) also makes two tokens the same name, but the whole match then scores under the
  resolver's 0.8 bar: weak evidence that needs context. Names written wholly in Chinese
  characters, kana or Hangul compare by character, not by their romanisation.
* `compare_names` compares two person or organisation names and returns a `NameMatch` whose
  reasons say which tokens matched how.

Person rule: the surname (last name token) must match; when both names have given names they
must match too, in order, initials matching full names and kunyas ("Abu Ali") matching only
kunyas. A bare surname against a full name is "same" with a moderate score: whether it is the
same person across documents is for the resolver to decide with context.

Organisation rule: the content words must match as sets (spelling variants and declared
translations of generic Arabic words allowed), generic head words ("brigades", "forces")
weigh little but a missing one matters when it is all that tells two names apart
("Hezbollah" / "Kata'ib Hezbollah"); acronyms match the initials of the content words.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Literal

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import token_set_ratio

NameKind = Literal["person", "org"]

# ---------------------------------------------------------------------------------------------
# Declared tables
# ---------------------------------------------------------------------------------------------

# Titles, honorifics and roles that may stand before a name. Matched case-insensitively as whole
# words; a trailing "." and hyphens inside are allowed ("Gov.", "Secretary-General").
TITLES: tuple[str, ...] = (
    # political
    "prime minister", "pm", "premier", "president", "president-elect", "vice president", "chancellor",
    "minister", "foreign minister", "defense minister", "defence minister", "interior minister",
    "finance minister", "oil minister", "health minister", "justice minister", "minister of state",
    "secretary of state", "secretary of defense", "defense secretary", "secretary-general", "secretary general",
    "secretary", "governor", "gov", "lieutenant governor", "lt gov", "mayor", "senator", "sen",
    "representative", "rep", "congressman", "congresswoman", "speaker", "mp", "lawmaker", "ambassador",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "leader",
    "supreme leader", "king", "queen", "crown prince", "prince", "princess", "emir",
    # legal
    "judge", "chief judge", "chief justice", "justice", "magistrate", "prosecutor", "attorney general",
    "district attorney", "sheriff", "district judge", "attorney", "lawyer", "advocate", "barrister",
    "counsel", "president's counsel", "queen's counsel", "king's counsel", "senior counsel", "solicitor",
    # local office and occupations written before a name ("Registrar Dana Kittredge", "Cllr Pryce")
    "registrar", "clerk", "auditor", "treasurer", "commissioner", "councillor", "councilor", "cllr",
    "councilman", "councilwoman", "council member", "alderman", "assemblyman", "assemblywoman", "director",
    "director general", "director-general", "superintendent", "inspector", "sub-inspector", "sub inspector",
    "chief inspector", "detective",
    "detective inspector", "constable", "officer", "police chief", "chief", "organizer", "organiser",
    "activist", "campaigner", "principal", "headteacher", "headmaster", "datu",
    # police ranks as Philippine releases abbreviate them
    "pbgen", "pmgen", "pltgen", "pcol", "pltcol", "pmaj", "pcpt", "plt",
    # and as South Asian and East African police write them ("ASP Mugisa", "IGP Okoth")
    "asp", "ssp", "dsp", "acp", "dcp", "dig", "igp", "aig",
    # courtesy
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    # religious
    "sheikh", "shaykh", "sheik", "shaikh", "cheikh", "sayyid", "sayyed", "sayed", "sayid", "seyed",
    "seyyed", "syed", "sayyida", "hajj", "haj", "haji", "hajji", "imam", "ayatollah", "grand ayatollah",
    "hojatoleslam", "hojjat al-islam", "mullah", "mufti", "grand mufti", "mawlana", "maulana", "cleric",
    "reverend", "rev", "father", "pope", "rabbi", "archbishop", "bishop", "cardinal", "patriarch",
    "allama", "maulvi", "mawlawi", "mowlawi", "mahant", "swami", "pastor", "ustaz", "ustadh", "mallam", "alhaji",
    "qari", "hafiz",
    "frau", "herr", "monsieur", "madame", "hon", "honourable", "honorable",
    # Spanish, Portuguese and French titles that reporting from Latin America and Africa keeps untranslated
    # ("Presidenta Araceli Bautista", "alcalde Ruiz", "Doctora Ortiz", "vereadora Souza")
    "presidente", "presidenta", "alcalde", "alcaldesa", "gobernador", "gobernadora", "comandante",
    "licenciado", "licenciada", "lic", "ingeniero", "ingeniera", "doctor", "doctora", "señor", "señora", "sra",
    "diputado", "diputada", "senador", "senadora", "fiscal", "juez", "jueza", "prefeito", "prefeita",
    "vereador", "vereadora", "deputado", "deputada", "juiz", "juíza", "delegado", "delegada", "coronel",
    "capitán", "capitão", "teniente", "sargento", "monseñor", "maître", "préfet", "commandant",
    # military
    "general", "gen", "lieutenant general", "lt gen", "major general", "maj gen", "brigadier general",
    "brig gen", "brigadier", "colonel", "col", "lieutenant colonel", "lt col", "lieutenant", "lt",
    "major", "maj", "captain", "capt", "sergeant", "sgt", "commander", "cmdr", "admiral", "adm",
    "vice admiral", "rear admiral", "field marshal", "marshal", "commander-in-chief",
)  # fmt: skip

# Words that qualify a following title ("former", "Deputy Prime Minister").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    "former late acting deputy vice interim outgoing caretaker then ex incoming senior top".split()
)
# Nationality and body words stripped only when a title follows ("Iraqi Prime Minister").
TITLE_DEMONYMS: frozenset[str] = frozenset(
    """iraqi iranian us u.s. american british uk u.k. french german russian ukrainian chinese israeli
    palestinian lebanese syrian saudi turkish kurdish egyptian jordanian qatari emirati kuwaiti yemeni
    afghan pakistani indian european eu un u.n. nato federal state republican democratic democrat gop
    iraq iran""".split()
)

# Name suffixes dropped from keys.
NAME_SUFFIXES: frozenset[str] = frozenset("jr sr ii iii iv phd esq".split())

# The Arabic article and its sun-letter assimilations. "al"/"el" go anywhere; the assimilated
# forms only when written with a hyphen ("as-Sadr", "ad-Din"), as alone they may be names.
ARTICLES: frozenset[str] = frozenset({"al", "el"})
HYPHEN_ARTICLES: frozenset[str] = frozenset(
    """ad adh ar as ash at ath az an ud ur us ush ut uz un ul ed er es esh et ez en""".split()
)
# Arabic-script words read before transliteration (article-free forms).
ARABIC_SCRIPT_WORDS: dict[str, str] = {
    "ابو": "abu", "أبو": "abu", "ابي": "abi", "أبي": "abi", "ام": "umm", "أم": "umm",
    "بن": "bin", "ابن": "ibn", "إبن": "ibn", "بنت": "bint", "عبد": "abd", "الله": "allah",
}  # fmt: skip
# Titles written in Arabic script before a name (sheikh, sayyid, hajj, imam, doctor, judge,
# president, minister, deputy, brigadier, colonel, general).
ARABIC_SCRIPT_TITLES: frozenset[str] = frozenset(
    """الشيخ شيخ السيد سيد الحاج حاج الإمام الامام الدكتور د. القاضي الرئيس رئيس الوزير النائب العميد
    العقيد الفريق اللواء المهندس آية""".split()
)
# Particles of European surnames ("von der Leyen", "da Silva"): part of the surname, never a
# given name.
SURNAME_PARTICLES: frozenset[str] = frozenset("von van der den de da di du la le del della dos das ter ten".split())
KUNYA_MARKERS: frozenset[str] = frozenset({"abu", "abou", "abo", "abi", "umm", "um", "oum", "omm"})
CONNECTORS: frozenset[str] = frozenset({"bin", "ibn", "bint", "ben", "bn", "ould", "wuld"})
# "Abdul", "Abdel", "Abd" open a compound with the next word ("Abdul Mahdi").
ABD_PREFIX = re.compile(r"^abd(?:[aeiou]{1,2}(?:l|r|s|sh|n|z|t|d)?)?$")
# Given names with their usual short forms (general English knowledge).
NICKNAMES: dict[str, str] = {
    "bob": "robert", "rob": "robert", "bobby": "robert", "bill": "william", "will": "william",
    "billy": "william", "joe": "joseph", "mike": "michael", "jim": "james", "jimmy": "james",
    "tom": "thomas", "dick": "richard", "rick": "richard", "chris": "christopher", "alex": "alexander",
    "dan": "daniel", "dave": "david", "steve": "steven", "tony": "anthony", "ted": "edward",
    "ed": "edward", "liz": "elizabeth", "kate": "katherine", "sasha": "alexander", "volodya": "vladimir",
    "nick": "nicholas", "ben": "benjamin", "sam": "samuel", "matt": "matthew", "pat": "patrick",
    "andy": "andrew", "greg": "gregory", "jeff": "jeffrey", "jon": "jonathan", "larry": "lawrence",
}  # fmt: skip
# Family names written first (Chinese, Korean, Vietnamese): a bare one matches the first token.
FAMILY_FIRST_SURNAMES: frozenset[str] = frozenset(
    """xi li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo zheng liang
    song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
    ding ren shen yao zhong jin kim park choi jung kang cho yoon jang lim nguyen tran pham hoang mao
    wen bo""".split()
)

# Masculine / feminine endings of Slavic surnames (two people, not two spellings).
SLAVIC_GENDER_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skiy", "skaya"),
    ("skyy", "skaya"),
    ("sky", "skaya"),
    ("ski", "ska"),
    ("iy", "aya"),
    ("yy", "aya"),
    ("y", "aya"),
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
)
# Letter classes for skeletons, longest spelling first: the usual romanisation variants of one
# sound share a class (dh/z/th/d; kh/k/q/c; ph/f; w/v; sch/sh). Vowels are handled apart.
VARIANT_LETTERS: tuple[tuple[str, str], ...] = (
    ("tsch", "C"), ("sch", "X"), ("tch", "C"), ("dzh", "J"), ("dj", "J"), ("zh", "J"),
    ("ch", "C"), ("sh", "X"), ("kh", "K"), ("gh", "Q"), ("ph", "F"), ("dh", "D"), ("th", "D"),
    ("ck", "K"), ("q", "K"), ("k", "K"), ("c", "K"), ("x", "KS"), ("g", "G"), ("j", "J"),
    ("w", "V"), ("v", "V"), ("f", "F"), ("z", "D"), ("d", "D"), ("t", "T"), ("s", "S"), ("b", "B"),
    ("p", "P"), ("h", "H"), ("l", "L"), ("m", "M"), ("n", "N"), ("r", "R"),
)  # fmt: skip
VOWELS = frozenset("aeiou")
# Vowel classes: e is ambiguous (a fatha or a kasra), o and u are one class, y is i.
VOWEL_CLASSES: dict[str, str] = {"a": "A", "e": "E", "i": "I", "y": "I", "o": "U", "u": "U"}
# Cheap edits between skeleton symbols (cost of 1.0 otherwise). Pairs substitute, singles
# insert/delete. Vowels: A, E, I, U, and W for a diphthong (ai/ei/ay: the Arabic ya);
# Q = gh, X = sh, C = ch, D = d/dh/z/th.
CHEAP_EDITS: dict[frozenset[str], float] = {
    frozenset("AE"): 0.2,  # Mohammed / Muhammad
    frozenset("IE"): 0.2,  # Kazemi / Kazimi
    frozenset("UE"): 0.5,
    frozenset("WE"): 0.3,  # Sulemani / Soleimani
    frozenset("WI"): 0.4,
    frozenset("WA"): 0.8,  # Hassan / Hussein stay apart
    frozenset("AI"): 0.8,  # Jamil / Jamal stay apart
    frozenset("AU"): 0.7,  # Hezbollah / Hizballah
    frozenset("IU"): 0.8,
    frozenset("WU"): 0.8,
    frozenset("KQ"): 0.3,  # q / gh: Qasem / Ghasem
    frozenset("GQ"): 0.3,  # g / gh: Gani / Ghani
    frozenset("KC"): 0.3,  # k / ch: Khodorkovsky / Chodorkowski
    frozenset("CX"): 0.4,  # ch / sh: French transcriptions
    frozenset("XS"): 0.6,  # sh / s
    frozenset("JG"): 0.5,  # j / g: Jamal / Gamal
    frozenset("JY"): 0.5,
    frozenset("FV"): 0.5,
    frozenset("BV"): 0.3,  # b / v, one sound in Spanish: Sabala / Zavala, Cordoba / Cordova
    frozenset("DS"): 0.5,  # z / s, one sound in Latin American Spanish: Zavala / Sabala, Vasquez / Vazquez
    frozenset("FP"): 0.5,
    frozenset("BP"): 0.5,
    frozenset("A"): 0.4,  # an inserted vowel: Vladimir / Volodymyr
    frozenset("E"): 0.3,
    frozenset("I"): 0.5,
    frozenset("U"): 0.5,
    frozenset("W"): 0.6,
    frozenset("H"): 0.7,
    frozenset("V"): 0.6,  # a w glide: Daud / Dawud
    frozenset("Y"): 0.5,  # Yevgeny / Evgeny
}
# Coarser classes for blocking keys only.
COARSE_CLASSES: dict[str, str] = {"Q": "K", "C": "K", "G": "K", "J": "K", "X": "S", "F": "B", "P": "B"}

# Organisation vocabulary: word -> (meaning, role). Roles: "head" (the kind of body: weighs
# little but a missing one can tell two names apart), "descriptor" (ignored), "content".
# Arabic/Persian generic words are given with their English meaning.
ORG_WORDS: dict[str, tuple[str, str]] = {
    # Arabic / Persian generic words
    "kataib": ("brigades", "head"), "katiba": ("brigades", "head"), "asaib": ("leagues", "head"),
    "usba": ("leagues", "head"), "saraya": ("companies", "head"), "sariya": ("companies", "head"),
    "harakat": ("movement", "descriptor"), "haraka": ("movement", "descriptor"), "hizb": ("party", "head"),
    "liwa": ("brigades", "head"), "alwiya": ("brigades", "head"), "alwiyat": ("brigades", "head"),
    "jaysh": ("army", "head"), "jaish": ("army", "head"), "ahl": ("people", "descriptor"),
    "haq": ("truth", "content"), "hashd": ("mobilization", "content"), "shaabi": ("popular", "content"),
    "quwat": ("forces", "head"), "jabhat": ("front", "head"), "jabha": ("front", "head"),
    "majlis": ("council", "head"), "tanzim": ("organization", "descriptor"),
    "jamaat": ("group", "descriptor"), "jamaa": ("group", "descriptor"), "sepah": ("corps", "head"),
    "niru": ("forces", "head"), "fawj": ("regiment", "head"), "firqa": ("division", "head"),
    # English heads
    "brigades": ("brigades", "head"), "brigade": ("brigades", "head"), "forces": ("forces", "head"),
    "force": ("forces", "head"), "party": ("party", "head"), "army": ("army", "head"),
    "front": ("front", "head"), "league": ("leagues", "head"), "leagues": ("leagues", "head"),
    "companies": ("companies", "head"), "company": ("companies", "head"),
    "battalion": ("battalions", "head"), "battalions": ("battalions", "head"), "units": ("units", "head"),
    "unit": ("units", "head"), "corps": ("corps", "head"), "council": ("council", "head"),
    "guard": ("guards", "head"), "guards": ("guards", "head"), "division": ("division", "head"),
    "regiment": ("regiment", "head"), "coalition": ("coalition", "head"), "alliance": ("alliance", "head"),
    "bloc": ("bloc", "head"), "union": ("union", "head"), "committee": ("committee", "head"),
    "committees": ("committee", "head"), "ministry": ("ministry", "head"), "command": ("command", "head"),
    "federation": ("federation", "head"), "association": ("association", "head"),
    # English descriptors (news adds them freely)
    "group": ("group", "descriptor"), "organization": ("organization", "descriptor"),
    "organisation": ("organization", "descriptor"), "militia": ("militia", "descriptor"),
    "militias": ("militia", "descriptor"), "movement": ("movement", "descriptor"),
    "faction": ("faction", "descriptor"), "network": ("network", "descriptor"),
    "outfit": ("outfit", "descriptor"), "militant": ("militant", "descriptor"),
    "militants": ("militant", "descriptor"), "armed": ("armed", "descriptor"),
    "terrorist": ("terrorist", "descriptor"), "rebel": ("rebel", "descriptor"),
    "paramilitary": ("paramilitary", "descriptor"), "people": ("people", "descriptor"),
    # English content words with a declared meaning shared with the Arabic above
    "righteous": ("truth", "content"), "righteousness": ("truth", "content"), "truth": ("truth", "content"),
    "mobilization": ("mobilization", "content"), "mobilisation": ("mobilization", "content"),
    "popular": ("popular", "content"),
    # ship prefixes (motor vessel, motor tanker): "MV Galaxy Leader" is the "Galaxy Leader"
    "mv": ("vessel", "descriptor"), "mt": ("vessel", "descriptor"),
}  # fmt: skip
# Numbers written as words become digits in organisation names ("Brigade Forty-Four" is
# "Brigade 44", "Third Division" is "3rd Division"), so that the two spellings compare equal.
NUMBER_UNITS: dict[str, int] = {
    w: n
    for n, ws in enumerate(
        ("zero", "one first", "two second", "three third", "four fourth", "five fifth", "six sixth",
         "seven seventh", "eight eighth", "nine ninth", "ten tenth", "eleven eleventh", "twelve twelfth",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
    )
    for w in ws.split()
}  # fmt: skip
NUMBER_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that never count in organisation names (but may in acronyms).
ORG_STOPWORDS: frozenset[str] = frozenset(
    "the of and for in on at to a an de la le du des del da di li wa lil fi los las les il lo gli".split()
)

# ---------------------------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʼʻʿʾ′ʹ"
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_ARABIC_RE = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ZWNJ = "\u200c"
_HEH = "\u0647"


def _title_pattern() -> re.Pattern[str]:
    def word(w: str) -> str:
        return re.escape(w).replace(r"\.", r"\.?") + r"\.?"

    phrases = sorted(TITLES, key=len, reverse=True)
    alts = [r"[\s\-]+".join(word(w) for w in re.split(r"[\s\-]+", p)) for p in phrases]
    return re.compile(r"(?:" + "|".join(alts) + r")(?=[\s,]|$)", re.IGNORECASE)


_TITLE_RE = _title_pattern()
_MOD_RE = re.compile(r"(?:" + "|".join(sorted(TITLE_MODIFIERS, key=len, reverse=True)) + r")-?(?=[\s-])", re.I)
_DEMONYM_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(d).replace(r"\.", r"\.?") for d in sorted(TITLE_DEMONYMS, key=len, reverse=True))
    + r")(?:'s|’s)?(?=\s)",
    re.IGNORECASE,
)


def strip_titles(name: str) -> tuple[str, list[str]]:
    """Remove leading honorifics, titles and roles; return the bare name and the titles.

    A title is only removed when a name follows it ("President" alone stays as it is).
    "Iraqi Prime Minister Mustafa al-Kadhimi" -> ("Mustafa al-Kadhimi", ["Prime Minister"]).
    """
    rest = name.strip()
    titles: list[str] = []
    while True:
        s = re.sub(r"^(?:the|a|an)\s+", "", rest, flags=re.IGNORECASE)
        pos = 0
        m = _DEMONYM_RE.match(s)
        if m and (_TITLE_RE.match(s, _skip_ws(s, m.end())) or _MOD_RE.match(s, _skip_ws(s, m.end()))):
            pos = _skip_ws(s, m.end())
        start = pos
        while True:  # modifiers: "former Deputy ..."
            mm = _MOD_RE.match(s, pos)
            if not mm:
                break
            pos = _skip_ws(s, mm.end())
        mt = _TITLE_RE.match(s, pos)
        if not mt:
            first, _, remainder = s.partition(" ")
            if first in ARABIC_SCRIPT_TITLES and _ARABIC_RE.search(remainder):
                if first == "آية" and remainder.startswith("الله "):  # ayatollah
                    first, remainder = "آية الله", remainder[5:]
                titles.append(first)
                rest = remainder.strip()
                continue
            break
        after = _skip_ws(s, mt.end())
        after = after + 1 if s[after : after + 1] == "," else after
        after = _skip_ws(s, after)
        remainder = s[after:]
        if not any(c.isalpha() for c in remainder):
            break
        titles.append(re.sub(r"\s+", " ", s[start : mt.end()].strip()).rstrip("."))
        rest = remainder
    return rest.strip(), titles


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i].isspace():
        i += 1
    return i


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    abjad: bool  # transliterated from a script without short vowels
    hyphen: bool  # a hyphen followed it in the original ("al-")


def _arabic_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    word = re.sub(r"[\u064b-\u065f\u0670]", "", word)  # harakat
    if word in ARABIC_SCRIPT_WORDS:
        return ARABIC_SCRIPT_WORDS[word]
    if word.startswith(("ال", "أل")) and len(word) > 3:
        word = word[2:]
    word = word.replace(_HEH + _ZWNJ, "").replace(_ZWNJ, "")  # Persian "ه‌ای" endings
    word = re.sub(r"[ءأإئؤ]", "", word)  # hamza carriers
    return anyascii(word)


def _words(text: str) -> list[_Word]:
    """Split a name into folded ASCII words, script-aware."""
    out: list[_Word] = []
    for raw in text.split():
        abjad = bool(_ARABIC_RE.search(raw))
        if abjad:
            raw = _arabic_word(raw)
        elif _latin(raw):
            raw = unicodedata.normalize("NFKD", raw)
            raw = "".join(c for c in raw if not unicodedata.combining(c))
            if not raw.isascii():
                raw = anyascii(raw)
            raw = re.sub(r"(?<=\w{3})['’]s$", "", raw)  # possessive
        else:  # other scripts whole: decomposing would drop marks that change the sound (バ -> ハ)
            raw = anyascii(unicodedata.normalize("NFC", raw))
        raw = _APOS_RE.sub("", raw).lower()
        pieces = re.split(r"([^a-z0-9]+)", raw)
        for i in range(0, len(pieces), 2):
            piece = pieces[i]
            if not piece:
                continue
            sep = pieces[i + 1] if i + 1 < len(pieces) else ""
            out.append(_Word(piece, abjad, "-" in sep))
    return out


def _digits_for_number_words(words: list[_Word]) -> list[_Word]:
    """'forty four' / 'forty 4' -> '44', 'third' / '3rd' -> '3' (organisation names)."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        text = re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", w.text)
        if text in NUMBER_TENS:
            value = NUMBER_TENS[text]
            nxt = words[i + 1].text if i + 1 < len(words) else ""
            unit = NUMBER_UNITS.get(nxt, int(nxt) if nxt.isdigit() and len(nxt) == 1 else None)
            if unit is not None and 0 < unit < 10:
                value, i = value + unit, i + 1
            text = str(value)
        elif text in NUMBER_UNITS:
            text = str(NUMBER_UNITS[text])
        out.append(_Word(text, w.abjad, w.hyphen))
        i += 1
    return out


def _latin(text: str) -> bool:
    """True when every letter of `text` is ASCII or Latin (accented Latin included)."""
    return all(c.isascii() or not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def _canonical_words(words: list[_Word]) -> list[_Word]:
    """Drop articles and a leading "the"; merge "Abd al-Aziz" / "Nasr Allah" / "Salah ad-Din"."""
    kept: list[_Word] = []
    for i, w in enumerate(words):
        if w.text in ARTICLES and (i + 1 < len(words) or i > 0):
            continue
        if w.text in HYPHEN_ARTICLES and w.hyphen and i + 1 < len(words):
            continue
        if i == 0 and w.text == "the" and len(words) > 1:
            continue
        kept.append(w)
    merged: list[_Word] = []
    i = 0
    while i < len(kept):
        w = kept[i]
        text = w.text
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if ABD_PREFIX.match(text) and nxt is not None:
            rest = nxt.text[2:] if nxt.text.startswith("all") else nxt.text  # "Abd Allah"
            text, i = "abd" + rest, i + 1
        elif text.startswith("abd") and len(text) > 5:
            text = "abd" + _after_abd(re.sub(r"^abd[aeiou]?", "", text))
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if nxt is not None and nxt.text in ("din", "deen", "dine", "allah", "ullah"):
            # "Salah ad-Din" / "Salahuddin" / "Salaheddine" -> "salahuddin"; "Nasr Allah" -> "nasrallah"
            text = text.rstrip("aeiou") + "uddin" if nxt.text.startswith("d") else text + "allah"
            i += 1
        elif not w.abjad and text.endswith(("ddin", "ddine", "ddeen")):
            m = re.match(r"^(.{3,}?)[aeiou]*d?d(?:i|ee|ii)ne?$", text)
            if m:
                text = m.group(1).rstrip("aeiou") + "uddin"
        merged.append(_Word(text, w.abjad, w.hyphen))
        i += 1
    return merged


def _after_abd(rest: str) -> str:
    """The name after a solid "Abdul"/"Abdel"/"Abdur": its article letter dropped."""
    if len(rest) > 2 and rest[0] == rest[1] and rest[0] not in VOWELS:
        return rest[1:]  # sun letter: "ur-rahman"
    if rest.startswith("l") and len(rest) > 3:
        return rest[1:]
    return rest


def _strip_suffixes(words: list[_Word]) -> list[_Word]:
    while len(words) > 1 and words[-1].text in NAME_SUFFIXES:
        words = words[:-1]
    return words


@lru_cache(maxsize=65536)
def _key_words(name: str, org: bool | None = None) -> tuple[_Word, ...]:
    """Canonical words of a name. Organisation names (`org`, or None: guessed from their words)
    keep their leading words ("Justice and Development Party") and commas."""
    if org is None:
        org = any(w.text in ORG_WORDS for w in _words(name))
    if org:
        return tuple(_canonical_words(_digits_for_number_words(_words(name))))
    bare, _ = strip_titles(name)
    if "," in bare:  # "Tesh, Robert S."
        head, _, tail = bare.partition(",")
        tail_words = [w for w in _words(tail) if w.text not in NAME_SUFFIXES]
        if head.strip() and tail_words and len(_words(head)) <= 3 and "," not in tail:
            bare = f"{tail} {head}"
    return tuple(_canonical_words(_strip_suffixes(_words(bare))))


def name_key(name: str) -> str:
    """A folded comparison key: 'PM Mostafa Al-Kadhimi' -> 'mostafa kadhimi'."""
    return " ".join(w.text for w in _key_words(name))


def fold(text: str) -> str:
    """Fold without stripping titles or articles: lowercase ASCII words separated by spaces."""
    return " ".join(w.text for w in _words(text))


# ---------------------------------------------------------------------------------------------
# Skeletons and token similarity
# ---------------------------------------------------------------------------------------------


def _consonant_symbol(t: str, i: int) -> tuple[str, int]:
    for spelling, symbol in VARIANT_LETTERS:
        if t.startswith(spelling, i):
            return symbol, len(spelling)
    return t[i].upper(), 1  # digits and anything else


def _is_vowel(t: str, i: int) -> bool:
    c = t[i]
    if c in VOWELS:
        return True
    if c == "y":  # consonant only at the start before a vowel ("Yasin")
        return not (i == 0 and i + 1 < len(t) and t[i + 1] in VOWELS)
    return False


def _collapse(symbols: list[str]) -> str:
    out: list[str] = []
    for s in symbols:
        for ch in s:
            if not out or out[-1] != ch:
                out.append(ch)
    return "".join(out)


def _vowel_run(run: str) -> str:
    if len(run) == 1:
        return VOWEL_CLASSES[run]
    if run.startswith("ae") or (run[0] in "aeo" and any(c in "iy" for c in run[1:])):
        return "W"  # diphthong: ai, ay, ei, ey, ae, aye (the Arabic ya)
    if run == "ie":
        return "I"
    return _collapse([VOWEL_CLASSES[c] for c in run])


@lru_cache(maxsize=65536)
def vowel_skeleton(token: str) -> str:
    """Consonant classes with vowel classes: 'kazemi' -> 'KADEMI', 'kadhimi' -> 'KADIMI'."""
    t = token.lower()
    if len(t) <= 1:
        return t.upper()
    t = re.sub(r"c(?=[eiy])", "s", t)
    t = re.sub(r"(?<=[aeiou])j(?![aeiou])", "y", t)  # a glide: Sergej / Sergey, Andrej / Andrey
    t = t.replace("aou", "awu")  # Daoud / Dawud
    t = re.sub(r"(?<=[aeiouy])h(?=[aeiouy])", "", t)  # Khamenehi, Mohammed / Muhammad
    t = re.sub(r"(?<=[aeiou])h$", "", t)  # Fatimah
    symbols: list[str] = []
    i = 0
    while i < len(t):
        if _is_vowel(t, i):
            j = i
            while j < len(t) and _is_vowel(t, j):
                j += 1
            symbols.append(_vowel_run(t[i:j]))
            i = j
        else:
            symbol, n = _consonant_symbol(t, i)
            symbols.append(symbol)
            i += n
    return _collapse(symbols)


@lru_cache(maxsize=65536)
def consonant_skeleton(token: str, abjad: bool = False) -> str:
    """Consonant classes only (no vowels, w or y; no final h): 'kadhimi' -> 'KDM', 'mhmd' -> 'MHMD'."""
    t = token.lower()
    t = re.sub(r"c(?=[eiy])", "s", t)
    symbols: list[str] = []
    i = 0
    while i < len(t):
        if t[i] in "aeiouyw":
            i += 1
            continue
        symbol, n = _consonant_symbol(t, i)
        if symbol != "V":  # w/v: a long vowel in Arabic script, so never counted
            symbols.append(symbol)
        i += n
    out = _collapse(symbols)
    if out.endswith("H") and len(out) > 1:  # ta marbuta, "-ah"
        out = out[:-1]
    return out


def coarse_key(token: str, abjad: bool = False) -> str:
    """A blocking key: consonant skeleton in coarse classes."""
    cs = consonant_skeleton(token, abjad)
    return _collapse([COARSE_CLASSES.get(c, c) for c in cs])


_INDEL: dict[str, float] = {next(iter(k)): v for k, v in CHEAP_EDITS.items() if len(k) == 1}
_SUBST: dict[tuple[str, str], float] = {}
for _pair, _cost in CHEAP_EDITS.items():
    if len(_pair) == 2:
        _x, _y = sorted(_pair)
        _SUBST[(_x, _y)] = _SUBST[(_y, _x)] = _cost


@lru_cache(maxsize=262144)
def _edit_cost(a: str, b: str) -> float:
    """Weighted edit distance between two skeletons (costs from `CHEAP_EDITS`)."""
    indel, subst = _INDEL, _SUBST
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + indel.get(ch, 1.0))
    for ca in a:
        del_a = indel.get(ca, 1.0)
        cur = [prev[0] + del_a]
        for j, cb in enumerate(b, 1):
            sub = prev[j - 1] + (0.0 if ca == cb else subst.get((ca, cb), 1.0))
            dele = prev[j] + del_a
            ins = cur[j - 1] + indel.get(cb, 1.0)
            cur.append(sub if sub <= dele and sub <= ins else (dele if dele <= ins else ins))
        prev = cur
    return prev[-1]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    abjad: bool = False

    @property
    def initial(self) -> bool:
        return len(self.text) == 1

    @property
    def vskel(self) -> str:
        return vowel_skeleton(self.text)

    @property
    def cskel(self) -> str:
        return consonant_skeleton(self.text, self.abjad)


TOKEN_MATCH = 0.85  # a token pair scoring at least this is the same name


@lru_cache(maxsize=262144)
def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """How alike two name tokens are, and how: (score in [0,1], explanation)."""
    if a.text == b.text:
        return 1.0, "same"
    if a.initial or b.initial:
        ca, cb = _initial_class(a.text), _initial_class(b.text)
        if a.initial and b.initial:
            return (0.9, "same initial") if ca == cb else (0.0, "different initials")
        return (0.8, "initial") if ca == cb else (0.0, "different initial")
    if NICKNAMES.get(a.text, a.text) == NICKNAMES.get(b.text, b.text):
        return 0.88, "short form"
    if a.abjad or b.abjad:
        ca, cb = a.cskel, b.cskel
        if ca == cb and ca:
            return 0.9, f"same consonants {ca} across scripts"
        if min(len(ca), len(cb)) >= 3:
            score = 0.9 - 0.6 * _edit_cost(ca, cb) / max(len(ca), len(cb))
            if score >= TOKEN_MATCH:
                return round(score, 3), f"near consonants {ca}/{cb} across scripts"
        return _alt_article(a, b) or (max(0.0, round(_skeleton_score(ca, cb), 3)), f"consonants {ca}/{cb} differ")
    va, vb = a.vskel, b.vskel
    if va == vb:
        return 0.95, f"spelling variant ({va})"
    if a.text.replace("g", "h") == b.text.replace("g", "h"):
        return 0.9, "g/h transliteration (Russian Oleg, Ukrainian Oleh)"
    longest = max(len(va), len(vb))
    if min(len(va), len(vb)) >= 4:
        score = min(0.92, 1.0 - _edit_cost(va, vb) / longest)
        if score >= TOKEN_MATCH:
            return round(score, 3), f"close spelling ({va}/{vb})"
    else:
        score = 0.0
    if min(len(a.text), len(b.text)) >= 7 and JaroWinkler.similarity(a.text, b.text) >= 0.95:
        return 0.86, "near-identical spelling"
    slip = _typing_slip(a.text, b.text)
    if slip is not None:
        return TYPO_SCORE, f"{TYPO_REASON} ({slip})"
    return _alt_article(a, b) or (round(max(score, 0.0), 3), f"different ({va}/{vb})")


TYPO_SCORE = 0.86
TYPO_REASON = "one-letter typo"
# A name matched only through a typing slip is the same name for `compare_names`, but weak
# evidence for the resolver: its score stays under the resolver's STRONG bar (0.8), so it joins
# a known actor only when that actor is the only candidate or shares context.
TYPO_SCORE_CAP = 0.79
_VOWELS_Y = frozenset("aeiouy")


def _typing_slip(x: str, y: str) -> str | None:
    """The single edit between two words when it looks like a slip of the keyboard, else None.

    One consonant typed wrong for another, added or dropped inside the word ("Pulin"/"Putin",
    "Chevon"/"Chevron"), or two neighbouring letters swapped in a longer word ("Marcon"/"Macron").
    Never: words of under four letters; the first letter (Kamal/Jamal, Nasser/Yasser are
    different names); a vowel changed, added or dropped (Jamil/Jamal, Hamid/Hamad, Daniel/
    Daniela are different names or genders; vowel spellings are the skeletons' business); a
    changed digit (series 1/2).
    """
    if min(len(x), len(y)) < 4 or max(len(x), len(y)) < 5 or x[0] != y[0] or OSA.distance(x, y) != 1:
        return None
    if len(x) != len(y):
        longer, shorter = (x, y) if len(x) > len(y) else (y, x)
        i = next((k for k in range(len(shorter)) if shorter[k] != longer[k]), len(shorter))
        return None if longer[i] in _VOWELS_Y else f"{longer[i]} dropped"
    diffs = [k for k in range(len(x)) if x[k] != y[k]]
    if len(diffs) == 2:
        return f"{x[diffs[0]]}{x[diffs[1]]} swapped" if len(x) >= 6 else None
    cx, cy = x[diffs[0]], y[diffs[0]]
    if cx in _VOWELS_Y or cy in _VOWELS_Y or (cx.isdigit() and cy.isdigit()):
        return None
    return f"{cx}/{cy}"


def _skeleton_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - _edit_cost(a, b) / max(len(a), len(b))


_PREFIXES: tuple[str, ...] = tuple(sorted(ARTICLES | SURNAME_PARTICLES, key=len, reverse=True))


def _alt_article(a: Token, b: Token) -> tuple[float, str] | None:
    """'Alkadhimi' is 'al-Kadhimi' written solid; 'DiCaprio' / 'de Gaulle' keep a particle."""
    for x, y in ((a, b), (b, a)):
        for prefix in _PREFIXES:
            if x.text.startswith(prefix) and len(x.text) - len(prefix) >= 5 and not y.text.startswith(prefix):
                score, how = token_similarity(Token(x.text[len(prefix) :], x.abjad), y)
                if score >= TOKEN_MATCH:
                    return round(score - 0.05, 3), f"particle {prefix} written on; {how}"
    return None


def _initial_class(text: str) -> str:
    first = text[0]
    if first in "aeiouy":
        return "A"
    symbol, _ = _consonant_symbol(text, 0)
    return COARSE_CLASSES.get(symbol, symbol)[0]


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamePart:
    token: Token
    kunya: bool = False  # "Abu Ali": token is "ali"


@dataclass(frozen=True, slots=True)
class PersonName:
    given: tuple[NamePart, ...]
    surname: NamePart | None
    patronymic: bool  # surname follows "bin"/"ibn" ("Mohammed bin Salman")
    connector_surname: bool  # the name opens with the connector ("bin Laden")
    abjad: bool

    @property
    def bare(self) -> bool:
        return self.surname is not None and not self.given

    @property
    def parts(self) -> tuple[NamePart, ...]:
        return (*self.given, *((self.surname,) if self.surname else ()))


@lru_cache(maxsize=65536)
def parse_person(name: str) -> PersonName:
    words = list(_key_words(name, False))
    parts: list[NamePart] = []
    patronymic = False
    connector_surname = False
    i = 0
    while i < len(words):
        w = words[i]
        if w.text in KUNYA_MARKERS and i + 1 < len(words):
            parts.append(NamePart(Token(words[i + 1].text, words[i + 1].abjad), kunya=True))
            i += 2
            continue
        if w.text in CONNECTORS and i + 1 < len(words) and (i > 0 or len(words) == 2):
            if i == 0:
                connector_surname = True
            elif i + 2 == len(words):
                patronymic = True
            i += 1
            continue
        if w.text in SURNAME_PARTICLES and i + 1 < len(words):  # "von der Leyen" -> "vonderleyen"
            j = i
            while j + 1 < len(words) and words[j].text in SURNAME_PARTICLES:
                j += 1
            text = "".join(x.text for x in words[i : j + 1])
            parts.append(NamePart(Token(text, words[j].abjad)))
            i = j + 1
            continue
        parts.append(NamePart(Token(w.text, w.abjad)))
        i += 1
    abjad = any(w.abjad for w in words)
    if not parts:
        return PersonName((), None, False, False, abjad)
    if parts[-1].kunya:
        return PersonName(tuple(parts), None, False, False, abjad)
    return PersonName(tuple(parts[:-1]), parts[-1], patronymic, connector_surname, abjad)


def _part_similarity(a: NamePart, b: NamePart) -> tuple[float, str]:
    if a.kunya != b.kunya:
        return 0.0, "kunya vs given name"
    score, how = token_similarity(a.token, b.token)
    if a.kunya:
        how = f"kunya Abu {a.token.text}/Abu {b.token.text}: {how}"
    return score, how


def _show(part: NamePart) -> str:
    return f"abu {part.token.text}" if part.kunya else part.token.text


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The outcome of comparing two names: a score in [0,1], a verdict, and why."""

    score: float
    same: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Detail:
    match: NameMatch
    partial: bool = False  # one side is only a part of a name (bare surname, kunya alone, acronym)
    conflict: bool = False  # same surname / words, but something that tells them apart
    translated: bool = False  # matched only through declared translations


def _compare_persons(na: str, nb: str) -> _Detail:
    a, b = parse_person(na), parse_person(nb)
    if not a.parts or not b.parts:
        return _Detail(NameMatch(0.0, False, ("empty name",)))
    if a.surname is None or b.surname is None:
        return _compare_kunya_only(a, b)
    s_score, s_how = token_similarity(a.surname.token, b.surname.token)
    if s_score < TOKEN_MATCH:
        alt = _surname_fallbacks(a, b)
        if alt is not None:
            return alt
        return _Detail(
            NameMatch(round(0.5 * s_score, 3), False, (f"surnames differ: {_show(a.surname)}/{_show(b.surname)}",))
        )
    reasons = [f"surname {a.surname.token.text}/{b.surname.token.text}: {s_how}"]
    if _gendered_pair(a.surname.token.text, b.surname.token.text):
        reasons.append("masculine and feminine forms of one surname: two people")
        return _Detail(NameMatch(round(0.5 * s_score, 3), False, tuple(reasons)), conflict=True)
    if a.bare or b.bare:
        bare, full = (a, b) if a.bare else (b, a)
        if a.bare and b.bare:
            return _Detail(NameMatch(round(s_score, 3), True, tuple(reasons)), partial=True)
        if full.patronymic and not bare.connector_surname:
            reasons.append("the full name's last part is a patronymic (bin/ibn): a bare one is someone else")
            return _Detail(NameMatch(0.45, False, tuple(reasons)), partial=True)
        reasons.append("bare surname against a full name")
        return _Detail(NameMatch(round(0.55 + 0.15 * s_score, 3), True, tuple(reasons)), partial=True)
    return _compare_given(a.given, b.given, s_score, reasons)


def _gendered_pair(a: str, b: str) -> bool:
    """Navalny / Navalnaya, Ivanov / Ivanova: a Slavic surname in its two genders."""
    for x, y in ((a, b), (b, a)):
        for masc, fem in SLAVIC_GENDER_ENDINGS:
            if x.endswith(masc) and y.endswith(fem) and x[: len(x) - len(masc)] == y[: len(y) - len(fem)]:
                return True
    return False


def _compare_given(ga: tuple[NamePart, ...], gb: tuple[NamePart, ...], s_score: float, reasons: list[str]) -> _Detail:
    short, long_ = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    matched: list[tuple[int, float]] = []
    j = 0
    for part in short:
        found = None
        for k in range(j, len(long_)):
            score, how = _part_similarity(part, long_[k])
            if score < TOKEN_MATCH and not part.kunya and k + 1 < len(long_) and not long_[k].kunya:
                joined = NamePart(Token(long_[k].token.text + long_[k + 1].token.text, long_[k].token.abjad))
                score2, how2 = _part_similarity(part, joined)
                if score2 >= TOKEN_MATCH:
                    score, how = score2, f"{how2} (written as two words)"
            if score >= TOKEN_MATCH or (score >= 0.8 and (part.token.initial or long_[k].token.initial)):
                found = (k, score, how)
                break
        if found is None:
            others = " ".join(_show(p) for p in long_)
            reasons.append(f"given names differ: {_show(part)} not in {others}")
            return _Detail(NameMatch(round(0.5 * s_score, 3), False, tuple(reasons)), conflict=True)
        k, score, how = found
        reasons.append(f"given {_show(part)}/{_show(long_[k])}: {how}")
        matched.append((k, score))
        j = k + 1
    used = {k for k, _ in matched}
    extra = [p for k, p in enumerate(long_) if k not in used]
    # "George W. Bush" / "George H. W. Bush": both carry middle initials and they disagree. A
    # full middle name left out ("Jamal Sultan al-Tikriti" / "Jamal Mustafa Abdallah Sultan
    # al-Tikriti") is the usual short form of a chain of names.
    if len(short) >= 2 and extra and any(k > 0 for k in used) and any(k not in used for k in range(1, len(long_))):
        gap = [p for k, p in enumerate(long_) if k not in used and 0 < k < max(used)]
        if gap and any(p.token.initial for p in (*gap, *short[1:])):
            reasons.append("middle names differ: " + " ".join(_show(p) for p in gap))
            return _Detail(NameMatch(round(0.5 * s_score, 3), False, tuple(reasons)), conflict=True)
    given_score = sum(s for _, s in matched) / len(matched)
    score = 0.5 * s_score + 0.5 * given_score - 0.04 * min(len(extra), 2)
    if matched[0][0] != 0:
        score -= 0.12
        reasons.append("first given names do not line up")
    if extra:
        reasons.append("extra given names: " + " ".join(_show(p) for p in extra))
    return _Detail(NameMatch(round(max(0.0, min(1.0, score)), 3), True, tuple(reasons)))


def _compare_kunya_only(a: PersonName, b: PersonName) -> _Detail:
    """One name is a kunya alone ("Abu Fadak"): it must be a kunya of the other."""
    only, other = (a, b) if a.surname is None else (b, a)
    kunyas = [p for p in only.parts if p.kunya]
    for k in kunyas:
        for p in other.parts:
            if p.kunya:
                score, how = _part_similarity(k, p)
                if score >= TOKEN_MATCH:
                    partial = only is not other and other.surname is not None
                    final = round(0.6 + 0.15 * score, 3) if partial else round(score, 3)
                    return _Detail(NameMatch(final, True, (how, "kunya alone against a full name")), partial=partial)
    return _Detail(NameMatch(0.1, False, ("no shared kunya",)))


def _in_order(short: tuple[NamePart, ...], long_: tuple[NamePart, ...]) -> list[tuple[int, str]] | None:
    """Where each part of `short` is found in `long_`, in order (first parts together), or None."""
    found: list[tuple[int, str]] = []
    j = 0
    for part in short:
        for k in range(j, len(long_)):
            score, how = _part_similarity(part, long_[k])
            if score >= TOKEN_MATCH:
                found.append((k, f"{_show(part)}/{_show(long_[k])}: {how}"))
                j = k + 1
                break
        else:
            return None
    return found if found and found[0][0] == 0 else None


def _other_order(short: tuple[NamePart, ...], long_: tuple[NamePart, ...]) -> list[str] | None:
    """Each part of `short` matched one-to-one by a part of `long_` in another order, or None.
    In the same order with the first name missing ("Ahmad Khan" / "Imran Ahmad Khan") is not."""
    used: list[int] = []
    reasons: list[str] = []
    for part in short:
        best = max(
            ((_part_similarity(part, y), k) for k, y in enumerate(long_) if k not in used),
            key=lambda t: t[0][0],
            default=None,
        )
        if best is None or best[0][0] < TOKEN_MATCH:
            return None
        used.append(best[1])
        reasons.append(f"{_show(part)}/{_show(long_[best[1]])}: {best[0][1]}")
    return None if used == sorted(used) else reasons


def _distinct_parts(p: PersonName) -> tuple[NamePart, ...]:
    """The parts of a name, a repeated one once ("Sergey Sergey Shoigu")."""
    seen: set[tuple[str, bool]] = set()
    out = []
    for part in p.parts:
        if (part.token.text, part.kunya) not in seen:
            seen.add((part.token.text, part.kunya))
            out.append(part)
    return tuple(out)


def _surname_fallbacks(a: PersonName, b: PersonName) -> _Detail | None:
    # the longer name adds names, the shorter keeps its first name and the others in order:
    # "Mohammed bin Salman" / "Mohammed bin Salman Al Saud", "Anjem Choudary" / "Anjem
    # Iftikhar Choudary Mahmood"
    pa, pb = a.parts, b.parts
    short, long_ = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    if 2 <= len(short) < len(long_):
        found = _in_order(short, long_)
        if found is not None:
            used = {k for k, _ in found}
            extra = " ".join(_show(p) for k, p in enumerate(long_) if k not in used)
            return _Detail(NameMatch(0.78, True, (*(how for _, how in found), f"the longer name adds: {extra}")))
    # the same names in another order: "Rotenberg Arkadiy" / "Arkadii Romanovich Rotenberg";
    # weak evidence (0.75), as the order of an Arabic name says who is whose son
    da, db = _distinct_parts(a), _distinct_parts(b)
    short, long_ = (da, db) if len(da) <= len(db) else (db, da)
    if len(short) >= 2 and not (a.patronymic and b.patronymic):
        matched = _other_order(short, long_)
        if matched is not None:
            return _Detail(NameMatch(0.75, True, (*matched, "the same names in another order")))
    # the surname written as two words: "Xi Jin-ping" / "Xi Jinping"
    for x, y in ((a, b), (b, a)):
        if len(x.given) >= 1 and x.surname is not None and y.surname is not None and not x.given[-1].kunya:
            joined = Token(x.given[-1].token.text + x.surname.token.text, x.abjad)
            score, how = token_similarity(joined, y.surname.token)
            if score >= TOKEN_MATCH:
                rest = PersonName(x.given[:-1], NamePart(joined), x.patronymic, False, x.abjad)
                detail = (
                    _compare_given(rest.given, y.given, score, [f"surname written as two words: {how}"])
                    if rest.given and y.given
                    else _Detail(NameMatch(round(0.55 + 0.15 * score, 3), True, (how,)), partial=True)
                )
                return detail
    # family name first: a bare "Xi" against "Xi Jinping"
    for x, y in ((a, b), (b, a)):
        if x.bare and y.given and not y.given[0].kunya and y.given[0].token.text in FAMILY_FIRST_SURNAMES:
            score, how = token_similarity(x.surname.token, y.given[0].token)  # type: ignore[union-attr]
            if score >= 0.95:
                return _Detail(NameMatch(0.65, True, (f"family name written first: {how}",)), partial=True)
    return None


# ---------------------------------------------------------------------------------------------
# Organisation names
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgWord:
    token: Token
    meaning: str | None
    role: str  # "content", "head", "descriptor"


@lru_cache(maxsize=2)
def _org_vocab(abjad: bool) -> dict[str, tuple[str, str]]:
    if abjad:  # Arabic script: by consonants ("ktb" is kataib)
        return {consonant_skeleton(w): v for w, v in ORG_WORDS.items() if len(consonant_skeleton(w)) >= 2}
    return {vowel_skeleton(w): v for w, v in ORG_WORDS.items() if len(w) > 3}


def _org_word(text: str, abjad: bool) -> OrgWord:
    entry = ORG_WORDS.get(text)
    if entry is None and abjad:
        entry = _org_vocab(True).get(consonant_skeleton(text, True))
    elif entry is None and len(text) > 3:
        entry = _org_vocab(False).get(vowel_skeleton(text))
    if entry is None:
        return OrgWord(Token(text, abjad), None, "content")
    meaning, role = entry
    return OrgWord(Token(text, abjad), meaning, role)


@dataclass(frozen=True, slots=True)
class OrgName:
    words: tuple[OrgWord, ...]
    acronym: str | None  # the name is itself an acronym ("PMF", "K.H.")
    expansions: frozenset[str]  # acronyms the name's initials can form

    @property
    def content(self) -> tuple[OrgWord, ...]:
        return tuple(w for w in self.words if w.role == "content")

    @property
    def heads(self) -> tuple[OrgWord, ...]:
        return tuple(w for w in self.words if w.role == "head")


def is_acronym(name: str) -> bool:
    """'PMF', 'K.H.', 'ISIS': one short word in capitals."""
    compact = re.sub(r"[.\s]", "", name.strip())
    letters = [c for c in compact if c.isalpha()]
    return 2 <= len(letters) <= 6 and compact.isalnum() and all(c.isupper() for c in letters)


def acronyms_of(name: str) -> frozenset[str]:
    """Acronyms a name can form from its initials, article and stopwords optional."""
    bare, _ = strip_titles(name)
    words = [w.text for w in _words(bare)]
    words = [w for w in words if w]
    if len(words) < 2:
        return frozenset()
    choices: list[tuple[str, ...]] = []
    optional = 0
    for w in words:
        if w in ARTICLES or w in ORG_STOPWORDS or w in HYPHEN_ARTICLES:
            choices.append(("", w[0]))
            optional += 1
        else:
            choices.append((w[0],))
    if optional > 6:
        choices = [c if len(c) == 1 else ("",) for c in choices]
    return frozenset("".join(c).upper() for c in product(*choices) if len("".join(c)) >= 2)


def _initials_joined(words: tuple[_Word, ...]) -> list[_Word]:
    """Letters written apart are one word, in their order: 'A.B.C. Company' -> 'abc company'."""
    letters = [len(w.text) == 1 and w.text.isalpha() for w in words]
    words = tuple(  # "H and M" is "H&M"
        w
        for i, w in enumerate(words)
        if not (w.text == "and" and 0 < i < len(words) - 1 and letters[i - 1] and letters[i + 1])
    )
    out: list[_Word] = []
    run: list[_Word] = []
    for w in (*words, None):
        if w is not None and len(w.text) == 1 and w.text.isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.append(_Word("".join(x.text for x in run), run[0].abjad, run[-1].hyphen))
        else:
            out.extend(run)
        run = []
        if w is not None:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def parse_org(name: str) -> OrgName:
    acronym = re.sub(r"[.\s]", "", name.strip()).upper() if is_acronym(name) else None
    words = [w for w in _initials_joined(_key_words(name, True)) if w.text not in ORG_STOPWORDS]
    return OrgName(tuple(_org_word(w.text, w.abjad) for w in words), acronym, acronyms_of(name))


def _org_token_similarity(a: OrgWord, b: OrgWord) -> tuple[float, str, bool]:
    score, how = token_similarity(a.token, b.token)
    if score >= TOKEN_MATCH:
        return score, how, False
    if a.meaning and a.meaning == b.meaning:
        return 0.8, f"translation {a.token.text}={b.token.text} ({a.meaning})", True
    return score, how, False


def _align(
    xs: tuple[OrgWord, ...], ys: tuple[OrgWord, ...]
) -> tuple[list[tuple[int, int, float, str, bool]], set[int], set[int]]:
    pairs = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            score, how, translated = _org_token_similarity(x, y)
            if score >= TOKEN_MATCH or translated:
                pairs.append((score, i, j, how, translated))
    pairs.sort(key=lambda p: -p[0])
    used_x: set[int] = set()
    used_y: set[int] = set()
    out = []
    for score, i, j, how, translated in pairs:
        if i in used_x or j in used_y:
            continue
        used_x.add(i)
        used_y.add(j)
        out.append((i, j, score, how, translated))
    return out, set(range(len(xs))) - used_x, set(range(len(ys))) - used_y


def _compare_orgs(na: str, nb: str) -> _Detail:
    a, b = parse_org(na), parse_org(nb)
    if (a.acronym or b.acronym) and not (a.acronym and b.acronym):
        acr, other = (a, b) if a.acronym else (b, a)
        if acr.acronym in other.expansions:
            return _Detail(NameMatch(0.85, True, (f"acronym {acr.acronym} of the full name",)), partial=True)
        if len(other.words) >= 2 or other.expansions:
            return _Detail(NameMatch(0.0, False, (f"acronym {acr.acronym} does not fit",)))
    if a.acronym and b.acronym:
        same = a.acronym == b.acronym
        return _Detail(NameMatch(1.0 if same else 0.0, same, ("same acronym" if same else "different acronyms",)))
    if not a.words or not b.words:
        return _Detail(NameMatch(0.0, False, ("empty name",)))
    ca, cb = a.content, b.content
    if not ca and not cb:  # only generic words: "the Brigades" / "the militia"
        ca, cb = a.words, b.words
    pairs, un_a, un_b = _align(ca, cb)
    reasons = [f"{ca[i].token.text}/{cb[j].token.text}: {how}" for i, j, _, how, _ in pairs]
    translated = any(t for *_, t in pairs)
    coverage = len(pairs) / max(len(ca), len(cb), 1)
    if not pairs:
        return _Detail(NameMatch(0.0, False, ("no words in common",)))
    if un_a and un_b:
        reasons.append(
            "different words: " + " ".join(ca[i].token.text for i in sorted(un_a))
            + " / " + " ".join(cb[j].token.text for j in sorted(un_b))
        )  # fmt: skip
        return _Detail(NameMatch(round(0.4 * coverage, 3), False, tuple(reasons)), conflict=True)
    if un_a or un_b:
        extra = [ca[i].token.text for i in sorted(un_a)] or [cb[j].token.text for j in sorted(un_b)]
        reasons.append("one name has more words: " + " ".join(extra))
        return _Detail(NameMatch(round(0.55 * coverage, 3), False, tuple(reasons)), partial=True)
    content_score = sum(s for _, _, s, _, _ in pairs) / len(pairs)
    score = content_score
    ha, hb = a.heads, b.heads
    if ha or hb:
        hpairs, hun_a, hun_b = _align(ha, hb)
        reasons.extend(f"{ha[i].token.text}/{hb[j].token.text}: {how}" for i, j, _, how, _ in hpairs)
        translated = translated or any(t for *_, t in hpairs)
        if hun_a and hun_b:
            reasons.append(
                "different kinds of body: " + " ".join(ha[i].token.text for i in sorted(hun_a))
                + " / " + " ".join(hb[j].token.text for j in sorted(hun_b))
            )  # fmt: skip
            return _Detail(NameMatch(round(0.5 * score, 3), False, tuple(reasons)), conflict=True)
        if hun_a or hun_b:
            missing = [ha[i].token.text for i in sorted(hun_a)] or [hb[j].token.text for j in sorted(hun_b)]
            if len(pairs) == 1:
                reasons.append(f"only one name says {' '.join(missing)}: may be a different body")
                return _Detail(NameMatch(round(0.55 * score, 3), False, tuple(reasons)), partial=True)
            reasons.append(f"only one name says {' '.join(missing)}")
            score -= 0.06
        if hpairs:
            head_score = sum(s for _, _, s, _, _ in hpairs) / len(hpairs)
            score = (score * len(pairs) + 0.3 * head_score * len(hpairs)) / (len(pairs) + 0.3 * len(hpairs))
    if translated:
        reasons.append("matched through translation: context should confirm")
        score = min(score, 0.78)
    ratio = token_set_ratio(fold(na), fold(nb)) / 100
    reasons.append(f"token-set ratio {ratio:.2f}")
    return _Detail(NameMatch(round(max(0.0, min(1.0, score)), 3), True, tuple(reasons)), translated=translated)


# ---------------------------------------------------------------------------------------------
# Public comparison
# ---------------------------------------------------------------------------------------------


def guess_kind(a: str, b: str = "") -> NameKind:
    """'org' when either name is an acronym or carries an organisation word, else 'person'."""
    for name in (a, b):
        if not name:
            continue
        if is_acronym(name):
            return "org"
        if any(w.text in ORG_WORDS for w in _words(name)):
            return "org"
    return "person"


def normalize_kind(kind: str | None) -> NameKind | None:
    """'PERSON'/'per' -> 'person'; 'ORG'/'GROUP'/'GPE'/'organisation' -> 'org'; '' -> None."""
    if not kind:
        return None
    k = kind.strip().lower()
    if k in ("person", "per", "people", "individual", "p"):
        return "person"
    if k in ("org", "organization", "organisation", "group", "gpe", "loc", "location", "norp", "o", "place"):
        return "org"
    return None


# Company legal forms, declared as data: the same company is "Siemens AG" and "Siemens
# Aktiengesellschaft", "OOO Oboronnye" and "Oboronnye LLC". Longer forms first.
LEGAL_FORMS: tuple[str, ...] = (
    "open joint stock company",
    "closed joint stock company",
    "public joint stock company",
    "joint stock company",
    "limited liability company",
    "limited liability partnership",
    "societatea cu raspundere limitata",
    "sociedad anonima",
    "societe anonyme",
    "aktiengesellschaft",
    "gesellschaft mit beschrankter haftung",
    "public limited company",
    "private limited company",
    "incorporated",
    "corporation",
    "limited",
    "company",
    "gmbh",
    "ag",
    "ltd",
    "llc",
    "llp",
    "lp",
    "inc",
    "corp",
    "co",
    "plc",
    "sa",
    "srl",
    "sarl",
    "bv",
    "nv",
    "spa",
    "ooo",
    "oao",
    "zao",
    "ojsc",
    "cjsc",
    "pjsc",
    "jsc",
    "ao",
    "pao",
    "sp z o o",
    "sp z oo",
    "kft",
    "oy",
    "ab",
    "as",
)
_LEGAL_RE = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")(?=\s|$)")


def strip_legal_form(name: str) -> str:
    """An organisation's name without its legal form ("Siemens AG" -> "siemens")."""
    folded = anyascii(name).lower()
    folded = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", folded)  # "a.b.c." -> "abc."
    folded = re.sub(r"[^\w\s]", " ", folded)
    previous = None
    while previous != folded:
        previous = folded
        folded = _LEGAL_RE.sub(" ", f" {folded} ").strip()
        folded = re.sub(r"\s+", " ", folded)
    return folded


@lru_cache(maxsize=262144)
def compare_detail(a: str, b: str, kind: NameKind | None = None) -> _Detail:
    """Compare two names (`kind` None: guessed) and say how: score, verdict, reasons, flags."""
    alts_a, alts_b = _alternatives(a), _alternatives(b)
    if len(alts_a) > 1 or len(alts_b) > 1:  # "Al-Qa'ida/Islamic Army": either name may match
        options = [compare_detail(x, y, kind) for x in alts_a for y in alts_b]
        return max(options, key=lambda d: (d.match.same, d.match.score))
    detail = _compare_detail(a, b, kind)
    m = detail.match
    if m.same and m.score > TYPO_SCORE_CAP and any(TYPO_REASON in r for r in m.reasons):
        capped = NameMatch(TYPO_SCORE_CAP, True, (*m.reasons, "matched through a typing slip: weak evidence"))
        return _Detail(capped, detail.partial, detail.conflict, detail.translated)
    return detail


def _alternatives(name: str) -> list[str]:
    """The names of 'X/Y' (two names of one actor, as lists write them), else the name alone.
    Pieces of under three letters ("AC/DC", "M/V") are not names of their own."""
    parts = [p.strip() for p in name.split("/")]
    if len(parts) > 1 and all(sum(c.isalpha() for c in p) >= 3 for p in parts):
        return parts
    return [name]


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _cjk_only(name: str) -> str | None:
    """The letters of a name written wholly in Chinese characters, kana or Hangul, else None."""
    letters = [c for c in unicodedata.normalize("NFKC", name) if c.isalpha()]
    if letters and all(_CJK_RE.match(c) for c in letters):
        return "".join(letters)
    return None


def _compare_detail(a: str, b: str, kind: NameKind | None) -> _Detail:
    ca, cb = _cjk_only(a), _cjk_only(b)
    if ca is not None and cb is not None:
        # Each character is a syllable of the name: another character is another name, even when
        # the romanisation is the same (高石 / 高市 are both "Gao Shi").
        same = ca == cb
        why = "same characters" if same else f"different characters: {a} / {b}"
        return _Detail(NameMatch(1.0 if same else 0.0, same, (why,)))
    if kind is None:
        kind = guess_kind(a, b)
    if kind == "org":
        sa, sb = strip_legal_form(a), strip_legal_form(b)
        if sa and sb and (sa, sb) != (anyascii(a).lower(), anyascii(b).lower()):
            if sa == sb or sa.replace(" ", "") == sb.replace(" ", ""):
                return _Detail(NameMatch(0.95, True, (f"same name apart from legal form: {sa}",)))
            if len(sa) > 2 and len(sb) > 2 and (a.lower() != sa or b.lower() != sb):
                inner = _compare_orgs(sa, sb)
                if inner.match.same:
                    return inner
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return _Detail(NameMatch(0.0, False, ("empty name",)))
    if ka == kb:
        if kind == "person":
            p = parse_person(a)
            return _Detail(NameMatch(1.0, True, ("same folded name",)), partial=p.bare or p.surname is None)
        return _Detail(NameMatch(1.0, True, ("same folded name",)), partial=is_acronym(a))
    if kind == "person":
        return _compare_persons(a, b)
    return _compare_orgs(a, b)


def compare_names(a: str, b: str, kind: NameKind | None = None) -> NameMatch:
    """Compare two names; `kind` is 'person', 'org' or None (guessed)."""
    return compare_detail(a, b, normalize_kind(kind) if kind else None).match


def blocking_keys(name: str, kind: NameKind) -> set[str]:
    """Keys under which a name is indexed and looked up by the resolver.

    Persons: the surname's keys (``s:``), the surname with the first given name's initial
    class (``sg:``), kunyas (``k:``), a family-name-first given name. Organisations: each
    content word (``w:``) and every acronym the name is or can form (``a:``). Each token gives
    a coarse vowel-skeleton key (``v``, Latin script only), a coarse consonant key (``c``, also
    for Arabic script) and a metaphone code (``m``).
    """
    keys: set[str] = set()
    if kind == "person":
        p = parse_person(name)
        if p.surname is not None:
            surname_keys = _token_keys("s", p.surname.token)
            keys |= surname_keys
            if p.given:
                first = p.given[0]
                init = ("k" if first.kunya else "") + _initial_class(first.token.text)
                keys |= {f"sg{k[1:]}|{init}" for k in surname_keys if not k.startswith("s:m:")}
            if p.given and not p.given[0].kunya and p.given[0].token.text in FAMILY_FIRST_SURNAMES:
                keys |= _token_keys("s", p.given[0].token)
            # "Najaf-Abadi" is found under "Najafabadi": a hyphenated surname also as one word
            words = _key_words(name)
            if len(words) >= 3 and words[-2].hyphen and not words[-2].abjad:
                keys |= _token_keys("s", Token(words[-2].text + words[-1].text))
        for part in p.parts:
            if part.kunya:
                keys |= _token_keys("k", part.token)
        return keys
    o = parse_org(name)
    if o.acronym:
        keys.add(f"a:{o.acronym}")
    keys |= {f"a:{x}" for x in o.expansions if len(x) >= 2}
    words = o.content or o.heads or o.words
    for w in words:
        keys |= _token_keys("w", w.token)
    return keys


def coarse_vowel_key(token: str) -> str:
    """A blocking key: the vowel skeleton in coarse classes, every vowel class one 'a'."""
    return _collapse(["a" if c in "AEIUW" else COARSE_CLASSES.get(c, c) for c in vowel_skeleton(token)])


def _token_keys(prefix: str, token: Token) -> set[str]:
    keys = {f"{prefix}:c:{coarse_key(token.text, token.abjad) or token.text}"}
    if not token.abjad:
        keys.add(f"{prefix}:v:{coarse_vowel_key(token.text)}")
        code = jellyfish.metaphone(token.text)
        if code:
            keys.add(f"{prefix}:m:{code}")
    return keys


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def compare_pairs_csv(in_path: str | Path, out_path: str | Path) -> dict[str, int]:
    """Read name1,name2[,type] rows; write them back with `same` and `score` columns.

    Returns counts: rows, same, different.
    """
    counts = {"rows": 0, "same": 0, "different": 0}
    with open(in_path, newline="", encoding="utf-8-sig") as fin:
        reader = csv.DictReader(fin)
        fields = list(reader.fieldnames or [])
        if not {"name1", "name2"} <= {f.strip().lower() for f in fields}:
            raise ValueError(f"{in_path}: expected columns name1,name2[,type]; got {fields}")
        lookup = {f.strip().lower(): f for f in fields}
        out_fields = fields + [f for f in ("same", "score") if f not in lookup]
        with open(out_path, "w", newline="", encoding="utf-8") as fout:
            writer = csv.DictWriter(fout, fieldnames=out_fields)
            writer.writeheader()
            for row in reader:
                a = (row.get(lookup["name1"]) or "").strip()
                b = (row.get(lookup["name2"]) or "").strip()
                kind = row.get(lookup["type"]) if "type" in lookup else None
                k = normalize_kind(kind) or guess_kind(a, b)
                match = compare_names(a, b, k)
                row[lookup.get("same", "same")] = "true" if match.same else "false"
                row[lookup.get("score", "score")] = f"{match.score:.3f}"
                writer.writerow(row)
                counts["rows"] += 1
                counts["same" if match.same else "different"] += 1
    return counts
