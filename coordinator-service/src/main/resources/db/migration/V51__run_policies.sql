-- The adaptive placement policy a run uses ('none' for none), and the decisions it made.
alter table runs add column adaptive_policy varchar(200);
alter table runs add column decisions text;
