"""A small realistic corpus for the API and browser tests, analysed once per test session
with the real pipeline; each test saves the resolved analyses into its own fresh store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from forewarn.ingest import IngestOptions, iter_documents
from forewarn.model import Document, DocumentAnalysis
from forewarn.resolve.resolver import context_tokens
from forewarn.store import Store

DOCUMENTS = {
    "basra_militia_warning.txt": """\
Militia commander threatens Oil Ministry over detained fighters

BASRA, March 4, 2024 — The commander of the Northern Shield militia, Haidar al-Rubaie, warned on Monday that \
his fighters would attack the Ministry of Oil if the government did not release eleven detained members within a week.

"If our brothers are not freed by Sunday, we will burn the ministry's offices in Basra to the ground," al-Rubaie \
said in a video posted on the group's channel.

Governor Nadia Karim called the statement reckless and said security around oil installations had been \
reinforced. The Ministry of Oil did not respond to a request for comment.
""",
    "zubair_convoy_bombing.txt": """\
Roadside bomb hits governor's convoy near Zubair

ZUBAIR, April 16, 2024 — A roadside bomb struck the convoy of Basra Governor Nadia Karim near Zubair on Tuesday, \
killing two of her guards and wounding three others, police said. Karim was unhurt.

No group claimed the attack. Two days earlier, Northern Shield commander Haidar al-Rubaie told supporters at a \
rally: "Nadia Karim, we will make you pay with your blood for every fighter you jail."

Karim told reporters she would not be intimidated. "They want us to release criminals. We will not," she said.
""",
    "reporter_threatened.txt": """\
Reporter receives death threats after militia investigation

BAGHDAD, May 20, 2024 — Journalist Omar Saleh said on Monday that he had received repeated death threats after \
publishing an investigation into the finances of the Northern Shield militia.

One message, sent from an account linked to the group's spokesman Kadhim Jaber, read: "Stop writing about us or \
we will kill you and your family."

The Iraqi Journalists Syndicate condemned the threats and called on the Interior Ministry to protect Saleh.
""",
    "karim_office_attack.txt": """\
Gunmen attack Basra governor's office after new threat

BASRA, May 28, 2024 — Gunmen attacked the office of Governor Nadia Karim in Basra on Monday, wounding a guard, a \
week after a militia leader threatened her in a televised speech.

In the speech, Kata'ib al-Fajr leader Mustafa al-Tamimi addressed the governor directly: "Nadia Karim, we will hang \
you from the bridge if the port contract goes ahead."

Karim's office said the governor would not change her decision.
""",
    "script_payload_post.txt": """\
Forum post copied from a hostile page <script>alert("owned")</script>

KIRKUK, June 2, 2024 — A post on an extremist forum included the code \
<script>document.title="hacked"</script> and a threat against the city's mayor, Rana Aziz.

"Mayor Aziz, we will kill you if you open the new checkpoint," wrote the forum's administrator, Salim Haddad.
""",
}


@dataclass(frozen=True)
class AnalysedCorpus:
    analyses: list[DocumentAnalysis]

    def save_into(self, store: Store) -> None:
        for analysis in self.analyses:
            store.save_analysis(analysis, contexts={a.local_id: context_tokens(analysis, a) for a in analysis.actors})

    def document(self, doc_id: str) -> Document:
        return next(a.document for a in self.analyses if a.document.doc_id == doc_id)


def analyse_corpus(folder: Path, nlp: Language) -> AnalysedCorpus:
    """Write the corpus into `folder` and analyse it with the real pipeline (ingest, parse,
    extract, resolve) into a scratch store, keeping the resolved analyses."""
    from forewarn.pipeline import analyse_one

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    analyses = []
    with Store(f"sqlite:///{folder / 'scratch.db'}") as store:
        for item in iter_documents(sorted(folder.glob("*.txt")), IngestOptions()):
            assert isinstance(item, Document), item
            analyses.append(analyse_one(item, store, nlp))
    return AnalysedCorpus(analyses)


def test_corpus_has_what_the_web_tests_rely_on(tmp_path: Path, nlp: Language) -> None:
    corpus = analyse_corpus(tmp_path, nlp)
    assert len(corpus.analyses) == len(DOCUMENTS)
    threats = [t for a in corpus.analyses for t in a.threats]
    assert len(threats) >= 4
    for analysis in corpus.analyses:
        for threat in analysis.threats:
            for span in threat.all_spans():
                assert analysis.document.text[span.start : span.end] == span.text
    # a threat whose target an analyst has to correct (the rally audience instead of the governor)
    convoy = next(a for a in corpus.analyses if a.document.doc_id == "zubair_convoy_bombing")
    assert any("Nadia Karim, we will make you pay" in t.evidence.text for t in convoy.threats)
    assert any(a.name == "Nadia Karim" for a in convoy.actors)
    # the governor is threatened again and attacked in another month: her timeline has two periods
    office = next(a for a in corpus.analyses if a.document.doc_id == "karim_office_attack")
    karim = next(a.local_id for a in office.actors if a.name == "Nadia Karim")
    assert any(t.target and t.target.local_id == karim for t in office.threats)
    assert any(e.target and e.target.local_id == karim for e in office.events)
