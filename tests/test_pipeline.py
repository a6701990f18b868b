"""The language stage: long documents in pieces, failures contained to their document."""

from __future__ import annotations

from spacy.language import Language

from forewarn.extract import analyse_document
from forewarn.model import Document
from forewarn.nlp.pipeline import analysis_text, parse_documents


def test_long_document_parsed_in_pieces_keeps_offsets(nlp: Language) -> None:
    filler = "The council met on Monday to discuss the budget for the coming year.\n\n" * 40
    threat = '"We will kill every one of them," militia leader Omar Said told the judge Hana Kareem.\n'
    document = Document(doc_id="long", text=filler + threat + filler)
    saved = nlp.max_length
    nlp.max_length = 1500
    try:
        [(doc_document, doc)] = list(parse_documents([document], nlp))
    finally:
        nlp.max_length = saved
    assert doc_document is document
    assert not isinstance(doc, Exception)
    assert doc.text == analysis_text(document)
    analysis = analyse_document(document, doc)
    assert len(analysis.threats) == 1
    evidence = analysis.threats[0].evidence
    assert document.text[evidence.start : evidence.end] == evidence.text
    assert "kill" in evidence.text
