import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDates } from './dates.js';

type Expected = { text: string; normalized: string | null; precision: string; qualifier: string | null };

const valid: Array<[string, Expected[]]> = [
  ['the July 2023 convention attack', [{ text: 'July 2023', normalized: '2023-07', precision: 'month', qualifier: null }]],
  ['in mid-March, militants attacked', [{ text: 'mid-March', normalized: '--03', precision: 'month', qualifier: 'mid' }]],
  ['formed around 2014 by defectors', [{ text: 'around 2014', normalized: '2014', precision: 'year', qualifier: 'around' }]],
  ['the takeover in 2021 enabled it', [{ text: '2021', normalized: '2021', precision: 'year', qualifier: null }]],
  ['on 15 July 2023 and on March 3, 2024', [
    { text: '15 July 2023', normalized: '2023-07-15', precision: 'day', qualifier: null },
    { text: 'March 3, 2024', normalized: '2024-03-03', precision: 'day', qualifier: null },
  ]],
  ['signed 2023-07-15', [{ text: '2023-07-15', normalized: '2023-07-15', precision: 'day', qualifier: null }]],
  ['from 2015 to 2020', [{ text: '2015 to 2020', normalized: '2015/2020', precision: 'range', qualifier: null }]],
  ['in the 1990s', [{ text: '1990s', normalized: '199', precision: 'decade', qualifier: null }]],
  ['since 2015 the group', [{ text: 'since 2015', normalized: '2015', precision: 'year', qualifier: 'since' }]],
  ['by the end of 2024', [{ text: 'end of 2024', normalized: '2024', precision: 'year', qualifier: 'end of' }]],
  ['early 2020 saw', [{ text: 'early 2020', normalized: '2020', precision: 'year', qualifier: 'early' }]],
  ['met on July 4 in Doha', [{ text: 'July 4', normalized: '--07-04', precision: 'day', qualifier: null }]],
  ['they left in May', [{ text: 'May', normalized: '--05', precision: 'month', qualifier: null }]],
  ['last week the army', [{ text: 'last week', normalized: null, precision: 'relative', qualifier: null }]],
];

const invalid = [
  'document S/2025/796 says so', // a year inside an identifier
  'May God protect us', // "May" without a preposition is a verb
  'they march on the capital', // lower-case month names are verbs
  'killing 30 people',
];

test('dates: normalised to ISO 8601 with precision and qualifier', () => {
  for (const [text, expected] of valid) {
    const found = extractDates(text).map(({ text: t, normalized, precision, qualifier }) => ({ text: t, normalized, precision, qualifier }));
    assert.deepEqual(found, expected, text);
  }
});

test('dates: offsets point at the shown text', () => {
  const text = 'It began in mid-March and ended around 2014.';
  for (const d of extractDates(text, 7)) assert.equal(text.slice(d.start - 7, d.end - 7), d.text);
});

test('dates: identifiers, verbs and counts are not dates', () => {
  for (const text of invalid) assert.deepEqual(extractDates(text), [], text);
});
