import email
from email import policy

from django.core.mail import EmailMultiAlternatives

from newsportal.mail import EmlFileBackend


def test_each_message_becomes_one_parseable_eml_file(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path)
    messages = []
    for n in range(2):
        msg = EmailMultiAlternatives(
            subject=f"Communiqué {n} – Conseil des ministres",
            body="Texte brut",
            from_email="news@example.be",
            to=[f"journalist{n}@example.be"],
        )
        msg.attach_alternative("<p>Texte <strong>HTML</strong></p>", "text/html")
        messages.append(msg)

    assert backend.send_messages(messages) == 2

    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert {m["to"] for m in parsed} == {"journalist0@example.be", "journalist1@example.be"}
    first = parsed[0]
    assert first["subject"].startswith("Communiqué")
    assert first.get_body(preferencelist=("plain",)).get_content().strip() == "Texte brut"
    assert "<strong>HTML</strong>" in first.get_body(preferencelist=("html",)).get_content()
    assert not list(tmp_path.glob("*.tmp"))


def test_no_message_no_file(tmp_path):
    assert EmlFileBackend(file_path=tmp_path / "mail").send_messages([]) == 0
    assert not (tmp_path / "mail").exists()
