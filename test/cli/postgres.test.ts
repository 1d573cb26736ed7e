import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { runCli, tempDir } from '../support/cli.js';
import { postgresForTests, postgresSkip } from '../support/postgres.js';

/**
 * `--db postgres://…` and DISCERN_DB everywhere SQLite works: the same `analyze` and `report`
 * on both backends give the same report (its generation time and run id aside).
 */

const skip = postgresSkip();
after(async () => (await postgresForTests())?.stop());

const examples = join(packageRoot(), 'examples');
const comparable = (stdout: string) => {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  delete report.generatedAt;
  delete report.run;
  return report;
};

test('analyze and report on PostgreSQL give the report SQLite gives; DISCERN_DB picks the database', { skip }, async () => {
  const url = await (await postgresForTests())!.createDatabase();
  const dir = tempDir();
  const [pgAnalyze, sqliteAnalyze] = await Promise.all([
    runCli(['analyze', examples, '--format', 'json'], { env: { DISCERN_DB: url } }),
    runCli(['analyze', examples, '--format', 'json', '--db', join(dir, 'same.db')]),
  ]);
  assert.equal(pgAnalyze.code, 0, pgAnalyze.stderr);
  assert.equal(sqliteAnalyze.code, 0, sqliteAnalyze.stderr);
  assert.deepEqual(comparable(pgAnalyze.stdout), comparable(sqliteAnalyze.stdout));
  const [pgReport, sqliteReport] = await Promise.all([
    runCli(['report', '--db', url, '--format', 'json']),
    runCli(['report', '--format', 'json'], { env: { DISCERN_DB: join(dir, 'same.db') } }),
  ]);
  assert.equal(pgReport.code, 0, pgReport.stderr);
  const report = comparable(pgReport.stdout);
  assert.equal((report.documents as unknown[]).length, 4);
  assert.deepEqual(report, comparable(sqliteReport.stdout));
  // the password never shows, even in an error
  const refused = await runCli(['report', '--db', 'postgres://someone:s3cret@127.0.0.1:1/none']);
  assert.equal(refused.code, 3);
  assert.ok(!refused.stderr.includes('s3cret'), refused.stderr);
});
