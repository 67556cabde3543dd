"""The features of one sentence (or clause) that make it worth checking, or not.

Each feature is something a fact-checker would name when asked why a sentence deserves a check
(or does not): a figure, a percentage, money, a quantity with a unit, a date, a comparison, a
record, who says so, names of people, places and organisations, statistical words, a cause, a
count of people or things, an official source, a change over time, a past event dated to a
year, a figure that continues the figures of the sentence before (set by
`checkworthiness.candidates_split`); and
against it, a hedge, an opinion, a question, "I"/"you", a very short sentence, a prediction.
ClaimBuster (Hassan et al., "Toward Automated Fact-Checking: Detecting Check-worthy Factual
Claims by ClaimBuster", KDD 2017) and Full Fact's claim detection (Konstantinovskiy et al.,
"Toward Automated Factchecking: Developing an Annotation Schema and Benchmark for Consistent
Automated Claim Detection", 2021) rank sentences on much the same cues: numbers, named
entities and the past tense up; opinions, questions and the future down.

How each is found, and what it costs (a 20,000-character article is about 150 sentences, and the
whole of suggestions has 300 ms for it):

- Regular expressions find nearly everything, a few microseconds a sentence.
- quantulum3 (a quantity with a unit, "12 km", "3 million tonnes", "40 degrees Celsius") takes
  about a millisecond a call, plus about a second and a half to load its unit tables once (see
  `annotations.core.facts._quantulum`, reused here). It runs only on a sentence where a number is
  directly followed by a word that one of quantulum3's units is written as (its own surface and
  symbol tables), and its answer is cached per sentence text.
- number-parser reads spelled-out numbers ("three million", "twenty-five"); it runs only where a
  number word occurs, cached the same way. Fractions and multipliers ("half", "a third",
  "doubled") it does not read, so a word list finds those.
- Dates: regular expressions only (years, month names, weekdays, "last year", "since 1990").
  dateparser's `search_dates` is not used: it takes about 25 ms a sentence and reads "5% in May
  2023, the" or "in 50 years" as dates; a date's exact value does not matter here, its presence
  does.
- Names: no English named-entity model ships on PyPI for offline use, so capitalisation rules
  (as `annotations.core.facts` does): runs of capitalised words that do not open the sentence,
  outside a stop list; acronyms (UN, NHS); a sentence's first word only when it is in a short
  list of countries and institutions or a second capitalised word follows ("Jan Egeland said").
  A title-case headline counts its acronyms and listed names only.

Languages: English gets every rule. Another language gets the language-neutral ones (digits,
percent and currency signs, years and ISO dates, the question mark, length) and its figures as
`numerals` reads them: digits of any script, Arabic separators, thousands grouped by spaces,
per cent and currency words after a figure, numbers in words where number-parser knows the
language; its other features are 0, so its score rests on figures alone.

A relative clause about a person ("X, who has run the shelter since 2009, said") is background:
its words count for no record, change over time or dated event.

Values are 0/1, or small counts capped (`number` at 2, `named_entity` at 3): the model's columns.
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotations.core.suggestions.numerals import (
    figures_read,
    money_in_words,
    number_in_words,
    percent_in_words,
)

# The model's columns, in a fixed order; every name maps to a value in `sentence_features`.
# The first ones speak for checking a sentence, the last seven (from "hedge") against it.
# "continues" depends on the sentence before: `checkworthiness.candidates_split` sets it, and
# `sentence_features` leaves it 0.
FEATURE_NAMES: tuple[str, ...] = (
    "number",
    "percentage",
    "money",
    "quantity",
    "date",
    "spelled_number",
    "comparative",
    "superlative",
    "attribution",
    "named_entity",
    "statistic",
    "causal",
    "universal",
    "count",
    "official",
    "time_comparison",
    "dated_event",
    "continues",
    "hedge",
    "opinion",
    "question",
    "personal",
    "short",
    "future",
    "headline",
)

# How each feature is shown on the page and in the API.
FEATURE_LABELS: dict[str, str] = {
    "number": "number",
    "percentage": "percentage",
    "money": "money",
    "quantity": "quantity",
    "date": "date",
    "spelled_number": "number in words",
    "comparative": "comparison",
    "superlative": "superlative",
    "attribution": "attribution",
    "named_entity": "names",
    "statistic": "statistic",
    "causal": "cause",
    "universal": "universal claim",
    "count": "count of people or things",
    "official": "official source",
    "time_comparison": "change over time",
    "dated_event": "dated event",
    "continues": "continues a figure",
    "hedge": "hedge",
    "opinion": "opinion",
    "question": "question",
    "personal": "first or second person",
    "short": "short",
    "future": "prediction",
    "headline": "headline",
}

NUMBER_CAP = 2
NAMED_ENTITY_CAP = 3
# A statement of fewer words than this is rarely a checkable claim on its own ("He refused.").
SHORT_WORDS = 6
# Without spaces between words (Chinese, Japanese, Thai), length in characters instead.
SHORT_CHARACTERS = 30


def _word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list (lists of words read better as text)."""
    return frozenset(words.split())


def _words(words: str) -> str:
    """A regex alternation of whole words from a space-separated list."""
    return r"\b(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + r")\b"


# --- Language-neutral --------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?")
_PERCENT_SIGN = re.compile(r"\d\s?[%％٪‰]|[%％٪]\s?\d")
_CURRENCY_SIGN = re.compile(
    r"[$€£¥₹₽₩₪₺₴₦฿₫]\s?\d|\d\s?[$€£¥₹₽₩₪₺₴₦฿₫]"
    r"|\b(?:USD|EUR|GBP|JPY|CHF|CNY|INR|AUD|CAD)\s?\d|\d\s?(?:USD|EUR|GBP|JPY|CHF|CNY|INR)\b"
)
_UNIT_SYMBOL = re.compile(r"\d\s?(?:km²?|m²|kg|mg|cm|mm|ha|kW|MW|GW|kWh|MWh|TWh|°C|°F)(?!\w)")
_YEAR = re.compile(r"(?<![\w.,])(?:1[89]\d\d|20\d\d)(?:s\b|’s|'s)?(?![\d,.]\d|\s?%)")
_ISO_DATE = re.compile(
    r"\b(?:1[89]|20)\d\d-[01]\d-[0-3]\d\b|\b[0-3]?\d[./][01]?\d[./](?:1[89]|20)\d\d\b"
)
_QUESTION = re.compile(r"[?？؟]\W*$")

# --- English -----------------------------------------------------------------------------------

_PERCENT_WORDS = re.compile(r"\b(?:per ?cent|percent|percentage points?)\b", re.IGNORECASE)
_CURRENCY_WORDS = re.compile(
    r"(?<![\d.,])\d(?:[\d.,]*\d)?\s*(?:(?:thousand|million|billion|trillion|bn|m|k)\s+)?"
    r"(?:dollars?|euros?|pounds?|sterling|yen|yuan|rupees?|roubles?|rubles?|francs?|pesos?"
    r"|reais|rand|shekels?|lira|naira|cents?|pence|p)\b",
    re.IGNORECASE,
)
_MONTHS = "January February March April June July August September October November December"
# Abbreviated, a month only before a day or a year ("Jan" is also a first name).
_MONTHS_SHORT = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
_DATE_EN = re.compile(
    # Month names (capitalised: "march" and "may" are verbs); "May" only beside a number or
    # after a preposition, being also the modal verb.
    r"\b(?:" + "|".join(_MONTHS.split()) + r")\b"
    r"|\b(?:" + "|".join(_MONTHS_SHORT.split()) + r")\.?\s+\d"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+May\b|\bMay\s+\d{1,2}\b|\bMay\s+(?:1[89]|20)\d\d\b"
    r"|\b(?:in|since|until|by|from|last|next|early|late|mid-|of|this)\s+May\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:last|this|next|previous|past|coming)\s+(?:week|month|year|decade|century|quarter"
    r"|weekend|summer|winter|spring|autumn|season)s?\b"
    r"|\b(?:first|second|third|fourth|last)\s+quarter\b|\bthe\s+'\d0s\b",
)
# Most English cues are single words: they are looked up in the sentence's set of lower-cased
# words (one pass over the sentence), the few phrases by small regular expressions. A long
# alternation of words searched case-insensitively costs ten times as much.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_NUMBER_WORDS = _word_set(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion
    """
)
# Fractions and multipliers number-parser does not read: a number in words all the same.
_FRACTION_WORDS = _word_set(
    """
    half halves dozen dozens twice double doubled tripled triple trebled quadrupled halved
    threefold fourfold fivefold tenfold hundreds thousands millions billions
    """
)
# "a third", "two-thirds", "a quarter of": a fraction; "the third day", "the first quarter" are
# ordinals (a rank or a date), no figure.
_FRACTION = re.compile(
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|\d+)[\s-]+"
    r"(?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b",
    re.IGNORECASE,
)
# "one in six", "nine in ten": a proportion in words.
_ONE_IN_N = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+in\s+(?:two|three|four"
    r"|five|six|seven|eight|nine|ten|twenty|a\s+hundred|\d+)\b",
    re.IGNORECASE,
)
_COMPARATIVE_WORDS = _word_set(
    """
    increase increases increased increasing decrease decreases decreased decreasing rise rises
    rose risen rising fall falls fell fallen falling drop drops dropped doubled halved tripled
    trebled grew grown growth decline declines declined surge surged surging jump jumped
    soared soaring plunged plummeted slumped climbed shrank shrunk outnumber outnumbered
    overtook exceeded exceeds
    """
)
_THAN = re.compile(r"\b(\w+)\s+than\b", re.IGNORECASE)
# Words before "than" that compare nothing ("rather than", "other than").
_NOT_COMPARING = _word_set("rather other whether sooner")
_COMPARATIVE_PHRASE = re.compile(
    r"\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|as\s+many\s+as|as\s+much\s+as"
    r"|twice\s+as|times\s+(?:more|as|higher|larger|the)"
    r"|(?:more|less|fewer)\s+(?:\w+\s+){1,3}than)\b",
    re.IGNORECASE,
)
# "only" alone restricts more often than it ranks ("only look at the paper", "struck only
# military targets"); "the only country to" is a universal claim (_UNIVERSAL_PHRASE).
_SUPERLATIVE_WORDS = _word_set(
    """
    record records all-time unprecedented ever never best worst biggest largest highest lowest
    fastest most least
    """
)
# Words in -est that are no superlatives.
_NOT_SUPERLATIVE = _word_set(
    """
    interest forest honest protest request suggest test west rest latest guest chest nest
    arrest contest manifest digest invest harvest modest pest quest vest zest conquest earnest
    priest unrest behest bequest midwest southwest northwest detest attest infest wrest crest
    jest lest everest budapest bucharest
    """
)
_SUPERLATIVE_PHRASE = re.compile(
    r"\b(?:first[- ]ever|since\s+records\s+began)\b"
    # "the highest since 2013", "the first win since the '80s": a record over a period.
    r"|\bsince\s+(?:(?:1[89]|20)\d\d|the|records|its|it)\b"
    r"|\bin\s+(?:\d+|a|half\s+a|two|three|four|five|ten|twenty|fifty)\s+(?:years|decades"
    r"|generations|century|centuries|decade)\b",
    re.IGNORECASE,
)
_ATTRIBUTION_WORDS = _word_set(
    """
    said says say told claimed claims claim stated states announced reported reports estimated
    estimates insisted argued wrote added noted warned confirmed revealed admitted denied
    disclosed showed shows found published quoted testified according
    """
)
_STATISTIC_WORDS = _word_set(
    """
    rate rates percent percentage average median majority minority proportion share total
    million millions billion billions trillion tonnes tons gdp inflation unemployment
    employment deficit debt budget population census poll polls survey surveys study studies
    report data figures statistics turnout emissions deaths cases victims casualties
    fatalities wages salaries prices income revenue profits spending investment exports
    imports output growth mortality capita
    """
)
_STATISTIC_PHRASE = re.compile(r"\b(?:per\s+(?:head|person|year)|number\s+of)\b", re.IGNORECASE)
# Claims about everyone, no one or a first: "no finance minister has lost", "none of the",
# "the first woman to", "for the first time", "all 160 residents", "in each of the last four
# years", "for the third month running". One counter-example disproves them, which is why
# fact-checkers go for them (Full Fact's schema counts them among the claims about the world).
_UNIVERSAL_PHRASE = re.compile(
    r"\b(?:no|not\s+a\s+single)\s+(?:[a-z-]+\s+){0,3}?(?:has|have|had|was|were|is|are|did|does"
    r"|can|could)\b"
    # "No engineer visited", "no member of staff reported": nobody did it, in the past tense.
    r"|\bno\s+(?!longer\b|doubt\b|sooner\b|matter\b|less\b|more\b)(?:[a-z-]+\s+){1,3}?"
    r"[a-z]{3,}ed\b"
    r"|\bnone\s+of\b"
    r"|\b(?:the|its|his|her|their)\s+(?:first|only)\s+(?:[a-z-]+\s+){0,2}?(?:to|since|ever)\b"
    r"|\bfor\s+the\s+first\s+time\b|\bnever\s+before\b"
    r"|\ball\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b"
    r"|\b(?:each|every)\s+(?:of\s+the\s+(?:last|past)\b|(?:single\s+)?(?:year|month|quarter"
    r"|week)\b)"
    r"|\b(?:year|month|quarter|week|day|time|season)s?\s+(?:running|in\s+a\s+row)\b"
    r"|\bconsecutive\b",
    re.IGNORECASE,
)
_CAUSAL_WORDS = _word_set(
    """
    because caused causes causing blamed blames driven fuelled fueled triggered sparked
    prompted contributed attributed
    """
)
_CAUSAL_PHRASE = re.compile(
    r"\b(?:due\s+to|leads?\s+to|led\s+to|as\s+a\s+result|result\s+of|responsible\s+for"
    r"|linked\s+to|thanks\s+to|owing\s+to|down\s+to|because\s+of|the\s+reason)\b",
    re.IGNORECASE,
)
# A count of people or things as the sentence's fact: "Fourteen members abstained", "2,000 jobs
# will go", "seven of the nine judges", "offers from 23 countries". A number before a plural
# noun (one adjective may stand between); not a span of time ("two years": the date feature's),
# not a unit, not money ("£20 notes" stays money), not "one" (mostly "one of", "one evening").
_COUNT_NUMBER = (
    r"(?:(?<![\w.,$€£¥])\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|dozens|hundreds|thousands|millions)(?:-\w+)?)"
)
# Plurals without an -s: "12,000 people", "two children", "40 staff".
_IRREGULAR_PLURALS = (
    r"(?:people|children|men|women|staff|police|personnel|crew|cattle|sheep|fish|livestock"
    r"|aircraft|deer|geese|mice|teeth|offspring)"
)
_COUNT = re.compile(
    rf"{_COUNT_NUMBER}(?:\s+of\s+(?:the|its|their|his|her|our)\s+{_COUNT_NUMBER})?"
    rf"(?:\s+of)?\s+(?:[a-z][a-z-]*\s+)?([a-z]{{2,}}[^s\W]s|{_IRREGULAR_PLURALS})\b",
    re.IGNORECASE,
)
# Plural words that are no things counted: spans of time, units, "times", verbs in -s.
_NOT_COUNTED = _word_set(
    """
    seconds minutes hours days nights weeks months years decades centuries times points
    percents pounds dollars euros cents pence yens metres meters kilometres kilometers miles
    tonnes tons degrees litres liters grams kilos kilograms inches feet acres hectares goals
    does goes says makes takes gives gets comes seems means remains stands keeps
    """
)
# An official source of a figure: an institution says so ("the foreign ministry said", "the
# minutes showed", "according to the statistics office"), or the words of official figures.
_OFFICIAL_WORDS = _word_set(
    """
    ministry ministries government department office agency police court council bank
    authority authorities commission institute regulator treasury parliament committee
    inspectorate ombudsman watchdog tribunal census registry bureau
    """
)
_OFFICIAL_BODY = r"(?:" + "|".join(sorted(_OFFICIAL_WORDS)) + r")"
_OFFICIAL_PHRASE = re.compile(
    # The institution as the one speaking: "the ministry said", "according to the bureau".
    rf"\b{_OFFICIAL_BODY}(?:\s+(?:of|for)(?:\s+[A-Z][\w-]*)+)?\s+(?:said|says|reported|reports"
    r"|estimated|estimates|announced|confirmed|published|showed|shows|found|stated)\b"
    rf"|\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_OFFICIAL_BODY}\b"
    r"|\b(?:official|government|national|published|latest)\s+(?:figures|statistics|data"
    r"|estimates)\b|\bin\s+a\s+(?:press\s+)?(?:statement|release)\b|\bpress\s+release\b"
    r"|\bthe\s+minutes\b|\bcourt\s+(?:documents|records)\b"
    r"|\b(?:figures|data|statistics)\s+(?:from|published|released)\b",
    re.IGNORECASE,
)
# A change over time, the comparison fact-checkers check most ("than last year", "since 2010",
# "up from 4% a year earlier", "from 12,000 in 2019 to 9,000").
_TIME_COMPARISON = re.compile(
    r"\bthan\s+(?:in\s+|at\s+|during\s+)?(?:the\s+)?(?:(?:last|previous|same|a|one|prior|"
    r"preceding)\s+)?(?:\w+\s+)?(?:year|month|week|quarter|decade|period|season)s?\b"
    r"|\bthan\s+(?:in\s+)?(?:1[89]|20)\d\d\b"
    r"|\bsince\s+(?:(?:1[89]|20)\d\d|records\s+began)\b"
    r"|\b(?:year|month|quarter|week)[- ]on[- ](?:year|month|quarter|week)\b"
    r"|\b(?:a|one|two|three|four|five|ten|\d+)\s+(?:year|month|week|decade)s?\s+(?:earlier"
    r"|ago|before)\b"
    r"|\bcompared\s+(?:with|to)\s+(?:the\s+same|last|a\s+year|(?:1[89]|20)\d\d)\b"
    r"|\bfrom\s+\S*\d\S*\s+(?:[\w%]+\s+){0,3}?to\s+\S*\d",
    re.IGNORECASE,
)
# "may" is looked for as written: "May" within a sentence is the month.
_HEDGE_WORDS = _word_set(
    """
    might could perhaps possibly probably likely unlikely apparently seemingly potentially
    arguably maybe presumably seem seems seemed suggest suggests suggested
    """
)
_HEDGE_PHRASE = re.compile(
    r"\b(?:appears?\s+to|it\s+is\s+thought|(?:it\s+is\s+)?unclear|not\s+(?:clear|known))\b",
    re.IGNORECASE,
)
# "must" is left out: it states rules as often as wishes ("an airline must refund within seven
# days", "pupils must stay at home for 21 days"), and a rule can be checked.
_OPINION_WORDS = _word_set(
    """
    should shouldn't ought beautiful terrible awful wonderful great fantastic
    amazing incredible horrible dreadful disgrace disgraceful shameful outrageous ridiculous
    absurd appalling brilliant excellent pathetic scandalous frankly obviously clearly sadly
    unfortunately fortunately hopefully honestly nonsense shocking stupid wrong unfair fair
    deserve deserves
    """
)
_OPINION_PHRASE = re.compile(
    r"\b(?:I|we)\s+(?:think|believe|feel|hope|reckon|guess|suppose)\b"
    r"|\bin\s+(?:my|our)\s+(?:view|opinion)\b|\bI\s+am\s+sure\b",
    re.IGNORECASE,
)
# Case matters only for "us", which in capitals is the United States.
_PERSONAL_WORDS = _word_set("i me my mine we our ours you your yours i'm i've i'd i'll")
_FUTURE_WORDS = _word_set("will won't shall would we'll they'll he'll she'll it'll you'll i'll")
_FUTURE_PHRASE = re.compile(
    r"\b(?:going\s+to|(?:is|are)\s+set\s+to|plans?\s+to|planned\s+to|expect(?:s|ed)\s+to"
    r"|intends?\s+to)\b",
    re.IGNORECASE,
)

# A relative clause about a person, up to the next comma: "X, who has run the shelter since
# 2009, said". It is background on who speaks, not the claim: its "since 2009" is no record and
# no change over time, and its date ("who joined the brigade in 1996") dates no claimed event.
_WHO_CLAUSE = re.compile(r"\bwho(?:se)?\b[^,;:.!?\"“”«»]*")
# A past event dated to a year: "The paper was retracted in 2010", "wrote to him in October
# 2022". An event with its year can be checked against the record even without a figure.
_IN_YEAR = re.compile(
    r"\bin\s+(?:(?:early|late|mid-?)\s*)?(?:(?:" + "|".join(_MONTHS.split()) + r"|May)\s+)?"
    r"(?:1[89]|20)\d\d\b(?!\s*%)"
)
# Past tenses: the regular ones end in -ed (not these words); the common irregular ones.
_NOT_PAST = _word_set(
    """
    need needed speed seed feed bed red shed hundred indeed united limited based related
    interested concerned supposed used embed breed creed greed weed deed
    """
)
_IRREGULAR_PAST = _word_set(
    """
    was were had did wrote won lost took gave made came went began became found left paid
    sold bought built brought told said met ran rose fell grew saw spent sent kept held led
    struck fought broke chose stood
    """
)


def _dated_past(text: str, words_lower: set[str]) -> bool:
    """Whether the text states a past event in a given year (see _IN_YEAR)."""
    if not _IN_YEAR.search(text):
        return False
    return bool(words_lower & _IRREGULAR_PAST) or any(
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST for word in words_lower
    )


# --- Names -------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,5}s?\b")
_NAME_STOP = _word_set(
    """
    i a an the this that these those he she it we they you his her its our their my your
    in on at of for from by with to as and or but if when while after before since during
    there here then yet so also however meanwhile according mr mrs ms dr prof sir
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    """
)
# A sentence's first word is capitalised anyway: a name only if known to be one.
_KNOWN_NAMES = _word_set(
    """
    parliament congress senate government ministry police court army nato un eu who imf
    britain england scotland wales ireland france germany spain italy portugal poland
    ukraine russia china japan india pakistan brazil mexico canada australia africa europe
    asia america egypt israel iran iraq syria turkey greece sweden norway denmark finland
    netherlands belgium switzerland austria nigeria kenya ethiopia london paris berlin
    madrid rome moscow beijing washington brussels tokyo delhi kyiv gaza
    """
)
_TITLE_SMALL_WORDS = _word_set("a an the of in on to and or for at by with as but from nor vs")
_QUOTE_MARKS = "\"'“”‘’«»„‹›"
# What may stand before a sentence's first word.
_OPENING = _QUOTE_MARKS + " (["


def _names_count(text: str) -> int:
    """How many names (runs of capitalised words, acronyms) the sentence holds (see above)."""
    words = list(_WORD.finditer(text))
    if not words:
        return 0
    if sum(1 for w in words if w.group(0).isupper()) * 2 > len(words):
        return 0  # a headline in capitals: no telling names from the rest
    # A headline in title case: no word but the small ones in lower case.
    title_case = len(words) >= 4 and not any(
        w.group(0)[0].islower() and w.group(0) not in _TITLE_SMALL_WORDS for w in words
    )
    count = 0
    in_run = False
    # Where the sentence's opening quotation marks, spaces and brackets end: a word starting at
    # or before it opens the sentence (found once, not by stripping each word's prefix again).
    opening = len(text) - len(text.lstrip(_OPENING))
    for index, match in enumerate(words):
        word = match.group(0)
        lower = word.casefold().rstrip("'’s")
        is_acronym = bool(_ACRONYM.fullmatch(word)) and word != "I"
        if title_case:
            named = is_acronym or lower in _KNOWN_NAMES
        elif index == 0 or match.start() <= opening:
            following = words[index + 1].group(0) if index + 1 < len(words) else ""
            named = (
                is_acronym
                or lower in _KNOWN_NAMES
                or (
                    word[0].isupper()
                    and lower not in _NAME_STOP
                    and following[:1].isupper()
                    and following.casefold() not in _NAME_STOP
                )
            )
        else:
            named = is_acronym or (word[0].isupper() and lower not in _NAME_STOP)
        # A name runs on over spaces only: "Anna Berg, Tom Reyes" is two.
        joined = index > 0 and text[words[index - 1].end() : match.start()].isspace()
        if named and not (in_run and joined):
            count += 1
        in_run = named
    return count


# --- Expensive parsers, behind cheap checks ----------------------------------------------------


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """The first word of every way quantulum3 writes a unit, lower-cased ("km", "tonnes")."""
    from quantulum3 import load

    units = load.units("en")
    surfaces = set(units.surfaces_lower) | {s.lower() for s in units.symbols}
    words = {surface.split()[0] for surface in surfaces if surface and surface[0].isalpha()}
    # Not quantities for a fact-checker: plain counts, durations (the date feature's business),
    # money and percentages (features of their own).
    return frozenset(words) - _NOT_QUANTITY_WORDS


_NOT_QUANTITY_WORDS = _word_set(
    """
    dimensionless pair pairs set sets pack packs piece pieces pc pcs percent percentage
    percentages per parts basis second seconds s sec min minute minutes h hour hours hr day
    days d week weeks wk month months mo year years yr y decade decades century centuries
    a an the of to in on at and or dollar dollars pound pounds euro euros cent cents pence
    p yen m b k bn t people times time
    """
)
_NUMBER_THEN_WORD = re.compile(
    r"(?<![\d.,])\d(?:[\d.,]*\d)?\s*(?:(?:thousand|million|billion|trillion)\s+)?(?:square\s+|cubic\s+)?"
    r"([^\W\d_][\w°²³/-]*)",
    re.IGNORECASE,
)
_QUANTITY_ENTITIES_SKIPPED = frozenset({"dimensionless", "currency", "time", "unknown"})


@lru_cache(maxsize=2048)
def _has_quantity(text: str) -> bool:
    """Whether quantulum3 finds a quantity with a unit (not a count, money, time or percent)."""
    unit_words = _unit_words()
    hits = [m for m in _NUMBER_THEN_WORD.finditer(text) if m.group(1).lower() in unit_words]
    # quantulum3 reads only a window around each of the first few hits: its time grows with
    # the text, and a 5,000-character run without a sentence end must not cost seconds.
    return any(
        _window_has_quantity(text[max(0, m.start() - _WINDOW) : m.end() + _WINDOW])
        for m in hits[:_WINDOWS_READ]
    )


_WINDOW = 24
_WINDOWS_READ = 3


@lru_cache(maxsize=2048)
def _window_has_quantity(window: str) -> bool:
    from annotations.core.facts import _quantulum

    try:
        quantities = _quantulum().parse(window)
    except Exception:  # noqa: BLE001  # quantulum3 raises on odd input; no quantity, then
        return False
    return any(
        q.unit.entity.name not in _QUANTITY_ENTITIES_SKIPPED and q.unit.name != "percentage"
        for q in quantities
    )


_SMALL_NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|a\s+few|several|many)"
)
_TIME_UNIT = r"(?:minute|hour|day|night|week|month|year|decade|centur(?:y|ie))s?"
# An age or a length of time used as a modifier: "a 24-year-old", "a 14-hour debate", "a
# three-year study". It describes who or what the story is about rather than stating its claim,
# so it reads as a date, not a figure. A span stated as such ("over nine years", "62 minutes
# less") stays a figure: it is often the claim itself.
_DURATION = re.compile(rf"\b{_SMALL_NUMBER}-{_TIME_UNIT}(?:-old)?\b", re.IGNORECASE)
# An age given as such: "aged 54", or set after a name between commas ("Anna Berg, 38, said",
# "said Tom Reyes, 72."). Like "a 24-year-old", it says who speaks, not what is claimed.
_AGE = re.compile(
    r"\baged\s+\d{1,3}\b"
    r"|(?<=[a-z]),\s(?:1\d|[2-9]\d|1[01]\d)"
    r"(?=,\s+(?:who|whose|from|of|a|an|the|said|says|told)\b|[.]?$)"
)
# A time of day ("21:45", "10.42pm", "at 7am"): when something happened, a date, not a figure
# (a live blog stamps every post with one).
_TIME_OF_DAY = re.compile(
    r"(?<![\d.,:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\b\.?)?(?![\d.,:]\d)"
    r"|(?<![\d.,:])(?:1[0-2]|0?\d)\s?[ap]\.?m\b\.?",
    re.IGNORECASE,
)


_DIGITS_MULTIPLIED = re.compile(
    r"(?<![\d.,])\d(?:[\d.,]*\d)?\s*(?:hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)


_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(_NUMBER_WORDS)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=2048)
def _has_spelled_number(text: str) -> bool:
    """Whether a number is written in words ("three million", "twenty-five"), as number-parser
    reads them (only where a number word occurs; fractions are the caller's business)."""
    import number_parser

    # "3 million" is a figure in digits already, not a number in words.
    text = _DIGITS_MULTIPLIED.sub("0", text)
    for match in list(_NUMBER_WORD.finditer(text))[:_WINDOWS_READ]:
        # A window around the word, as for quantulum3 above.
        window = text[max(0, match.start() - _WINDOW) : match.end() + _WINDOW]
        try:
            parsed = number_parser.parse(window, language="en")
        except Exception:  # noqa: BLE001, S112  # number-parser raises on odd input: not a number
            continue
        if len(_NUMBER.findall(parsed)) > len(_NUMBER.findall(window)):
            return True
    return False


# --- The features ------------------------------------------------------------------------------


def _comparing(text: str) -> bool:
    """Whether a "than" compares ("higher than", "more than"; not "rather than")."""
    return any(
        match.group(1).casefold() not in _NOT_COMPARING
        and (match.group(1).casefold().endswith("er") or match.group(1).casefold() in _LESS_MORE)
        for match in _THAN.finditer(text)
    )


_LESS_MORE = _word_set("more less fewer")


def _is_english(language: str) -> bool:
    return language.split("-")[0].lower() in ("en", "")


def sentence_features(text: str, *, language: str = "en") -> dict[str, float]:
    """Every name of FEATURE_NAMES with its value (0 when absent) for this text.

    See the module docstring for how each is found; a language other than English gets the
    language-neutral features only.
    """
    features = dict.fromkeys(FEATURE_NAMES, 0.0)
    english = _is_english(language)
    # Figures as English writes them ("١٢٫٥" -> "12.5", "1 200" -> "1,200"), same length.
    text = figures_read(text, language=language)
    # Figures, percentages, money, quantities and numeric dates all need a digit: one cheap
    # search spares the others on most sentences.
    digits = _NUMBER.search(text) is not None
    years = list(_YEAR.finditer(text)) if digits else []
    dated = bool(
        years or (digits and _ISO_DATE.search(text)) or (english and _DATE_EN.search(text))
    )
    # A year is a date, not a figure: "in 2019" alone is no statistic.
    year_spans = {(m.start(), m.end()) for m in years}
    # Ages and spans of time are read as dates, and their numbers are no figures (see _DURATION).
    durations = [(m.start(), m.end()) for m in _DURATION.finditer(text)] if english else []
    if digits:
        durations += [(m.start(), m.end()) for m in _TIME_OF_DAY.finditer(text)]
        if english:
            durations += [(m.start(), m.end()) for m in _AGE.finditer(text)]
    if durations:
        dated = True
        text_figures = text
        for start, end in durations:
            text_figures = text_figures[:start] + " " * (end - start) + text_figures[end:]
    else:
        text_figures = text
    figures = (
        [m for m in _NUMBER.finditer(text_figures) if (m.start(), m.end()) not in year_spans]
        if digits
        else []
    )
    features["number"] = float(min(len(figures), NUMBER_CAP))
    features["date"] = float(dated)
    if digits:
        features["percentage"] = float(
            bool(
                _PERCENT_SIGN.search(text)
                or (
                    _PERCENT_WORDS.search(text)
                    if english
                    else percent_in_words(text, language=language)
                )
            )
        )
        features["money"] = float(
            bool(
                _CURRENCY_SIGN.search(text)
                or (
                    _CURRENCY_WORDS.search(text)
                    if english
                    else money_in_words(text, language=language)
                )
            )
        )
        features["quantity"] = float(
            bool(_UNIT_SYMBOL.search(text) or (english and figures and _has_quantity(text)))
        )
    features["question"] = float(bool(_QUESTION.search(text)))
    words = len(text.split())
    spaced = words > 1 or len(text) < SHORT_CHARACTERS
    features["short"] = float(words < SHORT_WORDS if spaced else len(text) < SHORT_CHARACTERS)
    if not english:
        features["spelled_number"] = float(number_in_words(text_figures, language=language))
        return features
    written = set(_TOKEN.findall(text))
    # The text without its relative clauses about a person (_WHO_CLAUSE), same length.
    text_claim = _WHO_CLAUSE.sub(lambda m: " " * len(m.group(0)), text)
    words_lower = {word.casefold().replace("’", "'") for word in written}
    features["spelled_number"] = float(
        bool(words_lower & _FRACTION_WORDS)
        or bool(_FRACTION.search(text))
        or bool(_ONE_IN_N.search(text))
        or (bool(words_lower & _NUMBER_WORDS) and _has_spelled_number(text_figures))
    )
    features["comparative"] = float(
        bool(words_lower & _COMPARATIVE_WORDS)
        or ("than" in words_lower and _comparing(text))
        or bool(_COMPARATIVE_PHRASE.search(text))
    )
    features["superlative"] = float(
        bool(words_lower & _SUPERLATIVE_WORDS)
        or any(
            len(word) > 4 and word.endswith("est") and word not in _NOT_SUPERLATIVE
            for word in words_lower
        )
        or bool(_SUPERLATIVE_PHRASE.search(text_claim))
    )
    features["attribution"] = float(bool(words_lower & _ATTRIBUTION_WORDS))
    features["named_entity"] = float(min(_names_count(text), NAMED_ENTITY_CAP))
    features["statistic"] = float(
        bool(words_lower & _STATISTIC_WORDS) or bool(_STATISTIC_PHRASE.search(text))
    )
    features["causal"] = float(
        bool(words_lower & _CAUSAL_WORDS) or bool(_CAUSAL_PHRASE.search(text))
    )
    features["universal"] = float(bool(_UNIVERSAL_PHRASE.search(text)))
    features["count"] = float(
        any(
            m.group(1).casefold() not in _NOT_COUNTED and not _YEAR.fullmatch(m.group(0).split()[0])
            for m in _COUNT.finditer(text_figures)
        )
    )
    features["official"] = float(bool(_OFFICIAL_PHRASE.search(text)))
    features["time_comparison"] = float(bool(_TIME_COMPARISON.search(text_claim)))
    features["dated_event"] = float(_dated_past(text_claim, words_lower))
    features["hedge"] = float(
        "may" in written or bool(words_lower & _HEDGE_WORDS) or bool(_HEDGE_PHRASE.search(text))
    )
    features["opinion"] = float(
        bool(words_lower & _OPINION_WORDS) or bool(_OPINION_PHRASE.search(text))
    )
    features["personal"] = float("us" in written or bool(words_lower & _PERSONAL_WORDS))
    features["future"] = float(
        bool(words_lower & _FUTURE_WORDS) or bool(_FUTURE_PHRASE.search(text))
    )
    return features


def feature_labels(features: dict[str, float]) -> list[str]:
    """The names of the features present, as the page and the API show them, in column order."""
    return [FEATURE_LABELS.get(name, name) for name in FEATURE_NAMES if features.get(name)]
