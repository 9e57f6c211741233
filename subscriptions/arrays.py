"""Integer arrays as parameters of the PostgreSQL statements of claims.py and marks.py."""


def pg_array(numbers):
    """A PostgreSQL array literal of integers: psycopg adapts a list element by element,
    which costs more than the insert of a batch's rows itself."""
    return "{" + ",".join(map(str, numbers)) + "}"
