"""``newsl10n review``: a local web page where translators review an article's catalog next to its built page.

Needs the optional ``review`` extra (Starlette, uvicorn, Jinja2).  The
server listens on 127.0.0.1 only and every request needs the access token it
prints; see :mod:`newsl10n.review.security`.
"""
