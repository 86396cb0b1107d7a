"""Bundled data files (lexicons, models), built by the scripts in scripts/; see DATA.md."""
