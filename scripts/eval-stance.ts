/**
 * Stance model on the held-out FNC-1 part (bodies hashing to fold 0, never trained on):
 * official FNC score as % of the maximum, macro-F1 and per-class F1, next to the published
 * figures on the official competition test set (a different set: the comparison is indicative).
 * Usage: npm run eval:stance
 */
import { packageRoot } from '../src/core/paths.js';
import { prepareText, type PreparedText } from '../src/corpus/narratives/stance/features.js';
import { fncFolder, fncScore, loadFnc, macroF1, splitByStory } from '../src/corpus/narratives/stance/fnc.js';
import { classifyPrepared, loadStanceModel, STANCE_LABELS, type StanceLabel } from '../src/corpus/narratives/stance/model.js';

const data = loadFnc(fncFolder(packageRoot()));
const model = loadStanceModel();
const parts = splitByStory(data);
const held = data.pairs.filter((_, i) => parts[i] === 'test');
const cache = new Map<string, PreparedText>();
const prep = (t: string): PreparedText => {
  let p = cache.get(t);
  if (!p) cache.set(t, (p = prepareText(t)));
  return p;
};

const started = performance.now();
const rows = held.map((p) => ({
  gold: p.stance,
  pred: classifyPrepared(model, prep(p.headline), p.headline, prep(data.bodies.get(p.bodyId) ?? '')).label,
}));
const ms = performance.now() - started;

function report(name: string, subset: typeof rows): void {
  const gold = subset.map((r) => r.gold) as StanceLabel[];
  const pred = subset.map((r) => r.pred) as StanceLabel[];
  const s = fncScore(gold, pred);
  const f = macroF1(gold, pred, STANCE_LABELS);
  const per = STANCE_LABELS.map((l) => `${l} ${f.perClass[l].toFixed(3)}`).join(' · ');
  console.log(`${name.padEnd(34)} pairs ${String(subset.length).padStart(6)}  FNC ${s.percent.toFixed(2)}% (${s.score.toFixed(2)} / ${s.max.toFixed(2)})  macro-F1 ${f.macro.toFixed(3)}  [${per}]`);
}

console.log('FNC-1 stance, held-out stories (fold 0 of train_stances.csv split by story: no held-out headline or body seen in training)');
report('held-out (all pairs)', rows);
console.log('');
console.log('Published, official competition test set (different data: indicative only):');
console.log('  official baseline (gradient boosting)  FNC 75.20%');
console.log('  best team (SOLAT in the SWEN / Talos)    FNC 82.02%  macro-F1 ≈ 0.58');
console.log(`\nspeed: ${(rows.length / (ms / 1000)).toFixed(0)} pairs/s (texts prepared once each)`);
