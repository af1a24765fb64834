"""Expose the WSGI application for gunicorn and ``goldseam serve``."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldseam.web.settings")
application = get_wsgi_application()
