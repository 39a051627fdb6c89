"""The database schema as an ordered list of migrations.

Each migration runs once, in its own transaction, and is recorded in
``schema_migrations``; opening a database applies whatever is missing, so a
database written by an older detente is upgraded in place and keeps its data.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "articles, sentences and everything coded from them",
        """
        CREATE TABLE articles (
            id            VARCHAR PRIMARY KEY,      -- hash of the normalized body
            url           VARCHAR,
            publisher     VARCHAR,
            title         VARCHAR,
            authors       VARCHAR[],
            published     DATE,
            language      VARCHAR,
            body          VARCHAR NOT NULL,
            comments      VARCHAR[],
            source_path   VARCHAR,
            ingested_at   TIMESTAMP,
            duplicate_of  VARCHAR,                  -- near-duplicate of this article id
            evidence      JSON,                     -- which cue set each metadata field
            tone          DOUBLE,
            main_dyad     VARCHAR[],
            coded_version VARCHAR,                  -- NULL until the coding stages ran
            coded_at      TIMESTAMP
        );
        CREATE TABLE article_sources (             -- every input that yielded an article
            article_id  VARCHAR NOT NULL,
            source_path VARCHAR NOT NULL,
            first_seen  TIMESTAMP,
            PRIMARY KEY (article_id, source_path)
        );
        CREATE TABLE removals (                    -- what the cleaner dropped, and why
            article_id VARCHAR NOT NULL,
            seq        INTEGER NOT NULL,
            rule       VARCHAR NOT NULL,
            reason     VARCHAR,
            text       VARCHAR,
            line       INTEGER,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE article_minhash (             -- signatures for near-duplicate search
            article_id VARCHAR PRIMARY KEY,
            signature  UBIGINT[] NOT NULL
        );
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL,
            idx        INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char   INTEGER NOT NULL,
            text       VARCHAR NOT NULL,
            tone       DOUBLE,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE mentions (
            article_id     VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char     INTEGER NOT NULL,
            end_char       INTEGER NOT NULL,
            text           VARCHAR NOT NULL,
            name           VARCHAR,
            country        VARCHAR,
            sector         VARCHAR,
            code           VARCHAR,
            resolved_by    VARCHAR,
            confidence     DOUBLE,
            actor_id       VARCHAR,
            qid            VARCHAR,
            kind           VARCHAR
        );
        CREATE TABLE events (
            id             VARCHAR PRIMARY KEY,
            article_id     VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char     INTEGER NOT NULL,
            end_char       INTEGER NOT NULL,
            sentence       VARCHAR NOT NULL,
            date           DATE,
            source         JSON,      -- list of ActorRef
            target         JSON,
            source_code    VARCHAR,   -- first source/target actor, flattened for SQL users
            source_country VARCHAR,
            source_sector  VARCHAR,
            target_code    VARCHAR,
            target_country VARCHAR,
            target_sector  VARCHAR,
            cameo          VARCHAR NOT NULL,
            cameo_root     VARCHAR NOT NULL,
            plover         VARCHAR,
            plover_mode    VARCHAR,
            plover_context VARCHAR,
            quad_class     INTEGER,
            goldstein      DOUBLE,
            negated        BOOLEAN,
            modality       VARCHAR,
            aux_modes      VARCHAR[],
            speaker        JSON,
            issues         VARCHAR[],
            rule           VARCHAR NOT NULL,
            confidence     DOUBLE,
            trigger        VARCHAR
        );
        CREATE TABLE event_actors (                -- one row per actor of a compound event
            event_id VARCHAR NOT NULL,
            role     VARCHAR NOT NULL,             -- source | target
            pos      INTEGER NOT NULL,
            text     VARCHAR,
            name     VARCHAR,
            country  VARCHAR,
            sector   VARCHAR,
            code     VARCHAR,
            PRIMARY KEY (event_id, role, pos)
        );
        CREATE TABLE quotes (
            id              VARCHAR PRIMARY KEY,
            article_id      VARCHAR NOT NULL,
            sentence_index  INTEGER NOT NULL,
            start_char      INTEGER NOT NULL,
            end_char        INTEGER NOT NULL,
            text            VARCHAR NOT NULL,
            kind            VARCHAR NOT NULL,
            speaker         JSON,
            speaker_name    VARCHAR,
            speaker_country VARCHAR,
            speaker_sector  VARCHAR,
            sentence        VARCHAR
        );
        CREATE TABLE issue_tags (
            article_id     VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            issue          VARCHAR NOT NULL,
            phrase         VARCHAR,
            start_char     INTEGER,
            end_char       INTEGER
        );
        CREATE TABLE assessments (
            id             VARCHAR PRIMARY KEY,
            article_id     VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char     INTEGER NOT NULL,
            end_char       INTEGER NOT NULL,
            dyad_a         VARCHAR,
            dyad_b         VARCHAR,
            level          VARCHAR,
            trend          VARCHAR,
            polarity       DOUBLE,
            speaker        JSON,
            sentence       VARCHAR,
            rule           VARCHAR
        );
        CREATE TABLE runs (
            id          VARCHAR PRIMARY KEY,
            command     VARCHAR,
            started_at  TIMESTAMP,
            finished_at TIMESTAMP,
            stats       JSON
        );
        CREATE TABLE problems (
            run_id VARCHAR,
            source VARCHAR,
            code   VARCHAR,
            reason VARCHAR,
            hint   VARCHAR
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE INDEX issue_tags_article ON issue_tags(article_id);
        CREATE INDEX assessments_article ON assessments(article_id);
        """,
    ),
    Migration(
        2,
        "integrity checks: what each `detente check` found",
        """
        CREATE TABLE checks (                      -- one row per `detente check` run
            id             VARCHAR PRIMARY KEY,
            checked_at     TIMESTAMP NOT NULL,
            schema_version INTEGER NOT NULL,
            ok             BOOLEAN NOT NULL,
            counts         JSON,                    -- rows per table when checked
            findings       JSON                     -- list of {check, table, count, message}
        );
        """,
    ),
    Migration(
        3,
        "corrections: what users said about the coded events (the article page of serve)",
        """
        CREATE TABLE corrections (                 -- one row per correction; the latest per event wins
            id             VARCHAR PRIMARY KEY,     -- random, so a repeated correction is its own row
            created_at     TIMESTAMP NOT NULL,
            author         VARCHAR,                 -- who (the name typed in the form)
            action         VARCHAR NOT NULL,        -- wrong | fix | add
            article_id     VARCHAR NOT NULL,
            event_id       VARCHAR,                 -- the corrected event; NULL when added
            sentence_index INTEGER NOT NULL,
            sentence       VARCHAR NOT NULL,        -- the sentence text when corrected
            plover         VARCHAR,                 -- fix/add: the right PLOVER type
            source_code    VARCHAR,                 -- fix/add: country codes (ISO alpha-3, IGO, ...)
            source_sector  VARCHAR,
            target_code    VARCHAR,
            target_sector  VARCHAR,
            note           VARCHAR,
            original       JSON                     -- the event as coded when it was corrected
        );
        CREATE INDEX corrections_article ON corrections(article_id);
        """,
    ),
    Migration(
        4,
        "event_actors.resolved_by: how each actor of an event was found",
        """
        -- dictionary | title | appositive | earlier_mention | pronoun | author | article_context
        -- (ActorRef.resolved_by, as in the events' source/target JSON); NULL in rows stored
        -- before this migration until `detente run --recode` codes their articles again
        ALTER TABLE event_actors ADD COLUMN IF NOT EXISTS resolved_by VARCHAR;
        """,
    ),
]

LATEST_VERSION = MIGRATIONS[-1].version
