"""Full-text search of releases on PostgreSQL (issue 13): each release analysed in its own
language, the syntax journalists know from web search, compounds, ranking, highlights and
"did you mean".

Migration 0007 keeps, on each release row, `search_vector` (title A, lead B, body D, stemmed in
the release's language with accents folded) and `search_config` (that language's text search
configuration), by triggers that every write path fires. Neither column is declared on the
model: no page load needs a few kilobytes of vector, so they are named here in SQL only.

Wagtail's own search index stays as it was, for the admin's search and on SQLite.

A visitor's text goes to `websearch_to_tsquery` ("quoted phrases", -exclusions, OR), which
accepts any text without a syntax error; what reaches it has been normalised by
`normalize_search_text` (no NUL, control characters or lone surrogates) and cut to
`SEARCH_QUERY_MAX_LENGTH`.

Compounds (Dutch and German): a query word is also looked for inside longer words.
`releases_searchword` lists the lexemes of the Dutch and German releases (kept by a statement
trigger) with a trigram index, so "begrot" (begroting) finds "ontwerpbegrot" and
"begrotingscontrol" in one indexed `LIKE '%begrot%'`, and the tsquery is rewritten to
`('begrot':* | 'ontwerpbegrot' | 'begrotingscontrol' | …)`. A decompounding (ispell/hunspell)
dictionary would need dictionary files installed on every database server and has no good
free compound data for Dutch; the words list lives in the database and learns every new
compound as it is published. bench/README.md has the figures.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, FloatField, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

RELEASE = '"releases_pressreleasepage"'
VECTOR = f'{RELEASE}."search_vector"'
CONFIG = f'{RELEASE}."search_config"'
# The languages whose words are compounded, and whose words list expands query words.
COMPOUNDING = {"nl", "de"}
# A query word is looked for inside longer words from this length: shorter ones ("wet",
# "amt") are inside far too many unrelated words.
MIN_COMPOUND_PART = 5
MAX_EXPANSIONS = 40
# Relevance with recency: the text rank divided by 1 + age / RECENCY_YEARS, so a release of
# this week outranks an equally relevant one RECENCY_YEARS old by half.
RECENCY_YEARS = 2
# The highlight markers: control characters, removed from the text before ts_headline, so
# that every marker in its output is one of ours.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxWords=32, MinWords=12, ShortWord=2, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# ts_headline analyses every word it is given: it gets this many characters of the lead and
# body, from a little before the first place a query word appears (migration 0013).
HEADLINE_WINDOW = 1200
HEADLINE_LEAD_IN = 300
# The query words looked for: enough for a phrase or a few alternatives and their compounds
# (a compound contains the word it was found for, which comes first).
HEADLINE_NEEDLES = 12
# A stem is looked for without its last two characters ("hopital" as "hopit", "happi" as
# "happ"), down to this length, so that the word it stands for is found as written.
HEADLINE_NEEDLE_LENGTH = 4

_LEXEME = re.compile(r"'((?:[^']|'')*)'(:[*A-D]+)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_WORD = re.compile(r"[^\W_]+")


def available():
    """Whether this database has the search of this module (PostgreSQL)."""
    return connection.vendor == "postgresql"


def normalize_search_text(text):
    """A visitor's search text as it is kept and searched: NFC, without NUL bytes, control
    characters or lone surrogates, whitespace collapsed. Quotes, minus signs and the other
    punctuation of the web search syntax stay."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))
    return " ".join(text.split())


def search_words(text):
    """The words of a search text, punctuation dropped: what SQLite's search receives, and
    what "did you mean" corrects."""
    return _WORD.findall(text or "")


def tsqueries(text):
    """`{locale id: (language code, tsquery text)}` of `text` in every language of the site:
    one query for the parse in each language's configuration, one more for the compounds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, language_code, "
            "websearch_to_tsquery(releases_search_config(language_code), %s)::text "
            "FROM wagtailcore_locale",
            [text],
        )
        rows = cursor.fetchall()
    queries = {pk: (language, query) for pk, language, query in rows}
    compound = {pk: query for pk, (language, query) in queries.items() if _compounds(language)}
    expanded = expand_compounds(compound, search_words(text))
    return {pk: (language, expanded.get(pk, query)) for pk, (language, query) in queries.items()}


def _compounds(language):
    return language.split("-")[0].lower() in COMPOUNDING


def expand_compounds(queries, words=()):
    """The tsqueries `{locale id: tsquery text}` with each long enough lexeme rewritten as
    itself, its prefix and the words of the words list that contain it, in one query.

    Both the query's stems and its `words` as typed are looked up: a compound's stem may end
    otherwise than the stem of its last part ("verkeersveiligheid" is "verkeersveil",
    "veiligheid" is "veilig"); a word found through what was typed stands for the query stem
    of that word."""
    lookups = []  # (locale id, query lexeme or None, typed word or None)
    for pk, query in queries.items():
        lexemes = {lexeme for lexeme, _flags in _LEXEME.findall(query)}
        lookups += [(pk, lexeme, None) for lexeme in lexemes if len(lexeme) >= MIN_COMPOUND_PART]
        typed = {word.lower() for word in words if len(word) >= MIN_COMPOUND_PART}
        lookups += [(pk, None, word) for word in typed if not word.isdigit()]
    if not lookups:
        return queries
    with connection.cursor() as cursor:
        cursor.execute(
            r"""
            SELECT q.n, coalesce(q.lexeme, typed.lexeme), w.word, stem.lexeme
            FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[])
                AS q(n, locale_id, lexeme, typed)
            JOIN wagtailcore_locale l ON l.id = q.locale_id
            CROSS JOIN LATERAL (SELECT releases_search_config(l.language_code) AS config) c
            LEFT JOIN LATERAL (
                SELECT lexeme FROM unnest(to_tsvector(c.config, q.typed)) LIMIT 1
            ) AS typed ON true
            CROSS JOIN LATERAL (
                SELECT word FROM releases_searchword
                WHERE config = c.config AND word LIKE '%%' || replace(replace(replace(
                    coalesce(q.lexeme, unaccent(q.typed)), '', '\'), '%%', '\%%'), '_', '\_')
                    || '%%'
                ORDER BY length(word), word LIMIT %s
            ) AS w
            LEFT JOIN LATERAL (
                SELECT lexeme FROM unnest(to_tsvector(c.config, w.word)) LIMIT 1
            ) AS stem ON true
            """,
            [
                list(range(len(lookups))),
                [pk for pk, _lexeme, _typed in lookups],
                [lexeme.replace("''", "'") if lexeme else None for _pk, lexeme, _t in lookups],
                [typed for _pk, _lexeme, typed in lookups],
                MAX_EXPANSIONS,
            ],
        )
        found = {}
        for n, target, word, stem in cursor.fetchall():
            if target:
                alternatives = found.setdefault((lookups[n][0], _quote(target)), set())
                alternatives.update(_quote(w) for w in (word, stem) if w and w != target)

    def rewrite(pk, match):
        lexeme, flags = match.group(1), match.group(2)
        # websearch_to_tsquery writes no weights or prefixes: anything else is left alone.
        if len(lexeme) < MIN_COMPOUND_PART or flags:
            return match.group(0)
        words = sorted(found.get((pk, f"'{lexeme}'"), ()))
        if not words:
            return match.group(0)
        # The words list holds every indexed word containing the lexeme, prefixes included,
        # up to MAX_EXPANSIONS; past that, a prefix search covers the rest. (A prefix in every
        # query would cost more: the planner then expects many matches in every language.)
        head = f"'{lexeme}':*" if len(words) >= MAX_EXPANSIONS else f"'{lexeme}'"
        return "(" + " | ".join([head, *words]) + ")"

    return {
        pk: _LEXEME.sub(lambda match, pk=pk: rewrite(pk, match), query)
        for pk, query in queries.items()
    }


def _quote(word):
    return "'" + word.replace("'", "''") + "'"


def public(queryset, locale_id=None):
    """The releases of `queryset` (a PressReleaseQuerySet) that the public may see, as
    `public_live()` says, judged on the release row's copy of its page's state (migration
    0012): a search walks thousands of rows, and needs no look-up of each one's page row.
    In `locale_id` when given."""
    condition = (
        f"{RELEASE}.page_live AND "
        f"({RELEASE}.page_expire_at IS NULL OR {RELEASE}.page_expire_at > %s)"
    )
    params = [timezone.now()]
    if locale_id is not None:
        condition += f" AND {RELEASE}.page_locale_id = %s"
        params.append(locale_id)
    queryset = queryset.filter(RawSQL(condition, params, output_field=BooleanField()))
    return queryset.filter(withdrawn_at__isnull=True).unrestricted()


def published_by(publisher_ids):
    """The condition "main publisher or a co-publisher is one of `publisher_ids`", on the
    release row (its copy of the co-publishers, migration 0012)."""
    ids = list(publisher_ids)
    return RawSQL(
        f"({RELEASE}.publisher_id = ANY(%s) OR {RELEASE}.co_publisher_ids && %s::bigint[])",
        [ids, ids],
        output_field=BooleanField(),
    )


def about(theme_ids):
    """The condition "has one of the themes `theme_ids`", on the release row (its copy of its
    themes, migration 0012)."""
    return RawSQL(
        f"{RELEASE}.theme_ids && %s::bigint[]", [list(theme_ids)], output_field=BooleanField()
    )


def matching(queryset, tsquery, language):
    """The releases of `queryset` in `language` whose vector matches `tsquery` (text form).
    Naming the language's configuration lets a search walk that language's releases newest
    first (index `releases_search_config_date`) rather than all of them."""
    return queryset.filter(
        RawSQL(
            f"{CONFIG} = releases_search_config(%s) AND {VECTOR} @@ %s::tsquery",
            [language, tsquery],
            output_field=BooleanField(),
        )
    )


def matching_any(queryset, tsqueries):
    """The releases of `queryset` matching, each, the tsquery of its own language
    (`tsqueries`: `{locale id: (language code, tsquery text)}`)."""
    conditions, params = [], []
    for language, tsquery in tsqueries.values():
        conditions.append(f"({CONFIG} = releases_search_config(%s) AND {VECTOR} @@ %s::tsquery)")
        params += [language, tsquery]
    sql = " OR ".join(conditions) or "false"
    return queryset.filter(RawSQL(f"({sql})", params, output_field=BooleanField()))


def score_sql(tsquery, vector=VECTOR, published_at=f'{RELEASE}."published_at"'):
    """Relevance with recency, higher is better, as SQL and its parameters: the rank of the
    weighted vector (title above lead above body, normalised by the length of the text) over
    1 + age / RECENCY_YEARS. `vector` and `published_at` name the columns it reads."""
    return (
        f"ts_rank({vector}, %s::tsquery, 1) / (1 + greatest(0, extract(epoch FROM now() - "
        f"{published_at})) / %s)",
        [tsquery, RECENCY_YEARS * 365.25 * 86400],
    )


def score(tsquery):
    """`score_sql` as an expression of a release queryset."""
    return RawSQL(*score_sql(tsquery), output_field=FloatField())


def column(name, output_field=None):
    """A column of the release table that the model does not declare (`search_vector`, and
    `theme_ids` and `co_publisher_ids` of migration 0012), as an expression of a release
    queryset."""
    return RawSQL(f'{RELEASE}."{name}"', [], output_field=output_field or TextField())


def with_highlights(queryset, tsquery):
    """`queryset` with `search_excerpt` on each release: the passages of its lead and body
    that match, the matched words between the markers (see `marked`). ts_headline reads a
    window of the text around the first place a query word appears (`headline_needles`)."""
    text = (
        f"translate(releases_headline_window({RELEASE}.\"lead\" || ' ' || "
        f'releases_body_text({RELEASE}."body"), %s::text[], '
        f"{HEADLINE_WINDOW}, {HEADLINE_LEAD_IN}), %s, '  ')"
    )
    return queryset.annotate(
        search_excerpt=RawSQL(
            f"ts_headline({CONFIG}, {text}, %s::tsquery, %s)",
            [headline_needles(tsquery), START + STOP, tsquery, HEADLINE_OPTIONS],
            output_field=TextField(),
        ),
    )


def headline_needles(tsquery):
    """What a highlight looks for in a release's folded text (lower case, no accents): the
    lexemes of `tsquery` (text form) that are not excluded, each without its last two
    characters (HEADLINE_NEEDLE_LENGTH), in the query's order."""
    needles = []
    for match in _LEXEME.finditer(tsquery):
        if tsquery[: match.start()].rstrip().endswith("!"):
            continue
        lexeme = match.group(1).replace("''", "'")
        if len(lexeme) < 3:
            continue  # found in almost any text: it would say nothing of where the match is
        cut = max(HEADLINE_NEEDLE_LENGTH, len(lexeme) - 2)
        needles.append(lexeme[:cut])
    return list(dict.fromkeys(needles))[:HEADLINE_NEEDLES]


def marked(headline):
    """A headline as safe HTML: everything escaped, then the matched words in <mark>."""
    html = escape(headline or "")
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def suggestion(text, locale_id, content_type_id):
    """A spelling of `text` whose words are each the closest word (trigram similarity) of the
    titles of live releases in the locale, when one differs from the text; or None."""
    words = search_words(text)[:6]
    if not words:
        return None
    corrected = []
    with connection.cursor() as cursor:
        for word in words:
            if len(word) < 4 or word.isdigit():
                corrected.append(word)
                continue
            cursor.execute(
                r"""
                SELECT w FROM (
                    SELECT DISTINCT lower(w) AS w
                    FROM (
                        SELECT title FROM wagtailcore_page
                        WHERE live AND locale_id = %s AND content_type_id = %s
                          AND %s <%% title
                        LIMIT 50
                    ) AS t, regexp_split_to_table(t.title, '[^[:alnum:]]+') AS w
                ) AS words
                WHERE length(w) >= 3 AND similarity(w, lower(%s)) >= 0.35
                ORDER BY similarity(w, lower(%s)) DESC, w LIMIT 1
                """,
                [locale_id, content_type_id, word, word, word],
            )
            row = cursor.fetchone()
            corrected.append(row[0] if row else word)
    if [w.lower() for w in corrected] == [w.lower() for w in words]:
        return None
    return " ".join(corrected)
