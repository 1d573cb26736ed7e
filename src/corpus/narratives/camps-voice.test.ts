import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainDocument, testResources } from '../../../test/support/context.js';
import { accusationsAnalyzer } from '../../analysers/accusations.js';
import { claimsAnalyzer } from '../../analysers/claims.js';
import { entitiesAnalyzer } from '../../analysers/entities.js';
import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { analyzeDocument } from '../../pipeline/analyze.js';
import { accusationRecords, accusationsOf, buildCamps } from './camps.js';
import { speakerState } from './voices.js';

/**
 * Issue 14, camps: a page's side comes from its text, never from its outlet. A page that relays
 * one side's charge against the other and the accused's denial beside it ("X rejected the
 * allegations as absurd") has given the accused a voice: it is no one-sided relay, and the charge
 * alone does not put it in the accusers' camp (the camp of a page "built on X is accused" said
 * nothing about its side). Wire-style texts of our own, each run with the two sides swapped.
 */

const PAIRS: Array<[string, string, string, string]> = [
  // [state, its adjective, the other state, its adjective]
  ['Peru', 'Peruvian', 'Chile', 'Chilean'],
  ['Chile', 'Chilean', 'Peru', 'Peruvian'],
  ['Armenia', 'Armenian', 'Azerbaijan', 'Azerbaijani'],
  ['Azerbaijan', 'Azerbaijani', 'Armenia', 'Armenian'],
];

async function analysed(texts: Record<string, string>): Promise<AnalysedDocument[]> {
  const resources = await testResources();
  return Object.entries(texts).map(([name, text]) => {
    const a = analyzeDocument(plainDocument(text, `${name}.txt`), resources, [entitiesAnalyzer, accusationsAnalyzer, claimsAnalyzer]);
    return { doc: a.doc, findings: a.findings };
  });
}

function campsByName(docs: AnalysedDocument[]): string[][] {
  const name = new Map(docs.map((d) => [d.doc.id, String(d.doc.source.path).replace(/\.txt$/u, '')]));
  return buildCamps(accusationsOf(docs)).camps.map((c) => c.documents.map((id) => name.get(id) ?? id).sort());
}

test('a relayed charge with the accused\'s denial beside it is no one-sided relay: the page stays out of the accusers\' camp, for every side', async () => {
  for (const [y, yAdj, x, xAdj] of PAIRS) {
    const docs = await analysed({
      'one-sided-a': `(Wire) - ${y} accused ${x} on Tuesday of violating the maritime border. The ${yAdj} navy said two patrol boats were tracked overnight.`,
      'one-sided-b': `(Wire) - ${y} accused ${x} of provocations near the border, the second such complaint this month.`,
      'with-denial': `(Wire) - ${y} accused ${x} on Tuesday of violating the maritime border. ${x} rejected the allegations as absurd.`,
      'official-denies': `(Wire) - ${y} accused ${x} of provocations near the border. ${xAdj} Deputy Foreign Minister Elena Marquez dismissed the accusations as baseless.`,
    });
    const camps = campsByName(docs);
    assert.ok(camps.some((c) => c.includes('one-sided-a') && c.includes('one-sided-b')), `${y}/${x}: one-sided relays still lean together: ${JSON.stringify(camps)}`);
    for (const page of ['with-denial', 'official-denies']) {
      assert.ok(!camps.some((c) => c.includes(page) && c.includes('one-sided-a')), `${y}/${x}: ${page} is not in the accusers' camp: ${JSON.stringify(camps)}`);
    }
  }
});

test('the denial is read from the text alone: the same texts under any outlet name place alike', async () => {
  const [y, , x, xAdj] = PAIRS[0];
  const text = `(Wire) - ${y} accused ${x} of provocations near the border. ${xAdj} Deputy Foreign Minister Elena Marquez dismissed the accusations as baseless.`;
  const resources = await testResources();
  const records = (outlet: string): string[] => {
    const a = analyzeDocument(plainDocument(text, `${outlet}.txt`), resources, [entitiesAnalyzer, accusationsAnalyzer, claimsAnalyzer]);
    return accusationRecords({ doc: a.doc, findings: a.findings }).map((r) => `${r.voice ? 'voice' : 'charge'} ${r.accuserState ?? '-'}`);
  };
  assert.deepEqual(records(`${y.toLowerCase()}-times`), records(`${x.toLowerCase()}-herald`));
  assert.ok(records('any').includes(`voice ${x}`), JSON.stringify(records('any')));
});

test('a speaker is tied to the state the text names with him, never to a state merely nearby', () => {
  for (const [x, xAdj, y, yAdj] of PAIRS) {
    assert.equal(speakerState(`${x}'s Foreign Minister Ana Ruiz said ${y} had lied.`, 'Ana Ruiz'), x);
    assert.equal(speakerState(`${xAdj} Deputy Foreign Minister Ana Ruiz said ${y} had lied.`, 'Ana Ruiz'), x);
    assert.equal(speakerState(`Ana Ruiz, the ${xAdj} state minister, said ${y} had lied.`, 'Ana Ruiz'), x);
    assert.equal(speakerState(`The ${xAdj} Foreign Ministry said ${y} had lied.`, `${xAdj} Foreign Ministry`), x);
    assert.equal(speakerState(`${x}’s foreign ministry said ${y} had lied.`, `${x}’s foreign ministry`), x);
    // the accused is not the speaker's state; a bare "the ministry" or a weekday is tied to nothing
    assert.equal(speakerState(`Talks with ${y} stalled. Ana Ruiz said ${yAdj} troops had crossed.`, 'Ana Ruiz'), null);
    assert.equal(speakerState(`It accused ${y}, the ministry said.`, 'ministry'), null);
    assert.equal(speakerState(`${x} said on Tuesday that ${y} lied.`, 'Tuesday'), null);
    assert.equal(speakerState(`${xAdj} Foreign Minister Ana Ruiz accused ${y}.`, 'Ana Ruiz', x), null, 'a state the speaker accuses is not his');
  }
});

test('the accused\'s rejection in the charge\'s own sentence, a capital\'s denial, and an untied speaker denying for one accused state all give the accused a voice, for every side', async () => {
  const capital: Record<string, string> = { Peru: 'Lima', Chile: 'Santiago', Armenia: 'Yerevan', Azerbaijan: 'Baku' };
  for (const [y, yAdj, x] of PAIRS) {
    const docs = await analysed({
      'one-sided-a': `(Wire) - ${y} accused ${x} on Tuesday of violating the maritime border. The ${yAdj} navy said two patrol boats were tracked overnight.`,
      'one-sided-b': `(Wire) - ${y} accused ${x} of provocations near the border, the second such complaint this month.`,
      'same-sentence': `(Wire) - ${x} on Tuesday rejected allegations made by ${yAdj} Prime Minister Ana Ruiz that it had violated the maritime border.`,
      'capital-denies': `(Wire) - ${y} accused ${x} of provocations near the border. ${capital[x]} has denied these allegations and called them absurd.`,
      'untied-denies': `(Wire) - ${y} accused ${x} of provocations near the border. The central government denied on Tuesday that ${x} was involved in any incident.`,
    });
    const camps = campsByName(docs);
    for (const page of ['same-sentence', 'capital-denies', 'untied-denies']) {
      assert.ok(!camps.some((c) => c.includes(page) && c.includes('one-sided-a')), `${y}/${x}: ${page} is not in the accusers' camp: ${JSON.stringify(camps)}`);
    }
  }
});
