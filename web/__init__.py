"""Web helpers shared by both apps: client address, limits, origin check, errors, caches,
middleware. Imports no app (import-linter layers)."""
