import { EVENT_COLUMNS } from '../../../shared/types/event.js';

/** Version of the SQL schema users query (docs/schema.md); stored in `meta` under `schema_version`. */
export const SCHEMA_VERSION = 1;

/**
 * The database the tables live in: an attached `:memory:` database, not sql.js's main one
 * (see store-core.ts). Unqualified names (`SELECT * FROM events`) resolve to it because `main`
 * holds no table of the same name; the catalogue is `ev.sqlite_master`, not `sqlite_master`.
 */
export const STORE_DB = 'ev';

/**
 * The tables of design §4 (a contract), plus the additive `files` columns `continuation`,
 * `ignored`, `time_note`, `mtime_ms`, `host` and `folded` and the additive tables `event_copies`,
 * `user_formats` (the format editor's saved formats), `console_history` and `case_log` (the hash-chained activity log),
 * documented in docs/schema.md.
 * `ts` columns hold UTC epoch milliseconds (INTEGER affinity: a fractional value, kept for
 * microsecond logs, is stored as REAL). `warnings`, `extra` and `findings.key` are JSON text.
 */
export const TABLES_DDL = `
CREATE TABLE ${STORE_DB}.events (
  id INTEGER PRIMARY KEY, ts INTEGER, seq INTEGER NOT NULL, source TEXT NOT NULL, format TEXT NOT NULL,
  host TEXT, file_id INTEGER, line INTEGER, level TEXT, program TEXT, pid INTEGER,
  src_ip TEXT, src_port INTEGER, dst_ip TEXT, dst_port INTEGER, proto TEXT, action TEXT, direction TEXT,
  user TEXT, method TEXT, path TEXT, query TEXT, status INTEGER, bytes INTEGER, referrer TEXT, user_agent TEXT,
  message TEXT, raw TEXT, extra TEXT
);
CREATE TABLE ${STORE_DB}.files (
  id INTEGER PRIMARY KEY, input TEXT NOT NULL, path TEXT NOT NULL, format TEXT, source TEXT, sha256 TEXT,
  bytes INTEGER, lines INTEGER, events INTEGER, unparsed INTEGER, first_ts INTEGER, last_ts INTEGER,
  warnings TEXT, continuation INTEGER, ignored INTEGER, time_note TEXT, mtime_ms INTEGER, host TEXT, folded INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ${STORE_DB}.event_copies (event_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER);
CREATE INDEX ${STORE_DB}.event_copies_event ON event_copies (event_id);
CREATE TABLE ${STORE_DB}.findings (
  id INTEGER PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, title TEXT, key TEXT, count INTEGER,
  first_ts INTEGER, last_ts INTEGER, summary TEXT
);
CREATE TABLE ${STORE_DB}.finding_events (
  finding_id INTEGER NOT NULL, event_id INTEGER NOT NULL, PRIMARY KEY (finding_id, event_id)
);
CREATE TABLE ${STORE_DB}.bookmarks (event_id INTEGER PRIMARY KEY, created_ts INTEGER, note TEXT);
CREATE TABLE ${STORE_DB}.tags (
  target_kind TEXT NOT NULL, target_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (target_kind, target_id, tag)
);
CREATE TABLE ${STORE_DB}.notes (
  id INTEGER PRIMARY KEY, target_kind TEXT NOT NULL, target_id INTEGER, body TEXT NOT NULL,
  created_ts INTEGER, updated_ts INTEGER
);
CREATE TABLE ${STORE_DB}.saved_queries (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sql TEXT NOT NULL, created_ts INTEGER);
CREATE TABLE ${STORE_DB}.console_history (id INTEGER PRIMARY KEY, input TEXT NOT NULL, ran_ts INTEGER);
CREATE TABLE ${STORE_DB}.case_log (
  seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE TABLE ${STORE_DB}.rules (id TEXT PRIMARY KEY, body TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, updated_ts INTEGER);
CREATE TABLE ${STORE_DB}.meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE ${STORE_DB}.user_formats (id TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_ts INTEGER);
`;

/** Names of the indexes on `events`, created by `finishImport()`. */
export const EVENT_INDEXES = ['events_ts', 'events_source', 'events_src_ip', 'events_status'] as const;

/**
 * Indexes on `events`, created once the bulk insert is done: building them at the end is
 * faster than keeping them up to date row by row. `IF NOT EXISTS`: a second import reuses them.
 * They keep their NULLs, though most events have no `src_ip` or `status`: the Events table's
 * sorts by those columns walk these indexes (event-sort.ts), and an index without its NULLs
 * cannot give a whole sorted result (without them, built 0.5 s faster per million events, the
 * first page sorted by src_ip took 0.6 s instead of 3 ms at 5 M events).
 */
export const INDEXES_DDL = `
CREATE INDEX IF NOT EXISTS ${STORE_DB}.events_ts ON events (ts, seq);
CREATE INDEX IF NOT EXISTS ${STORE_DB}.events_source ON events (source);
CREATE INDEX IF NOT EXISTS ${STORE_DB}.events_src_ip ON events (src_ip);
CREATE INDEX IF NOT EXISTS ${STORE_DB}.events_status ON events (status);
`;

/**
 * Full-text index over `events.message`, `docid` = `events.id`. External content (sql.js has
 * FTS3/4, not FTS5): the text is not stored twice. It is filled by FTS_FILL_SQL, not by triggers,
 * so the store keeps it in step with the rows it inserts, not with user UPDATEs or DELETEs.
 */
export const FTS_DDL = `CREATE VIRTUAL TABLE IF NOT EXISTS ${STORE_DB}.events_fts USING fts4(content="events", message)`;

/** Indexes the messages of events with `id > ?` (the store only appends; after the fold pass deletes rows, the index is rebuilt). */
export const FTS_FILL_SQL = `INSERT INTO ${STORE_DB}.events_fts (docid, message)
  SELECT id, message FROM ${STORE_DB}.events WHERE id > ? AND message IS NOT NULL`;

/** One event, values in EVENT_COLUMNS order; `id` is left to SQLite. */
export const INSERT_EVENT_SQL = `INSERT INTO ${STORE_DB}.events (${EVENT_COLUMNS.join(', ')})
  VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;
