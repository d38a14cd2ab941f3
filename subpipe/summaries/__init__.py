"""Summaries: per speaker and per episode in the transcript's own words, keywords, and the names the
episode mentions."""

from .extract import summarize

__all__ = ["summarize"]
