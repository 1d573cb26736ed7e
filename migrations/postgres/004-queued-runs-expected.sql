-- A queued run's number of inputs is known only once the enqueuer has read them all
-- (folders are streamed); until then it is NULL and no worker sends the corpus job.
ALTER TABLE queued_runs ALTER COLUMN expected DROP NOT NULL;
