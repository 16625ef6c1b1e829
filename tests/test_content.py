"""The real content: valid, complete, and carrying the seed article's facts as data."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from myoatlas.build import check_content
from myoatlas.graph import rich_texts
from myoatlas.markup import record_links
from myoatlas.model import Kind, Paths

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def graph():
    graph, diagnostics = check_content(Paths(REPO))
    assert [str(d) for d in diagnostics] == []
    return graph


def data(graph, record_id):
    return graph.records[record_id].data


def test_the_real_content_validates_with_no_error_or_warning(graph):
    assert len(graph.records) > 100


def test_every_schema_is_valid_and_every_field_has_a_description():
    for file in sorted((REPO / "content" / "schemas").glob("*.schema.json")):
        schema = json.loads(file.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        for name, field in schema.get("properties", {}).items():
            assert field.get("description") or "$ref" in field, f"{file.name}: {name}"


def test_every_record_file_starts_with_its_schema_modeline():
    for file in sorted((REPO / "content").glob("*/*.yml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{file.parent.name}.schema.json", file


def test_there_are_enough_records_of_each_kind(graph):
    counts = {kind: len(graph.of_kind(kind)) for kind in Kind}
    assert counts[Kind.MUSCLE] >= 24 and counts[Kind.EXERCISE] >= 35 and counts[Kind.CONDITION] >= 6
    assert counts[Kind.TEST] >= 3 and counts[Kind.ARTICLE] == 11 and counts[Kind.ROUTINE] >= 2
    assert counts[Kind.GROUP] >= 7
    studies = [s for s in graph.of_kind(Kind.SOURCE) if s.data.get("doi") or s.data.get("pmid")]
    assert len(studies) >= 10


def test_every_muscle_page_lists_at_least_one_exercise(graph):
    for muscle in graph.of_kind(Kind.MUSCLE):
        assert graph.referrers(muscle.id, Kind.EXERCISE), muscle.id


def test_every_article_links_at_least_five_records(graph):
    for article in graph.of_kind(Kind.ARTICLE):
        linked = {target for _path, text in rich_texts(article) for _o, target, _l in record_links(text)}
        assert len(linked) >= 5, article.id


def test_the_five_hip_flexors_of_the_seed(graph):
    members = {m.id for m in graph.referrers("hip-flexors", Kind.MUSCLE, ("groups",))}
    assert {"psoas-major", "iliacus", "rectus-femoris", "sartorius", "pectineus"} <= members
    assert data(graph, "psoas-major")["part_of"] == data(graph, "iliacus")["part_of"] == "iliopsoas"
    assert "hip-extensors" in data(graph, "hip-flexors")["opposing"]


def test_the_two_self_tests_keep_their_numbers(graph):
    rom = json.dumps(data(graph, "hip-flexion-range-of-motion"), ensure_ascii=False)
    assert "120°" in rom and data(graph, "hip-flexion-range-of-motion")["position"] == "lying-on-back"
    strength = json.dumps(data(graph, "hip-flexor-strength-test"), ensure_ascii=False)
    assert "90°" in strength and "30 seconds" in strength and "5 seconds" in strength


def test_the_thomas_test_states_its_weak_accuracy_with_sources(graph):
    evidence = data(graph, "thomas-test")["evidence"]
    claims = " ".join(e["claim"] for e in evidence)
    assert "31.8" in claims and "57.1" in claims
    assert {e["source"] for e in evidence} >= {"vigotsky-2016-thomas-test", "peeler-2007-thomas-test-reliability"}


def test_the_five_stretches_of_the_seed_with_their_doses(graph):
    assert data(graph, "lying-posterior-pelvic-tilt")["dose"]["hold_seconds"] == 10
    assert "gluteus-maximus" in data(graph, "lying-posterior-pelvic-tilt")["works"]
    assert data(graph, "standing-hip-extension")["dose"]["reps"] == 15
    assert data(graph, "side-lying-psoas-stretch")["position"] == "side-lying"
    assert data(graph, "kneeling-lunge")["position"] in ("kneeling", "half-kneeling")
    assert data(graph, "knees-to-chest")["dose"]["hold_seconds"] == 10
    assert data(graph, "knees-to-chest")["dose"]["reps"] == 15
    massage = data(graph, "front-thigh-self-massage")
    assert massage["dose"]["duration_minutes"] == 5 and {"foam-roller", "tennis-ball"} <= set(massage["equipment"])


def test_the_daily_routine_massages_first_then_the_five_stretches_for_about_four_weeks(graph):
    routine = data(graph, "daily-hip-flexor-routine")
    order = [step["exercise"] for step in routine["steps"]]
    assert order[0] == "front-thigh-self-massage"
    assert set(order[1:]) >= {"lying-posterior-pelvic-tilt", "standing-hip-extension", "side-lying-psoas-stretch",
                              "kneeling-lunge", "knees-to-chest"}
    assert re.search(r"four weeks|4 weeks", routine["expected"])


def test_the_mechanism_chain_is_typed_links(graph):
    def leads(a):
        return {step["condition"] for step in data(graph, a).get("leads_to", [])}

    assert "anterior-pelvic-tilt" in leads("tight-hip-flexors") and "anterior-pelvic-tilt" in leads("weak-glutes")
    assert "lumbar-hyperextension" in leads("anterior-pelvic-tilt")
    assert "posterior-pelvic-tilt" in leads("overstretched-hip-flexors")


def test_health_pages_have_reviewed_dates_and_evidence_sources_have_identifiers(graph):
    for kind in (Kind.MUSCLE, Kind.EXERCISE, Kind.CONDITION, Kind.TEST, Kind.ARTICLE, Kind.ROUTINE):
        for record in graph.of_kind(kind):
            assert record.data.get("reviewed"), record.id
    for test in graph.of_kind(Kind.TEST):
        for item in test.data.get("evidence", []):
            source = data(graph, item["source"])
            assert source.get("doi") or source.get("pmid"), item["source"]


def test_editors_map_every_kind_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    mapped = {glob: schema for schema, glob in settings["yaml.schemas"].items()}
    for kind in Kind:
        assert mapped[f"content/{kind.value}/*.yml"] == f"./content/schemas/{kind.value}.schema.json"
