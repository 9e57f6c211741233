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


class ConnectionDrop:
    """Shared state of DroppingConnectionBackend: drop the connection when the `after`+1-th
    message is sent."""

    after = None
    seen = 0
    dropped = 0

    @classmethod
    def arm(cls, after):
        cls.after, cls.seen, cls.dropped = after, 0, 0

    @classmethod
    def disarm(cls):
        cls.after = None


def backend_pid(connection):
    """The PostgreSQL session (server process id) behind `connection`, opening it if needed."""
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def terminate_backend(pid):
    """End the PostgreSQL session `pid` from a connection of its own, as a database restart or
    failover does; its client learns it on its next query."""
    from django.db import connections

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0], "the backend was not terminated"
    finally:
        other.close()


class DroppingConnectionBackend(AnymailTestBackend):
    """The ESP accepts every message; while it sends the `after`+1-th, the worker's database
    connection is terminated."""

    def send_messages(self, email_messages):
        from django.db import connection

        for _message in email_messages:
            if ConnectionDrop.after is not None and ConnectionDrop.seen == ConnectionDrop.after:
                terminate_backend(backend_pid(connection))
                ConnectionDrop.dropped += 1
            ConnectionDrop.seen += 1
        return super().send_messages(email_messages)
