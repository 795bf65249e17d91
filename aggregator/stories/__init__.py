"""Stories: the items that tell one piece of news (aliases, cross-posts, translations) grouped.

Pure and Scrapy-free, in four rooms: `features` (what grouping reads of one item), `pairs`
(whether two items tell the same news, and why), `grouping` (links found through small indexes,
stories built from the links) and `step`, the step the CLI runs after a crawl
(`group_stored_items`). The bilingual word tables are data (`words.toml`).
"""

from __future__ import annotations

from aggregator.stories.features import StoryItem, evidence_tokens, title_marks, titles_conflict
from aggregator.stories.grouping import group_items
from aggregator.stories.step import GroupingSummary, group_stored_items

# What the command line, the tests and the benchmarks import from the package; the rest is
# imported from its module.
__all__ = [
    "GroupingSummary",
    "StoryItem",
    "evidence_tokens",
    "group_items",
    "group_stored_items",
    "title_marks",
    "titles_conflict",
]
