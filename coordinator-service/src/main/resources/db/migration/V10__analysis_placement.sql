-- The bytecode analysis of each program, its placement plans (versioned) and the global heuristic
-- settings. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode. Rows of a program go with it.

-- One row per program. generation grows with every (re)submission, so a late result of an older
-- submission never overwrites a newer one. result is the whole model as JSON (methods and edges).
CREATE TABLE program_analyses (
    program_id      VARCHAR(64)              NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    generation      BIGINT                   NOT NULL,
    error           TEXT,
    duration_millis BIGINT,
    method_count    INTEGER                  NOT NULL,
    movable_count   INTEGER                  NOT NULL,
    result          TEXT,
    declarations    TEXT,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT program_analyses_pk PRIMARY KEY (program_id),
    CONSTRAINT program_analyses_program_fk FOREIGN KEY (program_id)
        REFERENCES programs (id) ON DELETE CASCADE
);

CREATE INDEX program_analyses_status_idx ON program_analyses (status);

-- Every plan version of a program; the highest version is the current plan. analysis_generation
-- names the analysis it was computed from.
CREATE TABLE placement_plans (
    program_id          VARCHAR(64)              NOT NULL,
    version             INTEGER                  NOT NULL,
    analysis_generation BIGINT                   NOT NULL,
    heuristic           VARCHAR(64)              NOT NULL,
    tunables            TEXT                     NOT NULL,
    overrides           TEXT                     NOT NULL,
    decisions           TEXT                     NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT placement_plans_pk PRIMARY KEY (program_id, version),
    CONSTRAINT placement_plans_program_fk FOREIGN KEY (program_id)
        REFERENCES programs (id) ON DELETE CASCADE
);

-- The global heuristic settings: one row, id 'global'; tunables holds only the values given.
CREATE TABLE heuristic_settings (
    id         VARCHAR(16)              NOT NULL,
    heuristic  VARCHAR(64)              NOT NULL,
    tunables   TEXT                     NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT heuristic_settings_pk PRIMARY KEY (id)
);
