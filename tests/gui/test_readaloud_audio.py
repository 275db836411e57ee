"""Real speech: two sections read aloud through speech-dispatcher and espeak-ng, recorded.

A private PulseAudio server with a null sink (no sound card needed) and a private
speech-dispatcher that plays into it are started for this test and stopped after it, so it
never touches the user's own sound or speech service. While the reader reads, ``parec``
records the null sink's monitor; the samples are then cut at the moments the sentence mark
moved, and each piece must hold speech of a plausible length for its words, starting just
after the mark moved and ending before the mark moved on. The same is checked for the reader
on its own and for the main window driven from the keyboard (F8), as a user would.
"""

from __future__ import annotations

import array
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from fakereader import FakeReader
from PySide6.QtCore import Qt

from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.core.settings import MemoryStore
from kyphoreader.readaloud.controller import SENTENCE_LAYER, ReadAloudController
from kyphoreader.readaloud.speaker import Speaker
from kyphoreader.reading.view import ReaderView

pytestmark = pytest.mark.gui

RATE = 16000  # samples a second, mono, signed 16-bit
FRAME = 0.02  # seconds per loudness frame
LOUD = 300  # RMS above this is sound (the null sink gives exact zeros when silent)
TOLERANCE = 15  # frames (0.3 s) either side of a mark's move, for the recording's delay
SINK = "kyphoreader_test_null"
PROGRAMS = ("pulseaudio", "pactl", "parec", "speech-dispatcher")
ESPEAK_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")


def _missing() -> list[str]:
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if not ESPEAK_MODULE.exists():
        missing.append("espeak-ng for speech-dispatcher (speech-dispatcher-espeak-ng)")
    try:
        from kyphoreader.readaloud.speaker import available_engines

        if "speechd" not in available_engines():
            missing.append("Qt's speechd engine (PySide6-Addons and libspeechd2)")
    except Exception as error:  # noqa: BLE001 - any failure to load means the piece is missing
        missing.append(f"QtTextToSpeech ({error})")
    return missing


def _wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def speech_service(tmp_path):
    """Start a private speech-dispatcher, and with ``sound=True`` a PulseAudio null sink for it.

    Returns a function ``start(sound) -> (pulse server, environment)``; everything it started
    is stopped after the test.
    """
    missing = _missing()
    if missing:
        pytest.skip("real speech needs " + ", ".join(missing) + " (see .ci/run)")
    processes: list[subprocess.Popen] = []
    old_address = os.environ.get("SPEECHD_ADDRESS")

    def start(sound: bool) -> tuple[str, dict[str, str]]:
        home = tmp_path / "home"
        (home / "run").mkdir(parents=True)
        socket = tmp_path / "pulse.sock"
        server = f"unix:{socket}"  # without sound nothing listens there
        env = dict(
            os.environ,
            HOME=str(home),
            XDG_RUNTIME_DIR=str(home / "run"),
            XDG_CONFIG_HOME=str(home / "config"),
            PULSE_RUNTIME_PATH=str(home / "pulse"),
            PULSE_SERVER=server,
        )
        if sound:
            processes.append(_start_pulseaudio(socket, env))
            _wait_for(
                lambda: (
                    subprocess.run(
                        ["pactl", "--server", server, "info"], env=env, capture_output=True
                    ).returncode
                    == 0
                ),
                10,
                "PulseAudio",
            )
        speechd_socket = tmp_path / "speechd.sock"
        processes.append(_start_speech_dispatcher(tmp_path, speechd_socket, env))
        _wait_for(speechd_socket.exists, 10, "speech-dispatcher")
        os.environ["SPEECHD_ADDRESS"] = f"unix_socket:{speechd_socket}"
        return server, env

    try:
        yield start
    finally:
        if old_address is None:
            os.environ.pop("SPEECHD_ADDRESS", None)
        else:
            os.environ["SPEECHD_ADDRESS"] = old_address
        for process in reversed(processes):
            _stop(process)


def _start_pulseaudio(socket: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--system=no",
            "--use-pid-file=no",
            "--exit-idle-time=-1",
            "--realtime=no",
            "--high-priority=no",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _start_speech_dispatcher(folder: Path, socket: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "speech-dispatcher",
            "--run-single",
            "--timeout",
            "0",
            "--communication-method",
            "unix_socket",
            "--socket-path",
            str(socket),
            "--pid-file",
            str(folder / "speechd.pid"),
            "--log-dir",
            str(folder),
            "--log-level",
            "1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _loud_frames(raw: bytes) -> list[bool]:
    samples = array.array("h")
    samples.frombytes(raw[: len(raw) // 2 * 2])
    size = round(RATE * FRAME)
    loud = []
    for start in range(0, len(samples) - size + 1, size):
        frame = samples[start : start + size]
        loud.append((sum(s * s for s in frame) / size) ** 0.5 > LOUD)
    return loud


def _has_silence(frames: list[bool], length: int) -> bool:
    run = 0
    for frame in frames:
        run = 0 if frame else run + 1
        if run >= length:
            return True
    return False


class Recorder:
    """Records the null sink's monitor with ``parec`` while its ``with`` block runs."""

    def __init__(self, server: str, env: dict[str, str], path: Path) -> None:
        self.server, self.env, self.path = server, env, path
        self.ended_at = 0.0
        self._output = None
        self._parec: subprocess.Popen | None = None

    def __enter__(self) -> Recorder:
        self._output = open(self.path, "wb")  # noqa: SIM115 - closed in __exit__
        self._parec = subprocess.Popen(
            [
                "parec",
                "--server",
                self.server,
                f"--device={SINK}.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
            ],
            env=self.env,
            stdout=self._output,
        )
        _wait_for(lambda: self.path.stat().st_size > RATE, 10, "recording")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._parec is not None:
            _stop(self._parec)
        self.ended_at = time.monotonic()
        if self._output is not None:
            self._output.close()

    def loud_frames(self) -> list[bool]:
        """Whether each FRAME of the recording holds sound."""
        return _loud_frames(self.path.read_bytes())


def _assert_heard_in_step(
    loud: list[bool],
    moments: list[tuple[int, float]],
    utterances: list,
    ended_at: float,
    stopped_at: float,
) -> None:
    """Each sentence was heard while it was marked: from just after the mark moved to it until
    the mark moved on, for as long as its words take; and nothing was heard after Stop.

    ``moments`` holds (sentence, time) for every move of the mark, one more than
    ``utterances`` (the move to the sentence after the last one checked).
    """
    recorded = len(loud) * FRAME

    def frame_at(moment: float) -> int:
        return round((recorded - (ended_at - moment)) / FRAME)

    count = len(utterances)
    bounds = [frame_at(moment) for _, moment in moments[:count]]
    bounds.append(frame_at(moments[count][1]))
    assert bounds[0] > 0, "the recording started after the voice"
    assert not any(loud[: max(0, bounds[0] - 5)]), "sound before reading started"
    report = []
    for number, utterance in enumerate(utterances):
        piece = loud[bounds[number] : bounds[number + 1]]
        heard = sum(piece) * FRAME
        onset = piece.index(True) * FRAME if any(piece) else None
        last = (len(piece) - 1 - piece[::-1].index(True)) * FRAME if any(piece) else None
        report.append((utterance.text, utterance.word_count, heard, onset, last, len(piece)))
        words = utterance.word_count
        assert onset is not None, f"nothing heard for {utterance.text!r}"
        # The sound starts soon after the mark moves to the sentence...
        assert onset <= 1.0, report
        # ...lasts as long as its words take at a slow, clear pace...
        assert 0.15 * words <= heard <= 1.2 * words + 0.5, report
        # ...and is over when the mark moves on: the pause between two sentences falls
        # where the mark moved (give or take the recording's own delay).
        boundary = bounds[number + 1]
        around = loud[max(0, boundary - TOLERANCE) : boundary + TOLERANCE]
        assert _has_silence(around, 3), report
    # After Stop, nothing more is said.
    assert not any(loud[frame_at(stopped_at) + 25 :]), "sound after Stop"


def test_two_sections_are_heard_sentence_by_sentence_in_step_with_the_mark(
    qtbot, speech_service, sample_leaflet, tmp_path
):
    server, env = speech_service(sound=True)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_leaflet(sample_leaflet)
    reader.show()
    shown = reader.document().toPlainText()
    speaker = Speaker("speechd")
    controller = ReadAloudController(reader, None, speaker)
    controller.set_leaflet(sample_leaflet)
    script = controller.script
    first = next(i for i, u in enumerate(script) if u.section_id == "first-part")
    end = next(i for i, u in enumerate(script) if u.section_id == "second-part")
    assert [u.section_id for u in script[first:end]] == ["first-part"] * 2 + ["a-detail"] * 2
    assert speaker.check() == ""  # the engine and an English voice are there

    moments: list[tuple[int, float]] = []
    marks: list[list[str]] = []

    def on_sentence(index: int) -> None:
        if index >= 0:
            moments.append((index, time.monotonic()))
            marks.append([" ".join(shown[a:b].split()) for a, b in reader.layer(SENTENCE_LAYER)])
            if index >= end:
                controller.stop()

    controller.sentence_changed.connect(on_sentence)
    with Recorder(server, env, tmp_path / "heard.raw") as recorder:
        controller.play(first)
        qtbot.waitUntil(
            lambda: len(moments) > end - first and controller.state == "stopped",
            timeout=90000,
        )
        stopped_at = time.monotonic()
        time.sleep(0.5)

    # The mark went sentence by sentence, showing each sentence while it was said.
    indexes = [index for index, _ in moments]
    assert indexes == list(range(first, end + 1))
    assert marks[: end - first] == [[u.text] for u in script[first:end]]
    _assert_heard_in_step(
        recorder.loud_frames(), moments, script[first:end], recorder.ended_at, stopped_at
    )


def test_the_window_reads_aloud_from_the_view_and_its_mark_moves_with_the_voice(
    qtbot, speech_service, sample_leaflet, tmp_path
):
    """The real window, the real engine: F8 with a section at the top of the view."""
    server, env = speech_service(sound=True)
    window = MainWindow(MemoryStore())
    qtbot.addWidget(window)
    window.show_leaflet(sample_leaflet)
    window.resize(1024, 768)
    with qtbot.waitExposed(window):
        window.show()
    reader = window.reader
    shown = reader.document().toPlainText()
    script = window.read_aloud.script
    first = next(i for i, u in enumerate(script) if u.section_id == "first-part")
    end = next(i for i, u in enumerate(script) if u.section_id == "second-part")
    window.navigation.show_section("first-part")
    button = window.read_aloud_toolbar.widgetForAction(window.actions_by_name["read_aloud"])
    assert button.text() == "Read aloud"

    moments: list[tuple[int, float]] = []
    seen: list[tuple[list[str], str, bool]] = []

    def on_sentence(index: int) -> None:
        if index >= 0:
            moments.append((index, time.monotonic()))
            marked = [" ".join(shown[a:b].split()) for a, b in reader.layer(SENTENCE_LAYER)]
            in_view = all(reader.is_span_visible(a, b) for a, b in reader.layer(SENTENCE_LAYER))
            seen.append((marked, button.text(), in_view))
            if index >= end:
                window.actions_by_name["stop_reading"].trigger()

    window.read_aloud.sentence_changed.connect(on_sentence)
    with Recorder(server, env, tmp_path / "heard.raw") as recorder:
        window.activateWindow()
        reader.setFocus()
        qtbot.keyClick(reader, Qt.Key.Key_F8)  # Read aloud, from the keyboard
        qtbot.waitUntil(
            lambda: len(moments) > end - first and window.read_aloud.state == "stopped",
            timeout=90000,
        )
        stopped_at = time.monotonic()
        time.sleep(0.5)

    # It started at the section at the top of the view and marked sentence after sentence,
    # each in view, while the button offered Pause.
    assert [index for index, _ in moments] == list(range(first, end + 1))
    assert seen[: end - first] == [([u.text], "Pause", True) for u in script[first:end]]
    assert window.read_aloud_controls.isVisible()
    _assert_heard_in_step(
        recorder.loud_frames(), moments, script[first:end], recorder.ended_at, stopped_at
    )
    # Stopped: no mark, and the button says Read aloud again.
    assert reader.layer(SENTENCE_LAYER) == [] and button.text() == "Read aloud"
    window.close()


def test_with_no_sound_system_it_says_so_within_seconds_and_stops(
    qtbot, speech_service, sample_leaflet
):
    speech_service(sound=False)  # speech-dispatcher runs, but nothing can play its audio
    reader = FakeReader(sample_leaflet)
    controller = ReadAloudController(reader, None, Speaker("speechd"))
    controller.set_leaflet(sample_leaflet)
    first = next(i for i, u in enumerate(controller.script) if u.section_id == "a-detail")
    started = time.monotonic()
    with qtbot.waitSignal(controller.unavailable, timeout=30000) as blocker:
        controller.play(first)
    waited = time.monotonic() - started
    assert blocker.args[0].startswith("Read aloud is not available on this computer")
    assert "no loudspeaker or headphones" in blocker.args[0]
    assert waited < 15
    assert controller.state == "unavailable"  # never left "speaking"
    assert reader.marked() == []
