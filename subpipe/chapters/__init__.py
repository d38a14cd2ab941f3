"""Chapters: where topics change, and their titles."""
