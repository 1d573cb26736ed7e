import assert from 'node:assert/strict';
import { test } from 'node:test';
import { killTrials } from './trials.js';

/**
 * kill -9 of `discern ingest` at random points (seeded, spread over a whole run), then a
 * rerun: the database must pass every check and hold exactly what a clean run stores, and
 * the killed run must be marked interrupted, not left running. `npm run soak` runs more trials.
 */

const TRIALS = Number(process.env.DISCERN_KILL_TRIALS ?? 10);
const DOCS = Number(process.env.DISCERN_KILL_DOCS ?? 10);

test(`kill -9 of discern ingest at ${TRIALS} random points, then a rerun: identical to a clean run, checks clean`, { timeout: 300_000 }, async () => {
  const { interrupted } = await killTrials(TRIALS, DOCS);
  assert.ok(interrupted > 0, 'at least one kill landed mid-run and was marked interrupted');
});
