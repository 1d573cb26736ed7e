import { readFileSync } from 'node:fs';
import { dataPath } from '../core/paths.js';

/**
 * Discern finding kinds and labels → DISARM techniques (data/disarm/mapping.json, one reason
 * per entry) and DISARM's own STIX objects for them (data/disarm/attack-patterns.json, copied
 * unchanged from DISARM's bundle by scripts/build-disarm.ts; CC BY-SA 4.0).
 */

export interface StixObject {
  type: string;
  id: string;
  [key: string]: unknown;
}

export interface DisarmTechnique {
  /** the DISARM T-number, e.g. T0135.001 */
  externalId: string;
  name: string;
  /** why this Discern kind/label maps to it */
  reason: string;
  object: StixObject;
}

interface Catalogue {
  byKey: Map<string, DisarmTechnique>;
  /** DISARM's identity and marking definition, which every technique object references */
  support: StixObject[];
}

let catalogue: Catalogue | null = null;

function load(): Catalogue {
  if (catalogue) return catalogue;
  const mapping = JSON.parse(readFileSync(dataPath('disarm', 'mapping.json'), 'utf8')) as { entries: Array<{ kind: string; label: string; disarm: string; reason: string }> };
  const bundle = JSON.parse(readFileSync(dataPath('disarm', 'attack-patterns.json'), 'utf8')) as { objects: StixObject[] };
  const byTid = new Map<string, StixObject>();
  for (const o of bundle.objects) {
    if (o.type !== 'attack-pattern') continue;
    const refs = (o.external_references ?? []) as Array<{ external_id?: string }>;
    for (const r of refs) if (r.external_id) byTid.set(r.external_id, o);
  }
  const byKey = new Map<string, DisarmTechnique>();
  for (const e of mapping.entries) {
    const object = byTid.get(e.disarm);
    if (!object) throw new Error(`data/disarm/mapping.json: ${e.disarm} is not in attack-patterns.json (run scripts/build-disarm.ts)`);
    byKey.set(`${e.kind}\u0000${e.label}`, { externalId: e.disarm, name: String(object.name), reason: e.reason, object });
  }
  catalogue = { byKey, support: bundle.objects.filter((o) => o.type !== 'attack-pattern') };
  return catalogue;
}

/** The DISARM technique a finding of this kind and label maps to, if any. */
export function disarmTechnique(kind: string, label: string): DisarmTechnique | null {
  const { byKey } = load();
  return byKey.get(`${kind}\u0000${label}`) ?? byKey.get(`${kind}\u0000*`) ?? null;
}

export function disarmSupportObjects(): StixObject[] {
  return load().support;
}

export function disarmMappings(): DisarmTechnique[] {
  return [...load().byKey.values()];
}
