"""Summaries: per speaker and per episode in the transcript's own words, keywords, names."""
