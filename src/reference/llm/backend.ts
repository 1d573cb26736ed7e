import type { LlmAuditEntry } from '../../store/reference.js';

/**
 * The one interface an optional language-model backend implements. Off by default: nothing
 * is constructed, and nothing calls out, unless the user names an endpoint (--llm-url).
 */

export interface LlmRequest {
  purpose: 'verdict' | 'decomposition';
  system: string;
  user: string;
  /** most tokens the answer may use */
  maxTokens: number;
}

export interface LlmAnswer {
  status: LlmAuditEntry['status'];
  /** the model's message text (null when there is none) */
  text: string | null;
  /** the raw HTTP body, kept for the audit */
  raw: string | null;
  tokens: number;
  /** why, when status is not ok */
  reason: string | null;
}

export interface LlmBackend {
  readonly endpoint: string;
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmAnswer>;
}

/** Tokens one run may spend; a request that would overrun it is not sent. */
export class TokenBudget {
  used = 0;
  constructor(readonly limit: number) {}

  /** rough count for text not yet sent: ~4 characters a token */
  static estimate(text: string): number {
    return Math.ceil(text.length / 4);
  }

  allows(tokens: number): boolean {
    return this.used + tokens <= this.limit;
  }

  spend(tokens: number): void {
    this.used += tokens;
  }
}
