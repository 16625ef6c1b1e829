"""Figures drawn from data: the pose renderer, the body diagram, the figure checks, and what readers see."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, diagnostics, hints
from myoatlas.build import build_site
from myoatlas.cli import main
from myoatlas.figures import body, pose

# -- forward kinematics --------------------------------------------------------------------------------

def _close(point, expected):
    assert point == pytest.approx(expected, abs=0.01)


def test_standing_straight_puts_knee_and_ankle_under_the_hip():
    sk = pose.skeleton(pose.Pose("Stand"))
    _close(sk.points["near-knee"], (0, -44))
    _close(sk.points["near-ankle"], (0, -86))
    _close(sk.points["lumbar"], (0, 13))
    _close(sk.points["neck"], (0, 55))


def test_sitting_angles_put_the_thigh_level_and_the_shin_down():
    sk = pose.skeleton(pose.Pose("Sit", near={"hip": 90, "knee": 90}))
    _close(sk.points["near-knee"], (44, 0))
    _close(sk.points["near-ankle"], (44, -42))
    _close(sk.points["far-knee"], (0, -44))  # the far leg keeps its own angles


def test_lying_face_down_lays_the_trunk_forwards_and_the_legs_back():
    sk = pose.skeleton(pose.Pose("Prone", trunk=90))
    _close(sk.points["neck"], (55, 0))
    _close(sk.points["near-knee"], (-44, 0))


def test_anterior_pelvic_tilt_moves_the_thigh_with_the_pelvis():
    sk = pose.skeleton(pose.Pose("Tilt", pelvis=20, near={"hip": 20}))
    _close(sk.points["near-knee"], (0, -44))  # hip flexion made up for the tilt: the thigh stays vertical
    assert sk.points["lumbar"][0] > 4  # the top of the pelvis tipped forwards


def test_front_view_abduction_moves_the_leg_out_to_its_own_side():
    sk = pose.skeleton(pose.Pose("Out", near={"hip": 90}, far={"shoulder": 90}), "front")
    _close(sk.points["near-knee"], (-53, 0))
    assert sk.points["far-elbow"][0] > sk.points["far-shoulder"][0] + 28


def test_a_sitting_figure_rests_its_pelvis_on_the_chair_seat():
    figure = pose.parse_figure({"props": ["chair under pelvis"], "poses": [
        {"both": {"hip": 90, "knee": 90}, "contact": ["pelvis", "near-foot", "far-foot"]}]})
    placed = pose.place(figure.poses[0], figure)
    assert pose.part_low(placed.skeleton, "pelvis") == pytest.approx(pose.SUPPORT["chair"])
    assert placed.floating == [] and placed.sunk == []


# -- pose figure SVG ------------------------------------------------------------------------------------

LUNGE = {"props": ["mat"], "side": "near", "poses": [
    {"label": "Start", "near": {"knee": 90, "ankle": -60}, "far": {"hip": 90, "knee": 90}, "contact": ["near-knee", "far-foot"]},
    {"label": "Shift forwards", "near": {"hip": -20, "knee": 80, "ankle": -60}, "far": {"hip": 95, "knee": 110},
     "contact": ["near-knee", "far-foot"]}]}


def _path_points(svg: str, muscle: str) -> list[tuple[float, float]]:
    found = re.findall(rf'd="M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) (-?[\d.]+)" stroke-width="[\d.]+" data-muscle="{muscle}"', svg)
    return [(float(a), float(b)) for m in found for a, b in (m[:2], m[2:])]


def test_pose_figure_has_a_text_alternative_from_the_data():
    svg = pose.pose_svg(LUNGE, {"psoas-major": "stretched"}, title="Kneeling lunge: how it looks", uid="kl",
                        names={"psoas-major": "Psoas major"})
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="ma-pose" viewBox="0 0 ')
    assert 'role="img" aria-labelledby="kl-t kl-d"' in svg
    assert '<title id="kl-t">Kneeling lunge: how it looks</title>' in svg
    desc = re.search(r'<desc id="kl-d">(.*?)</desc>', svg).group(1)
    assert desc == ("Side view, 2 positions. Start: trunk upright; near side: knee bent 90°, toes pointed 60°; "
                    "far side: hip bent 90°, knee bent 90°; resting on near knee, far foot. Shift forwards: trunk upright; "
                    "near side: hip back 20°, knee bent 80°, toes pointed 60°; far side: hip bent 95°, knee bent 110°; "
                    "resting on near knee, far foot. Props: mat. Stretched (orange): psoas major. "
                    "Colours are shown on the near side.")
    assert ">Start</text>" in svg and ">Shift forwards</text>" in svg


def test_pose_figure_is_deterministic():
    assert pose.pose_svg(LUNGE, {"psoas-major": "stretched"}) == pose.pose_svg(LUNGE, {"psoas-major": "stretched"})


def test_hamstrings_are_drawn_on_the_back_of_the_thigh_and_quads_on_the_front():
    standing = {"poses": [{}]}
    svg = pose.pose_svg(standing, {"biceps-femoris": "stretched", "rectus-femoris": "worked"})
    hams = _path_points(svg, "biceps-femoris")
    quad = _path_points(svg, "rectus-femoris")
    assert hams and quad
    # the figure faces right (+x): the back of the thigh is to the left of the front
    assert max(x for x, _ in hams) < min(x for x, _ in quad)
    assert re.search(r'class="ma-hl ma-hl--stretched"[^>]*data-muscle="biceps-femoris"', svg)
    assert re.search(r'class="ma-hl ma-hl--worked"[^>]*data-muscle="rectus-femoris"', svg)


def test_one_sided_highlight_colours_only_that_side():
    svg = pose.pose_svg(dict(LUNGE, side="near"), {"rectus-femoris": "stretched"})
    near = svg.split('ma-part--near-leg')[1].split("</g>")[0]
    far = svg.split('ma-part--far-leg')[1].split("</g>")[0]
    assert 'data-muscle="rectus-femoris"' in near
    assert 'data-muscle="rectus-femoris"' not in far


def test_a_muscle_without_an_entry_is_drawn_on_its_region():
    assert pose.muscle_pieces("popliteus", "lower-leg") == [("shank", "back", 0.05, 0.8)]
    assert pose.muscle_pieces("psoas-major")[1] == ("pelvis", "front", 0.0, 1.0)


# -- body diagram ---------------------------------------------------------------------------------------

def test_body_diagram_highlights_the_muscle_and_names_it():
    svg = body.body_svg({"gluteus-maximus": "worked"}, names={"gluteus-maximus": "Gluteus maximus"})
    assert 'role="img"' in svg and "<title>Body diagram, front and back view</title>" in svg
    assert "<desc>Worked: gluteus maximus.</desc>" in svg
    assert re.search(r'class="ma-m ma-m--worked" data-muscle="gluteus-maximus"', svg)
    assert body_svg_is_deterministic()


def body_svg_is_deterministic() -> bool:
    return body.body_svg({"psoas-major": "target"}) == body.body_svg({"psoas-major": "target"})


def test_body_map_links_every_shape_with_an_accessible_name():
    svg = body.body_svg({}, links={"psoas-major": "../muscles/psoas-major/", "sartorius": "../muscles/sartorius/"},
                        names={"psoas-major": "Psoas major"})
    assert 'role="img"' not in svg  # links inside: the svg is not one image
    assert ('<a xlink:href="../muscles/psoas-major/" aria-label="Psoas major"><title>Psoas major</title>'
            '<path class="ma-m ma-m--deep" data-muscle="psoas-major"') in svg
    assert '<a xlink:href="../muscles/sartorius/" aria-label="Sartorius"><title>Sartorius</title>' in svg
    assert svg.count("<a xlink:href=") == 2  # each muscle once: sartorius and psoas are front-view shapes


def test_deep_muscles_are_dashed_and_only_drawn_when_asked_for():
    assert 'data-muscle="piriformis"' not in body.body_svg({})
    svg = body.body_svg({"piriformis": "stretched"})
    assert 'class="ma-m ma-m--deep ma-m--stretched" data-muscle="piriformis"' in svg
    assert "Dashed outlines are deep muscles" in svg


def test_every_muscle_record_has_a_shape_on_the_body():
    ids = sorted(p.stem for p in (REPO / "content" / "muscle").glob("*.yml"))
    assert [i for i in ids if not body.has_shape(i)] == []
    assert [i for i in body.SHAPES if i not in ids] == []


# -- checks ---------------------------------------------------------------------------------------------

LUNGE_RECORD = """
-- content/exercise/kneeling-lunge.yml --
id: kneeling-lunge
name: Kneeling lunge
kind: stretch
summary: A kneeling stretch for the front of the hip.
stretches: [psoas-major]
position: half-kneeling
equipment: [mat]
difficulty: beginner
dose: {hold_seconds: 30, reps: 3}
steps: [Kneel on one knee., Shift forward.]
cautions: [Stop if it hurts.]
reviewed: 2026-01-01
author: editors
figure:
"""


def lunge(figure: str) -> str:
    return LUNGE_RECORD + figure


GOOD_FIGURE = """  props: [mat]
  poses:
    - near: {knee: 90, ankle: -60}
      far: {hip: 90, knee: 90}
      contact: [near-knee, far-foot]
"""


def test_a_good_figure_is_silent(site):
    assert diagnostics(site(lunge(GOOD_FIGURE))) == []


def test_knee_bent_backwards(site):
    paths = site(lunge("""  poses:
    - near: {knee: -20}
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:20: error: knee bent backwards: -20° in figure.poses[0].near.knee"]
    assert hints(paths) == ["0 is a straight knee; it only bends one way (0 to 160)"]


def test_hip_past_its_human_range(site):
    paths = site(lunge("""  poses:
    - far: {hip: 170}
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:18: error: hip past its human range: 170° in figure.poses[0].far.hip"]
    assert hints(paths) == ["a hip moves between about -35° and 140° in this view"]


def test_pelvis_tilted_past_its_range(site):
    paths = site(lunge("""  poses:
    - pelvis: 50
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:15: error: pelvis tilted past its human range: 50° in figure.poses[0].pelvis"]


def test_unknown_prop_with_did_you_mean(site):
    paths = site(lunge("""  props: [chiar under pelvis]
  poses:
    - {}
"""))
    assert diagnostics(paths) == ["content/exercise/kneeling-lunge.yml:15:11: error: unknown prop 'chiar' in figure.props[0]"]
    assert hints(paths) == ["did you mean 'chair'?"]


def test_unknown_body_part_in_contact(site):
    paths = site(lunge("""  poses:
    - contact: [near-kne]
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:17: error: unknown body part 'near-kne' in figure.poses[0].contact[0]"]
    assert hints(paths) == ["did you mean 'near-knee'?"]


def test_a_prop_must_say_where_it_goes(site):
    paths = site(lunge("""  props: [chair]
  poses:
    - {}
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:15:11: error: figure.props[0] does not say where the chair goes"]
    assert hints(paths) == ["name the parts resting on it, e.g. 'chair under pelvis'"]


def test_a_part_floating_above_the_floor(site):
    paths = site(lunge("""  poses:
    - label: Sit
      both: {hip: 90, knee: 90}
      contact: [pelvis, near-foot]
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:18:16: error: pelvis floats 39 cm above the floor with nothing under it in figure.poses[0] (Sit)"]
    assert hints(paths) == ["change the angles so it reaches, put a prop under it (e.g. 'step under near-foot'), or take it out of contact"]


def test_a_part_sunk_into_the_floor(site):
    paths = site(lunge("""  poses:
    - label: Kneel
      near: {knee: 90}
      contact: [near-knee]
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:7: error: far-foot goes 45 cm below the floor in figure.poses[0] (Kneel)",
        "content/exercise/kneeling-lunge.yml:16:7: error: far-shin goes 42 cm below the floor in figure.poses[0] (Kneel)",
        "content/exercise/kneeling-lunge.yml:16:7: error: near-foot goes 13 cm below the floor in figure.poses[0] (Kneel)",
    ]


def test_highlight_of_a_muscle_that_does_not_exist(site):
    paths = site(lunge("""  highlight:
    stretched: [psoas-majr]
  poses:
    - {}
"""))
    assert diagnostics(paths) == [
        "content/exercise/kneeling-lunge.yml:16:17: error: unknown muscle 'psoas-majr' in figure.highlight.stretched[0]"]
    assert hints(paths) == ["did you mean 'psoas-major'? (muscles live in content/muscle/)"]


def test_an_exercise_without_a_figure_is_a_warning_once_figures_are_in_use(site):
    paths = site(lunge(GOOD_FIGURE) + """-- content/exercise/bridge.yml --
id: bridge
name: Bridge
kind: strengthening
summary: Lift the hips.
works: [psoas-major]
position: lying-on-back
equipment: [mat]
difficulty: beginner
dose: {reps: 10}
steps: [Lie down., Lift.]
cautions: [Stop if it hurts.]
reviewed: 2026-01-01
author: editors
""")
    assert diagnostics(paths) == ["content/exercise/bridge.yml:1:5: warning: this exercise has no figure"]
    assert hints(paths) == ["add a 'figure:' block with its key positions (see Drawing a figure); "
                            "'myoatlas figure bridge -o bridge.svg' draws it"]


def test_unknown_figure_field_is_reported_by_the_schema(site):
    paths = site(lunge("""  poses:
    - near: {hips: 90}
"""))
    assert diagnostics(paths) == ["content/exercise/kneeling-lunge.yml:16:14: error: unknown field 'hips' in figure.poses[0].near"]
    assert hints(paths) == ["did you mean 'hip'?"]


# -- pages and the command --------------------------------------------------------------------------------

def test_exercise_page_shows_the_figure_after_the_summary_and_the_body_diagram(site):
    paths = site(lunge(GOOD_FIGURE))
    result = build_site(paths)
    assert result.ok, [str(d) for d in result.diagnostics]
    page = next(p for p in result.pages if p.path == "exercises/kneeling-lunge.md").markdown
    summary = page.index("A kneeling stretch for the front of the hip.")
    figure = page.index('<figure class="ma-figure ma-figure--pose" data-pagefind-ignore><svg')
    assert summary < figure < page.index("## How to do it")
    assert '<figure class="ma-figure ma-figure--body" data-pagefind-ignore><svg' in page
    assert "<figcaption>Coloured: " in page
    muscle = next(p for p in result.pages if p.path == "muscles/psoas-major.md").markdown
    assert 'data-muscle="psoas-major"' in muscle and "ma-m--target" in muscle


def test_figure_command_writes_a_standalone_svg(site, tmp_path, capsys):
    paths = site(lunge(GOOD_FIGURE))
    out = tmp_path / "lunge.svg"
    assert main(["--root", str(paths.root), "figure", "kneeling-lunge", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" class="ma-pose"')
    assert "<title" in text and "<desc" in text
    assert main(["--root", str(paths.root), "figure", "nothing-here"]) == 1
    assert "error: no record with id 'nothing-here'" in capsys.readouterr().err


def test_every_original_exercise_and_test_has_a_figure():
    records = [*sorted((REPO / "content" / "exercise").glob("*.yml")), *sorted((REPO / "content" / "test").glob("*.yml"))]
    without = [p.stem for p in records if p.stem in ORIGINAL and "figure" not in yaml.safe_load(p.read_text(encoding="utf-8"))]
    assert without == []


ORIGINAL = {
    "abdominal-drawing-in", "adductor-ball-squeeze", "bird-dog", "butterfly-stretch", "cat-camel", "childs-pose",
    "chop-and-lift", "clamshell", "couch-stretch", "dead-bug", "extensor-digitorum-stretch", "figure-four-stretch",
    "finger-extension-with-band", "forearm-rotation-with-weight", "front-thigh-self-massage", "glute-bridge",
    "glute-self-massage", "kneeling-lunge", "knees-to-chest", "lying-posterior-pelvic-tilt", "plank",
    "pronator-quadratus-stretch", "prone-back-extension", "prone-press-up", "romanian-deadlift", "seated-knee-lift",
    "seated-piriformis-stretch", "side-lunge-adductor-stretch", "side-lying-hip-abduction", "side-lying-psoas-stretch",
    "side-plank", "single-leg-glute-bridge", "standing-hamstring-stretch", "standing-hip-extension",
    "standing-quad-stretch", "standing-side-bend-stretch", "standing-tfl-stretch", "supine-hamstring-strap-stretch",
    "supine-lumbar-rotation", "thomas-test", "hip-flexion-range-of-motion", "hip-flexor-strength-test",
}


# -- in the browser ------------------------------------------------------------------------------------

def _figured_pages() -> list[str]:
    pages = []
    for kind, folder in (("exercise", "exercises"), ("test", "tests")):
        for path in sorted((REPO / "content" / kind).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "figure" in data:
                pages.append(f"{folder}/{path.stem}/")
    return pages


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_every_exercise_and_test_page_shows_its_figure_with_a_text_alternative(browser, base_url, width):
    pages = _figured_pages()
    assert len(pages) >= len(ORIGINAL)
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    for path in pages:
        page.goto(path)
        svg = page.locator("figure.ma-figure--pose svg[role=img]")
        if svg.count() != 1:
            problems.append(f"{path}: no figure")
            continue
        box = svg.bounding_box()
        label = svg.evaluate("s => s.getAttribute('aria-labelledby').split(' ')"
                             ".map(id => document.getElementById(id).textContent).join(' ')")
        if not box or box["width"] < min(250, width * 0.6) or box["x"] < 0 or box["x"] + box["width"] > width:
            problems.append(f"{path}: figure box {box}")
        if "view" not in label or "position" not in label:
            problems.append(f"{path}: text alternative {label!r}")
    context.close()
    assert problems == []


from test_browser import base_url, browser  # noqa: E402,F401  (the real site, built once, and Chromium)


def test_a_loop_shows_the_positions_in_turn_and_stops_under_reduced_motion():
    svg = pose.pose_svg(dict(LUNGE, loop=True), {})
    assert svg.count('class="ma-loop-frame ma-loop-2') == 2
    assert 'class="ma-loop-frame ma-loop-2 ma-loop-frame--last" style="animation-delay:-2s"' in svg
    assert ">Moving</text>" in svg
    css = (REPO / "site_src" / "assets" / "figures.css").read_text(encoding="utf-8")
    reduced = css.split("@media (prefers-reduced-motion: reduce)")[1]
    assert ".ma-loop-frame { animation: none; opacity: 0; }" in reduced
    assert ".ma-loop-frame--last { opacity: 1; }" in reduced


def test_a_deep_muscle_page_adds_the_deep_layer_where_it_is_drawn_solid():
    assert body.views_for(["quadratus-lumborum"], deep_layer=True) == ("back", "deep-back")
    assert body.views_for(["gluteus-maximus"], deep_layer=True) == ("back",)
    svg = body.body_svg({"quadratus-lumborum": "target"}, views=("back", "deep-back"))
    back, deep = svg.split('class="ma-body-view ma-body-view--deep-back"')
    assert 'class="ma-m ma-m--deep ma-m--target" data-muscle="quadratus-lumborum"' in back
    assert 'class="ma-m ma-m--target" data-muscle="quadratus-lumborum"' in deep
    assert 'data-muscle="gluteus-maximus"' not in deep  # the deep layer shows deep muscles only
    assert ">Deep layer, back</text>" in deep
