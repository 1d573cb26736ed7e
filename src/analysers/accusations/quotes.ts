import type { Span } from '../../core/types.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';
import { actorsBetween, actorsIn, newRoleMemory, type Actor, type RoleMemory } from './actors.js';

/**
 * Quotations and their speakers, over a whole paragraph (a quotation often runs over several
 * sentences): "“…,” Zakharova said", "“…,” said Vladimir Rogov, a member of …", "X said: “…”",
 * "“…,” he added" (the person last named). The claim is the quotation, plus the words of the
 * same sentence before it when they carry its subject ("Ukrainian forces “once again struck …,”
 * X said"). The speaker's words belong to the speaker, never to the article.
 */

export interface Quotation {
  /** the words the speaker is given (the quotation, widened to a subject before it) */
  claim: Span;
  quote: Span;
  speaker: Actor;
  verb: string;
}

const VERB = 'said|says|say|told|tells|added|adds|wrote|writes|stated|states|noted|notes|insisted|insists|stressed|stresses|claimed|claims|warned|warns|asserted|asserts|charged|declared|declares|posted|tweeted|continued|argued|argues|emphasi[sz]ed|underlined|underscored|pointed out|reads|read|explained|alleged|announced|concluded|complained|recalled|replied|responded|commented|comments';
const POSTPOSED = new RegExp(`^\\s*,?\\s*((?:[^.!?“”"]{0,140}?))(?<![\\p{L}])(${VERB})(?![\\p{L}])`, 'iu');
const PREPOSED = new RegExp(`(?<![\\p{L}])(${VERB}|confirmed|insisted|stressed)(?![\\p{L}])(?:[^.!?“”"]{0,60}?[:,]|\\s+that)\\s*$`, 'iu');
const VERB_WORD = new RegExp(`(?<![\\p{L}])(?:${VERB})(?![\\p{L}])`, 'iu');
const PRONOUN = /^\s*(?:,\s*)?(?:he|she|it|they)\s*$/iu;
/** "the prime minister", "the country's foreign minister", "the spokesman" as the speaker of a quotation */
const ROLE_LEAD = /^\s*(?:,\s*)?the\s+(?:[\p{L}’'-]+\s+){0,2}?(prime minister|premier|president|foreign minister|defen[cs]e minister|interior minister|minister|spokes(?:man|woman|person)|ambassador|envoy|leader|commander|chief)\s*$/iu;

/** The person the document named with `role` ("Chadian Prime Minister, Saleh Kebzabo" … "the prime minister"), standing at `at`. */
function holderOf(memory: RoleMemory, role: string, at: Span): Actor | null {
  const r = role.toLowerCase().replace(/defense/gu, 'defence').replace(/^premier$/u, 'prime minister').replace(/^spokes(?:man|woman|person)$/u, 'spokes');
  let name: string | null = null;
  for (const [key, person] of memory.roles) {
    const held = key.split('|')[1] ?? '';
    if (held === r || held.endsWith(` ${r}`) || (r === 'spokes' && /^spokes/u.test(held))) name = person;
  }
  return name ? { start: at.start, end: at.end, name, kind: 'person', country: memory.affiliation.get(name) ?? null } : null;
}
const BODY_SPEAKER = /^\s*(?:,\s*)?(?:the\s+)?(?:statement|ministry|ministry's statement|communiqu[ée]|letter|spokes(?:man|woman|person)|official|embassy|office|government|release|post|message)\s*$/iu;

/** Quotation spans of a paragraph, pairing “ with ” (and « with »), and straight quotes with each other. */
export function pairQuotes(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let open: number | null = null;
  let straight = false;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    // « … » (guillemets, in wires translated from Russian, French and other languages) pair like “ … ”
    if ((ch === '“' || ch === '«') && open === null) {
      open = i;
      straight = false;
    } else if ((ch === '”' || ch === '»') && open !== null && !straight) {
      out.push({ start: open, end: i + 1 });
      open = null;
    } else if (ch === '"') {
      if (open === null) {
        open = i;
        straight = true;
      } else if (straight) {
        out.push({ start: open, end: i + 1 });
        open = null;
      }
    } else if (ch === '\n' && text[i + 1] === '\n') open = null;
  }
  return out;
}

/**
 * A quotation opened and never closed in its paragraph, signed at the end with a colon and the
 * speaker: "“The Indian troops violated our protocols: Zhao Lijian, Chinese Foreign Ministry
 * Spokesperson." (a wire style that drops the closing mark).
 */
function danglingQuotation(text: string, start: number, end: number, actors: Actor[]): Quotation | null {
  const para = text.slice(start, end);
  const open = /^\s*[“"]/u.exec(para);
  if (!open || pairQuotes(text, start, end).some((q) => q.start === start + open[0].length - 1)) return null;
  const sign = /:\s+([^:“”"]{3,160})$/u.exec(para.trimEnd());
  if (!sign) return null;
  const signAt = start + sign.index;
  const speaker = actorsBetween(actors, signAt, end).find((a) => a.kind === 'person') ?? null;
  if (!speaker || speaker.start - signAt > 4) return null;
  const quote = { start: start + open[0].length - 1, end: signAt };
  return { claim: quote, quote, speaker, verb: 'said' };
}

/** The quotation with its claim: the quoted words, widened to a subject before them in the same sentence. */
function quotation(text: string, start: number, q: Span, pre: RegExpExecArray | null, speaker: Actor, verb: string): Quotation {
  // "Ukrainian forces “once again struck …,” X said": the subject before the quotation is part of the claim
  const sentenceStart = sentenceStartBefore(text, q.start, start);
  const lead = text.slice(sentenceStart, q.start);
  let claimStart = pre || /[:]\s*$/u.test(lead) || VERB_WORD.test(lead) ? q.start : sentenceStart;
  // "X said that the government of Y, “in its eagerness …, is turning …”": the subject after "that" is the claim's
  const that = pre ? /\sthat\s+/iu.exec(pre[0]) : null;
  if (pre && that) {
    const beforeLength = Math.min(160, q.start - start);
    const at = q.start - beforeLength + pre.index + that.index + that[0].length;
    if (at < q.start && /\p{L}/u.test(text.slice(at, q.start))) claimStart = at;
  }
  return { claim: { start: claimStart, end: q.end }, quote: q, speaker, verb };
}

/**
 * "A statement from the Office of X said …" … "“…,” the statement reads": the body last named
 * as the source of a statement (of that noun) before the quotation, in this section or earlier.
 */
function statementSource(text: string, at: number, noun: string, mentions: readonly EntityMention[]): Actor | null {
  const from = Math.max(0, at - 3000);
  const stem = noun.toLowerCase().slice(0, 6);
  const re = new RegExp(`(?<![\\p{L}])${stem}[\\p{L}]*\\s+(?:issued\\s+|released\\s+|published\\s+)?(?:from|of|by)\\s+(?:the\\s+)?`, 'giu');
  let best: Actor | null = null;
  const window = text.slice(from, at);
  for (let m = re.exec(window); m; m = re.exec(window)) {
    const after = from + m.index + m[0].length;
    const actors = actorsIn(text, after, Math.min(at, after + 120), mentions, newRoleMemory());
    const first = actors[0];
    if (first && first.kind !== 'place' && (text.slice(after, first.start).match(/[\p{L}]+/gu) ?? []).length <= 3) best = { ...first, start: after, end: first.end };
  }
  return best;
}

/** "Kurti claimed …", "Kurti, the prime minister, told …" — and not inside a that-clause of another speaker. */
const SPEAKS_NEXT = new RegExp(`^(?:\\s*,[^,.;“”"]{1,80},)?\\s+(?:(?:also|again|later|then|further|had|has|have)\\s+)?(?:${VERB}|accused|recalled|blamed|alleged|denied|insisted)(?![\\p{L}])`, 'iu');
const REPORTED_LEAD = new RegExp(`(?<![\\p{L}])(?:that|${VERB})(?![\\p{L}])`, 'iu');

function speaksInOwnClause(text: string, a: Actor, floor: number): boolean {
  if (!SPEAKS_NEXT.test(text.slice(a.end, a.end + 120))) return false;
  return !REPORTED_LEAD.test(text.slice(sentenceStartBefore(text, a.start, floor), a.start));
}

function sentenceStartBefore(text: string, at: number, floor: number): number {
  for (let i = at - 1; i > floor; i--) {
    if (/[.!?]/u.test(text[i]) && /\s/u.test(text[i + 1] ?? '')) return i + 1;
    if (text[i] === '\n') return i + 1;
  }
  return floor;
}

/**
 * Quotations of paragraph [start, end) with a speaker. `mentions` are the document's entity
 * mentions; `lastPerson` resolves pronouns ("he said") to the person last named before.
 */
export function quotationsWithSpeakers(text: string, start: number, end: number, mentions: readonly EntityMention[], memory: RoleMemory): Quotation[] {
  const out: Quotation[] = [];
  const actors = actorsIn(text, start, end, mentions, memory);
  const pairs = pairQuotes(text, start, end);
  // a paragraph opened by a quotation mark that never closes: the quotation runs to its end
  const opening = /^\s*[“"«]/u.exec(text.slice(start, end));
  if (opening && !pairs.some((p) => p.start === start + opening[0].length - 1)) pairs.push({ start: start + opening[0].length - 1, end: text.slice(start, end).trimEnd().length + start });
  for (const q of pairs) {
    if (q.end - q.start < 12) continue; // a scare-quoted word, not a statement
    let speaker: Actor | null = null;
    let verb = '';
    const after = POSTPOSED.exec(text.slice(q.end, Math.min(end, q.end + 220)));
    const beforeText = text.slice(Math.max(start, q.start - 160), q.start);
    const pre = PREPOSED.exec(beforeText);
    if (after) {
      const lead = after[1];
      const leadStart = q.end + after[0].indexOf(lead);
      const verbAt = q.end + after[0].length - after[2].length;
      verb = after[2];
      const inLead = actorsBetween(actors, leadStart, verbAt);
      speaker = inLead.find((a) => a.kind === 'person') ?? inLead.filter((a) => a.kind !== 'place' && a.kind !== 'state').pop() ?? inLead[inLead.length - 1] ?? null;
      if (!speaker && lead.trim() === '') {
        // "“…,” said Vladimir Rogov, a member of …"
        const next = actorsBetween(actors, verbAt + verb.length, verbAt + verb.length + 120)[0];
        if (next && !/[,.;]/u.test(text.slice(verbAt + verb.length, next.start))) speaker = next;
      }
      // "“…,” the prime minister said": the person the document named in that role
      const role = ROLE_LEAD.exec(lead)?.[1];
      const holder = !speaker && role ? holderOf(memory, role, { start: leadStart, end: verbAt }) : null;
      if (holder) speaker = holder;
      if (!speaker && (PRONOUN.test(lead) || BODY_SPEAKER.test(lead))) {
        const wantPerson = /^\s*(?:,\s*)?(?:he|she)\s*$/iu.test(lead);
        const fits = (a: Actor): boolean => (wantPerson ? a.kind === 'person' : a.kind !== 'place');
        // the speaker named before, in this paragraph or the ones before it
        // (a "she said" opening a paragraph is the person the last paragraph was about: its first)
        // "“…,” the statement reads": the body the text named as the statement's source
        const noun = /(statement|communiqu[ée]|release|letter|message|post)\s*$/iu.exec(lead)?.[1];
        const source = !wantPerson && noun ? statementSource(text, q.start, noun, mentions) : null;
        if (source) {
          speaker = source;
          out.push(quotation(text, start, q, pre, speaker, verb));
          memory.lastQuote = { speaker, end: q.end };
          continue;
        }
        const earlier = memory.recent.filter(fits);
        const before = actorsBetween(actors, Math.max(start, q.start - 1500), q.start).filter(fits);
        // "Kurti claimed that … next to President X. “…,” he said": the last person who spoke in
        // his own clause, not the last person named inside someone's reported words
        const spoke = wantPerson ? before.filter((a) => speaksInOwnClause(text, a, start)).pop() : undefined;
        const previous = spoke ?? before.pop() ?? (wantPerson ? earlier[0] : earlier.pop());
        speaker = previous ?? null;
      }
    } else if (pre) {
      const verbAt = q.start - beforeText.length + pre.index;
      verb = pre[1];
      const from = sentenceStartBefore(text, verbAt, start);
      const before = actorsBetween(actors, from, verbAt);
      speaker = before.find((a) => a.kind === 'person') ?? before.filter((a) => a.kind !== 'place' && a.kind !== 'state').pop() ?? before[before.length - 1] ?? null;
    }
    // wire style: quoted paragraphs that follow a signed quotation, unsigned, are the same speaker's
    if (!speaker && text.slice(start, q.start).trim() === '' && memory.lastQuote && q.start - memory.lastQuote.end < 2500 && !after && !pre) {
      speaker = memory.lastQuote.speaker;
      verb = 'said';
    }
    if (!speaker) continue;
    out.push(quotation(text, start, q, pre, speaker, verb));
    memory.lastQuote = { speaker, end: q.end };
  }
  const dangling = danglingQuotation(text, start, end, actors);
  if (dangling) out.push(dangling);
  const speakers = actors.filter((a) => a.kind !== 'place');
  if (speakers.length > 0) memory.recent = speakers.slice(-5);
  return out;
}
