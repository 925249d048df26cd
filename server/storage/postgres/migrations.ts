import type { Pool } from 'pg'
import { DEFAULT_RETENTION_DAYS } from '../../../shared/retention.ts'
import type { Logger } from '../../logger.ts'
import { LockKind } from './advisoryLocks.ts'
import { inTransaction } from './inTransaction.ts'

export interface Migration {
  version: number
  description: string
  sql: string
}

/**
 * Times stay ISO-8601 text, as the store interfaces hand them over: they sort
 * as text in time order and come back byte for byte (an event's `date` may be
 * a bare day). A board's update log counts per board in `board_heads`; see
 * PostgresBoardStore for why not a global sequence.
 */
const INITIAL_SCHEMA = `
CREATE TABLE events (
  id text PRIMARY KEY,
  title text NOT NULL,
  date text,
  place text,
  mode text NOT NULL,
  agenda jsonb NOT NULL,
  created_at text NOT NULL,
  call_url text,
  retention_days integer NOT NULL DEFAULT ${DEFAULT_RETENTION_DAYS},
  delete_after_retention boolean NOT NULL DEFAULT false,
  privacy_contact text,
  personal_data_removed_at text
);
CREATE TABLE boards (
  id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES events (id),
  title text NOT NULL,
  template text NOT NULL,
  created_at text NOT NULL,
  archived_at text
);
CREATE INDEX boards_by_event ON boards (event_id, created_at);
CREATE TABLE links (
  id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES events (id),
  role text NOT NULL,
  label text,
  token_hash text NOT NULL UNIQUE,
  code text,
  parent_link_id text REFERENCES links (id),
  created_at text NOT NULL,
  revoked_at text,
  last_seen_at text
);
CREATE UNIQUE INDEX links_active_code ON links (code) WHERE code IS NOT NULL AND revoked_at IS NULL;
CREATE INDEX links_by_event ON links (event_id, created_at);
CREATE INDEX links_by_parent ON links (parent_link_id);
CREATE INDEX links_devices_by_event ON links (event_id, parent_link_id, revoked_at);

CREATE TABLE board_heads (
  board_id text PRIMARY KEY,
  last_seq bigint NOT NULL
);
CREATE TABLE board_updates (
  board_id text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (board_id, seq)
);
CREATE TABLE board_snapshots (
  board_id text PRIMARY KEY,
  data bytea NOT NULL,
  upto_seq bigint NOT NULL
);
CREATE TABLE board_versions (
  id text PRIMARY KEY,
  board_id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  created_at text NOT NULL,
  content text NOT NULL
);
CREATE INDEX board_versions_by_board ON board_versions (board_id, created_at);
CREATE TABLE board_assets (
  board_id text NOT NULL,
  name text NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (board_id, name)
);

CREATE TABLE workshop_states (
  event_id text PRIMARY KEY,
  version integer NOT NULL,
  format integer NOT NULL,
  state text NOT NULL
);
CREATE TABLE vote_dots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vote_id text NOT NULL,
  board_id text NOT NULL,
  person_id text NOT NULL,
  person_name text,
  shape_id text NOT NULL
);
CREATE INDEX vote_dots_by_board ON vote_dots (board_id);
CREATE INDEX vote_dots_by_person ON vote_dots (vote_id, person_id);
CREATE TABLE revealed_votes (
  vote_id text PRIMARY KEY,
  board_id text NOT NULL,
  results jsonb NOT NULL,
  revealed_at text NOT NULL,
  stored_order bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX revealed_votes_by_board ON revealed_votes (board_id, revealed_at);
CREATE TABLE profile_cards (
  event_id text NOT NULL,
  person_id text NOT NULL,
  card jsonb NOT NULL,
  PRIMARY KEY (event_id, person_id)
);
CREATE TABLE match_marks (
  event_id text NOT NULL,
  from_id text NOT NULL,
  to_id text NOT NULL,
  want boolean NOT NULL,
  share_contact boolean NOT NULL,
  PRIMARY KEY (event_id, from_id, to_id)
);
`

/** Applied in order, each once; a release that changes the schema appends one and never edits a published one. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, description: 'initial schema', sql: INITIAL_SCHEMA }]

/**
 * Brings the schema (the first on the connection's search_path) to the
 * newest version. Everything runs in one transaction under an advisory lock,
 * so processes that start together apply each migration once: the others
 * wait, then find it applied. A schema newer than this release is refused
 * rather than written with an older idea of the tables.
 */
export async function migrate(pool: Pool, logger: Logger): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LockKind.migrations])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((row) => row.version))
    const newestKnown = Math.max(0, ...MIGRATIONS.map((migration) => migration.version))
    const newestApplied = Math.max(0, ...applied)
    if (newestApplied > newestKnown) {
      throw new Error(`the database schema is at version ${newestApplied}, newer than this release knows (${newestKnown}); run a newer release`)
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description])
      logger.info({ version: migration.version, description: migration.description }, 'applied database migration')
    }
  })
}
