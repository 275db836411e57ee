"""Read a leaflet's list of lay synonyms ("broken bone" = "fracture") from its data file.

Plain Python: the rules are data kept beside the leaflet, so a clinic can review and edit them.
"""

from __future__ import annotations

from pathlib import Path

from kyphoreader.core.files import FileRefusedError, read_regular_file

#: File name of the synonym list inside a leaflet's folder.
SYNONYMS_FILE = "synonyms.txt"
#: Largest synonym list read (the bundled one is about 1 KB).
MAX_SYNONYMS_BYTES = 256 * 1024


class SynonymError(Exception):
    """A synonym file has a line that is not a rule; the message names the file and line."""


def parse_synonyms(text: str, source_name: str = "<synonyms>") -> dict[str, list[str]]:
    """Parse synonym rules.

    Each non-blank line that is not a ``#`` comment reads ``lay, words = leaflet, words``.

    Returns:
        A mapping from each lay word or phrase (lower case) to the leaflet words it stands for.

    Raises:
        SynonymError: for a line without exactly one ``=`` or with an empty side.
    """
    rules: dict[str, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        sides = line.split("=")
        lay = [w.strip().lower() for w in sides[0].split(",") if w.strip()]
        meant = [w.strip() for w in sides[-1].split(",") if w.strip()] if len(sides) == 2 else []
        if len(sides) != 2 or not lay or not meant:
            raise SynonymError(
                f"{source_name}, line {number}: expected 'lay words = leaflet words', got {raw!r}"
            )
        for word in lay:
            rules.setdefault(word, [])
            rules[word].extend(m for m in meant if m not in rules[word])
    return rules


def load_synonyms_for(leaflet_path: str | Path) -> dict[str, list[str]]:
    """Load the synonyms kept beside a leaflet file; a leaflet without a list has none.

    Raises:
        SynonymError: if the file exists but cannot be read or parsed.
    """
    path = Path(leaflet_path).with_name(SYNONYMS_FILE)
    try:
        # Never a pipe or a device, and never more than a lay-word list can be.
        text = read_regular_file(path, MAX_SYNONYMS_BYTES).decode("utf-8")
    except FileNotFoundError:
        return {}
    except (FileRefusedError, UnicodeDecodeError) as error:
        raise SynonymError(f"{path}: cannot be read ({error})") from None
    return parse_synonyms(text, str(path))
