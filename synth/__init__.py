"""Synthetic data in the real sources' formats: a small labelled sample and (for
benchmarks) whole synthetic sectors."""
