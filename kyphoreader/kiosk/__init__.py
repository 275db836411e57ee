"""The waiting-room mode: a shared clinic PC that forgets each visitor and cannot be left."""
