-- Uploaded programs. The jar bytes live in <data-dir>/programs/<sha256>.jar, written before the row.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE programs (
    id                 VARCHAR(64)              NOT NULL,
    name               VARCHAR(255)             NOT NULL,
    sha256             VARCHAR(64)              NOT NULL,
    size_bytes         BIGINT                   NOT NULL,
    class_count        INTEGER                  NOT NULL,
    entry_count        INTEGER                  NOT NULL,
    uncompressed_bytes BIGINT                   NOT NULL,
    main_class         VARCHAR(1024),
    uploaded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT programs_pk PRIMARY KEY (id),
    CONSTRAINT programs_sha256_uk UNIQUE (sha256)
);

CREATE INDEX programs_uploaded_at_idx ON programs (uploaded_at);
