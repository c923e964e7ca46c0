"""The public privacy portal: people make requests, confirm by code and follow progress, with no
account and no JavaScript."""
