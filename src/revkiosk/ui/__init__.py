"""Qt widgets: the stage, one view per slide kind, overlays, plots, media, presenter view."""
