import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SHARED } from '../helpers/seeds.js';

/**
 * The official OASIS STIX 2.1 JSON schemas (../shared/contract/stix2.1/) in one ajv
 * instance, as ../shared/STACK-NOTES.md describes: draft 2020-12, relative $refs, not strict,
 * no `u` flag (one pattern has an escape it rejects).
 */
export const STIX_SCHEMAS = join(SHARED, 'contract', 'stix2.1');
const BUNDLE_ID = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : f.endsWith('.json') ? [path] : [];
  });
}

type Check = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params: unknown }> | null };
let checks: { bundle: Check; byType: Map<string, Check>; listed: Set<string> } | null = null;

function load(): NonNullable<typeof checks> {
  if (checks) return checks;
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: false, logger: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const typed: Array<[string, string]> = [];
  for (const file of files(STIX_SCHEMAS)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    if (/\/(sdos|sros)\//.test(file) || file.endsWith('marking-definition.json')) typed.push([basename(file, '.json'), schema.$id]);
  }
  // compiled once every schema is in, so relative $refs resolve
  const byType = new Map(typed.map(([type, id]) => [type, ajv.getSchema(id) as Check]));
  const bundle = ajv.getSchema(BUNDLE_ID) as Check | undefined;
  if (!bundle) throw new Error('the STIX bundle schema did not load');
  // the types bundle.json lists by name (its copy omits some SDOs: see stixErrors)
  const listed = new Set((readFileSync(join(STIX_SCHEMAS, 'common', 'bundle.json'), 'utf8').match(/"\.\.\/(?:sdos|sros|common)\/([a-z-]+)\.json"/g) ?? []).map((m) => m.replace(/.*\/([a-z-]+)\.json"/, '$1')));
  checks = { bundle, byType, listed };
  return checks;
}

const describe = (check: Check, where: string): string[] => (check.errors ?? []).slice(0, 5).map((e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/**
 * The schema errors of a bundle ([] when it validates): every object against its own type's
 * official schema, and the bundle against bundle.json. That bundle.json lists no `note`,
 * `opinion`, `grouping`, `location` or `incident`, and its fallback for other types needs an
 * object to match exactly one of core.json and cyber-observable-core.json — which every SDO
 * matches both of — so objects of those types go through bundle.json's envelope check
 * without them, and are checked against their own schema (sdos/note.json, …) instead.
 */
export function stixErrors(bundle: { objects?: Array<{ type?: string }> } & Record<string, unknown>): string[] {
  const { bundle: checkBundle, byType, listed } = load();
  const errors: string[] = [];
  const objects = Array.isArray(bundle.objects) ? bundle.objects : [];
  objects.forEach((o, i) => {
    const check = byType.get(String(o.type));
    if (!check) errors.push(`/objects/${i} has no official schema for type ${o.type}`);
    else if (!check(o)) errors.push(...describe(check, `/objects/${i}(${o.type})`));
  });
  const envelope = { ...bundle, objects: objects.filter((o) => listed.has(String(o.type))) };
  if (!checkBundle(envelope)) errors.push(...describe(checkBundle, 'bundle'));
  return errors;
}

/** Every `*_ref` and `*_refs` value of every object (nested ones included). */
export function stixRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) stixRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('_ref') && typeof v === 'string') out.push(v);
      else if (k.endsWith('_refs') && Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
      else stixRefs(v, out);
    }
  }
  return out;
}
