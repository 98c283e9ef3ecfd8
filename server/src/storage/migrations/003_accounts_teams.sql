-- Accounts, devices and teams (docs/sync-protocol.md §8).
CREATE TABLE users (
  id             uuid        PRIMARY KEY,
  email          text        NOT NULL UNIQUE,
  password_hash  text        NOT NULL,
  -- The version at which this user's team memberships last changed: older cursors must refetch.
  access_version bigint      NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per browser profile; its token is stored only as a SHA-256.
CREATE TABLE devices (
  id           uuid        PRIMARY KEY,
  user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text        NOT NULL,
  token_hash   text        UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
CREATE INDEX devices_user ON devices (user_id);

CREATE TABLE teams (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  team_id   uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role      text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- One-time codes, stored as SHA-256 like tokens.
CREATE TABLE invites (
  code_hash  text        PRIMARY KEY,
  team_id    uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_by uuid        NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  used_by    uuid
);
