"""detente.evaluation."""
