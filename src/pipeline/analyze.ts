import { performance } from 'node:perf_hooks';
import type { AnalysedDocument, CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import type { CorpusFinding, Document, Finding } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import { createContext } from './context.js';
import { stampCorpusFindings, stampFindings } from './stamp.js';

export interface AnalyzerFailure {
  analyzer: string;
  message: string;
}

export interface DocumentAnalysis extends AnalysedDocument {
  /** per analyser `name@version` → findings it produced (empty when it found nothing) */
  produced: Map<string, Finding[]>;
  failures: AnalyzerFailure[];
  /** milliseconds per analyser */
  timings: Record<string, number>;
}

export function producerOf(analyzer: { name: string; version: string }): string {
  return `${analyzer.name}@${analyzer.version}`;
}

/**
 * Runs the document analysers on one document. An analyser that throws is recorded as
 * failed for this document; the others still run.
 */
export function analyzeDocument(
  doc: Document,
  resources: Resources,
  analyzers: readonly DocumentAnalyzer[] = documentAnalyzers,
): DocumentAnalysis {
  const ctx = createContext(doc, resources);
  const produced = new Map<string, Finding[]>();
  const failures: AnalyzerFailure[] = [];
  const timings: Record<string, number> = {};
  for (const analyzer of analyzers) {
    runTimed(analyzer, failures, timings, (producer) => produced.set(producer, stampFindings(doc, producer, analyzer.analyze(ctx))));
  }
  const analysed: Document = { ...doc, lang: ctx.language().code };
  return { doc: analysed, findings: [...produced.values()].flat(), produced, failures, timings };
}

export interface CorpusAnalysis {
  findings: CorpusFinding[];
  failures: AnalyzerFailure[];
  timings: Record<string, number>;
}

export function analyzeCorpus(
  documents: AnalysedDocument[],
  resources: Resources,
  analyzers: readonly CorpusAnalyzer[] = corpusAnalyzers,
): CorpusAnalysis {
  const byId = new Map(documents.map((d) => [d.doc.id, d.doc]));
  const findings: CorpusFinding[] = [];
  const failures: AnalyzerFailure[] = [];
  const timings: Record<string, number> = {};
  for (const analyzer of analyzers) {
    runTimed(analyzer, failures, timings, (producer) => findings.push(...stampCorpusFindings(byId, producer, analyzer.analyze({ documents, resources }))));
  }
  return { findings, failures, timings };
}

/** Runs one analyser, timing it; a throw is recorded as that analyser's failure and the others go on. */
function runTimed(
  analyzer: { name: string; version: string },
  failures: AnalyzerFailure[],
  timings: Record<string, number>,
  run: (producer: string) => unknown,
): void {
  const producer = producerOf(analyzer);
  const started = performance.now();
  try {
    run(producer);
  } catch (error) {
    failures.push({ analyzer: producer, message: error instanceof Error ? error.message : String(error) });
  }
  timings[producer] = performance.now() - started;
}
