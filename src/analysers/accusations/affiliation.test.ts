import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, class 2 (actors): who a speaker speaks for. Officers are tied to their state so that
 * nobody accuses his own state; a bare "the ministry" is the body last named with its state; a
 * role named before its holder resolves once the text names him. Every case is run for both
 * sides of its dispute with the same wording.
 */

test('an officer named after his body speaks for its state and never accuses it', async () => {
  assert.deepEqual(
    await edges('YEREVAN (Wire) - Armenian Defence Ministry spokeswoman Anna Vardanyan said Azerbaijani units shelled Armenian army positions overnight.'),
    ['Anna Vardanyan > Azerbaijan [reports]'],
  );
  assert.deepEqual(
    await edges('BAKU (Wire) - Azerbaijani Defence Ministry spokesman Rauf Mammadov said Armenian units shelled Azerbaijani army positions overnight.'),
    ['Rauf Mammadov > Armenia [reports]'],
  );
});

test('"X, <state> Foreign Ministry spokesperson" ties X to that state, also in his later sentences', async () => {
  const text = (us: string, them: string, name: string): string =>
    `“The ${them} side crossed the line and violated the consensus,” said ${name}, ${us} Foreign Ministry spokesperson. ${name.split(' ')[1]} said the ${them} troops had also attacked a ${us} patrol.`;
  assert.deepEqual(await edges(text('Chinese', 'Indian', 'Li Wenhao')), ['Li Wenhao > India [reports]']);
  assert.deepEqual(await edges(text('Indian', 'Chinese', 'Ravi Menon')), ['Ravi Menon > China [reports]']);
});

test('"the ministry" is the body last named with its state; "X and the defence ministry" share X\'s state', async () => {
  const release = (us: string, them: string): string =>
    `The ${us} Foreign Ministry issued a statement on Monday. The ministry said ${them} police had attacked civilians near the crossing.`;
  assert.deepEqual(await edges(release('Serbian', 'Kosovar')), ['Serbian Foreign Ministry > Kosovo [reports]']);
  assert.deepEqual(await edges(release('Kosovar', 'Serbian')), ['Kosovar Foreign Ministry > Serbia [reports]']);
  assert.deepEqual(
    await edges('The Thai Foreign Ministry and the defence ministry accused Cambodia of violating the ceasefire.'),
    ['Thai Defence Ministry > Cambodia [reports]', 'Thai Foreign Ministry > Cambodia [reports]'],
  );
  assert.deepEqual(
    await edges('The Cambodian Foreign Ministry and the defence ministry accused Thailand of violating the ceasefire.'),
    ['Cambodian Defence Ministry > Thailand [reports]', 'Cambodian Foreign Ministry > Thailand [reports]'],
  );
});

test('a role named before its holder resolves to the person the text names in it', async () => {
  const text = (state: string, other: string, person: string): string =>
    `${state}’s Foreign Minister accused ${other} of violating the 1966 agreement on Friday. Foreign Minister ${person} told reporters the talks would go on.`;
  assert.deepEqual(await edges(text('Guyana', 'Venezuela', 'Hugh Tandon')), ['Hugh Tandon > Venezuela [reports]']);
  assert.deepEqual(await edges(text('Venezuela', 'Guyana', 'Yvan Pineda')), ['Yvan Pineda > Guyana [reports]']);
});

test('an office named after its subject is not that subject\'s ("Taiwan Affairs Office")', async () => {
  const found = await edges('The Taiwan Affairs Office said that Taiwan had provoked the crisis.');
  assert.ok(found.some((e) => e.startsWith('Taiwan Affairs Office > ')), found.join('; '));
});
