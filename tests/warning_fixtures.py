"""Shared test data of the early-warning tests: a fictional Sardana where a militia leader's
statement is reported by three outlets in different words, plus near misses (analyses
built by hand, so these tests do not depend on extraction)."""

from __future__ import annotations

from datetime import date

from forewarn.analyse.scoring import ScoringData
from forewarn.model import ActorRef, DocActor, Document, DocumentAnalysis, Span, Threat
from forewarn.store.warning import EventFact, ThreatEvent

NAMES = {
    "A1": ("Hamid al-Rubaie", "PERSON"),
    "A2": ("Yusuf Karami", "PERSON"),
    "A3": ("Liwa al-Thar", "ORG"),
    "A4": ("Kadhim al-Zaidi", "PERSON"),
    "A5": ("Adel Saffar", "PERSON"),
    "A6": ("Mariam Haddad", "PERSON"),
    "A7": ("Sami Khoury", "PERSON"),
}


def report(
    doc_id: str,
    published: str,
    text: str,
    quotes: list[tuple[str, str, str | None, str | None]],
    *,
    source: str | None = None,
) -> DocumentAnalysis:
    """An analysis of `text` with one threat per (quote, speaker, target, date) given."""
    doc = Document(doc_id=doc_id, text=text, published=published, source=source, url=f"https://{doc_id}.example/a")
    used = {"A3"} | {q[1] for q in quotes} | {q[2] for q in quotes if q[2]}
    actors = [DocActor(local_id=a, name=NAMES[a][0], type=NAMES[a][1], actor_id=a) for a in sorted(used)]  # type: ignore[arg-type]
    threats = []
    for quote, speaker, target, when in quotes:
        start = text.index(quote)
        threats.append(
            Threat(
                speaker=ActorRef(speaker),
                target=ActorRef(target) if target else None,
                evidence=Span.of(text, start, start + len(quote)),
                speaker_org=ActorRef("A3") if speaker == "A1" else None,
                type="violence",
                form="conditional",
                date=when,
                score=0.8,
            )
        )
    return DocumentAnalysis(document=doc, actors=actors, threats=threats)


A_TEXT = (
    "Militia chief warns Karami. Hamid al-Rubaie warned Prime Minister Yusuf Karami on Friday: "
    '"If Karami sends his troops against our bases, the response will be multiplied, and it will reach him '
    'in his own palace."'
)
B_TEXT = (
    "Faction leader threatens prime minister. According to a translation of the speech, al-Rubaie said: "
    '"Should Karami send soldiers to our positions, he will receive a double response."'
)
C_TEXT = (
    "Karami faces ultimatum. Liwa al-Thar commander Hamid al-Rubaie threatened the prime minister last Friday "
    'with "a multiplied response, reaching him in his own palace" if troops move against the group.'
)
D_TEXT = (  # the same speaker and target, a new occasion weeks later in other words
    "Rubaie threatens Karami again. \"Karami's convoy will not pass through Hilla again. We will burn his cars "
    'on the road," al-Rubaie told a rally on Wednesday.'
)
E_TEXT = (  # another speaker, nearly the same words, the same day
    'Second group warns Karami. "If Karami sends his troops against the resistance, the response will be '
    'multiplied and it will reach him in his palace," said Kadhim al-Zaidi.'
)
F_TEXT = (  # the same speaker the same day, against someone else
    'Rubaie turns on interior minister. "Saffar will answer for the arrests with his own blood," '
    "al-Rubaie said on Friday."
)
G_TEXT = (  # two threats in one document: never one cluster
    'Rubaie speech. "Karami will pay for every raid," al-Rubaie said. Later he added: "Karami will pay for '
    'every raid, and for every arrest."'
)


def corpus() -> list[DocumentAnalysis]:
    return [
        report(
            "a_daily",
            "2024-05-11",
            A_TEXT,
            [(A_TEXT[A_TEXT.index("If Karami") :].rstrip('"'), "A1", "A2", "2024-05-10")],
            source="Sardana Daily",
        ),
        report(
            "b_wire",
            "2024-05-12",
            B_TEXT,
            [("he will receive a double response", "A1", "A2", "2024-05-10")],
            source="Gulf Wire",
        ),
        report(
            "c_post",
            "2024-05-14",
            C_TEXT,
            [("a multiplied response, reaching him in his own palace", "A1", "A2", "2024-05-10")],
            source="Levant Post",
        ),
        report(
            "d_daily",
            "2024-06-06",
            D_TEXT,
            [("We will burn his cars on the road", "A1", "A2", "2024-06-05")],
            source="Sardana Daily",
        ),
        report(
            "e_wire",
            "2024-05-12",
            E_TEXT,
            [("the response will be multiplied and it will reach him in his palace", "A4", "A2", "2024-05-11")],
            source="Gulf Wire",
        ),
        report(
            "f_daily",
            "2024-05-11",
            F_TEXT,
            [("Saffar will answer for the arrests with his own blood", "A1", "A5", "2024-05-10")],
            source="Sardana Daily",
        ),
    ]


# ---------------------------------------------------------------------- scoring data without a store

D0 = date(2024, 5, 10)


def threat(
    key: str,
    day: date,
    quote: str,
    *,
    speaker: str = "A1",
    org: str | None = "A3",
    target: str = "A2",
    type_: str = "violence",
    form: str = "direct",
    score: float = 0.8,
    reports: int = 1,
) -> ThreatEvent:
    docs = tuple(f"{key}-{i}" for i in range(reports))
    return ThreatEvent(
        key=key,
        cluster_id=None,
        threat_ids=tuple(range(reports)),
        speaker_id=speaker,
        speaker_name=NAMES.get(speaker, (speaker,))[0],
        speaker_org_id=org,
        speaker_org_name=NAMES.get(org, (org,))[0] if org else None,
        target_id=target,
        target_name=NAMES.get(target, (target,))[0],
        type=type_,
        form=form,
        date=day.isoformat(),
        first_published=day.isoformat(),
        score=score,
        texts=(quote,),
        quote=quote,
        doc_ids=docs,
        sources=tuple(f"outlet {i}" for i in range(reports)),
        urls=(),
    )


def event(event_id: int, day: date, type_: str = "attack", *, actor: str | None = None, target: str | None = None):
    return EventFact(
        event_id=event_id,
        doc_id=f"ev{event_id}",
        type=type_,
        date=day.isoformat(),
        published=day.isoformat(),
        actor_id=actor,
        actor_name=None,
        target_id=target,
        target_name=None,
        target_inferred=False,
        location=None,
        evidence=f"{type_} number {event_id}",
        source="wire",
        url=None,
    )


def data_of(threats: list[ThreatEvent], events: list[EventFact] = ()) -> ScoringData:  # type: ignore[assignment]
    data = ScoringData(names={k: v[0] for k, v in NAMES.items()})
    for t in threats:
        d = date.fromisoformat(t.date or "")
        data.threats_by_target.setdefault(t.target_id or "", []).append((t, d, d))
    for e in events:
        d = date.fromisoformat(e.date or "")
        if e.actor_id:
            data.attacks_by_actor.setdefault(e.actor_id, []).append((e, d, d))
        if e.target_id:
            data.attacks_on.setdefault(e.target_id, []).append((e, d, d))
    return data
