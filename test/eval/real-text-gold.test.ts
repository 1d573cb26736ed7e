import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

/**
 * The real-text gold (eval/real-text/pages.json) holds URLs and hand-made labels only — never a
 * page's text — and every label is well formed, so the evaluation scores what it says it scores.
 */

interface Edge { accuser: Array<string | null>; accused: string[]; stance: string; class: string; optional?: boolean }
interface Page { id: string; dispute: string; side: string; split: string; url: string; sha256: string; edges: Edge[]; [k: string]: unknown }

const gold = JSON.parse(readFileSync(path.join(packageRoot(), 'eval', 'real-text', 'pages.json'), 'utf8')) as { pages: Page[]; reuse: Array<{ a: string; b: string; label: string }> };
const SPLITS = new Set(['dev', 'heldout-1', 'heldout-2a', 'heldout-2b', 'heldout-3', 'heldout-4', 'heldout-5', 'heldout-6a', 'heldout-6b', 'heldout-7', 'heldout-8', 'heldout-9', 'heldout-10', 'heldout-11']);
/** Never tuned on: their error lines are printed only with --errors-heldout (scripts/lib/real-text.ts). */
const HELD_OUT = new Set(['heldout-9', 'heldout-11']);
const FIELDS = new Set(['id', 'dispute', 'side', 'split', 'genre', 'outlet', 'url', 'labelled', 'sha256', 'edges']);

test('real-text gold: URLs and labels only, every page and edge well formed', () => {
  const ids = new Set<string>();
  for (const p of gold.pages) {
    assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
    ids.add(p.id);
    for (const k of Object.keys(p)) assert.ok(FIELDS.has(k), `${p.id}: unexpected field "${k}" (no page text is ever committed)`);
    assert.ok(SPLITS.has(p.split), `${p.id}: split ${p.split}`);
    assert.match(p.url, /^https?:\/\/[^\s]+$/u, p.id);
    assert.match(p.sha256, /^[0-9a-f]{16}$/u, p.id);
    assert.ok(p.edges.length > 0, `${p.id}: no edges`);
    for (const e of p.edges) {
      assert.ok(e.accuser.length > 0 && e.accused.length > 0, `${p.id}: empty party`);
      assert.ok(['reports', 'asserts', 'denies'].includes(e.stance), `${p.id}: stance ${e.stance}`);
      assert.ok(['voice', 'actor', 'article'].includes(e.class), `${p.id}: class ${e.class}`);
      if (e.accuser.length === 1 && e.accuser[0] === 'article') assert.notEqual(e.stance, 'reports', `${p.id}: the article's own edge cannot merely report`);
    }
  }
  for (const r of gold.reuse) assert.ok(ids.has(r.a) && ids.has(r.b), `reuse pair ${r.a}|${r.b}`);
});

// Round 7: the held-out set is heldout-9 alone (heldout-8's error lines were read after its first
// look). The search index held Somali outlets and neutral wires for it, no Ethiopian outlet, so a
// held-out dispute needs partisan pages and a neutral page here; outlets of both sides are required
// of the whole set (see the tuning disputes) and their absence is stated in docs/accuracy.md.
test('real-text gold: each held-out dispute has partisan pages to place in camps and a neutral wire', () => {
  const heldOut = gold.pages.filter((p) => HELD_OUT.has(p.split));
  assert.ok(heldOut.length >= 12, `${heldOut.length} held-out pages`);
  const disputes = new Set(heldOut.map((p) => p.dispute));
  assert.ok(disputes.size >= 1);
  for (const d of disputes) {
    assert.ok(heldOut.filter((p) => p.dispute === d && p.side !== 'neutral').length >= 3, `${d}: partisan pages`);
    assert.ok(heldOut.some((p) => p.dispute === d && p.side === 'neutral'), `${d}: a neutral page`);
  }
  // the tuning disputes have outlets of both sides (camps can mix only there)
  const both = new Set(gold.pages.filter((p) => !HELD_OUT.has(p.split) && p.side !== 'neutral').map((p) => `${p.dispute}|${p.side}`));
  assert.ok([...new Set([...both].map((k) => k.split('|')[0]))].filter((d) => [...both].filter((k) => k.startsWith(`${d}|`)).length >= 2).length >= 8, 'tuning disputes with outlets of both sides');
  // never a dispute of the tuning pages
  const tuning = new Set(gold.pages.filter((p) => !HELD_OUT.has(p.split)).map((p) => p.dispute));
  for (const d of disputes) assert.ok(!tuning.has(d), `${d} is also a tuning dispute`);
});
