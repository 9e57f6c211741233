"""The passage a search result's highlight is taken from (PostgreSQL only; a no-op elsewhere).

`ts_headline` analyses every word of the text it is given (parser, unaccent, stemmer) before
it picks the passage: twenty results of 6,000 characters cost about 30 ms a search page, the
benchmark's short releases 1 ms (bench/README.md, session 12). `releases_headline_window`
gives it a window of the text instead, starting a little before the first place where one of
the query's words appears (`needles`: the lexemes less their last two characters, so that
"hopit" finds "hôpitaux" under the stem "hopital"), found in the accent- and case-folded
text; the start of the text when none appears there (the match is in the title, or a stem
that is no prefix of its word). A match deep in a long body now gets its passage too.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION releases_headline_window(
    doc text, needles text[], width integer, lead_in integer
) RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
-- PL/pgSQL rather than SQL: its statements are planned once per session, a SQL function's
-- subquery on every call (twice the time).
DECLARE
    folded text;
    needle text;
    hit integer;
    earliest integer;
BEGIN
    IF length(doc) <= width THEN
        RETURN doc;
    END IF;
    folded := lower(unaccent(doc));
    FOREACH needle IN ARRAY needles LOOP
        hit := strpos(folded, needle);
        IF hit > 0 AND (earliest IS NULL OR hit < earliest) THEN
            earliest := hit;
        END IF;
    END LOOP;
    RETURN substr(doc, greatest(1, coalesce(earliest, 1) - lead_in), width);
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS releases_headline_window(text, text[], integer, integer)"
        )


class Migration(migrations.Migration):
    dependencies = [("releases", "0012_page_state_and_links_on_release_row")]

    operations = [migrations.RunPython(create, drop)]
