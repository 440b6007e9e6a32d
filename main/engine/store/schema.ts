/** Version of the SQL schema users query (docs/schema.md); stored in `meta.schema_version`. */
export const SCHEMA_VERSION = 1;

/** The schema name the tables live in: an attached in-memory database (see store-core.ts). */
export const DB = 'ev';

/** Tables of design §4 (a contract), plus the additive `files` columns documented in docs/schema.md. */
export const TABLES_DDL = `
CREATE TABLE ${DB}.events (
  id INTEGER PRIMARY KEY, ts INTEGER, seq INTEGER NOT NULL, source TEXT NOT NULL, format TEXT NOT NULL,
  host TEXT, file_id INTEGER, line INTEGER, level TEXT, program TEXT, pid INTEGER,
  src_ip TEXT, src_port INTEGER, dst_ip TEXT, dst_port INTEGER, proto TEXT, action TEXT, direction TEXT,
  user TEXT, method TEXT, path TEXT, query TEXT, status INTEGER, bytes INTEGER, referrer TEXT, user_agent TEXT,
  message TEXT, raw TEXT, extra TEXT
);
CREATE TABLE ${DB}.files (
  id INTEGER PRIMARY KEY, input TEXT NOT NULL, path TEXT NOT NULL, format TEXT, source TEXT, sha256 TEXT, bytes INTEGER,
  lines INTEGER, events INTEGER, unparsed INTEGER, first_ts INTEGER, last_ts INTEGER, warnings TEXT,
  continuation INTEGER, ignored INTEGER, time_note TEXT, mtime_ms INTEGER
);
CREATE TABLE ${DB}.findings (
  id INTEGER PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, title TEXT, key TEXT, count INTEGER,
  first_ts INTEGER, last_ts INTEGER, summary TEXT
);
CREATE TABLE ${DB}.finding_events (finding_id INTEGER NOT NULL, event_id INTEGER NOT NULL, PRIMARY KEY (finding_id, event_id));
CREATE TABLE ${DB}.bookmarks (event_id INTEGER PRIMARY KEY, created_ts INTEGER, note TEXT);
CREATE TABLE ${DB}.tags (target_kind TEXT NOT NULL, target_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (target_kind, target_id, tag));
CREATE TABLE ${DB}.notes (id INTEGER PRIMARY KEY, target_kind TEXT NOT NULL, target_id INTEGER, body TEXT NOT NULL, created_ts INTEGER, updated_ts INTEGER);
CREATE TABLE ${DB}.saved_queries (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sql TEXT NOT NULL, created_ts INTEGER);
CREATE TABLE ${DB}.rules (id TEXT PRIMARY KEY, body TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, updated_ts INTEGER);
CREATE TABLE ${DB}.meta (key TEXT PRIMARY KEY, value TEXT);
`;

/** Indexes, created after the bulk insert (faster than maintaining them row by row). */
export const INDEXES_DDL = `
CREATE INDEX IF NOT EXISTS ${DB}.events_ts ON events (ts, seq);
CREATE INDEX IF NOT EXISTS ${DB}.events_source ON events (source);
CREATE INDEX IF NOT EXISTS ${DB}.events_src_ip ON events (src_ip);
CREATE INDEX IF NOT EXISTS ${DB}.events_status ON events (status);
`;

/** Full-text index over messages, external content (no second copy of the text). */
export const FTS_DDL = `
CREATE VIRTUAL TABLE IF NOT EXISTS ${DB}.events_fts USING fts4(content="events", message);
INSERT INTO ${DB}.events_fts(docid, message) SELECT id, message FROM ${DB}.events;
`;
