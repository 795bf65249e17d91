"""The offline mirror of the four sites: content files + themes, rendered and served locally."""

from __future__ import annotations

from aggregator.mirror.content import (
    Article,
    ContentError,
    Page,
    SiteContent,
    load_content,
    load_site_file,
)
from aggregator.mirror.manifest import ManifestEntry, load_manifest
from aggregator.mirror.render import ThemeError, render_site
from aggregator.mirror.server import serve_mirror
from aggregator.mirror.sites import DEFAULT_PORTS, SCHEMES

__all__ = [
    "DEFAULT_PORTS",
    "SCHEMES",
    "Article",
    "ContentError",
    "ManifestEntry",
    "Page",
    "SiteContent",
    "ThemeError",
    "load_content",
    "load_manifest",
    "load_site_file",
    "render_site",
    "serve_mirror",
]
