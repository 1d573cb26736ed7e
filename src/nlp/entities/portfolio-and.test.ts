import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Span } from '../../core/types.js';
import { splitSentences } from '../sentences.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import type { EntityMention } from './mentions.js';
import { recognizeEntities } from './recognize.js';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * "and" between two portfolios of one body (issue 14, actors): "the Ministry of Water Resources and
 * Irrigation" is one body, not "Ministry of Water Resources" and a stray word; "the Foreign and
 * Defence Ministers of X" are X's, not a person called "Ministers". "and" before a person's title
 * or another name still ends the body. Our own sentences, with the two states swapped.
 */

let gazetteer: Gazetteer;
before(async () => {
  gazetteer = await loadGazetteer();
});

function names(text: string): Array<[string, string]> {
  const spans: Span[] = splitSentences(text);
  return recognizeEntities(text, gazetteer, { spans }).map((m: EntityMention) => [text.slice(m.start, m.end), m.type]);
}

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];

test('a second portfolio after "and" stays inside the body\'s name', () => {
  for (const [us, them] of SIDES) {
    const water = names(`${us}'s Ministry of Water Resources and Irrigation accused ${them} of reckless management of the dam.`);
    assert.ok(water.some(([s, t]) => s === 'Ministry of Water Resources and Irrigation' && t === 'organisation'), JSON.stringify(water));
    const defence = names(`The Ministry of Foreign Affairs and Defence of ${us} accused ${them} of violating the ceasefire.`);
    assert.ok(defence.some(([s, t]) => s === 'Ministry of Foreign Affairs and Defence' && t === 'organisation'), JSON.stringify(defence));
    assert.ok(defence.some(([s]) => s === us), `the state stays its own mention: ${JSON.stringify(defence)}`);
  }
});

test('"and" before a title or another name still ends the body', () => {
  const pm = names('The Ministry of Defence and Prime Minister Luis Arce accused the rebels of treason.');
  assert.ok(pm.some(([s]) => s === 'Ministry of Defence'), JSON.stringify(pm));
  assert.ok(pm.some(([s, t]) => s === 'Luis Arce' && t === 'person'), JSON.stringify(pm));
  const name = names('The Ministry of Defence and Luis Arce accused the rebels of treason.');
  assert.ok(name.some(([s]) => s === 'Ministry of Defence') && name.some(([s]) => s === 'Luis Arce'), JSON.stringify(name));
  // "and" outside a body's "of" phrase joins nothing
  const two = names('Water Resources and Irrigation are both underfunded, the report said.');
  assert.ok(!two.some(([s]) => s.includes(' and ')), JSON.stringify(two));
});

test('a title with its portfolio, then a name: the name is the person', () => {
  for (const text of [
    "Chile's State Minister for Foreign Affairs Ana Rojas spoke on Monday.",
    'Chilean Minister of Foreign Affairs Ana Rojas spoke on Monday.',
    'The Chilean Minister for Water and Energy Ana Rojas spoke on Monday.',
  ]) {
    const got = names(text);
    assert.ok(got.some(([s, t]) => s === 'Ana Rojas' && t === 'person'), `${text} ${JSON.stringify(got)}`);
    assert.ok(!got.some(([s]) => /Energy|Affairs/u.test(s)), `${text} ${JSON.stringify(got)}`);
  }
});

test('a plural title alone is nobody: "the Foreign and Defence Ministers"', () => {
  const got = names("Chile's Foreign and Defence Ministers accused Bolivia of provocations.");
  assert.ok(!got.some(([s]) => s === 'Ministers'), JSON.stringify(got));
});

test('the joined body, or joint ministers, of a state accuse for that state', async () => {
  for (const [us, them] of SIDES) {
    const water = await edges(`${us}'s Ministry of Water Resources and Irrigation further accused ${them} of reckless management of the dam.`);
    assert.ok(water.some((e) => e.startsWith('Ministry of Water Resources and Irrigation') && e.endsWith(`> ${them} [reports]`)), water.join('; '));
    assert.ok(!water.some((e) => e.startsWith('Ministry of Water Resources >')), `the body is not cut short: ${water.join('; ')}`);
    const of = await edges(`The Ministry of Foreign Affairs and Defence of ${us} accused ${them} of violating the ceasefire.`);
    assert.ok(of.includes(`${us} Ministry of Foreign Affairs and Defence > ${them} [reports]`), of.join('; '));
    for (const joint of [`The Foreign and Defence Ministers of ${us} accused ${them} of provocations.`, `${us}'s Foreign and Defence Ministers accused ${them} of provocations.`]) {
      const got = await edges(joint);
      assert.ok(got.includes(`${us} > ${them} [reports]`), got.join('; '));
    }
  }
});
