"""The speaking speeds offered, slowest first, and stepping between them.

Qt-free. A speed is stored as a whole number of hundredths of the engine's rate (``-10`` means
``QTextToSpeech.setRate(-0.10)``; 0 is the engine's own speed, -100 its slowest, 100 its
fastest), so the settings file holds a small integer that is easy to check.

Measured with espeak-ng through speech-dispatcher on 167 words of the bundled leaflet, one
sentence at a time with the pauses between sentences included (``benchmarks/readaloud.py``),
with the "English (Caribbean)" / "English (Great Britain)" voices: -40 gives 113 words a
minute, -25 124, -10 135 / 137, -5 139 / 141, 0 (the engine's own speed) 142 / 144,
+10 165, +20 188, +40 234. Older listeners follow about 140 to 150 words a minute best,
a little slower than the engine's own speed: hence the default of -5.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile each field's
# annotation from its text, which doubles the cost of defining it before the first paint.

from typing import NamedTuple


class Speed(NamedTuple):
    """One speaking speed: its engine rate in hundredths and the word shown for it.

    A named tuple: the settings read it before the first paint (see ``reading.theme.Theme``).
    """

    rate: int
    label: str

    @property
    def engine_rate(self) -> float:
        """The value for ``QTextToSpeech.setRate`` (-1.0 to 1.0)."""
        return self.rate / 100


SPEEDS = (
    Speed(-40, "Very slow"),
    Speed(-20, "Slow"),
    Speed(-5, "Steady"),
    Speed(10, "Brisk"),
    Speed(20, "Quick"),
    Speed(40, "Fast"),
)
#: The rates offered, slowest first (what the settings file may hold).
RATES = tuple(speed.rate for speed in SPEEDS)
#: The default: a little slower than the engine's own speed (about 140 words a minute).
DEFAULT_RATE = -5


def speed_for(rate: int) -> Speed:
    """The offered speed nearest to ``rate``."""
    return min(SPEEDS, key=lambda speed: (abs(speed.rate - rate), speed.rate))


def slower(rate: int) -> int:
    """The next slower rate, or the slowest."""
    index = SPEEDS.index(speed_for(rate))
    return SPEEDS[max(0, index - 1)].rate


def faster(rate: int) -> int:
    """The next faster rate, or the fastest."""
    index = SPEEDS.index(speed_for(rate))
    return SPEEDS[min(len(SPEEDS) - 1, index + 1)].rate


def is_slowest(rate: int) -> bool:
    """True when no slower speed is offered."""
    return speed_for(rate) == SPEEDS[0]


def is_fastest(rate: int) -> bool:
    """True when no faster speed is offered."""
    return speed_for(rate) == SPEEDS[-1]


def words_a_minute(rate: int) -> float:
    """About how many words a minute a voice says at ``rate`` (espeak-ng's, as measured)."""
    engine_rate = max(-100, min(100, rate)) / 100
    return 142.0 * (1 + (0.52 if engine_rate < 0 else 1.6) * engine_rate)


def seconds_allowed(words: int, rate: int) -> float:
    """The longest a sentence of ``words`` words may take before sound is deemed missing.

    Two and a half times as long as expected, plus four seconds for the voice to start: a slow
    voice must never be taken for a missing one, yet a silent computer is found out within
    seconds (about ten for a short sentence).
    """
    return 4.0 + 2.5 * 60.0 * max(1, words) / words_a_minute(rate)
