"""The monitoring app's pages, one module per subject."""
