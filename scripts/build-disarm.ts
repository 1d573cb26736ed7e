/**
 * Copies the DISARM attack-pattern objects that data/disarm/mapping.json references (plus
 * DISARM's identity and marking definition, which they reference) from DISARM's own STIX
 * bundle into data/disarm/attack-patterns.json, unchanged, so exports reference the
 * framework's stable ids without reading ../shared at run time.
 *
 *   npx tsx scripts/build-disarm.ts [path/to/DISARM.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath, packageRoot } from '../src/core/paths.js';

const SOURCE_COMMIT = '49df5f649e16dfbf11e3859913c256c875c02692';
const source = process.argv[2] ?? join(packageRoot(), '..', 'shared', 'data', 'disarm', 'DISARM.json');
type StixObject = { type: string; id: string; external_references?: Array<{ external_id?: string }>; created_by_ref?: string; object_marking_refs?: string[] };
const bundle = JSON.parse(readFileSync(source, 'utf8')) as { objects: StixObject[] };
const mapping = JSON.parse(readFileSync(dataPath('disarm', 'mapping.json'), 'utf8')) as { entries: Array<{ disarm: string }> };
const wanted = new Set(mapping.entries.map((e) => e.disarm));
const techniques = bundle.objects.filter((o) => o.type === 'attack-pattern' && o.external_references?.some((r) => r.external_id && wanted.has(r.external_id)));
const found = new Set(techniques.flatMap((t) => t.external_references?.map((r) => r.external_id) ?? []));
const missing = [...wanted].filter((id) => !found.has(id));
if (missing.length > 0) throw new Error(`not in DISARM: ${missing.join(', ')}`);
const refs = new Set(techniques.flatMap((t) => [t.created_by_ref, ...(t.object_marking_refs ?? [])]).filter((r): r is string => Boolean(r)));
const support = bundle.objects.filter((o) => refs.has(o.id));
const out = {
  about: 'DISARM Red framework techniques referenced by mapping.json, copied unchanged from DISARM\'s STIX 2.1 bundle by scripts/build-disarm.ts.',
  source: `DISARMFoundation/DISARMframeworks@${SOURCE_COMMIT}, generated_files/DISARM_STIX/DISARM.json`,
  licence: 'CC BY-SA 4.0, DISARM Foundation (https://www.disarm.foundation/)',
  objects: [...support, ...techniques.sort((a, b) => a.id.localeCompare(b.id))],
};
writeFileSync(dataPath('disarm', 'attack-patterns.json'), `${JSON.stringify(out, null, 1)}\n`);
process.stdout.write(`${techniques.length} techniques, ${support.length} supporting objects\n`);
