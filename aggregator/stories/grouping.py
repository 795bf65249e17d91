"""Grouping: every link between items found through small indexes, then stories built from them.

Stories are a function of the links, never of the order items arrive in:

1. `LinkFinder` proposes, for each item, the few indexed items it could be linked with (declared
   language links in both directions, the same slug, MinHash LSH, the same title, shared
   evidence tokens of the same site) and keeps the pairs `link_between` links. Each pair is
   looked at once, when the later of its two items is shown; text features slide with the
   dates (`WINDOW_DAYS`). What a declared link needs (`Ends`) is kept for every item seen, or,
   when the caller streams the archive, only for the window, the caller adding the items out of
   it that the next items' links reach (`add_far`): a link is followed whatever the distance.
2. `cluster` joins items along their links, strongest first (declared links, slugs,
   near-duplicates, shared evidence; ties by URL), refusing a join that would put two articles
   of one site and language in one story (aliases apart). The story is named after its earliest
   item, and each item's relation is that of the link that joined it, read from the earliest
   item outwards. Same links, same stories: a rebuild equals any incremental history.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from datasketch import MinHashLSH

from aggregator.stories.features import (
    NUM_PERM,
    Ends,
    Features,
    StoryItem,
    cached_url_key,
    lean_minhash,
    story_id_for,
)
from aggregator.stories.pairs import (
    ALIAS,
    MIN_SHARED_TOKENS,
    ORIGINAL,
    WINDOW_DAYS,
    declared_link,
    link_between,
)

LSH_THRESHOLD = 0.4  # recall of the candidate step; the decision uses NEAR_DUP_JACCARD
MAX_POSTING = 400  # evidence tokens shared by more items of a site in the window carry nothing
# Bands and rows for that threshold, worked out once (datasketch integrates on every index).
_LSH = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
LSH_BANDS_ROWS = (_LSH.b, _LSH.r)


@dataclass(frozen=True)
class Edge:
    """A link between two items (`a` < `b`): what a story is built from."""

    a: str
    b: str
    relation: str
    score: float
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Node:
    """What `cluster` needs of an item: who it is, its site, language and date."""

    canonical_url: str
    source: str
    lang: str | None
    published_at: str | None


@dataclass(frozen=True)
class Placement:
    """An item's place: its story, its relation within it and the link that put it there."""

    canonical_url: str
    story_id: str
    relation: str
    evidence: dict[str, Any]


class LinkFinder:
    """Finds the links of each item shown with the items indexed before it."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS_ROWS)
        self.ends: dict[str, Ends] = {}  # items seen, for declared links
        self.features: dict[str, Features] = {}  # items in the date window
        self.by_url: dict[str, str] = {}  # url_key of every URL -> canonical URL
        self.linked_from: dict[str, set[str]] = {}  # url_key -> items whose pages link to it
        self.by_slug: dict[str, set[str]] = {}
        self.by_title: dict[str, set[str]] = {}
        self.postings: dict[tuple[str, str], set[str]] = {}  # (site, token) -> items
        self.window: list[tuple[int, str]] = []  # (day, canonical URL) heap of indexed items

    def show(self, f: Features) -> list[Edge]:
        """The links of the next item in grouping order, which is then indexed."""
        if f.day is not None:
            self.evict_before(f.day - WINDOW_DAYS)
        edges = self.links_of(f)
        self.add(f)
        return edges

    def add_far(self, ends: Iterable[Ends]) -> None:
        """Items out of the window that declared links reach, in grouping order.

        Only a declared link is read of them. They are older than every indexed item, and a
        URL two items share leads to the later (as when both were indexed).
        """
        for e in reversed(list(ends)):
            key = e.canonical_url
            if key in self.ends:
                continue
            self.ends[key] = e
            for url_key_ in e.keys:
                self.by_url.setdefault(url_key_, key)
            for _lang, url, _where in e.links:
                self.linked_from.setdefault(cached_url_key(url), set()).add(key)

    def forget_out_of_window(self) -> None:
        """Forget what declared links need of the items no longer indexed (`add_far` brings
        them back when a link reaches them), so that memory holds the window alone."""
        for key in [k for k in self.ends if k not in self.features]:
            e = self.ends.pop(key)
            for url_key_ in e.keys:
                if self.by_url.get(url_key_) == key:
                    del self.by_url[url_key_]
            for _lang, url, _where in e.links:
                _discard(self.linked_from, cached_url_key(url), key)

    def add(self, f: Features) -> None:
        """Index an item so that items shown later can be linked with it."""
        key = f.ends.canonical_url
        if key in self.features:
            return
        self.ends[key] = f.ends
        for url_key_ in f.ends.keys:
            self.by_url[url_key_] = key
        for _lang, url, _where in f.ends.links:
            self.linked_from.setdefault(cached_url_key(url), set()).add(key)
        self.features[key] = f
        self.lsh.insert(key, lean_minhash(f.signature), check_duplication=False)
        if f.slug:
            self.by_slug.setdefault(f.slug, set()).add(key)
        if f.title_key:
            self.by_title.setdefault(f.title_key, set()).add(key)
        for token in set(f.tokens):
            self.postings.setdefault((f.ends.source, token), set()).add(key)
        if f.day is not None:
            heapq.heappush(self.window, (f.day, key))

    def links_of(self, f: Features) -> list[Edge]:
        """Every link between this item and an indexed one."""
        key = f.ends.canonical_url
        edges = []
        for other in sorted(self._candidates(f) - {key}):
            near = self.features.get(other)
            if near is not None:
                link = link_between(f, near)
            else:  # out of the window: only a declared link reaches that far
                link = declared_link(f.ends, self.ends[other])
            if link is not None:
                a, b = sorted((key, other))
                edges.append(Edge(a, b, link.relation, round(link.score, 4), link.evidence))
        return edges

    def _candidates(self, f: Features) -> set[str]:
        found: set[str] = set()
        for _lang, url, _where in f.ends.links:
            if (target := self.by_url.get(cached_url_key(url))) is not None:
                found.add(target)
        for own in f.ends.keys:
            found |= self.linked_from.get(own, set())
        if f.slug:
            found |= self.by_slug.get(f.slug, set())
        found |= set(self.lsh.query(lean_minhash(f.signature)))
        found |= self.by_title.get(f.title_key, set()) if f.title_key else set()
        counts: Counter[str] = Counter()
        for token in set(f.tokens):
            posting = self.postings.get((f.ends.source, token))
            if posting and len(posting) <= MAX_POSTING:
                counts.update(posting)
        found.update(k for k, n in counts.items() if n >= MIN_SHARED_TOKENS)
        return found

    def evict_before(self, day: int) -> None:
        """Forget the text features of items too old to match anything still to come."""
        while self.window and self.window[0][0] < day:
            _day, key = heapq.heappop(self.window)
            f = self.features.pop(key, None)
            if f is None:
                continue
            self.lsh.remove(key)
            _discard(self.by_slug, f.slug, key)
            _discard(self.by_title, f.title_key, key)
            for token in set(f.tokens):
                _discard(self.postings, (f.ends.source, token), key)


def _discard(index: dict[Any, set[str]], name: Any, key: str) -> None:
    if name and (members := index.get(name)) is not None:
        members.discard(key)
        if not members:
            del index[name]


def grouping_order(item: Node | StoryItem) -> tuple[str, str]:
    """Publication date, then URL: the order items are shown in, and who names a story."""
    return (item.published_at or "", item.canonical_url)


def cluster(nodes: Mapping[str, Node], edges: Iterable[Edge]) -> dict[str, Placement]:
    """Stories from links: strongest links first, one article per site and language."""
    parent = {url: url for url in nodes}
    kinds = {url: {(n.source, n.lang)} for url, n in nodes.items()}

    def root(url: str) -> str:
        while parent[url] != url:
            parent[url] = parent[parent[url]]
            url = parent[url]
        return url

    tree: dict[str, list[Edge]] = {url: [] for url in nodes}
    for edge in sorted(edges, key=lambda e: (-e.score, e.a, e.b)):
        if edge.a not in nodes or edge.b not in nodes:
            continue
        ra, rb = root(edge.a), root(edge.b)
        if ra == rb or (edge.relation != ALIAS and kinds[ra] & kinds[rb]):
            continue
        parent[rb] = ra
        kinds[ra] |= kinds.pop(rb)
        tree[edge.a].append(edge)
        tree[edge.b].append(edge)
    groups: dict[str, list[str]] = {}
    for url in nodes:
        groups.setdefault(root(url), []).append(url)
    placements: dict[str, Placement] = {}
    for members in groups.values():
        first = min(members, key=lambda u: grouping_order(nodes[u]))
        story_id = story_id_for(first)
        placements[first] = Placement(first, story_id, ORIGINAL, {})
        todo = deque([first])
        while todo:
            here = todo.popleft()
            for edge in tree[here]:  # strongest first: added in that order
                other = edge.b if edge.a == here else edge.a
                if other in placements:
                    continue
                evidence = {"matched": here, **edge.evidence}
                placements[other] = Placement(other, story_id, edge.relation, evidence)
                todo.append(other)
    return placements


def node_of(item: StoryItem) -> Node:
    """The item as `cluster` sees it."""
    return Node(item.canonical_url, item.source, item.lang, item.published_at)


def group_items(items: Iterable[StoryItem]) -> dict[str, Placement]:
    """Stories of a set of items held in memory: each item's placement, by canonical URL."""
    ordered = sorted({i.canonical_url: i for i in items}.values(), key=grouping_order)
    finder = LinkFinder()
    edges: list[Edge] = []
    for item in ordered:
        edges.extend(finder.show(Features.of(item)))
    return cluster({i.canonical_url: node_of(i) for i in ordered}, edges)
