"""python manage.py train_suggestions [--min-articles N] [--min-positives N]

Trains the desk's check-worthiness model now, in this process (what the daily task does), and
prints the rules' and the model's figures on the held-out articles and whether the model is
used from now on."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from annotations.services.suggestion_training import (
    MIN_ARTICLES,
    MIN_POSITIVES,
    suggestion_model_train,
    training_summary,
)


class Command(BaseCommand):
    help = "Train the desk's suggestion model on its submitted reviews; print rules vs model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--min-articles", type=int, default=MIN_ARTICLES)
        parser.add_argument("--min-positives", type=int, default=MIN_POSITIVES)

    def handle(self, *args: Any, **options: Any) -> None:
        run = suggestion_model_train(
            min_articles=options["min_articles"], min_positives=options["min_positives"]
        )
        self.stdout.write(training_summary(run))
