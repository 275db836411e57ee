"""The Qt-free core: the leaflet model and its cache, text handling, settings, the clinic file."""
