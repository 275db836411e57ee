"""kyphoreader: an offline, large-print reader for a patient leaflet about kyphoplasty."""

__version__ = "0.1.0"
APP_NAME = "kyphoreader"
APP_DISPLAY_NAME = "Kyphoplasty leaflet reader"
ORG_NAME = "kyphoreader"
