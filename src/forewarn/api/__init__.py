"""The HTTP API and web dashboard of forewarn (`forewarn serve`): FastAPI over the store."""

from forewarn.api.app import create_app
from forewarn.api.settings import Settings

__all__ = ["Settings", "create_app"]
