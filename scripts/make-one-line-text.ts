import { writeFileSync } from 'node:fs';
import { oneLineText } from './lib/one-line-text.js';

/**
 * `tsx scripts/make-one-line-text.ts MB FILE`: MB megabytes of English-like sentences on one
 * line (no line break), from a fixed seed, for measuring `discern analyze` on one-line input
 * (docs/reliability.md).
 */
const mb = Number(process.argv[2]);
const out = process.argv[3];
if (!(mb > 0) || !out) throw new Error('usage: tsx scripts/make-one-line-text.ts MB FILE');
writeFileSync(out, oneLineText(mb));
