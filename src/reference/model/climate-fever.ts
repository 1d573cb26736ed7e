import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageRoot } from '../../core/paths.js';

/**
 * Reader for Climate-FEVER (../shared/data/climate-fever/climate-fever.jsonl): claims with five
 * Wikipedia evidence sentences each, labelled per sentence and per claim. Our split, by claim
 * id: mod 10 ∈ {0, 1} validation (never trained on), {2, 3} threshold tuning, the rest training.
 */

export interface ClimateFeverClaim {
  id: number;
  claim: string;
  label: 'SUPPORTS' | 'REFUTES' | 'NOT_ENOUGH_INFO' | 'DISPUTED';
  evidences: Array<{ text: string; label: 'SUPPORTS' | 'REFUTES' | 'NOT_ENOUGH_INFO' }>;
}

export type ClimateFeverSplit = 'train' | 'tune' | 'validation';

export const CLIMATE_FEVER_PATH = resolve(packageRoot(), '..', 'shared', 'data', 'climate-fever', 'climate-fever.jsonl');

export function splitOf(id: number): ClimateFeverSplit {
  const m = id % 10;
  return m < 2 ? 'validation' : m < 4 ? 'tune' : 'train';
}

export function readClimateFever(path = CLIMATE_FEVER_PATH): ClimateFeverClaim[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const r = JSON.parse(line) as { claim_id: string; claim: string; claim_label: ClimateFeverClaim['label']; evidences: Array<{ evidence: string; evidence_label: ClimateFeverClaim['evidences'][number]['label'] }> };
      return { id: Number(r.claim_id), claim: r.claim, label: r.claim_label, evidences: r.evidences.map((e) => ({ text: e.evidence, label: e.evidence_label })) };
    });
}
