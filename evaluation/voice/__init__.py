"""The labelled-corpus groundwork for the voice measure: real public posts with their sources."""
