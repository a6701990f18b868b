"""Whether a person named in a text is a man or a woman, as far as the name and its titles tell.

Pronouns need it: in "The court quoted messages sent to Fatima Bouzerda. In another, he wrote: ..." the
"he" is not the MP. Given names come from gender-guesser's dictionary (about 40,000 first names from
many countries, shipped inside the package); titles and kunyas settle names it does not know.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

Gender = Literal["male", "female"]

_MALE_TITLES = frozenset(
    "mr mr. monsieur m. sir lord sheikh shaikh sheik sayyid sayed seyed hajj hajji haji mullah maulana señor senor "
    "don herr signor king prince emir congressman councilman spokesman chairman businessman brother father "
    "abu mawlawi maulvi mowlawi qari mufti imam ayatollah".split()
)
_FEMALE_TITLES = frozenset(
    "mrs mrs. ms ms. miss madame mme mme. mademoiselle lady dame señora senora doña dona frau signora queen "
    "princess congresswoman councilwoman spokeswoman chairwoman businesswoman sister mother hajja hajjah "
    "umm um".split()
)
_PARTICLES = frozenset("al el la le las los de del da di du van von der den ter bin ibn bint ould".split())
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


@lru_cache(maxsize=1)
def _detector() -> Any:  # gender_guesser has no type hints
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def given_name_gender(word: str) -> Gender | None:
    """The gender a given name is used for: "Fatima" female, "Ruud" male, "Nour" or "Karrar" unknown."""
    word = word.strip(".,'’\"")
    if len(word) < 3 or not word[0].isalpha() or word.lower() in _PARTICLES:
        return None  # "El Flaco", "Al-Zubaidi", "De la Cruz": an article, not a given name
    answers = [_detector().get_gender(word)]
    first = word.split("-")[0]
    if "-" in word and len(first) >= 3 and first.lower() not in _PARTICLES:
        answers.append(_detector().get_gender(first))  # "Jean-Marc": "Jean" (not "Al-Zubaidi": "Al")
    for answer in answers:
        # only names the dictionary gives to one sex; "mostly" and "andy" names say too little to overrule a parse
        if answer in ("male", "female"):
            return answer
    return None


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Whether a word is a given name in the dictionary, for either sex or both ("Tyler", "Andrea")."""
    word = word.strip(".,'’\"")
    return len(word) >= 3 and word.lower() not in _PARTICLES and _detector().get_gender(word) != "unknown"


def person_gender(names: Iterable[str], titles: Iterable[str] = ()) -> Gender | None:
    """A person's gender from titles ("Mrs", "Sheikh", "spokeswoman") and the first word of names stripped
    of their titles ("Abu Mujtaba", "Umm Khaled", "Fatima Bouzerda"); None when they do not say or disagree."""
    found: set[Gender] = set()
    for title in titles:
        word = title.lower().strip()
        if word in _MALE_TITLES:
            found.add("male")
        elif word in _FEMALE_TITLES:
            found.add("female")
    names = list(names)
    # a lone surname says nothing, but a person only ever called by one name ("Hamid", a witness's pseudonym in a
    # report) is called by a given name
    alone = all(len(name.split()) < 2 for name in names)
    for name in names:
        words = name.split()
        if len(words) < 2 and not alone:
            continue
        # the given name comes first once titles are stripped; a second given name is no evidence ("Jhonny Vera")
        low = words[0].lower().strip(".")
        if low in _MALE_TITLES or low in _FEMALE_TITLES:
            found.add("male" if low in _MALE_TITLES else "female")
            continue
        guess = given_name_gender(words[0])
        if guess is not None:
            found.add(guess)
    return next(iter(found)) if len(found) == 1 else None
