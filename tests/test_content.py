"""The real content: valid, complete, and carrying the seed article's facts as data."""
from __future__ import annotations

import datetime as dt
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


def as_of_the_last_review() -> dt.date:
    """The content is judged on the day of its newest review, so this test gives the same answer
    on any later date (reviews falling due with time is what the warning is for, not a test failure)."""
    dates = re.findall(r"^reviewed: (\d{4}-\d{2}-\d{2})$", "\n".join(
        f.read_text(encoding="utf-8") for f in (REPO / "content").glob("*/*.yml")), re.MULTILINE)
    return max(dt.date.fromisoformat(d) for d in dates)


@pytest.fixture(scope="module")
def graph():
    graph, diagnostics = check_content(Paths(REPO), on=as_of_the_last_review())
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
    assert counts[Kind.MUSCLE] >= 70 and counts[Kind.EXERCISE] >= 35 and counts[Kind.CONDITION] >= 6
    assert counts[Kind.TEST] >= 3 and counts[Kind.ARTICLE] >= 11 and counts[Kind.ROUTINE] >= 2
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


# Issue 11, part 1: the evidence-honest corrections, kept as data so they cannot quietly come back.

RED_FLAG_SIGNS = ("night", "cancer", "steroid", "osteoporosis")


def _about_pain(article) -> bool:
    text = " ".join([article.data["title"], article.data["summary"], *article.data.get("aliases", [])])
    return re.search(r"\bpain", text, re.IGNORECASE) is not None


def _red_flags(graph, article) -> list[str]:
    return [flag for condition in article.data.get("red_flags", []) for flag in data(graph, condition)["see_a_professional"]]


def test_every_article_about_pain_shows_a_conditions_red_flags_with_night_pain_cancer_steroids_and_osteoporosis(graph):
    about_pain = [a for a in graph.of_kind(Kind.ARTICLE) if _about_pain(a)]
    assert {"hip-flexors-and-lower-back-pain", "back-pain-after-squats", "back-pain-from-improper-lifting",
            "tight-glutes-and-back-pain", "anterior-vs-posterior-pelvic-tilt"} <= {a.id for a in about_pain}
    for article in about_pain:
        assert article.data.get("red_flags"), f"{article.id} is about pain: add red_flags: [<condition-id>]"
        flags = " ".join(_red_flags(graph, article)).lower()
        for sign in RED_FLAG_SIGNS:
            assert sign in flags, f"{article.id}: its red flags do not mention {sign!r}"


def test_the_red_flags_of_a_pain_article_appear_on_its_page_under_when_to_see_a_professional():
    from myoatlas.build import build_site

    result = build_site(Paths(REPO))
    assert result.ok, [str(d) for d in result.diagnostics if d.severity.value == "error"][:5]
    page = {p.path: p.markdown for p in result.pages}["articles/back-pain-after-squats.md"]
    box = page.split("## When to see a professional", 1)[1]
    assert '!!! danger "See a doctor or physiotherapist' in box.split("\n## ", 1)[0]
    flags = box.split("\n## ", 1)[0]
    assert "    - Back pain in someone who has had cancer, even if it was years ago." in flags
    assert "steroid medicines long term or have osteoporosis" in flags and "    - Pain at night or at rest" in flags


def test_the_seniors_article_says_chest_pain_while_exercising_means_calling_emergency_services(graph):
    body = " ".join(s["body"] for s in data(graph, "stretching-tools-for-seniors")["sections"])
    assert "chest pain" in body and "call emergency services" in body
    assert "chest pain while exercising" not in body.split("call emergency services")[1]


def test_knees_to_chest_is_not_offered_for_tight_hip_flexors(graph):
    assert "tight-hip-flexors" not in data(graph, "knees-to-chest").get("helps", [])
    assert "knees-to-chest" not in data(graph, "tight-hip-flexors").get("exercises", [])
    assert not {"iliopsoas", "psoas-major", "iliacus"} & set(data(graph, "knees-to-chest").get("stretches", []))
    note = next(s["note"] for s in data(graph, "daily-hip-flexor-routine")["steps"] if s["exercise"] == "knees-to-chest")
    assert "does not stretch the hip flexors" in note


def test_the_glute_bridge_and_the_prone_press_up_do_not_claim_stretches_they_barely_give(graph):
    assert "iliopsoas" not in data(graph, "glute-bridge").get("also_stretches", [])
    press_up = data(graph, "prone-press-up")
    assert "rectus-abdominis" not in press_up.get("stretches", []) + press_up.get("also_stretches", [])
    assert not any("abdominal stretch" in a.lower() or "ab stretch" in a.lower() for a in press_up.get("aliases", []))
    assert "posterior-pelvic-tilt" not in press_up.get("helps", [])


def test_the_couch_stretch_rests_the_top_of_the_foot_on_the_wall_toes_up_and_the_lunge_says_how_to_reach_rectus_femoris(graph):
    steps = " ".join(data(graph, "couch-stretch")["steps"])
    assert "the top of the foot rest against the wall" in steps and "toes pointing up" in steps
    lunge = data(graph, "kneeling-lunge")
    assert any("bend the back knee further" in c and "rectus femoris" in c for c in lunge["steps"] + lunge.get("cues", []))


def test_no_stiff_leg_deadlift_alias_and_quadriceps_is_not_an_alias_of_rectus_femoris(graph):
    for exercise in graph.of_kind(Kind.EXERCISE):
        for alias in exercise.data.get("aliases", []):
            assert not re.search(r"stiff[- ]leg", alias, re.IGNORECASE), (exercise.id, alias)
    aliases = {a.lower() for a in data(graph, "rectus-femoris").get("aliases", [])}
    assert not aliases & {"quadriceps", "quads", "quad"}


def test_twisting_exercises_carry_an_osteoporosis_caution(graph):
    for exercise_id in ("supine-lumbar-rotation", "chop-and-lift"):
        assert any("osteoporosis" in c for c in data(graph, exercise_id)["cautions"]), exercise_id


def test_the_thomas_test_reports_r_098_as_the_link_between_pelvic_tilt_and_the_error(graph):
    claim = next(e["claim"] for e in data(graph, "thomas-test")["evidence"] if "0.98)" in e["claim"] or "r = 0.98" in e["claim"])
    assert "between pelvic tilt and the size of the error" in claim
    assert "matched the true hip angle" not in claim


def test_unsupported_seed_claims_are_hedged_not_stated_as_findings(graph):
    def text(record_id):
        return json.dumps(data(graph, record_id), ensure_ascii=False)

    assert "among the most common reasons" not in text("hip-extensors")
    assert "switch on less" not in text("tight-hip-flexors")
    assert "very common cause" not in text("back-pain-after-squats")
    assert "easily overwork" not in text("hip-flexors-and-lower-back-pain") + text("plank")
    assert "are common" not in data(graph, "gluteal-trigger-points")["summary"]
    assert "not an established" in data(graph, "overstretched-hip-flexors")["summary"]
    assert "not a research finding" in data(graph, "daily-hip-flexor-routine")["expected"]
    assert "not a research finding" in text("tight-hip-flexors") and "not a research finding" in text("hip-flexors-and-lower-back-pain")
    for record_id in ("tight-hip-flexors", "psoas-major"):  # Axler & McGill 1997 measured spinal load, not hip flexor overuse
        assert "axler-1997-abdominal-exercise-loads" not in data(graph, record_id)["sources"], record_id


def test_the_overarched_posture_is_called_hyperlordosis(graph):
    assert data(graph, "lumbar-hyperextension")["name"].startswith("Hyperlordosis")
    for article in graph.of_kind(Kind.ARTICLE):
        assert "[[lumbar-hyperextension|lumbar hyperextension]]" not in json.dumps(article.data), article.id


def test_where_sources_differ_names_only_sources_in_the_records_own_list(graph):
    names = {"GPnotebook": "gpnotebook", "Orthobullets": "orthobullets", "AnatomyZone": "anatomyzone",
             "Wheeless": "wheeless", "IMAIOS": "imaios", "Elsevier": "elsevier", "Anatomy.app": "anatomy-app",
             "DocCheck": "doccheck", "Kenhub": "kenhub", "Wikipedia": "wikipedia", "TeachMeAnatomy": "teachmeanatomy"}
    for muscle in graph.of_kind(Kind.MUSCLE):
        note = muscle.data.get("source_notes", "")
        cited = " ".join(muscle.data.get("sources", []))
        for name, key in names.items():
            if name in note:
                assert key in cited, f"{muscle.id}: source_notes names {name} but cites no {key} source"


def test_piriformis_and_adductor_magnus_roots_match_their_cited_sources(graph):
    piriformis = data(graph, "piriformis")
    assert piriformis["innervation"]["roots"] == "S1–S2" and "ref-wikipedia-piriformis-nerve" in piriformis["sources"]
    assert any("inwards" in a and "90 degrees" in a for a in piriformis["actions"])
    magnus = data(graph, "adductor-magnus")
    assert "L4 tibial" in magnus["innervation"]["roots"] and "ref-anatomy-app-adductor-magnus" in magnus["sources"]


NECK_AND_SHOULDER_MUSCLES = (
    "upper-trapezius", "middle-trapezius", "lower-trapezius", "levator-scapulae", "sternocleidomastoid",
    "scalenes", "suboccipitals", "deltoid", "supraspinatus", "infraspinatus", "teres-minor", "subscapularis",
    "pectoralis-major", "pectoralis-minor", "latissimus-dorsi", "rhomboids", "serratus-anterior",
)


def test_each_neck_shoulder_and_upper_back_muscle_has_a_stretch_and_a_strengthening_exercise(graph):
    for muscle_id in NECK_AND_SHOULDER_MUSCLES:
        strengthening = [e for e in graph.referrers(muscle_id, Kind.EXERCISE, ("works",))
                         if e.data["kind"] == "strengthening"]
        assert strengthening, muscle_id
        if muscle_id == "serratus-anterior":
            assert "no dedicated stretch" in data(graph, muscle_id)["clinical_notes"]
            continue
        assert graph.referrers(muscle_id, Kind.EXERCISE, ("stretches",)), muscle_id
    for part in ("upper-trapezius", "middle-trapezius", "lower-trapezius"):
        assert data(graph, part)["part_of"] == "trapezius"
    cuff = {m.id for m in graph.referrers("rotator-cuff", Kind.MUSCLE, ("groups",))}
    assert cuff == {"supraspinatus", "infraspinatus", "teres-minor", "subscapularis"}


def test_neck_and_shoulder_pain_pages_send_chest_pain_with_arm_or_neck_pain_to_emergency_services(graph):
    for condition_id in ("neck-pain", "subacromial-shoulder-pain", "frozen-shoulder"):
        flags = data(graph, condition_id)["see_a_professional"]
        assert any(f.startswith("Call emergency services") and "chest pain" in f for f in flags), condition_id
        assert any("fever" in f for f in flags) and any("cancer" in f for f in flags), condition_id
    neck = " ".join(data(graph, "neck-pain")["see_a_professional"])
    assert "spinal cord" in neck and "after a fall" in neck and "Weakness in an arm" in neck
    headache = " ".join(data(graph, "tension-type-headache")["see_a_professional"])
    assert "thunderclap" in headache and "fever" in headache and "after the age of 50" in headache


def test_shoulder_impingement_tests_give_their_pooled_accuracy_and_spurling_is_not_a_self_test(graph):
    def claims(test_id):
        return " ".join(e["claim"] for e in data(graph, test_id)["evidence"])

    assert "79 %" in claims("hawkins-kennedy-test") and "59 %" in claims("hawkins-kennedy-test")
    assert "72 %" in claims("neer-test") and "60 %" in claims("neer-test")
    assert "53 %" in claims("painful-arc-test") and "76 %" in claims("painful-arc-test")
    assert "0.89–1.00" in claims("spurling-test") and "0.38 to 0.97" in claims("spurling-test")
    assert "do not try it on yourself" in data(graph, "spurling-test")["steps"][0]
    for test_id in ("hawkins-kennedy-test", "neer-test", "painful-arc-test", "spurling-test"):
        assert "not established" in data(graph, test_id)["limitations"], test_id


def test_subacromial_pain_reports_that_decompression_did_not_beat_placebo_surgery(graph):
    condition = data(graph, "subacromial-shoulder-pain")
    assert "no more benefit than a placebo operation" in condition["description"]
    assert "beard-2018-csaw-trial" in condition["sources"]
    assert "not proven" in data(graph, "tension-type-headache")["description"]


# Issue 11, part 2: arm, forearm, hand and obliques (content helper C3).

ARM_AND_FOREARM_MUSCLES = (
    "biceps-brachii", "triceps-brachii", "brachialis", "brachioradialis", "pronator-teres", "supinator",
    "flexor-carpi-radialis", "flexor-carpi-ulnaris", "flexor-digitorum-superficialis",
    "extensor-carpi-radialis-longus", "extensor-carpi-radialis-brevis", "extensor-carpi-ulnaris",
    "external-oblique", "internal-oblique",
)


def test_every_arm_forearm_and_oblique_muscle_has_a_stretch_and_a_strengthening_exercise(graph):
    for muscle in ARM_AND_FOREARM_MUSCLES:
        stretched_by = {e.id for e in graph.referrers(muscle, Kind.EXERCISE, ("stretches", "also_stretches"))}
        worked_by = {e.id for e in graph.referrers(muscle, Kind.EXERCISE, ("works",))}
        assert any(data(graph, e)["kind"] == "stretch" for e in stretched_by), f"{muscle}: no stretch"
        assert any(data(graph, e)["kind"] == "strengthening" for e in worked_by), f"{muscle}: no strengthening exercise"


def test_elbow_and_wrist_conditions_have_red_flags_tests_and_a_study_with_an_identifier(graph):
    for condition in ("lateral-elbow-pain", "medial-elbow-pain", "carpal-tunnel-syndrome"):
        record = data(graph, condition)
        flags = " ".join(record["see_a_professional"]).lower()
        for sign in ("night", "cancer", "steroid", "osteoporosis"):
            assert sign in flags, f"{condition}: red flags do not mention {sign!r}"
        assert record["tests"] and record["exercises"], condition
        assert any(data(graph, s).get("doi") or data(graph, s).get("pmid") for s in record["sources"]), condition


def test_elbow_and_carpal_tunnel_tests_give_their_numbers_or_say_not_established(graph):
    def claims(test_id):
        return " ".join(e["claim"] for e in data(graph, test_id).get("evidence", []))

    assert "sensitivity (91 %)" in claims("cozens-test") and "specificity of 0 %" in claims("cozens-test")
    assert "sensitivity of 0.57" in claims("phalens-test") and "specificity of 0.67" in claims("phalens-test")
    assert "sensitivity of 0.45" in claims("tinels-sign") and "specificity of 0.78" in claims("tinels-sign")
    for test_id in ("mills-test", "golfers-elbow-test"):
        assert "**not established**" in data(graph, test_id)["limitations"], test_id


def test_the_towel_twist_does_not_claim_the_rubber_bar_trial_as_its_own(graph):
    notes = data(graph, "towel-twist")["notes"]
    assert "rubber bar" in notes and "has not itself been tested in trials" in notes
    assert "towel" in data(graph, "towel-twist")["equipment"]


def test_twisting_trunk_exercises_for_the_obliques_carry_an_osteoporosis_caution(graph):
    for exercise_id in ("open-book-rotation", "seated-trunk-rotation"):
        assert any("osteoporosis" in c for c in data(graph, exercise_id)["cautions"]), exercise_id


# Issue 11, part 2 (thigh, knee, lower leg and foot): what every new page must carry.

LEG_AND_FOOT_MUSCLES = ("vastus-lateralis", "vastus-medialis", "vastus-intermedius", "gracilis", "gastrocnemius", "soleus",
                        "tibialis-anterior", "tibialis-posterior", "fibularis-longus", "fibularis-brevis",
                        "flexor-digitorum-brevis", "abductor-hallucis")


def test_every_thigh_leg_and_foot_muscle_has_a_stretch_and_a_strengthening_exercise(graph):
    for muscle_id in LEG_AND_FOOT_MUSCLES:
        stretches = graph.referrers(muscle_id, Kind.EXERCISE, ("stretches", "also_stretches"))
        strengthens = [e for e in graph.referrers(muscle_id, Kind.EXERCISE, ("works",)) if e.data["kind"] == "strengthening"]
        assert stretches and strengthens, muscle_id
    assert {m.id for m in graph.referrers("quadriceps", Kind.MUSCLE, ("groups",))} == {
        "rectus-femoris", "vastus-lateralis", "vastus-medialis", "vastus-intermedius"}
    assert not [m.id for m in graph.of_kind(Kind.MUSCLE) if "plantar-fascia" in m.id]  # connective tissue, not a muscle



# Issue 11, part 2: the four muscles that took the atlas to 70 (teres major, longus colli, splenius capitis,
# flexor hallucis longus) each get a stretch and a strengthening exercise, a group, and relations both ways.

NEW_MUSCLES_AT_70 = {"teres-major": "upper-back-muscles", "longus-colli": "neck-flexors",
                     "splenius-capitis": "neck-extensors", "flexor-hallucis-longus": "calf-muscles"}


def test_the_four_muscles_added_last_have_a_stretch_a_strengthening_exercise_and_a_group(graph):
    for muscle_id, group in NEW_MUSCLES_AT_70.items():
        stretched_by = graph.referrers(muscle_id, Kind.EXERCISE, ("stretches", "also_stretches"))
        worked_by = graph.referrers(muscle_id, Kind.EXERCISE, ("works",))
        assert any(e.data["kind"] == "stretch" for e in stretched_by), f"{muscle_id}: no stretch"
        assert any(e.data["kind"] == "strengthening" for e in worked_by), f"{muscle_id}: no strengthening exercise"
        assert data(graph, muscle_id)["groups"] == [group], muscle_id
        assert f"[[{muscle_id}]]" in data(graph, group)["description"], f"{group} does not list {muscle_id}"
        for field in ("synergists", "antagonists"):
            for other in data(graph, muscle_id).get(field, []):
                assert muscle_id in data(graph, other).get(field, []), f"{other}.{field} lacks {muscle_id}"
    assert "teres-major" not in {m.id for m in graph.referrers("rotator-cuff", Kind.MUSCLE, ("groups",))}
    assert "not known" in data(graph, "longus-colli")["clinical_notes"]  # no causal claim about neck pain


def test_the_calf_is_stretched_with_the_knee_straight_and_bent(graph):
    assert "gastrocnemius" in data(graph, "wall-calf-stretch-straight-knee")["stretches"]
    assert "soleus" in data(graph, "wall-calf-stretch-bent-knee")["stretches"]
    assert data(graph, "seated-towel-calf-stretch")["position"] == "sitting"


def test_every_condition_has_red_flags_and_at_least_one_cited_source(graph):
    for condition in graph.of_kind(Kind.CONDITION):
        assert condition.data["see_a_professional"], condition.id
        assert condition.data["sources"], condition.id


def test_every_test_states_its_evidence_or_says_it_is_not_established(graph):
    for test in graph.of_kind(Kind.TEST):
        stated = test.data.get("evidence") or "not established" in test.data.get("limitations", "").lower()
        assert stated, f"{test.id}: add evidence with a source, or say in limitations that it is not established"


def test_the_lower_limb_tests_keep_their_published_numbers(graph):
    def claims(test_id):
        return " ".join(e["claim"] for e in data(graph, test_id).get("evidence", []))

    assert "0.52" in claims("ely-test") and "0.46" in claims("ely-test")
    assert "0.99" in claims("active-knee-extension-test")
    assert "0.93–0.99" in claims("knee-to-wall-test")
    assert "24.6°" in claims("ober-test")
    assert "not established" in data(graph, "slump-test")["limitations"].lower()
