"""The web dashboard and JSON API (FastAPI), reading the database read-only."""

from detente.web.app import create_app
from detente.web.serve import LOCAL_HOSTS, get_once, serve

__all__ = ["LOCAL_HOSTS", "create_app", "get_once", "serve"]
