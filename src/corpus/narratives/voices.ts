import type { Finding } from '../../core/types.js';
import { stateOfParty } from '../../analysers/accusations/actors.js';
import { loadNarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { resolveParty } from '../../analysers/accusations/metonymy.js';

/**
 * Whose voice a document carries (issue 14, camps). A page's side is read from its text only —
 * never from its outlet's name or country: which states' speakers it relays (their statements,
 * charges and denials, as the attribution layer found them). "X rejected the allegations as
 * absurd" is X's voice; a page that relays Y's charge against X and X's denial beside it has
 * given X a voice, so the charge is no one-sided relay. The same rule for every side.
 */

/** One relayed statement whose speaker the text ties to a state. */
export interface VoiceRecord {
  speaker: string;
  state: string;
  speechKind: string;
  start: number;
  end: number;
}

/** The state a single word or two names ("Egypt's", "Ethiopian", "South Korean"), or null. */
function stateOfWords(words: string): string | null {
  const w = words.replace(/['’]s$/u, '');
  // stateOfParty reads a state at the start of a longer name ("Ethiopian Foreign Ministry")
  return stateOfParty(w) ?? stateOfParty(`${w} government`);
}

/** Words that may stand between a state and its speaker's name ("Peru's Deputy Foreign Minister Ana Ruiz", "Chile's state nuclear agency Cchen"). */
const TITLE_WORD = /^(?:\p{Lu}[\p{L}.-]*|state|foreign|deputy|minister|ministry|spokes(?:man|woman|person)|official|nuclear|agency|company|national|prime|defen[cs]e|army|military|chief|top|senior|envoy|ambassador|of|the|for|affairs|president|secretary|general|security|adviser|advisor|irrigation|water|interior|external|government|permanent|representative|head|director|commander|leader|spy|intelligence|police|service)$/u;

/**
 * The state a speaker belongs to as the text names it: a state at the start of the name
 * ("Chinese Foreign Ministry"), else a state right before the speaker's first mention with only
 * title words between ("Peru's Foreign Minister Ana Ruiz"), else one opening an
 * apposition right after it ("Ana Ruiz, the Peruvian state minister"). A bare common noun
 * ("the ministry") is tied to nothing: the nearest state word there may be the accused.
 * `not` is a state the speaker is not taken for (the party it accuses).
 */
export function speakerState(text: string, speaker: string, not: string | null = null): string | null {
  const keep = (state: string | null): string | null => (state && state !== not ? state : null);
  const own = stateOfParty(speaker.replace(/['’]s(?=\s)/u, '')) ?? capitalState(speaker);
  if (own) return keep(own);
  if (!/^\p{Lu}/u.test(speaker)) return null;
  const at = text.indexOf(speaker);
  if (at < 0) return null;
  const words = text.slice(Math.max(0, at - 80), at).split(/\s+/u).filter(Boolean);
  // walk back over title words to the state that opens them
  for (let i = words.length - 1; i >= Math.max(0, words.length - 7); i--) {
    const w = words[i].replace(/[“"(]/gu, '');
    // a two-word state ("South Korean") only where its first word alone is none ("Chile stalled." is Chile's word and a verb)
    const pair = i > 0 && !stateOfWords(words[i - 1]) ? stateOfWords(`${words[i - 1]} ${w}`) : null;
    const state = pair ?? stateOfWords(w);
    if (state) return keep(state);
    if (!TITLE_WORD.test(w)) break;
  }
  const after = /^,\s+(?:the\s+|a\s+|an\s+)?(\p{Lu}[\p{L}-]*(?:['’]s)?)/u.exec(text.slice(at + speaker.length, at + speaker.length + 40));
  return keep(after ? stateOfWords(after[1]) : null);
}

/** The state a capital or seat of government stands for ("Lima has denied …": Peru), or null. */
function capitalState(speaker: string): string | null {
  const resolved = resolveParty(speaker, 'accuser', loadNarrativeLexicons());
  return resolved.via ? resolved.name : null;
}

/** The relayed statements of a document whose speakers the text ties to a state. */
export function voiceRecords(text: string, findings: readonly Finding[], accused: ReadonlySet<string> = new Set()): VoiceRecord[] {
  const out: VoiceRecord[] = [];
  for (const f of findings) {
    if (f.kind !== 'attribution') continue;
    const a = f.data as { sourceName?: string | null; role?: string | null; speechKind?: string };
    const speaker = a.sourceName ?? a.role ?? null;
    if (!speaker) continue;
    const kind = a.speechKind ?? 'say';
    const state = speakerState(text, speaker) ?? (kind === 'deny' ? deniedFor(text, f.end, accused) : null);
    if (state) out.push({ speaker, state, speechKind: kind, start: f.start, end: f.end });
  }
  return out;
}

/**
 * An untied speaker's denial on behalf of the one state its words clear ("The government denied
 * that X was involved in …", "officials rejected claims that X had …"): the denial's own clause
 * names an accused state of the page, and only one. Null when it names none or several.
 */
function deniedFor(text: string, from: number, accused: ReadonlySet<string>): string | null {
  if (accused.size === 0) return null;
  const clause = /^[^.!?;]{0,160}/u.exec(text.slice(from))?.[0] ?? '';
  if (!/\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:es|ed))\b/iu.test(clause)) return null;
  const named = [...accused].filter((state) => new RegExp(`(?<![\\p{L}])${state.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}])`, 'u').test(clause));
  return named.length === 1 ? named[0] : null;
}
