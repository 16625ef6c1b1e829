"""Rendering: pages as Markdown fragments, reverse links, escaping, determinism."""
from __future__ import annotations

import datetime as dt

from myoatlas.build import build_site

DAY = dt.date(2026, 6, 1)


def pages(paths) -> dict[str, str]:
    result = build_site(paths, on=DAY)
    assert result.ok, [str(d) for d in result.diagnostics]
    return {p.path: p.markdown for p in result.pages}


def test_every_record_gets_a_page_and_every_kind_a_hub(site):
    assert sorted(pages(site())) == [
        "articles/index.md", "authors/editors.md", "conditions/index.md", "contributing/fields.md", "exercises/index.md",
        "exercises/kneeling-lunge.md", "find/index.md", "groups/hip-flexors.md", "muscles/index.md", "muscles/psoas-major.md",
        "new/index.md", "routines/index.md", "sources/index.md", "sources/smith-2020.md", "tests/index.md",
    ]


def test_a_stretch_links_to_its_muscles_and_the_muscle_lists_the_stretch(site):
    out = pages(site())
    assert "- **Stretches most:** [Psoas major](../muscles/psoas-major.md)" in out["exercises/kneeling-lunge.md"]
    muscle = out["muscles/psoas-major.md"]
    assert "## Stretches for this muscle\n\n- [Kneeling lunge](../exercises/kneeling-lunge.md) — <span class=\"ma-linked-summary\">A kneeling stretch for the front of the hip.</span>" in muscle
    assert "- **Group:** [Hip flexors](../groups/hip-flexors.md)" in muscle


def test_aliases_are_on_the_page_for_search(site):
    assert "*Also called:* psoas, iliopsoas" in pages(site())["muscles/psoas-major.md"]


def test_health_pages_carry_author_review_date_sources_and_disclaimer(site):
    muscle = pages(site())["muscles/psoas-major.md"]
    assert "Written by [Test editors](../authors/editors.md). Last reviewed: **2026\\-01\\-01**" in muscle
    assert "1. [A study of hips](../sources/smith-2020.md) (2020). DOI: [10\\.1000/hips.1](<https://doi.org/10.1000/hips.1>)" in muscle
    assert '!!! info ma-disclaimer "Health information, not a diagnosis"' in muscle


def test_article_record_links_become_relative_links(site):
    out = pages(site("""
    -- content/article/hips.yml --
    id: hips
    title: All about hips
    summary: Hips.
    author: editors
    published: 2026-01-01
    reviewed: 2026-01-01
    sources: [smith-2020]
    sections:
      - heading: Start
        body: Stretch the [[psoas-major|psoas]] with the [[kneeling-lunge]].
    """))
    assert "Stretch the [psoas](../muscles/psoas-major.md) with the [kneeling lunge](../exercises/kneeling-lunge.md)." in out["articles/hips.md"]
    assert '??? quote myoatlas-fold "Mentioned in 1 article"\n    - [All about hips](../articles/hips.md) — <span class="ma-linked-summary">Hips.</span>' in out["muscles/psoas-major.md"]


def test_plain_fields_cannot_inject_markup(site):
    out = pages(site("""
    -- content/exercise/kneeling-lunge.yml --
    id: kneeling-lunge
    name: "Lunge [x](javascript:alert(1))"
    kind: stretch
    summary: A kneeling stretch.
    stretches: [psoas-major]
    position: half-kneeling
    equipment: [mat]
    difficulty: beginner
    dose: {hold_seconds: 30}
    steps: ["# not a heading", "1. not a list", "<img src=x onerror=alert(1)> then"]
    cautions: [Stop if it hurts.]
    reviewed: 2026-01-01
    """))
    page = out["exercises/kneeling-lunge.md"]
    assert "# Lunge \\[x\\]\\(javascript:alert\\(1\\)\\)" in page
    assert "1. \\# not a heading" in page and "2. 1\\. not a list" in page
    assert "3. &lt;img src=x onerror=alert\\(1\\)\\> then" in page


def test_output_is_deterministic(site):
    paths = site()
    assert pages(paths) == pages(paths)


def test_a_template_error_names_the_template_line(site):
    paths = site()
    (paths.templates / "source.md.j2").write_text("# {{ record.title }}\n{{ r.no_such_field }}\n")
    result = build_site(paths, on=DAY)
    assert [str(d).split("\n")[0] for d in result.diagnostics] == [
        "templates/source.md.j2:2:1: error: template error: 'dict object' has no attribute 'no_such_field' (while rendering content/source/smith-2020.yml)"
    ]


def test_exercise_pages_name_the_muscle_groups_and_the_dose_as_a_sentence(site):
    page = pages(site())["exercises/kneeling-lunge.md"]
    assert "- **Muscle groups:** [Hip flexors](../groups/hip-flexors.md)" in page
    assert "- **Dose:** Hold for 30 seconds, 3 times." in page


def test_optional_fields_may_be_absent_anywhere(site):
    out = pages(site("""
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: Hip flexors
    summary: Muscles that lift the thigh.
    region: hip
    action: hip flexion
    reviewed: 2026-01-01
    """))
    assert "- **Muscle groups:** [Hip flexors](../groups/hip-flexors.md)" in out["exercises/kneeling-lunge.md"]
