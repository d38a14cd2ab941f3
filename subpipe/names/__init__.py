"""Names: what the transcript teaches (中文名（English）), aligning names to glossary entries, series glossaries."""
