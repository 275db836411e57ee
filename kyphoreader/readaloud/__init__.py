"""Read aloud: what to say (Qt-free), the voice that says it, its controls and controller."""
