"""What newslint's own finding ids mean, for `explain` and `--statistics`: they have no
rule file to carry a description (README, "Exit status and errors")."""

from __future__ import annotations

# id -> (level, description); the first sentence is the one-line summary.
OWN_FINDINGS: dict[str, tuple[str, str]] = {
    "newslint.front-matter": ("error", "Front matter that newslint cannot read. It is not valid YAML, has a value "
                              "YAML cannot build, is not a mapping, is nested too deeply, or its 'newslint:' "
                              "mapping has a key other than 'disable'. The article is still checked; no comment "
                              "switches this off."),
    "newslint.internal-error": ("error", "A rule that failed on the file. The message names the rule; the other "
                                "rules still ran. Please report it."),
    "newslint.timeout": ("error", "Rules that ran out of time on the file. The message names the budget "
                         "(--file-timeout) and the slowest rule; their findings on this file are lost."),
    "newslint.unknown-rule": ("warning", "A disable comment or front matter naming no rule, or a misspelt comment. "
                              "It switches nothing off; the message gives the closest rule id or comment word "
                              "(<!-- newslint-disable AP.Tward -->, <!-- newslint-disabel -->)."),
}
