"""Outputs: every file an episode is written as, and writing them safely."""
