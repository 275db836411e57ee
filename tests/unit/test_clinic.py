"""The clinic file: defaults, good values, bad values, unknown keys, broken files, search order."""

from __future__ import annotations

from pathlib import Path

from kyphoreader.core.clinic import (
    CONFIG_ENV,
    DEFAULT_FORMATS,
    ClinicConfig,
    find_clinic_file,
    load_clinic_config,
    read_clinic_config,
)

GOOD = """
[clinic]
name = "Spinal Unit, Riverside Hospital"
phone = "01632 960 123"
hours = "Monday to Friday, 9am to 5pm"
urgent = "If you have sudden weakness in your legs, call 999."

[reading]
text_size = 150
theme = "high-contrast"
line_spacing = 200

[print]
paper = "a4"
text_size = 22

[kiosk]
enabled = true
idle_seconds = 180
warning_seconds = 30
allow_print = true
pin = "pbkdf2_sha256$600000$abc$def"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_built_in_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "nowhere"))
    config = load_clinic_config()
    assert config == ClinicConfig()
    assert not config.clinic.is_set
    assert config.clinic.formats_statement == DEFAULT_FORMATS
    assert not config.kiosk.enabled


def test_a_good_file_is_read_whole(tmp_path):
    config = read_clinic_config(write(tmp_path, GOOD))
    assert config.problems == ()
    assert config.clinic.name == "Spinal Unit, Riverside Hospital"
    assert config.clinic.phone == "01632 960 123"
    assert config.reading.text_size == 150 and config.reading.theme == "high_contrast"
    assert config.print.paper == "A4" and config.print.text_size == 22
    assert config.kiosk.enabled and config.kiosk.idle_seconds == 180 and config.kiosk.allow_print


def test_a_bad_value_falls_back_alone_and_is_named(tmp_path):
    text = GOOD.replace("text_size = 150", 'text_size = "huge"').replace(
        "warning_seconds = 30", "warning_seconds = 5"
    )
    config = read_clinic_config(write(tmp_path, text))
    assert config.reading.text_size == 100  # the default
    assert config.reading.theme == "high_contrast"  # its neighbours are kept
    assert config.kiosk.warning_seconds == 30
    assert any("reading.text_size" in p for p in config.problems)
    assert any("kiosk.warning_seconds" in p for p in config.problems)
    assert not config.broken


def test_unknown_keys_and_sections_are_ignored_with_a_warning(tmp_path):
    config = read_clinic_config(write(tmp_path, GOOD + "\n[future]\nx = 1\n[clinic.extra]\n"))
    assert config.clinic.name.startswith("Spinal Unit")
    assert any("[future]" in p for p in config.problems)


def test_a_file_that_is_not_toml_gives_defaults_and_says_so(tmp_path):
    config = read_clinic_config(write(tmp_path, "this is [not toml"))
    assert config.broken and "not a valid TOML file" in config.problems[0]
    assert config.clinic == ClinicConfig().clinic


def test_a_directory_or_binary_file_is_broken_not_a_crash(tmp_path):
    assert read_clinic_config(tmp_path).broken
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert read_clinic_config(binary).broken


def test_control_characters_are_removed_from_text(tmp_path):
    config = read_clinic_config(write(tmp_path, '[clinic]\nname = "A\\u0007B<b>"\n'))
    assert config.clinic.name == "AB<b>"  # kept as plain text, never interpreted


def test_search_order_explicit_then_environment_then_system(monkeypatch, tmp_path):
    system = tmp_path / "xdg" / "kyphoreader"
    system.mkdir(parents=True)
    (system / "clinic.toml").write_text(GOOD)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert find_clinic_file() == system / "clinic.toml"
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "env.toml"))
    assert find_clinic_file() == tmp_path / "env.toml"
    assert find_clinic_file(tmp_path / "cli.toml") == tmp_path / "cli.toml"
