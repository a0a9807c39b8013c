"""`manage.py export_hub` and `import_hub`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.hubs.models import Hub
from apps.transfer.hashing import content_hashes

pytestmark = pytest.mark.django_db


def test_export_then_import_under_a_new_slug(small_hub, tmp_path):
    path = tmp_path / "oslo.zip"
    out = StringIO()
    call_command("export_hub", "oslo", str(path), stdout=out)
    assert "Exported oslo" in out.getvalue()
    out = StringIO()
    call_command("import_hub", str(path), "--slug", "oslo-arkiv", stdout=out)
    assert "Imported as /oslo-arkiv/" in out.getvalue()
    assert content_hashes(Hub.objects.get(slug="oslo-arkiv")) == content_hashes(small_hub)


def test_errors_are_command_errors(small_hub, tmp_path):
    with pytest.raises(CommandError, match="No hub"):
        call_command("export_hub", "nowhere", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="No file"):
        call_command("import_hub", str(tmp_path / "missing.zip"))
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a zip file"):
        call_command("import_hub", str(tmp_path / "bad.zip"))
    assert Hub.objects.count() == 1
