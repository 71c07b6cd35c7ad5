"""The review web application: a list of routes behind the gate, server-rendered with Jinja2.

Pages: ``/`` (every catalog with its counts, filterable), ``/a/LANG/SLUG``
(an article: its built page in a sandboxed frame next to its entries),
``/a/LANG/SLUG/page`` (the built page itself), and the POST that edits,
approves or rejects one entry.  Names in URLs are looked up among the
catalogs the workspace offers, never joined into paths: anything else is 404.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..catalog_model import Key
from ..errors import Newsl10nError
from ..glossary.morph import CASE_NAMES
from ..model import CODE_RE
from .article import ArticleView, article_view, check_draft, clean_machine, findings_of
from .security import Gate, GateMiddleware
from .workspace import Action, CatalogRef, Conflict, Workspace, counts

PREVIEW_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'nonce-{nonce}'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Chip:
    """A piece of a sentence as shown: text, or an inline code (``<1>``) shown as a chip."""

    text: str
    code: bool


def chips(text: str) -> list[Chip]:
    out: list[Chip] = []
    pos = 0
    for m in CODE_RE.finditer(text):
        if m.start() > pos:
            out.append(Chip(text[pos : m.start()], False))
        out.append(Chip(m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append(Chip(text[pos:], False))
    return out


def create_app(workspace: Workspace, gate: Gate) -> Starlette:
    env = Environment(loader=PackageLoader("newsl10n.review", "templates"), autoescape=select_autoescape(default=True))
    env.globals["chips"] = chips
    env.globals["csrf"] = gate.csrf
    env.globals["case_names"] = CASE_NAMES

    def page(name: str, status: int = 200, **context: object) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def resolve(request: Request) -> CatalogRef | None:
        return workspace.find(str(request.path_params["lang"]), str(request.path_params["slug"]))

    async def overview(request: Request) -> Response:
        lang = request.query_params.get("lang", "")
        text = request.query_params.get("q", "").strip().lower()
        rows = []
        langs = set()
        for ref in workspace.refs():
            langs.add(ref.lang)
            if (lang and ref.lang != lang) or (text and text not in ref.slug.lower()):
                continue
            loaded = workspace.load(ref)
            rows.append((ref, counts(loaded.catalog, findings_of(loaded, workspace.check_context()))))
        return page("overview.html", rows=rows, langs=sorted(langs), lang=lang, q=text)

    def render_article(ref: CatalogRef, *, conflict: Conflict | None = None, status: int = 200) -> Response:
        loaded = workspace.load(ref)
        findings = findings_of(loaded, workspace.check_context())
        view: ArticleView = article_view(
            loaded, findings, terminology=workspace.terminology(loaded), memory=workspace.memory(loaded)
        )
        return page("article.html", status, view=view, ref=ref, conflict=conflict)

    async def article(request: Request) -> Response:
        ref = resolve(request)
        if ref is None:
            return PlainTextResponse("404: no such catalog", status_code=404)
        return render_article(ref)

    async def preview(request: Request) -> Response:
        ref = resolve(request)
        if ref is None:
            return PlainTextResponse("404: no such catalog", status_code=404)
        built = workspace.page(ref)  # a catalog or article that cannot be read: refused() below, one line
        nonce = secrets.token_urlsafe(16)
        script = f'<script nonce="{nonce}">{_preview_script()}</script>'
        m = None
        for m in _BODY_END.finditer(built):
            pass
        built = built[: m.start()] + script + built[m.start() :] if m else built + script
        response = HTMLResponse(built)
        response.headers["content-security-policy"] = PREVIEW_CSP.format(nonce=nonce)
        return response

    async def posted(request: Request) -> tuple[FormData, CatalogRef] | Response:
        """A state-changing request's form and catalog, or the refusal (403 cross-site, 404 unknown catalog)."""
        form = await request.form()
        if not gate.csrf_ok(request.headers, _field(form.get("csrf"))):
            return PlainTextResponse("403: cross-site request refused", status_code=403)
        ref = resolve(request)
        if ref is None:
            return PlainTextResponse("404: no such catalog", status_code=404)
        return form, ref

    async def change(request: Request) -> Response:
        got = await posted(request)
        if isinstance(got, Response):
            return got
        form, ref = got
        try:
            action = Action(_field(form.get("action")) or "")
        except ValueError:
            return PlainTextResponse("400: unknown action", status_code=400)
        key = _key(form)
        text = _field(form.get("text"))
        try:
            result = workspace.change(ref, key=key, text=text, action=action, base=_field(form.get("base")) or "")
        except Newsl10nError as exc:
            return PlainTextResponse(f"409: {exc}", status_code=409)
        if isinstance(result, Conflict):
            return render_article(ref, conflict=result, status=409)
        index = next((i for i, e in enumerate(result.catalog.entries) if e.key == key), 0)
        return RedirectResponse(f"{_article_url(ref)}?e={index}#e{index}", status_code=303)

    async def draft(request: Request) -> Response:
        """A draft translation (the box as typed) checked, nothing saved: its findings (the page shows them as
        text) and its terms list (rendered, escaped, by the template the page uses)."""
        got = await posted(request)
        if isinstance(got, Response):
            return got
        form, ref = got
        loaded = workspace.load(ref)
        text = _field(form.get("text")) or ""
        checked = check_draft(loaded, _key(form), text, workspace.check_context(), workspace.terminology(loaded))
        if checked is None:
            return PlainTextResponse("404: no such entry", status_code=404)
        terms = env.get_template("_terms.html").module.term_list(checked.forms, text) if checked.forms else ""  # type: ignore[attr-defined]
        findings = [{"code": f.code, "severity": f.severity.value, "message": f.message} for f in checked.findings]
        return JSONResponse({"findings": findings, "terms": str(terms), "total": checked.total})

    async def approve_machine(request: Request) -> Response:
        got = await posted(request)
        if isinstance(got, Response):
            return got
        form, ref = got
        base = _field(form.get("base")) or ""
        result = workspace.approve_all(ref, lambda loaded: clean_machine(loaded, workspace.check_context()), base=base)
        if isinstance(result, Conflict):
            return render_article(ref, conflict=result, status=409)
        return RedirectResponse(_article_url(ref), status_code=303)

    async def static(request: Request) -> Response:
        name = str(request.path_params["name"])
        if name not in _STATIC:
            return PlainTextResponse("404", status_code=404)
        body = resources.files("newsl10n.review").joinpath("static", name).read_text(encoding="utf-8")
        return Response(body, media_type=_STATIC[name])

    routes: Sequence[Route] = [
        Route("/", overview),
        Route("/a/{lang}/{slug}", article),
        Route("/a/{lang}/{slug}/page", preview),
        Route("/a/{lang}/{slug}/entry", change, methods=["POST"]),
        Route("/a/{lang}/{slug}/approve-machine", approve_machine, methods=["POST"]),
        Route("/a/{lang}/{slug}/check", draft, methods=["POST"]),
        Route("/static/{name}", static),
    ]
    async def refused(request: Request, exc: Exception) -> Response:
        """A catalog or article that cannot be read (or a busy lock): one escaped line, never a traceback."""
        line = " ".join(str(exc).split())
        return PlainTextResponse(f"newsl10n: {line}", status_code=409)

    app = Starlette(routes=list(routes), exception_handlers={Newsl10nError: refused})
    app.add_middleware(GateMiddleware, gate=gate)
    return app


_STATIC = {"review.js": "text/javascript", "review.css": "text/css"}


def _article_url(ref: CatalogRef) -> str:
    return f"/a/{quote(ref.lang, safe='')}/{quote(ref.slug, safe='')}"


def _key(form: FormData) -> Key:
    """The entry a form names: its msgid, and its msgctxt when it has one (``has_ctxt``)."""
    msgctxt = _field(form.get("msgctxt")) if form.get("has_ctxt") == "1" else None
    return (msgctxt, _field(form.get("msgid")) or "")


def _field(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _preview_script() -> str:
    return resources.files("newsl10n.review").joinpath("static", "preview.js").read_text(encoding="utf-8")
