"""The default rating scale and the desk's role groups, so every fresh database has them."""

from __future__ import annotations

from django.db import migrations

DEFAULT_SCALE = [
    # slug, name, rating value, colour, description
    ("true", "True", 5, "#1a9850", "Accurate, with nothing significant missing."),
    ("mostly-true", "Mostly true", 4, "#91cf60", "Accurate but needs clarification or context."),
    ("mixed", "Mixed", 3, "#fee08b", "Partly accurate, partly not."),
    ("mostly-false", "Mostly false", 2, "#fc8d59", "Contains an element of truth but misleads."),
    ("false", "False", 1, "#d73027", "Not accurate."),
]
UNVERIFIABLE = ("unverifiable", "Unverifiable", "#9e9ac8", "Cannot be checked with the evidence available.")

ROLE_PERMISSIONS = {
    "reviewer": [
        "view_article",
        "view_verdictlabel",
        "add_annotation",
        "change_annotation",
        "delete_annotation",
        "view_annotation",
        "add_source",
        "change_source",
        "delete_source",
        "view_source",
        "view_review",
    ],
    "editor": [
        "add_article",
        "change_article",
        "view_article",
        "view_verdictlabel",
        "view_annotation",
        "view_source",
        "view_review",
        "change_review",
    ],
    "admin": [],
}


def create_scale_and_roles(apps, schema_editor):
    VerdictLabel = apps.get_model("annotations", "VerdictLabel")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    if not VerdictLabel.objects.exists():
        for position, (slug, name, value, colour, description) in enumerate(DEFAULT_SCALE):
            VerdictLabel.objects.create(
                slug=slug, name=name, rating_value=value, colour=colour,
                description=description, position=position, is_ordinal=True,
            )
        slug, name, colour, description = UNVERIFIABLE
        VerdictLabel.objects.create(
            slug=slug, name=name, rating_value=None, colour=colour,
            description=description, position=len(DEFAULT_SCALE), is_ordinal=False,
        )

    # Permissions are normally created after migrate; make sure ours exist now.
    models = ["article", "verdictlabel", "annotation", "source", "review"]
    for model in models:
        content_type, _ = ContentType.objects.get_or_create(app_label="annotations", model=model)
        for action in ("add", "change", "delete", "view"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        if group_name == "admin":
            codenames = list(
                Permission.objects.filter(content_type__app_label="annotations").values_list(
                    "codename", flat=True
                )
            )
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="annotations", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_scale_and_roles, migrations.RunPython.noop)]
