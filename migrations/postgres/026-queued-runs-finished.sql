-- A queued run counts its finished inputs as they are marked, so the check "is every input
-- in?" after each document job reads one row instead of counting the run's inputs (which
-- made a run of N documents cost O(N²) in the database).
ALTER TABLE queued_runs ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;
UPDATE queued_runs q SET finished = (SELECT COUNT(*) FROM queued_inputs i WHERE i.run_id = q.run_id);
