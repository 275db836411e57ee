"""The waiting-room rules without Qt: PIN hashing, the lock-out, idle timing, when it is on."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyphoreader.core.clinic import ClinicConfig, KioskSettings, read_clinic_config
from kyphoreader.kiosk.policy import (
    LOCKOUT_SECONDS,
    MAX_PIN_TRIES,
    PIN_ITERATIONS,
    ExitAnswer,
    IdleStep,
    IdleTimer,
    KioskPolicy,
    PinError,
    StaffExit,
    countdown_announcement,
    hash_pin,
    kiosk_decision,
    millimetres_to_pixels,
    parse_pin_line,
    pbkdf2_sha256,
    pixels_to_millimetres,
    screen_dpi,
    text_asks_for_kiosk,
)

FAST = 10_000  # PBKDF2 rounds for tests; real PIN lines use PIN_ITERATIONS


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# -- PBKDF2 and the PIN line -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "salt", "rounds", "expected"),
    [
        # RFC 7914, section 11: PBKDF2-HMAC-SHA256 test vectors.
        (
            b"passwd",
            b"salt",
            1,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        ),
        (
            b"Password",
            b"NaCl",
            80000,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
        ),
    ],
)
def test_pbkdf2_matches_the_rfc_vectors(password, salt, rounds, expected):
    assert pbkdf2_sha256(password, salt, rounds, 64).hex() == expected


@settings(max_examples=40, deadline=None)
@given(
    password=st.binary(max_size=150),
    salt=st.binary(max_size=40),
    rounds=st.integers(1, 30),
    length=st.integers(1, 80),
)
def test_pbkdf2_matches_openssl_where_present(password, salt, rounds, length):
    try:
        expected = hashlib.pbkdf2_hmac("sha256", password, salt, rounds, length)
    except (AttributeError, ValueError):  # pragma: no cover - a build without OpenSSL
        pytest.skip("no OpenSSL PBKDF2 to compare with")
    assert pbkdf2_sha256(password, salt, rounds, length) == expected


def test_a_pin_line_checks_the_right_pin_only():
    line = hash_pin(" 482913 ", iterations=FAST)
    scheme, rounds, salt, digest = line.split("$")
    assert (scheme, int(rounds)) == ("pbkdf2-sha256", FAST)
    stored = parse_pin_line(line)
    assert stored.matches("482913")
    assert stored.matches("  482913\n")  # spaces and the newline around it do not count
    assert not stored.matches("482914")
    assert not stored.matches("")
    assert "482913" not in line


def test_the_same_pin_gets_a_new_salt_each_time():
    assert hash_pin("482913", iterations=FAST) != hash_pin("482913", iterations=FAST)


def test_new_pins_use_the_slow_default():
    assert PIN_ITERATIONS >= 600_000


@pytest.mark.parametrize("pin", ["", "12345", "  1234  ", "12\x0034567", "9" * 65])
def test_unusable_pins_are_refused(pin):
    with pytest.raises(PinError):
        hash_pin(pin, iterations=FAST)


@pytest.mark.parametrize(
    "line",
    [
        "482913",  # the PIN itself pasted in
        "pbkdf2-sha256$10000$c2FsdHNhbHQ=",  # cut off
        "sha1$10000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$many$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$10000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$999999999$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ],
)
def test_lines_not_made_by_hash_pin_turn_the_exit_off(line):
    with pytest.raises(PinError, match="staff exit is off"):
        parse_pin_line(line)
    gate = StaffExit(line)
    assert not gate.enabled
    assert gate.try_pin("482913") is ExitAnswer.OFF
    assert "staff exit is off" in gate.problem


def test_hashing_works_without_openssl():
    """The frozen build leaves OpenSSL (``_hashlib``) out; PIN lines must still work."""
    code = (
        "import sys\n"
        "sys.modules['_hashlib'] = None\n"
        "import hashlib\n"
        "from kyphoreader.kiosk.policy import hash_pin, parse_pin_line\n"
        "line = hash_pin('482913', iterations=20000)\n"
        "assert parse_pin_line(line).matches('482913')\n"
        "assert not parse_pin_line(line).matches('482914')\n"
        "assert '_hashlib' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr


# -- the staff exit's lock-out -----------------------------------------------------------------


@pytest.fixture
def gate():
    clock = FakeClock()
    return StaffExit(hash_pin("482913", iterations=FAST), clock), clock


def test_no_pin_means_no_staff_exit():
    assert not StaffExit("").enabled
    assert StaffExit("").try_pin("anything") is ExitAnswer.OFF
    assert StaffExit("").problem == ""


def test_right_pin_opens_and_wrong_pins_are_counted(gate):
    exit_, _clock = gate
    assert exit_.try_pin("000000") is ExitAnswer.WRONG
    assert exit_.tries_left == MAX_PIN_TRIES - 1
    assert exit_.try_pin("482913") is ExitAnswer.OPEN
    assert exit_.tries_left == MAX_PIN_TRIES  # a right PIN forgets the wrong ones


def test_five_wrong_pins_lock_the_exit_for_five_minutes(gate):
    exit_, clock = gate
    answers = [exit_.try_pin(f"00000{n}") for n in range(MAX_PIN_TRIES)]
    assert answers == [ExitAnswer.WRONG] * (MAX_PIN_TRIES - 1) + [ExitAnswer.LOCKED]
    assert exit_.locked_for() == LOCKOUT_SECONDS == 300
    assert exit_.try_pin("482913") is ExitAnswer.LOCKED  # even the right one, while locked
    clock.advance(LOCKOUT_SECONDS - 1)
    assert exit_.try_pin("482913") is ExitAnswer.LOCKED
    assert exit_.locked_for() == pytest.approx(1)
    clock.advance(1)
    assert exit_.locked_for() == 0
    assert exit_.tries_left == MAX_PIN_TRIES
    assert exit_.try_pin("000000") is ExitAnswer.WRONG  # counting starts again
    assert exit_.try_pin("482913") is ExitAnswer.OPEN


# -- idle time ----------------------------------------------------------------------------------


def test_the_warning_comes_after_the_idle_time_and_not_before():
    clock = FakeClock()
    idle = IdleTimer(120, 30, clock)
    clock.advance(119.9)
    assert idle.check() is IdleStep.NOTHING
    assert idle.seconds_to_next_check() == pytest.approx(0.1)
    clock.advance(0.1)
    assert idle.check() is IdleStep.WARN
    assert idle.warning and idle.seconds_left() == 30


def test_input_puts_the_warning_off():
    clock = FakeClock()
    idle = IdleTimer(120, 30, clock)
    for _ in range(5):
        clock.advance(100)
        assert idle.input() is False
        assert idle.check() is IdleStep.NOTHING
    clock.advance(120)
    assert idle.check() is IdleStep.WARN


def test_the_countdown_then_the_reset():
    clock = FakeClock()
    idle = IdleTimer(120, 30, clock)
    clock.advance(120)
    assert idle.check() is IdleStep.WARN
    seen = []
    for _ in range(29):
        clock.advance(1)
        assert idle.check() is IdleStep.COUNT
        seen.append(idle.seconds_left())
    assert seen == list(range(29, 0, -1))
    clock.advance(1)
    assert idle.check() is IdleStep.RESET
    assert not idle.warning
    clock.advance(119)
    assert idle.check() is IdleStep.NOTHING  # the next visitor gets the full idle time


def test_keep_reading_works_as_often_as_the_visitor_likes():
    clock = FakeClock()
    idle = IdleTimer(120, 30, clock)
    for _ in range(25):  # WCAG 2.2.1 asks for at least ten extensions
        clock.advance(120)
        assert idle.check() is IdleStep.WARN
        clock.advance(29)
        assert idle.check() is IdleStep.COUNT
        assert idle.input() is True
        assert not idle.warning


def test_a_late_check_still_gives_the_whole_countdown():
    """If the reader was busy when the warning was due, the countdown still starts in full."""
    clock = FakeClock()
    idle = IdleTimer(120, 30, clock)
    clock.advance(500)
    assert idle.check() is IdleStep.WARN
    assert idle.seconds_left() == 30
    clock.advance(29.5)
    assert idle.check() is IdleStep.COUNT
    assert idle.seconds_left() == 1


def test_screen_readers_hear_the_start_then_20_10_and_5_seconds():
    said = {n: countdown_announcement(n, 30) for n in range(30, -1, -1)}
    assert said[30].startswith("Are you still reading?")
    assert "30 seconds" in said[30] and "keep reading" in said[30]
    assert {n for n, text in said.items() if text} == {30, 20, 10, 5}
    assert said[5].startswith("5 seconds left")


# -- sizes on the screen ------------------------------------------------------------------------


def test_sixteen_millimetres_in_pixels():
    assert millimetres_to_pixels(16, 96) == 61  # 60.47 rounded up
    assert millimetres_to_pixels(16, 100) == 63
    assert pixels_to_millimetres(millimetres_to_pixels(16, 141), 141) >= 16
    assert screen_dpi(0.0, 96.0) == 96.0  # a screen that reports no size
    assert screen_dpi(3000.0, 96.0) == 96.0
    assert screen_dpi(141.0, 96.0) == 141.0


# -- what the mode allows -----------------------------------------------------------------------


def spec(name: str, kiosk_allowed: bool = True):
    return SimpleNamespace(name=name, kiosk_allowed=kiosk_allowed)


def test_print_only_where_the_clinic_allows_it():
    assert not KioskPolicy().allows(spec("print"))
    assert KioskPolicy(allow_print=True).allows(spec("print"))
    assert not KioskPolicy(allow_print=True).allows(spec("open", kiosk_allowed=False))
    assert KioskPolicy().allows(spec("zoom_in"))


def test_the_policy_takes_the_clinic_values():
    settings_ = KioskSettings(True, 300, 45, True, "line")
    policy = KioskPolicy.from_settings(settings_, "why")
    assert (policy.idle_seconds, policy.warning_seconds, policy.allow_print) == (300, 45, True)
    assert (policy.pin, policy.reason) == ("line", "why")
    assert KioskPolicy.from_settings(KioskSettings(warning_seconds=5)).warning_seconds == 20


# -- when the mode is on ------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> ClinicConfig:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return read_clinic_config(path)


def test_on_with_the_flag_or_the_file(tmp_path):
    assert kiosk_decision(True, ClinicConfig())[0]
    assert not kiosk_decision(False, ClinicConfig())[0]
    on, reason = kiosk_decision(False, write(tmp_path, "[kiosk]\nenabled = true\n"))
    assert on and "enabled = true" in reason
    assert not kiosk_decision(False, write(tmp_path, "[kiosk]\nenabled = false\n"))[0]


@pytest.mark.parametrize(
    "text",
    [
        "[kiosk]\nenabled = true\nidle_seconds = \n",  # not TOML
        '[kiosk]\nenabled = "true"\n',  # TOML, but a string: falls back to false
        "[kiosk]\nenabled = yes\n",
        "kiosk.enabled = true\n[clinic\n",
        "kiosk = { enabled = true, idle_seconds = }\n",
        "[ kiosk ]  # waiting room\n  enabled=TRUE # on\n[clinic]\nname = 'x\n",
    ],
)
def test_a_broken_file_that_asks_for_the_mode_starts_locked_down(tmp_path, text):
    clinic = write(tmp_path, text)
    assert clinic.broken or clinic.problems
    on, reason = kiosk_decision(False, clinic)
    assert on
    assert "locked down" in reason and str(clinic.path) in reason


@pytest.mark.parametrize(
    "text",
    [
        "[clinic]\nname = 'unclosed\n",
        "[kiosk]\nenabled = false\nidle_seconds = \n",
        "[reading]\nenabled = true\n[clinic\n",  # enabled, but not the kiosk's
        "[kiosk]\n# enabled = true\nidle_seconds = 5\n",
    ],
)
def test_a_broken_file_that_does_not_ask_for_it_starts_the_normal_reader(tmp_path, text):
    assert not kiosk_decision(False, write(tmp_path, text))[0]


def test_an_unreadable_clinic_file_counts_as_asking(tmp_path):
    folder = tmp_path / "clinic.toml"
    folder.mkdir()  # exists, but cannot be read as a file
    clinic = read_clinic_config(folder)
    assert clinic.broken and kiosk_decision(False, clinic)[0]


def test_a_missing_clinic_file_asked_for_nothing(tmp_path):
    clinic = read_clinic_config(tmp_path / "missing.toml")
    assert clinic.broken and not kiosk_decision(False, clinic)[0]


def test_text_scan_ignores_comments_and_other_sections():
    assert text_asks_for_kiosk("[kiosk]\nenabled = true")
    assert not text_asks_for_kiosk("[kiosk]\n#enabled = true")
    assert not text_asks_for_kiosk("[print]\nenabled = true")
    assert text_asks_for_kiosk("\ufeff[kiosk]\r\nenabled = 1\r\n")
    assert text_asks_for_kiosk("[\0k\0i\0o\0s\0k\0]\0\n\0e\0n\0a\0b\0l\0e\0d\0=\0t\0r\0u\0e\0")
