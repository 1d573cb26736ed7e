import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAccusations, type AccusationData } from '../accusations.js';
import { createContext } from '../../pipeline/context.js';
import { plainDocument, testResources } from '../../../test/support/context.js';
import { allegationWithTarget } from './detect.js';

/** The allegation's words read as English: a relation's object takes the preposition it needs. */

test('relations that need a preposition before their object get it; the others take the object directly', () => {
  assert.equal(allegationWithTarget('spreads disinformation', 'Chile'), 'spreads disinformation about Chile');
  assert.equal(allegationWithTarget('commits atrocities', 'the Lenca'), 'commits atrocities against the Lenca');
  assert.equal(allegationWithTarget('harbours', 'the Northern Front'), 'harbours the Northern Front');
  assert.equal(allegationWithTarget('supports', null), 'supports');
});

test('an outlet accused of propaganda about a named country: the allegation names it with "about", for either side', async () => {
  for (const [us, them] of [['Bolivia', 'Chile'], ['Chile', 'Bolivia']]) {
    const text = `The intelligence services of ${them} have long been known to sponsor fake news campaigns that paint ${us} as a rogue state.`;
    const ctx = createContext(plainDocument(text, 'op-ed.txt'), await testResources());
    const allegations = analyzeAccusations(ctx).map((f) => (f.data as AccusationData).allegation);
    assert.ok(allegations.includes(`spreads disinformation about ${us}`), allegations.join('; '));
    assert.ok(!allegations.includes(`spreads disinformation ${us}`), allegations.join('; '));
  }
});
