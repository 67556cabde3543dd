"""Every existing article gets revision 1 (its current text), and its annotations and claim
units are pointed at it: their offsets were made on that text."""

from __future__ import annotations

from django.db import migrations


def first_revisions_create(apps, schema_editor):
    Article = apps.get_model("annotations", "Article")
    ArticleRevision = apps.get_model("annotations", "ArticleRevision")
    Annotation = apps.get_model("annotations", "Annotation")
    ClaimUnit = apps.get_model("annotations", "ClaimUnit")
    for article in Article.objects.filter(revisions__isnull=True).iterator():
        revision = ArticleRevision.objects.create(
            article=article,
            number=1,
            title=article.title,
            text=article.text,
            origin="import",
            created_by_id=article.imported_by_id,
            created=article.created,
            reanchored_at=article.created,
        )
        Annotation.objects.filter(article=article, revision=None).update(revision=revision)
        ClaimUnit.objects.filter(article=article, revision=None).update(revision=revision)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0007_article_revisions")]

    operations = [migrations.RunPython(first_revisions_create, migrations.RunPython.noop)]
