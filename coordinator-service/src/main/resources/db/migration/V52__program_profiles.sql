-- What runs measured of each dispatchable method, per program content (the jar's SHA-256), so the
-- next run of the same program starts from it: the work of a call at home and remotely, the round
-- trip, the bytes, and the decision the adaptive policy ended the run with. One row per method;
-- the newest run's measured figures replace older ones, figures it did not measure are kept.
create table program_profiles (
  jar_sha256          varchar(64)              not null,
  method_key          varchar(4000)            not null,
  local_work_nanos    double precision,
  local_timed_calls   bigint                   not null,
  remote_work_nanos   double precision,
  round_trip_nanos    double precision,
  remote_calls        bigint                   not null,
  mean_bytes          double precision,
  learned_decision    varchar(16),
  learned_reason      text,
  run_id              varchar(64)              not null,
  updated_at          timestamp with time zone not null,
  constraint program_profiles_pk primary key (jar_sha256, method_key)
);
