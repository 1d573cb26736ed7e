import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DiscernError } from '../../core/errors.js';
import { dataPath } from '../../core/paths.js';

/**
 * The claim analyser's word lists, read from every *.json file in data/lexicons/claims/.
 * Each file declares its `type`; files of the same type are merged, so a user extends a list
 * by dropping another file beside the built-in ones. Every entry must give its reason.
 */

export type SpeechKind = 'say' | 'accuse' | 'deny' | 'suggest';
export type SourceNounClass = 'organisation' | 'document' | 'anonymous' | 'vague' | 'title';

export interface PatternEntry {
  re: RegExp;
  label: string;
  reason: string;
}

export interface ClaimLexicons {
  speechVerbs: Map<string, SpeechKind>;
  sourceNouns: Map<string, SourceNounClass>;
  /** platform names: matched as written, or case-folded (key lower-case, value as listed) */
  platforms: { caseSensitive: Set<string>; folded: Map<string, string> };
  channels: Set<string>;
  appeals: PatternEntry[];
  certainty: PatternEntry[];
}

interface RawEntry {
  words?: unknown;
  kind?: unknown;
  class?: unknown;
  pattern?: unknown;
  label?: unknown;
  reason?: unknown;
  caseSensitive?: unknown;
  channels?: unknown;
}

const SPEECH_KINDS = new Set(['say', 'accuse', 'deny', 'suggest']);
const NOUN_CLASSES = new Set(['organisation', 'document', 'anonymous', 'vague', 'title']);
const APPEAL_LABELS = new Set(['vague', 'anonymous']);
const CERTAINTY_LABELS = new Set(['hedge', 'booster']);

export function emptyLexicons(): ClaimLexicons {
  return {
    speechVerbs: new Map(),
    sourceNouns: new Map(),
    platforms: { caseSensitive: new Set(), folded: new Map() },
    channels: new Set(),
    appeals: [],
    certainty: [],
  };
}

function fail(file: string, message: string): never {
  throw new DiscernError('INPUT_MALFORMED', `invalid claims lexicon: ${message}`, file);
}

function words(entry: RawEntry, file: string, i: number, field: 'words' | 'channels' = 'words'): string[] {
  const list = entry[field];
  if (!Array.isArray(list) || list.length === 0 || !list.every((w) => typeof w === 'string' && w.trim() !== '')) {
    fail(file, `entry ${i}: "${field}" must be a non-empty list of strings`);
  }
  return list as string[];
}

function compile(entry: RawEntry, file: string, i: number, labels: Set<string>): PatternEntry {
  if (typeof entry.pattern !== 'string' || entry.pattern === '') fail(file, `entry ${i}: "pattern" must be a non-empty string`);
  if (typeof entry.label !== 'string' || !labels.has(entry.label)) fail(file, `entry ${i}: "label" must be one of ${[...labels].join(', ')}`);
  let re: RegExp;
  try {
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${entry.pattern})(?![\\p{L}\\p{N}])`, entry.caseSensitive === true ? 'gu' : 'giu');
  } catch (error) {
    fail(file, `entry ${i}: bad pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { re, label: entry.label, reason: entry.reason as string };
}

/** Adds one lexicon file's content (already parsed) to `into`. */
export function addLexicon(into: ClaimLexicons, content: unknown, file: string): void {
  if (typeof content !== 'object' || content === null) fail(file, 'not a JSON object');
  const { type, entries } = content as { type?: unknown; entries?: unknown };
  if (!Array.isArray(entries)) fail(file, '"entries" must be a list');
  (entries as RawEntry[]).forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null) fail(file, `entry ${i}: not an object`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') fail(file, `entry ${i}: every entry needs a "reason"`);
    switch (type) {
      case 'speech-verbs':
        if (typeof entry.kind !== 'string' || !SPEECH_KINDS.has(entry.kind)) fail(file, `entry ${i}: "kind" must be one of ${[...SPEECH_KINDS].join(', ')}`);
        for (const w of words(entry, file, i)) into.speechVerbs.set(w.toLowerCase(), entry.kind as SpeechKind);
        break;
      case 'source-nouns':
        if (typeof entry.class !== 'string' || !NOUN_CLASSES.has(entry.class)) fail(file, `entry ${i}: "class" must be one of ${[...NOUN_CLASSES].join(', ')}`);
        for (const w of words(entry, file, i)) if (!into.sourceNouns.has(w.toLowerCase()) || entry.class === 'title') into.sourceNouns.set(w.toLowerCase(), entry.class as SourceNounClass);
        break;
      case 'social-media':
        if (entry.channels !== undefined) {
          for (const w of words(entry, file, i, 'channels')) into.channels.add(w.toLowerCase());
        } else {
          for (const w of words(entry, file, i)) {
            if (entry.caseSensitive === true) into.platforms.caseSensitive.add(w);
            else into.platforms.folded.set(w.toLowerCase(), w);
          }
        }
        break;
      case 'appeals':
        into.appeals.push(compile(entry, file, i, APPEAL_LABELS));
        break;
      case 'certainty':
        into.certainty.push(compile(entry, file, i, CERTAINTY_LABELS));
        break;
      default:
        fail(file, `unknown "type" ${JSON.stringify(type)} (speech-verbs, source-nouns, social-media, appeals, certainty)`);
    }
  });
}

export function readLexicons(dir: string): ClaimLexicons {
  const lexicons = emptyLexicons();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DiscernError('INPUT_MALFORMED', 'invalid claims lexicon: not valid JSON', file, { cause: error });
    }
    addLexicon(lexicons, content, file);
  }
  return lexicons;
}

let loaded: ClaimLexicons | null = null;

/** The built-in lexicons (plus any file a user added to the folder), loaded once. */
export function loadClaimLexicons(): ClaimLexicons {
  loaded ??= readLexicons(dataPath('lexicons', 'claims'));
  return loaded;
}
