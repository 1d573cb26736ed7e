import assert from 'node:assert/strict';
import { test as nodeTest } from 'node:test';
import type { Document, Finding } from '../core/types.js';
import type { ReviewDraft } from '../review/types.js';
import type { Store } from './store.js';

/**
 * Reviews in every Store backend (run from storeContract): an append-only history that
 * outlives the findings it judges, and finding look-up by id.
 */
export function reviewsContract(name: string, open: () => Promise<Store>, options: { skip?: string | false } = {}): void {
  const test = (title: string, body: () => Promise<void>) => nodeTest(title, { skip: options.skip ?? false }, body);
  const doc: Document = { id: 'rdoc', format: 'text', source: { title: 'T' }, text: 'Officials said the dam burst on Monday.', sections: [] };
  const claim: Finding = {
    id: 'claim-1', analyzer: 'claims@1.0.0', kind: 'claim', label: 'check-worthy', start: 0, end: 39, quote: doc.text, score: 0.8, explanation: 'a factual statement', data: { n: 1 },
  };
  const draft = (over: Partial<ReviewDraft>): ReviewDraft => ({
    target: { doc: doc.id, kind: 'claim', label: 'check-worthy', start: 0, end: 39, quote: doc.text },
    findingId: 'claim-1',
    analyzer: 'claims@1.0.0',
    status: null,
    correction: null,
    verdict: null,
    note: null,
    reviewer: 'ana',
    ...over,
  });

  test(`${name}: reviews are an append-only history, oldest first, with every field kept`, async () => {
    const store = await open();
    try {
      const first = await store.addReview(draft({ status: 'confirmed', note: 'checked the wire copy' }));
      const second = await store.addReview(
        draft({ status: 'corrected', correction: { label: 'not-check-worthy', accuser: 'A "quoted" name', accused: 'Ü\u0007' }, verdict: 'misleading', reviewer: 'bo' }),
      );
      await store.addReview(draft({ target: { doc: 'other', kind: 'entity', label: 'X', start: 1, end: 2, quote: 'x' }, findingId: null, analyzer: null, status: 'rejected' }));
      assert.ok(second.id > first.id);
      assert.ok(!Number.isNaN(Date.parse(first.createdAt)));
      const all = await store.listReviews();
      assert.deepEqual(all.map((r) => r.id), [first.id, second.id, all[2].id]);
      assert.deepEqual(all[0], first);
      assert.deepEqual(all[1], second);
      assert.deepEqual(all[1].correction, { label: 'not-check-worthy', accuser: 'A "quoted" name', accused: 'Ü\u0007' });
      assert.deepEqual((await store.listReviews({ doc: 'rdoc' })).map((r) => r.id), [first.id, second.id]);
      assert.deepEqual(await store.listReviews({ doc: 'none' }), []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: findings are found by id; reviews outlive a re-analysis that drops their finding`, async () => {
    const store = await open();
    try {
      await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@1.0.0', [claim]]]), failures: [], runId: null });
      assert.deepEqual(await store.findFinding('claim-1'), { doc: 'rdoc', finding: claim });
      assert.equal(await store.findFinding('nope'), null);
      const review = await store.addReview(draft({ status: 'rejected' }));
      await store.saveAnalysis({ doc, origin: 'x', produced: new Map([['claims@2.0.0', []]]), failures: [], runId: null });
      assert.equal(await store.findFinding('claim-1'), null);
      assert.deepEqual(await store.listReviews(), [review]);
    } finally {
      await store.close();
    }
  });
}
