"""Reading: the text view with its highlight layers, contents, navigation and appearance."""
