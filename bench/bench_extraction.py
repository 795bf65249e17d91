"""Body extraction compared on the mirror: trafilatura, the site selectors, and the shipped ladder.

Each article page of the mirror is fetched from a rendition and its body
extracted three ways; the extracted text is scored against the article's true
body (the content files) with bag-of-words precision and recall, as extraction
benchmarks usually do. Usage: python bench/bench_extraction.py [--rendition main redesign]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import urllib.request
from collections import Counter
from collections.abc import Callable

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from aggregator.config import load_sources
from aggregator.mirror import load_content, load_manifest, serve_mirror
from aggregator.pages import ArticlePage

WORD = re.compile(r"\w+", re.UNICODE)


def without_selectors(page_class: type[ArticlePage]) -> type[ArticlePage]:
    """The same page class with no site selectors: its body is trafilatura's alone."""
    return type(page_class.__name__, (page_class,), {"body_css": ()})


# name -> (page class from the site's, extraction).
METHODS: dict[str, tuple[Callable[[type[ArticlePage]], type[ArticlePage]], Callable]] = {
    "trafilatura": (without_selectors, lambda page: page.body()),
    "site selectors": (lambda cls: cls, lambda page: page.body_from_selectors()),
    "shipped ladder": (lambda cls: cls, lambda page: page.body()),
}


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in WORD.findall(text))


def score(extracted: str, truth: str) -> tuple[float, float]:
    """Bag-of-words precision and recall of an extracted text against the true body."""
    got, want = words(extracted), words(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return precision, recall


def run(rendition: str) -> dict[str, dict[str, float]]:
    sources = load_sources()
    loader = SpiderLoader(Settings({"SPIDER_MODULES": ["aggregator.spiders"]}))
    truth = {a.id: a.body for site in load_content().values() for a in site.articles}
    results: dict[str, dict[str, list[float]]] = {
        m: {"precision": [], "recall": [], "ms": []} for m in METHODS
    }
    with serve_mirror(rendition=rendition, ports={k: 0 for k in sources}) as bases:
        for entry in load_manifest(bases):
            if entry.kind != "html":
                continue
            html = urllib.request.urlopen(entry.url).read().decode("utf-8")
            source = sources[entry.source].with_base_url(bases[entry.source])
            page_class = loader.load(entry.source).article_page
            for name, (variant, extract) in METHODS.items():
                page = variant(page_class)(entry.url, html, source)
                start = time.perf_counter()
                text = extract(page)
                results[name]["ms"].append((time.perf_counter() - start) * 1000)
                precision, recall = score(text, truth[entry.id])
                results[name]["precision"].append(precision)
                results[name]["recall"].append(recall)
    return {
        name: {k: statistics.mean(v) for k, v in values.items()} | {"pages": len(values["ms"])}
        for name, values in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rendition", nargs="+", default=["main", "redesign"])
    args = parser.parse_args()
    print("| rendition | method | pages | precision | recall | ms/page |")
    print("| --- | --- | --- | --- | --- | --- |")
    for rendition in args.rendition:
        for name, r in run(rendition).items():
            print(
                f"| {rendition} | {name} | {r['pages']} | {r['precision']:.3f} | "
                f"{r['recall']:.3f} | {r['ms']:.2f} |"
            )


if __name__ == "__main__":
    main()
