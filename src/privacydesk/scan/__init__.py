"""The PII scanner: detectors and redaction. Pure Python; no Django imports (scanner issue)."""
