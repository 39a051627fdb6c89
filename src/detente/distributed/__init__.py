"""detente.distributed."""
