-- Sync (docs/sync-protocol.md §4-§6). Each row carries the server version of its last change, the
-- stamp of each field, and who may read it (audience) or ever could (past_audience), so pulls filter
-- by permission in SQL.
ALTER TABLE records
  ADD COLUMN version       bigint,
  ADD COLUMN clocks        jsonb       NOT NULL DEFAULT '{}',
  ADD COLUMN audience      text[],
  ADD COLUMN past_audience text[],
  ADD COLUMN changed_at    timestamptz NOT NULL DEFAULT now();

-- Rows written before sync existed get versions in their (updated_at, id) order, and the audience
-- that audienceOf() in server/src/auth/access.ts gives; from now on only that function computes it.
UPDATE records r SET version = n.v
FROM (SELECT table_name, id, row_number() OVER (ORDER BY updated_at, id) AS v FROM records) n
WHERE r.table_name = n.table_name AND r.id = n.id;
UPDATE records SET audience = ARRAY['u:' || owner_id]
  || CASE WHEN team_id IS NULL THEN '{}'::text[]
          WHEN visibility = 'team' THEN ARRAY['a:' || team_id, 't:' || team_id]
          ELSE ARRAY['a:' || team_id] END;
UPDATE records SET past_audience = audience;
ALTER TABLE records
  ALTER COLUMN version SET NOT NULL,
  ALTER COLUMN audience SET NOT NULL,
  ALTER COLUMN past_audience SET NOT NULL;

-- One version per change: a pull pages by it.
CREATE UNIQUE INDEX records_version ON records (version);
CREATE INDEX records_past_audience ON records USING gin (past_audience);

-- The single row every version-handing transaction locks first (§5): serialising them on it makes
-- versions increase in commit order with no gaps. It also holds the clamp clock (§2), the purge
-- horizon of tombstones (§6) and this database's id, which cursors carry.
CREATE TABLE sync_state (
  id             integer PRIMARY KEY CHECK (id = 1),
  version        bigint  NOT NULL,
  purged_through bigint  NOT NULL DEFAULT 0,
  clamp_ms       bigint  NOT NULL DEFAULT 0,
  clamp_counter  integer NOT NULL DEFAULT 0,
  database_id    uuid    NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO sync_state (id, version) SELECT 1, count(*) FROM records;

-- Idempotency by (device, seq) and the answer given (§4).
CREATE TABLE sync_mutations (
  device_id   uuid        NOT NULL,
  seq         bigint      NOT NULL,
  mutation_id uuid        NOT NULL UNIQUE,
  table_name  text        NOT NULL,
  row_id      uuid        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('applied', 'rejected')),
  version     bigint,
  code        text,
  message     text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);

-- Values a merge dropped (§4): nothing acknowledged disappears without a trace.
CREATE TABLE sync_conflicts (
  id          bigserial   PRIMARY KEY,
  version     bigint      NOT NULL,
  table_name  text        NOT NULL,
  row_id      uuid        NOT NULL,
  field       text        NOT NULL,
  value       jsonb,
  hlc         text        NOT NULL,
  beaten_by   text        NOT NULL,
  reason      text        NOT NULL CHECK (reason IN ('overwritten', 'stale', 'deleted', 'rejected')),
  mutation_id uuid        NOT NULL,
  device_id   uuid        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_id);
