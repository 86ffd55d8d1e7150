"""Evaluate the attribution rules on a corpus: recall on injected defects and false alarms
on untouched copy.

    /tmp/venv/bin/python bench/eval_attribution.py [--corpus bbc|lee|DIR] [--show-misses N] [--show-alarms N]

`--corpus` (bench/outside.py): `bbc`, the BBC dev corpus (default); `lee`, the second set
(300 ABC stories, 2001); or a folder of .txt articles (a headline line, then the body).
The `uk` preset is used for every set (the attribution rules are the same in every preset).

1. False alarms: every distinct article (duplicates.tsv column 2 skipped) is linted with
   only the rules of kind `attribution` selected; findings of warning level or above are
   counted per 1,000 body words (whitespace tokens, headline line excluded).
2. Recall: a quotation attributed by a clause right after it (`"...," Smith said.`,
   `"...?" he asked.`, `"...," said Mr Smith.`) has the clause removed (`"...."`), or one
   led into by a sentence of its own with a colon (`Mr Smith said: "..."`) has the lead-in
   removed, one quotation per copy of the article, where no other cue is near. "Near" is
   judged by this script, independently of the rule: no reporting or stance word from
   CONTEXT_WORDS, no "was" + mood adjective, and no quotation mark (so the quotation cannot
   continue an attributed one) in the sentence before it, the sentence after it or what
   leads into it in its own sentence; no colon introduces it; the sentence before is no
   question; and the sentence after does not open with a name from the sentence before or
   with "he"/"she" (issue 16: such context attributes a quotation, so those sites would be
   no defect). Widened in issue 16: a cue word that is an infinitive ("to explain") or
   that leads the next sentence into its own quotation ('Jones told the BBC: "..."') does
   not make a site near a cue; those sites are counted on their own line. It is a hit when
   News.QuoteAttribution reports a finding on that quotation.

Bar (issue 3): recall >= 0.85 and at most 0.3 findings of warning level or above per
1,000 words of untouched copy; issue 16 asks for recall >= 0.95 and at most 0.10 on both sets.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import all_articles, body_words, distinct_articles  # noqa: E402
from bench.outside import corpus_folder  # noqa: E402
from newslint.config import Config, available_rule_files  # noqa: E402
from newslint.finding import Level  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402
from newslint.rules import load_rule_spec  # noqa: E402

RULE = "News.QuoteAttribution"
# The reporting words that make a quotation attributed for the purpose of choosing
# injection sites: the list, every tense. Deliberately this script's own list.
CUE_WORDS = frozenset(
    """say says said saying tell tells told telling add adds added adding ask asks asked
    asking write writes wrote writing explain explains explained according insist insists
    insisted warn warns warned claim claims claimed admit admits admitted argue argues argued
    state states stated note notes noted reply replies replied continue continues continued
    comment comments commented""".split()
)
def _forms(lemma: str) -> tuple[str, ...]:
    """A verb's forms: base, third person, past, present participle (regular spelling)."""
    if lemma.endswith("y"):
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    return lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"


# Since issue 16 a quotation is also attributed by the sentences around it when they give
# the speaker's view or return to them; sites with such context are not used either. This
# script's own lists: reporting and stance verbs from grammars of English (every form),
# reporting nouns, and a mood adjective after "is"/"was" ("Smith was blunt.").
_LEMMAS = """believe think feel hope fear expect know accept agree acknowledge reckon want wonder remember recall
    reveal deny announce confirm declare report predict promise pledge vow stress suggest point conclude describe
    respond warn insist maintain echo defend question doubt complain urge explain repeat reiterate answer caution
    deny reply express voice thank welcome criticise criticize praise hail condemn dismiss describe see call brand
    accuse cite""".split()
_IRREGULAR = "thought felt knew known told said wrote written spoke spoken".split()
CONTEXT_WORDS = CUE_WORDS | frozenset(_IRREGULAR) | frozenset(
    form for lemma in _LEMMAS for form in _forms(lemma)) | frozenset(
    """statement statements spokesman spokeswoman spokesperson response reply interview speech conference
    remarks comments view views verdict sentiments reportedly convinced tribute opinion viewpoint""".split())
_MOOD = re.compile(
    r"\b(?:is|was|are|were|remains|remained|seems|seemed|appears|appeared)\s+(?:\w+\s+)?"
    r"(?:blunt|adamant|clear|confident|keen|eager|pleased|delighted|disappointed|happy|unhappy|proud|critical|"
    r"dismissive|upbeat|optimistic|pessimistic|cautious|sure|certain|determined|relieved|concerned|worried|"
    r"sceptical|hopeful|frustrated|scathing|evangelical|satisfied|angry|furious|convinced)\b", re.IGNORECASE)
_HE_SHE = re.compile(r"^\W*(?:[\w'-]+,?\s+){0,4}?(?:he|she)\b", re.IGNORECASE)
_NAME = re.compile(r"\b(?!(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Boss|The|But|And)\b)[A-Z][a-z][\w'-]*")
_CLAUSE = re.compile(
    r"""(?P<quote>"(?P<inner>[^"\n]+?)(?P<punct>[,?!])")   # "...,"  "...?"
        (?P<clause>\s+[^"\n.!?]{2,80}?\b(?:%s)\b[^"\n.!?]{0,80}?)
        (?P<end>\.)(?=\s|$)""" % "|".join(sorted(CUE_WORDS)),
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[\"'A-Z0-9])")
_WORD = re.compile(r"[A-Za-z]+")


def attribution_linter() -> Linter:
    config = Config(extends="uk")
    ids = tuple(rid for rid, path in sorted(available_rule_files(config).items()) if load_rule_spec(path).kind == "attribution")
    return Linter(config, Selection(select=ids))


def _has_cue(text: str) -> bool:
    return any(w.lower() in CONTEXT_WORDS for w in _WORD.findall(text)) or _MOOD.search(text) is not None


def _returns(previous: str, following: str) -> bool:
    """The sentence after opens with "he"/"she", or with a name the sentence before gave."""
    if _HE_SHE.match(following):
        return True
    opening = _NAME.search(following, 0, 24)
    return opening is not None and opening.group().removesuffix("'s") in {m.group().removesuffix("'s") for m in _NAME.finditer(previous)}


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


# The other form of attribution: a sentence that leads into its quotation with a colon
# ('Mr Smith said: "..."'); removing the lead-in leaves the quotation standing alone.
_LEAD = re.compile(
    r"""(?:^|(?<=[.!?"]\s))(?P<clause>[A-Z][^"\n.!?:]{2,80}?\b(?:%s)\b[^"\n.!?:]{0,40}?):\s+
        (?P<quote>"(?P<inner>[^"\n]+?[.!?])")(?=\s|$)""" % "|".join(sorted(CUE_WORDS)),
    re.VERBOSE,
)
# A cue that is not this quotation's: an infinitive of purpose ("in order to explain"), or
# the verb that leads the next sentence into its own quotation ('Jones told the BBC: "..."').
_INFINITIVE_CUE = re.compile(r"\bto\s+(?:%s)\b" % "|".join(sorted(CONTEXT_WORDS)), re.IGNORECASE)
_OTHER_LEAD_IN = re.compile(r'^[^"]*\b(?!(?:added|continued|went)\b)(?:%s)\b[^"]*:\s*"' % "|".join(sorted(CUE_WORDS)))


def injections(text: str) -> list[tuple[str, int, int]]:
    """Copies of `text` with one attribution clause removed: (new text, quote start, quote end)."""
    return [(new_text, start, end) for new_text, start, end, _ in _sites(text)]


def _sites(text: str) -> list[tuple[str, int, int, bool]]:
    """As `injections`, and whether a cue that is not the quotation's own stands near it."""
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    out = []
    for index, line in enumerate(lines):
        if index == 0:
            continue  # the headline
        removals = []
        for m in _CLAUSE.finditer(line):
            punct = "." if m.group("punct") == "," else m.group("punct")
            removals.append((m, '"' + m.group("inner") + punct + '"'))
        for m in _LEAD.finditer(line):
            removals.append((m, m.group("quote")))
        for m, new_quote in removals:
            if line.count('"', 0, m.start()) % 2 or len(_WORD.findall(m.group("inner"))) < 4:
                continue  # not an opening mark, or too short to be checked
            before, after = line[: m.start()], line[m.end() :]
            if before.rstrip().endswith(":"):
                continue
            lead = ""
            earlier = _sentences(before)
            if earlier and not re.search(r"[.!?]['\"]?\s*$", before):
                if m.re is _LEAD:
                    continue
                lead = earlier.pop()  # the quotation's own sentence starts before it
            previous = earlier[-1:] or _sentences(_last_line(lines, index, -1))[-1:]
            following = _sentences(after)[:1] if after.strip() else _sentences(_last_line(lines, index, 1))[:1]
            # No other cue near, and no quotation next to it that it could be read as continuing.
            other_cue = False
            for i, s in enumerate([lead, *previous, *following]):
                is_following = i == 1 + len(previous)
                bare = _INFINITIVE_CUE.sub(" ", s)
                if is_following and _OTHER_LEAD_IN.match(bare):
                    bare = bare[: bare.index('"')].rsplit(" ", 2)[0]  # the other quotation's lead-in is not ours
                    other_cue = True
                other_cue = other_cue or bare != s
                if _has_cue(bare) or '"' in bare:
                    break
            else:
                if not earlier and not lead and _last_line(lines, index, -1).count('"') % 2:
                    continue  # it continues the quotation of the paragraph before (its close mark comes later)
                if previous and previous[0].rstrip().endswith("?"):
                    continue  # the quotation answers a question the narrative asks
                if previous and following and _returns(previous[0], following[0]):
                    continue  # the passage is about one person, and the quotation reads as theirs
                new_line = line[: m.start()] + new_quote + after
                new_text = "\n".join(lines[:index] + [new_line] + lines[index + 1 :])
                start = starts[index] + m.start()
                out.append((new_text, start, start + len(new_quote), other_cue))
    return out


def _last_line(lines: list[str], index: int, step: int) -> str:
    """The nearest non-empty body line before (step -1) or after (step 1) line `index`."""
    i = index + step
    while 1 <= i < len(lines):
        if lines[i].strip():
            return lines[i]
        i += step
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many missed injections")
    parser.add_argument("--show-alarms", type=int, default=0, help="print this many findings on untouched copy")
    parser.add_argument("--corpus", default="bbc", help="bbc (default), lee, or a folder of .txt articles")
    args = parser.parse_args()
    corpus = corpus_folder(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    linter = attribution_linter()
    files = distinct_articles(corpus)
    began = time.perf_counter()
    words = 0
    alarms: Counter[str] = Counter()
    suggestions: Counter[str] = Counter()
    shown = 0
    texts = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        texts[path.name] = text
        words += body_words(text)
        for f in linter.lint_text(text, path.name):
            if f.level >= Level.WARNING:
                alarms[f.rule] += 1
                if shown < args.show_alarms:
                    shown += 1
                    print(f"ALARM {path.name}:{f.line}: [{f.rule}] {f.match[:160]!r}")
            else:
                suggestions[f.rule] += 1
    total_alarms = sum(alarms.values())
    rate = 1000 * total_alarms / words
    # The same over every file, the dataset's repeated articles included.
    all_words, all_alarms = words, total_alarms
    others = sorted(set(all_articles(corpus)) - set(files))
    for path in others:
        text = path.read_text(encoding="utf-8")
        all_words += body_words(text)
        all_alarms += sum(f.level >= Level.WARNING for f in linter.lint_text(text, path.name))
    injected = found = 0
    widened = widened_found = 0
    misses = 0
    for name, text in texts.items():
        for new_text, start, end, other_cue in _sites(text):
            injected += 1
            hit = any(f.rule == RULE and f.offset < end and f.end_offset > start for f in linter.lint_text(new_text, name))
            found += hit
            widened += other_cue
            widened_found += hit and other_cue
            if not hit and misses < args.show_misses:
                misses += 1
                line = new_text.count("\n", 0, start) + 1
                print(f"MISS {name}:{line}: {new_text[start:end][:160]!r}")
    recall = found / injected if injected else 0.0
    elapsed = time.perf_counter() - began
    print(f"articles: {len(files)} distinct; body words: {words}")
    print(f"untouched: {total_alarms} findings of warning level or above "
          f"({', '.join(f'{r} {n}' for r, n in sorted(alarms.items())) or 'none'}); "
          f"{rate:.3f} per 1,000 words (bar: <= 0.3)")
    print(f"untouched, all {len(files) + len(others)} files (repeats included): "
          f"{all_alarms} findings in {all_words} body words; {1000 * all_alarms / all_words:.3f} per 1,000 words")
    print(f"untouched: {sum(suggestions.values())} suggestion-level findings "
          f"({', '.join(f'{r} {n}' for r, n in sorted(suggestions.items())) or 'none'})")
    print(f"injected: {injected} attribution clauses removed; found {found}; recall {recall:.3f} (bar: >= 0.85)")
    print(f"injected next to a cue that is not the quotation's own (an infinitive, the lead-in of the next "
          f"quotation): {widened}; found {widened_found}")
    print(f"time: {elapsed:.1f}s")
    return 0 if recall >= 0.85 and rate <= 0.3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
