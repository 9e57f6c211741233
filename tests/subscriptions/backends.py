"""Email backends that fail the way a worker or an ESP does, for the exactly-once tests."""

from anymail.backends.test import EmailBackend as AnymailTestBackend


class WorkerDied(BaseException):
    """Not an Exception: like SIGKILL, nothing in the task gets to handle it."""


class Crash:
    """Shared state: fail on the `after`+1-th message, either before the ESP has it
    (`accepted=False`) or just after it accepted it (`accepted=True`)."""

    after = None
    accepted = False
    seen = 0

    @classmethod
    def arm(cls, after, accepted=False):
        cls.after, cls.accepted, cls.seen = after, accepted, 0

    @classmethod
    def disarm(cls):
        cls.after = None


class CrashingBackend(AnymailTestBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if Crash.after is not None and Crash.seen >= Crash.after:
                if Crash.accepted:
                    super().send_messages([message])
                raise WorkerDied("the worker died")
            Crash.seen += 1
            sent += super().send_messages([message])
        return sent


class RefusingBackend(AnymailTestBackend):
    """An ESP that refuses every address starting with "refused"."""

    def send_messages(self, email_messages):
        from anymail.exceptions import AnymailRecipientsRefused

        for message in email_messages:
            if message.to[0].startswith("refused"):
                raise AnymailRecipientsRefused("the ESP refused the recipient")
        return super().send_messages(email_messages)
