import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite.js';
import type { EvidenceQuote } from '../verify.js';
import { LlmAssist } from './assist.js';
import { TokenBudget } from './backend.js';
import { OpenAiChatBackend } from './openai.js';

/** A small OpenAI-compatible chat server; `behave` decides each answer from the request. */
async function fakeEndpoint(behave: (body: { messages: Array<{ role: string; content: string }> }, n: number, res: ServerResponse) => void) {
  let calls = 0;
  const seen: Array<{ auth: string | undefined; body: unknown }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      calls++;
      const body = JSON.parse(data) as { messages: Array<{ role: string; content: string }> };
      seen.push({ auth: req.headers.authorization, body });
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      behave(body, calls, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, seen, calls: () => calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const chat = (res: ServerResponse, content: string, extra: Record<string, unknown> = {}) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }], usage: { total_tokens: 50 } }));

const passage: EvidenceQuote = {
  source: 'doc1', title: 'Report', issuer: null, date: null, url: null, start: 100, end: 160,
  quote: 'On 3 May 2024 an attack in Kunar killed 17 police officers.', score: 0.9, stance: 'contradicts', focus: null, model: { supports: 0.1, refutes: 0.8 },
};

function answerBy(purpose: (system: string) => string) {
  return (body: { messages: Array<{ role: string; content: string }> }, _n: number, res: ServerResponse) => chat(res, purpose(body.messages[0].content));
}

test('a well-behaved endpoint: subclaims and a verdict whose quotes are exact passage text, all audited', async () => {
  const server = await fakeEndpoint(answerBy((system) =>
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
    assert.equal(server.seen[0].auth, 'Bearer sekret');
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
  const slow = await fakeEndpoint((_b, _n, res) => setTimeout(() => chat(res, '{}'), 400));
  const slowBackend = new OpenAiChatBackend({ url: slow.url, model: 'm', timeoutMs: 100, retries: 1, backoffMs: 10, budget: new TokenBudget(10_000) });
  const s = await new LlmAssist(slowBackend, store.reference).propose('Claim.', [passage]);
  assert.equal(s.status, 'timeout');
  assert.equal(s.verdict, null);
  assert.equal(slow.calls(), 4, 'decomposition and verdict, each tried twice');
  await slow.close();

  // a 503 first, then a good answer: retried with backoff
  const flaky = await fakeEndpoint((body, n, res) => (n % 2 === 1 ? res.writeHead(503).end('busy') : chat(res, body.messages[0].content.includes('Split') ? '{"subclaims":[]}' : '{"verdict":"not-enough-evidence","explanation":"x","quotes":[]}')));
  const f = await new LlmAssist(new OpenAiChatBackend({ url: flaky.url, model: 'm', retries: 2, backoffMs: 5, budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(f.status, 'ok');
  assert.equal(f.verdict, 'not-enough-evidence');
  await flaky.close();

  // malformed: not JSON at all, or a verdict that quotes nothing
  const bad = await fakeEndpoint((body, _n, res) => (body.messages[0].content.includes('Split') ? res.writeHead(200).end('<html>oops</html>') : chat(res, '{"verdict":"supported","explanation":"trust me","quotes":[]}')));
  const b = await new LlmAssist(new OpenAiChatBackend({ url: bad.url, model: 'm', budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(b.status, 'malformed');
  assert.match(b.reason ?? '', /quotes nothing/);
  assert.deepEqual(b.subclaims, []);
  await bad.close();

  // refusing: the refusal field, or a plain-text refusal
  const refuse = await fakeEndpoint((body, _n, res) => (body.messages[0].content.includes('Split') ? chat(res, 'I cannot help with that.') : chat(res, '', { refusal: 'I will not assess this.' })));
  const r = await new LlmAssist(new OpenAiChatBackend({ url: refuse.url, model: 'm', budget: new TokenBudget(10_000) }), store.reference).propose('Claim.', [passage]);
  assert.equal(r.status, 'refused');
  assert.equal(r.verdict, null);
  await refuse.close();

  const statuses = (await store.reference.llmCalls(100)).map((a) => a.status);
  for (const status of ['timeout', 'refused', 'malformed', 'ok']) assert.ok(statuses.includes(status as never), `${status} is audited`);
  await store.close();
});

test('the token budget stops requests before they are sent', async () => {
  const server = await fakeEndpoint((_b, _n, res) => chat(res, '{"subclaims":[]}'));
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
