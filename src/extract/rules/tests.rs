//! Extractor behaviour on sentences from Synthetic-Persona-Chat and the issue.
