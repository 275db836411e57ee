"""Settings survive a round trip, and damaged values fall back to defaults."""

from __future__ import annotations

from kyphoreader.core.settings import (
    KEY_GEOMETRY,
    KEY_LAST_SECTION,
    KEY_LINE_SPACING,
    KEY_READ_ALOUD_SPEED,
    KEY_READ_ALOUD_VOICE,
    KEY_STATE_VERSION,
    KEY_TEXT_SIZE,
    KEY_THEME,
    MemoryStore,
    Settings,
    leaflet_key,
    load_settings,
    save_settings,
)
from kyphoreader.readaloud import pace


class DictStore:
    def __init__(self) -> None:
        self.data: dict = {}

    def value(self, key, defaultValue=None):  # noqa: N803
        return self.data.get(key, defaultValue)

    def setValue(self, key, value):  # noqa: N802
        self.data[key] = value

    def sync(self):
        pass

    def allKeys(self):  # noqa: N802
        return list(self.data)


def test_round_trip():
    store = DictStore()
    saved = Settings(
        geometry=b"\x01\x02",
        window_state=b"\x03",
        last_sections={"kyphoplasty-leaflet": "summary"},
        text_size=250,
        theme="high_contrast",
        line_spacing=200,
        read_aloud_speed=-20,
        read_aloud_voice="English (Great Britain)",
    )
    assert save_settings(store, saved)
    assert load_settings(store) == saved


def test_missing_values_give_defaults():
    assert load_settings(DictStore()) == Settings()


def test_wrong_types_give_defaults():
    store = DictStore()
    store.data = {
        KEY_STATE_VERSION: "1",
        KEY_GEOMETRY: 42,
        KEY_LAST_SECTION + "/k": ["not", "text"],
    }
    assert load_settings(store) == Settings()


def test_window_state_from_another_version_is_ignored():
    store = DictStore()
    save_settings(
        store, Settings(geometry=b"old", last_sections={"kyphoplasty-leaflet": "summary"})
    )
    store.data[KEY_STATE_VERSION] = 999
    loaded = load_settings(store)
    assert loaded.geometry == b"" and loaded.last_section("kyphoplasty-leaflet") == "summary"


def test_a_store_that_raises_gives_defaults():
    class BrokenStore(DictStore):
        def value(self, key, defaultValue=None):  # noqa: N803
            raise OSError("disk gone")

        def setValue(self, key, value):  # noqa: N802
            raise OSError("disk gone")

    assert load_settings(BrokenStore()) == Settings()
    assert save_settings(BrokenStore(), Settings()) is False


def test_out_of_range_and_wrong_type_values_give_defaults():
    store = DictStore()
    store.data = {
        KEY_TEXT_SIZE: 5000,
        KEY_THEME: "purple",
        KEY_LINE_SPACING: "lots",
    }
    loaded = load_settings(store)
    assert (loaded.text_size, loaded.theme, loaded.line_spacing) == (100, "default", 150)
    store.data = {KEY_TEXT_SIZE: True, KEY_THEME: 7, KEY_LINE_SPACING: [175]}
    loaded = load_settings(store)
    assert (loaded.text_size, loaded.theme, loaded.line_spacing) == (100, "default", 150)


def test_values_stored_as_text_are_read_back():
    store = DictStore()
    store.data = {KEY_TEXT_SIZE: "200", KEY_THEME: "dark", KEY_LINE_SPACING: "250"}
    loaded = load_settings(store)
    assert (loaded.text_size, loaded.theme, loaded.line_spacing) == (200, "dark", 250)


def test_reading_defaults_keep_the_window_but_reset_the_look():
    changed = Settings(
        geometry=b"g", last_sections={"kyphoplasty-leaflet": "summary"}, text_size=300, theme="dark"
    )
    reset = changed.reading_defaults()
    assert reset == Settings(geometry=b"g", last_sections={"kyphoplasty-leaflet": "summary"})


def test_the_last_section_is_remembered_per_leaflet(settings_store):
    settings = Settings(last_sections={"kyphoplasty-leaflet": "summary", "other-leaflet": "x"})
    save_settings(settings_store, settings)
    loaded = load_settings(settings_store)
    assert loaded.last_section("kyphoplasty-leaflet") == "summary"
    assert loaded.last_section("other-leaflet") == "x"
    assert loaded.last_section("never-opened") == ""


def test_leaflet_keys_name_the_folder_and_file():
    assert leaflet_key("/usr/share/x/leaflets/kyphoplasty/leaflet.md") == "kyphoplasty-leaflet"
    assert leaflet_key("C:\\Leaflets\\Hip op.md") == "leaflets-hip_op"
    assert leaflet_key("/a/leaflet.md") != leaflet_key("/b/leaflet.md")


def test_the_memory_store_writes_nothing_and_round_trips(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = MemoryStore()
    save_settings(store, Settings(text_size=200, last_sections={"k": "summary"}))
    loaded = load_settings(store)
    assert loaded.text_size == 200 and loaded.last_section("k") == "summary"
    assert list(tmp_path.iterdir()) == []


def test_read_aloud_speed_and_voice_default_to_steady_and_the_usual_voice():
    loaded = load_settings(DictStore())
    assert (loaded.read_aloud_speed, loaded.read_aloud_voice) == (pace.DEFAULT_RATE, "")
    assert pace.speed_for(loaded.read_aloud_speed).label == "Steady"


def test_read_aloud_speed_out_of_the_offered_steps_or_a_bad_voice_give_defaults():
    store = DictStore()
    for speed in (-7, 1000, "fast", True, None, [10]):
        for voice in (42, ["Anne"], "x" * 500):
            store.data = {KEY_READ_ALOUD_SPEED: speed, KEY_READ_ALOUD_VOICE: voice}
            loaded = load_settings(store)
            assert loaded.read_aloud_speed == pace.DEFAULT_RATE, speed
            assert loaded.read_aloud_voice == "", voice


def test_read_aloud_speed_stored_as_text_and_a_clinic_default_are_honoured(settings_store):
    store = DictStore()
    store.data = {KEY_READ_ALOUD_SPEED: "-40", KEY_READ_ALOUD_VOICE: "Anne"}
    loaded = load_settings(store)
    assert (loaded.read_aloud_speed, loaded.read_aloud_voice) == (-40, "Anne")
    assert load_settings(DictStore(), Settings(read_aloud_speed=10)).read_aloud_speed == 10
    # Through a real INI file too (QSettings gives negative numbers back as text).
    save_settings(settings_store, Settings(read_aloud_speed=-20, read_aloud_voice="Anne"))
    loaded = load_settings(settings_store)
    assert (loaded.read_aloud_speed, loaded.read_aloud_voice) == (-20, "Anne")


def test_window_geometry_is_kept_as_text_and_older_bytes_are_still_read():
    # QSettings keeps Python bytes as a pickle, which costs an import of pickle before the
    # first paint; text does not.
    store = DictStore()
    assert save_settings(store, Settings(geometry=b"\x01\xff", window_state=b"\x03"))
    assert store.data[KEY_GEOMETRY] == "01ff"
    assert load_settings(store).geometry == b"\x01\xff"
    store.data[KEY_GEOMETRY] = b"\x01\xff"  # as an older reader saved it
    assert load_settings(store).geometry == b"\x01\xff"
    store.data[KEY_GEOMETRY] = "not hexadecimal"
    assert load_settings(store).geometry == b""


def test_settings_compare_and_copy_by_value():
    first = Settings(last_sections={"a": "b"}, text_size=200)
    assert first == Settings(last_sections={"a": "b"}, text_size=200)
    assert first != Settings(last_sections={"a": "c"}, text_size=200)
    assert "text_size=200" in repr(first)
    assert Settings().last_sections is not Settings().last_sections
