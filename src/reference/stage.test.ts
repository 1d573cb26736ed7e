import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../core/types.js';
import { toDocument } from '../document/document.js';
import { extractPlainText } from '../ingest/plain-text/index.js';
import { loadResources } from '../nlp/resources.js';
import { stampFindings } from '../pipeline/stamp.js';
import { openSqliteStore } from '../store/sqlite.js';
import { reviewDraft } from '../review/record.js';
import type { Review } from '../review/types.js';
import { parseClaimReviews } from './factchecks/claimreview.js';
import { parseReferenceId } from './reference-ids.js';
import { ReferenceStage } from './stage.js';

const ARTICLE = 'Officials in Varnholt said the Ostrel dam released toxic sludge into the Kemer river in March.';

test('reference stage: two fact-checks with the same rating on one claim are two findings with their own ids', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'discern-stage-'));
  const store = openSqliteStore(join(dir, 'stage.db'));
  try {
    const review = (url: string, claim: string) => ({ '@type': 'ClaimReview', claimReviewed: claim, url, author: { name: 'River Checks' }, reviewRating: { alternateName: 'False' } });
    const parsed = parseClaimReviews(
      JSON.stringify([review('https://checks.example/sludge-1', 'The Ostrel dam released toxic sludge into the Kemer river'), review('https://checks.example/sludge-2', 'Toxic sludge from the Ostrel dam reached the Kemer river in March')]),
      'reviews.json',
    );
    await store.reference.addFactChecks(parsed.records);
    const extracted = extractPlainText(ARTICLE);
    const doc = toDocument(extracted, extracted.source);
    const start = ARTICLE.indexOf('the Ostrel');
    const claim: Finding = stampFindings(doc, 'claims@test', [{ kind: 'claim', label: 'factual', start, end: ARTICLE.length - 1, score: 0.9, explanation: 'a check-worthy claim' }])[0];
    const stage = new ReferenceStage(store.reference, (await loadResources()).gazetteer);
    const checks = (await stage.findingsFor({ doc, findings: [claim] })).filter((f) => f.kind === 'fact-check');
    assert.equal(checks.length, 2, JSON.stringify(checks.map((f) => f.data)));
    assert.equal(new Set(checks.map((f) => f.id)).size, 2, 'each fact-check match has its own id');
    for (const f of checks) assert.equal(parseReferenceId(f.id)?.claimId, claim.id, 'a match is named after the claim it sits on');
    for (const f of checks) assert.equal(doc.text.slice(f.start, f.end), f.quote);
    // stable: the same fact-check on the same span gets the same id on the next run
    const again = (await new ReferenceStage(store.reference, (await loadResources()).gazetteer).findingsFor({ doc, findings: [claim] })).filter((f) => f.kind === 'fact-check');
    assert.deepEqual(again.map((f) => [f.id, f.data?.url]).sort(), checks.map((f) => [f.id, f.data?.url]).sort());
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reference stage: a confirmed fact-check match makes its claim a recorded appearance, so the claim worded alike elsewhere matches through it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'discern-stage-'));
  const store = openSqliteStore(join(dir, 'stage.db'));
  try {
    const parsed = parseClaimReviews(JSON.stringify({ '@type': 'ClaimReview', claimReviewed: 'Ostrel dam sludge killed the Kemer river', url: 'https://checks.example/sludge', author: { name: 'River Checks' }, reviewRating: { alternateName: 'False' } }), 'reviews.json');
    await store.reference.addFactChecks(parsed.records);
    const { gazetteer } = await loadResources();
    const claimIn = (text: string, phrase: string) => {
      const extracted = extractPlainText(text);
      const doc = toDocument(extracted, extracted.source);
      const start = text.indexOf(phrase);
      return { doc, findings: stampFindings(doc, 'claims@test', [{ kind: 'claim', label: 'factual', start, end: start + phrase.length, score: 0.9, explanation: 'a check-worthy claim' }]) };
    };
    const seen = 'Fishermen on the Kemer said chemical waste from the Ostrel works poisoned every fish downstream last spring';
    const first = claimIn(`Local report. ${seen}.`, seen);
    const stage = new ReferenceStage(store.reference, gazetteer, { reviews: async () => [] });
    const [match] = (await stage.findingsFor(first)).filter((f) => f.kind === 'fact-check');
    assert.ok(match, 'the first article matches the fact-check on its own');
    const retold = 'Chemical waste from the riverside works poisoned every fish downstream last spring, local anglers said';
    const second = claimIn(`Another outlet. ${retold}.`, retold);
    const before = (await stage.findingsFor(second)).filter((f) => f.kind === 'fact-check');
    assert.deepEqual(before.map((f) => f.score), [], 'worded unlike the fact-check, it is not matched on its own');

    const review: Review = { ...reviewDraft(first.doc.id, match, { status: 'confirmed', reviewer: 'ana' }), id: 1, createdAt: '2026-12-03T12:00:00Z' };
    const reviewed = new ReferenceStage(store.reference, gazetteer, { reviews: async () => [review] });
    const after = (await reviewed.findingsFor(second)).filter((f) => f.kind === 'fact-check');
    assert.equal(after.length, 1, JSON.stringify(after.map((f) => f.explanation)));
    assert.equal(after[0].data?.appearance, seen, 'the match rests on the confirmed claim');
    assert.match(after[0].explanation, /recorded appearance/);
    // a rejected match teaches nothing
    const rejected: Review = { ...review, status: 'rejected' };
    const skeptical = new ReferenceStage(store.reference, gazetteer, { reviews: async () => [rejected] });
    assert.deepEqual((await skeptical.findingsFor(second)).filter((f) => f.kind === 'fact-check'), []);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
