"""Does trafilatura's `fast` mode (no fallback comparison with readability/justext) give the
same article text? Every article page of every rendition of the mirror, both ways, and the
page reader's rule (fast, then full when fast kept too little of the article's text).

    python bench/bench_trafilatura_fast.py [--htmldate PATH]

With --htmldate (a checkout of adbar/htmldate, see BENCHMARKS.md) the same comparison runs on
its eval_default pages too, for information: they are not the sites this project reads.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from aggregator.config import Source
from aggregator.mirror import load_content, load_manifest, render_site
from aggregator.pages import ArticlePage
from aggregator.pages.article import as_paragraphs

GENERIC = Source(key="bench", name="bench", base_url="http://bench.test")


def compare(pages: list[tuple[str, str]]) -> tuple[int, int, int, float, float]:
    """(same text in fast mode, different, same as the page reader keeps it, seconds without
    fast, seconds with fast)."""
    same = different = as_read = 0
    seconds = {False: 0.0, True: 0.0}
    for url, html in pages:
        page = ArticlePage(url, html, GENERIC)
        texts = []
        for fast in (False, True):  # trafilatura as the page reader calls it, both ways
            start = time.perf_counter()
            texts.append(page._trafilatura(fast=fast))
            seconds[fast] += time.perf_counter() - start
        same += texts[0] == texts[1]
        different += texts[0] != texts[1]
        body = page.body()  # fast, or full when fast kept too little
        as_read += body == as_paragraphs(texts[0])
    return same, different, as_read, seconds[False], seconds[True]


def mirror_pages(rendition: str) -> list[tuple[str, str]]:
    sites = load_content()
    bases = {key: f"http://{key}.test" for key in sites}
    articles = {e.url for e in load_manifest(bases, rendition=rendition)}
    pages = []
    for key, site in sites.items():
        for path, resource in render_site(site, rendition, bases[key], sites=sites,
                                          base_urls=bases).items():  # fmt: skip
            if bases[key] + path in articles and "html" in resource.content_type:
                pages.append((bases[key] + path, resource.body.decode("utf-8")))
    return pages


def htmldate_pages(checkout: Path) -> list[tuple[str, str]]:
    labels = json.loads((checkout / "tests" / "eval_default.json").read_text("utf-8"))
    pages = []
    for url, entry in labels.items():
        for folder in ("cache", "eval"):
            path = checkout / "tests" / folder / entry["file"]
            if path.is_file():
                pages.append((url, path.read_bytes().decode("utf-8", errors="replace")))
                break
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--htmldate", type=Path, help="a checkout of adbar/htmldate")
    args = parser.parse_args()
    print("| pages | n | fast: same text | fast: different | as read: same | default | fast |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    sets = {f"mirror {r}": mirror_pages(r) for r in ("main", "legacy", "redesign", "moved")}
    if args.htmldate:
        sets["htmldate eval_default"] = htmldate_pages(args.htmldate)
    for name, pages in sets.items():
        same, different, as_read, slow, fast = compare(pages)
        print(
            f"| {name} | {len(pages)} | {same} | {different} | {as_read} | {slow:.2f} s "
            f"| {fast:.2f} s |"
        )


if __name__ == "__main__":
    main()
