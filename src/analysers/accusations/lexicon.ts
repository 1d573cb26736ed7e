import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { dataPath } from '../../core/paths.js';

/**
 * Word lists of the accusation and narrative analysers, read from every *.json file in
 * data/lexicons/narratives/. Each file declares its `type`; files of the same type are merged,
 * so a user extends a list by adding a file. Every entry gives its reason.
 */

export type Shape = 'agent-first' | 'located' | 'presence';

export interface RelationRule {
  relation: string;
  shape: Shape;
  re: RegExp;
  reason: string;
}

export interface FrameRule {
  frame: string;
  label: string;
  re: RegExp;
  reason: string;
}

export interface RoleRule {
  role: 'origin' | 'amplifier' | 'audience';
  re: RegExp;
  reason: string;
}

export interface AttributeRule {
  attribute: string;
  re: RegExp;
  /** what kind of value the attribute takes */
  value: 'year' | 'date' | 'count' | 'place' | 'person';
  reason: string;
}

/** What a party is accused of in reported speech: a verb (the accused is its subject) or a noun (the accused stands before it or after "of" / "by"). */
export interface WrongdoingRule {
  relation: string;
  form: 'verb' | 'noun';
  re: RegExp;
  reason: string;
}

export interface MetonymRule {
  country: string;
  /** capitals and seats of government stand for the government; regions only locate */
  kind: 'capital' | 'seat';
}

export interface NarrativeLexicons {
  relations: RelationRule[];
  /** place name → the country whose government it can stand for */
  metonyms: Map<string, MetonymRule>;
  cues: Map<string, RegExp>;
  frames: FrameRule[];
  provenance: RoleRule[];
  attributes: AttributeRule[];
  wrongdoing: WrongdoingRule[];
}

interface RawEntry {
  [key: string]: unknown;
}

/** Word-bounded, case-insensitive; a prefix joined by a hyphen makes another word ("de-escalate", "anti-terrorism", "counter-propaganda"). */
export function wordPattern(source: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}]|[\\p{L}]-)(?:${source})(?![\\p{L}\\p{N}])`, flags);
}

function fail(file: string, message: string): never {
  throw new DiscernError('INPUT_MALFORMED', `invalid narratives lexicon: ${message}`, file);
}

function str(entry: RawEntry, field: string, file: string, i: number): string {
  const v = entry[field];
  if (typeof v !== 'string' || v === '') fail(file, `entry ${i}: "${field}" must be a non-empty string`);
  return v;
}

function compile(entry: RawEntry, file: string, i: number): RegExp {
  try {
    return wordPattern(str(entry, 'pattern', file, i));
  } catch (error) {
    if (error instanceof DiscernError) throw error;
    return fail(file, `entry ${i}: bad pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const SHAPES = new Set(['agent-first', 'located', 'presence']);
const ROLES = new Set(['origin', 'amplifier', 'audience']);
const VALUES = new Set(['year', 'date', 'count', 'place', 'person']);
const METONYM_KINDS = new Set(['capital', 'seat']);

export function parseNarrativeLexicon(json: string, file: string, into: NarrativeLexicons): void {
  let raw: { type?: unknown; entries?: unknown };
  try {
    raw = JSON.parse(json) as { type?: unknown; entries?: unknown };
  } catch {
    fail(file, 'not valid JSON');
  }
  if (!Array.isArray(raw.entries)) fail(file, '"entries" must be a list');
  (raw.entries as RawEntry[]).forEach((entry, i) => {
    const reason = str(entry, 'reason', file, i);
    switch (raw.type) {
      case 'relations': {
        const shape = str(entry, 'shape', file, i);
        if (!SHAPES.has(shape)) fail(file, `entry ${i}: "shape" must be one of ${[...SHAPES].join(', ')}`);
        into.relations.push({ relation: str(entry, 'relation', file, i), shape: shape as Shape, re: compile(entry, file, i), reason });
        break;
      }
      case 'cues': {
        const cue = str(entry, 'cue', file, i);
        const re = compile(entry, file, i);
        const prev = into.cues.get(cue);
        into.cues.set(cue, prev ? new RegExp(`${prev.source}|${re.source}`, 'giu') : re);
        break;
      }
      case 'frames':
        into.frames.push({ frame: str(entry, 'frame', file, i), label: str(entry, 'label', file, i), re: compile(entry, file, i), reason });
        break;
      case 'provenance': {
        const role = str(entry, 'role', file, i);
        if (!ROLES.has(role)) fail(file, `entry ${i}: "role" must be one of ${[...ROLES].join(', ')}`);
        into.provenance.push({ role: role as RoleRule['role'], re: compile(entry, file, i), reason });
        break;
      }
      case 'attributes': {
        const value = str(entry, 'value', file, i);
        if (!VALUES.has(value)) fail(file, `entry ${i}: "value" must be one of ${[...VALUES].join(', ')}`);
        into.attributes.push({ attribute: str(entry, 'attribute', file, i), value: value as AttributeRule['value'], re: compile(entry, file, i), reason });
        break;
      }
      case 'wrongdoing': {
        const form = str(entry, 'form', file, i);
        if (form !== 'verb' && form !== 'noun') fail(file, `entry ${i}: "form" must be verb or noun`);
        into.wrongdoing.push({ relation: str(entry, 'relation', file, i), form, re: compile(entry, file, i), reason });
        break;
      }
      case 'metonyms': {
        const kind = str(entry, 'kind', file, i);
        if (!METONYM_KINDS.has(kind)) fail(file, `entry ${i}: "kind" must be one of ${[...METONYM_KINDS].join(', ')}`);
        const country = str(entry, 'country', file, i);
        if (!/^[A-Z]{2}$/u.test(country)) fail(file, `entry ${i}: "country" must be an ISO 3166 code`);
        into.metonyms.set(str(entry, 'place', file, i), { country, kind: kind as MetonymRule['kind'] });
        break;
      }
      default:
        fail(file, `unknown "type" ${String(raw.type)}`);
    }
  });
}

let cached: NarrativeLexicons | null = null;

export function loadNarrativeLexicons(folder = dataPath('lexicons', 'narratives')): NarrativeLexicons {
  if (cached && folder === dataPath('lexicons', 'narratives')) return cached;
  const lex: NarrativeLexicons = { relations: [], metonyms: new Map(), cues: new Map(), frames: [], provenance: [], attributes: [], wrongdoing: [] };
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(folder, name);
    parseNarrativeLexicon(readFileSync(file, 'utf8'), file, lex);
  }
  if (folder === dataPath('lexicons', 'narratives')) cached = lex;
  return lex;
}

/** A cue's pattern; an unknown cue matches nothing. */
export function cue(lex: NarrativeLexicons, name: string): RegExp {
  return lex.cues.get(name) ?? /(?!)/gu;
}

/** Characters either side of a window that lookbehinds and lookaheads may need to see. */
const LOOKAROUND = 8;

/** One global copy per lexicon pattern, made once: building a RegExp per window cost more than the search. */
const globalCopies = new WeakMap<RegExp, RegExp>();
function globalCopy(re: RegExp): RegExp {
  let copy = globalCopies.get(re);
  if (!copy) {
    copy = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCopies.set(re, copy);
  }
  return copy;
}

/**
 * Matches of `re` inside text[from, to). The search runs on the window plus a few
 * characters of context — never from `from` to the end of the document, which made every
 * small window cost the whole text (quadratic on long documents).
 */
export function matchesIn(re: RegExp, text: string, from = 0, to = text.length): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const r = globalCopy(re);
  const base = Math.max(0, from - LOOKAROUND);
  const window = text.slice(base, Math.min(text.length, to + LOOKAROUND));
  r.lastIndex = from - base;
  for (let m = r.exec(window); m && base + m.index < to; m = r.exec(window)) {
    if (m[0].length === 0) {
      r.lastIndex++;
      continue;
    }
    const start = base + m.index;
    if (start + m[0].length <= to) out.push({ start, end: start + m[0].length, text: m[0] });
  }
  return out;
}
