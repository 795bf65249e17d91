"""The step after a crawl: place new and changed items in stories, in the store.

Items to place are those without a story and those whose language, date, links or text changed
since they were placed. Their links are found against the placed items published within
`WINDOW_DAYS` of them (read with their stored MinHash, so a daily run reads weeks of items, not
the archive) and against the placed items their pages link to, or whose pages link to them, at
any distance in time. Their old links are replaced, and every story they touch is rebuilt from
its links (`cluster`), so the stores' stories are always those a rebuild would give; an item
that ends up in another story is recorded in story_moves.

A rebuild forgets every link and finds them again in the same way, streaming the archive in
grouping order, so its memory holds weeks of items, not the archive.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from aggregator.dateshapes import utc_now
from aggregator.stories.features import Ends, Features, StoryItem, cached_url_key, day_number
from aggregator.stories.grouping import Edge, LinkFinder, Node, Placement, cluster
from aggregator.stories.pairs import ORIGINAL, RELATIONS, WINDOW_DAYS

REBUILD_CHUNK = 500  # items grouping reads and links (a rebuild: and places) at a time


@dataclass(frozen=True)
class GroupingSummary:
    """What one grouping run did: counts for the crawl summary and the tests."""

    items_grouped: int
    stories_new: int
    by_relation: Mapping[str, int]
    items_moved: int = 0

    def line(self) -> str:
        """One line for the crawl summary."""
        relations = ", ".join(f"{r} {self.by_relation.get(r, 0)}" for r in RELATIONS)
        return (
            f"stories: {self.stories_new} new, {self.items_grouped} items grouped ({relations}), "
            f"{self.items_moved} moved"
        )

    def __add__(self, other: GroupingSummary) -> GroupingSummary:
        """Two runs' counts together (a rebuild counts chunk by chunk)."""
        return GroupingSummary(
            self.items_grouped + other.items_grouped,
            self.stories_new + other.stories_new,
            dict(Counter(self.by_relation) + Counter(other.by_relation)),
            self.items_moved + other.items_moved,
        )


def story_item(row: Mapping[str, Any]) -> StoryItem:
    """A StoryItem from a store row (`Store.story_rows`, `Store.placed_items_between`)."""
    return StoryItem(
        canonical_url=row["canonical_url"],
        source=row["source"],
        lang=row.get("lang"),
        title=row.get("title") or "",
        body=row.get("body") or "",
        published_at=row.get("published_at"),
        image=row.get("image"),
        translations=row.get("translations") or {},
        translation_sources=row.get("translation_sources") or {},
        aliases=tuple(row.get("aliases") or ()),
        signature=row.get("signature"),
    )


def group_stored_items(store: Any, *, rebuild: bool = False, at: str = "") -> GroupingSummary:
    """Place the store's new and changed items in stories (every item with `rebuild`)."""
    at = at or utc_now()
    if rebuild:
        return _rebuild(store, at)
    todo = store.items_to_group()
    if not todo:
        return GroupingSummary(0, 0, {})
    states = {row["canonical_url"]: row["item_state"] for row in todo}
    linked_before, signatures = _link(store, todo, at)
    del todo
    node_rows, link_rows = store.linked_component(states.keys() | linked_before)
    nodes = {r["canonical_url"]: Node(**r) for r in node_rows}
    placements = cluster(nodes, (_edge(r) for r in link_rows))
    del node_rows, link_rows, nodes
    return _place(store, placements, states, signatures, False, at)


def _link(store: Any, todo: list[dict[str, Any]], at: str) -> tuple[set[str], dict[str, bytes]]:
    """Find and store the links of the items to place; return the items they linked before."""
    todo_urls = {row["canonical_url"] for row in todo}
    finder = LinkFinder()
    # Placed items the declared links reach: only those links are read of them, as in a
    # rebuild (those of the window come again from _placed_around, with their text).
    far = store.story_rows(sorted(_linked_elsewhere(store, todo) - todo_urls))
    finder.add_far(Ends.of(story_item(row)) for row in far)
    edges, signatures = _find_links(store, finder, todo)
    ends = [finder.ends[url] for url in sorted(todo_urls)]
    return _save_links(store, todo_urls, edges, ends, at), signatures


def _rebuild(store: Any, at: str) -> GroupingSummary:
    """Every item placed again, the archive read twice in grouping order, a chunk at a time.

    Memory holds a chunk and the window, never every text, signature or place: what the
    first pass reads of each item for its place (its MinHash and state) waits in the store.
    """
    store.clear_story_links()
    store.start_grouping_reads()
    _link_everything(store, at)
    summary = _place_everything(store, at)
    store.drop_grouping_reads()
    return summary


def _link_everything(store: Any, at: str) -> None:
    """Find and store every link as the incremental step finds them.

    The finder holds the window; the items out of it that a chunk's declared links reach, or
    whose declared links reach the chunk, are read back from the links stored so far.
    """
    finder = LinkFinder()
    for urls in store.urls_in_grouping_order(REBUILD_CHUNK):
        rows = store.story_rows(urls)
        far = _linked_elsewhere(store, rows) - finder.ends.keys()
        finder.add_far(Ends.of(story_item(row)) for row in store.story_rows(far))
        edges, ends, reads = [], [], []
        for row in rows:
            f = Features.of(story_item(row))
            edges += finder.show(f)
            ends.append(f.ends)
            reads.append(
                {
                    "canonical_url": row["canonical_url"],
                    "signature": _signature_bytes(f),
                    "item_state": row["item_state"],
                }
            )
        _save_links(store, urls, edges, ends, at)
        store.keep_grouping_reads(reads)
        finder.forget_out_of_window()


def _place_everything(store: Any, at: str) -> GroupingSummary:
    """Place each story with the chunk of its first item, from the links of its items.

    A story is new when its first item was in no story of its name before (a story is named
    after its first item), so chunk by chunk the counts are those of placing all at once.
    """
    summary = GroupingSummary(0, 0, {})
    for urls in store.urls_in_grouping_order(REBUILD_CHUNK):
        node_rows, link_rows = store.linked_component(urls)
        nodes = {r["canonical_url"]: Node(**r) for r in node_rows}
        placements = cluster(nodes, (_edge(r) for r in link_rows))
        here = set(urls)
        first_here = {
            p.story_id
            for p in placements.values()
            if p.relation == ORIGINAL and p.canonical_url in here
        }
        placed = {url: p for url, p in placements.items() if p.story_id in first_here}
        reads = store.grouping_reads(placed)
        states = {url: state for url, (_signature, state) in reads.items()}
        signatures = {url: signature for url, (signature, _state) in reads.items()}
        summary += _place(store, placed, states, signatures, True, at)
    return summary


def _linked_elsewhere(store: Any, rows: list[dict[str, Any]]) -> set[str]:
    """Grouped items these items' pages link to, or whose pages link to them."""
    own = {cached_url_key(u) for r in rows for u in (r["canonical_url"], *r["aliases"])}
    targets = {cached_url_key(u) for r in rows for u in r["translations"].values()}
    return store.placed_items_linked_with(targets, own)


def _save_links(
    store: Any, urls: Iterable[str], edges: list[Edge], ends: list[Ends], at: str
) -> set[str]:
    """Store the items' links, the language links their pages declare and their URLs."""
    return store.save_story_links(
        urls,
        (_link_row(e, at) for e in edges),
        (
            {
                "canonical_url": e.canonical_url,
                "lang": lang,
                "url": link,
                "url_key": cached_url_key(link),
                "found_in": where,
            }
            for e in ends
            for lang, link, where in e.links
        ),
        ({"url_key": key, "canonical_url": e.canonical_url} for e in ends for key in e.keys),
    )


def _place(
    store: Any,
    placements: Mapping[str, Placement],
    states: Mapping[str, str],
    signatures: Mapping[str, bytes],
    rebuild: bool,
    at: str,
) -> GroupingSummary:
    """Write the places that changed, and the moves, and say what the run did."""
    previous = store.placements(placements)
    old_members: dict[str, set[str]] = {}
    for url, old in previous.items():
        old_members.setdefault(old["story_id"], set()).add(url)
    new_members: dict[str, set[str]] = {}
    for url, place in placements.items():
        new_members.setdefault(place.story_id, set()).add(url)
    grouped, placed, moves = [], [], []
    for url, place in sorted(placements.items()):
        old = previous.get(url)
        record = {
            "canonical_url": url,
            "story_id": place.story_id,
            "relation": place.relation,
            "evidence": place.evidence,
        }
        if url in states:
            record.update(signature=signatures[url], item_state=states[url], grouped_at=at)
            grouped.append(record)
        elif old and _same_place(old, place):
            continue  # untouched by this run
        else:
            placed.append(record)
        if old and old["story_id"] != place.story_id:
            if rebuild:
                reason = "rebuild"
            elif url in states:
                reason = "changed"  # its own text, language, date or links
            elif old_members[old["story_id"]] <= new_members[place.story_id]:
                reason = "merged"  # its whole story came along
            else:
                reason = "split"
            moves.append(
                {
                    "canonical_url": url,
                    "from_story": old["story_id"],
                    "to_story": place.story_id,
                    "moved_at": at,
                    "reason": reason,
                }
            )
    store.place_items(grouped, placed, moves, at)
    by_relation = Counter(placements[url].relation for url in states)
    new_stories = new_members.keys() - old_members.keys()
    return GroupingSummary(len(states), len(new_stories), dict(by_relation), len(moves))


def _find_links(
    store: Any, finder: LinkFinder, todo: list[dict[str, Any]]
) -> tuple[list[Edge], dict[str, bytes]]:
    """Every link of the items to place, with the placed items of their weeks in the window."""
    context = _placed_around(store, todo)
    pending = next(context, None)
    edges: list[Edge] = []
    signatures: dict[str, bytes] = {}
    for start in range(0, len(todo), REBUILD_CHUNK):
        chunk = todo[start : start + REBUILD_CHUNK]
        for row in store.story_rows(r["canonical_url"] for r in chunk):
            f = Features.of(story_item(row))
            if f.day is not None:
                while pending is not None and _day_of(pending) <= f.day + WINDOW_DAYS:
                    finder.add(Features.of(story_item(pending)))
                    pending = next(context, None)
            edges += finder.show(f)
            signatures[f.ends.canonical_url] = _signature_bytes(f)
    return edges, signatures


def _signature_bytes(f: Features) -> bytes:
    return f.signature.tobytes()


def _day_of(row: Mapping[str, Any]) -> int:
    day = day_number(row["published_at"])
    return day if day is not None else 0


def _placed_around(store: Any, todo: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Placed items within `WINDOW_DAYS` of any item to place, in date order, read lazily."""
    days = sorted({d for r in todo if (d := day_number(r["published_at"])) is not None})
    spans: list[list[int]] = []
    for day in days:
        if spans and day - WINDOW_DAYS <= spans[-1][1] + 1:
            spans[-1][1] = day + WINDOW_DAYS
        else:
            spans.append([day - WINDOW_DAYS, day + WINDOW_DAYS])
    for first, last in spans:
        start = date.fromordinal(max(first, 1)).isoformat()
        yield from store.placed_items_between(start, date.fromordinal(last + 1).isoformat())


def _link_row(edge: Edge, at: str) -> dict[str, Any]:
    return {
        "a_url": edge.a,
        "b_url": edge.b,
        "relation": edge.relation,
        "score": edge.score,
        "evidence": edge.evidence,
        "found_at": at,
    }


def _edge(row: Mapping[str, Any]) -> Edge:
    return Edge(row["a_url"], row["b_url"], row["relation"], row["score"], row["evidence"])


def _same_place(old: Mapping[str, Any], place: Placement) -> bool:
    return (old["story_id"], old["relation"], json.loads(old["evidence"] or "{}")) == (
        place.story_id,
        place.relation,
        place.evidence,
    )
