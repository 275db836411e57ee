"""Leaflets made of the bundled body repeated n times, as issue 19 measured (test helper)."""

from __future__ import annotations

from pathlib import Path

from kyphoreader.paths import default_leaflet_path


def scaled_leaflet_text(times: int) -> str:
    """The bundled leaflet's front matter, then its body ``times`` times under "Part k of n"."""
    source = default_leaflet_path().read_text(encoding="utf-8")
    head, body = source.split("\n\n## ", 1)
    parts = [head, ""]
    for number in range(1, times + 1):
        parts.append(f"# Part {number} of {times}\n\n## {body}")
    return "\n".join(parts)


def write_scaled_leaflet(folder: Path, times: int) -> Path:
    path = folder / f"leaflet-x{times}.md"
    path.write_text(scaled_leaflet_text(times), encoding="utf-8")
    return path


def largest_allowed_times() -> int:
    """The most copies of the bundled body a leaflet may hold within the limits."""
    from kyphoreader.core.leaflet import LeafletError, parse_leaflet

    times = 1
    while True:
        try:
            parse_leaflet(scaled_leaflet_text(times + 1), "scaled.md")
        except LeafletError:
            return times
        times += 1
