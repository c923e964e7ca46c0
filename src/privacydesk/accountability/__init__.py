"""Accountability records: the disclosure log, collection points and notices, service-provider access,
contractors' agreements and staff acknowledgements — the records a privacy policy's promises rest on."""
