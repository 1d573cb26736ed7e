import type { Span } from '../../core/types.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';
import type { AttributionMatch } from '../claims/attribution.js';
import { cue, matchesIn, type NarrativeLexicons, type RelationRule } from './lexicon.js';
import { subjectBeforeApposition } from './actors.js';

/**
 * Accusations in one sentence: a relation trigger from the lexicon ("shelters", "safe haven",
 * "operates from", "the presence of … in", "sponsors … propaganda"), the accused and target
 * placed around it by the trigger's shape, then whose allegation it is (an attribution, an
 * accusation verb, a claim noun, or the article itself) and what the article makes of it
 * (asserts, denies, reports). Pure rules over entity mentions; no names of any side.
 */

export type Stance = 'asserts' | 'denies' | 'reports';

export interface Accusation {
  accuser: string | null;
  accused: string;
  relation: string;
  allegation: string;
  target: string | null;
  stance: Stance;
  cue: string;
  trigger: Span & { text: string };
  /** every span that decided the finding: mentions, trigger, cue */
  spans: Span[];
}

/** A party slot: an entity, or adjacent entities read as one phrase ("Afghan GDI" → its head). */
interface Slot extends Span {
  canonical: string;
  type: EntityMention['type'];
}

export interface SentenceInput extends Span {
  text: string;
  entities: EntityMention[];
  attributions: AttributionMatch[];
  author: string;
}

export interface DocumentMemory {
  groupCounts: Map<string, number>;
  previousSubject: Slot | null;
}

export function newDocumentMemory(): DocumentMemory {
  return { groupCounts: new Map(), previousSubject: null };
}

/** Adjacent mentions separated by blanks only are one phrase; its head (the last) names it. */
export function slotsOf(text: string, mentions: EntityMention[]): Slot[] {
  const sorted = mentions.filter((m) => m.type !== 'document').sort((a, b) => a.start - b.start);
  const slots: Slot[] = [];
  for (const m of sorted) {
    const last = slots[slots.length - 1];
    if (last && /^\s+$/.test(text.slice(last.end, m.start))) {
      slots[slots.length - 1] = { start: last.start, end: m.end, canonical: m.canonical, type: m.type };
    } else slots.push({ start: m.start, end: m.end, canonical: m.canonical, type: m.type });
  }
  return slots;
}

/** What may stand between a subject and its gerund: "X is accusing", "X has been blaming", "X kept accusing". */
export const GERUND_AFTER_SUBJECT = /^\s*(?:(?:is|are|was|were|has been|have been|had been|been|keeps?|kept|continues?|continued|persists? in|persisted in|began|begun|started|also|again|repeatedly|once again|now|still|falsely|wrongly)\s+)*$/iu;

/** "X released a statement on Monday accusing …", "X made a formal protest to Y accusing …": an issued statement or protest right before the gerund (no comma) */
export const ISSUED_BEFORE = /(?<![\p{L}])(?:released|issued|sent|made|lodged|filed|submitted|published|put out|delivered|posted)\s+(?:[^,;:.“”"]{0,40}?\s+)?(?:statement|protest|letter|complaint|note|communiqu[ée]|press release|message)(?:\s+[^,;:.“”"]{1,50}?)?\s+$/iu;
const BOUNDARY = /[;:—–]|[.!?]\s|,\s*(?:while|whereas|although|though|but)(?![\p{L}])|(?<![\p{L}])(?:while|whereas)(?![\p{L}])/giu;
const LIST_CONTINUES = /^\s*,?\s*(?:including|such as|like|notably|namely|especially|particularly)(?![\p{L}])/iu;

/** between a charge's owner and a pronoun: "('s) allegation that", "'s claims that" */
const CHARGE_THAT = /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,2}(?:allegations?|accusations?|claims?|charges?|suggestions?|assertions?)\s+(?:[\p{Ll}]+\s+){0,3}?that\s+$/u;

function clauseOf(text: string, from: number, to: number, at: number): Span {
  let start = from;
  let end = to;
  for (const m of matchesIn(BOUNDARY, text, from, to)) {
    if (m.end <= at) start = m.end;
    else if (m.start >= at && m.start < end) {
      end = m.start;
      break;
    }
  }
  return { start, end };
}

function wordsBetween(text: string, a: number, b: number): number {
  if (b <= a) return 0;
  return (text.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

function first<T>(xs: T[]): T | undefined {
  return xs[0];
}

function salientGroup(memory: DocumentMemory): string | null {
  let best: string | null = null;
  let count = 0;
  for (const [name, n] of memory.groupCounts) if (n > count) [best, count] = [name, n];
  return best;
}

const GENERIC_TARGETS: Array<[RegExp, string]> = [
  [/terroris[mt]/iu, 'terrorist groups'],
  [/militan/iu, 'militant groups'],
  [/extremis/iu, 'extremist groups'],
  [/jihad/iu, 'jihadist groups'],
  [/insurgen/iu, 'insurgents'],
  [/rebel/iu, 'rebels'],
  [/prox/iu, 'proxy forces'],
  [/armed group/iu, 'armed groups'],
];

function genericTarget(word: string): string {
  for (const [re, name] of GENERIC_TARGETS) if (re.test(word)) return name;
  return word.toLowerCase();
}

interface Party {
  name: string;
  span: Span;
}

/** Resolve "it / their / the country" to the sentence's subject (before it) or the previous one. */
function resolveAnaphor(
  slots: Slot[],
  before: number,
  memory: DocumentMemory,
  exclude: Set<string>,
  clauseStart = before,
  nominal = false,
): Slot | null {
  // "its soil", "their bases": the nearest party in the clause; "the country": the subject
  const near = nominal ? undefined : slots.filter((s) => s.start >= clauseStart && s.end <= before && !exclude.has(s.canonical)).pop();
  if (near) return near;
  const subject = slots.find((s) => s.start < before && s.type !== 'group' && !exclude.has(s.canonical)) ?? slots.find((s) => s.start < before && !exclude.has(s.canonical));
  if (subject) return subject;
  if (memory.previousSubject && !exclude.has(memory.previousSubject.canonical)) return memory.previousSubject;
  return null;
}

export function detectAccusations(input: SentenceInput, lex: NarrativeLexicons, memory: DocumentMemory): Accusation[] {
  const { text } = input;
  const slots = slotsOf(text, input.entities.filter((e) => e.start >= input.start && e.end <= input.end));
  const found: Accusation[] = [];
  const anaphor = cue(lex, 'anaphor');
  const groupAnaphor = cue(lex, 'group-anaphor');
  const militant = cue(lex, 'militant');
  const claimNoun = cue(lex, 'claim-noun');

  for (const rule of lex.relations) {
    for (const trigger of matchesIn(rule.re, text, input.start, input.end)) {
      if (rule.shape === 'agent-first' && rule.relation === 'supports') {
        // "evidence supporting claims of …", "support in international law": not help to a group
        const after = text.slice(trigger.end, trigger.end + 30);
        if (new RegExp(`^\\s*(?:the\\s+)?(?:${claimNoun.source})`, 'iu').test(after) || /^\s*(?:in|from)\s/iu.test(after)) continue;
      }
      const clause = clauseOf(text, input.start, input.end, trigger.start);
      const located = placeParties(text, rule, trigger, clause, slots, memory, { anaphor, groupAnaphor, militant });
      if (!located) continue;
      for (const target of located.targets) {
        if (target.name === located.accused.name) continue;
        const decided = decide(text, input, lex, rule, trigger, clause, located.accused, slots, located.negatedBy);
        for (const d of decided) {
          const allegation = allegationWithTarget(rule.relation, target.name);
          found.push({
            accuser: d.accuser,
            accused: d.accused.name,
            relation: rule.relation,
            allegation,
            target: target.entity ? target.name : null,
            stance: d.stance,
            cue: d.cue,
            trigger: { start: trigger.start, end: trigger.end, text: trigger.text },
            spans: [trigger, d.accused.span, ...(target.span ? [target.span] : []), ...d.spans],
          });
        }
      }
    }
  }
  // remember for anaphora in later sentences
  for (const s of slots) if (s.type === 'group') memory.groupCounts.set(s.canonical, (memory.groupCounts.get(s.canonical) ?? 0) + 1);
  const subject = slots.find((s) => s.type !== 'group') ?? slots[0];
  if (subject) memory.previousSubject = subject;
  return dedupe(found);
}

interface Target {
  name: string;
  entity: boolean;
  span: Span | null;
}

interface Placed {
  accused: Party;
  targets: Target[];
  negatedBy: string | null;
}

function placeParties(
  text: string,
  rule: RelationRule,
  trigger: Span & { text: string },
  clause: Span,
  slots: Slot[],
  memory: DocumentMemory,
  cues: { anaphor: RegExp; groupAnaphor: RegExp; militant: RegExp },
): Placed | null {
  const inClause = slots.filter((s) => s.start >= clause.start && s.end <= clause.end);
  const groupish = (s: Slot): boolean => s.type === 'group';
  const needsGroup = rule.relation === 'harbours' || rule.relation === 'supports' || rule.relation === 'engages with';
  let targets: Target[] = [];
  let accused: Party | null = null;
  let negatedBy: string | null = null;

  const targetsAfter = (from: number, maxWords: number): Target[] => {
    const ts: Target[] = [];
    let listed = false;
    for (const s of slots) {
      if (s.start < from) continue;
      if (s.start > clause.end) break;
      // a comma ends the object unless a list continues it ("…, including X and Y")
      const gap = text.slice(from, s.start);
      const comma = gap.indexOf(',');
      if (comma >= 0 && !LIST_CONTINUES.test(gap.slice(comma))) break;
      if (comma >= 0) listed = true;
      if (wordsBetween(text, from, s.start) > (listed ? maxWords + 6 : maxWords)) break;
      if (!needsGroup || groupish(s)) ts.push({ name: s.canonical, entity: true, span: s });
    }
    return ts.slice(0, 3);
  };
  const genericNear = (from: number, to: number): Target[] => {
    const m = first(matchesIn(cues.militant, text, Math.max(clause.start, from), Math.min(clause.end, to)));
    return m ? [{ name: genericTarget(m.text), entity: false, span: m }] : [];
  };
  const groupAnaphorNear = (from: number, to: number): Target[] => {
    const m = first(matchesIn(cues.groupAnaphor, text, Math.max(clause.start, from), Math.min(clause.end, to)));
    const g = m ? salientGroup(memory) : null;
    return g && m ? [{ name: g, entity: true, span: m }] : [];
  };
  const resolveBefore = (at: number, exclude: Set<string>): Party | null => {
    const before = inClause.filter((s) => s.end <= at && !exclude.has(s.canonical) && wordsBetween(text, s.end, at) <= 14);
    const nearest = before[before.length - 1];
    const pronoun = matchesIn(cues.anaphor, text, nearest ? nearest.end : clause.start, at).pop();
    if (nearest && !pronoun) return { name: nearest.canonical, span: nearest };
    if (pronoun && /^(?:the group|the outfit|the faction|this group|the militants|these militants)/iu.test(pronoun.text)) return null;
    if (pronoun) {
      // "X rejected a Y allegation that it …", "Y's claim that it …": the owner of the charge is not
      // the party its that-clause speaks of (the pronoun is the one charged: the sentence's subject)
      const owner = nearest && CHARGE_THAT.test(text.slice(nearest.end, pronoun.start)) ? new Set([...exclude, nearest.canonical]) : exclude;
      const r = resolveAnaphor(slots, pronoun.start, memory, owner, clause.start, /^(?:the|this)\s/iu.test(pronoun.text));
      return r ? { name: r.canonical, span: pronoun } : null;
    }
    return null;
  };
  /** the party after "in / within / on / from X"; undefined: a place is named but is no entity */
  const placeAfter = (from: number, exclude: Set<string>): Party | null | undefined => {
    const prep = /^(?:[\s,]+[\p{L}’'-]+){0,3}?\s+(in|within|inside|on|from|out of|outside|beyond)\s+/iu.exec(text.slice(from, clause.end));
    if (!prep) return null;
    const prepAt = from + prep[0].length;
    if (/(?:outside|beyond)\s*$/iu.test(prep[0])) negatedBy = prep[1];
    const s = slots.find((x) => x.start >= prepAt && x.start <= clause.end && !exclude.has(x.canonical) && x.type !== 'group' && wordsBetween(text, prepAt, x.start) <= 2);
    if (s) return { name: s.canonical, span: s };
    const pronoun = first(matchesIn(cues.anaphor, text, prepAt, Math.min(clause.end, prepAt + 8)));
    if (pronoun) {
      const r = resolveAnaphor(slots, pronoun.start, memory, exclude, clause.start, /^(?:the|this)\s/iu.test(pronoun.text));
      if (r) return { name: r.canonical, span: pronoun };
    }
    return undefined;
  };

  if (rule.shape === 'agent-first') {
    targets = targetsAfter(trigger.end, 10);
    if (targets.length === 0 && rule.relation === 'harbours') {
      const before = inClause.filter((s) => s.end <= trigger.start && groupish(s) && wordsBetween(text, s.end, trigger.start) <= 3);
      targets = before.slice(-2).map((s) => ({ name: s.canonical, entity: true, span: s }));
    }
    if (targets.length === 0 && needsGroup) targets = groupAnaphorNear(trigger.end, trigger.end + 40);
    if (targets.length === 0 && needsGroup) targets = genericNear(trigger.end, trigger.end + 40);
    if (targets.length === 0 && rule.relation === 'harbours') targets = genericNear(trigger.start - 25, trigger.start);
    if (targets.length === 0) {
      if (needsGroup) return null;
      targets = [{ name: '', entity: false, span: null }];
    }
    const exclude = new Set(targets.map((t) => t.name));
    const place = rule.relation === 'harbours' ? placeAfter(trigger.end, exclude) : null;
    if (place === undefined) return null;
    accused = place ?? resolveBefore(trigger.start, exclude);
  } else if (rule.shape === 'located') {
    // the subject next to the verb: the nearest party before it, and groups listed with it ("X and Y")
    const before = inClause.filter((s) => s.end <= trigger.start && wordsBetween(text, s.end, trigger.start) <= 8);
    const chain: Slot[] = [];
    for (let i = before.length - 1; i >= 0; i--) {
      const s = before[i];
      if (!groupish(s)) break;
      if (chain.length > 0 && !/^\s*(?:,|and|or|&|,\s*and)\s*$/iu.test(text.slice(s.end, chain[chain.length - 1].start))) break;
      chain.push(s);
    }
    targets = chain.reverse().map((s) => ({ name: s.canonical, entity: true, span: s }));
    if (targets.length === 0 && before.length > 0 && !groupish(before[before.length - 1]) && wordsBetween(text, before[before.length - 1].end, trigger.start) <= 3) return null;
    if (targets.length === 0) targets = groupAnaphorNear(trigger.start - 120, trigger.start);
    if (targets.length === 0 && /^\s*its\s/iu.test(text.slice(clause.start, clause.start + 5))) {
      const g = salientGroup(memory);
      if (g) targets = [{ name: g, entity: true, span: { start: clause.start + text.slice(clause.start).search(/\S/u), end: clause.start + text.slice(clause.start).search(/\S/u) + 3 } }];
    }
    if (targets.length === 0) targets = genericNear(trigger.start - 30, trigger.start);
    if (targets.length === 0) return null;
    const exclude = new Set(targets.map((t) => t.name));
    // the trigger ends with the preposition: the place follows it
    const s = slots.find((x) => x.start >= trigger.end && x.start <= clause.end && !exclude.has(x.canonical) && x.type !== 'group' && wordsBetween(text, trigger.end, x.start) <= 3);
    const outside = /(?<![\p{L}])(outside|beyond)(?![\p{L}])/iu.exec(text.slice(trigger.start, s ? s.start : trigger.end));
    if (outside) negatedBy = outside[1];
    if (s) accused = { name: s.canonical, span: s };
    else {
      const pronoun = first(matchesIn(cues.anaphor, text, trigger.end, Math.min(clause.end, trigger.end + 12)));
      const r = pronoun ? resolveAnaphor(slots, pronoun.start, memory, exclude, clause.start, /^(?:the|this)\s/iu.test(pronoun.text)) : null;
      if (r && pronoun) accused = { name: r.canonical, span: pronoun };
    }
  } else {
    // presence: "the presence of Y (…) in X"
    const prep = /\s(?:in|within|inside|on)\s/iu.exec(text.slice(trigger.end, clause.end));
    if (!prep) return null;
    const prepAt = trigger.end + prep.index;
    targets = slots.filter((s) => s.start >= trigger.end && s.end <= prepAt && groupish(s)).map((s) => ({ name: s.canonical, entity: true, span: s }));
    if (targets.length === 0) targets = genericNear(trigger.end, prepAt);
    if (targets.length === 0) targets = groupAnaphorNear(trigger.start - 30, trigger.start);
    if (targets.length === 0) return null;
    const exclude = new Set(targets.map((t) => t.name));
    const s = slots.find((x) => x.start >= prepAt && !exclude.has(x.canonical) && x.type !== 'group' && wordsBetween(text, prepAt, x.start) <= 3 && x.end <= clause.end);
    if (s) accused = { name: s.canonical, span: s };
  }
  if (!accused) return null;
  return { accused, targets, negatedBy };
}

interface Decision {
  accuser: string | null;
  accused: Party;
  stance: Stance;
  cue: string;
  spans: Span[];
}

/** "X's case alleging", "X's genocide complaint accusing": a filing owned by X (the possessive's mark first) */
const FILING_BEFORE = /['’]s?\s+(?:[\p{L}-]+\s+){0,2}(?:case|complaint|lawsuit|suit|petition|application|claim|motion|appeal|dossier|report|letter)\s+$/iu;

const EXCEPTIVE_BEFORE = /(?:(?<![\p{L}])(?:any|no|every|a single)\s+(?:[\p{L}-]+\s+){0,2}?(?:except|but|other than|save|apart from|besides)|(?<![\p{L}])(?:none|no one|nobody|nothing|no other)\s+(?:other\s+than|but|except|than))\s+(?:for\s+)?(?:the\s+)?$/iu;

function decide(
  text: string,
  input: SentenceInput,
  lex: NarrativeLexicons,
  rule: RelationRule,
  trigger: Span & { text: string },
  clause: Span,
  accused: Party,
  slots: Slot[],
  negatedBy: string | null,
): Decision[] {
  const claimNounRe = cue(lex, 'claim-noun');
  // "baseless accusations, they …": a verdict on another claim, closed by the comma
  const aboutOtherClaim = (m: Span): boolean => new RegExp(`^(?:\\s+[\\p{L}-]+){0,2}?\\s+(?:${claimNounRe.source})\\s*[,.;]`, 'iu').test(text.slice(m.end, input.end));
  const denialCues = matchesIn(cue(lex, 'denial'), text, input.start, input.end).filter((m) => (m.end <= trigger.start || m.start >= trigger.end) && !aboutOtherClaim(m));
  // the relation's own words ("spreads disinformation") are not a verdict on it
  const denial = denialCues.find((m) => !(rule.relation === 'spreads disinformation' && m.start >= trigger.start - 40 && m.end <= trigger.end + 40));
  const windowStart = Math.max(clause.start, Math.min(accused.span.start, trigger.start) - 60);
  // "not supported by any country except X", "no one but X", "none other than X": the negation
  // excepts the accused, so the clause affirms the charge against it
  const exceptive = EXCEPTIVE_BEFORE.test(text.slice(Math.max(clause.start, accused.span.start - 60), accused.span.start));
  const negation = exceptive ? undefined : matchesIn(cue(lex, 'negation'), text, windowStart, trigger.start).pop();
  const author = input.author;

  // "it is not X but Y that …": X is denied, Y asserted
  const notBut = /(?<![\p{L}])not\s+([^,;]{1,60}?)\s+but\s+/iu.exec(text.slice(clause.start, trigger.start));
  if (notBut) {
    const notAt = clause.start + notBut.index;
    const butAt = notAt + notBut[0].length;
    const denied = slots.find((s) => s.start >= notAt && s.end <= butAt - 4);
    const asserted = slots.find((s) => s.start >= butAt && s.end <= trigger.start);
    if (denied && asserted) {
      const source = input.attributions.find((a) => a.sourceName && a.end <= notAt && a.start >= clause.start - 80);
      return [
        { accuser: author, accused: { name: asserted.canonical, span: asserted }, stance: 'asserts', cue: 'not … but', spans: [] },
        { accuser: source?.sourceName ?? null, accused: { name: denied.canonical, span: denied }, stance: 'denies', cue: 'not … but', spans: source ? [source] : [] },
      ];
    }
  }
  if (negatedBy) return [{ accuser: null, accused, stance: 'denies', cue: negatedBy, spans: [] }];

  // "ICJ dismisses X's genocide case alleging Y funded Z": the owner of the filing accuses
  const alleging = matchesIn(cue(lex, 'accusation-verb'), text, clause.start, trigger.start).pop();
  const filing = alleging ? FILING_BEFORE.exec(text.slice(Math.max(input.start, alleging.start - 60), alleging.start)) : null;
  if (alleging && filing) {
    const ownerEnd = alleging.start - filing[0].length;
    const owner = slots.filter((x) => x.end <= ownerEnd && x.end >= ownerEnd - 1 && x.canonical !== accused.name).pop();
    if (owner) return [{ accuser: owner.canonical, accused, stance: 'reports', cue: alleging.text, spans: [alleging] }];
  }
  // the source before its claim ("X said that …"), or after it, set off by a comma ("…, X said.")
  const found = input.attributions.find((a) => a.claimSpan.start <= trigger.start && a.claimSpan.end >= trigger.end && (a.end <= trigger.start || a.claimSpan.end <= a.start));
  // "X says agencies are investigating allegations that Y …": a source-less report nested in a
  // named speaker's words is that speaker's report
  const outer = found && found.sourceName === null
    ? input.attributions.find((a) => a !== found && a.sourceName !== null && a.label !== 'vague' && a.label !== 'none' && a.end <= found.start && a.claimSpan.start <= found.start && a.claimSpan.end >= found.end)
    : undefined;
  const attribution = outer ?? found;
  if (attribution) {
    const verb = attribution.verb ?? '';
    const factive = verb !== '' && new RegExp(`^(?:${cue(lex, 'factive').source})$`, 'iu').test(verb);
    if (attribution.speechKind === 'deny' && attribution.sourceName === accused.name) {
      const contrast = first(matchesIn(cue(lex, 'contrast'), text, trigger.end, input.end));
      return contrast
        ? [{ accuser: author, accused, stance: 'asserts', cue: contrast.text, spans: [contrast] }]
        : [{ accuser: null, accused, stance: 'reports', cue: verb, spans: [attribution] }];
    }
    if (denial) return [{ accuser: attribution.sourceName, accused, stance: 'denies', cue: denial.text, spans: [attribution, denial] }];
    if (factive) return [{ accuser: attribution.sourceName ?? author, accused, stance: 'asserts', cue: verb, spans: [attribution] }];
    if (attribution.sourceName === null && (attribution.label === 'vague' || attribution.label === 'document')) {
      return [{ accuser: author, accused, stance: 'asserts', cue: text.slice(attribution.start, attribution.end), spans: [attribution] }];
    }
    return [{ accuser: attribution.sourceName, accused, stance: 'reports', cue: verb, spans: [attribution] }];
  }

  // "X accused Y of …", "by falsely accusing Y of …, X …", "Y has been accused of …"
  const verb = matchesIn(cue(lex, 'accusation-verb'), text, clause.start, trigger.start).pop() ?? matchesIn(cue(lex, 'accusation-verb'), text, input.start, trigger.start).pop();
  if (verb) {
    const passive = /(?<![\p{L}])(?:been|is|are|was|were|being|be)\s+$/iu.test(text.slice(Math.max(input.start, verb.start - 12), verb.start)) && !/ing$/iu.test(verb.text);
    let accuser: string | null = null;
    if (!passive) {
      if (/^by\s/iu.test(text.slice(Math.max(input.start, verb.start - 12), verb.start).replace(/^.*?(by\s+(?:\p{L}+ly\s+)?)$/su, '$1'))) {
        const comma = text.indexOf(',', trigger.end);
        const after = comma >= 0 && comma < input.end ? slots.find((s) => s.start > comma && wordsBetween(text, comma, s.start) <= 3) : undefined;
        accuser = after?.canonical ?? null;
      } else {
        const all = slots.filter((s) => s.end <= verb.start && s.canonical !== accused.name && s.start >= input.start);
        // "X, considered close to Y, accused …": X, not the party inside the apposition
        const before = all.slice(0, subjectBeforeApposition(text, all, verb.start) + 1);
        const last = before[before.length - 1];
        // "X said that accusing Y of … is wrong": a gerund as a subject names no accuser
        const gerundSubject = /ing$/iu.test(verb.text) && last !== undefined && !/,\s*$/u.test(text.slice(last.end, verb.start)) && !GERUND_AFTER_SUBJECT.test(text.slice(last.end, verb.start)) && !ISSUED_BEFORE.test(text.slice(last.end, verb.start));
        accuser = gerundSubject ? null : last?.canonical ?? null;
      }
    }
    if (denial) return [{ accuser, accused, stance: 'denies', cue: denial.text, spans: [verb, denial] }];
    return [{ accuser, accused, stance: 'reports', cue: verb.text, spans: [verb] }];
  }

  // "X's claim that …", "the notion that …", "claims of …"
  // the claim noun must introduce the allegation: "the claim that …", "claims of …", "propaganda surrounding …"
  // "claims by X and Y of …": the parties after "by" make the claim
  const INTRO = /^(\s*(?:by\s+(?:[^;:.“”"]|\.(?!\s)){1,60}?,?\s+)?)(?:that|of|regarding|about|against|surrounding|concerning|linking|alleging|on)(?![\p{L}])/iu;
  const noun = matchesIn(cue(lex, 'claim-noun'), text, input.start, trigger.start)
    .filter((m) => INTRO.test(text.slice(m.end, trigger.start)) && !/[;:]/u.test(text.slice(m.end, trigger.start)))
    .pop();
  if (noun) {
    // …or a party named right before the noun ("a Peruvian allegation", "the Y accusation"): the demonym names the accuser
    const possessor = slots.find((s) => /^\s*['’]s?\s*$/u.test(text.slice(s.end, noun.start)) || /^\s*['’]s?\s+[\p{L}-]+\s*$/u.test(text.slice(s.end, noun.start)))
      ?? slots.find((s) => s.type !== 'group' && /^\s+$/u.test(text.slice(s.end, noun.start)));
    const byPhrase = INTRO.exec(text.slice(noun.end, trigger.start))?.[1] ?? '';
    const byParties = byPhrase.trim() ? slots.filter((s) => s.start >= noun.end && s.end <= noun.end + byPhrase.length && s.canonical !== accused.name) : [];
    if (byParties.length > 0 && !possessor) {
      const negated = denial ?? negation;
      return byParties.map((p) => ({ accuser: p.canonical, accused, stance: negated ? 'denies' as const : 'reports' as const, cue: negated?.text ?? noun.text, spans: negated ? [noun, p, negated] : [noun, p] }));
    }
    const accuser = possessor && possessor.canonical !== accused.name ? possessor.canonical : null;
    const negatedBefore = matchesIn(cue(lex, 'negation'), text, input.start, noun.start).pop() ?? matchesIn(/(?<![\p{L}])(?:no|none|nobody|neither)(?![\p{L}])/giu, text, input.start, noun.start).pop();
    if (denial || negation || negatedBefore) {
      const c = denial ?? negation ?? negatedBefore;
      return [{ accuser, accused, stance: 'denies', cue: c?.text ?? '', spans: c ? [noun, c] : [noun] }];
    }
    return [{ accuser, accused, stance: 'reports', cue: noun.text, spans: [noun] }];
  }
  if (negation) return [{ accuser: null, accused, stance: 'denies', cue: negation.text, spans: [negation] }];
  // a bare verdict counts when it sits between the accused and the allegation
  // …or governs a that-clause holding it ("there is no evidence that Y operates from X")
  const governing = denialCues.find((m) => m.end <= trigger.start && /^(?:\s+[\p{L}-]+){0,3}?\s+that\s/iu.test(text.slice(m.end, trigger.start)));
  if (governing) return [{ accuser: null, accused, stance: 'denies', cue: governing.text, spans: [governing] }];
  if (denial && denial.start >= accused.span.start && denial.end <= trigger.start) return [{ accuser: null, accused, stance: 'denies', cue: denial.text, spans: [denial] }];
  return [{ accuser: author, accused, stance: 'asserts', cue: 'stated as fact', spans: [] }];
}

function dedupe(found: Accusation[]): Accusation[] {
  const seen = new Set<string>();
  return found.filter((a) => {
    const key = `${a.accuser}|${a.accused}|${a.allegation}|${a.stance}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A later sentence that dismisses "these claims" turns the accusations it follows into denials. */
export function dismissesPrevious(sentence: string, lex: NarrativeLexicons): string | null {
  // "That is absurd: …", "This is simply false.": the writer's verdict on what the last sentence reported
  const verdict = /^\s*(?:that|this|it)\s+(?:is|was)\s+(?:simply\s+|patently\s+|utterly\s+|plainly\s+|completely\s+|totally\s+|of course\s+)?(?:an?\s+)?/iu.exec(sentence);
  if (verdict) {
    const word = first(matchesIn(cue(lex, 'denial'), sentence, verdict[0].length, Math.min(sentence.length, verdict[0].length + 24)));
    if (word && word.start === verdict[0].length) return word.text;
  }
  if (!/^\s*(?:these|such|the|this|those)\s+(?:[\p{L}-]+\s+)?(?:claims?|allegations?|accusations?|reports?|narratives?|charges?)(?![\p{L}])/iu.test(sentence)) return null;
  return first(matchesIn(cue(lex, 'denial'), sentence))?.text ?? null;
}

/** Relations whose object reads with a preposition: "spreads disinformation about X", not "… X". */
const TARGET_PREPOSITION: Record<string, string> = {
  'spreads disinformation': 'about',
  'commits atrocities': 'against',
  'abuses rights': 'of',
  'interferes': 'in',
  'spies': 'on',
  'conducts cyberattacks': 'on',
  'violates agreements': 'with',
};

/** The allegation's words: the relation, then its object (a group, a place) when the text names one. */
export function allegationWithTarget(relation: string, target: string | null): string {
  if (!target) return relation;
  const preposition = TARGET_PREPOSITION[relation];
  return preposition ? `${relation} ${preposition} ${target}` : `${relation} ${target}`;
}
