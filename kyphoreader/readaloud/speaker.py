"""Say sentences one at a time through the computer's own voices, and say so when it cannot.

A thin ``QObject`` around ``QTextToSpeech``. It says one sentence, waits for the engine to
return to Ready, then says the next: on Linux's speech-dispatcher engine that is the only
way the signals follow the audio (``enqueue`` runs ahead of it and ``sayingWord`` never
fires). Pause stops the sentence and Resume says it again from its start: speech-dispatcher's
own pause can leave the service stuck for every program, and hearing the sentence again
helps a listener pick up the thread.

It fails honestly: no engine, an engine that cannot start, no voice for the leaflet's language,
or a sentence that does not finish in far longer than it should take (no sound device: the
engine then stays "speaking" for ever) each give ``unavailable`` with a plain reason, and
the speaker stops.

``QtTextToSpeech`` (and with it Qt Multimedia) is imported on the first use, never at start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QLoggingCategory, QObject, QTimer, Signal, Slot

from kyphoreader.readaloud import pace

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

#: Engines used on each system, best first. ``mock`` (Qt's test engine) is never chosen:
#: only a test passes it explicitly.
PREFERRED_ENGINES = {
    "linux": ("speechd", "flite"),
    "win32": ("winrt", "sapi"),
    "darwin": ("darwin", "macos"),
}
TEST_ENGINE = "mock"

#: Log categories silenced before Qt Multimedia loads. Without PipeWire (most machines that
#: use PulseAudio, every CI machine) Qt Multimedia warns that it cannot load PipeWire, which
#: is not a fault: it then uses PulseAudio. Engines report real failures through their
#: error state, which ``unavailable`` turns into a plain sentence.
QUIET_LOG_RULES = "qt.multimedia.symbolsresolver=false\nqt.speech.*.warning=false"

#: How long to wait for an engine to report that it stopped before saying the next sentence.
STOP_SETTLE_MS = 300

STOPPED = "stopped"
PLAYING = "playing"
PAUSED = "paused"
UNAVAILABLE = "unavailable"

NO_ENGINE_LINUX = (
    "Read aloud is not available on this computer: no speech engine is installed "
    "(on Linux it needs speech-dispatcher and espeak-ng)."
)
NO_ENGINE = "Read aloud is not available on this computer: no speech engine is installed."
ENGINE_FAILED = (
    "Read aloud is not available on this computer: the speech engine could not start ({detail})."
)
NO_VOICE = "Read aloud is not available on this computer: no voice for {language} is installed."
NO_AUDIO = (
    "Read aloud is not available on this computer: the voice made no sound it could finish "
    "within {seconds} seconds. There may be no loudspeaker or headphones, or the sound "
    "system is not running."
)
NO_TTS_MODULE = (
    "Read aloud is not available on this computer: the text-to-speech library could not be "
    "loaded (on Linux it needs the libpulse0 package)."
)


def quiet_multimedia_warnings() -> None:
    """Keep Qt Multimedia's harmless start-up warnings out of the user's terminal."""
    QLoggingCategory.setFilterRules(QUIET_LOG_RULES)


def _qt_tts() -> Any:
    """Import ``QTextToSpeech`` (and Qt Multimedia with it) quietly, on first use."""
    quiet_multimedia_warnings()
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech


def available_engines(include_test_engine: bool = False) -> list[str]:
    """The speech engines this computer has, best first (``mock`` only if asked for)."""
    try:
        engines = list(_qt_tts().availableEngines())
    except ImportError:
        return []
    preferred = PREFERRED_ENGINES.get(sys.platform, ())
    found = [name for name in preferred if name in engines]
    found += [name for name in engines if name not in found and name != TEST_ENGINE]
    if include_test_engine and TEST_ENGINE in engines:
        found.append(TEST_ENGINE)
    return found


def language_locale(language: str) -> QLocale:
    """The locale to speak a leaflet written in ``language`` (``en``, ``en-GB``; default en).

    A bare language takes the computer's own country if it speaks that language (a UK
    computer reads an English leaflet with a British voice).
    """
    code = (language or "en").strip().replace("-", "_") or "en"
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        locale = QLocale(QLocale.Language.English)
    system = QLocale.system()
    if "_" not in code and system.language() == locale.language():
        return QLocale(system.language(), system.territory())
    return locale


class Speaker(QObject):
    """Says sentences one after another with a chosen voice and speed.

    Signals:
        sentence_started(int): the voice started saying sentence ``index``.
        word_started(int, int, int): sentence index, start and length of the word being
            said, where the engine reports words (not on speech-dispatcher).
        state_changed(str): ``STOPPED``, ``PLAYING``, ``PAUSED`` or ``UNAVAILABLE``.
        finished(): the last sentence was said.
        unavailable(str): speech cannot work on this computer; the plain reason why.
    """

    sentence_started = Signal(int)
    word_started = Signal(int, int, int)
    state_changed = Signal(str)
    finished = Signal()
    unavailable = Signal(str)

    def __init__(self, engine: str = "", parent: QObject | None = None) -> None:
        """Make a speaker; nothing is loaded until it is first needed.

        Args:
            engine: the engine to use; empty picks the best real one this computer has.
                ``"mock"`` (Qt's silent test engine) is used only when named here.
            parent: the owning object.
        """
        super().__init__(parent)
        self._engine_name = engine
        self._tts: QTextToSpeech | None = None
        self._sentences: list[str] = []
        self._index = 0
        self._state = STOPPED
        self._language = "en"
        self._voice_name = ""
        self._rate = pace.DEFAULT_RATE
        self._reason = ""
        # The sentence to say when the engine is next Ready (after a stop we asked for).
        self._pending: int | None = None
        self._waiting_for_speech = False
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)

    # -- what to say -------------------------------------------------------------------------

    def set_sentences(self, sentences: list[str]) -> None:
        """Say these sentences from now on (stops what is being said)."""
        self.stop()
        self._sentences = list(sentences)
        self._index = 0

    def sentence_count(self) -> int:
        """How many sentences there are to say."""
        return len(self._sentences)

    @property
    def index(self) -> int:
        """The sentence being said (or to be said on Resume)."""
        return self._index

    @property
    def state(self) -> str:
        """``STOPPED``, ``PLAYING``, ``PAUSED`` or ``UNAVAILABLE``."""
        return self._state

    @property
    def reason(self) -> str:
        """Why speech is unavailable (empty while it is not known to be)."""
        return self._reason

    # -- voice and speed ---------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Speak ``language`` (the leaflet's ``language`` front matter, e.g. ``en``)."""
        self._language = language or "en"
        self._reapply_voice()

    def set_voice(self, name: str) -> None:
        """Use the voice called ``name`` (empty: the language's default voice)."""
        self._voice_name = name
        self._reapply_voice()

    def _reapply_voice(self) -> None:
        if self._tts is not None and not self._apply_voice(self._tts):
            # No voice for the new language: drop the engine, so the next Play says why.
            self.stop()
            self._release_engine()

    def voice(self) -> str:
        """The name of the voice in use (empty before the engine is started)."""
        return self._tts.voice().name() if self._tts is not None else ""

    def voices(self) -> list[str]:
        """The names of the installed voices for the leaflet's language (starts the engine)."""
        tts = self._engine()
        return [] if tts is None else _voice_names(self._language_voices(tts))

    def set_rate(self, rate: int) -> None:
        """Speak at ``rate`` hundredths of the engine's range (-100 to 100; see ``pace``)."""
        self._rate = max(-100, min(100, int(rate)))
        if self._tts is not None:
            self._tts.setRate(self._rate / 100)

    @property
    def rate(self) -> int:
        """The speed, in hundredths of the engine's range."""
        return self._rate

    def engine_name(self) -> str:
        """The engine in use, or empty before it is started."""
        return self._tts.engine() if self._tts is not None else ""

    def check(self) -> str:
        """Start the engine and choose the voice without saying anything.

        Returns:
            Empty if speech should work, or the plain reason why it cannot.
        """
        tts = self._engine()
        return "" if tts is not None else self._reason

    # -- playing -----------------------------------------------------------------------------

    def play(self, index: int = 0) -> None:
        """Start saying the sentences from sentence ``index``."""
        if not self._sentences:
            return
        tts = self._engine()
        if tts is None:
            self._fail(self._reason)
            return
        self._index = max(0, min(index, len(self._sentences) - 1))
        self._set_state(PLAYING)
        self._say_when_ready(self._index)

    def pause(self) -> None:
        """Stop the voice; Resume says the same sentence again from its start."""
        if self._state != PLAYING:
            return
        self._set_state(PAUSED)
        self._silence()

    def resume(self) -> None:
        """Say the paused sentence again from its start, then go on."""
        if self._state == PAUSED:
            self.play(self._index)

    def stop(self) -> None:
        """Stop speaking; the next Play starts from the sentence given to it."""
        if self._state in (PLAYING, PAUSED):
            self._set_state(STOPPED)
        self._silence()

    def next(self) -> None:
        """Go to the next sentence (while paused: move there and stay paused)."""
        self._move_to(self._index + 1)

    def previous(self) -> None:
        """Go to the previous sentence (while paused: move there and stay paused)."""
        self._move_to(self._index - 1)

    def _move_to(self, index: int) -> None:
        if not self._sentences or self._state not in (PLAYING, PAUSED):
            return
        index = max(0, min(index, len(self._sentences) - 1))
        if self._state == PAUSED:
            self._index = index
            self.sentence_started.emit(index)
            return
        self._say_when_ready(index)

    # -- the engine --------------------------------------------------------------------------

    def _engine(self) -> QTextToSpeech | None:
        """The engine, started on first use; None (with ``_reason`` set) if it cannot be."""
        if self._tts is not None:
            return self._tts
        try:
            qt_tts = _qt_tts()
        except ImportError:
            self._reason = NO_TTS_MODULE
            return None
        if self._engine_name:
            names = [self._engine_name]
        else:
            names = available_engines()
        if not names or names[0] not in qt_tts.availableEngines():
            self._reason = NO_ENGINE_LINUX if sys.platform.startswith("linux") else NO_ENGINE
            return None
        if names[0] == "speechd" and not speech_dispatcher_answers():
            # Qt would wait for ever on a speech service that accepts and never answers.
            self._reason = SPEECHD_NOT_ANSWERING
            return None
        tts = qt_tts(names[0], self)
        if tts.state() == qt_tts.State.Error:
            detail = tts.errorString() or names[0]
            tts.deleteLater()
            self._reason = ENGINE_FAILED.format(detail=detail.rstrip("."))
            return None
        if not self._apply_voice(tts):
            tts.deleteLater()
            return None
        tts.setRate(self._rate / 100)
        tts.stateChanged.connect(self._on_engine_state_changed)
        tts.sayingWord.connect(self._on_engine_saying_word)
        self._tts = tts
        self._reason = ""
        return tts

    def _language_voices(self, tts: QTextToSpeech) -> list[QVoice]:
        wanted = language_locale(self._language).language()
        voices: list[QVoice] = []
        for locale in tts.availableLocales():
            if locale.language() == wanted:
                voices.extend(tts.allVoices(locale))
        return voices

    def _apply_voice(self, tts: QTextToSpeech) -> bool:
        """Choose the locale and voice for the language; False (reason set) if there is none."""
        locale = language_locale(self._language)
        voices = self._language_voices(tts)
        if not voices:
            self._reason = NO_VOICE.format(language=QLocale.languageToString(locale.language()))
            return False
        chosen = next((v for v in voices if v.name() == self._voice_name), None)
        if chosen is None:
            # Without setLocale an engine may pick a voice of some unrelated language.
            tts.setLocale(locale)
            if tts.voice().locale().language() != locale.language():
                tts.setLocale(voices[0].locale())
            if tts.voice().locale().language() != locale.language():
                tts.setVoice(voices[0])
        else:
            tts.setVoice(chosen)
        return True

    def _say_when_ready(self, index: int) -> None:
        """Say sentence ``index`` now if the engine is idle, or once it has stopped."""
        tts = self._tts
        if tts is None:
            return
        ready = type(tts).State.Ready
        if tts.state() == ready and self._pending is None and not self._waiting_for_speech:
            self._say(index)
            return
        self._pending = index
        # An engine without sound may never stop: the watchdog covers the wait as well.
        self._start_watchdog(index)
        tts.stop()
        # Some engines (mock) report Ready inside stop(), others (speech-dispatcher) a little
        # later, and none at all if the engine was still Ready, about to start: then this
        # timer says the sentence.
        if self._pending is not None:
            QTimer.singleShot(STOP_SETTLE_MS, self._say_pending_if_idle)

    @Slot()
    def _say_pending_if_idle(self) -> None:
        tts = self._tts
        if (
            tts is not None
            and self._state == PLAYING
            and self._pending is not None
            and tts.state() == type(tts).State.Ready
        ):
            self._say(self._pending)

    def _say(self, index: int) -> None:
        tts = self._tts
        if tts is None:
            return
        self._index = index
        self._pending = None
        self._waiting_for_speech = True
        self._start_watchdog(index)
        tts.say(self._sentences[index])

    def _start_watchdog(self, index: int) -> None:
        self._watchdog.setProperty("sentence", index)
        self._watchdog.start(round(1000 * self._seconds_allowed(index)))

    def _seconds_allowed(self, index: int) -> float:
        words = max(1, len(self._sentences[index].split()))
        return pace.seconds_allowed(words, self._rate)

    def _silence(self) -> None:
        self._watchdog.stop()
        self._pending = None
        if self._tts is not None and self._tts.state() != type(self._tts).State.Ready:
            self._tts.stop()
        self._waiting_for_speech = False

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _fail(self, reason: str) -> None:
        """Stop, forget the engine (the next Play tries afresh) and say why."""
        self._state = UNAVAILABLE  # first: an engine may report Ready inside stop()
        self._silence()
        self._reason = reason
        self._release_engine()
        self.state_changed.emit(UNAVAILABLE)
        self.unavailable.emit(reason)

    def _release_engine(self) -> None:
        if self._tts is not None:
            self._tts.stateChanged.disconnect(self._on_engine_state_changed)
            self._tts.sayingWord.disconnect(self._on_engine_saying_word)
            self._tts.deleteLater()
            self._tts = None

    # -- engine events -----------------------------------------------------------------------

    @Slot(object)
    def _on_engine_state_changed(self, engine_state: object) -> None:
        tts = self._tts
        if tts is None:
            return
        states = type(tts).State
        if engine_state == states.Error:
            detail = tts.errorString() or tts.engine()
            self._fail(ENGINE_FAILED.format(detail=detail.rstrip(".")))
            return
        if self._state != PLAYING:
            return
        if engine_state == states.Speaking and self._waiting_for_speech and self._pending is None:
            self._waiting_for_speech = False
            self.sentence_started.emit(self._index)
            return
        if engine_state != states.Ready or tts.state() != states.Ready:
            return
        if self._pending is not None:
            self._say(self._pending)
            return
        if self._waiting_for_speech:
            return  # the end of a sentence stopped earlier, reported late: not this one's
        self._watchdog.stop()
        self._waiting_for_speech = False
        if self._index + 1 < len(self._sentences):
            self._say(self._index + 1)
        else:
            self._set_state(STOPPED)
            self.finished.emit()

    @Slot(str, int, int, int)
    def _on_engine_saying_word(self, _word: str, _id: int, start: int, length: int) -> None:
        if self._state == PLAYING:
            self.word_started.emit(self._index, start, length)

    @Slot()
    def _on_watchdog_timeout(self) -> None:
        if self._state != PLAYING:
            return
        index = self._watchdog.property("sentence")
        seconds = round(self._seconds_allowed(index if isinstance(index, int) else self._index))
        self._fail(NO_AUDIO.format(seconds=seconds))


def _voice_names(voices: list[QVoice]) -> list[str]:
    """Voice names to offer, without speech-dispatcher's many "+variant" copies of a voice."""
    names = [voice.name() for voice in voices]
    plain = set(names)
    offered: list[str] = []
    for name in names:
        base = name.split("+", 1)[0]
        if ("+" in name and base in plain) or name in offered:
            continue
        offered.append(name)
    return offered


#: Said when speech-dispatcher is running but does not answer.
SPEECHD_NOT_ANSWERING = (
    "Read aloud is not available: the computer's speech service (speech-dispatcher) is not "
    "answering. Restarting the computer usually brings it back."
)
#: How long the speech service may take to answer before it counts as not answering.
SPEECHD_ANSWER_SECONDS = 3.0


def speechd_socket_path() -> Path | None:
    """Where speech-dispatcher listens, as libspeechd would find it; None for a TCP address."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address:
        method, _, rest = address.partition(":")
        return Path(rest) if method == "unix_socket" and rest else None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speech_dispatcher_answers(timeout: float | None = None) -> bool:
    """False only when speech-dispatcher's socket exists and it does not answer in time.

    No socket means libspeechd will start the service itself, which it does quickly; a
    service that is running but stuck would make Qt's engine wait for ever.
    """
    path = speechd_socket_path()
    if path is None or not path.exists():
        return True
    import socket

    timeout = SPEECHD_ANSWER_SECONDS if timeout is None else timeout
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(str(path))
            connection.sendall(b"HELP\r\n")
            return connection.recv(64).startswith(b"2")
    except OSError:
        # Refused or missing: a stale socket, which libspeechd replaces by starting the
        # service again. Only a timeout means a service that is there and stuck.
        return not isinstance(sys.exc_info()[1], TimeoutError)


def speech_summary(language: str = "en") -> str:
    """One line for the self-test: the engine and how many voices speak ``language``.

    Never raises and never fails the self-test: a computer without speech is reported, not
    refused. Nothing is said aloud.
    """
    speaker = Speaker()
    speaker.set_language(language)
    try:
        reason = speaker.check()
        if reason:
            return "read aloud not available: " + reason.split(": ", 1)[-1].rstrip(".")
        name = QLocale.languageToString(language_locale(language).language())
        return f"read aloud: {speaker.engine_name()} engine, {len(speaker.voices())} {name} voices"
    finally:
        speaker.deleteLater()
