import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscernError } from '../core/errors.js';
import { jobSettingsOf } from './commands/ingest.js';
import { formatDuration, formatSize, parseDuration, parseDurationSeconds, parseRate, parseSize } from './units.js';

const usage = (message: RegExp) => (e: unknown) => e instanceof DiscernError && e.code === 'USAGE' && message.test(e.message);

test('durations carry their unit', () => {
  assert.equal(parseDuration('500ms', '--x'), 500);
  assert.equal(parseDuration('15s', '--x'), 15_000);
  assert.equal(parseDuration('1.5m', '--x'), 90_000);
  assert.equal(parseDuration(' 2h ', '--x'), 7_200_000);
  assert.equal(parseDuration('1d', '--x'), 86_400_000);
  assert.equal(parseDuration('2 min', '--x'), 120_000);
  assert.throws(() => parseDuration('15', '--timeout'), usage(/--timeout needs a duration with its unit.*"15" has no unit \(write 15s or 15ms\)/));
  assert.throws(() => parseDuration('soon', '--timeout'), usage(/not "soon"/));
  assert.throws(() => parseDuration('5w', '--timeout'), usage(/unknown unit "w"/));
  assert.throws(() => parseDuration('-5s', '--timeout'), usage(/not "-5s"/));
  assert.throws(() => parseDuration('100ms', '--poll', { min: 500 }), usage(/at least 500ms/));
  assert.equal(parseDurationSeconds('1500ms', '--lease'), 2);
  assert.equal(formatDuration(900_000), '15m');
  assert.equal(formatDuration(1500), '1500ms');
});

test('sizes carry their unit (1KB = 1024 bytes)', () => {
  assert.equal(parseSize('50MB', '--max-bytes'), 50 * 1024 ** 2);
  assert.equal(parseSize('512kb', '--max-bytes'), 512 * 1024);
  assert.equal(parseSize('1.5GB', '--max-bytes'), 1.5 * 1024 ** 3);
  assert.equal(parseSize('2048B', '--max-bytes'), 2048);
  assert.equal(parseSize('10MiB', '--max-bytes'), 10 * 1024 ** 2);
  assert.throws(() => parseSize('1048576', '--max-bytes'), usage(/"1048576" has no unit \(write 1048576B for bytes/));
  assert.throws(() => parseSize('0MB', '--max-bytes'), usage(/more than 0 bytes/));
  assert.throws(() => parseSize('3TB', '--max-bytes'), usage(/unknown unit "TB"/));
  assert.equal(formatSize(10 * 1024 ** 2), '10MB');
});

test('rates carry their unit; 0 turns the limit off', () => {
  assert.equal(parseRate('20/s', '--rate-limit'), 20);
  assert.equal(parseRate('600/min', '--rate-limit'), 10);
  assert.equal(parseRate('0', '--rate-limit'), 0);
  assert.equal(parseRate('off', '--rate-limit'), 0);
  assert.throws(() => parseRate('20', '--rate-limit'), usage(/needs a rate with its unit/));
});

test('queue settings: --lease and --retry-delay are durations, kept in seconds', () => {
  assert.deepEqual(jobSettingsOf({ lease: '15m', retryDelay: '10s', retries: '2' }), { leaseSeconds: 900, retries: 2, retryDelaySeconds: 10 });
  assert.throws(() => jobSettingsOf({ lease: '900' }), usage(/--lease needs a duration/));
});
