"""Slim the theme's stylesheets to the rules the built book can use, and its icon font.

The pydata theme ships all of Bootstrap and Font Awesome's CSS (about 400 KB)
and an icon-font script of 1.5 MB, for a book that shows a few dozen
components and about twenty icons. Here:

- a rule is kept when one of its selectors can match: every class, id and
  element name it requires appears as a word in the built pages or in the
  scripts that change them (the same test PurgeCSS makes). Pseudo-classes,
  attribute selectors and `:not()`/`:is()` arguments are not required, so a
  state a script adds later (`:hover`, `[data-theme=dark]`) keeps its rule;
- `@keyframes` are kept when a kept rule names them;
- each icon font is cut to the glyphs the kept rules draw, and served as WOFF
  next to the slimmed stylesheet; an icon font with none of them is dropped.

Everything is parsed with tinycss2 (a real CSS tokenizer) and fontTools.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2.ast import (
    AtRule,
    Comment,
    FunctionBlock,
    HashToken,
    IdentToken,
    LiteralToken,
    Node,
    QualifiedRule,
    SquareBracketsBlock,
    StringToken,
    URLToken,
)

WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Private Use Area: where icon fonts put their glyphs.
PUA = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd]")
# Blocks whose content is itself a list of rules to slim.
GROUPING = {"media", "supports", "layer", "container", "document"}
FontFace = Callable[[AtRule, set[str]], str | None]


@dataclass
class Vocabulary:
    """Words the pages and their scripts use: class names, ids and element names."""

    words: set[str] = field(default_factory=set)
    # A word ending in "-" ("bs-tooltip-" + placement) stands for every name it starts.
    prefixes: tuple[str, ...] = ()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        words: set[str] = set()
        for text in texts:
            words.update(WORD.findall(text))
        prefixes = tuple(sorted(w for w in words if w.endswith("-") and len(w) > 2))
        return cls(words | {w.lower() for w in words}, prefixes)

    def has(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


def _split_selectors(prelude: list[Node]) -> list[list[Node]]:
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [_strip(s) for s in selectors]


def _strip(tokens: list[Node]) -> list[Node]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in {"whitespace", "comment"}:
        start += 1
    while end > start and tokens[end - 1].type in {"whitespace", "comment"}:
        end -= 1
    return tokens[start:end]


def required_names(selector: list[Node]) -> list[str]:
    """The class names, ids and element names `selector` needs on the page."""
    names = []
    after_dot = after_colon = False
    for token in selector:
        if isinstance(token, LiteralToken):
            after_dot, after_colon = token.value == ".", token.value == ":"
            continue
        if isinstance(token, IdentToken) and after_dot:
            names.append(token.value)
        elif isinstance(token, IdentToken) and not after_colon:
            names.append(token.value.lower())  # an element name
        elif isinstance(token, HashToken):
            names.append(token.value)
        # Pseudo-classes, :not()/:is()/:has() arguments and [attributes] are not required.
        elif isinstance(token, FunctionBlock | SquareBracketsBlock):
            pass
        after_dot = after_colon = False
    return names


def _idents(tokens: Iterable[Node]) -> Iterable[str]:
    for token in tokens:
        if isinstance(token, IdentToken):
            yield token.value
        elif isinstance(token, FunctionBlock):
            yield from _idents(token.arguments)


def _strings(tokens: Iterable[Node]) -> Iterator[str]:
    for token in tokens:
        if isinstance(token, StringToken):
            yield token.value
        elif isinstance(token, FunctionBlock):
            yield from _strings(token.arguments)


def _keep_rules(rules: list[Node], vocabulary: Vocabulary) -> list[Node]:
    kept: list[Node] = []
    for rule in rules:
        if isinstance(rule, Comment):
            if rule.value.startswith("!"):  # licence notices stay
                kept.append(rule)
        elif isinstance(rule, QualifiedRule):
            selectors = [
                s
                for s in _split_selectors(rule.prelude)
                if all(vocabulary.has(name) for name in required_names(s))
            ]
            if selectors:
                prelude: list[Node] = []
                for selector in selectors:
                    prelude += ([LiteralToken(0, 0, ",")] if prelude else []) + selector
                rule.prelude = prelude
                kept.append(rule)
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True)
            inner = _keep_rules(inner, vocabulary)
            if any(not isinstance(r, Comment) for r in inner):
                rule.content = _joined(inner)
                kept.append(rule)
        elif isinstance(rule, AtRule):
            kept.append(rule)
    return kept


def _joined(rules: list[Node]) -> list[Node]:
    """Rules as one token list, so `serialize` writes them back to back."""
    return [token for rule in rules for token in tinycss2.parse_component_value_list(_text(rule))]


def _text(rule: Node) -> str:
    if isinstance(rule, QualifiedRule):
        return tinycss2.serialize(rule.prelude) + "{" + tinycss2.serialize(rule.content) + "}"
    return rule.serialize()


def _walk(rules: Iterable[Node]) -> Iterable[Node]:
    for rule in rules:
        yield rule
        if isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING and rule.content:
            yield from _walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True))


def slim_css(css: str, vocabulary: Vocabulary, font_face: FontFace | None = None) -> str:
    """The rules of `css` that can match a page in `vocabulary`.

    `font_face(rule, glyphs)` rewrites each @font-face given the icon-font characters
    the kept rules draw: it returns the rule's new text, or None to drop it.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    kept = _keep_rules(rules, vocabulary)
    declared = [r.content for r in _walk(kept) if isinstance(r, QualifiedRule)]
    used_names = {name for content in declared for name in _idents(content)}
    glyphs = {g for content in declared for s in _strings(content) for g in PUA.findall(s)}
    texts = []
    for rule in kept:
        keyframes = isinstance(rule, AtRule) and rule.lower_at_keyword.endswith("keyframes")
        if keyframes and not set(_idents(rule.prelude)) & used_names:
            continue
        if isinstance(rule, AtRule) and rule.lower_at_keyword == "font-face" and font_face:
            text = font_face(rule, glyphs)
            if text is not None:
                texts.append(text)
            continue
        texts.append(_text(rule))
    return "".join(texts)


def font_face_source(face: AtRule) -> str | None:
    """The TrueType (or first) font file a @font-face names, as written in its `src`."""
    urls: list[tuple[str, str]] = []
    tokens = list(face.content or [])
    for index, token in enumerate(tokens):
        url = None
        if isinstance(token, URLToken):
            url = token.value
        elif isinstance(token, FunctionBlock) and token.lower_name == "url":
            url = next(_strings(token.arguments), None)
        if url is not None:
            following = tinycss2.serialize(tokens[index + 1 : index + 4]).lower()
            urls.append((url, following))
    for url, following in urls:
        if "truetype" in following or url.endswith((".ttf", ".otf")):
            return url
    return urls[0][0] if urls else None


def subset_font(source: Path, glyphs: set[str], target: Path) -> bool:
    """Write the glyphs of `source` that are in `glyphs` to `target` as WOFF; False if none."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    available = set(font.getBestCmap() or {})
    wanted = {ord(g) for g in glyphs} & available
    if not wanted:
        return False
    options = Options()
    options.flavor = "woff"  # zlib: needs no Brotli, and every browser reads it
    options.layout_features = ["*"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return True


def with_font(face: AtRule, url: str) -> str:
    """`face` with its `src` replaced by one WOFF file at `url`."""
    declarations = tinycss2.parse_blocks_contents(face.content or [], skip_whitespace=True)
    parts = [
        f"{d.name}:{tinycss2.serialize(d.value).strip()}"
        for d in declarations
        if getattr(d, "type", "") == "declaration" and d.lower_name != "src"
    ]
    parts.append(f'src:url({url}) format("woff")')
    return "@font-face{" + ";".join(parts) + "}"


# Font Awesome's script used to swap each <i> icon for an <svg>, which rules written for
# `i` (`.prev-next-area i {font-size: 1.2em}`) then missed, and which drew the theme
# switcher's glyph one em of its button high. Drawn from the font, the icons keep the
# sizes and baselines they had then.
ICON_METRICS = (
    ".prev-next-area i{font-size:1em;vertical-align:-.125em}"
    ".theme-switch-button .theme-switch.fa-lg{line-height:1;vertical-align:-.2em}"
    # The theme's light-mode hover colour (#e89217) has 2.5:1 contrast on white; this has 7:1.
    "html[data-theme=light]{--pst-color-link-hover:#8a4500}"
    # So has its "Back to top" button, white on that orange, shown once a page scrolls.
    "#pst-back-to-top{background-color:#8a4500;color:#fff}"
)
# Under `_static/`: theme stylesheet -> its slimmed copy.
SLIM_DIR = "mentor-course-theme"
SLIMMED = {
    "basic.css": f"{SLIM_DIR}/basic.css",
    "styles/pydata-sphinx-theme.css": f"{SLIM_DIR}/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css": f"{SLIM_DIR}/sphinx-book-theme.css",
}
# Scripts whose words are not read: the icon script we replace, the search index (text),
# and Bootstrap, which names every component it has (carousel, modal, toast...)
# while the theme uses two of them. What those two add at run time is listed below.
NOT_VOCABULARY = {"fontawesome.js", "searchindex.js", "bootstrap.js"}
# Classes Bootstrap 5.3 puts on the page for the components the theme uses: dropdown
# menus (`data-bs-toggle="dropdown"`) and tooltips (`data-bs-toggle="tooltip"`).
BOOTSTRAP_RUNTIME = [
    "show", "fade", "tooltip", "tooltip-arrow", "tooltip-inner", "bs-tooltip-auto",
    "bs-tooltip-top", "bs-tooltip-bottom", "bs-tooltip-start", "bs-tooltip-end",
]  # fmt: skip


RELATIVE_URL = re.compile(r"""url\((['"]?)(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^'")]+)\1\)""")


def rebase_urls(css: str, source_dir: Path, target_dir: Path) -> str:
    """`css` moved from `source_dir` to `target_dir`, its relative url()s still pointing home."""

    def rebase(match: re.Match[str]) -> str:
        url = match[2]
        if (target_dir / url).is_file():  # ours, written beside it (the cut fonts)
            return match[0]
        moved = os.path.relpath(source_dir / url, target_dir).replace(os.sep, "/")
        return f"url({match[1]}{moved}{match[1]})"

    return RELATIVE_URL.sub(rebase, css)


def book_vocabulary(outdir: Path) -> Vocabulary:
    """Words in every built page and in every script the pages can load."""
    static = outdir / "_static"
    pages = [p for p in outdir.rglob("*.html") if static not in p.parents]
    scripts = [p for p in static.rglob("*.js") if p.name not in NOT_VOCABULARY]
    texts = [p.read_text(encoding="utf-8") for p in [*pages, *scripts]]
    return Vocabulary.from_texts([*texts, " ".join(BOOTSTRAP_RUNTIME)])


def _inputs_key(static: Path, vocabulary: Vocabulary) -> str:
    """What the slimmed theme is made from: this code, the words in use, the theme's CSS."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(" ".join(sorted(vocabulary.words)).encode())
    for source_name in SLIMMED:
        if (static / source_name).is_file():
            digest.update((static / source_name).read_bytes())
    return digest.hexdigest()


def write_slim_theme(outdir: Path) -> dict[str, int]:
    """Write the slimmed theme stylesheets and icon fonts; their sizes in bytes.

    A rebuild that changed no word in use and no theme file keeps the last ones.
    """
    static = outdir / "_static"
    vocabulary = book_vocabulary(outdir)
    stamp = static / SLIM_DIR / ".inputs"
    key = _inputs_key(static, vocabulary)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return {f.name: f.stat().st_size for f in stamp.parent.iterdir() if f != stamp}
    sizes: dict[str, int] = {}
    for source_name, target_name in SLIMMED.items():
        source, target = static / source_name, static / target_name
        if not source.is_file():
            continue

        def font_face(
            face: AtRule, glyphs: set[str], source: Path = source, target: Path = target
        ) -> str | None:
            url = font_face_source(face)
            if url is None or ":" in url:  # no file, or a remote one: leave the face out
                return None
            font = (source.parent / url.split("?")[0].split("#")[0]).resolve()
            woff = target.parent / f"{Path(font).stem}.woff"
            if not font.is_file() or not subset_font(font, glyphs, woff):
                return None
            sizes[woff.name] = woff.stat().st_size
            return with_font(face, woff.name)

        css = slim_css(source.read_text(encoding="utf-8"), vocabulary, font_face)
        css = rebase_urls(css, source.parent, target.parent)
        if source_name == "styles/pydata-sphinx-theme.css":
            css += ICON_METRICS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
        sizes[target.name] = len(css.encode("utf-8"))
    if sizes:
        stamp.write_text(key, encoding="utf-8")
    return sizes
