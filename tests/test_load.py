"""The strict loader: positions kept, surprises refused as path:line:col errors."""
from __future__ import annotations

from myoatlas.load import MAX_BYTES, parse_yaml

from conftest import diagnostics


def messages(blob: bytes) -> list[str]:
    return [str(d).split("\n")[0] for d in parse_yaml(blob, "f.yml").diagnostics]


def test_values_keep_their_line_and_column():
    parsed = parse_yaml(b"id: x\nsteps:\n  - first\n  - second\n", "f.yml")
    assert parsed.data == {"id": "x", "steps": ["first", "second"]}
    assert str(parsed.spans[("steps", 1)]) == "f.yml:4:5"
    assert str(parsed.key_spans[("steps",)]) == "f.yml:2:1"


def test_duplicate_keys_are_refused_not_silently_merged():
    assert messages(b"id: a\nname: One\nname: Two\n") == [
        "f.yml:3:1: error: duplicate key 'name' (first defined at line 2)"
    ]


def test_aliases_are_refused_at_the_alias():
    assert messages(b"a: &x [1, 2]\nb: *x\n") == ["f.yml:2:4: error: YAML aliases (*name) are not allowed"]


def test_an_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 12)]
    assert messages("\n".join(lines).encode()) == ["f.yml:2:10: error: YAML aliases (*name) are not allowed"]


def test_python_tags_are_refused():
    assert messages(b"id: !!python/object/apply:os.system [echo hi]\n") == [
        "f.yml:1:5: error: YAML tag '!!python/object/apply:os.system' is not allowed"
    ]


def test_times_and_dates_stay_text():
    parsed = parse_yaml(b"hold: 1:30\nreviewed: 2026-11-25\n", "f.yml")
    assert parsed.data == {"hold": "1:30", "reviewed": "2026-11-25"}


def test_deep_nesting_is_refused_before_parsing():
    assert messages(b"a: " + b"[" * 30000) == ["f.yml:1:24: error: nesting is deeper than 20 levels"]


def test_huge_files_are_refused():
    assert messages(b"a: " + b"x" * MAX_BYTES) == [
        f"f.yml:1:1: error: file is too large: {MAX_BYTES + 3} bytes, the limit is {MAX_BYTES}"
    ]


def test_syntax_errors_point_at_the_problem():
    assert messages(b"id: a\nnote: ratio: 2\n") == [
        "f.yml:2:12: error: invalid YAML: mapping values are not allowed in this context"
    ]


def test_invalid_utf8_is_refused():
    assert messages(b"id: a\nname: \xff\n") == ["f.yml:2:1: error: file is not valid UTF-8"]


def test_a_record_must_be_a_mapping(site):
    paths = site("-- content/muscle/empty.yml --\n- just a list\n")
    assert diagnostics(paths) == ["content/muscle/empty.yml:1:1: error: a record must be a mapping of fields, got a list"]


def test_records_outside_a_kind_folder_are_reported(site):
    paths = site("-- content/stretches/x.yml --\nid: x\n")
    assert diagnostics(paths)[0].startswith("content/stretches/x.yml:1:1: error: record file is not in a kind folder")


def test_a_symlink_to_a_file_outside_the_project_is_refused_by_its_place_in_content(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.yml"
    outside.write_text("id: secret\nname: Secret\n")
    paths = site()
    (paths.content / "muscle" / "secret.yml").symlink_to(outside)
    assert diagnostics(paths) == ["content/muscle/secret.yml:1:1: error: record files cannot be symbolic links: 'content/muscle/secret.yml'"]


def test_a_linked_kind_folder_is_refused_not_skipped(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "x.yml").write_text("id: x\n")
    paths = site()
    (paths.content / "routine").symlink_to(outside, target_is_directory=True)
    assert diagnostics(paths) == ["content/routine:1:1: error: record files cannot be symbolic links: 'content/routine'"]


def test_checking_a_file_outside_the_project_names_it_as_given(site, tmp_path_factory, capsys):
    from myoatlas.cli import main

    outside = tmp_path_factory.mktemp("elsewhere") / "x.yml"
    outside.write_text("id: x\n")
    paths = site()
    assert main(["--root", str(paths.root), "check", str(outside)]) == 1
    err = capsys.readouterr().err
    assert f"{outside.as_posix()}:1:1: error: record file is outside the project" in err
