"""Search: a Qt-free index and lay synonyms, the search session, the bar and the results panel."""
