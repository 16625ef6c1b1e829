"""`myoatlas check`: one exact message per rule, at the right line and column."""
from __future__ import annotations

from conftest import diagnostics, hints


def test_a_clean_site_is_silent(site):
    assert diagnostics(site()) == []


def test_wrong_type_no_read_as_false(site):
    paths = site("""
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: no
    summary: Muscles that lift the thigh.
    region: hip
    action: hip flexion
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/hip-flexors.yml:2:7: error: wrong type for name: expected string, got boolean false (YAML reads an unquoted no as false)"
    ]
    assert hints(paths) == ['quote it: name: "no"']


def test_wrong_type_hold_written_as_a_time(site):
    paths = site("""
    -- content/exercise/kneeling-lunge.yml --
    id: kneeling-lunge
    name: Kneeling lunge
    kind: stretch
    summary: A kneeling stretch.
    stretches: [psoas-major]
    position: half-kneeling
    equipment: [mat]
    difficulty: beginner
    dose:
      hold_seconds: 1:30
    steps: [Kneel., Shift forward.]
    cautions: [Stop if it hurts.]
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:10:17: error: wrong type for dose.hold_seconds: expected integer, got string '1:30' (YAML reads this as a time, not a number)"
    ]
    assert hints(paths) == ["write a plain number, e.g. 90 for 1:30"]


def test_unknown_field_with_did_you_mean(site):
    paths = site("""
    -- content/source/jones-2021.yml --
    id: jones-2021
    title: Another study
    year: 2021
    pmid: "12345"
    auhtors: Jones A
    """)
    assert diagnostics(paths) == [
        "content/source/jones-2021.yml:1:5: warning: nothing cites this source",
        "content/source/jones-2021.yml:5:1: error: unknown field 'auhtors' in source",
    ]
    assert hints(paths)[1] == "did you mean 'authors'?"


def test_missing_required_field(site):
    paths = site("""
    -- content/source/jones-2021.yml --
    id: jones-2021
    year: 2021
    pmid: "12345"
    -- content/muscle/iliacus.yml --
    id: iliacus
    name: Iliacus
    summary: Hip flexor.
    groups: [hip-flexors]
    region: hip
    depth: deep
    joints: one-joint
    origin: Iliac fossa.
    insertion: Lesser trochanter.
    innervation: {nerve: femoral nerve}
    actions: [hip flexion]
    sources: [jones-2021]
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/muscle/iliacus.yml:10:14: error: missing required field 'roots' in innervation",
        "content/source/jones-2021.yml:1:1: error: missing required field 'title'",
    ]


def test_unknown_value_of_a_closed_list(site):
    paths = site("""
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: Hip flexors
    summary: Muscles that lift the thigh.
    region: hips
    action: hip flexion
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/hip-flexors.yml:4:9: error: invalid value for region: expected one of: 'neck', 'shoulder', 'upper-back', 'chest', 'upper-arm', 'forearm', 'hand', 'lower-back', 'abdomen', 'pelvis', 'hip', 'thigh', 'knee', 'lower-leg', 'foot', got 'hips'"
    ]
    assert hints(paths) == ["did you mean 'hip'?"]


def test_unknown_reference_with_did_you_mean_over_the_right_kind(site):
    paths = site("""
    -- content/exercise/couch-stretch.yml --
    id: couch-stretch
    name: Couch stretch
    kind: stretch
    summary: A deep front-of-hip stretch.
    stretches: [psoas-majr]
    position: kneeling
    equipment: [mat]
    difficulty: advanced
    dose: {hold_seconds: 30}
    steps: [Kneel., Lean back.]
    cautions: [Stop if it hurts.]
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/exercise/couch-stretch.yml:5:13: error: unknown muscle 'psoas-majr' in stretches[0]"
    ]
    assert hints(paths) == ["did you mean 'psoas-major'? (muscles live in content/muscle/)"]


def test_reference_to_a_record_of_the_wrong_kind(site):
    paths = site("""
    -- content/group/hip-extensors.yml --
    id: hip-extensors
    name: Hip extensors
    summary: The glutes.
    region: hip
    action: hip extension
    opposing: [psoas-major]
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/hip-extensors.yml:6:12: error: 'psoas-major' is a muscle, not a group, in opposing[0]"
    ]


def test_duplicate_ids_ignoring_case(site):
    paths = site("""
    -- content/group/Psoas-Major.yml --
    id: Psoas-Major
    name: Psoas group
    summary: Duplicate.
    region: hip
    action: hip flexion
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/Psoas-Major.yml:1:5: error: invalid id 'Psoas-Major': ids are lowercase words joined by hyphens",
        "content/group/Psoas-Major.yml:1:5: warning: nothing links to this group",
        "content/muscle/psoas-major.yml:1:5: error: duplicate id 'psoas-major': content/group/Psoas-Major.yml already uses it",
    ]


def test_id_must_equal_the_file_name(site):
    paths = site("""
    -- content/source/smith-2020.yml --
    id: smith-2021
    title: A study of hips
    year: 2020
    doi: 10.1000/hips.1
    """)
    found = diagnostics(paths)
    assert "content/source/smith-2020.yml:1:5: error: id 'smith-2021' does not match the file name 'smith-2020.yml'" in found


def test_reserved_device_names_are_refused(site):
    paths = site("""
    -- content/source/con.yml --
    id: con
    title: Reserved
    year: 2020
    url: https://example.org/
    """)
    assert "content/source/con.yml:1:5: error: id 'con' is reserved" in diagnostics(paths)


def test_record_links_in_block_text_point_at_the_link(site):
    paths = site("""
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: Hip flexors
    summary: Muscles that lift the thigh.
    region: hip
    action: hip flexion
    description: |
      The hip flexors include the [[psoas-major]].
      Stretch them with the [[kneeling-lunj]].
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/hip-flexors.yml:8:25: error: unknown record 'kneeling-lunj' in description"
    ]
    assert hints(paths) == ["did you mean 'kneeling-lunge'? (records live in content/)"]


def test_raw_html_and_unsafe_links_in_rich_text(site):
    paths = site("""
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: Hip flexors
    summary: Muscles that lift the thigh.
    region: hip
    action: hip flexion
    description: "Hi <script>alert(1)</script> [x](javascript:alert(1))"
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/group/hip-flexors.yml:6:18: error: raw HTML is not allowed: '<script>' in description",
        "content/group/hip-flexors.yml:6:34: error: raw HTML is not allowed: '</script>' in description",
        "content/group/hip-flexors.yml:6:48: error: link target 'javascript:alert(1' is not allowed in description",
    ]


def test_review_past_due_is_a_warning(site):
    paths = site()
    assert diagnostics(paths, today="2028-06-01") == [
        "content/exercise/kneeling-lunge.yml:12:11: warning: review is past due: last reviewed 2026-01-01, more than two years ago",
        "content/group/hip-flexors.yml:7:11: warning: review is past due: last reviewed 2026-01-01, more than two years ago",
        "content/muscle/psoas-major.yml:14:11: warning: review is past due: last reviewed 2026-01-01, more than two years ago",
    ]


def test_source_without_doi_pmid_or_url(site):
    paths = site("""
    -- content/source/smith-2020.yml --
    id: smith-2020
    title: A study of hips
    year: 2020
    """)
    assert diagnostics(paths) == [
        "content/source/smith-2020.yml:1:1: error: a source needs at least one of 'doi', 'pmid' or 'url'"
    ]


def test_a_broken_record_among_valid_ones_yields_only_its_own_errors(site):
    paths = site("""
    -- content/muscle/iliacus.yml --
    id: iliacus
    name: Iliacus
    """)
    found = diagnostics(paths)
    assert found and all(line.startswith("content/muscle/iliacus.yml:") for line in found)


def test_several_broken_files_report_all_their_errors(site):
    paths = site("""
    -- content/source/a.yml --
    id: a
    title: [not, text]
    year: 2020
    url: https://example.org/a
    -- content/source/b.yml --
    id: b
    title: B
    year: "2020"
    url: http://example.org/b
    -- content/source/c.yml --
    id: c
    title: C
    title: C again
    """)
    errors = [line for line in diagnostics(paths) if ": error: " in line]
    assert errors == [
        "content/source/a.yml:2:8: error: wrong type for title: expected string, got a list",
        "content/source/b.yml:3:7: error: wrong type for year: expected integer, got string '2020'",
        "content/source/b.yml:4:6: error: invalid url for url: only https:// links are allowed, got 'http://example.org/b'",
        "content/source/c.yml:3:1: error: duplicate key 'title' (first defined at line 2)",
    ]


def test_a_file_that_cannot_be_read_is_reported_once_not_by_every_reference(site):
    paths = site("-- content/muscle/psoas-major.yml --\nid: psoas-major\nname: [broken\n")
    assert diagnostics(paths) == [
        "content/muscle/psoas-major.yml:3:1: error: invalid YAML: did not find expected ',' or ']'"
    ]


def test_angle_brackets_in_names_titles_and_aliases_are_refused_at_the_character(site):
    paths = site("""
    -- content/exercise/plank.yml --
    id: plank
    name: "Plank <img src=x onerror=alert(1)>"
    aliases: [front plank, "hover > 30 s"]
    kind: strengthening
    summary: A hold on the forearms and toes.
    works: [psoas-major]
    position: lying-on-front
    equipment: [mat]
    difficulty: beginner
    dose: {hold_seconds: 30}
    steps: [Lie face down., Hold.]
    cautions: [Stop if it hurts.]
    reviewed: 2026-01-01
    """)
    assert diagnostics(paths) == [
        "content/exercise/plank.yml:2:14: error: '<' is not allowed in name",
        "content/exercise/plank.yml:3:31: error: '>' is not allowed in aliases[1]",
    ]
