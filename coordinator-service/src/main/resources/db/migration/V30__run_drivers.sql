-- Runs execute in a driver process of their own (issue 13). What the coordinator needs to find a
-- driver again after a restart, and the run's heap limit. Nullable: runs recorded before have none.
alter table runs add column max_heap_bytes bigint;
alter table runs add column driver_pid bigint;
alter table runs add column driver_started_at timestamp with time zone;
alter table runs add column run_uid integer;
alter table runs add column token_hash varchar(64);
