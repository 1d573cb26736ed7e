import type { Command } from 'commander';
import { DiscernError } from '../core/errors.js';
import { LlmAssist } from '../reference/llm/assist.js';
import { TokenBudget } from '../reference/llm/backend.js';
import { OpenAiChatBackend } from '../reference/llm/openai.js';
import type { ReferenceIndex } from '../store/reference.js';
import { parsePositiveInt } from './shared.js';
import { DURATION_HINT, parseDuration } from './units.js';

/** The optional LLM assist's options; without --llm-url nothing is built and nothing calls out. */
export interface LlmCliOptions {
  llmUrl?: string;
  llmModel?: string;
  llmKeyEnv?: string;
  llmTimeout?: string;
  llmBudget?: string;
}

export function addLlmOptions(command: Command): Command {
  return command
    .option('--llm-url <url>', 'OpenAI-compatible endpoint for the optional LLM assist (e.g. http://127.0.0.1:11434/v1); off when not given')
    .option('--llm-model <name>', 'model name at that endpoint')
    .option('--llm-key-env <var>', 'environment variable holding the API key (never pass keys on the command line)', 'DISCERN_LLM_KEY')
    .option('--llm-timeout <duration>', `timeout of one LLM request (${DURATION_HINT})`, '30s')
    .option('--llm-budget <tokens>', 'most tokens the LLM assist may spend in this run', '20000');
}

/** Usage errors of the LLM options, raised before any work starts. true when the assist is on. */
export function checkLlmOptions(options: LlmCliOptions): boolean {
  // an empty --llm-url is a mistake, not "off"
  if (options.llmUrl === '') throw new DiscernError('USAGE', '--llm-url is empty', '--llm-url');
  if (!options.llmUrl) {
    if (options.llmModel) throw new DiscernError('USAGE', '--llm-model needs --llm-url', '--llm-model');
    return false;
  }
  if (!options.llmModel) throw new DiscernError('USAGE', '--llm-url needs --llm-model (the model name at that endpoint)', '--llm-url');
  parseDuration(options.llmTimeout ?? '30s', '--llm-timeout', { min: 1 });
  parsePositiveInt(options.llmBudget ?? '20000', '--llm-budget');
  return true;
}

export function llmAssistFrom(options: LlmCliOptions, reference: ReferenceIndex): LlmAssist | null {
  if (!checkLlmOptions(options) || !options.llmModel || !options.llmUrl) return null;
  const backend = new OpenAiChatBackend({
    url: options.llmUrl,
    model: options.llmModel,
    apiKey: process.env[options.llmKeyEnv ?? 'DISCERN_LLM_KEY'] ?? null,
    timeoutMs: parseDuration(options.llmTimeout ?? '30s', '--llm-timeout', { min: 1 }),
    budget: new TokenBudget(parsePositiveInt(options.llmBudget ?? '20000', '--llm-budget')),
  });
  return new LlmAssist(backend, reference);
}
