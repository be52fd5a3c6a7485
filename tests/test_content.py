"""The course's content: every chapter present, thick enough, structured and cited."""

from __future__ import annotations

import re

import pytest
import yaml
from pybtex.database import parse_file

from tests.chapters import CONTENT_CHAPTERS, REPO

BOOK = REPO / "book"
ALL_PAGES = [
    "index",
    "intro",
    *CONTENT_CHAPTERS[:3],
    "self-care-plan",
    *CONTENT_CHAPTERS[3:],
    "self-check-in",
    "facilitator-guide",
    "program-self-assessment",
    "glossary",
    "support",
    "references",
]
SEED_KEYS = {
    "bride2007prevalence",
    "killian2008helping",
    "showalter2010compassion",
    "adams2006compassion",
    "maslach2001job",
    "monk2011selfcare",
    "luken2016systematic",
    "friese2016state",
    "jenkins2002secondary",
    "maslach2005reversing",
    "butler2017selfcareplan",
    "overholt2014stress",
}
CITE_ROLE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MARKUP_LINE = re.compile(r"^(```|:[\w-]+:|\(.+\)=$)")


def prose_words(markdown: str) -> int:
    """Words a reader sees: directive fences, options, labels and citation keys left out."""
    count = 0
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", ":", "(")) and (
            stripped.startswith("```")
            or re.match(r"^:\w[\w-]*:", stripped)
            or stripped.endswith(")=")
        ):
            continue
        count += len(WORD.findall(CITE_ROLE.sub("", line)))
    return count


def cited_keys(markdown: str) -> set[str]:
    return {key.strip() for group in CITE_ROLE.findall(markdown) for key in group.split(",")}


def page(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def test_table_of_contents_lists_every_chapter_in_order() -> None:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    listed = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert listed == [f"book/{name}" for name in ALL_PAGES]


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_content_chapter_is_substantial_and_structured(name: str) -> None:
    text = page(name)
    assert prose_words(text) >= 900, f"{name} has {prose_words(text)} words of prose"
    for heading in ["## What?", "## So what?", "## Now what?", "## Reflect", "## Key takeaways"]:
        assert re.search(rf"^{re.escape(heading)}\s*$", text, re.M), f"{name} lacks {heading}"
    assert "By the end of this chapter" in text, f"{name} lacks learning objectives"
    assert "Nothing you think or write here is recorded" in text


def test_whole_book_is_at_least_ten_thousand_words() -> None:
    total = sum(prose_words(page(name)) for name in ALL_PAGES)
    assert total >= 10_000, total


def test_comparison_table_sets_compassion_fatigue_beside_burnout() -> None:
    text = page("compassion-fatigue-vs-burnout")
    header = next(line for line in text.splitlines() if line.startswith("|"))
    assert "Compassion fatigue" in header and "Burnout" in header


def test_bibliography_holds_the_seed_references() -> None:
    keys = set(parse_file(BOOK / "references.bib").entries)
    assert keys >= SEED_KEYS


@pytest.mark.parametrize(
    "name", [*CONTENT_CHAPTERS, "intro", "self-care-plan", "glossary", "facilitator-guide"]
)
def test_every_page_cites_and_only_known_keys(name: str) -> None:
    known = set(parse_file(BOOK / "references.bib").entries)
    keys = cited_keys(page(name))
    assert keys, f"{name} cites nothing"
    assert keys <= known, f"{name} cites unknown keys {keys - known}"


def test_word_counter_ignores_markup() -> None:
    sample = (
        "(x)=\n# Title here\n```{admonition} Note\n:class: tip\nTwo words {cite:p}`a,b`.\n```\n"
    )
    assert prose_words(sample) == 4


def test_the_facilitator_guide_walks_through_a_live_check_in_as_the_pages_name_it() -> None:
    """Each step of a live check-in is in the guide, named as the server's pages and CLI
    name it, so the guide cannot drift from what staff will see."""
    guide = page("facilitator-guide")
    server = REPO / "src" / "mentor_course" / "server"
    pages = "".join(
        (server / module).read_text(encoding="utf-8")
        for module in ("pages.py", "coordinator_pages.py", "live_pages.py")
    )
    for words in [
        "Start a live check-in",
        "End check-in",
        "Update the counts automatically",
        "Refresh now",
        "Presenter view",
    ]:
        assert words in guide, words
        assert words in pages or words == "Presenter view", words
    for step in [
        "/coordinator/login",
        "mentor-course serve --host 0.0.0.0",
        "mentor-course session start --quiz",
        "mentor-course session end CODE",
        "QR code",
        "Page Down",
        "Page Up",
        "summary",
    ]:
        assert step in guide, step
    two_hours = guide.split("### A two-hour session")[1].split("### A six-hour session")[0]
    six_hours = guide.split("### A six-hour session")[1].split("## Chapter by chapter")[0]
    assert "live check-in" in two_hours and "live check-in" in six_hours
