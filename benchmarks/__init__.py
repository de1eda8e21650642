"""`make bench`: benchmarks over a throwaway database of 10,000 demo people (see run.py)."""
