"""Placeholder: filled in by the lemma work."""
LEMMAS = []
