-- Every synced table lives in one `records` table: the shared zod schemas are the contract for a
-- row's shape, so PostgreSQL keeps the whole record as jsonb and only lifts out the columns that
-- sync filters and orders by. Adding a field to a schema then needs no migration here.
CREATE TABLE records (
  table_name     text    NOT NULL,
  id             uuid    NOT NULL,
  owner_id       text    NOT NULL,
  team_id        text,
  visibility     text    NOT NULL CHECK (visibility IN ('private', 'team')),
  created_at     bigint  NOT NULL,
  updated_at     bigint  NOT NULL,
  deleted_at     bigint,
  schema_version integer NOT NULL,
  data           jsonb   NOT NULL,
  PRIMARY KEY (table_name, id)
);

-- Sync pages through one owner's or one team's changes in (updated_at, id) order.
CREATE INDEX records_owner_changes ON records (table_name, owner_id, updated_at, id);
CREATE INDEX records_team_changes ON records (table_name, team_id, updated_at, id);
