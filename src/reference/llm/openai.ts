import { setTimeout as sleep } from 'node:timers/promises';
import { DiscernError } from '../../core/errors.js';
import { TokenBudget, type LlmAnswer, type LlmBackend, type LlmRequest } from './backend.js';

/**
 * An OpenAI-compatible chat endpoint (OpenAI, Ollama, llama.cpp server, vLLM …):
 * POST {url}/chat/completions with temperature 0. Each attempt has a timeout; network
 * errors, timeouts, 429 and 5xx are retried with exponential backoff; the run's token
 * budget is checked before each request and charged with the usage the server reports.
 */

export interface OpenAiOptions {
  /** base URL, e.g. http://127.0.0.1:11434/v1 */
  url: string;
  model: string;
  /** bearer key (read by the CLI from an environment variable, never from the command line) */
  apiKey?: string | null;
  timeoutMs?: number;
  retries?: number;
  /** first backoff delay; doubled each retry */
  backoffMs?: number;
  budget: TokenBudget;
}

export function normaliseEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DiscernError('USAGE', `--llm-url needs an http(s) URL such as http://127.0.0.1:11434/v1, not "${url}"`, '--llm-url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DiscernError('USAGE', `--llm-url must be http or https, not ${parsed.protocol}`, '--llm-url');
  return parsed.toString().replace(/\/+$/, '');
}

export class OpenAiChatBackend implements LlmBackend {
  readonly endpoint: string;
  readonly model: string;

  constructor(private readonly options: OpenAiOptions) {
    this.endpoint = normaliseEndpoint(options.url);
    this.model = options.model;
  }

  async complete(request: LlmRequest): Promise<LlmAnswer> {
    const estimate = TokenBudget.estimate(request.system + request.user) + request.maxTokens;
    if (!this.options.budget.allows(estimate)) {
      return { status: 'budget', text: null, raw: null, tokens: 0, reason: `the run's token budget (${this.options.budget.limit}) would be exceeded` };
    }
    const body = JSON.stringify({
      model: this.model,
      temperature: 0,
      max_tokens: request.maxTokens,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.user },
      ],
    });
    const retries = this.options.retries ?? 2;
    let last: LlmAnswer = { status: 'failed', text: null, raw: null, tokens: 0, reason: 'not sent' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep((this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
      last = await this.attempt(body);
      if (!retryable(last)) break;
    }
    this.options.budget.spend(last.tokens || (last.status === 'ok' ? estimate : 0));
    return last;
  }

  private async attempt(body: string): Promise<LlmAnswer & { httpStatus?: number }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
    try {
      const response = await fetch(`${this.endpoint}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body,
        signal: controller.signal,
        redirect: 'error',
      });
      const raw = await response.text();
      if (!response.ok) return { status: 'failed', text: null, raw, tokens: 0, reason: `HTTP ${response.status}`, httpStatus: response.status };
      return parseChat(raw);
    } catch (error) {
      if (controller.signal.aborted) return { status: 'timeout', text: null, raw: null, tokens: 0, reason: `no answer within ${this.options.timeoutMs ?? 30_000} ms` };
      return { status: 'failed', text: null, raw: null, tokens: 0, reason: (error as Error).message, httpStatus: 0 };
    } finally {
      clearTimeout(timer);
    }
  }
}

function retryable(a: LlmAnswer & { httpStatus?: number }): boolean {
  if (a.status === 'timeout') return true;
  if (a.status !== 'failed') return false;
  return a.httpStatus === 0 || a.httpStatus === 429 || (a.httpStatus !== undefined && a.httpStatus >= 500);
}

interface ChatBody {
  choices?: Array<{ message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }>;
  usage?: { total_tokens?: unknown };
}

/** The message of a chat-completions body; a refusal (refusal field, content filter) is its own status. */
export function parseChat(raw: string): LlmAnswer {
  let body: ChatBody;
  try {
    body = JSON.parse(raw) as ChatBody;
  } catch {
    return { status: 'malformed', text: null, raw, tokens: 0, reason: 'the endpoint did not answer JSON' };
  }
  const tokens = typeof body.usage?.total_tokens === 'number' ? body.usage.total_tokens : 0;
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!choice || typeof choice.message !== 'object' || choice.message === null) return { status: 'malformed', text: null, raw, tokens, reason: 'no choices[0].message in the answer' };
  if (typeof choice.message.refusal === 'string' && choice.message.refusal.trim()) return { status: 'refused', text: choice.message.refusal, raw, tokens, reason: 'the model refused' };
  if (choice.finish_reason === 'content_filter') return { status: 'refused', text: null, raw, tokens, reason: 'the answer was filtered' };
  if (typeof choice.message.content !== 'string') return { status: 'malformed', text: null, raw, tokens, reason: 'the message has no text content' };
  return { status: 'ok', text: choice.message.content, raw, tokens, reason: null };
}
