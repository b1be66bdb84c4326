"""The judgement: pure functions over the catalog, no I/O, no printing."""
