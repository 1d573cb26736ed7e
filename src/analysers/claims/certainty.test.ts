import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certaintyLevel, findCertaintyMarkers } from './certainty.js';
import { claimType } from './claim-type.js';
import { extractDates } from './dates.js';
import { loadClaimLexicons } from './lexicons.js';
import { extractNumbers } from './numbers.js';

const markers = (text: string): Array<[string, string]> =>
  findCertaintyMarkers(text, { start: 0, end: text.length }, loadClaimLexicons().certainty).map((m) => [m.text, m.label]);

test('certainty: hedges and boosters with exact spans', () => {
  assert.deepEqual(markers('The envoy allegedly met them and reportedly left.'), [['allegedly', 'hedge'], ['reportedly', 'hedge']]);
  assert.deepEqual(markers('The figures appear to be wrong and may change.'), [['appear to', 'hedge'], ['may', 'hedge']]);
  assert.deepEqual(markers('He is believed to be abroad.'), [['is believed to', 'hedge']]);
  assert.deepEqual(markers('This is clearly and undoubtedly an outright fabrication.'), [['clearly', 'booster'], ['undoubtedly', 'booster'], ['outright fabrication', 'booster']]);
  assert.deepEqual(markers('It is a fact that all credible evidence to date confirms it.'), [['It is a fact that', 'booster'], ['all credible evidence to date confirms', 'booster']]);
  assert.deepEqual(markers('They met in May and June.'), [], '"May" the month is not a hedge');
});

test('certainty level compares hedges with boosters', () => {
  assert.equal(certaintyLevel([]), 'neutral');
  assert.equal(certaintyLevel([{ label: 'hedge' }]), 'hedged');
  assert.equal(certaintyLevel([{ label: 'booster' }, { label: 'booster' }, { label: 'hedge' }]), 'boosted');
  assert.equal(certaintyLevel([{ label: 'booster' }, { label: 'hedge' }]), 'neutral');
});

const type = (text: string, reported = false): string =>
  claimType({ text, numbers: extractNumbers(text), dates: extractDates(text), reported });

test('claim types: the first rule that applies', () => {
  assert.equal(type('Trade is worth approximately $1.5 billion a year.'), 'statistic');
  assert.equal(type('Over 60 people died in the blast.'), 'statistic');
  assert.equal(type('The talks will collapse next month.'), 'prediction');
  assert.equal(type('The takeover enabled the group’s resurgence.'), 'causal');
  assert.equal(type('In mid-March, militants attacked a camp.'), 'event');
  assert.equal(type('She revealed that she had seen the files.', true), 'attribution');
  assert.equal(type('The group operates from the border region.'), 'other-factual');
});
