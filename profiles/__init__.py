"""Post histories: their import (`profiles.ingest`) and their analysis (`profiles.analysis`)."""
