"""The waiting-room rules without Qt: when it is on, its timings, the staff PIN, what it allows.

Everything here takes its clock as an argument, so the idle warning, the countdown and the PIN
lock-out are tested with a fake clock and no real waiting.

The PIN is stored as PBKDF2-HMAC-SHA256 written in plain Python over ``hashlib.sha256``.
``hashlib.pbkdf2_hmac`` and ``hashlib.scrypt`` come from OpenSSL (``_hashlib``) in the CPython
builds this runs on (3.12 dropped the pure-Python fallback), and the frozen build leaves
OpenSSL out; ``hashlib.sha256`` is CPython's own, so this works in every build. It is checked
against RFC 7914's test vectors and against OpenSSL where that is present.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from kyphoreader.core.clinic import (
    MAX_CLINIC_FILE_BYTES,
    MIN_WARNING_SECONDS,
    ClinicConfig,
    KioskSettings,
)

Clock = Callable[[], float]

#: The key chord that asks for the staff PIN (Qt's key-sequence notation).
STAFF_EXIT_KEYS = "Ctrl+Alt+Shift+Q"
#: Wrong PINs in a row before the staff exit locks.
MAX_PIN_TRIES = 5
#: How long the staff exit stays locked after MAX_PIN_TRIES wrong PINs.
LOCKOUT_SECONDS = 5 * 60
#: Shortest PIN ``--hash-pin`` accepts: with the lock-out, a visitor trying PINs at the
#: screen needs on average about a year for six digits (five tries per five minutes).
MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 64
#: How the PIN line names its hash; the line is ``pbkdf2-sha256$ITERATIONS$SALT$HASH``.
PIN_SCHEME = "pbkdf2-sha256"
#: PBKDF2 rounds for a new PIN (OWASP's 2023 figure for PBKDF2-HMAC-SHA256): 0.5 to 1.2 s to
#: check in plain Python on a busy 2-core PC, which only happens when staff leave.
PIN_ITERATIONS = 600_000
#: Rounds a PIN line may ask for: fewer is too weak; more would freeze the reader.
MIN_PIN_ITERATIONS = 10_000
MAX_PIN_ITERATIONS = 10_000_000
SALT_BYTES = 16
#: Seconds left on the countdown at which screen readers are told again (besides the start).
ANNOUNCE_AT = (20, 10, 5)
#: Smallest visitor target (standards §3: older adults did best with 16 mm buttons).
TARGET_MM = 16.0
#: Smallest gap between visitor targets.
TARGET_GAP_MM = 3.0
#: Actions that need a printer: a visitor has them only when the clinic allows printing.
PRINT_ACTIONS = frozenset({"print"})


class PinError(ValueError):
    """A PIN or a PIN line that cannot be used; the message says why, in one line."""


# -- the staff PIN -------------------------------------------------------------------------


def pbkdf2_sha256(password: bytes, salt: bytes, iterations: int, length: int = 32) -> bytes:
    """PBKDF2-HMAC-SHA256 (RFC 8018) using only ``hashlib.sha256``, which needs no OpenSSL.

    The keyed inner and outer hashes are made once and copied for every round, so a round
    costs two SHA-256 blocks, as in OpenSSL's own loop.
    """
    import hashlib  # here, not at the top: most starts never check a PIN

    if iterations < 1 or length < 1:
        raise ValueError("iterations and length must be positive")
    block = 64
    key = hashlib.sha256(password).digest() if len(password) > block else password
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def prf(message: bytes) -> bytes:
        first = inner.copy()
        first.update(message)
        second = outer.copy()
        second.update(first.digest())
        return second.digest()

    derived = b""
    number = 1
    while len(derived) < length:
        u = prf(salt + number.to_bytes(4, "big"))
        total = int.from_bytes(u, "big")
        for _ in range(iterations - 1):
            u = prf(u)
            total ^= int.from_bytes(u, "big")
        derived += total.to_bytes(32, "big")
        number += 1
    return derived[:length]


def check_new_pin(pin: str) -> str:
    """The PIN as it will be typed (spaces at the ends dropped). Raises PinError if unusable."""
    pin = pin.strip()
    if len(pin) < MIN_PIN_LENGTH:
        raise PinError(f"the PIN must have at least {MIN_PIN_LENGTH} characters")
    if len(pin) > MAX_PIN_LENGTH:
        raise PinError(f"the PIN must have at most {MAX_PIN_LENGTH} characters")
    if not all(c.isprintable() for c in pin):
        raise PinError("the PIN can only hold letters, digits and punctuation")
    return pin


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, iterations: int = PIN_ITERATIONS, salt: bytes | None = None) -> str:
    """The line to store for ``pin``: ``pbkdf2-sha256$ITERATIONS$SALT$HASH`` (base64).

    Raises:
        PinError: the PIN is too short, too long or holds control characters.
    """
    import secrets

    pin = check_new_pin(pin)
    if not MIN_PIN_ITERATIONS <= iterations <= MAX_PIN_ITERATIONS:
        raise PinError(f"iterations must be {MIN_PIN_ITERATIONS} to {MAX_PIN_ITERATIONS}")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = pbkdf2_sha256(pin.encode("utf-8"), salt, iterations)
    return f"{PIN_SCHEME}${iterations}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class PinHash:
    """A stored PIN: the PBKDF2 rounds, the salt and the derived key."""

    iterations: int
    salt: bytes
    digest: bytes

    def matches(self, pin: str) -> bool:
        """Whether ``pin`` (spaces at its ends ignored) is the stored PIN; constant-time."""
        import hmac

        typed = pin.strip().encode("utf-8")[: MAX_PIN_LENGTH * 4]
        derived = pbkdf2_sha256(typed, self.salt, self.iterations, len(self.digest))
        return hmac.compare_digest(derived, self.digest)


def parse_pin_line(line: str) -> PinHash:
    """Read a line made by ``kyphoreader --hash-pin``.

    Raises:
        PinError: it is not such a line (a plain PIN, a cut-off line, another scheme).
    """
    import base64
    import binascii

    parts = line.strip().split("$")
    if len(parts) != 4 or parts[0] != PIN_SCHEME:
        raise PinError(
            "kiosk.pin is not a line made by kyphoreader --hash-pin (never put the PIN itself "
            "in the file); the staff exit is off"
        )
    try:
        iterations = int(parts[1])
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (ValueError, binascii.Error):
        raise PinError(
            "kiosk.pin is damaged (it was cut or changed); the staff exit is off"
        ) from None
    if not MIN_PIN_ITERATIONS <= iterations <= MAX_PIN_ITERATIONS:
        raise PinError(
            f"kiosk.pin asks for {iterations} rounds, outside {MIN_PIN_ITERATIONS} to "
            f"{MAX_PIN_ITERATIONS}; the staff exit is off"
        )
    if len(salt) < 8 or len(digest) < 16:
        raise PinError("kiosk.pin is damaged (it was cut or changed); the staff exit is off")
    return PinHash(iterations, salt, digest)


class ExitAnswer(Enum):
    """What the staff exit says to a PIN."""

    OPEN = "open"  # the right PIN: the reader may close
    WRONG = "wrong"  # a wrong PIN, tries are left
    LOCKED = "locked"  # locked after too many wrong PINs (this one was not checked)
    OFF = "off"  # no usable PIN is set: there is no staff exit


class StaffExit:
    """The staff exit's PIN check, with a lock-out after too many wrong PINs.

    The lock-out lives as long as the program, and a visitor reset does not clear it, so
    waiting for the idle reset does not buy more tries.
    """

    def __init__(
        self,
        pin_line: str,
        clock: Clock = time.monotonic,
        max_tries: int = MAX_PIN_TRIES,
        lockout_seconds: float = LOCKOUT_SECONDS,
    ) -> None:
        self._clock = clock
        self.max_tries = max_tries
        self.lockout_seconds = lockout_seconds
        self.problem = ""
        self._pin: PinHash | None = None
        if pin_line.strip():
            try:
                self._pin = parse_pin_line(pin_line)
            except PinError as error:
                self.problem = str(error)
        self._wrong = 0
        self._locked_until: float | None = None

    @property
    def enabled(self) -> bool:
        """Whether a usable PIN is set (without one the exit chord does nothing)."""
        return self._pin is not None

    def locked_for(self) -> float:
        """Seconds the exit stays locked (0 when it is not locked)."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            self._wrong = 0
            return 0.0
        return left

    @property
    def tries_left(self) -> int:
        """Wrong PINs still allowed before the lock-out."""
        return 0 if self.locked_for() else self.max_tries - self._wrong

    def try_pin(self, pin: str) -> ExitAnswer:
        """Check ``pin``; count it if wrong, and lock after ``max_tries`` wrong ones."""
        if self._pin is None:
            return ExitAnswer.OFF
        if self.locked_for():
            return ExitAnswer.LOCKED
        if self._pin.matches(pin):
            self._wrong = 0
            return ExitAnswer.OPEN
        self._wrong += 1
        if self._wrong >= self.max_tries:
            self._locked_until = self._clock() + self.lockout_seconds
            return ExitAnswer.LOCKED
        return ExitAnswer.WRONG


# -- idle time -----------------------------------------------------------------------------


class IdleStep(Enum):
    """What ``IdleTimer.check`` asks the window to do."""

    NOTHING = "nothing"
    WARN = "warn"  # show "Are you still reading?" and start the countdown
    COUNT = "count"  # the warning is up: show the seconds left
    RESET = "reset"  # the countdown reached zero: back to a fresh start


class IdleTimer:
    """When to warn and when to reset, from the time of the last input.

    The countdown starts when the warning is shown, not when it was due, so a visitor always
    gets the whole ``warning_seconds`` to answer, even if the reader was busy (WCAG 2.2.1).
    """

    def __init__(self, idle_seconds: float, warning_seconds: float, clock: Clock) -> None:
        self.idle_seconds = idle_seconds
        self.warning_seconds = warning_seconds
        self._clock = clock
        self._last_input = clock()
        self._warned_at: float | None = None

    @property
    def warning(self) -> bool:
        """Whether the warning is up."""
        return self._warned_at is not None

    def input(self) -> bool:
        """A key, click, wheel or touch: the visitor is here. Returns True if it ended a warning."""
        self._last_input = self._clock()
        was_warning = self._warned_at is not None
        self._warned_at = None
        return was_warning

    def restart(self) -> None:
        """Start counting idle time again from now (after a reset)."""
        self.input()

    def seconds_left(self) -> int:
        """Whole seconds left on the countdown (rounded up); the full time before a warning."""
        if self._warned_at is None:
            return math.ceil(self.warning_seconds)
        left = self.warning_seconds - (self._clock() - self._warned_at)
        return max(0, math.ceil(left - 1e-9))

    def check(self) -> IdleStep:
        """Move on if it is time to: warn after ``idle_seconds``, reset when the count is over."""
        now = self._clock()
        if self._warned_at is None:
            if now - self._last_input >= self.idle_seconds:
                self._warned_at = now
                return IdleStep.WARN
            return IdleStep.NOTHING
        if now - self._warned_at >= self.warning_seconds:
            self._warned_at = None
            self._last_input = now
            return IdleStep.RESET
        return IdleStep.COUNT

    def seconds_to_next_check(self) -> float:
        """How long until ``check`` may have something new to say (the next whole second)."""
        now = self._clock()
        if self._warned_at is None:
            return max(0.0, self.idle_seconds - (now - self._last_input))
        elapsed = now - self._warned_at
        if elapsed >= self.warning_seconds:
            return 0.0
        return min(1.0 - (elapsed % 1.0), self.warning_seconds - elapsed) or 1.0


def countdown_text(seconds: int) -> str:
    """The countdown as shown: "30 seconds", "1 second"."""
    return "1 second" if seconds == 1 else f"{seconds} seconds"


def warning_text(seconds: int) -> str:
    """The sentence under "Are you still reading?"."""
    return (
        f"If nobody touches the screen, the leaflet will go back to the start in "
        f"{countdown_text(seconds)}, ready for the next person."
    )


def countdown_announcement(seconds_left: int, total: int) -> str:
    """What screen readers are told with ``seconds_left`` on the countdown, or ''.

    The whole warning when it appears; then a short reminder at 20, 10 and 5 seconds, so the
    count is heard without a voice reading out every second.
    """
    if seconds_left >= total:
        return (
            f"Are you still reading? {warning_text(seconds_left)} "
            "Press any key or touch the screen to keep reading."
        )
    if seconds_left in ANNOUNCE_AT:
        left = countdown_text(seconds_left)
        return f"{left} left. Press any key or touch the screen to keep reading."
    return ""


# -- targets on the screen -----------------------------------------------------------------

#: Physical densities outside this range are a screen reporting nonsense (0 mm, a projector).
PLAUSIBLE_DPI = (50.0, 600.0)


def screen_dpi(physical_dpi: float, logical_dpi: float) -> float:
    """The density to size targets with: the physical one when the screen reports it sensibly.

    Both are in Qt's device-independent pixels per inch; the logical one stands in for a
    screen that reports no usable physical size.
    """
    low, high = PLAUSIBLE_DPI
    return physical_dpi if low <= physical_dpi <= high else logical_dpi


def millimetres_to_pixels(mm: float, dpi: float) -> int:
    """Device-independent pixels covering at least ``mm`` millimetres at ``dpi``."""
    return math.ceil(mm / 25.4 * dpi - 1e-9)


def pixels_to_millimetres(pixels: float, dpi: float) -> float:
    """The physical size of ``pixels`` device-independent pixels at ``dpi``."""
    return pixels * 25.4 / dpi


# -- when the mode is on, and what it allows -----------------------------------------------


class _Spec(Protocol):
    name: str
    kiosk_allowed: bool


@dataclass(frozen=True)
class KioskPolicy:
    """What the waiting-room mode does, from the clinic file's ``[kiosk]`` section.

    Attributes:
        idle_seconds: no input this long shows the warning.
        warning_seconds: the countdown before the reset (never under 20 s).
        allow_print: a visitor may print, to the default printer only.
        pin: the line ``kyphoreader --hash-pin`` printed, or '' for no staff exit.
        reason: why the mode is on, in words for the log.
    """

    idle_seconds: int = KioskSettings.idle_seconds
    warning_seconds: int = KioskSettings.warning_seconds
    allow_print: bool = False
    pin: str = ""
    reason: str = ""

    @classmethod
    def from_settings(cls, settings: KioskSettings, reason: str = "") -> KioskPolicy:
        """The policy the clinic file's ``[kiosk]`` values give."""
        return cls(
            idle_seconds=settings.idle_seconds,
            warning_seconds=max(MIN_WARNING_SECONDS, settings.warning_seconds),
            allow_print=settings.allow_print,
            pin=settings.pin,
            reason=reason,
        )

    def allows(self, spec: _Spec) -> bool:
        """Whether a visitor gets the action ``spec`` (a row of the action table)."""
        if not spec.kiosk_allowed:
            return False
        return self.allow_print or spec.name not in PRINT_ACTIONS


@functools.cache
def _scan_patterns() -> tuple[re.Pattern[str], ...]:
    """The lenient scan's patterns, compiled on first use (only for a doubtful clinic file)."""
    true = r"[\"']?\s*(?:true|yes|on|1)\b"
    return (
        re.compile(r"^\s*\[+\s*[\"']?\s*([A-Za-z0-9_.-]+)"),
        re.compile(rf"^\s*[\"']?enabled[\"']?\s*=\s*{true}", re.IGNORECASE),
        re.compile(rf"^\s*[\"']?kiosk[\"']?\s*\.\s*[\"']?enabled[\"']?\s*=\s*{true}", re.I),
        re.compile(rf"^\s*kiosk\s*=\s*(?:{true}|\{{[^}}]*enabled\s*=\s*{true})", re.I),
    )


def text_asks_for_kiosk(text: str) -> bool:
    """Whether a clinic file's text, read leniently line by line, turns the mode on.

    For a file that is not valid TOML, or whose ``enabled`` value was not a plain true or
    false: it asked for the mode if any line in ``[kiosk]`` says ``enabled = true`` (also
    quoted, yes, on or 1), or ``kiosk.enabled = true`` or ``kiosk = {enabled = true}``.
    """
    section_header, enabled, dotted, inline = _scan_patterns()
    section = ""
    for raw in text.replace("\0", "").replace("\ufeff", "").splitlines():
        line = raw.split("#", 1)[0]
        header = section_header.match(line)
        if header and line.lstrip().startswith("["):
            section = header.group(1).strip().casefold()
            continue
        if section == "kiosk" and enabled.match(line):
            return True
        if dotted.match(line) or (section == "" and inline.match(line)):
            return True
    return False


def file_asks_for_kiosk(path: Path) -> bool:
    """Whether a clinic file that could not be read properly may have asked for the mode.

    A file that does not exist asked for nothing. A file that exists but cannot be read as
    text might have, so it counts as asking: the safe side on a shared PC.
    """
    try:
        data = path.read_bytes()[: MAX_CLINIC_FILE_BYTES * 4]
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return text_asks_for_kiosk(data.decode("utf-8", errors="replace"))


def kiosk_decision(requested: bool, clinic: ClinicConfig) -> tuple[bool, str]:
    """Whether the waiting-room mode is on, and why (a sentence for the log, '' when off).

    On with ``--kiosk`` or ``[kiosk] enabled = true``. A clinic file that is broken, or
    whose ``enabled`` is not a plain true or false, is read leniently: if it may have asked
    for the mode, the reader starts locked down, never unlocked.
    """
    if requested:
        return True, "--kiosk was given on the command line"
    if clinic.kiosk.enabled:
        return True, f"[kiosk] enabled = true in {clinic.path}"
    doubtful = clinic.broken or any(p.startswith("kiosk") for p in clinic.problems)
    if doubtful and clinic.path is not None and file_asks_for_kiosk(clinic.path):
        return True, (
            f"the clinic file {clinic.path} could not be read properly and seems to ask for "
            "the waiting-room mode, so the reader starts locked down with the default settings"
        )
    return False, ""
