"""Bundled data: the compute dataset (derived from Epoch AI, CC BY 4.0) and Qt-free trend fits."""
