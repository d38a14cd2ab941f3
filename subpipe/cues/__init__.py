"""Cues: lines shaped into subtitle-sized pieces, and the bilingual cues (English names or a translation)."""
