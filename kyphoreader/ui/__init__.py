"""Qt widgets of kyphoreader: thin views over the plain-Python core."""
