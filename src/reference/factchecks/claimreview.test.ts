import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { appearanceTexts, parseClaimReviews } from './claimreview.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'factchecks');

test('JSON Lines: valid and partial records imported, malformed ones named by line with the reason', () => {
  const r = parseClaimReviews(readFileSync(join(FIXTURES, 'claimreviews.jsonl'), 'utf8'), 'claimreviews.jsonl');
  assert.deepEqual(r.records.map((x) => x.url), ['https://checks.example/kunar-40', 'https://checks.example/market-arson', 'https://second.example/vaccine']);
  const [full, partial, listAuthor] = r.records;
  assert.equal(full.rating, 'False');
  assert.equal(full.ratingValue, 1);
  assert.equal(full.bestRating, 5);
  assert.equal(full.publisher, 'Example Checkers');
  assert.equal(full.datePublished, '2024-05-06');
  assert.deepEqual((full.itemReviewed as { author: { name: string } }).author.name, 'A social-media account');
  assert.equal(partial.rating, 'Unsupported');
  assert.equal(partial.datePublished, null);
  assert.equal(listAuthor.publisher, 'Second Checker');
  assert.equal(listAuthor.rating, null);
  assert.deepEqual(r.errors, [
    { record: 'claimreviews.jsonl, line 3', message: 'has no claimReviewed (the text of the claim that was checked)' },
    { record: 'claimreviews.jsonl, line 4', message: 'is not valid JSON' },
    { record: 'claimreviews.jsonl, line 5', message: 'is not a ClaimReview (its @type is "NewsArticle")' },
  ]);
  assert.equal(new Set(r.records.map((x) => x.id)).size, 3);
});

test('JSON-LD @graph: the ClaimReview is read, the page objects beside it are ignored; string ratings parsed', () => {
  const r = parseClaimReviews(readFileSync(join(FIXTURES, 'page-jsonld.json'), 'utf8'), 'page.json');
  assert.deepEqual(r.errors, []);
  assert.equal(r.records.length, 1);
  assert.equal(r.records[0].rating, 'Mostly false');
  assert.equal(r.records[0].ratingValue, 2);
  assert.equal(r.records[0].bestRating, 7);
  assert.equal(r.records[0].origin, 'page.json#@graph item 2');
});

test('an array, an empty file and a single object', () => {
  const one = { '@type': 'ClaimReview', claimReviewed: 'X happened', url: 'https://a.example/1' };
  const arr = parseClaimReviews(JSON.stringify([one, { '@type': 'ClaimReview' }]), 'a.json');
  assert.equal(arr.records.length, 1);
  assert.deepEqual(arr.errors.map((e) => e.record), ['a.json, item 2']);
  assert.deepEqual(parseClaimReviews('  \n', 'e.json').errors, [{ record: 'e.json', message: 'the file is empty' }]);
  assert.equal(parseClaimReviews(JSON.stringify(one), 'o.json').records[0].claimReviewed, 'X happened');
});

test('the review headline and the texts of the places the claim appeared are kept; bare URLs are not texts', () => {
  const record = {
    '@type': 'ClaimReview',
    claimReviewed: 'The dam operator released water at night without warning villages downstream.',
    headline: 'Did the dam operator flood the villages without warning?',
    url: 'https://checks.example/dam',
    itemReviewed: {
      '@type': 'Claim',
      firstAppearance: { '@type': 'SocialMediaPosting', text: 'They opened the floodgates at midnight and told nobody!' },
      appearance: [{ '@type': 'CreativeWork', url: 'https://posts.example/1' }, { '@type': 'CreativeWork', headline: 'https://posts.example/2' }, { '@type': 'NewsArticle', headline: 'Villagers say floodgates opened in the dark', description: 'No siren sounded.' }],
    },
  };
  const [fc] = parseClaimReviews(JSON.stringify(record), 'dam.json').records;
  assert.equal(fc.headline, 'Did the dam operator flood the villages without warning?');
  assert.deepEqual(appearanceTexts(fc.itemReviewed), ['They opened the floodgates at midnight and told nobody!', 'Villagers say floodgates opened in the dark No siren sounded.']);
  assert.equal(parseClaimReviews(JSON.stringify({ ...record, headline: undefined, name: 'Dam claim' }), 'n.json').records[0].headline, 'Dam claim');
  assert.deepEqual(appearanceTexts(null), []);
  assert.deepEqual(appearanceTexts('a string'), []);
});
