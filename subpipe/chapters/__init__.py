"""Chapters: where topics change (`boundaries`), their titles (`titles`), and their times (`spans`)."""

from .boundaries import find_chapters, in_script

__all__ = ["find_chapters", "in_script"]
