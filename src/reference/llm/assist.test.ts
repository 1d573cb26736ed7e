import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite.js';
import type { EvidenceQuote } from '../verify.js';
import { LlmAssist } from './assist.js';
import { TokenBudget } from './backend.js';
import { OpenAiChatBackend } from './openai.js';
import { chatReply, startFakeLlm, type ChatRequest } from '../../../test/support/fake-llm.js';

const passage: EvidenceQuote = {
  source: 'doc1', title: 'Report', issuer: null, date: null, url: null, start: 100, end: 160,
  quote: 'On 3 May 2024 an attack in Kunar killed 17 police officers.', score: 0.9, stance: 'contradicts', focus: null, model: { supports: 0.1, refutes: 0.8 },
};

function answerBy(purpose: (system: string) => string) {
  return (body: ChatRequest, _n: number, res: ServerResponse) => chatReply(res, purpose(body.messages[0].content));
}

test('a well-behaved endpoint: subclaims and a verdict whose quotes are exact passage text, all audited', async () => {
  const server = await startFakeLlm(answerBy((system) =>
    system.includes('Split') ? '{"subclaims": ["An attack happened in Kunar", "It killed 40 officers"]}'
      : '```json\n{"verdict":"contradicted","explanation":"The passage says 17.","quotes":["killed 17 police officers","words that are not in the passage"]}\n```'));
  const store = openSqliteStore(':memory:');
  try {
    const backend = new OpenAiChatBackend({ url: server.url, model: 'test-model', apiKey: 'sekret', budget: new TokenBudget(10_000) });
    const p = await new LlmAssist(backend, store.reference).propose('The Kunar attack killed 40 officers.', [passage]);
    assert.equal(p.status, 'ok');
    assert.equal(p.verdict, 'contradicted');
    assert.deepEqual(p.subclaims, ['An attack happened in Kunar', 'It killed 40 officers']);
    assert.equal(p.quotes.length, 1, 'the invented quote is dropped');
    const q = p.quotes[0];
    assert.equal(passage.quote.slice(q.start - passage.start, q.end - passage.start), q.quote);
    assert.equal(server.requests[0].auth, 'Bearer sekret');
    const audit = await store.reference.llmCalls();
    assert.equal(audit.length, 2);
    assert.ok(audit.every((a) => a.model === 'test-model' && a.status === 'ok' && a.response?.includes('choices')));
    assert.ok(audit.some((a) => a.purpose === 'verdict' && a.prompt.includes(passage.quote)));
  } finally {
    await store.close();
    await server.close();
  }
});

test('slow, failing, malformed and refusing endpoints never crash and never give a verdict', async () => {
  const store = openSqliteStore(':memory:');
  // slow: every answer after the timeout → timeout after the retries
  const slow = await startFakeLlm((_b, _n, res) => setTimeout(() => chatReply(res, '{}'), 400));
  const slowBackend = new OpenAiChatBackend({ url: slow.url, model: 'm', timeoutMs: 100, retries: 1, backoffMs: 10, budget: new TokenBudget(10_000) });
  const s = await new LlmAssist(slowBackend, store.reference).propose('Claim.', [passage]);
  assert.equal(s.status, 'timeout');
  assert.equal(s.verdict, null);
  assert.equal(slow.calls(), 4, 'decomposition and verdict, each tried twice');
  await slow.close();

  // a 503 first, then a good answer: retried with backoff
  const flaky = await startFakeLlm((body, n, res) => (n % 2 === 1 ? res.writeHead(503).end('busy') : chatReply(res, body.messages[0].content.includes('Split') ? '{"subclaims":[]}' : '{"verdict":"not-enough-evidence","explanation":"x","quotes":[]}')));
  const f = await new LlmAssist(new OpenAiChatBackend({ url: flaky.url, model: 'm', retries: 2, backoffMs: 5, budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(f.status, 'ok');
  assert.equal(f.verdict, 'not-enough-evidence');
  await flaky.close();

  // malformed: not JSON at all, or a verdict that quotes nothing
  const bad = await startFakeLlm((body, _n, res) => (body.messages[0].content.includes('Split') ? res.writeHead(200).end('<html>oops</html>') : chatReply(res, '{"verdict":"supported","explanation":"trust me","quotes":[]}')));
  const b = await new LlmAssist(new OpenAiChatBackend({ url: bad.url, model: 'm', budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(b.status, 'malformed');
  assert.match(b.reason ?? '', /quotes nothing/);
  assert.deepEqual(b.subclaims, []);
  await bad.close();

  // refusing: the refusal field, or a plain-text refusal
  const refuse = await startFakeLlm((body, _n, res) => (body.messages[0].content.includes('Split') ? chatReply(res, 'I cannot help with that.') : chatReply(res, '', { refusal: 'I will not assess this.' })));
  const r = await new LlmAssist(new OpenAiChatBackend({ url: refuse.url, model: 'm', budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(r.status, 'refused');
  assert.equal(r.verdict, null);
  await refuse.close();

  const statuses = (await store.reference.llmCalls(100)).map((a) => a.status);
  for (const status of ['timeout', 'refused', 'malformed', 'ok']) assert.ok(statuses.includes(status as never), `${status} is audited`);
  await store.close();
});

test('the token budget stops requests before they are sent', async () => {
  const server = await startFakeLlm((_b, _n, res) => chatReply(res, '{"subclaims":[]}'));
  const store = openSqliteStore(':memory:');
  try {
    const budget = new TokenBudget(500);
    const p = await new LlmAssist(new OpenAiChatBackend({ url: server.url, model: 'm', budget }), store.reference).propose('Claim.', [passage]);
    assert.equal(p.status, 'budget');
    assert.equal(server.calls(), 1, 'the decomposition fitted, the verdict did not');
    assert.equal(budget.used, 50);
  } finally {
    await store.close();
    await server.close();
  }
});
