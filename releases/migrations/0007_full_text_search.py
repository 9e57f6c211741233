"""The public search's own full-text index on PostgreSQL (issue 13); a no-op elsewhere.

- Extensions `unaccent` (accents and umlauts folded before stemming) and `pg_trgm` (compound
  words, "did you mean").
- A text search configuration per language: PostgreSQL's french, dutch, german and english
  snowball stemmers, each behind `unaccent`, so "deduction" finds "déduction" and
  "Steuererklarung" finds "Steuererklärungen".
- Two columns on the release table, kept by a trigger and not declared on the model (no page
  load needs them; see `releases.search`): `search_config`, the configuration of the release's
  language, and `search_vector`, its title (weight A), lead (B) and body text (D) analysed in
  that language. A trigger, not a generated column: the title and language live on Wagtail's page
  table. It runs on every write path (the editor, the scheduler, `releases.bulk`, the archive
  importer), and a trigger on the page table refreshes the vector when only the title changes.
  A GIN index per language on the vector.
- `releases_searchword`: the words (as written, accents folded) and stems of the Dutch and
  German releases, kept by a statement trigger, with a trigram index: a query word is expanded
  to the indexed words that contain it (compounds, `releases.search.expand_compounds`).
- A trigram index on page titles, for "did you mean".
"""

from django.db import migrations

# (configuration, PostgreSQL configuration it copies, snowball dictionary)
CONFIGS = [
    ("releases_french", "french", "french_stem"),
    ("releases_dutch", "dutch", "dutch_stem"),
    ("releases_german", "german", "german_stem"),
    ("releases_english", "english", "english_stem"),
    # The words as written, accents folded: the words list of compounds.
    ("releases_words", "simple", "simple"),
]
# The words that can hold compounds (Dutch and German) go to the words list.
COMPOUNDING = "('releases_dutch'::regconfig, 'releases_german'::regconfig)"
BATCH = 5000

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION releases_search_config(language_code text) RETURNS regconfig
LANGUAGE sql STABLE AS $$
    SELECT CASE split_part(lower(language_code), '-', 1)
        WHEN 'fr' THEN 'releases_french'::regconfig
        WHEN 'nl' THEN 'releases_dutch'::regconfig
        WHEN 'de' THEN 'releases_german'::regconfig
        WHEN 'en' THEN 'releases_english'::regconfig
        ELSE 'simple'::regconfig
    END
$$;

-- Rich text as plain words: tags dropped, the entities Wagtail writes decoded.
CREATE OR REPLACE FUNCTION releases_plain_text(html text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#x27;', ''''),
        '&#39;', ''''), '&amp;', '&')
$$;

-- The text of a StreamField body: every string its blocks hold (paragraphs, headings,
-- quotes, captions, table cells, transcripts), in order.
CREATE OR REPLACE FUNCTION releases_body_text(body jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(releases_plain_text(item #>> '{}'), ' '), '')
    FROM jsonb_path_query(coalesce(body, '[]'::jsonb),
                          'strict $[*].value.** ? (@.type() == "string")') AS item
$$;

CREATE OR REPLACE FUNCTION releases_search_vector_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    page_title text;
    language text;
BEGIN
    SELECT p.title, l.language_code INTO page_title, language
    FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id
    WHERE p.id = NEW.page_ptr_id;
    NEW.search_config := releases_search_config(language);
    NEW.search_vector :=
        setweight(to_tsvector(NEW.search_config, coalesce(page_title, '')), 'A')
        || setweight(to_tsvector(NEW.search_config, coalesce(NEW.lead, '')), 'B')
        || setweight(to_tsvector(NEW.search_config, releases_body_text(NEW.body)), 'D');
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION releases_search_page_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Rewriting the row runs releases_search_vector_update with the new title.
    UPDATE releases_pressreleasepage SET lead = lead WHERE page_ptr_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION releases_search_words_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Both the stems of the vector and the words as written (accents folded): a compound's
    -- stem may end otherwise than its last part's ("verkeersveil", "veilig").
    INSERT INTO releases_searchword (config, word)
    SELECT DISTINCT r.search_config, w.word
    FROM new_rows r
    JOIN wagtailcore_page p ON p.id = r.page_ptr_id
    CROSS JOIN LATERAL (
        SELECT lexeme FROM unnest(r.search_vector)
        UNION
        SELECT lexeme FROM unnest(to_tsvector('releases_words',
            p.title || ' ' || r.lead || ' ' || releases_body_text(r.body)))
    ) AS w(word)
    WHERE r.search_config IN COMPOUNDING AND length(w.word) BETWEEN 4 AND 60
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
""".replace("COMPOUNDING", COMPOUNDING)

TABLES_AND_TRIGGERS = """
ALTER TABLE releases_pressreleasepage
    ADD COLUMN IF NOT EXISTS search_config regconfig,
    ADD COLUMN IF NOT EXISTS search_vector tsvector;

CREATE TABLE IF NOT EXISTS releases_searchword (
    config regconfig NOT NULL,
    word text NOT NULL,
    PRIMARY KEY (config, word)
);
CREATE INDEX IF NOT EXISTS releases_searchword_trgm ON releases_searchword
    USING gin (word gin_trgm_ops);

CREATE OR REPLACE TRIGGER releases_search_vector BEFORE INSERT OR UPDATE OF lead, body
    ON releases_pressreleasepage FOR EACH ROW EXECUTE FUNCTION releases_search_vector_update();
CREATE OR REPLACE TRIGGER releases_search_title
    AFTER UPDATE OF title, locale_id ON wagtailcore_page FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title
                       OR OLD.locale_id IS DISTINCT FROM NEW.locale_id)
    EXECUTE FUNCTION releases_search_page_update();
CREATE OR REPLACE TRIGGER releases_search_words_insert AFTER INSERT ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_update();
CREATE OR REPLACE TRIGGER releases_search_words_update AFTER UPDATE ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_update();
"""

# One GIN index per language: a search names its language, and a single index would be
# combined (BitmapAnd) with the language's 85,000 rows of the date index instead.
VECTOR_INDEXES = "\n".join(
    f"CREATE INDEX IF NOT EXISTS {name}_vector ON releases_pressreleasepage "
    f"USING gin (search_vector) WHERE search_config = '{name}'::regconfig;"
    for name, _source, _stemmer in CONFIGS
    if name != "releases_words"
)
INDEXES = """
-- A search in one language walks that language's releases newest first.
CREATE INDEX IF NOT EXISTS releases_search_config_date ON releases_pressreleasepage
    (search_config, published_at DESC, page_ptr_id DESC);
CREATE INDEX IF NOT EXISTS releases_page_title_trgm ON wagtailcore_page
    USING gin (title gin_trgm_ops);
"""

DROP = """
DROP TRIGGER IF EXISTS releases_search_title ON wagtailcore_page;
DROP TRIGGER IF EXISTS releases_search_vector ON releases_pressreleasepage;
DROP TRIGGER IF EXISTS releases_search_words_insert ON releases_pressreleasepage;
DROP TRIGGER IF EXISTS releases_search_words_update ON releases_pressreleasepage;
DROP INDEX IF EXISTS releases_page_title_trgm;
DROP TABLE IF EXISTS releases_searchword;
ALTER TABLE releases_pressreleasepage DROP COLUMN IF EXISTS search_vector,
    DROP COLUMN IF EXISTS search_config;
DROP FUNCTION IF EXISTS releases_search_words_update();
DROP FUNCTION IF EXISTS releases_search_page_update();
DROP FUNCTION IF EXISTS releases_search_vector_update();
DROP FUNCTION IF EXISTS releases_body_text(jsonb);
DROP FUNCTION IF EXISTS releases_plain_text(text);
DROP FUNCTION IF EXISTS releases_search_config(text);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        existing = {name for (name,) in cursor.fetchall()}
    for name, source, stemmer in CONFIGS:
        if name in existing:
            continue
        execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {stemmer}"
        )
    execute(FUNCTIONS)
    execute(TABLES_AND_TRIGGERS)
    # Existing releases, in batches: each batch's words go to the list in one statement.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(page_ptr_id), max(page_ptr_id) FROM releases_pressreleasepage")
        low, high = cursor.fetchone()
        for start in range(low or 0, (high or 0) + 1, BATCH):
            cursor.execute(
                "UPDATE releases_pressreleasepage SET lead = lead "
                "WHERE page_ptr_id >= %s AND page_ptr_id < %s",
                [start, start + BATCH],
            )
    execute(VECTOR_INDEXES)
    execute(INDEXES)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP)
    for name, _source, _stemmer in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    # The backfill runs in batches; each commits its words.
    atomic = False

    dependencies = [("releases", "0006_home_and_content_pages_to_core")]

    operations = [migrations.RunPython(create, drop)]
