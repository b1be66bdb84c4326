"""The web face of certwise: FastAPI pages (Jinja2) and the JSON API under ``/api/v1``.

Build an app with :func:`certwise.web.app.create_app`; nothing is created at import.
"""
