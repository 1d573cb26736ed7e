import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';
import { runCli } from '../support/cli.js';
import { stixErrors } from '../support/stix.js';

/** Reviews and exports through the CLI on a PostgreSQL database (a throwaway loopback cluster). */

const skip = postgresSkip();
after(async () => (await postgresForTests())?.stop());

test('postgres: review, list, re-analyse with --force, export — as on SQLite', { skip, timeout: 180_000 }, async () => {
  const cluster = await postgresForTests();
  assert.ok(cluster);
  const db = await cluster.createDatabase();
  const input = join(packageRoot(), 'test', 'fixtures', 'review');
  const analysed = await runCli(['analyze', input, '--db', db, '--format', 'json']);
  assert.equal(analysed.code, 0, analysed.stderr);
  const findings = (JSON.parse(analysed.stdout) as { documents: Array<{ findings: Array<{ id: string; kind: string; data?: Record<string, unknown> }> }> }).documents[0].findings;
  const accusation = findings.find((f) => f.kind === 'accusation');
  const claim = findings.find((f) => f.kind === 'claim');
  assert.ok(accusation && claim);
  for (const args of [[accusation.id, '--accused', 'Niger'], [claim.id, '--verdict', 'false', '--confirm']]) {
    const out = await runCli(['review', ...args, '--db', db, '--by', 'ana']);
    assert.equal(out.code, 0, out.stderr);
  }
  assert.equal((await runCli(['analyze', input, '--db', db, '--force'])).code, 0);
  const listed = JSON.parse((await runCli(['reviews', '--db', db, '--json'])).stdout) as { reviews: Array<{ attachment: string; status: string }>; orphaned: number };
  assert.deepEqual(listed.reviews.map((r) => [r.attachment, r.status]).sort(), [['exact', 'confirmed'], ['exact', 'corrected']]);
  const stix = await runCli(['export', '--format', 'stix', '--db', db]);
  assert.equal(stix.code, 0, stix.stderr);
  const bundle = JSON.parse(stix.stdout) as { objects: Array<Record<string, unknown>> };
  assert.deepEqual(stixErrors(bundle as never), []);
  const accuses = bundle.objects.find((o) => o.relationship_type === 'accuses');
  assert.equal(bundle.objects.find((o) => o.id === accuses?.target_ref)?.name, 'Niger');
  const claimReview = JSON.parse((await runCli(['export', '--format', 'claimreview', '--db', db])).stdout) as Array<{ reviewRating: { alternateName: string } }>;
  assert.deepEqual(claimReview.map((r) => r.reviewRating.alternateName), ['False']);
});
