-- The participatory web interface: who may join an assembly, accounts, sessions, invitations, comparisons, consent.
-- Times are epoch milliseconds (UTC). Secrets (session ids, invitation tokens) are stored only as SHA-256 hashes.

-- open: anyone with the link joins; invitation: only holders of an invitation token.
ALTER TABLE assembly ADD COLUMN access TEXT NOT NULL DEFAULT 'open' CHECK (access IN ('open', 'invitation'));

-- Moderators and admins; password_hash is a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
CREATE TABLE account (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('moderator', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- Browser sessions: participants' (no account) and logged-in accounts'. visitor names the participant a session
-- acts as in every assembly (external id "web:" + visitor); csrf is the session's synchronizer token.
CREATE TABLE web_session (
    id_hash    TEXT    PRIMARY KEY,
    visitor    TEXT    NOT NULL,
    csrf       TEXT    NOT NULL,
    account_id BIGINT  REFERENCES account (id),
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);

-- Single-use invitations to an assembly whose access is 'invitation'.
CREATE TABLE invitation (
    id          BIGSERIAL PRIMARY KEY,
    assembly_id BIGINT  NOT NULL REFERENCES assembly (id),
    token_hash  TEXT    NOT NULL UNIQUE,
    label       TEXT    NOT NULL,
    created_by  BIGINT  REFERENCES account (id),
    created_at  BIGINT  NOT NULL,
    used_at     BIGINT ,
    used_by_pid INTEGER
);

-- A participant's consent to store the attributes they describe themselves with.
CREATE TABLE participant_consent (
    assembly_id  BIGINT  NOT NULL,
    pid          INTEGER NOT NULL,
    consented_at BIGINT  NOT NULL,
    PRIMARY KEY (assembly_id, pid),
    FOREIGN KEY (assembly_id, pid) REFERENCES participant (assembly_id, pid)
);

-- Pairwise comparisons of model responses: a task is a prompt and two labelled responses; a comparison is a
-- participant's verdict on it (one per participant and task: a later one replaces it).
CREATE TABLE comparison_task (
    id          BIGSERIAL PRIMARY KEY,
    assembly_id BIGINT  NOT NULL REFERENCES assembly (id),
    prompt      TEXT    NOT NULL,
    response_a  TEXT    NOT NULL,
    response_b  TEXT    NOT NULL,
    label_a     TEXT    NOT NULL,  -- what produced each response (a model, a charter version): the items compared
    label_b     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE comparison (
    id          BIGSERIAL PRIMARY KEY,
    task_id     BIGINT  NOT NULL REFERENCES comparison_task (id),
    assembly_id BIGINT  NOT NULL,
    pid         INTEGER NOT NULL,
    choice      TEXT    NOT NULL CHECK (choice IN ('a', 'b', 'tie')),
    reason      TEXT,
    created_at  BIGINT  NOT NULL,
    UNIQUE (task_id, pid),
    FOREIGN KEY (assembly_id, pid) REFERENCES participant (assembly_id, pid)
);
CREATE INDEX comparison_assembly ON comparison (assembly_id, id);
