import type { DocumentAnalyzer } from '../analysers/analyzer.js';
import type { Resources } from '../nlp/resources.js';
import type { AnalysisPool } from '../pipeline/pool.js';
import type { LlmAssist } from '../reference/llm/assist.js';
import type { ServableStore } from '../store/queries.js';
import type { CorpusCache } from './corpus.js';

/** What every route module gets from createApp. */
export interface ApiDeps {
  store: ServableStore;
  resources: Resources;
  corpus: CorpusCache;
  documentAnalyzers: readonly DocumentAnalyzer[];
  /** where ingests are analysed; null: on the request thread (tests, embedding) */
  pool: AnalysisPool | null;
  /** the optional LLM assist beside verdicts; null unless the server was started with --llm-url */
  llm: LlmAssist | null;
  allowPrivate: boolean;
  /** largest ingest request body, and largest fetched page, in bytes */
  maxBodyBytes: number;
}
