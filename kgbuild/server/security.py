"""Who may ask: the checks every request passes before anything else, and the headers every
response carries.

* **Host.** On a loopback address only a loopback ``Host`` is answered, so a web page cannot
  reach the endpoint through a name it controls (DNS rebinding).
* **Origin.** A request that names an ``Origin`` must come from the endpoint's own page
  (``http://`` + its ``Host``): a form posted by any other web page, a ``fetch`` from one, or a
  sandboxed page (``Origin: null``) gets 403. Browsers send ``Origin`` on every POST and every
  cross-origin ``fetch``, so no other page can make the endpoint run a query.
* **Fetch metadata.** A browser request marked ``Sec-Fetch-Site: cross-site`` or ``same-site``
  (another port of localhost is the same site) gets 403, unless it is a person opening the
  query page or the graph page from a link.
* **Headers.** Every response says ``nosniff``, may not be framed (``frame-ancestors 'none'``,
  ``X-Frame-Options: DENY``), sends no referrer and is not readable cross-origin; HTML pages get
  a Content-Security-Policy without inline scripts except those carrying the response's nonce.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    """True for loopback addresses and ``localhost``.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without the port.

    >>> host_name("[::1]:7878"), host_name("LocalHost:80"), host_name("::1")
    ('::1', 'localhost', '::1')
    """
    h = header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def allowed_host(host_header: str, loopback: bool) -> bool:
    """Whether a request naming this ``Host`` is answered (any host when not on loopback)."""
    return not loopback or is_loopback(host_name(host_header or "localhost"))


#: Pages a person may open from a link on another site (a top-level navigation).
PAGES = frozenset({"/", "/graph.html"})


def refusal(headers: Mapping[str, str], method: str, path: str) -> str | None:
    """Why a request that passed the Host check is refused as cross-site, or None.

    >>> ok = {"host": "127.0.0.1:7878"}
    >>> refusal({**ok, "origin": "http://127.0.0.1:7878"}, "POST", "/sparql") is None
    True
    >>> refusal({**ok, "origin": "https://evil.example"}, "POST", "/sparql")
    'cross-site request from https://evil.example refused'
    >>> refusal({**ok, "sec-fetch-site": "cross-site"}, "GET", "/sparql")
    'cross-site request refused'
    """
    origin = headers.get("origin")
    if origin is not None and not same_origin(origin, headers.get("host", "")):
        return f"cross-site request from {origin[:100]} refused"
    site = headers.get("sec-fetch-site")
    if site in ("cross-site", "same-site"):
        navigation = headers.get("sec-fetch-mode") == "navigate" and method in ("GET", "HEAD")
        if not (navigation and path in PAGES):
            return "cross-site request refused"
    return None


def same_origin(origin: str, host_header: str) -> bool:
    """Whether ``origin`` is this endpoint's own: ``http://`` and the request's ``Host``.

    >>> same_origin("http://localhost:7878", "localhost:7878")
    True
    >>> same_origin("http://localhost:7878", "localhost:9999"), same_origin("null", "x")
    (False, False)
    """
    parts = urlsplit(origin.strip().lower())
    return parts.scheme == "http" and bool(parts.netloc) and parts.netloc == host_header.lower()


#: Headers of every response.
BASE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
#: The Content-Security-Policy of every response that is not one of the HTML pages.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: The build's graph page brings its own policy (a nonce for its scripts, in a meta tag);
#: what a meta tag cannot say comes in the header, and both hold.
GRAPH_PAGE_CSP = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"


def page_csp(nonce: str) -> str:
    """The policy of the query page: its own script and style (by nonce), requests to itself.

    >>> "'unsafe-inline'" in page_csp("abc"), "frame-ancestors 'none'" in page_csp("abc")
    (False, True)
    """
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
