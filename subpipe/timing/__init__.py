"""Timing: cue times from the input, a reading rate, or the episode's audio."""
