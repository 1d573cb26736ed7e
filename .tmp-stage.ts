import { loadResources } from './src/nlp/resources.js';
import { openStore } from './src/store/open.js';
import { analyzeStoredCorpus } from './src/pipeline/corpus-stage.js';
import { corpusAnalyzers } from './src/analysers/index.js';
const rss = () => (process.memoryUsage().rss / 1048576).toFixed(0);
const resources = await loadResources();
console.log('resources loaded', rss(), 'MB; heap', (process.memoryUsage().heapUsed / 1048576).toFixed(0));
const store = await openStore(process.argv[2]);
for (const a of corpusAnalyzers) {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const r = await analyzeStoredCorpus(store, resources, {}, [a], { sink: () => undefined });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(a.name, r.count, 'heap peak +', ((peak - before) / 1048576).toFixed(0), 'MB', 'rss', rss());
}
console.log('maxRSS', (process.resourceUsage().maxRSS / 1024).toFixed(0));
await store.close();
