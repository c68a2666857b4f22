-- The dashboard's lists and run timelines. Numbered 50 so that it never collides with the
-- migrations of the program store (V1..V19), runs (V20..) and others in between.

-- Keyset paging of GET /runs: newest first, ties by id, optionally of one program or one status.
create index runs_created_at_id_idx on runs (created_at, id);
create index runs_program_created_idx on runs (program_id, created_at, id);
create index runs_status_created_idx on runs (status, created_at, id);

-- The remote calls of a finished run (GET /runs/{id}/timeline), as compact JSON; kept with the
-- run history, so no foreign key to programs. dropped counts calls beyond the recorded limit.
create table run_timelines (
  run_id     varchar(64) not null primary key,
  started_at timestamp with time zone,
  calls      text        not null,
  dropped    bigint      not null
);
