-- Assemblies: the data of participation. Times are epoch milliseconds (UTC).
CREATE TABLE assembly (
    id                      BIGSERIAL PRIMARY KEY,
    topic                   TEXT    NOT NULL,
    description             TEXT    NOT NULL,
    strict_moderation       BOOLEAN NOT NULL,
    participants_may_submit BOOLEAN NOT NULL,
    created_at              BIGINT  NOT NULL,
    next_pid                INTEGER NOT NULL DEFAULT 0,  -- the next participant number (Polis's pid)
    next_tid                INTEGER NOT NULL DEFAULT 0   -- the next statement number (Polis's tid)
);

CREATE TABLE participant (
    assembly_id BIGINT  NOT NULL REFERENCES assembly (id),
    pid         INTEGER NOT NULL,
    external_id TEXT,
    group_id    INTEGER,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (assembly_id, pid),
    UNIQUE (assembly_id, external_id)
);

CREATE TABLE participant_attribute (
    assembly_id BIGINT  NOT NULL,
    pid         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    PRIMARY KEY (assembly_id, pid, name),
    FOREIGN KEY (assembly_id, pid) REFERENCES participant (assembly_id, pid)
);

CREATE TABLE statement (
    seq         BIGSERIAL PRIMARY KEY,  -- storage order, which exports keep
    assembly_id BIGINT   NOT NULL REFERENCES assembly (id),
    tid         INTEGER  NOT NULL,
    text        TEXT     NOT NULL,
    author_pid  INTEGER,
    created_at  BIGINT   NOT NULL,
    moderation  SMALLINT NOT NULL CHECK (moderation IN (-1, 0, 1)),
    is_meta     BOOLEAN  NOT NULL,
    is_seed     BOOLEAN  NOT NULL,
    UNIQUE (assembly_id, tid),
    FOREIGN KEY (assembly_id, author_pid) REFERENCES participant (assembly_id, pid)
);

-- Every vote event is kept, in arrival order (id).
CREATE TABLE vote_event (
    id                BIGSERIAL PRIMARY KEY,
    assembly_id       BIGINT   NOT NULL,
    pid               INTEGER  NOT NULL,
    tid               INTEGER  NOT NULL,
    vote              SMALLINT NOT NULL CHECK (vote IN (-1, 0, 1)),
    created_at        BIGINT   NOT NULL,
    client_request_id TEXT,
    UNIQUE (assembly_id, client_request_id),
    FOREIGN KEY (assembly_id, pid) REFERENCES participant (assembly_id, pid),
    FOREIGN KEY (assembly_id, tid) REFERENCES statement (assembly_id, tid)
);
CREATE INDEX vote_event_cell ON vote_event (assembly_id, pid, tid, created_at);

-- The vote that counts per participant and statement: the latest by time, then by arrival.
CREATE TABLE latest_vote (
    assembly_id BIGINT   NOT NULL,
    pid         INTEGER  NOT NULL,
    tid         INTEGER  NOT NULL,
    vote        SMALLINT NOT NULL,
    created_at  BIGINT   NOT NULL,
    event_id    BIGINT   NOT NULL,
    PRIMARY KEY (assembly_id, pid, tid)
);
