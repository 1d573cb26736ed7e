import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNumbers } from './numbers.js';

const valid: Array<[string, Array<{ text: string; value: number; unit: string | null; qualifier: string | null }>]> = [
  ['a bombing claiming over 60 lives', [{ text: 'over 60', value: 60, unit: null, qualifier: 'over' }]],
  ['trade valued at approximately $1.5 billion a year', [{ text: 'approximately $1.5 billion', value: 1.5e9, unit: 'USD', qualifier: 'approximately' }]],
  ['prices rose 12% while 3,400 jobs went', [{ text: '12%', value: 12, unit: 'percent', qualifier: null }, { text: '3,400', value: 3400, unit: null, qualifier: null }]],
  ['some two million people fled', [{ text: 'some two million', value: 2e6, unit: null, qualifier: 'some' }]],
  ['Thousands of trucks waited', [{ text: 'Thousands', value: 2000, unit: null, qualifier: 'at least' }]],
  ['about 4.5 per cent of voters', [{ text: 'about 4.5 per cent', value: 4.5, unit: 'percent', qualifier: 'about' }]],
  ['a road of 1,200 km', [{ text: '1,200 km', value: 1200, unit: 'km', qualifier: null }]],
  ['Rs 300 billion in debt', [{ text: 'Rs 300 billion', value: 3e11, unit: 'PKR', qualifier: null }]],
  ['more than 1.5 million rupees', [{ text: 'more than 1.5 million rupees', value: 1.5e6, unit: 'PKR', qualifier: 'more than' }]],
  ['a $5m contract', [{ text: '$5m', value: 5e6, unit: 'USD', qualifier: null }]],
  ['a hundred men and five hundred women', [{ text: 'a hundred', value: 100, unit: null, qualifier: null }, { text: 'five hundred', value: 500, unit: null, qualifier: null }]],
  ['a $2 billion year in 2023', [{ text: '$2 billion', value: 2e9, unit: 'USD', qualifier: null }]],
];

const invalid = [
  'the takeover in 2021 changed everything', // a year is a date, not a quantity
  'document S/2025/796 confirms it', // digits inside an identifier
  'one of the reasons', // "one" is too often a pronoun
  'ISIS-K and the TTP',
  'trade between the two countries', // a definite reference, not a count
];

test('numbers: value, unit and qualifier as written', () => {
  for (const [text, expected] of valid) {
    const found = extractNumbers(text).map(({ text: t, value, unit, qualifier }) => ({ text: t, value, unit, qualifier }));
    assert.deepEqual(found, expected, text);
  }
});

test('numbers: spans are exact offsets, shifted by the sentence offset', () => {
  const text = 'It cost approximately $1.5 billion.';
  const [n] = extractNumbers(text, 100);
  assert.equal(n.start, 108);
  assert.equal(n.end, 134);
  assert.equal(text.slice(n.start - 100, n.end - 100), 'approximately $1.5 billion');
});

test('numbers: years and identifiers are not quantities', () => {
  for (const text of invalid) assert.deepEqual(extractNumbers(text), [], text);
});
