"""The timeline scrubber: layout (Qt-free), strip widget, preview card, thumbnails, overlay."""
