# Login tokens become digests in PersonalToken; DRF's plaintext token table goes.

from django.db import migrations, models

# rest_framework.authtoken is no longer installed: its table held every login token in plain
# text (and every backup copied it). The keys stopped working when TokenAuthentication was
# removed; clients log in again for an `fc_…` token. Its migration records go too, so that the
# app could be installed again cleanly. IF EXISTS: a database created after this never had it.
DROP_PLAINTEXT_TOKENS = [
    "DROP TABLE IF EXISTS authtoken_token",
    "DELETE FROM django_migrations WHERE app = 'authtoken'",
]


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0009_claim_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="personaltoken",
            name="kind",
            field=models.CharField(
                choices=[("personal", "Personal token"), ("login", "Login token (API)")],
                default="personal",
                max_length=10,
            ),
        ),
        *(migrations.RunSQL(sql, reverse_sql=migrations.RunSQL.noop) for sql in DROP_PLAINTEXT_TOKENS),
    ]
