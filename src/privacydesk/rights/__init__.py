"""Individuals' rights: access, correction, erasure and the rest (the rights issue builds the workflow)."""
