"""Speakers: who says each line."""

from .attribute import HOST, SpeakerResult, attribute_speakers

__all__ = ["HOST", "SpeakerResult", "attribute_speakers"]
