"""The offline mirror of the four sites: content, URL schemes and themes, rendered and served."""

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
from aggregator.mirror.render import Resource, ThemeError, load_rendition, render_site
from aggregator.mirror.schemes import Layout, build_layout
from aggregator.mirror.server import LoggedRequest, RequestLog, ServedMirror, serve_mirror
from aggregator.mirror.sites import DEFAULT_PORTS, SITES

__all__ = [
    "DEFAULT_PORTS",
    "SITES",
    "Article",
    "ContentError",
    "Layout",
    "LoggedRequest",
    "ManifestEntry",
    "Page",
    "RequestLog",
    "Resource",
    "ServedMirror",
    "SiteContent",
    "ThemeError",
    "build_layout",
    "load_content",
    "load_manifest",
    "load_rendition",
    "load_site_file",
    "render_site",
    "serve_mirror",
]
