import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document, Finding } from '../../core/types.js';
import { computeSourcing, sourcingProfile } from './sourcing.js';

const doc: Document = { id: 'd', format: 'text', source: {}, text: '', sections: [] };
let n = 0;
function finding(kind: string, label: string, data: Record<string, unknown>, quote = 'q'): Finding {
  n++;
  return { id: `f${n}`, analyzer: 'claims@1.0.0', kind, label, start: n, end: n + 1, quote, score: 0.9, explanation: 'e', data };
}

const findings: Finding[] = [
  finding('claim', 'statistic', { evidence: { strength: 'verifiable' }, certainty: 'neutral' }),
  finding('claim', 'event', { evidence: { strength: 'named' }, certainty: 'boosted' }),
  finding('claim', 'event', { evidence: { strength: 'anonymous' }, certainty: 'hedged' }),
  finding('claim', 'other-factual', { evidence: { strength: 'vague-appeal' }, certainty: 'neutral' }),
  finding('attribution', 'named-person', { sourceName: 'Mara <Venn>' }, 'Venn'),
  finding('attribution', 'named-person', { sourceName: 'Mara <Venn>' }, 'She'),
  finding('attribution', 'document', { sourceName: 'A/HRC/55/12' }, 'document A/HRC/55/12'),
  finding('attribution', 'vague', { sourceName: null }, 'Evidence suggests'),
  finding('attribution', 'none', { sourceName: null }, 'has been accused'),
  finding('certainty', 'booster', {}),
  finding('certainty', 'hedge', {}),
  finding('certainty', 'hedge', {}),
];

test('sourcing counts claims by evidence strength, sources by citations, certainty', () => {
  assert.deepEqual(computeSourcing(findings), {
    claims: 4,
    byStrength: { verifiable: 1, named: 1, anonymous: 1, 'vague-appeal': 1, unsupported: 0 },
    verifiableShare: 0.25,
    byType: { statistic: 1, event: 2, 'other-factual': 1 },
    topSources: [
      { name: 'Mara <Venn>', label: 'named-person', count: 2 },
      { name: 'A/HRC/55/12', label: 'document', count: 1 },
      { name: 'Evidence suggests', label: 'vague', count: 1 },
    ],
    certainty: { hedged: 1, neutral: 2, boosted: 1, hedges: 2, boosters: 1 },
  });
});

test('nothing to profile without claims or attributions', () => {
  assert.equal(sourcingProfile.compute(doc, [finding('certainty', 'hedge', {})]), null);
});

test('reporters: one terminal line, Markdown table, escaped HTML', () => {
  const value = sourcingProfile.compute(doc, findings);
  assert.ok(value);
  assert.equal(sourcingProfile.key, 'sourcing');
  assert.equal(sourcingProfile.terminal?.(value), '4 claims: 1 verifiable, 1 named, 2 anonymous/vague, 0 unsupported');
  const md = sourcingProfile.markdown(value);
  assert.match(md, /^\*\*4 claims: 1 verifiable, 1 named, 2 anonymous\/vague, 0 unsupported\*\* — 25% with verifiable evidence\./);
  assert.match(md, /\| vague appeal \| 1 \|/);
  assert.match(md, /Sources relied on most: Mara \\<Venn\\> \(named-person, 2\); A\/HRC\/55\/12 \(document, 1\)/);
  const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = sourcingProfile.html(value, escape);
  assert.ok(html.includes('<li>Mara &lt;Venn&gt; (named-person, 2)</li>'));
  assert.ok(!html.includes('<Venn>'));
  assert.match(html, /<td>verifiable<\/td><td>1<\/td>/);
});
