import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeExpansion, expandQuery, highlightTerms, spellingVariants, stems, toFts5, toTsQuery, wordVariants } from './search-expand.js';

test('British and American spellings both ways', () => {
  const pairs: Array<[string, string]> = [
    ['harbour', 'harbor'],
    ['harbouring', 'harboring'],
    ['colours', 'colors'],
    ['organise', 'organize'],
    ['organisation', 'organization'],
    ['analyse', 'analyze'],
    ['centre', 'center'],
    ['defence', 'defense'],
    ['travelled', 'traveled'],
    ['catalogue', 'catalog'],
    ['judgement', 'judgment'],
  ];
  for (const [gb, us] of pairs) {
    assert.ok(spellingVariants(gb).includes(us), `${gb} → ${us}: ${spellingVariants(gb)}`);
    assert.ok(spellingVariants(us).includes(gb), `${us} → ${gb}: ${spellingVariants(us)}`);
  }
});

test('inflections come from the stem: harbouring finds harbour, harbours, harboured and the American forms', () => {
  const { forms, via } = wordVariants('harbouring');
  for (const f of ['harbouring', 'harbour', 'harbours', 'harboured', 'harbor', 'harbored', 'harboring']) assert.ok(forms.includes(f), f);
  assert.deepEqual(via.sort(), ['inflection', 'spelling']);
  assert.equal(forms[0], 'harbouring', 'the typed word first');
  assert.ok(wordVariants('accused').forms.includes('accuse') && wordVariants('accused').forms.includes('accusing'));
  assert.ok(wordVariants('countries').forms.includes('country'));
  assert.ok(wordVariants('attack').forms.includes('attacked'));
  // short stems would match other words
  assert.ok(!wordVariants('news').forms.includes('new'));
  assert.ok(!stems('being').includes('bee'));
});

test('multilingual-safe: other scripts, acronyms, numbers and short words are searched exactly as typed', () => {
  for (const w of ['Пакистан', 'پاکستان', 'ISKP', 'TTP', '2014', 'war', 'harbour1']) assert.deepEqual(wordVariants(w).forms, [w.toLowerCase()], w);
  const q = expandQuery('حملہ ISKP');
  assert.deepEqual(q.groups.map((g) => g.alternatives.length), [1, 1]);
});

test('aliases: the longest name wins, the typed form stays, ambiguous short acronyms are left out', () => {
  const lookup = (phrase: string) =>
    phrase === 'Islamic State Khorasan Province' ? ['ISKP', 'ISIS-K', 'US'] : phrase === 'Islamic State' ? ['ISIS'] : phrase === 'ISKP' ? ['ISIS-K', 'Islamic State Khorasan Province'] : null;
  const q = expandQuery('Islamic State Khorasan Province attacks', lookup);
  assert.equal(q.groups.length, 2);
  assert.equal(q.groups[0].text, 'Islamic State Khorasan Province');
  assert.deepEqual(q.groups[0].alternatives.map((a) => a.words.join(' ')), ['islamic state khorasan province', 'iskp', 'isis k']);
  assert.deepEqual(q.groups[0].via, ['alias']);
  assert.ok(q.groups[1].alternatives.some((a) => a.words[0] === 'attack'));
  // a quoted phrase is one term, and may be a name too
  assert.deepEqual(expandQuery('"ISKP"', lookup).groups[0].alternatives.length, 3);
  assert.deepEqual(describeExpansion(expandQuery('ISKP', lookup))[0], { text: 'ISKP', alternatives: ['iskp', 'isis k', 'islamic state khorasan province'], via: ['alias'] });
});

test('compiled for FTS5 and tsquery: alternatives OR-ed, groups AND-ed, input syntax stays text', () => {
  const q = expandQuery('ISKP "safe haven" harb', (p) => (p === 'ISKP' ? ['ISIS-K'] : null));
  assert.equal(toFts5(q), '("iskp" OR "isis k") AND "safe haven" AND ("harb"* OR "harbs" OR "harbed" OR "harbing")');
  assert.equal(toTsQuery(q), "('iskp' | ('isis' <-> 'k')) & ('safe' <-> 'haven') & ('harb':* | 'harbs' | 'harbed' | 'harbing')");
  const hostile = expandQuery(`NEAR(a b) OR x* "'; DROP TABLE documents; --`);
  assert.ok(!/NEAR\(|DROP TABLE documents;/.test(toFts5(hostile) ?? ''), toFts5(hostile) ?? '');
  assert.ok(!/;/.test(toTsQuery(hostile) ?? ''));
  assert.equal(toFts5(expandQuery('  "" ')), null);
  assert.ok(highlightTerms(q).some((t) => t.words.join(' ') === 'isis k'));
});

test('snippets mark whole alternatives: a phrase alias marks its words together, never each word alone', async () => {
  const { expandedHighlight } = await import('./search-expand.js');
  const q = expandQuery('ISKP', () => ['IS-K', 'Islamic State in Khorasan Province']);
  const out = expandedHighlight('It is known that IS-K is active; the Islamic State in Khorasan Province is in Kunar.', q) ?? '';
  const marked = [...out.matchAll(/\uE000([^\uE001]*)\uE001/g)].map((m) => m[1]);
  assert.deepEqual(marked, ['IS', 'K', 'Islamic', 'State', 'in', 'Khorasan', 'Province']);
  assert.equal(expandedHighlight('nothing here', q), null);
});
