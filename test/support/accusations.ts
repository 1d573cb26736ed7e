import { analyzeAccusations, type AccusationData } from '../../src/analysers/accusations.js';
import { createContext } from '../../src/pipeline/context.js';
import { plainDocument, testResources } from './context.js';

/** Every accusation finding of a text as "accuser > accused [stance]", in finding order. */
export async function accusationEdges(text: string, path = 'fixture.txt'): Promise<string[]> {
  const ctx = createContext(plainDocument(text, path), await testResources());
  return analyzeAccusations(ctx).map((f) => {
    const a = f.data as AccusationData;
    return `${a.accuser ?? '-'} > ${a.accused} [${a.stance}]`;
  });
}

/** The distinct edges of a text, sorted. */
export async function distinctEdges(text: string, path = 'wire.txt'): Promise<string[]> {
  return [...new Set(await accusationEdges(text, path))].sort();
}
