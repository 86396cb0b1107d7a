"""The store: analysed documents in one SQLite file, with full-text search, near-duplicate
clusters, story events, queries and exports (docs/store.md)."""
