"""What a long run shows besides its reports: per-rule statistics, the one-line summary,
and a progress bar on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, TextIO, TypeVar

from newslint.formats import Summary
from newslint.formats.columns import fit

if TYPE_CHECKING:
    from newslint.finding import FileResult
    from newslint.rules import RuleSpec

_T = TypeVar("_T")

# A run over fewer files than this is over before a bar would tell anything.
PROGRESS_MIN_FILES = 100


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def write_statistics(out: TextIO, summary: Summary, rules: Mapping[str, RuleSpec], width: int | None = None) -> None:
    """One line per rule that reported, most frequent first, as `ruff --statistics` prints
    them: count, rule id, `[*]` when a safe fix exists (`--fix` applies it), and what the
    rule checks (its description's first sentence, cut to `width` columns on a terminal)."""
    rows = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
    if not rows:
        return
    count_width = max(len(str(n)) for _, n in rows)
    id_width = max(len(rule) for rule, _ in rows)
    # The tab stops put the text at the next multiple of 8 after the id.
    room = None if width is None else max(width - (-(-(count_width + 1) // 8) * 8 + -(-(id_width + 1) // 8) * 8 + 4), 20)
    for rule, count in rows:
        spec = rules.get(rule)
        if spec is not None:
            about = fit(_first_sentence(spec.description or spec.message), room)
        else:  # newslint's own ids have no rule file
            from newslint.own_findings import OWN_FINDINGS

            about = fit(_first_sentence(OWN_FINDINGS[rule][1]), room) if rule in OWN_FINDINGS else ""
        marker = "[*]" if rule in summary.fixable_rules else "[ ]"
        out.write(f"{count:>{count_width}}\t{rule:<{id_width}}\t{marker} {about}".rstrip() + "\n")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def summary_line(summary: Summary) -> str:
    """`newslint: 2,226 files checked, 1,234 findings in 456 files (12 errors, 800 warnings,
    422 suggestions)`: for a run whose reports all went to files or to machines."""
    line = f"newslint: {_plural(summary.files, 'file')} checked, "
    if summary.findings:
        levels = ", ".join(_plural(n, level) for level, n in summary.by_level.items() if n)
        line += f"{_plural(summary.findings, 'finding')} in {_plural(summary.files_with_findings, 'file')} ({levels})"
    else:
        line += "no findings"
    if summary.errors:
        line += f", {_plural(summary.errors, 'file')} not checked"
    if summary.fixed:
        line += f", {summary.fixed:,} fix{'' if summary.fixed == 1 else 'es'} applied"
    return line + "\n"


class Progress:
    """A bar on standard error (tqdm), for a run the user watches on a terminal. Lines a
    report writes to the same terminal are written with the bar cleared and redrawn after."""

    def __init__(self, total: int, stream: TextIO) -> None:
        from tqdm import tqdm  # imported only when a bar is shown: it costs a run 50 ms

        self._tqdm: Any = tqdm
        self.bar = tqdm(total=total, file=stream, unit="file", leave=False, dynamic_ncols=True,
                        desc="newslint", mininterval=0.2)

    def track(self, results: Iterable[tuple[FileResult, _T]], shares_terminal: bool) -> Iterator[tuple[FileResult, _T]]:
        """Each (result, what came with it), the bar moved on once it has been reported.
        `shares_terminal`: a report goes to the terminal the bar is on."""
        for item in results:
            result = item[0]
            if shares_terminal and (result.findings or result.error is not None):
                with self._tqdm.external_write_mode(file=None):
                    yield item
            else:
                yield item
            self.bar.update(1)

    def close(self) -> None:
        self.bar.close()
