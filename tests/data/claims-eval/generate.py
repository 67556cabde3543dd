"""Writes claims.jsonl and queries.jsonl in this folder (see README.md): run it from the
repository root with `python tests/data/claims-eval/generate.py`. Deterministic (fixed seed).

Each template below is a claim form written for this project, with hand-written paraphrases
(other wording, active/passive, abbreviations, other number formats) and slots. A claim fills
the slots; its paraphrase query fills a paraphrase form with the same facts, rendered in
another format where the slot has one; its hard negative changes exactly one slot's value.
"""

# ruff: noqa: E501  (the claim and paraphrase forms are data: one form a line reads best)

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
SEED = 12
PER_TEMPLATE = 9
_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + _SMALL[n % 10])
    if n < 1000 and n % 100 == 0:
        return f"{_SMALL[n // 100]} hundred"
    if n < 1000:
        return f"{_SMALL[n // 100]} hundred and {words(n % 100)}"
    return f"{n:,}"


@dataclass(frozen=True)
class Slot:
    kind: str  # the fact it holds: figure, date, place, person, organisation, direction, term
    values: tuple[object, ...]

    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        return str(value)


class Percent(Slot):
    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        v = float(value)  # type: ignore[arg-type]
        text = f"{v:g}"
        if not alternative:
            return f"{text}%"
        forms = [f"{text} per cent", f"{text} percent", f"{text.replace('.', ',')} %"]
        if v < 20 and v * 10 % 10:
            forms.append(f"{words(int(v))} point {_SMALL[int(round(v * 10)) % 10]} per cent")
        return rng.choice(forms)


class Count(Slot):
    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        n = int(value)  # type: ignore[call-overload]
        if not alternative:
            return f"{n:,}"
        forms = [str(n)] if n >= 1000 else [words(n), str(n)]
        return rng.choice(forms)


class Money(Slot):
    """Values in millions of dollars."""

    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        millions = float(value)  # type: ignore[arg-type]
        if millions >= 1000:
            b = f"{millions / 1000:g}"
            return (
                rng.choice([f"${b}bn", f"{b} billion dollars"]) if alternative else f"${b} billion"
            )
        m = f"{millions:g}"
        return rng.choice([f"${m}m", f"{m} million dollars"]) if alternative else f"${m} million"


class Named(Slot):
    """Values are (full, short) pairs: the claim writes the full form, a paraphrase may
    abbreviate."""

    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        full, short = value  # type: ignore[misc]
        return str(short if alternative else full)


class Direction(Slot):
    """Values are (claim verb, paraphrase verbs...)."""

    def render(self, value: object, alternative: bool, rng: random.Random) -> str:
        forms = value  # type: ignore[assignment]
        return str(rng.choice(forms[1:]) if alternative else forms[0])  # type: ignore[index]


UP_PAST = ("rose", "increased", "climbed", "went up")
DOWN_PAST = ("fell", "decreased", "dropped", "declined")
UP_PRES = ("rises", "increases", "climbs", "goes up")
DOWN_PRES = ("falls", "decreases", "drops", "declines")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
COUNTRIES = [
    "Kenya",
    "Brazil",
    "Poland",
    "Canada",
    "Japan",
    "Mexico",
    "Spain",
    "Nigeria",
    "Vietnam",
    "Chile",
    "Ireland",
    "Egypt",
    "Norway",
    "Peru",
    "Ghana",
    "Portugal",
    "Turkey",
    "Colombia",
]
CITIES = [
    "Lagos",
    "Manchester",
    "Lyon",
    "Porto",
    "Osaka",
    "Denver",
    "Leeds",
    "Nairobi",
    "Krakow",
    "Seville",
    "Bristol",
    "Turin",
    "Cardiff",
    "Rotterdam",
    "Ghent",
    "Bologna",
    "Marseille",
    "Glasgow",
]
PEOPLE = (
    "Maria Lopez|Lopez",
    "James Carter|Carter",
    "Amina Yusuf|Yusuf",
    "Peter Novak|Novak",
    "Elena Rossi|Rossi",
    "David Okafor|Okafor",
    "Sophie Martin|Martin",
    "Hiroshi Tanaka|Tanaka",
    "Laura Jensen|Jensen",
    "Samuel Mensah|Mensah",
    "Clara Weber|Weber",
    "Tomas Silva|Silva",
)
STATS = (
    ("the National Statistics Office", "the NSO"),
    ("the Central Bank", "the CB"),
    ("the Labour Ministry", "the ministry"),
    ("the Institute for Fiscal Studies", "the IFS"),
)
HEALTH = (
    ("the World Health Organization", "the WHO"),
    ("the Health Ministry", "the ministry"),
    ("Doctors Without Borders", "MSF"),
    ("the Red Cross", "the Red Cross"),
)
POLLSTERS = ("YouGov", "Survation", "Gallup", "Deltapoll", "Savanta", "Kantar")
CLUBS = ("Arsenal", "Juventus", "Benfica", "Ajax", "Celtic", "Porto", "Lazio", "Sevilla")
COMPANIES = ("Volvo", "Siemens", "Nokia", "Unilever", "Shell", "Philips", "Toyota", "Nestle")
DISEASES = ("measles", "cholera", "dengue", "malaria", "mpox", "tuberculosis")
INDICATORS = ("unemployment", "inflation")


def pct(lo: float, hi: float) -> Percent:
    return Percent("figure", tuple(round(lo + i * 0.1, 1) for i in range(int((hi - lo) * 10))))


def count(lo: int, hi: int, step: int = 1) -> Count:
    return Count("figure", tuple(range(lo, hi, step)))


def names(kind: str, options: tuple[str, ...] | tuple[tuple[str, str], ...]) -> Slot:
    pairs = tuple(
        tuple(o.split("|"))
        if isinstance(o, str) and "|" in o
        else (o if isinstance(o, tuple) else (o, o))
        for o in options
    )
    return Named(kind, pairs)


YEARS = Slot("date", tuple(range(2015, 2025)))
MONTH = Slot("date", tuple(MONTHS))
DAY = Slot("date", tuple(range(2, 28)))
COUNTRY = Slot("place", tuple(COUNTRIES))
CITY = Slot("place", tuple(CITIES))
PERSON = names("person", PEOPLE)
DIR_PAST = Direction("direction", (UP_PAST, DOWN_PAST))
DIR_PRES = Direction("direction", (UP_PRES, DOWN_PRES))


@dataclass(frozen=True)
class Template:
    topic: str
    claim: str
    paraphrases: tuple[str, ...]
    slots: dict[str, Slot]


T = Template
TEMPLATES = (
    T(
        "economy",
        "{country}'s unemployment rate {dir} to {p} in {month} {year}, {org} said.",
        (
            "According to {org~}, joblessness in {country} {dir~} to {p~} in {month} {year}.",
            "In {month} {year} the jobless rate in {country} {dir~} to {p~}, {org~} reported.",
        ),
        {
            "country": COUNTRY,
            "dir": DIR_PAST,
            "p": pct(3, 12),
            "month": MONTH,
            "year": YEARS,
            "org": names("organisation", STATS),
        },
    ),
    T(
        "economy",
        "Annual inflation in {country} {dir} to {p} in {month}, the highest since {year}.",
        (
            "{country}'s consumer prices {dir~} to {p~} year on year in {month}, a level not seen since {year}.",
            "In {month}, {country} saw yearly inflation of {p~} after it {dir~}, the highest level since {year}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "p": pct(2, 15), "month": MONTH, "year": YEARS},
    ),
    T(
        "economy",
        "{company} will cut {n} jobs in {country} by the end of {year}.",
        (
            "By the end of {year}, {n~} jobs in {country} will be cut by {company}.",
            "{company} plans to eliminate {n~} positions in {country} before {year} is over.",
        ),
        {
            "company": names("organisation", COMPANIES),
            "n": count(200, 9000, 50),
            "country": COUNTRY,
            "year": YEARS,
        },
    ),
    T(
        "economy",
        "The government of {country} borrowed {m} more than planned in {year}.",
        (
            "{country}'s government took on {m~} of extra borrowing in {year}, more than it had planned.",
            "In {year} borrowing by the {country} government was {m~} higher than forecast.",
        ),
        {
            "country": COUNTRY,
            "m": Money(
                "figure", (120.0, 450.0, 800.0, 1500.0, 2300.0, 3200.0, 4700.0, 7500.0, 9100.0)
            ),
            "year": YEARS,
        },
    ),
    T(
        "economy",
        "House prices in {city} {dir} by {p} over the past year, {org} found.",
        (
            "{org~} found that homes in {city} {dir~} in price by {p~} in the last twelve months.",
            "Over the last year, the average price of a house in {city} {dir~} by {p~}, according to {org~}.",
        ),
        {"city": CITY, "dir": DIR_PAST, "p": pct(1, 14), "org": names("organisation", STATS)},
    ),
    T(
        "economy",
        "{country} exported {m} worth of coffee in {year}.",
        (
            "Coffee exports from {country} were worth {m~} in {year}.",
            "In {year}, {country} sold {m~} of coffee abroad.",
        ),
        {
            "country": COUNTRY,
            "m": Money(
                "figure", (150.0, 310.0, 560.0, 880.0, 1200.0, 1900.0, 2600.0, 3400.0, 5100.0)
            ),
            "year": YEARS,
        },
    ),
    T(
        "economy",
        "{country} imports {p} of its wheat from abroad.",
        (
            "{p~} of the wheat consumed in {country} comes from other countries.",
            "About {p~} of {country}'s wheat is bought from foreign suppliers.",
        ),
        {"country": COUNTRY, "p": Percent("figure", tuple(float(x) for x in range(12, 95)))},
    ),
    T(
        "health",
        "{org} reported {n} new cases of {disease} in {country} in {month}.",
        (
            "In {month}, {n~} new {disease} cases were recorded in {country}, according to {org~}.",
            "{country} recorded {n~} fresh cases of {disease} in {month}, {org~} said.",
        ),
        {
            "org": names("organisation", HEALTH),
            "n": count(40, 5000, 7),
            "disease": Slot("term", DISEASES),
            "country": COUNTRY,
            "month": MONTH,
        },
    ),
    T(
        "health",
        "Hospital waiting lists in {country} {dir} by {n} patients in {year}.",
        (
            "The number of patients waiting for hospital treatment in {country} {dir~} by {n~} in {year}.",
            "Waiting lists for hospital care in {country} {dir~} by {n~} patients over {year}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "n": count(1200, 90000, 350), "year": YEARS},
    ),
    T(
        "health",
        "Only {p} of children in {city} were vaccinated against measles in {year}.",
        (
            "In {year}, measles vaccination coverage among children in {city} was just {p~}.",
            "Just {p~} of {city}'s children had received a measles vaccine in {year}.",
        ),
        {
            "city": CITY,
            "p": Percent("figure", tuple(float(x) for x in range(41, 96))),
            "year": YEARS,
        },
    ),
    T(
        "health",
        "Health minister {person} said {n} nurses left the profession in {year}.",
        (
            "{n~} nurses quit the profession in {year}, according to the health minister, {person~}.",
            "According to {person~}, the health minister, {n~} nurses left nursing in {year}.",
        ),
        {"person": PERSON, "n": count(300, 20000, 113), "year": YEARS},
    ),
    T(
        "crime",
        "Police in {city} arrested {n} people after protests on {day} {month}.",
        (
            "{n~} people were arrested by police in {city} following protests on {month} {day}.",
            "After the protests of {day} {month}, {city} police detained {n~} people.",
        ),
        {"city": CITY, "n": count(12, 900, 3), "day": DAY, "month": MONTH},
    ),
    T(
        "crime",
        "Recorded burglaries in {city} {dir} by {p} in {year}.",
        (
            "The number of burglaries recorded in {city} {dir~} by {p~} in {year}.",
            "Burglaries reported to the police in {city} {dir~} {p~} in {year}.",
        ),
        {"city": CITY, "dir": DIR_PAST, "p": pct(2, 30), "year": YEARS},
    ),
    T(
        "crime",
        "{person} was sentenced to {n} years in prison for fraud in {city}.",
        (
            "A court in {city} jailed {person~} for {n~} years for fraud.",
            "{person~} received a {n}-year prison sentence for fraud in {city}.",
        ),
        {"person": PERSON, "n": count(2, 19), "city": CITY},
    ),
    T(
        "politics",
        "A {pollster} poll puts support for the governing party in {country} at {p}.",
        (
            "Support for {country}'s ruling party stands at {p~}, according to a {pollster} survey.",
            "According to {pollster}, {p~} of voters in {country} back the governing party.",
        ),
        {
            "pollster": names("organisation", POLLSTERS),
            "country": COUNTRY,
            "p": Percent("figure", tuple(float(x) for x in range(18, 61))),
        },
    ),
    T(
        "politics",
        "The parliament of {country} {vote} the budget by {n} votes to {k}.",
        (
            "By {n~} votes to {k~}, {country}'s parliament {vote~} the budget.",
            "The budget was {vote~} by {country}'s parliament, {n~} votes to {k~}.",
        ),
        {
            "country": COUNTRY,
            "vote": Direction(
                "direction",
                (("approved", "approved", "passed"), ("rejected", "rejected", "voted down")),
            ),
            "n": count(151, 320, 4),
            "k": count(20, 150, 3),
        },
    ),
    T(
        "politics",
        "Mayor {person} promised to build {n} new homes in {city} by {year}.",
        (
            "{n~} new homes will be built in {city} by {year}, mayor {person~} promised.",
            "{city}'s mayor, {person~}, pledged {n~} new homes by {year}.",
        ),
        {"person": PERSON, "n": count(1000, 60000, 500), "city": CITY, "year": YEARS},
    ),
    T(
        "politics",
        "Turnout in the {year} election in {country} was {p}.",
        (
            "{p~} of voters in {country} cast a ballot in the {year} election.",
            "In {country}'s {year} election, turnout stood at {p~}.",
        ),
        {
            "year": YEARS,
            "country": COUNTRY,
            "p": Percent("figure", tuple(float(x) for x in range(38, 90))),
        },
    ),
    T(
        "politics",
        "{person} {move} {country}'s coalition government on {day} {month}.",
        (
            "On {month} {day}, {person~} {move~} the coalition government of {country}.",
            "{country}'s coalition government was {move~} by {person~} on {day} {month}.",
        ),
        {
            "person": PERSON,
            "move": Direction(
                "direction", (("joined", "joined", "joined"), ("left", "left", "left"))
            ),
            "country": COUNTRY,
            "day": DAY,
            "month": MONTH,
        },
    ),
    T(
        "climate",
        "{city} recorded a temperature of {n} degrees Celsius on {day} {month}, a record.",
        (
            "On {month} {day}, the thermometer in {city} reached a record {n} degrees Celsius.",
            "A record {n} degrees Celsius was measured in {city} on {day} {month}.",
        ),
        {"city": CITY, "n": count(31, 48), "day": DAY, "month": MONTH},
    ),
    T(
        "climate",
        "{country}'s carbon emissions {dir} by {p} in {year}.",
        (
            "In {year}, the carbon emissions of {country} {dir~} by {p~}.",
            "Emissions of carbon dioxide in {country} {dir~} {p~} in {year}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "p": pct(1, 12), "year": YEARS},
    ),
    T(
        "climate",
        "Floods in {country} displaced {n} people in {month} {year}.",
        (
            "{n~} people were forced from their homes by flooding in {country} in {month} {year}.",
            "In {month} {year}, flooding in {country} drove {n~} people from their homes.",
        ),
        {"country": COUNTRY, "n": count(800, 250000, 900), "month": MONTH, "year": YEARS},
    ),
    T(
        "energy",
        "Wind power supplied {p} of {country}'s electricity in {year}.",
        (
            "In {year}, {p~} of the electricity used in {country} came from wind turbines.",
            "{country} got {p~} of its power from wind in {year}.",
        ),
        {
            "p": Percent("figure", tuple(float(x) for x in range(4, 60))),
            "country": COUNTRY,
            "year": YEARS,
        },
    ),
    T(
        "energy",
        "Petrol prices in {country} {dir} to {n} cents a litre in {month}.",
        (
            "In {month}, a litre of petrol in {country} {dir~} to {n~} cents.",
            "The price of petrol in {country} {dir~} to {n~} cents per litre in {month}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "n": count(95, 240), "month": MONTH},
    ),
    T(
        "energy",
        "{country} {trade} electricity for the first time in {year}.",
        (
            "For the first time, in {year}, {country} {trade~} electricity.",
            "In {year}, {country} {trade~} power for the first time ever.",
        ),
        {
            "country": COUNTRY,
            "trade": Direction(
                "direction",
                (("exported", "exported", "exported"), ("imported", "imported", "imported")),
            ),
            "year": YEARS,
        },
    ),
    T(
        "aid",
        "{country} sends {n} tonnes of food aid to {other} every month.",
        (
            "Every month, {n~} tonnes of food aid are sent by {country} to {other}.",
            "{other} receives {n~} tonnes of food aid from {country} each month.",
        ),
        {
            "country": COUNTRY,
            "n": count(50, 5000, 25),
            "other": Slot("place", tuple(reversed(COUNTRIES))),
        },
    ),
    T(
        "education",
        "{p} of pupils in {city} passed the maths exam in {year}.",
        (
            "In {year}, {p~} of {city}'s pupils passed their maths exam.",
            "The maths exam pass rate in {city} was {p~} in {year}.",
        ),
        {
            "p": Percent("figure", tuple(float(x) for x in range(35, 96))),
            "city": CITY,
            "year": YEARS,
        },
    ),
    T(
        "education",
        "University tuition fees in {country} {dir} to {m} a year.",
        (
            "Annual university fees in {country} {dir~} to {m~}.",
            "Students in {country} now pay {m~} a year in tuition after fees {dir~}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "m": Count("figure", tuple(range(1200, 14000, 250)))},
    ),
    T(
        "education",
        "{n} schools in {country} closed because of a teachers' strike on {day} {month}.",
        (
            "A teachers' strike on {month} {day} shut {n~} schools in {country}.",
            "On {day} {month}, {n~} schools across {country} were closed by a teachers' strike.",
        ),
        {"n": count(40, 6000, 17), "country": COUNTRY, "day": DAY, "month": MONTH},
    ),
    T(
        "migration",
        "{n} migrants crossed the sea to {country} in {month} {year}.",
        (
            "In {month} {year}, {n~} migrants reached {country} by sea.",
            "{country} saw {n~} migrants arrive by boat in {month} {year}.",
        ),
        {"n": count(300, 40000, 211), "country": COUNTRY, "month": MONTH, "year": YEARS},
    ),
    T(
        "migration",
        "{country} granted asylum to {p} of applicants in {year}.",
        (
            "In {year}, {p~} of asylum applications in {country} were approved.",
            "{country} accepted {p~} of asylum claims in {year}.",
        ),
        {
            "country": COUNTRY,
            "p": Percent("figure", tuple(float(x) for x in range(8, 80))),
            "year": YEARS,
        },
    ),
    T(
        "transport",
        "{p} of trains in {country} ran late in {month}, {org} said.",
        (
            "{org~} said {p~} of {country}'s trains were delayed in {month}.",
            "In {month}, {p~} of train services in {country} arrived late, according to {org~}.",
        ),
        {
            "p": Percent("figure", tuple(float(x) for x in range(5, 45))),
            "country": COUNTRY,
            "month": MONTH,
            "org": names(
                "organisation",
                (
                    ("the Rail Regulator", "the regulator"),
                    ("the Transport Ministry", "the ministry"),
                    ("the Office of Rail and Road", "the ORR"),
                ),
            ),
        },
    ),
    T(
        "transport",
        "Road deaths in {country} {dir} to {n} in {year}.",
        (
            "{country} recorded {n~} road deaths in {year} after they {dir~}.",
            "In {year}, the number of people killed on {country}'s roads {dir~} to {n~}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "n": count(150, 4500, 13), "year": YEARS},
    ),
    T(
        "technology",
        "{company} paid a fine of {m} to the regulator in {country}.",
        (
            "The regulator in {country} fined {company} {m~}.",
            "A {m~} fine was paid by {company} to {country}'s regulator.",
        ),
        {
            "company": names("organisation", COMPANIES),
            "m": Money("figure", (2.5, 8.0, 14.0, 35.0, 60.0, 95.0, 140.0, 380.0, 720.0)),
            "country": COUNTRY,
        },
    ),
    T(
        "technology",
        "{p} of households in {country} had broadband internet in {year}.",
        (
            "In {year}, broadband internet reached {p~} of homes in {country}.",
            "Broadband was available in {p~} of {country}'s households in {year}.",
        ),
        {
            "p": Percent("figure", tuple(float(x) for x in range(30, 99))),
            "country": COUNTRY,
            "year": YEARS,
        },
    ),
    T(
        "sport",
        "{club} {result} the final against {other} on {day} {month}.",
        (
            "On {month} {day}, {club} {result~} the final against {other}.",
            "The final against {other} on {day} {month} was {result~} by {club}.",
        ),
        {
            "club": Slot("organisation", CLUBS),
            "result": Direction("direction", (("won", "won", "won"), ("lost", "lost", "lost"))),
            "other": Slot("organisation", tuple(reversed(CLUBS))),
            "day": DAY,
            "month": MONTH,
        },
    ),
    T(
        "sport",
        "{club} signed {person} for {m} in {year}.",
        (
            "In {year}, {person~} joined {club} for a fee of {m~}.",
            "{person~} was signed by {club} for {m~} in {year}.",
        ),
        {
            "club": Slot("organisation", CLUBS),
            "person": PERSON,
            "m": Money("figure", (4.0, 12.0, 18.5, 25.0, 40.0, 55.0, 70.0, 90.0, 120.0)),
            "year": YEARS,
        },
    ),
    T(
        "agriculture",
        "The wheat harvest in {country} {dir} by {p} in {year}.",
        (
            "The wheat crop that {country}'s farmers brought in {dir~} by {p~} in {year}.",
            "In {year}, {country}'s wheat harvest {dir~} by {p~}.",
        ),
        {"country": COUNTRY, "dir": DIR_PAST, "p": pct(2, 25), "year": YEARS},
    ),
    T(
        "conflict",
        "Shelling killed {n} civilians in {city} on {day} {month}, {org} said.",
        (
            "{n~} civilians were killed by shelling in {city} on {month} {day}, according to {org~}.",
            "{org~} said {n~} civilians died in shelling on {city} on {day} {month}.",
        ),
        {
            "n": count(3, 400, 2),
            "city": CITY,
            "day": DAY,
            "month": MONTH,
            "org": names(
                "organisation",
                (
                    ("the United Nations", "the UN"),
                    ("Human Rights Watch", "HRW"),
                    ("Amnesty International", "Amnesty"),
                    ("the Red Cross", "the Red Cross"),
                ),
            ),
        },
    ),
)

UNRELATED = """
The museum reopened its east wing after a two-year renovation.
A new species of frog was described by biologists working in the cloud forest.
The orchestra will tour four cities next spring.
Scientists are studying how bees find their way home.
The bakery on the corner sells bread made with ancient grains.
Volunteers planted trees along the river bank on Sunday morning.
The novel follows a lighthouse keeper and his daughter.
Astronomers photographed a comet passing close to the sun.
The festival features street food from around the world.
A rare manuscript was found in the library's basement.
The chess champion defended her title in a tense final game.
Local farmers sell honey and cheese at the weekly market.
The film was shot entirely on black and white film stock.
A violinist played for commuters at the central station.
The zoo welcomed the birth of a baby giraffe.
Researchers taught a robot to fold laundry.
The cathedral's bells were restored by a team of craftsmen.
A marathon runner finished the race dressed as a banana.
The city's oldest cinema is celebrating its anniversary.
Children built a giant sandcastle on the beach.
The chef shared a recipe for lemon tart.
A documentary about deep sea creatures premiered at the festival.
The poet read from her new collection at the bookshop.
A team of divers mapped a shipwreck off the coast.
The gardeners grew a pumpkin the size of a small car.
A photographer captured the northern lights over the fjord.
The theatre is staging a new production of a classic comedy.
An amateur astronomer discovered a supernova.
The village holds a cheese rolling race every summer.
Archaeologists uncovered a Roman mosaic under a car park.
The composer wrote a symphony inspired by the sea.
A cat climbed onto the roof of the town hall and refused to come down.
The choir sang carols in the market square.
A tech startup unveiled a folding bicycle.
The painter donated her works to the local gallery.
Birdwatchers spotted a flock of flamingos at the lake.
The author signed copies of his memoir for fans.
The restaurant received praise for its vegetarian menu.
A young pianist won a scholarship to study abroad.
The park's fountain was switched back on after repairs.
Engineers tested a bridge made from recycled plastic.
The library extended its opening hours on weekends.
A dog found its way home after being lost for weeks.
The band announced a reunion concert.
A sculptor carved a bear out of a tree trunk.
The school garden produced its first tomatoes.
Hikers reached the summit just before sunrise.
The designer presented a collection inspired by the desert.
A street artist painted a mural of a whale on a tower block.
Students built a solar powered go-kart.
The old railway line has become a cycling path.
Fishermen reported an unusually large catch of mackerel.
The magician's show sold out within hours.
A tortoise celebrated its hundredth birthday at the sanctuary.
The castle opened its gardens to visitors for the first time.
Knitters made blankets for the animal shelter.
A baker set a record for the longest loaf of bread.
The observatory hosts free stargazing evenings.
A team of students designed an app to identify mushrooms.
The community centre offers free dance classes for seniors.
The lighthouse was painted red and white again.
A jazz trio played in the botanical garden.
The puppet theatre celebrated its founder's legacy.
The beach clean-up collected bags of plastic litter.
Researchers recorded the songs of humpback whales.
The island's ferry timetable changes in winter.
A glassblower demonstrated his craft to schoolchildren.
The kite festival filled the sky with colour.
The bookshop cat has become a local celebrity.
The vineyard began harvesting grapes earlier than usual.
""".strip().splitlines()


SLOT = re.compile(r"\{(\w+)(~?)\}")


def render(form: str, template: Template, values: dict[str, object], rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        name, alternative = match.group(1), bool(match.group(2))
        return template.slots[name].render(values[name], alternative, rng)

    text = SLOT.sub(one, form)
    return text[0].upper() + text[1:]


def _distinct_places(values: dict[str, object]) -> bool:
    """A claim names two different countries or clubs where it names two."""
    return values.get("country") != values.get("other", object()) and values.get(
        "club"
    ) != values.get("other", object())


def main() -> None:
    rng = random.Random(SEED)
    claims, queries = [], []
    claim_id = 0
    for number, template in enumerate(TEMPLATES):
        seen: set[tuple[object, ...]] = set()
        chosen: list[dict[str, object]] = []
        while len(chosen) < PER_TEMPLATE:
            values = {name: rng.choice(slot.values) for name, slot in template.slots.items()}
            key = tuple(str(values[name]) for name in sorted(values))
            if key not in seen and _distinct_places(values):
                seen.add(key)
                chosen.append(values)
        for values in chosen:
            claim_id += 1
            split = "test" if claim_id % 2 == 0 else "train"
            text = render(template.claim, template, values, rng)
            claims.append(
                {
                    "id": claim_id,
                    "text": text,
                    "topic": template.topic,
                    "template": number,
                    "split": split,
                }
            )
            paraphrase = render(rng.choice(template.paraphrases), template, values, rng)
            queries.append(
                {
                    "query": paraphrase,
                    "claim": claim_id,
                    "kind": "paraphrase",
                    "changed": None,
                    "split": split,
                }
            )
            # The hard negative: one slot's value changed, to a combination no claim has.
            changeable = [name for name in template.slots]
            while True:
                slot_name = rng.choice(changeable)
                other = dict(values, **{slot_name: rng.choice(template.slots[slot_name].values)})
                key = tuple(str(other[name]) for name in sorted(other))
                if (
                    other[slot_name] != values[slot_name]
                    and key not in seen
                    and _distinct_places(other)
                ):
                    break
            form = template.claim if rng.random() < 0.6 else rng.choice(template.paraphrases)
            negative = render(form, template, other, rng)
            queries.append(
                {
                    "query": negative,
                    "claim": claim_id,
                    "kind": "hard_negative",
                    "changed": template.slots[slot_name].kind,
                    "split": split,
                }
            )
    for number, sentence in enumerate(UNRELATED):
        queries.append(
            {
                "query": sentence,
                "claim": None,
                "kind": "unrelated",
                "changed": None,
                "split": "test" if number % 2 else "train",
            }
        )
    with (HERE / "claims.jsonl").open("w") as out:
        out.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in claims)
    with (HERE / "queries.jsonl").open("w") as out:
        out.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in queries)


if __name__ == "__main__":
    main()
