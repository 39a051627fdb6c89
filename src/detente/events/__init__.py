"""detente.events."""
