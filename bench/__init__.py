"""Benchmarks on the local PostgreSQL: `make bench` (`python -m bench`)."""
