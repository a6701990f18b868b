"""One threat, many reports: cross-source grouping of threats (forewarn.analyse.clusters).

The documents are written for this test (a fictional Sardana): one statement by a militia
leader reported by three outlets in different words and translations, and near misses
that must stay apart (the same speaker and target on a new occasion, another speaker
with the same words, the same speaker against someone else, two threats in one document).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forewarn.analyse.clusters import rebuild_clusters, same_threat, text_similarity, update_clusters
from forewarn.cli.app import app
from forewarn.store import Store
from forewarn.store import warning as wstore
from warning_fixtures import G_TEXT, corpus, report


@pytest.fixture
def store(db_url: str):
    s = Store(db_url)
    yield s
    s.close()


def _rows(store: Store) -> dict[str, wstore.ReportRow]:
    with store._sessions() as s:
        return {r.doc_id: r for r in wstore.report_rows(s)}


def test_one_statement_in_different_words_is_one_threat(store: Store) -> None:
    for analysis in corpus():
        store.save_analysis(analysis)
    result = update_clusters(store)
    assert result.placed == 6
    rows = _rows(store)
    same = {rows[d].threat_id for d in ("a_daily", "b_wire", "c_post")}
    info = wstore.cluster_of(store, same)
    assert len({i.cluster_id for i in info.values()}) == 1
    first = info[rows["a_daily"].threat_id]
    assert first.report_count == 3
    assert first.earliest_published == "2024-05-11"
    assert first.doc_ids == ("a_daily", "b_wire", "c_post")
    assert first.sources == ("Sardana Daily", "Gulf Wire", "Levant Post")
    assert first.first_threat_id == rows["a_daily"].threat_id
    # the near misses are threats of their own
    for doc_id in ("d_daily", "e_wire", "f_daily"):
        other = wstore.cluster_of(store, [rows[doc_id].threat_id])[rows[doc_id].threat_id]
        assert other.cluster_id != first.cluster_id and other.report_count == 1, doc_id
    # counted once when threats are listed as events
    events = wstore.threat_events(store, target_ids=["A2"])
    assert sorted(e.report_count for e in events) == [1, 1, 3]


def test_why_reports_are_or_are_not_the_same(store: Store) -> None:
    for analysis in corpus():
        store.save_analysis(analysis)
    rows = _rows(store)
    # "a multiplied response" and "a double response": wording differs, the occasion is the same
    assert text_similarity(rows["a_daily"].texts, rows["b_wire"].texts) < 0.6
    match = same_threat(rows["a_daily"], rows["b_wire"])
    assert match.same and "occasion" in match.reason
    assert same_threat(rows["a_daily"], rows["c_post"]).same
    new_occasion = same_threat(rows["a_daily"], rows["d_daily"])
    assert not new_occasion.same and "another occasion" in new_occasion.reason
    assert not same_threat(rows["a_daily"], rows["e_wire"]).same  # other speaker, same words
    assert not same_threat(rows["a_daily"], rows["f_daily"]).same  # other target
    # an undated restatement of the same words months later is the same threat
    later = wstore.ReportRow(
        **{**_as_dict(rows["a_daily"]), "doc_id": "court", "published": "2024-09-30", "date": None}
    )
    assert same_threat(rows["a_daily"], later).same


def _as_dict(row: wstore.ReportRow) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(row)


def test_two_threats_in_one_document_stay_apart(store: Store) -> None:
    g = report(
        "g_doc",
        "2024-05-11",
        G_TEXT,
        [
            ("Karami will pay for every raid,", "A1", "A2", "2024-05-10"),
            ("and for every arrest", "A1", "A2", "2024-05-10"),
        ],
    )
    store.save_analysis(g)
    update_clusters(store)
    with store._sessions() as s:
        ids = [r.threat_id for r in wstore.report_rows(s)]
    info = wstore.cluster_of(store, [*ids, 999_999])
    assert len(info) == 2 and len({i.cluster_id for i in info.values()}) == 2
    assert 999_999 not in info


def test_incremental_and_stable_across_reanalysis(store: Store) -> None:
    docs = corpus()
    store.save_analysis(docs[0])
    first = update_clusters(store)
    assert first.created == 1 and first.joined == 0
    cluster_id = first.new_clusters[0]
    store.save_analysis(docs[1])
    second = update_clusters(store)
    assert second.joined == 1 and second.grown_clusters == [cluster_id]
    assert update_clusters(store).placed == 0  # nothing new: nothing done
    # re-analysing a document replaces its threat rows (and their membership): the new row
    # finds its cluster again by its evidence span
    store.save_analysis(docs[1])
    again = update_clusters(store)
    new_id = _rows(store)["b_wire"].threat_id
    assert again.rejoined == 1 and again.created == 0
    info = wstore.cluster_of(store, [new_id])[new_id]
    assert info.cluster_id == cluster_id and info.report_count == 2
    # a rebuild regroups everything from scratch, with the same grouping
    rebuilt = rebuild_clusters(store)
    assert rebuilt.created == 1 and rebuilt.joined == 1


def test_threats_command_counts_a_clustered_threat_once(store: Store, db_url: str) -> None:
    for analysis in corpus():
        store.save_analysis(analysis)
    runner = CliRunner()
    result = runner.invoke(app, ["threats", "--db", db_url, "--target", "Karami", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert len(listed) == 3  # the May threat (3 reports), the June one, al-Zaidi's
    may = next(t for t in listed if t["report_count"] == 3)
    assert may["doc_id"] == "a_daily"  # the earliest report stands for the threat
    assert may["sources"] == ["Sardana Daily", "Gulf Wire", "Levant Post"]
    table = runner.invoke(app, ["threats", "--db", db_url, "--target", "Karami"])
    assert "Threats (3, reported 5 times)" in table.output
    csv_out = runner.invoke(app, ["threats", "--db", db_url, "--format", "csv", "--speaker", "Rubaie"])
    assert "Sardana Daily; Gulf Wire; Levant Post" in csv_out.output


# ---------------------------------------------------------------------- end to end, real extraction


def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


ARTICLES = {
    "sardana_daily_0511.txt": _article(
        'Militia chief warns Karami of "multiplied response"\nSardana Daily | 11 May 2024',
        (
            "HILLA — The leader of the Liwa al-Thar militia, Hamid al-Rubaie, warned Prime Minister "
            "Yusuf Karami on Friday that any raid on the group's bases would be answered with force."
        ),
        (
            '"If Karami sends his troops against our bases, the response will be multiplied, and it '
            'will reach him in his own palace," al-Rubaie said in a televised speech.'
        ),
        (
            "The government did not comment. Liwa al-Thar has claimed several rocket attacks on "
            "government buildings since January."
        ),
    ),
    "gulf_wire_0512.txt": _article(
        "Sardanian faction leader threatens prime minister\nGulf Wire | May 12, 2024",
        (
            "Hamid al-Rubaie, who commands the Liwa al-Thar armed group, threatened Prime Minister "
            "Yusuf Karami on Friday, according to a translation of his speech."
        ),
        (
            '"Should Karami send soldiers to our positions, he will receive a double response, and it '
            'will find him inside his palace," al-Rubaie said.'
        ),
        "Analysts said the speech was the harshest yet from the group.",
    ),
    "levant_post_0514.txt": _article(
        "Karami faces militia ultimatum as raids loom\nThe Levant Post | 14 May 2024",
        (
            "Prime Minister Yusuf Karami is under pressure after Liwa al-Thar commander Hamid al-Rubaie"
            ' threatened him last Friday with "a multiplied response" to any move against the group.'
        ),
        (
            '"The response will be multiplied, and it will reach Karami in his own palace," al-Rubaie '
            "said in the speech."
        ),
        "Officials in Hilla said security around the palace had been tightened.",
    ),
    "sardana_daily_0606.txt": _article(
        "Rubaie issues new warning over Hilla checkpoints\nSardana Daily | 6 June 2024",
        (
            "HILLA — Liwa al-Thar leader Hamid al-Rubaie threatened Prime Minister Yusuf Karami again "
            "on Wednesday, weeks after his first warning."
        ),
        (
            '"Karami\'s convoy will not pass through Hilla again. We will burn his cars on the road," '
            "al-Rubaie told supporters at a rally."
        ),
    ),
    "gulf_wire_zaidi_0512.txt": _article(
        "Second group joins threats against Karami\nGulf Wire | May 12, 2024",
        (
            "Kadhim al-Zaidi, the leader of the Saraya al-Nasr group, also warned Prime Minister Yusuf "
            "Karami on Saturday."
        ),
        ('"If Karami attacks the resistance, the response will be multiplied and it will reach him," al-Zaidi said.'),
    ),
}


def test_pipeline_groups_reports_of_written_articles(tmp_path: Path, db_url: str) -> None:
    from forewarn.pipeline import analyse_paths

    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(db_url) as store:
        result = analyse_paths([folder], store)
        assert not result.errors
        # the pipeline grouped the reports after saving them: nothing is left unclustered
        with store._sessions() as s:
            assert wstore.unclustered_reports(s) == []
        events = wstore.threat_events(store)
    by_doc = {e.doc_ids: e for e in events}
    may = by_doc[("sardana_daily_0511", "gulf_wire_0512", "levant_post_0514")]
    assert may.speaker_name == "Hamid al-Rubaie" and may.target_name == "Yusuf Karami"
    assert may.first_published == "2024-05-11"
    assert ("sardana_daily_0606",) in by_doc  # the new occasion
    assert ("gulf_wire_zaidi_0512",) in by_doc  # the other speaker
    assert len(events) == 3
