"""The command line of the waiting room: --kiosk, the clinic file's switch, --hash-pin."""

from __future__ import annotations

import subprocess
import sys

from clirunner import run_kyphoreader

from kyphoreader.kiosk.policy import PIN_ITERATIONS, parse_pin_line
from kyphoreader.options import parse_options


def hash_pin_run(text: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kyphoreader", "--hash-pin"],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_kiosk_flag_and_clinic_switch(tmp_path, monkeypatch):
    monkeypatch.delenv("KYPHOREADER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "none"))
    assert parse_options(["--kiosk"]).kiosk
    assert not parse_options([]).kiosk
    clinic = tmp_path / "clinic.toml"
    clinic.write_text("[kiosk]\nenabled = true\n", encoding="utf-8")
    options = parse_options(["--config", str(clinic)])
    assert options.kiosk and str(clinic) in options.kiosk_reason
    clinic.write_text("[kiosk]\nenabled = true\n[clinic\n", encoding="utf-8")  # broken
    broken = parse_options(["--config", str(clinic)])
    assert broken.kiosk and broken.clinic.broken and "locked down" in broken.kiosk_reason
    assert broken.clinic.kiosk.pin == "" and not broken.clinic.kiosk.allow_print


def test_hash_pin_prints_one_line_to_paste(tmp_path):
    result = hash_pin_run("24681357\n24681357\n", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith('pin = "pbkdf2-sha256$') and lines[0].endswith('"')
    stored = parse_pin_line(lines[0].split('"')[1])
    assert stored.iterations == PIN_ITERATIONS
    assert stored.matches("24681357") and not stored.matches("24681358")
    assert "24681357" not in result.stdout + result.stderr


def test_hash_pin_refuses_two_different_pins(tmp_path):
    result = hash_pin_run("24681357\n24681358\n", tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "kyphoreader: error: the two PINs are not the same; nothing was printed"
    )


def test_hash_pin_refuses_a_short_or_missing_pin(tmp_path):
    short = hash_pin_run("1234\n1234\n", tmp_path)
    assert short.returncode == 2 and "at least 6 characters" in short.stderr
    once = hash_pin_run("24681357\n", tmp_path)
    assert once.returncode == 2 and "twice" in once.stderr
    for result in (short, once):
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_help_describes_the_waiting_room(tmp_path):
    result = run_kyphoreader("--help", cwd=tmp_path)
    assert "--kiosk" in result.stdout and "--hash-pin" in result.stdout
    assert "Ctrl+Alt+Shift+Q" in result.stdout
