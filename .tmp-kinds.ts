import { loadResources } from './src/nlp/resources.js';
import { openStore } from './src/store/open.js';
import { analyzeStoredCorpus } from './src/pipeline/corpus-stage.js';
const store = await openStore(process.argv[2]);
const r = await analyzeStoredCorpus(store, await loadResources());
const by: Record<string, [number, number]> = {};
for (const f of r.findings) { const e = by[f.kind] ??= [0, 0]; e[0]++; e[1] += JSON.stringify(f).length; }
console.log(by, r.timings);
await store.close();
