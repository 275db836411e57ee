"""Words a minute that read aloud speaks at each speed, through the computer's real engine.

Reads the same sentences of the bundled leaflet (its first section and the first key points)
at each speed, one sentence at a time exactly as the reader does, and divides the words said
by the time from the first sentence's start to the end of the last (pauses included: that is
what a listener hears). Needs a working engine with sound (on Linux speech-dispatcher with
espeak-ng and a sound server; set SPEECHD_ADDRESS to use a private one).

    python benchmarks/readaloud.py            # the default speed and the engine's own
    python benchmarks/readaloud.py --all      # every speed offered
"""

from __future__ import annotations

import argparse
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer

from kyphoreader.core.leaflet import load_leaflet
from kyphoreader.paths import default_leaflet_path
from kyphoreader.readaloud import pace
from kyphoreader.readaloud.script import build_script
from kyphoreader.readaloud.speaker import Speaker


def sample_sentences() -> list[str]:
    leaflet = load_leaflet(default_leaflet_path())
    script = build_script(leaflet)
    first = leaflet.sections[0].id
    chosen = [u for u in script if u.section_id == first and not u.heading]
    chosen += [u for u in script if u.section_id == "key-points" and not u.heading][:8]
    return [u.speech for u in chosen]


def measure(app: QCoreApplication, speaker: Speaker, rate: int, sentences: list[str]) -> float:
    speaker.set_rate(rate)
    speaker.set_sentences(sentences)
    times: dict[str, float] = {}
    failure: list[str] = []

    def started(index: int) -> None:
        times.setdefault("start", time.perf_counter())

    def finished() -> None:
        times["end"] = time.perf_counter()
        app.quit()

    def unavailable(reason: str) -> None:
        failure.append(reason)
        app.quit()

    speaker.sentence_started.connect(started)
    speaker.finished.connect(finished)
    speaker.unavailable.connect(unavailable)
    QTimer.singleShot(0, lambda: speaker.play(0))
    app.exec()
    speaker.sentence_started.disconnect(started)
    speaker.finished.disconnect(finished)
    speaker.unavailable.disconnect(unavailable)
    if failure:
        sys.exit(failure[0])
    words = sum(len(s.split()) for s in sentences)
    return 60 * words / (times["end"] - times["start"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="measure every speed offered")
    parser.add_argument("--rates", type=int, nargs="*", help="engine rates in hundredths")
    parser.add_argument("--voice", default="", help="a voice name (default: the language's)")
    args = parser.parse_args()
    app = QCoreApplication(sys.argv)
    speaker = Speaker()
    speaker.set_voice(args.voice)
    reason = speaker.check()
    if reason:
        sys.exit(reason)
    sentences = sample_sentences()
    words = sum(len(s.split()) for s in sentences)
    print(f"engine {speaker.engine_name()}, voice {speaker.voice()}, {words} words")
    rates = args.rates or (pace.RATES if args.all else (pace.DEFAULT_RATE, 0))
    for rate in rates:
        wpm = measure(app, speaker, rate, sentences)
        print(f"rate {rate / 100:+.2f} ({pace.speed_for(rate).label}): {wpm:.0f} words a minute")


if __name__ == "__main__":
    main()
