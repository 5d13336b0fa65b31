"""certpath's core: vocabulary, catalogue schema and YAML, and the recommender.

Plain Python with no Django: the two Django apps (`certifications`, `advisor`) are built around
it, and an import-linter contract in `make lint` keeps it that way.
"""
