"""The attribution kind (issue 16): quotations attributed by the sentences around them, the
cues that are not a quotation's own, names and invented words, and the forms of article
(interview, first-person piece, collection of quotes) whose quotations need no speaker.

Each cause is tested both ways: the passage that passes, and the nearest one that must
still be reported."""

from __future__ import annotations

import pytest

from tests.helpers import lint

QUOTE = "News.QuoteAttribution"
SPEECH = "“We will not pay for this out of the island budget.”"


def flagged(text: str) -> list[str]:
    return [f.match for f in lint(text, [QUOTE]) if f.rule == QUOTE]


# --- the sentence before sets the quotation up ----------------------------------------------


@pytest.mark.parametrize(
    ("attributed", "unattributed"),
    [
        # a stance adjective after a copula, not any adjective
        (f"The minister was blunt. {SPEECH}", f"The weather was cold. {SPEECH}"),
        # a stance verb in the active, not in the passive
        (f"Ruiz remains convinced that the plan is wrong. {SPEECH}", f"The plan is expected to fail. {SPEECH}"),
        (f"Ruiz thinks the company has overreached. {SPEECH}", f"The company has overreached. {SPEECH}"),
        # reporting verbs and nouns that were missing
        (f"Ruiz reported the figures on Tuesday. {SPEECH}", f"The figures came out on Tuesday. {SPEECH}"),
        (f"His response was short. {SPEECH}", f"His car was short of fuel. {SPEECH}"),
        # a verb that characterises words, with an object; not a reaction with none
        (f"The union criticised the decision. {SPEECH}", f"The vote passed. Lawmakers applauded. {SPEECH}"),
        # an interviewer's question in the narrative, answered by the quotation
        (f"But why does the island pay at all? {SPEECH}", f"The island pays for it. {SPEECH}"),
    ],
)
def test_a_setup_sentence_attributes_the_quotation(attributed: str, unattributed: str) -> None:
    assert flagged(attributed) == []
    assert flagged(unattributed) == [SPEECH]


# --- the sentence after returns to the speaker -----------------------------------------------


@pytest.mark.parametrize(
    ("attributed", "unattributed"),
    [
        (f"Ana Ruiz left the meeting early. {SPEECH} Ruiz later apologised.",
         f"Ana Ruiz left the meeting early. {SPEECH} The vote is next week."),
        (f"Ana Ruiz left the meeting early. {SPEECH} Within an hour she had apologised.",
         f"Ana Ruiz left the meeting early. {SPEECH} Within an hour the vote was over."),
        (f"Mr Ruiz left the meeting early. {SPEECH} Mr Ruiz's office apologised.",
         f"Mr Ruiz left the meeting early. {SPEECH} Mr Lee's office apologised."),
    ],
)
def test_a_passage_that_returns_to_its_speaker(attributed: str, unattributed: str) -> None:
    assert flagged(attributed) == []
    assert flagged(unattributed) == [SPEECH]


def test_a_return_needs_a_sentence_before_the_quotation() -> None:
    assert flagged(f"{SPEECH} Ruiz later apologised.") == [SPEECH]


# --- a cue that is not this quotation's -----------------------------------------------------


def test_an_infinitive_of_purpose_is_no_cue() -> None:
    assert flagged(f"Engineers worked for years in order to explain the paradox. {SPEECH}") == [SPEECH]
    assert flagged(f"Engineers worked for years. They explained the paradox. {SPEECH}") == []


def test_an_infinitive_leading_straight_into_the_quotation_is_a_cue() -> None:
    assert flagged(f"Ruiz stood up to say: {SPEECH}") == []


def test_the_next_quotations_verb_is_its_own() -> None:
    after = "Ruiz told reporters: “The money is there and the contractors are ready.”"
    assert flagged(f"The wall will take eight months. {SPEECH} {after}") == [SPEECH]
    assert flagged(f"The wall will take eight months. {SPEECH} Ruiz told reporters so on Tuesday.") == []


def test_added_after_a_quotation_makes_it_the_same_speakers() -> None:
    after = "Ruiz added: “The money is there and the contractors are ready.”"
    assert flagged(f"The wall will take eight months. {SPEECH} {after}") == []


def test_a_passive_verb_of_speech_names_no_speaker() -> None:
    assert flagged(f"The rise is to be announced next week. {SPEECH}") == [SPEECH]
    assert flagged(f"The rise was announced by Ruiz. {SPEECH}") == []
    assert flagged(f"Ruiz was asked about the rise. {SPEECH}") == []


def test_a_stop_inside_a_name_does_not_break_a_speakers_run_of_quotations() -> None:
    first = "“We believe it to be a whole new franchise,” said Ann Lee of POW! Entertainment."
    second = "“In this world people are looking for something different every week.”"
    assert flagged(f"{first} {second}") == []
    assert flagged(f"{first} The film opens in May. {second}") == [second]


# --- names, titles and invented words --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "speech"),
    [
        ("The festival opens with the film “Honey, I Shrunk the Kids” on the harbour wall.",
         "The festival opens with a plea. “Honey, we will shrink the kids tonight.”"),
        ("The closing night is a quiz in the style of “Who Wants to Be a Millionaire?” for all.",
         "The closing night is a quiz. “Who wants to be a millionaire on this island?”"),
        ("Posters went up under the slogan “Come for the boats, stay for the town”.",
         "Posters went up on Monday. “Come for the boats and stay for the town.”"),
        ("“Bring your own chair and a warm coat” is this year’s festival motto.",
         "“Bring your own chair and a warm coat” was all anyone heard."),
        ("Imagine you ring the box office. “I would like two tickets for the quiz.”",
         "The box office was busy. “I would like two tickets for the quiz.”"),
    ],
)
def test_names_and_invented_words_are_not_speech(name: str, speech: str) -> None:
    assert flagged(name) == []
    assert len(flagged(speech)) == 1


# --- forms of article ------------------------------------------------------------------------


INTERVIEW = (
    "Tom Ellis has run the harbour for twenty years.\n\n"
    "Q: What changes this year?\n\n"
    "A: My father told me once that the boats get bigger every year.\n\n"
    "Q: Will the wall be ready?\n\n"
    "A: People stop me in the street. “Will it be finished before the storms come back?” It will.\n"
)
COLUMN = (
    "I moved to the island in November, and I was not ready for the wind.\n\n"
    "My neighbour came round on the first night. “You will need this more than the television.” "
    "I laughed, but I have used my torch every night since, and my advice is to buy one.\n"
)


def test_an_interview_transcript_is_not_checked() -> None:
    assert flagged(INTERVIEW) == []
    one_label = INTERVIEW.replace("Q: Will the wall be ready?", "The wall is nearly ready.")
    assert flagged(one_label.replace("A: ", "")) == ["“Will it be finished before the storms come back?”"]


def test_a_first_person_piece_is_not_checked() -> None:
    assert flagged(COLUMN) == []
    third_person = ("Kay Morris moved to the island in November.\n\n"
                    "The nights are long. “You will need this more than the television.” The ferry stops at six.\n")
    assert flagged(third_person) == ["“You will need this more than the television.”"]


def test_a_collection_of_one_persons_quotes_is_not_checked() -> None:
    quotes = "\n\n".join(f"“This is the {n} thing I have learnt in twenty years of running the harbour.”"
                         for n in ("first", "second", "third", "fourth", "fifth", "sixth"))
    collection = f"Tom Ellis retires this week. He remembers the job.\n\n{quotes}\n"
    assert flagged(collection) == []
    report = ("Tom Ellis retires this week after twenty years in charge of the harbour and its staff. "
              "The council will choose his successor in June from a list of three candidates. "
              "The harbour handled a record number of boats last summer, and more are expected.\n\n"
              "“This is the first thing I have learnt in twenty years of running the harbour.”\n")
    assert len(flagged(report)) == 1


# --- headlines ------------------------------------------------------------------------------


def test_a_headline_quotation_is_attributed_by_the_lead() -> None:
    lead = "# Ferry firm ‘bids for the island route’\n\nA mainland company has said it is in talks to run the service.\n"
    bare = "# Ferry firm ‘bids for the island route’\n\nThe island service needs a new operator by June.\n"
    assert flagged(lead) == []
    assert flagged(bare) == ["‘bids for the island route’"]


# --- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"a" to say ' * 6000,  # thousands of cue words that are not cues, in one "sentence"
        "\u201ca b c d\u201d to say. " * 6000,
        '"a," Ruiz told me: ' * 3000,  # each cue leads into another quotation
        "He is believed to be blunt. \u201ca b c d e\u201d " * 2000,
        "Q: a\n\n" * 3000 + '"a b c d e"',
    ],
)
def test_cues_that_are_not_cues_stay_linear(text: str) -> None:
    """Each quotation once walked every cue word of its sentence (minutes for these); the
    bound is far above the expected fraction of a second, so load cannot fail it."""
    import time

    started = time.process_time()
    lint(text, select=["News.QuoteAttribution"])
    assert time.process_time() - started < 10
