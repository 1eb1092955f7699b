"""Benchmarks and stress runs (`make bench`, `make stress`); their short versions run in `make test`."""
