"""python manage.py load_demo_desk: a small desk to try factcheck with. Idempotent.

Besides articles and reviews it shows claim memory: the school nurses claim has a published
verdict and appears in two articles, the October record appears in two articles, and a small
ClaimReview document written for the demo brings three other fact-checkers' reviews, one of
which the matcher puts under the desk's nurses claim."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from annotations.models import Annotation, Article, Claim, ClaimUnit, Suggestion, VerdictLabel
from annotations.roles import Role
from annotations.services.adjudication import VerdictInput, unit_decide, verdict_publish
from annotations.services.agreement import article_agreement_recompute
from annotations.services.annotations import SourceInput, TargetInput, annotation_create
from annotations.services.articles import article_create
from annotations.services.claims import claim_create_from_unit, claim_link
from annotations.services.fact_checks import fact_checks_import_document
from annotations.services.reviews import review_submit
from annotations.services.revisions import article_revise
from annotations.services.suggestions import revision_suggestions_compute

DEMO_PASSWORD = "factcheck-demo"  # noqa: S105 (the demo desk's published password)
DEMO_USERS = [
    ("editor", Role.EDITOR),
    ("alice", Role.REVIEWER),
    ("bruno", Role.REVIEWER),
    ("chen", Role.REVIEWER),
]

# The weather article's quotes, which no one but Bruno highlighted: a reviewer can accept them
# from the suggestions, the first with a speaker the desk is sure of, the second with one it is
# not (two growers are named and "one of them" spoke; tests/services/test_commands.py checks it).
RECORD_QUOTE = '"October has not been this warm since our records began in 1874,"'
GROWERS_QUOTE = '"We picked twice as many grapes as last year, and the heat is the only reason."'
GROWERS_SPEAKER = "Lena Holm"

# Written for this project; the places, people and figures are invented.
DEMO_ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Riverside council says new bus lanes halved commute times",
        "byline": "Maya Okafor",
        "publisher": "The Riverside Ledger",
        "source_url": "https://ledger.example.org/2026/11/bus-lanes",
        "text": (
            "Riverside's city council on Monday hailed its new bus lanes as the most successful "
            "transport scheme in the region, a year after the first lane opened on Harbour "
            "Road.\n\n"
            '"Commute times on the number 7 route have been cut in half," said councillor '
            "Dana Whitfield at a press conference outside the central depot. She added that "
            "ridership had grown by 40 percent since last autumn.\n\n"
            "According to the council's own figures, average journey times on the route fell from "
            "38 minutes to 29 minutes during the morning peak. Ridership rose from 1.2 million to "
            "1.5 million trips over the same period.\n\n"
            "Opposition members questioned the cost. The scheme cost 14 million euros, more than "
            "twice the original budget, according to the council's audit committee."
        ),
        "claims": [
            (
                "Commute times on the number 7 route have been cut in half",
                "quote",
                "Dana Whitfield",
                ["false", "mostly-false", "false"],
            ),
            (
                "ridership had grown by 40 percent since last autumn",
                "claim",
                "",
                ["mostly-false", "mixed", "mostly-false"],
            ),
            (
                "The scheme cost 14 million euros, more than twice the original budget",
                "claim",
                "",
                ["true", "mostly-true", None],
            ),
        ],
    },
    {
        "title": "Heatwave record: 'hottest October day ever measured', says weather service",
        "byline": "Tomás Lindqvist",
        "publisher": "Northern Courier",
        "source_url": "https://courier.example.org/weather/october-record",
        "text": (
            "Temperatures reached 31.4°C in Eastvale on Thursday, which the national "
            "weather service called the hottest October day ever measured in the country. "
            "🌡️\n\n"
            "The previous record of 30.9°C was set in 1985, the service said in a statement. "
            "Meteorologists linked the heat to a blocking high-pressure system over the "
            "continent.\n\n"
            f"{RECORD_QUOTE}, said Ingrid Solberg, the service's chief climatologist.\n\n"
            "Local farmers said the warm autumn had doubled the grape harvest compared with last "
            "year. Hospitals reported no rise in heat-related admissions.\n\n"
            "Growers from the Eastvale cooperative, among them Petter Aas and Lena Holm, sold "
            "their first new wine at the market on Saturday. One of them said: "
            f"{GROWERS_QUOTE}"
        ),
        "claims": [
            # Bruno accepted the suggested quote and kept the speaker the desk was unsure of:
            # the editor's unit page says so.
            (GROWERS_QUOTE[1:-1], "quote", GROWERS_SPEAKER, [None, "unverifiable", None]),
            (
                "the hottest October day ever measured in the country",
                "claim",
                "",
                ["true", "true", "mostly-true"],
            ),
            (
                "the warm autumn had doubled the grape harvest compared with last year",
                "claim",
                "",
                ["unverifiable", "mixed", "unverifiable"],
            ),
        ],
    },
    {
        "title": "Minister: 'Every school will have a nurse by next year'",
        "byline": "Priya Raman",
        "publisher": "Capital Daily",
        "source_url": "https://capitaldaily.example.org/education/school-nurses",
        "text": (
            "The education minister promised on Wednesday that every public school would employ a "
            "full-time nurse by September next year.\n\n"
            '"We have already hired 2,000 nurses this year alone," the minister, Rafael Costa, '
            "told parliament. The ministry's budget documents list funding for 850 new posts.\n\n"
            "Unions welcomed the pledge but warned that the country has 6,300 public schools and "
            "fewer than 3,000 school nurses."
        ),
        "claims": [
            (
                "We have already hired 2,000 nurses this year alone",
                "quote",
                "Rafael Costa",
                ["false", "false", "mostly-false"],
            ),
        ],
    },
]

# A fourth article repeats two claims of the others: the desk's claim memory links them.
NURSES_CLAIM = "We have already hired 2,000 nurses this year alone"
NURSES_REPEATED = "2,000 nurses have been hired this year alone"
RECORD_CLAIM = "the hottest October day ever measured in the country"
DEMO_ARTICLES.append(
    {
        "title": "Opposition says school nurse figures 'do not add up'",
        "byline": "Jonas Berg",
        "publisher": "Western Herald",
        "source_url": "https://herald.example.org/politics/nurse-figures",
        "text": (
            "Opposition leaders on Friday questioned the education minister's statement that "
            f"{NURSES_REPEATED}.\n\n"
            "The ministry's own budget lists funding for 850 new posts, they said, and unions "
            "count fewer than 3,000 school nurses in the country.\n\n"
            "The row comes a week after the weather service said Eastvale had recorded "
            f"{RECORD_CLAIM}."
        ),
        "claims": [
            (NURSES_REPEATED, "claim", "", [None, "false", "false"]),
            (RECORD_CLAIM, "claim", "", [None, "true", "true"]),
        ],
    }
)
# Two articles in other languages (issue 17): Arabic, read right to left with Western digits
# inside, and French with guillemets. Written for this project; places, people and figures are
# invented.
DEMO_ARTICLES.extend(
    [
        {
            "title": "ميناء الصفاء يعلن ارتفاع حركة الحاويات بنسبة 18 في المئة",
            "byline": "ليلى منصور",
            "publisher": "صحيفة الساحل",
            "source_url": "https://sahel.example.org/economy/port-containers",
            "language": "ar",
            "text": (
                "أعلنت هيئة ميناء الصفاء يوم الأحد أن حركة الحاويات ارتفعت بنسبة 18 في المئة "
                "خلال الأشهر التسعة الأولى من العام، وهو أعلى معدل نمو منذ افتتاح الرصيف الجديد "
                "في عام 2021.\n\n"
                "وقال مدير الهيئة، سامي الحداد، في مؤتمر صحفي: «لقد تعاملنا مع أكثر من 640 ألف "
                "حاوية، ولم نشهد مثل هذا الرقم من قبل». وأضاف أن عدد السفن التي رست في الميناء "
                "بلغ 1,150 سفينة.\n\n"
                "لكن نقابة عمال الميناء شككت في هذه الأرقام، وقالت إن ساعات العمل الإضافية زادت "
                "بينما بقي عدد العمال كما هو منذ ثلاث سنوات.\n\n"
                "وبحسب تقرير وزارة النقل، بلغت إيرادات الميناء 96 مليون دولار في عام 2025."
            ),
            "claims": [
                (
                    "ارتفعت بنسبة 18 في المئة خلال الأشهر التسعة الأولى من العام",
                    "claim",
                    "",
                    ["mostly-true", "true", "mostly-true"],
                ),
                (
                    "لقد تعاملنا مع أكثر من 640 ألف حاوية، ولم نشهد مثل هذا الرقم من قبل",
                    "quote",
                    "سامي الحداد",
                    ["mixed", "mostly-false", None],
                ),
                (
                    "بلغت إيرادات الميناء 96 مليون دولار في عام 2025",
                    "claim",
                    "",
                    [None, "unverifiable", "unverifiable"],
                ),
            ],
        },
        {
            "title": "Vérange affirme avoir planté 12 000 arbres en un an",
            "byline": "Hélène Duclos",
            "publisher": "Le Courrier de Vérange",
            "source_url": "https://courrier.example.org/ville/arbres-2025",
            "language": "fr",
            "text": (
                "La métropole de Vérange a annoncé lundi avoir planté 12 000 arbres en 2025, soit "
                "deux fois plus que l'année précédente, selon son rapport annuel sur le climat."
                "\n\n"
                "« Nous avons tenu notre promesse et la canopée de la ville a gagné 3 % en un "
                "an », a déclaré la vice-présidente chargée de l'environnement, Claire Mercier, "
                "lors d'une conférence de presse.\n\n"
                "Des associations de riverains contestent ce bilan. Selon le collectif Vérange "
                "Verte, près d'un tiers des jeunes arbres plantés au printemps sont morts pendant "
                "la sécheresse de l'été.\n\n"
                "Le budget du programme s'élève à 8,4 millions d'euros, d'après les documents "
                "budgétaires publiés en janvier."
            ),
            "claims": [
                (
                    "planté 12 000 arbres en 2025, soit deux fois plus que l'année précédente",
                    "claim",
                    "",
                    ["true", "mostly-true", "true"],
                ),
                (
                    "Nous avons tenu notre promesse et la canopée de la ville a gagné 3 % en un an",
                    "quote",
                    "Claire Mercier",
                    ["unverifiable", "mixed", "unverifiable"],
                ),
                (
                    "près d'un tiers des jeunes arbres plantés au printemps sont morts pendant la "
                    "sécheresse de l'été",
                    "claim",
                    "",
                    ["mixed", None, "mostly-true"],
                ),
            ],
        },
    ]
)
NURSES_CHECKED = "The government has hired 2,000 school nurses this year."
DEMO_CLAIMREVIEW = Path(__file__).resolve().parent.parent / "demo" / "claimreview.json"

SOURCE = SourceInput(
    url="https://data.example.org/official-statistics",
    title="Official statistics portal",
    publisher="National statistics office",
    stance="refutes",
)


# The first article's second version, as its newsroom corrected it: a note on top (every
# highlight moves), one figure changed inside a claim (found fuzzily), and one claim reworded
# beyond recognition (orphaned: it waits on the re-attach page).
DEMO_CORRECTIONS = {
    DEMO_ARTICLES[0]["title"]: lambda text: (
        "Correction, 12 November: an earlier version of this article gave the wrong peak "
        "journey time.\n\n"
        + text.replace("fell from 38 minutes to 29 minutes", "fell from 38 minutes to 31 minutes")
        .replace(
            "ridership had grown by 40 percent since last autumn",
            "more people now take the bus than before the pandemic",
        )
        .replace("Harbour Road", "Harbour\u00a0Road")
    ),
}


class Command(BaseCommand):
    help = (
        "Load the demo desk: an editor, three reviewers, six articles (one in Arabic, one in "
        "French) and their reviews."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the desk is served, for the login line (`make run` passes its HOST:PORT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users = self._users()
            created_articles = 0
            for spec in DEMO_ARTICLES:
                article = Article.objects.filter(title=spec["title"]).first()
                if article is None:
                    article = article_create(
                        title=spec["title"],
                        byline=spec["byline"],
                        publisher=spec["publisher"],
                        source_url=spec["source_url"],
                        text=spec["text"],
                        language=spec.get("language", "en"),
                        imported_by=users["editor"],
                    )
                    created_articles += 1
                    # Computed now rather than after the commit, so that a reviewer below can
                    # accept one (the task after the commit then finds them done).
                    revision_suggestions_compute(revision_id=article.revisions.get().pk)
                    self._reviews(article, spec["claims"], users)
                    correct = DEMO_CORRECTIONS.get(spec["title"])
                    if correct is not None:
                        # Re-anchored after the commit: in-process, or by the worker. Its
                        # suggestions are computed now, as the first version's were: the desk
                        # offers them as soon as it is served, with a worker or without.
                        revision, _ = article_revise(
                            article=article,
                            text=correct(article.text),
                            created_by=users["editor"],
                        )
                        revision_suggestions_compute(revision_id=revision.pk)
            self._claim_memory(users["editor"])
            imported = fact_checks_import_document(
                document=DEMO_CLAIMREVIEW.read_bytes(), importer=users["editor"]
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo desk ready ({created_articles} new articles, "
                f"{Article.objects.count()} in all; {imported.created} new external "
                "fact-checks)."
            )
        )
        self.stdout.write(f"Log in at {options['url']} with password '{DEMO_PASSWORD}' as:")
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<8} {role}")

    def _users(self) -> dict[str, Any]:
        User = get_user_model()
        users = {}
        for username, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def _reviews(self, article: Article, claims: list, users: dict[str, Any]) -> None:
        reviewers = ["alice", "bruno", "chen"]
        labels = {label.slug: label for label in VerdictLabel.objects.all()}
        accepted = False
        for index, username in enumerate(reviewers):
            for exact, kind, speaker, verdicts in claims:
                verdict = verdicts[index]
                if verdict is None:
                    continue
                start = article.text.index(exact)
                # Bruno's first highlight on a suggested passage started as that suggestion, so
                # the dashboard's Suggestions card has an acceptance to show.
                suggestion = (
                    Suggestion.objects.filter(
                        article=article, kind=kind, start__lt=start + len(exact), end__gt=start
                    ).first()
                    if username == "bruno" and not accepted
                    else None
                )
                accepted = accepted or suggestion is not None
                annotation_create(
                    suggestion_id=suggestion.pk if suggestion else None,
                    reviewer=users[username],
                    article=article,
                    kind=kind,
                    speaker=speaker,
                    target=TargetInput(exact=exact, start=start, end=start + len(exact)),
                    verdict=labels[verdict],
                    rationale=f"{username.title()}'s check against the official figures.",
                    sources=[SOURCE] if kind == Annotation.Kind.QUOTE else [],
                )
        # Bruno and Chen have submitted; Alice is still working, so the desk shows both states.
        for username in ("bruno", "chen"):
            review_submit(article=article, reviewer=users[username])

    def _claim_memory(self, editor: Any) -> None:
        """Claims across the demo articles, made once: the nurses claim decided False and
        published in the minister's article, and repeated in the opposition's; the October
        record stated in the weather article and the opposition's."""
        if Claim.objects.filter(text=NURSES_CHECKED).exists():
            return
        minister, weather, opposition = (
            Article.objects.get(title=DEMO_ARTICLES[index]["title"]) for index in (2, 1, 3)
        )
        for article in (minister, weather, opposition):
            # The units are grouped from the submitted reviews (after the commit otherwise).
            article_agreement_recompute(article_id=article.pk)
        nurses = self._unit(minister, NURSES_CLAIM)
        decided = unit_decide(
            unit=nurses,
            editor=editor,
            seen_version=nurses.version,
            verdict=VerdictInput(
                label=VerdictLabel.objects.get(slug="false"),
                claim_reviewed=NURSES_CHECKED,
                explanation="The ministry's budget funds 850 new posts; unions count fewer than "
                "3,000 school nurses in all.",
                claimant="Rafael Costa",
            ),
        )
        nurses.refresh_from_db()
        verdict_publish(verdict=decided, editor=editor, seen_version=nurses.version)
        nurses.refresh_from_db()
        nurses_claim = claim_create_from_unit(unit=nurses, editor=editor)
        claim_link(
            unit=self._unit(opposition, NURSES_REPEATED),
            claim=nurses_claim,
            relation="same",
            editor=editor,
        )
        record = claim_create_from_unit(
            unit=self._unit(weather, RECORD_CLAIM), editor=editor, text=RECORD_CLAIM
        )
        claim_link(
            unit=self._unit(opposition, RECORD_CLAIM), claim=record, relation="same", editor=editor
        )

    def _unit(self, article: Article, passage: str) -> ClaimUnit:
        start = article.text.index(passage)
        return ClaimUnit.objects.get(article=article, start=start, end=start + len(passage))
