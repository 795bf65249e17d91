"""Stories: the items that tell one piece of news (aliases, cross-posts, translations) grouped.

Pure and Scrapy-free, in four rooms: `features` (what grouping reads of one item), `pairs`
(whether two items tell the same news, and why), `grouping` (links found through small indexes,
stories built from the links) and `step`, the step the CLI runs after a crawl
(`group_stored_items`). The bilingual word tables are data (`words.toml`).
"""

from __future__ import annotations

from aggregator.stories.features import (
    StoryItem,
    evidence_tokens,
    story_id_for,
    title_marks,
    titles_conflict,
)
from aggregator.stories.grouping import Edge, LinkFinder, Node, Placement, cluster, group_items
from aggregator.stories.pairs import (
    ALIAS,
    CROSSPOST,
    ORIGINAL,
    RELATIONS,
    TRANSLATION,
    Link,
    link_between,
    relation_between,
)
from aggregator.stories.step import GroupingSummary, group_stored_items, story_item

__all__ = [
    "ALIAS",
    "CROSSPOST",
    "ORIGINAL",
    "RELATIONS",
    "TRANSLATION",
    "Edge",
    "GroupingSummary",
    "Link",
    "LinkFinder",
    "Node",
    "Placement",
    "StoryItem",
    "cluster",
    "evidence_tokens",
    "group_items",
    "group_stored_items",
    "link_between",
    "relation_between",
    "story_id_for",
    "story_item",
    "title_marks",
    "titles_conflict",
]
