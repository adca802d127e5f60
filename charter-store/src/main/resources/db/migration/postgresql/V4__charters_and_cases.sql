-- Stored charter versions and open cases with their panels. Times are epoch milliseconds (UTC).
-- A charter version keeps the canonical YAML text; versions of one name are numbered 1, 2, ... and name their parent
-- version, so that two ratifications racing from the same parent cannot both be stored.
CREATE TABLE charter_version (
    name           TEXT    NOT NULL,
    number         INTEGER NOT NULL CHECK (number >= 1),
    parent_number  INTEGER,
    label          TEXT    NOT NULL,  -- the charter's own version field
    content_hash   TEXT    NOT NULL,
    yaml           TEXT    NOT NULL,
    made_by        TEXT    NOT NULL,
    made_at        BIGINT  NOT NULL,
    rule           TEXT    NOT NULL,  -- how it was made: import, ratify consensus >= 3/5, amend, ...
    PRIMARY KEY (name, number),
    UNIQUE (name, parent_number),
    FOREIGN KEY (name, parent_number) REFERENCES charter_version (name, number)
);

-- An open case as the gateway wrote it (the OpenCase JSON, rulings included), plus its status.
CREATE TABLE charter_case (
    id          TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    charter_id  TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('open', 'decided')),
    created_at  BIGINT  NOT NULL,
    panel_rule  TEXT    NOT NULL,  -- e.g. majority:3
    case_json   TEXT    NOT NULL
);

-- The panel's rulings on a case, one per panellist, in the order given.
CREATE TABLE case_panel_ruling (
    case_id     TEXT    NOT NULL REFERENCES charter_case (id),
    seq         INTEGER NOT NULL,
    panellist   TEXT    NOT NULL,
    ruling_json TEXT    NOT NULL,
    ruled_at    BIGINT  NOT NULL,
    PRIMARY KEY (case_id, seq),
    UNIQUE (case_id, panellist)
);

-- Seats on a case's panel for participants: a moderator hands out a link with a one-time token (only its SHA-256
-- is kept); whoever opens it rules once, as "panel seat N".
CREATE TABLE case_panel_seat (
    case_id     TEXT    NOT NULL REFERENCES charter_case (id),
    seat        INTEGER NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (case_id, seat)
);
