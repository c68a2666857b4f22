-- Runs of programs (run driver). Numbered 20 so that it never collides with the program store's
-- migrations (V1..V19). No foreign key to programs: run history outlives a deleted program.
create table runs (
  id               varchar(64)   not null primary key,
  program_id       varchar(64)   not null,
  main_class       varchar(1000),
  args             text          not null,
  heuristic        varchar(200),
  tunables         text          not null,
  deadline_seconds bigint,
  status           varchar(16)   not null,
  exit_code        integer,
  created_at       timestamp with time zone not null,
  started_at       timestamp with time zone,
  finished_at      timestamp with time zone,
  error            text,
  stats            text,
  stdout           text,
  stderr           text
);

create index runs_program_id_idx on runs (program_id);
create index runs_created_at_idx on runs (created_at);
create index runs_status_idx on runs (status);
