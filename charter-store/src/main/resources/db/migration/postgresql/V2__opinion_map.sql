-- The latest opinion map of each assembly, so the next computation warm-starts from it.
CREATE TABLE opinion_map (
    assembly_id   BIGINT PRIMARY KEY REFERENCES assembly (id),
    last_event_id BIGINT NOT NULL,  -- the newest vote event the map saw
    computed_at   BIGINT NOT NULL,
    options_key   TEXT   NOT NULL,  -- the options it was computed with
    map_json      TEXT   NOT NULL
);
