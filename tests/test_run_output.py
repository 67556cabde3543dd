"""What `make run` prints: the address it really serves, and no noise (issue 15)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.test_settings import manage

SNIPPET = (
    "import logging; from factcheck.celery import app; "
    "logging.getLogger('django').info('once'); "
    "connection = app.connection_for_write(); connection.as_uri(); connection.info()"
)


@pytest.mark.django_db
def test_the_demo_desk_says_where_it_is_served(capsys):
    call_command("load_demo_desk", url="http://127.0.0.1:8123/")

    assert "Log in at http://127.0.0.1:8123/ with password" in capsys.readouterr().out


def test_the_embedded_default_logs_each_line_once_and_no_hostname_warning():
    result = manage("shell", "-c", SNIPPET, DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "No hostname was supplied" not in result.stderr
    assert result.stderr.count("once") == 1
