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
import { parseClaimReviews } from './factchecks/claimreview.js';
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
    for (const f of checks) assert.equal(doc.text.slice(f.start, f.end), f.quote);
    // stable: the same fact-check on the same span gets the same id on the next run
    const again = (await new ReferenceStage(store.reference, (await loadResources()).gazetteer).findingsFor({ doc, findings: [claim] })).filter((f) => f.kind === 'fact-check');
    assert.deepEqual(again.map((f) => [f.id, f.data?.url]).sort(), checks.map((f) => [f.id, f.data?.url]).sort());
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
