import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an OpenAI-compatible client POSTs to /v1/chat/completions (the part tests read). */
export interface ChatRequest {
  messages: Array<{ role: string; content: string }>;
}

export interface FakeLlm {
  /** base URL to pass as --llm-url (…/v1) */
  url: string;
  calls(): number;
  requests: Array<{ auth: string | undefined; body: ChatRequest }>;
  close(): Promise<void>;
}

/** Writes one chat completion whose assistant message is `content`. */
export function chatReply(res: ServerResponse, content: string, extra: Record<string, unknown> = {}, tokens = 50): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }], usage: { total_tokens: tokens } }));
}

/**
 * A small OpenAI-compatible chat endpoint on loopback for the LLM-assist tests. `answer`
 * returns the assistant's content (a string) for each request (the n-th, from 1), or writes the
 * response itself (errors, slow or malformed answers) and returns nothing.
 */
export async function startFakeLlm(answer: (body: ChatRequest, n: number, res: ServerResponse) => unknown): Promise<FakeLlm> {
  let calls = 0;
  const requests: FakeLlm['requests'] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      calls++;
      const body = JSON.parse(data) as ChatRequest;
      requests.push({ auth: req.headers.authorization, body });
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const content = answer(body, calls, res);
      if (typeof content === 'string') chatReply(res, content);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls: () => calls,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
