"""The application: start-up, the main window, the action table, dialogs, About and errors."""
