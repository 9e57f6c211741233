"""What a search reads of each match, on the release row itself (PostgreSQL only; a no-op
elsewhere): its page's state, and the ids of its themes and co-publishers.

A search walks thousands of release rows (its matches in the text index, or its language's
releases newest first) and joined each to its page row for `live`, `expire_at` and `locale_id`:
a look-up per row, up to half of the search's time (bench/README.md, session 10).
`page_live`, `page_expire_at` and `page_locale_id` copy them: a trigger fills them when the
release row is inserted and another refreshes them in the same transaction whenever the page
row changes them, whatever writes it (publish, unpublish, the scheduler, a move, a bulk
update), so the copy can never show a page the page table hides.

A search's facets count the themes and publishers of its newest thousand matches, and every card
shows them: read from the two link tables, that was a thousand index look-ups per table and
search (bench/README.md, session 10). `theme_ids` and `co_publisher_ids` copy the link tables
onto the release row, which the search reads anyway. Statement triggers on the link tables keep
them: every write path (the editor's publish, `releases.bulk`, the archive importer, a raw
statement) goes through those tables. Like the search vector, the columns are not declared on
the model (`releases.search` names them in SQL).

Updating a release row fired the words list's statement trigger of 0007, which analysed the
whole text of every updated release again; it now skips the rows whose search vector did not
change.
"""

from django.db import migrations

PAGE_STATE = {"page_live": "live", "page_expire_at": "expire_at", "page_locale_id": "locale_id"}

BATCH = 5000

LINKS = {
    # column: (link table, the linked id)
    "theme_ids": ("releases_pressreleasepage_themes", "theme_id"),
    "co_publisher_ids": ("releases_pressreleasepage_co_publishers", "publisher_id"),
}


def _linked_ids(column, release="r.page_ptr_id"):
    """SQL of the ids `column` copies for the release whose id `release` (SQL) gives, from
    its link table."""
    table, linked = LINKS[column]
    return (
        f"coalesce((SELECT array_agg(l.{linked} ORDER BY l.{linked}) FROM {table} l "
        f"WHERE l.pressreleasepage_id = {release}), '{{}}')"
    )


def _refresh(column, ids):
    """SQL setting `column` of the releases whose ids `ids` (SQL) gives from its link table."""
    return (
        f"UPDATE releases_pressreleasepage r SET {column} = {_linked_ids(column)} "
        f"WHERE r.page_ptr_id IN ({ids})"
    )


FUNCTIONS = "\n".join(
    f"""
CREATE OR REPLACE FUNCTION releases_{column}_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {_refresh(column, "SELECT pressreleasepage_id FROM changed")};
    RETURN NULL;
END
$$;
"""
    for column in LINKS
)

STATE = f"""
CREATE OR REPLACE FUNCTION releases_page_state_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.live, p.expire_at, p.locale_id
    INTO NEW.page_live, NEW.page_expire_at, NEW.page_locale_id
    FROM wagtailcore_page p WHERE p.id = NEW.page_ptr_id;
    -- Links written before the row (releases.bulk) are copied here, not by an update after.
    NEW.theme_ids := {_linked_ids("theme_ids", "NEW.page_ptr_id")};
    NEW.co_publisher_ids := {_linked_ids("co_publisher_ids", "NEW.page_ptr_id")};
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION releases_page_state_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE releases_pressreleasepage
    SET page_live = NEW.live, page_expire_at = NEW.expire_at, page_locale_id = NEW.locale_id
    WHERE page_ptr_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER releases_page_state BEFORE INSERT OR UPDATE OF page_ptr_id
    ON releases_pressreleasepage FOR EACH ROW EXECUTE FUNCTION releases_page_state_insert();
CREATE OR REPLACE TRIGGER releases_page_state
    AFTER UPDATE OF live, expire_at, locale_id ON wagtailcore_page FOR EACH ROW
    WHEN (OLD.live IS DISTINCT FROM NEW.live OR OLD.expire_at IS DISTINCT FROM NEW.expire_at
          OR OLD.locale_id IS DISTINCT FROM NEW.locale_id)
    EXECUTE FUNCTION releases_page_state_update();
"""

# One trigger per event and transition table: a trigger with transition tables takes one event.
TRIGGERS = "\n".join(
    f"CREATE OR REPLACE TRIGGER releases_{column}_{event.lower()}{suffix} AFTER {event} "
    f"ON {table} REFERENCING {side} TABLE AS changed "
    f"FOR EACH STATEMENT EXECUTE FUNCTION releases_{column}_update();"
    for column, (table, _linked) in LINKS.items()
    for event, side, suffix in (
        ("INSERT", "NEW", ""),
        ("DELETE", "OLD", ""),
        ("UPDATE", "NEW", "_new"),
        ("UPDATE", "OLD", "_old"),
    )
)

# 0007's words list: the words of the inserted releases, and of the updated ones whose vector
# changed (an update of their links or withdrawal leaves the text as it was).
WORDS = """
CREATE OR REPLACE FUNCTION releases_search_words_add(ids integer[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO releases_searchword (config, word)
    SELECT DISTINCT r.search_config, w.word
    FROM releases_pressreleasepage r
    JOIN wagtailcore_page p ON p.id = r.page_ptr_id
    CROSS JOIN LATERAL (
        SELECT lexeme FROM unnest(r.search_vector)
        UNION
        SELECT lexeme FROM unnest(to_tsvector('releases_words',
            p.title || ' ' || r.lead || ' ' || releases_body_text(r.body)))
    ) AS w(word)
    WHERE r.page_ptr_id = ANY (ids)
      AND r.search_config IN ('releases_dutch'::regconfig, 'releases_german'::regconfig)
      AND length(w.word) BETWEEN 4 AND 60
    ON CONFLICT DO NOTHING
$$;

CREATE OR REPLACE FUNCTION releases_search_words_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM releases_search_words_add(array(SELECT page_ptr_id FROM new_rows));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION releases_search_words_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM releases_search_words_add(array(
        SELECT n.page_ptr_id FROM new_rows n JOIN old_rows o USING (page_ptr_id)
        WHERE n.search_vector IS DISTINCT FROM o.search_vector));
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER releases_search_words_insert AFTER INSERT ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_insert();
CREATE OR REPLACE TRIGGER releases_search_words_update AFTER UPDATE ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_changed();
"""

# 0007's triggers as they were.
WORDS_BEFORE = """
CREATE OR REPLACE TRIGGER releases_search_words_insert AFTER INSERT ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_update();
CREATE OR REPLACE TRIGGER releases_search_words_update AFTER UPDATE ON releases_pressreleasepage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION releases_search_words_update();
DROP FUNCTION IF EXISTS releases_search_words_changed();
DROP FUNCTION IF EXISTS releases_search_words_insert();
DROP FUNCTION IF EXISTS releases_search_words_add(integer[]);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(WORDS)
    execute(
        "ALTER TABLE releases_pressreleasepage "
        "ADD COLUMN IF NOT EXISTS page_live boolean NOT NULL DEFAULT false, "
        "ADD COLUMN IF NOT EXISTS page_expire_at timestamp with time zone, "
        "ADD COLUMN IF NOT EXISTS page_locale_id integer, "
        + ", ".join(
            f"ADD COLUMN IF NOT EXISTS {column} bigint[] NOT NULL DEFAULT '{{}}'"
            for column in LINKS
        )
    )
    execute(STATE)
    execute(FUNCTIONS)
    execute(TRIGGERS)
    # Existing releases, in batches of ids, each row written once: every update leaves a dead
    # copy of the row until VACUUM (bench/README.md, session 10).
    copies = [f"{copy} = p.{source}" for copy, source in PAGE_STATE.items()]
    copies += [f"{column} = {_linked_ids(column)}" for column in LINKS]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(page_ptr_id), max(page_ptr_id) FROM releases_pressreleasepage")
        low, high = cursor.fetchone()
        for start in range(low or 0, (high or 0) + 1, BATCH):
            cursor.execute(
                f"UPDATE releases_pressreleasepage r SET {', '.join(copies)} "
                "FROM wagtailcore_page p WHERE p.id = r.page_ptr_id "
                "AND r.page_ptr_id >= %s AND r.page_ptr_id < %s",
                [start, start + BATCH],
            )
        # The planner's figures for the new columns.
        cursor.execute("ANALYZE releases_pressreleasepage")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    for column, (table, _linked) in LINKS.items():
        for suffix in ("insert", "delete", "update_new", "update_old"):
            execute(f"DROP TRIGGER IF EXISTS releases_{column}_{suffix} ON {table}")
        execute(f"DROP FUNCTION IF EXISTS releases_{column}_update()")
        execute(f"ALTER TABLE releases_pressreleasepage DROP COLUMN IF EXISTS {column}")
    execute("DROP TRIGGER IF EXISTS releases_page_state ON wagtailcore_page")
    execute("DROP TRIGGER IF EXISTS releases_page_state ON releases_pressreleasepage")
    execute("DROP FUNCTION IF EXISTS releases_page_state_update()")
    execute("DROP FUNCTION IF EXISTS releases_page_state_insert()")
    for copy in PAGE_STATE:
        execute(f"ALTER TABLE releases_pressreleasepage DROP COLUMN IF EXISTS {copy}")
    execute(WORDS_BEFORE)


class Migration(migrations.Migration):
    # The backfill runs in batches; each commits.
    atomic = False

    dependencies = [("releases", "0011_live_page_count_index_with_id")]

    operations = [migrations.RunPython(create, drop)]
