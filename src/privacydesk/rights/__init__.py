"""Individuals' rights: requests made through the public portal, identity verification, the staff
workflow on the legal clock, decisions with written reasons, letters and the access package."""
