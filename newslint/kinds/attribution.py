"""attribution: words in quotation marks need someone who said them.

One kind backs four rules, chosen by `check`:

- `unattributed`: a direct quotation of `min_words` words or more with no speech cue.
  Each kind of cue counts where it attributes: a verb or noun of speech (`verbs`) in the
  quotation's own sentence or `window` sentences either side, unless it is an infinitive
  of purpose, a passive with no agent, or the lead-in of the next sentence's own
  quotation; a verb that characterises words (`sentence_verbs`) in its own sentence, or
  with an object in the sentence before; a view (`setup`, `setup_adjectives`: "remains
  convinced", "was blunt") in its own sentence or the one before; a colon introducing it,
  a "-- Name" tail, a short clause after its closing comma, a speaker label; a passage
  that names someone before it and comes back to them right after; continuing a quotation
  just attributed (the multi-paragraph convention is joined by newslint.quotes). Titles,
  slogans and the like (`naming`) and invented examples (`hypothetical`) are not speech;
  interview transcripts, first-person pieces and collections of one person's quotes are
  not checked.
- `unbalanced`: a double quotation mark opened and never closed in its paragraph, or a
  closing mark with nothing open (the multi-paragraph convention is not a defect).
- `vague`: an anonymous or vague source (`phrases`, regular expressions).
- `loaded`: a loaded verb (`verbs`) used as the cue of a quotation, with "said" (or
  "says" for the present tense) as the suggestion.

Cues are looked for in the narrative only: a verb inside someone's quoted words
attributes nothing. Headlines and headings are exempt from `unattributed` when the
quotation's words come back in the body (headline quotes are attributed in the story);
so are names and titles in Title Case, and, below `partial_min_words`, partial quotations
woven into the writer's sentence. Those exemptions, and the verbs chosen, were measured on
the BBC dev corpus and the Lee set (bench/eval_attribution.py --corpus): precision first.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Callable, Iterable, Iterator, NamedTuple

from newslint import schema
from newslint.document import Document, Quotation, Span
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import format_message
from newslint.kinds._phrases import LazyRegex as _LazyRegex
from newslint.kinds._phrases import PhrasePattern as _PhrasePattern
from newslint.kinds._phrases import Words as _Words
from newslint.kinds._phrases import phrase_pattern as _phrase_pattern
from newslint.kinds._phrases import words_alternation as _words_alternation
from newslint.kinds._prefilter import UNLIKE_CASE, required_strings
from newslint.quotes import stray_marks
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "check": schema.one_of("unattributed", "unbalanced", "vague", "loaded"),
    "verbs": schema.string_list,
    "sentence_verbs": schema.string_list,
    "setup": schema.string_list,
    "setup_adjectives": schema.string_list,
    "naming": schema.string_list,
    "hypothetical": schema.string_list,
    "phrases": schema.string_list,
    "min_words": schema.integer,
    "window": schema.integer,
    "max_gap": schema.integer,
    "partial_min_words": schema.integer,
    "suggest": schema.string,
    "suggest_present": schema.string,
}
DEFAULT_QUOTES = "include"

_BODY = frozenset({"paragraph", "blockquote", "list"})
_HEADLINE = frozenset({"title", "heading"})
# Between a quotation and its attribution: no full stop, comma or other clause break.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014\u2013]|\s-\s")
# Between an attribution verb and the quotation it introduces.
_LEAD_IN = re.compile(r"\s*(?:[:,]|\s+that)?\s*", re.IGNORECASE)
# After a quotation: the clause up to the end of its sentence or the next comma or quotation.
_TAIL = re.compile(r"\s*([^.;:!?,\"\u201c\u201d\u2018\u2019]*)(?:[.;:!?,\"\u201c\u2018]|\s*$)")
_TAIL_WORDS = 6
# How far past a quotation an attribution tail is looked for: a tail is a few words.
_NEAR = 300
_NOT_A_SPEAKER = frozenset({"and", "but", "or", "nor", "so", "yet", "because", "which", "while", "as", "if", "when", "then"})
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
# "-- Jane Smith" after a quotation (spaced hyphen, en or em dash, then a capital).
_DASH_TAIL = re.compile(r"[\s,.;!?]*(?:\u2014|\u2013|--?)\s*[A-Z\u00c0-\u00de]")


def compile_rule(spec: RuleSpec) -> Check:
    check = spec.options.get("check")
    if check is None:
        raise OptionError("check", "an attribution rule needs 'check' (unattributed, unbalanced, vague or loaded)")
    builders: dict[str, Callable[[RuleSpec], Check]] = {
        "unattributed": _unattributed_rule,
        "unbalanced": _unbalanced_rule,
        "vague": _vague_rule,
        "loaded": _loaded_rule,
    }
    return builders[check](spec)


def _positive(spec: RuleSpec, key: str, default: int, minimum: int) -> int:
    value = int(spec.options.get(key, default))
    if value < minimum:
        raise OptionError(key, f"'{key}' must be {minimum} or more")
    return value


# --- what every attribution rule shares, computed once per document ----------------------


class _Context(NamedTuple):
    narrative: str  # prose with every quotation (marks included) blanked
    outer: list[Quotation]  # quotations not inside another one, in order
    sentences: list[Span]
    sentence_starts: list[int]
    quote_starts: frozenset[int]
    quote_starts_sorted: list[int]  # of `outer`, in order

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def opens_quotation(self, sentence: Span) -> bool:
        return sentence.start in self.quote_starts


def _context(doc: Document) -> _Context:
    prose = doc.prose
    outer: list[Quotation] = []
    pieces: list[str] = []
    done = 0  # prose before this offset is in `pieces`
    for q in doc.quotations:
        if outer and q.start < outer[-1].end:
            continue  # nested: part of the quotation around it
        outer.append(q)
        pieces.append(prose[done : q.start])
        pieces.append(_NOT_LINE_BREAK.sub(_blank, prose[q.start : q.end]))
        done = q.end
    pieces.append(prose[done:])
    sentences = doc.sentences
    return _Context("".join(pieces), outer, sentences, [s.start for s in sentences], frozenset(q.start for q in outer), [q.start for q in outer])


_NOT_LINE_BREAK = re.compile(r"[^\r\n]+")


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _shared(doc: Document) -> _Context:
    return doc.memo("attribution.context", _context)


class _Matches:
    """Every match of one pattern in the narrative, found in one pass per document, so
    that asking about each quotation's window costs a bisection, not a scan of its
    sentence (a paragraph of many short quotations would otherwise be quadratic)."""

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        self.matches = list(matches)
        self.starts = [m.start() for m in self.matches]

    def first(self, start: int, end: int) -> re.Match[str] | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.matches) and self.matches[i].end() <= end:
            return self.matches[i]
        return None

    def within(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """Every match that starts at or after `start` and ends by `end`, in order."""
        i = bisect.bisect_left(self.starts, start)
        matches = self.matches
        while i < len(matches) and matches[i].start() < end:
            if matches[i].end() <= end:
                yield matches[i]
            i += 1

    def last(self, start: int, end: int) -> re.Match[str] | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.matches[i].end() > end:
            i -= 1
        if i >= 0 and self.matches[i].start() >= start:
            return self.matches[i]
        return None


def _matches(doc: Document, pattern: re.Pattern[str] | _PhrasePattern | _LazyRegex) -> _Matches:
    def build(d: Document) -> _Matches:
        narrative = _shared(d).narrative
        if isinstance(pattern, _PhrasePattern):
            return _Matches(pattern.finditer(narrative, d.memo("attribution.words", _narrative_words_index)))
        return _Matches(pattern.finditer(narrative))

    return doc.memo(f"attribution.matches:{pattern.pattern}", build)


def _narrative_words_index(doc: Document) -> _Words:
    return _Words(_shared(doc).narrative)


def _word_within(narrative: str, start: int, end: int) -> bool:
    """The first word of the narrative at or after `start` (as a scan of the whole text
    splits words) ends by `end`. The scan starts at the last space or line break before
    `start`, which no word spans: a few words' work, not the whole narrative's."""
    since = max(narrative.rfind(" ", 0, start), narrative.rfind("\n", 0, start)) + 1
    for m in _WORD.finditer(narrative, since):
        if m.start() >= start:
            return m.end() <= end
    return False


def _quotation_words(doc: Document) -> list[int]:
    """How many words each outer quotation holds, in the order of `_Context.outer`."""

    def build(d: Document) -> list[int]:
        prose = d.prose
        return [_words(prose[q.inner.start : q.inner.end]) for q in _shared(d).outer]

    return doc.memo("attribution.quotation_words", build)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# --- unattributed ------------------------------------------------------------------------


class _Cues(NamedTuple):
    """What attributes a quotation, and where each kind of cue counts."""

    verbs: _PhrasePattern  # verbs and nouns of speech: its own sentence and `window` either side
    sentence_verbs: _PhrasePattern | None  # verbs that characterise words: its own sentence only
    setup: _PhrasePattern | None  # stance ("believes", "remains convinced"): its own sentence and the one before
    setup_adjectives: _LazyRegex | None  # "was blunt", "is confident": as `setup`
    naming: tuple[_LazyRegex, _LazyRegex] | None  # "the slogan", "entitled" before, "is its theme" after
    hypothetical: _PhrasePattern | None  # "imagine", "for example": invented words
    window: int


def _optional_phrases(spec: RuleSpec, key: str) -> _PhrasePattern | None:
    phrases = spec.options.get(key)
    return _phrase_pattern(key, phrases) if phrases else None


# A copula before a stance adjective ("was blunt", "remains very confident").
_COPULAS = ("is", "was", "are", "were", "remains", "remained", "seems", "seemed", "appears", "appeared",
            "sounded", "sounds", "looked", "looks", "became", "becomes", "felt", "feels", "been", "be")
_DEGREE = ("not", "very", "so", "quite", "more", "most", "also", "still", "clearly", "far", "less", "all", "too",
           "equally", "particularly", "typically", "certainly", "understandably", "fairly", "rather", "really",
           "almost", "just", "now", "always", "never", "ever", "even", "somewhat")


def _setup_adjectives(spec: RuleSpec) -> _LazyRegex | None:
    adjectives = spec.options.get("setup_adjectives")
    if not adjectives:
        return None
    return _LazyRegex(
        r"(?<![\w'\u2019-])(?:" + "|".join(_COPULAS) + r")\s+(?:(?:" + "|".join(_DEGREE) + r")\s+){0,2}(?:"
        + _words_alternation(adjectives) + r")(?![\w-])")


def _naming(spec: RuleSpec) -> tuple[_LazyRegex, _LazyRegex] | None:
    nouns = spec.options.get("naming")
    if not nouns:
        return None
    alternation = _words_alternation(nouns)
    before = _LazyRegex(r"(?<![\w'\u2019-])(?:" + alternation + r")\s*[:,]?\s*$")
    after = _LazyRegex(r"\s*(?:(?:is|was|are|were|became)\s+(?:[\w'\u2019-]+\s+){0,3}?)?(?:" + alternation + r")(?![\w-])")
    return before, after


def _unattributed_rule(spec: RuleSpec) -> Check:
    cues = _Cues(
        verbs=_phrase_pattern("verbs", spec.options.get("verbs", [])),
        sentence_verbs=_optional_phrases(spec, "sentence_verbs"),
        setup=_optional_phrases(spec, "setup"),
        setup_adjectives=_setup_adjectives(spec),
        naming=_naming(spec),
        hypothetical=_optional_phrases(spec, "hypothetical"),
        window=_positive(spec, "window", 1, 0),
    )
    min_words = _positive(spec, "min_words", 4, 1)
    partial_min = spec.options.get("partial_min_words")

    def check(doc: Document) -> Iterator[Hit]:
        ctx = _shared(doc)
        if not ctx.outer or _format_of(doc, cues.verbs) != "report":
            return  # an interview transcript or a first-person piece: the writer is the speaker
        body_words: set[str] | None = None
        previous: tuple[int, bool] | None = None  # (last sentence index, attributed) of the last body quotation
        counts = _quotation_words(doc)
        for index, (q, words) in enumerate(zip(ctx.outer, counts)):
            region = doc.region_at(q.start)
            if region is None:
                continue
            inner = doc.prose[q.inner.start : q.inner.end]
            long_enough = words >= min_words and not _title_case(inner)
            if region.kind in _HEADLINE:
                if not long_enough or _headline_cued(doc, ctx, cues, q, region):
                    continue
                if body_words is None:
                    body_words = _content_words(" ".join(doc.prose[r.start : r.end] for r in doc.regions if r.kind in _BODY))
                said = _content_words(inner)
                # Headlines shorten what the story quotes; most of the words coming back will do.
                if not said or len(said & body_words) * 2 >= len(said):
                    continue
                yield Hit(q.start, q.end, format_message(spec.message, (), words=str(words)))
                continue
            first = ctx.sentence_index(q.start)
            last = ctx.sentence_index(max(q.start, q.end - 1))
            attributed = _cued(doc, ctx, cues, q, index)
            if not attributed and previous is not None and previous[1] and _adjacent(ctx, previous[0], first):
                attributed = True  # the next quote paragraph (or sentence) of the same speaker
            previous = (last, attributed)
            if attributed or not long_enough or _named(doc, ctx, cues, q):
                continue
            if partial_min is not None and _partial(doc, ctx, q, inner) and words < partial_min:
                continue
            yield Hit(q.start, q.end, format_message(spec.message, (), words=str(words)))

    return check


def _adjacent(ctx: _Context, earlier: int, first: int) -> bool:
    """No sentence of narrative between sentence `earlier` and `first` (a "sentence" of one
    or two words is a full stop inside a name: "said Ann Lee of POW! Entertainment.")."""
    return all(_words(ctx.narrative[s.start : s.end]) <= 2 for s in ctx.sentences[earlier + 1 : first])


def _headline_cued(doc: Document, ctx: _Context, cues: _Cues, q: Quotation, region: Span) -> bool:
    """A quotation in a headline is attributed by a cue in the headline, or in the story's
    first paragraph: the headline shortens the claim the lead attributes ('Firm "bids for
    label"' over 'A US firm has said it is in talks to buy...')."""
    found = _matches(doc, cues.verbs)
    if found.first(region.start, region.end) is not None or _DASH_TAIL.match(ctx.narrative, q.end, q.end + _NEAR):
        return True
    body = (r for r in doc.regions if r.start >= region.end and r.kind in _BODY)
    for lead in itertools.islice(body, _LEAD_PARAGRAPHS):
        if _filtered(doc, cues.verbs, _SPEECH).first(lead.start, lead.end) is not None:
            return True
        if cues.setup is not None and _filtered(doc, cues.setup, _ACTIVE).first(lead.start, lead.end) is not None:
            return True
    return False


# The lead: the story's first paragraphs, which a headline shortens.
_LEAD_PARAGRAPHS = 2


def _cued(doc: Document, ctx: _Context, cues: _Cues, q: Quotation, index: int) -> bool:
    narrative = ctx.narrative
    sentences = ctx.sentences
    if not sentences:
        return False
    first = ctx.sentence_index(q.start)
    last = ctx.sentence_index(max(q.start, q.end - 1))
    own_start, own_end = min(sentences[first].start, q.start), max(sentences[last].end, q.end)
    # Its own sentence: a verb of speech that is not an infinitive of purpose ("in order to explain").
    if _in_own_sentence(doc, ctx, cues.verbs, q, own_start, own_end, _SPEECH):
        return True
    # A colon introducing the quotation: "Mr Smith: ...", "She put it simply: ..."
    # (or a paragraph ending in a colon, with the quotation as the next paragraph).
    lead = narrative[max(0, q.start - 80) : q.start].rstrip()
    if lead.endswith(":") and _WORD.search(lead):
        return True
    if _DASH_TAIL.match(narrative, q.end, q.end + _NEAR) or _attribution_tail(doc, ctx, q):
        return True
    # The sentences either side (body sentences only: a headline attributes nothing below it).
    lo = first
    for _ in range(cues.window):
        if lo == 0 or not _in_body(doc, sentences[lo - 1]):
            break
        lo -= 1
        if _filtered(doc, cues.verbs, _NAMED_SPEAKER).first(sentences[lo].start, sentences[lo].end) is not None:
            return True
    hi = last
    for _ in range(cues.window):
        # A following sentence that opens with a new quotation attributes that one:
        # '"We will win." "They will not," Smith said.' leaves the first unattributed; so does
        # a verb that leads into or follows another quotation ('"..." Smith told the BBC: "..."').
        if hi + 1 >= len(sentences) or not _in_body(doc, sentences[hi + 1]) or ctx.opens_quotation(sentences[hi + 1]):
            break
        hi += 1
        following = sentences[hi]
        candidates = itertools.islice(_filtered(doc, cues.verbs, _NAMED_SPEAKER).within(following.start, following.end), _TRIED)
        if any(m.group().lower() in _CONTINUING or not _cues_another(ctx, m, following, index) for m in candidates):
            return True
    # Its own sentence again: a verb that characterises the words, or gives a view.
    if cues.sentence_verbs is not None and _in_own_sentence(doc, ctx, cues.sentence_verbs, q, own_start, own_end, _SPEECH):
        return True
    if cues.setup is not None and _in_own_sentence(doc, ctx, cues.setup, q, own_start, own_end, _ACTIVE):
        return True
    if cues.setup_adjectives is not None and _matches(doc, cues.setup_adjectives).first(own_start, own_end) is not None:
        return True
    before = sentences[first - 1] if first > 0 and _in_body(doc, sentences[first - 1]) else None
    if before is not None:
        # The sentence that sets the quotation up: "Smith remains convinced. '...'"
        if cues.setup is not None and _filtered(doc, cues.setup, _ACTIVE).first(before.start, before.end) is not None:
            return True
        if cues.setup_adjectives is not None and _matches(doc, cues.setup_adjectives).first(before.start, before.end) is not None:
            return True
        # 'Smith criticised the plan.' (not 'Lawmakers applauded.': a verb with no object is a reaction)
        if cues.sentence_verbs is not None and _filtered(doc, cues.sentence_verbs, _WITH_OBJECT).first(before.start, before.end):
            return True
        # An interviewer's question in the narrative, answered by the quotation.
        if narrative[before.start : before.end].rstrip().endswith("?") and ctx.opens_quotation(sentences[first]):
            return True
    if _speaker_label(doc, narrative, q):
        return True
    if _returns_to_speaker(doc, ctx, q, first, last):
        return True
    return False


# Verbs that go on with what the speaker said: 'Souness added: "..."' after a quotation
# makes it his too.
_CONTINUING = frozenset({"added", "adds", "adding", "continued", "continues", "went on", "goes on"})


# How many cue words of one sentence are weighed against another quotation before giving up:
# a hostile paragraph of thousands of them in one "sentence" must stay linear.
_TRIED = 16


def _speech_only(ctx: _Context, m: re.Match[str]) -> bool:
    return _speech(ctx, m)


def _active(ctx: _Context, m: re.Match[str]) -> bool:
    return _speech(ctx, m) and not _passive(ctx, m)


def _named_speaker(ctx: _Context, m: re.Match[str]) -> bool:
    return _speech(ctx, m) and not _agentless(ctx, m)


def _with_object(ctx: _Context, m: re.Match[str]) -> bool:
    return _speech(ctx, m) and _OBJECT.match(ctx.narrative, m.end()) is not None


_SPEECH = ("speech", _speech_only)
_ACTIVE = ("active", _active)
_NAMED_SPEAKER = ("named", _named_speaker)
_WITH_OBJECT = ("object", _with_object)


def _filtered(doc: Document, pattern: _PhrasePattern, keep: tuple[str, Callable[[_Context, re.Match[str]], bool]]) -> _Matches:
    """The matches of `pattern` that `keep` accepts, once per document: asking about each
    quotation is then a bisection, not a walk over every cue word of its sentence."""
    name, accept = keep

    def build(d: Document) -> _Matches:
        ctx = _shared(d)
        return _Matches(m for m in _matches(d, pattern).matches if accept(ctx, m))

    return doc.memo(f"attribution.{name}:{pattern.pattern}", build)


def _in_own_sentence(doc: Document, ctx: _Context, pattern: _PhrasePattern, q: Quotation, start: int, end: int,
                     keep: tuple[str, Callable[[_Context, re.Match[str]], bool]]) -> bool:
    """A cue of `pattern` that `keep` accepts in the quotation's own sentence, or one
    that leads straight into it even as an infinitive ("stood up to say: ...")."""
    if _filtered(doc, pattern, keep).first(start, end) is not None:
        return True
    m = _matches(doc, pattern).last(start, q.start)
    return m is not None and _LEAD_IN.fullmatch(ctx.narrative, m.end(), q.start) is not None


def _speech(ctx: _Context, m: re.Match[str]) -> bool:
    """A cue word used as a verb of this passage, not as an infinitive of purpose ("in order
    to explain the paradox", "to say the least"; `_in_own_sentence` lets one that leads
    straight into its quotation count)."""
    return _INFINITIVE.search(ctx.narrative, max(0, m.start() - 4), m.start()) is None


def _passive(ctx: _Context, m: re.Match[str]) -> bool:
    """A stance verb in the passive ("is expected to", "was believed", "it is thought")
    gives nobody's view."""
    return not m.group().endswith("ing") and _BE_BEFORE.search(ctx.narrative, max(0, m.start() - 12), m.start()) is not None


_BE_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:is|was|are|were|be|been|being)\s+$", re.IGNORECASE)
# What follows a verb that takes an object: a word, not a conjunction, preposition or stop.
_OBJECT = re.compile(r"\s+(?!(?:as|when|while|and|but|or|after|before|because|until|loudly|warmly|politely|in|at|on|with|from)\b)[\w\u2019'\"\u201c]",
                     re.IGNORECASE)
# A short label naming the speaker before a quotation, its colon missing ("- Bolton boss Sam Allardyce "...").
_LABEL = re.compile(r"[\s\-\u2013\u2014*\u2022]*((?:[\w\u2019'.-]+\s+){0,5}[A-Z][\w\u2019'-]*)\s*$")


def _speaker_label(doc: Document, narrative: str, q: Quotation) -> bool:
    """All the paragraph holds before the quotation is a few words ending in a name."""
    region = doc.region_at(q.start)
    return region is not None and region.start < q.start and _LABEL.fullmatch(narrative, region.start, q.start) is not None


_INFINITIVE = re.compile(r"(?<![\w'\u2019-])to\s+$", re.IGNORECASE)


def _cues_another(ctx: _Context, m: re.Match[str], sentence: Span, index: int) -> bool:
    """The cue `m` belongs to another quotation of `sentence`: it leads straight into the
    next one ('Smith told the BBC: "..."') or is the short clause after the one before."""
    narrative = ctx.narrative
    outer = ctx.outer
    starts = ctx.quote_starts_sorted
    after = bisect.bisect_left(starts, m.end())
    if after < len(outer) and after != index:
        other = outer[after]
        if other.start < sentence.end and other.start - m.end() <= _NEAR:
            between = narrative[m.end() : other.start]
            # 'told the BBC: "..."', 'said, "..."', 'said that "..."', 'added "..."'
            if not _SENTENCE_STOP.search(between) and (_INTRODUCES.search(between) or _words(between) <= 3):
                return True
    before = bisect.bisect_left(starts, m.start()) - 1
    if before >= 0 and before != index:
        other = outer[before]
        if other.start >= sentence.start and other.end <= m.start() and m.start() - other.end <= _NEAR:
            gap = narrative[other.end : m.start()]
            if _words(gap) <= _TAIL_WORDS and not _CLAUSE_BREAK.search(gap):
                return True
    return False


_SENTENCE_STOP = re.compile(r"[.;!?]")
_INTRODUCES = re.compile(r"(?:[:,]|\bthat)\s*$")


def _agentless(ctx: _Context, m: re.Match[str]) -> bool:
    """A verb of speech in the passive with no "by" after it ("the rise is to be
    announced", "it was reported") names no speaker; "the mayor was asked" does."""
    return _passive(ctx, m) and m.group().lower() not in _PASSIVE_SPEAKER and not _BY_AGENT.match(ctx.narrative, m.end())


# The passive of these makes its subject the speaker ("Smith was asked about it.").
_PASSIVE_SPEAKER = frozenset({"asked", "questioned", "quoted", "interviewed", "pressed"})
_BY_AGENT = re.compile(r"\s+by\b", re.IGNORECASE)


# Words that open a sentence without naming anyone.
_NOT_NAMES = frozenset(
    """the a an but and or so yet in on at it its this that these those there here he she they we i you his her
    their our my your as if when while after before with for from by of to also now then however meanwhile last
    next one two three four five six seven eight nine ten first second third other another some many most all
    both each every no not such what which who whom whose why how where mr mrs ms miss dr sir lord lady
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december""".split()
)
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z][\w\u2019'-]*")
# "He", "She", or either after a few words of an adverbial ("Within three days he ...").
_RETURNING_PRONOUN = re.compile(r"\s*(?:[\w\u2019'-]+,?\s+){0,4}?(?:he|she)\b", re.IGNORECASE)


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
# Up to four capitalised words (with a title before them) at the start of a sentence.
_OPENING_NAME = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Now|Later|Then|Still|However|Meanwhile|Instead|Indeed|Though),?\s+)?"
    r"((?:[A-Z][\w\u2019'-]*\.?\s+){0,3}[A-Z][\w\u2019'-]*)")


def _names(narrative: str, sentence: Span) -> set[str]:
    found = set()
    for m in _CAPITALISED.finditer(narrative, sentence.start, sentence.end):
        word = m.group()
        for tail in ("'s", "\u2019s", "'", "\u2019"):
            if word.endswith(tail):
                word = word[: -len(tail)]
                break
        if len(word) > 2 and word.lower() not in _NOT_NAMES and not word.isupper():
            found.add(word)
    return found


def _returns_to_speaker(doc: Document, ctx: _Context, q: Quotation, first: int, last: int) -> bool:
    """A quotation standing as its own sentence between a sentence that names someone and
    one that comes back to them by name or as "he" or "she" ('Ruiz was blunt. "..." Ruiz
    later apologised.'): the passage is about that speaker, and the quotation is theirs."""
    sentences = ctx.sentences
    if first == 0 or last + 1 >= len(sentences) or not ctx.opens_quotation(sentences[first]):
        return False
    before, after = sentences[first - 1], sentences[last + 1]
    if not (_in_body(doc, before) and _in_body(doc, after)) or ctx.opens_quotation(after):
        return False
    narrative = ctx.narrative
    named = _names(narrative, before)
    if _RETURNING_PRONOUN.match(narrative, after.start):
        return bool(named) or _PRONOUN.search(narrative, before.start, before.end) is not None
    # The next sentence opens with a name the sentence before gave ("Ruiz", "Mr Ruiz's").
    opening = _OPENING_NAME.match(narrative, after.start, after.end)
    return opening is not None and bool(named & _names(narrative, Span(opening.start(1), opening.end(1))))


def _named(doc: Document, ctx: _Context, cues: _Cues, q: Quotation) -> bool:
    """The quotation is a name or an example, not someone's words: the title of a work or
    event, a slogan, the words on a sign ('the slogan "..."', 'a banner reading "..."',
    '"..." is this year's theme'), or words invented to explain ("Imagine you ask: ...")."""
    narrative = ctx.narrative
    if cues.naming is not None:
        if cues.naming[0].search(narrative, max(0, q.start - 40), q.start):
            return True
        if cues.naming[1].match(narrative, q.end):
            return True
    if cues.hypothetical is not None and ctx.sentences:
        first = ctx.sentence_index(q.start)
        last = ctx.sentence_index(max(q.start, q.end - 1))
        start = ctx.sentences[first - 1].start if first > 0 else ctx.sentences[first].start
        if _matches(doc, cues.hypothetical).first(min(start, q.start), max(ctx.sentences[last].end, q.end)) is not None:
            return True
    return False


# --- the form of the article ----------------------------------------------------------------

# "Q:", "Q.", "Question:", "A:" ... at the start of a paragraph: an interview transcript.
_QA_LABEL = re.compile(r"\s*(?:\*\*|__)?(?:Q|A|Question|Answer)(?:\*\*|__)?\s*[:.)\u2013\u2014-]\s", re.IGNORECASE)
# The writer speaking in the first person, outside quotation marks.
_FIRST_PERSON = re.compile(r"(?<![\w'\u2019-])(?:I|me|my|myself|mine)(?![\w-])|(?<![\w'\u2019-])I[\'\u2019](?:m|ve|d|ll)\b")
# A first-person piece: this many uses of I/me/my in the narrative, and at least one in
# `_FIRST_PERSON_RATE` of its words. News copy quotes its speakers' "I" and keeps its own
# voice out; a column, a diary or an "as told to" piece is written in it.
_FIRST_PERSON_MIN = 5
_FIRST_PERSON_RATE = 80
# A collection of someone's words ("Blunkett in quotes", an "as told to" piece): most of
# the body is quotation, at least this many quotations, and a speech cue for at most one
# in `_COLLECTION_CUES` of them.
_COLLECTION_SHARE = 0.5
_COLLECTION_QUOTES = 5
_COLLECTION_CUES = 3


def _format_of(doc: Document, verbs: _PhrasePattern) -> str:
    return doc.memo("attribution.format:" + verbs.pattern, lambda d: _article_format(d, verbs))


def _article_format(doc: Document, verbs: _PhrasePattern) -> str:
    """"interview" (two or more paragraphs open with a Q/A label), "first-person" (the
    narrative is the writer's own "I"), "collection" (someone's words, introduced once) or
    "report"."""
    prose = doc.prose
    labels = sum(1 for r in doc.regions if r.kind in _BODY and _QA_LABEL.match(prose, r.start, r.end))
    if labels >= 2:
        return "interview"
    ctx = _shared(doc)
    narrative = ctx.narrative
    own = words = everything = 0
    for r in doc.regions:
        if r.kind in _BODY:
            own += len(_FIRST_PERSON.findall(narrative, r.start, r.end))
            words += len(narrative[r.start : r.end].split())
            everything += len(prose[r.start : r.end].split())
    if own >= _FIRST_PERSON_MIN and own * _FIRST_PERSON_RATE >= words:
        return "first-person"
    quotations = sum(1 for q in ctx.outer if (r := doc.region_at(q.start)) is not None and r.kind in _BODY)
    if (quotations >= _COLLECTION_QUOTES and everything - words >= _COLLECTION_SHARE * everything
            and len(_matches(doc, verbs).matches) * _COLLECTION_CUES <= quotations):
        return "collection"
    return "report"


def _attribution_tail(doc: Document, ctx: _Context, q: Quotation) -> bool:
    """A quotation that ends in a comma inside its marks and is followed by a short clause
    that ends the sentence: that clause is its attribution, whatever the verb
    ('"...," thinks Curry.', '"...," the magazine reported.')."""
    if not q.closed or doc.prose[q.start + 1 : q.end - 1].rstrip()[-1:] != ",":
        return False
    sentence = ctx.sentences[ctx.sentence_index(q.end - 1)] if ctx.sentences else Span(q.end, q.end)
    tail = _TAIL.match(ctx.narrative, q.end, max(q.end, min(sentence.end, q.end + _NEAR)))
    if tail is None:
        return False
    words = _WORD.findall(tail.group(1))
    return 1 <= len(words) <= _TAIL_WORDS and words[0].lower() not in _NOT_A_SPEAKER


def _in_body(doc: Document, sentence: Span) -> bool:
    region = doc.region_at(sentence.start)
    return region is not None and region.kind in _BODY


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text.replace("\u2019", "'")) if len(w) > 3 or w[:1].isdigit()}


def _partial(doc: Document, ctx: _Context, q: Quotation, inner: str) -> bool:
    """A phrase woven into the writer's sentence ('called the sale "the swindle of the
    century"'), not a sentence of the speaker's: it starts in lower case, after words."""
    first = _WORD.search(inner)
    if first is None or not first.group()[0].islower():
        return False
    sentence = ctx.sentences[ctx.sentence_index(q.start)] if ctx.sentences else Span(0, q.start)
    return _word_within(ctx.narrative, sentence.start, q.start)


def _title_case(inner: str) -> bool:
    """A name or title ("Action Plan for the Development of Italy"), not someone's words."""
    words = [w for w in _WORD.findall(inner) if len(w) > 3]
    # A comma or a closing question mark belongs to many a title ("Honey, I Shrunk the
    # Kids", "Who Wants to Be a Millionaire?"); a full stop between words does not.
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words) and not _SENTENCE_BREAK.search(inner)


_SENTENCE_BREAK = re.compile(r"[.;]\s|[!?]\s+\S")


# --- unbalanced --------------------------------------------------------------------------


def _unbalanced_rule(spec: RuleSpec) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for q in doc.quotations:
            if not q.closed and q.open_mark in '"\u201c':
                yield Hit(q.start, q.start + 1, format_message(spec.message, (), problem="is opened and never closed"))
        for pos in stray_marks(doc.prose, doc.regions, doc.quotations):
            yield Hit(pos, pos + 1, format_message(spec.message, (), problem="closes nothing"))

    return check


# --- vague -------------------------------------------------------------------------------


def _vague_rule(spec: RuleSpec) -> Check:
    phrases = spec.options.get("phrases", [])
    if not phrases:
        raise OptionError("phrases", "a vague-source rule needs 'phrases' (regular expressions)")
    # The phrases are the user's regular expressions: `regex`, whose matching takes a timeout.
    import regex

    from newslint.kinds._pattern import check_expansion

    for phrase in phrases:
        check_expansion("phrases", phrase)
    try:
        pattern = regex.compile("|".join(f"(?:{p})" for p in phrases), regex.IGNORECASE)
    except (regex.error, ValueError, OverflowError) as exc:
        raise OptionError("phrases", f"invalid regular expression: {exc}") from None
    # A phrase whose words are absent from an article cannot match in it, and leaving it
    # out of the alternation changes no match (numbered back references aside: they would
    # point elsewhere). Most articles need only one or two of the phrases, or none.
    if any(_BACK_REFERENCE.search(p) for p in phrases):
        needs: list[frozenset[str] | None] = [None] * len(phrases)
    else:
        needs = [required_strings(p) for p in phrases]

    @functools.lru_cache(maxsize=None)
    def narrowed(kept: tuple[int, ...]) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{phrases[i]})" for i in kept), regex.IGNORECASE)

    def pattern_for(text: str) -> regex.Pattern[str] | None:
        if UNLIKE_CASE.search(text):
            return pattern  # a letter that case-insensitive matching equates with ASCII unlike lower()
        lowered = text.lower()
        kept = tuple(i for i, need in enumerate(needs) if need is None or any(w in lowered for w in need))
        if len(kept) == len(phrases):
            return pattern
        return narrowed(kept) if kept else None

    def check(doc: Document) -> Iterator[Hit]:
        narrative = _shared(doc).narrative
        found = pattern_for(narrative)
        if found is None:
            return
        left = doc.deadline.left
        for region in doc.regions_of(_BODY):
            for m in found.finditer(narrative, region.start, region.end, timeout=left()):
                yield Hit(m.start(), m.end(), format_message(spec.message, (m.group(),), match=m.group()))

    return check


_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")
# --- loaded ------------------------------------------------------------------------------


def _loaded_rule(spec: RuleSpec) -> Check:
    verbs = _phrase_pattern("verbs", spec.options.get("verbs", []))
    max_gap = _positive(spec, "max_gap", 4, 0)
    past = spec.options.get("suggest", "said")
    present = spec.options.get("suggest_present", "says")
    min_words = _positive(spec, "min_words", 1, 1)

    def check(doc: Document) -> Iterator[Hit]:
        ctx = _shared(doc)
        seen: set[int] = set()
        for q, words in zip(ctx.outer, _quotation_words(doc)):
            region = doc.region_at(q.start)
            if region is None or region.kind not in _BODY or words < min_words:
                continue
            for m in _cue_verbs(doc, ctx, q, verbs, max_gap):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                word = m.group()
                suggestion = present if word.lower().endswith("s") and not word.lower().endswith("ss") else past
                yield Hit(
                    m.start(), m.end(),
                    format_message(spec.message, (word, suggestion), verb=word, suggestion=suggestion),
                    (suggestion,),
                    Fix((Edit(m.start(), m.end(), suggestion),), safe=False),
                )

    return check


def _cue_verbs(doc: Document, ctx: _Context, q: Quotation, verbs: _PhrasePattern, max_gap: int) -> Iterator[re.Match[str]]:
    """Loaded verbs in the attribution clause of a quotation: right after it, when the
    quotation ends in a comma, question or exclamation mark ('"...," he claimed'), or right
    before it, with a colon, a comma or "that" between ('she admitted: "..."')."""
    narrative = ctx.narrative
    sentence = ctx.sentences[ctx.sentence_index(max(q.start, q.end - 1))] if ctx.sentences else Span(0, len(narrative))
    found = _matches(doc, verbs)
    if q.closed and doc.prose[q.start + 1 : q.end - 1].rstrip()[-1:] in (",", "?", "!"):
        m = found.first(q.end, max(q.end, min(sentence.end, len(narrative))))
        if m is not None:
            gap = narrative[q.end : m.start()]
            if _words(gap) <= max_gap and not _CLAUSE_BREAK.search(gap):
                yield m
    sentence = ctx.sentences[ctx.sentence_index(q.start)] if ctx.sentences else Span(0, len(narrative))
    m = found.last(min(sentence.start, q.start), q.start)
    if m is not None and q.start - m.end() <= _NEAR and _LEAD_IN.fullmatch(narrative, m.end(), q.start):
        yield m

