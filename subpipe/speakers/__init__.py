"""Speakers: who says each line."""
