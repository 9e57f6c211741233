import pytest


@pytest.fixture
def presscenter(tmp_path):
    """The Drupal 6 fixture archive in a MariaDB database of its own, dropped afterwards."""
    from .drupal_fixture import PresscenterFixture

    fixture = PresscenterFixture(tmp_path / "drupal")
    try:
        yield fixture
    finally:
        fixture.drop()


@pytest.fixture
def run_import(presscenter, tmp_path):
    """Runs the command against the fixture; returns (output, report text)."""
    from io import StringIO

    from django.core.management import call_command

    def run(*args, report_name="report.txt", **options):
        out = StringIO()
        report = tmp_path / report_name
        call_command(
            "import_presscenter",
            "--source",
            presscenter.url,
            "--files",
            str(presscenter.root),
            "--report",
            str(report),
            *args,
            stdout=out,
            **options,
        )
        return out.getvalue(), report.read_text(encoding="utf-8")

    return run
