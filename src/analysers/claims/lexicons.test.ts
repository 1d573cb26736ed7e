import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addLexicon, emptyLexicons, loadClaimLexicons, readLexicons } from './lexicons.js';

test('built-in lexicons load with every list filled', () => {
  const lex = loadClaimLexicons();
  assert.equal(lex.speechVerbs.get('said'), 'say');
  assert.equal(lex.speechVerbs.get('accused'), 'accuse');
  assert.equal(lex.sourceNouns.get('ministry'), 'organisation');
  assert.equal(lex.sourceNouns.get('experts'), 'vague');
  assert.ok(lex.platforms.caseSensitive.has('X'));
  assert.equal(lex.platforms.folded.get('telegram'), 'Telegram');
  assert.ok(lex.channels.has('account'));
  assert.ok(lex.appeals.length > 5);
  assert.ok(lex.certainty.some((c) => c.label === 'booster'));
});

test('a user file of the same type extends the list', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-lex-'));
  writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ type: 'speech-verbs', entries: [{ words: ['said'], kind: 'say', reason: 'r' }] }));
  writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ type: 'speech-verbs', entries: [{ words: ['opined'], kind: 'say', reason: 'user addition' }] }));
  const lex = readLexicons(dir);
  assert.deepEqual([...lex.speechVerbs.keys()], ['said', 'opined']);
});

const invalid: Array<[unknown, RegExp]> = [
  [[], /not a JSON object|"entries" must be a list/],
  [{ type: 'speech-verbs', entries: {} }, /"entries" must be a list/],
  [{ type: 'speech-verbs', entries: [{ words: ['said'], kind: 'say' }] }, /entry 0: every entry needs a "reason"/],
  [{ type: 'speech-verbs', entries: [{ words: ['said'], kind: 'shout', reason: 'r' }] }, /entry 0: "kind" must be one of/],
  [{ type: 'source-nouns', entries: [{ words: [], class: 'vague', reason: 'r' }] }, /"words" must be a non-empty list/],
  [{ type: 'appeals', entries: [{ pattern: '(', label: 'vague', reason: 'r' }] }, /entry 0: bad pattern/],
  [{ type: 'certainty', entries: [{ pattern: 'surely', label: 'strong', reason: 'r' }] }, /"label" must be one of hedge, booster/],
  [{ type: 'colours', entries: [{ reason: 'r' }] }, /unknown "type" "colours"/],
];

test('invalid lexicon files are coded errors that say what is wrong and where', () => {
  for (const [content, message] of invalid) {
    assert.throws(() => addLexicon(emptyLexicons(), content, 'user.json'), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'INPUT_MALFORMED');
      assert.equal((error as { input?: string }).input, 'user.json');
      assert.match((error as Error).message, message);
      return true;
    });
  }
});
