import type { AnalysedDocument, CorpusAnalyzer } from '../../analysers/analyzer.js';
import { cue, loadNarrativeLexicons, matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { extractDates, type DateMention } from '../../analysers/claims/dates.js';
import { extractNumbers } from '../../analysers/claims/numbers.js';
import type { CorpusFindingDraft, CorpusMember, Span } from '../../core/types.js';
import { accusationsInScope, accusationsOf, buildCamps, campLabel, type AccusationRecord, type CampMap } from './camps.js';
import { docName, proseSentences, round, type Mention, type ProseSentence } from './corpus-text.js';

/**
 * Facts documents can disagree on: an attribute of an entity (a group's founding year, where
 * it began, who leads it; the date of a named event such as an agreement) or of an event (how
 * many an attack killed, wounded or led to arrest; the day it happened). Events are keyed by
 * kind, place AND year ("bombing in Peshawar, 2014"), so attacks in one town in different years
 * (or with no year) never merge; within one key, events at different venues (a mosque, a
 * market) or in different months stay apart, and an event that names neither joins only when
 * a single candidate exists. Different values: `contradiction`; the same value from documents
 * of different camps (or not all of one camp): `corroboration`. Grouping is by hash map: linear.
 */

export interface Fact {
  doc: string;
  subject: string;
  attribute: string;
  value: string;
  approximate: boolean;
  span: Span;
  quote: string;
  /** what tells apart events sharing kind, place and year */
  venue?: string;
  month?: string;
}

const GROUP_ANAPHOR = /^(?:the|this) (?:group|outfit|organi[sz]ation|movement|faction)|^it$/iu;
/** a leader who need not be the current one */
const NOT_CURRENT = /(?<![\p{L}])(?:former|late|slain|killed|ex|deputy|founding|first|then|previous|one-time|assistant|regional|provincial|spokes(?:man|person))\s*-?\s*$/iu;

function salientGroup(sentences: ProseSentence[]): string | null {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const m of s.mentions) if (m.type === 'group') counts.set(m.canonical, (counts.get(m.canonical) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** Comma-separated pieces: an event's place, date and count must share one. */
function pieces(s: ProseSentence): Span[] {
  const out: Span[] = [];
  let start = s.start;
  const re = /[,;]|\bto the\b/gu;
  for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
    out.push({ start, end: s.start + m.index });
    start = s.start + m.index + m[0].length;
  }
  out.push({ start, end: s.end });
  return out;
}

function words(text: string, a: number, b: number): number {
  return b <= a ? 0 : (text.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

interface EventCues {
  kinds: Array<{ kind: string; re: RegExp }>;
  venue: RegExp;
  named: RegExp;
}

function eventCues(lex: NarrativeLexicons): EventCues {
  const kinds = [...lex.cues.entries()].filter(([name]) => name.startsWith('event:')).map(([name, re]) => ({ kind: name.slice(6), re }));
  return { kinds, venue: cue(lex, 'venue'), named: cue(lex, 'named-event') };
}

/** The event a piece of a sentence tells of: its kind, place, year, and what tells it apart. */
function eventIn(text: string, s: ProseSentence, piece: Span, cues: EventCues, whole: Span = piece): { subject: string; venue?: string; month?: string; date: DateMention } | null {
  const place = s.mentions.find((m) => m.type === 'place' && m.start >= whole.start && m.end <= whole.end);
  const date = extractDates(text.slice(whole.start, whole.end), whole.start).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
  if (!place || !date?.normalized) return null;
  let kind = 'incident';
  let at = Infinity;
  for (const k of cues.kinds) {
    const m = matchesIn(k.re, text, whole.start, whole.end)[0];
    if (m && m.start < at) [kind, at] = [k.kind, m.start];
  }
  const venue = matchesIn(cues.venue, text, whole.start, whole.end)[0]?.text.toLowerCase().replace(/(?:es|s)$/u, '');
  const month = /^\d{4}-(\d{2})/.exec(date.normalized)?.[1];
  return { subject: `${kind} in ${place.canonical}, ${date.normalized.slice(0, 4)}`, venue, month, date };
}

export function extractFacts(d: AnalysedDocument, lex: NarrativeLexicons): Fact[] {
  const text = d.doc.text;
  const sentences = proseSentences(d);
  const topic = salientGroup(sentences);
  const cues = eventCues(lex);
  const facts: Fact[] = [];
  const push = (f: Omit<Fact, 'doc'>): void => {
    facts.push({ doc: d.doc.id, ...f });
  };
  let lastGroup: string | null = null;
  for (const s of sentences) {
    const namedEvents = s.mentions.filter((m) => m.type !== 'person' && m.type !== 'place' && m.type !== 'group' && matchesIn(cues.named, m.canonical).length > 0);
    for (const rule of lex.attributes) {
      for (const c of matchesIn(rule.re, text, s.start, s.end)) {
        if (rule.value === 'year' || rule.value === 'place') {
          const before = s.mentions.filter((m) => m.end <= c.start && (m.type === 'group' || m.type === 'organisation') && !namedEvents.includes(m));
          let subject: string | null = before[before.length - 1]?.canonical ?? null;
          if (!subject && GROUP_ANAPHOR.test(text.slice(s.start, c.start).trim().split(/\s+/).slice(0, 2).join(' '))) subject = lastGroup ?? topic;
          if (!subject && /^\s*(?:the|this) (?:group|outfit|organi[sz]ation|movement|faction)\b/iu.test(s.text)) subject = lastGroup ?? topic;
          if (!subject) continue;
          if (rule.value === 'year') {
            const date = extractDates(text.slice(c.end, Math.min(s.end, c.end + 120)), c.end).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
            if (!date || !date.normalized) continue;
            push({ subject, attribute: rule.attribute, value: date.normalized.slice(0, 4), approximate: date.qualifier !== null, span: { start: s.start, end: s.end }, quote: s.text });
          } else {
            const place = s.mentions.find((m: Mention) => m.start >= c.end && m.type === 'place' && m.start - c.end < 40);
            if (!place) continue;
            push({ subject, attribute: rule.attribute, value: place.canonical, approximate: false, span: { start: s.start, end: s.end }, quote: s.text });
          }
        } else if (rule.value === 'person') {
          const leader = leaderAt(text, s, c);
          if (leader) push({ subject: leader.group, attribute: rule.attribute, value: leader.person, approximate: false, span: { start: s.start, end: s.end }, quote: s.text });
        } else if (rule.value === 'date' && !matchesIn(cues.kinds.find((k) => k.kind === 'attack')?.re ?? /(?!)/u, c.text).length && namedEvents.length) {
          // "the Doha Agreement was signed on 29 February 2020": the named event before the verb
          const ev = namedEvents.filter((m) => m.end <= c.start && words(text, m.end, c.start) <= 4).pop();
          if (!ev) continue;
          const date = extractDates(text.slice(c.end, Math.min(s.end, c.end + 60)), c.end).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
          if (!date?.normalized) continue;
          push({ subject: ev.canonical, attribute: 'date', value: date.normalized, approximate: date.qualifier !== null, span: { start: s.start, end: s.end }, quote: s.text });
        } else if (rule.value === 'date') {
          // an event's day: kind, place and a full date in the same piece
          const piece = pieces(s).find((p) => p.start <= c.start && c.end <= p.end);
          if (!piece || namedEvents.some((m) => m.start <= c.start && c.end <= m.end)) continue;
          const ev = eventIn(text, s, piece, cues);
          if (!ev || ev.date.precision !== 'day' || !ev.date.normalized) continue;
          push({ subject: ev.subject, attribute: 'date', value: ev.date.normalized, approximate: ev.date.qualifier !== null, span: piece, quote: text.slice(piece.start, piece.end), venue: ev.venue, month: ev.month });
        } else {
          const piece = pieces(s).find((p) => p.start <= c.start && c.end <= p.end);
          if (!piece) continue;
          const ev = eventIn(text, s, piece, cues);
          // the count nearest the cue that is no part of a date ("on 30 January": 30 is a day)
          const dates = extractDates(text.slice(piece.start, piece.end), piece.start);
          const count = extractNumbers(text.slice(piece.start, piece.end), piece.start)
            .filter((n) => n.unit === null && !/^\d{4}$/.test(n.text) && !/^(?:one|a|an)$/iu.test(n.text) && !dates.some((x) => x.start < n.end && n.start < x.end))
            .sort((a, b) => distance(a, c) - distance(b, c))[0];
          if (!ev || !count) continue;
          push({ subject: ev.subject, attribute: rule.attribute, value: String(count.value), approximate: count.qualifier !== null, span: piece, quote: text.slice(piece.start, piece.end), venue: ev.venue, month: ev.month });
        }
      }
    }
    for (const f of statusFacts(text, s)) push(f);
    const groups = s.mentions.filter((m) => m.type === 'group');
    if (groups.length) lastGroup = groups[groups.length - 1].canonical;
  }
  return facts;
}

/**
 * "X, led by Y", "Y, the leader of X", "Y is the leader of X", "the leader of X, Y", "X chief Y":
 * the group and its (current) leader — only when the words between them make one predicate
 * (apposition, copula, "led by"). Two names that merely share a sentence ("Z said the leader of
 * X …") never make a leader.
 */
function leaderAt(text: string, s: ProseSentence, c: { start: number; end: number; text: string }): { group: string; person: string } | null {
  if (NOT_CURRENT.test(text.slice(Math.max(s.start, c.start - 24), c.start))) return null;
  const groups = s.mentions.filter((m) => m.type === 'group');
  const persons = s.mentions.filter((m) => m.type === 'person');
  if (!groups.length || !persons.length) return null;
  const after = text.slice(c.end, Math.min(s.end, c.end + 8));
  const between = (a: number, b: number): string => (b >= a ? text.slice(a, b) : '');
  let group: Mention | undefined;
  let person: Mention | undefined;
  if (/^\s+of\s/iu.test(after)) {
    group = groups.find((m) => m.start >= c.end && /^\s+of\s+(?:the\s+)?$/iu.test(between(c.end, m.start)));
    // "Y, the leader of X" / "Y is the leader of X"
    person = persons.filter((m) => m.end <= c.start && APPOSITION_BEFORE.test(between(m.end, c.start))).pop();
    // "the leader of X, Y"
    if (!person && group) person = persons.find((m) => m.start >= group!.end && /^\s*,\s*$/u.test(between(group!.end, m.start)));
  } else if (/^(?:led|headed|under)/iu.test(c.text)) {
    group = groups.filter((m) => m.end <= c.start && /^\s*(?:,\s*)?(?:(?:which|that)\s+(?:is|was|has been|are|were)\s+|(?:is|was|has been|are|were)\s+)?(?:(?:now|currently|still|then)\s+)?$/iu.test(between(m.end, c.start))).pop();
    person = persons.find((m) => m.start >= c.end && /^\s*(?:the\s+)?$/iu.test(between(c.end, m.start)));
  } else {
    // "X chief Y", "X's leader, Y"
    group = groups.filter((m) => m.end <= c.start && /^(?:['’]s)?\s*$/u.test(between(m.end, c.start))).pop();
    person = persons.find((m) => m.start >= c.end && /^\s*,?\s*$/u.test(between(c.end, m.start)));
  }
  return group && person ? { group: group.canonical, person: person.canonical } : null;
}

/** Between a person and "leader": apposition or copula ("Y, the", "Y is the", "Y, now the top"). */
const APPOSITION_BEFORE = /^\s*(?:,\s*|\s+(?:is|was|has been|remains|became|is now|was then)\s+)(?:the\s+|its\s+|a\s+)?(?:(?:current|new|top|overall|supreme|self-styled|acting|alleged)\s+)?$/iu;

/**
 * A person's status: "Y was killed in P (on D)", "Y, …, was arrested in P", "Y is hiding in P",
 * "Y remains at large", "Y is alive". The subject is the person the predicate is about (right
 * before it, or before an apposition), never another name in the sentence.
 */
const STATUS = /^(?:\s*,[^,;.]{1,80},)?\s+(?:(?:was|were|is|are|has been|had been|have been|remains|remained|was reportedly|is reportedly|is believed to be|was believed to be|is said to be|was said to be)\s+)?(killed|slain|assassinated|executed|arrested|detained|captured|apprehended|taken into custody|hiding|in hiding|at large|alive|dead|in custody)(?![\p{L}])/iu;
const STATUS_NORMAL: Record<string, string> = { slain: 'killed', assassinated: 'killed', executed: 'killed', dead: 'killed', detained: 'arrested', captured: 'arrested', apprehended: 'arrested', 'taken into custody': 'arrested', 'in custody': 'arrested', 'in hiding': 'hiding', 'at large': 'hiding' };

export function statusFacts(text: string, s: ProseSentence): Array<Omit<Fact, 'doc'>> {
  const out: Array<Omit<Fact, 'doc'>> = [];
  for (const p of s.mentions.filter((m) => m.type === 'person')) {
    const m = STATUS.exec(text.slice(p.end, Math.min(s.end, p.end + 160)));
    if (!m) continue;
    const word = m[1].toLowerCase();
    const status = STATUS_NORMAL[word] ?? word;
    const at = p.end + m[0].length;
    const place = s.mentions.find((x) => x.type === 'place' && x.start >= at && /^\s+(?:in|near|at|inside|from)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}$/iu.test(text.slice(at, x.start)));
    const date = extractDates(text.slice(at, Math.min(s.end, at + 80)), at).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
    const value = `${status}${place ? ` in ${place.canonical}` : ''}`;
    out.push({ subject: p.canonical, attribute: 'status', value, approximate: false, span: { start: s.start, end: s.end }, quote: s.text, // a status dated to another month may be later news, not a contradiction
      ...(date?.normalized && date.normalized.length >= 7 ? { month: date.normalized.slice(0, 7) } : {}) });
  }
  return out;
}

function distance(a: Span, b: Span): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}

/** Facts of one key told apart by venue and month; one that names neither joins only an unambiguous partition. */
function partitions(facts: Fact[]): Fact[][] {
  const full = new Map<string, Fact[]>();
  const partial: Fact[] = [];
  for (const f of facts) {
    if (f.venue !== undefined && f.month !== undefined) {
      const k = `${f.venue}|${f.month}`;
      const l = full.get(k) ?? [];
      l.push(f);
      full.set(k, l);
    } else partial.push(f);
  }
  const groups: Array<{ venue?: string; month?: string; facts: Fact[] }> = [...full.entries()].map(([k, fs]) => ({ venue: k.split('|')[0], month: k.split('|')[1], facts: fs }));
  for (const f of partial) {
    const fits = groups.filter((g) => (f.venue === undefined || g.venue === undefined || g.venue === f.venue) && (f.month === undefined || g.month === undefined || g.month === f.month));
    if (fits.length === 1) {
      fits[0].facts.push(f);
      if (fits[0].venue === undefined) fits[0].venue = f.venue;
      if (fits[0].month === undefined) fits[0].month = f.month;
    } else if (fits.length === 0) groups.push({ venue: f.venue as string, month: f.month as string, facts: [f] });
    // several fit: ambiguous, left out rather than merged with the wrong event
  }
  return groups.map((g) => g.facts);
}

/**
 * Two dates disagree unless one is a prefix of the other ("2020" and "2020-02-29" agree); two
 * statuses when they differ ("killed" vs "hiding") or name different places for the same one
 * ("arrested in A" vs "arrested in B"; "arrested" alone agrees with either).
 */
function disagree(attribute: string, a: string, b: string): boolean {
  if (a === b) return false;
  if (attribute === 'status') {
    const [sa, pa] = a.split(' in ');
    const [sb, pb] = b.split(' in ');
    return sa !== sb || (pa !== undefined && pb !== undefined && pa !== pb);
  }
  if (attribute === 'date' || attribute === 'founded') return !(a.startsWith(b) || b.startsWith(a));
  return true;
}

/** Contradictions and corroborations among analysed documents (tests and evaluation; the analyser reads stored facts). */
export function factFindings(documents: AnalysedDocument[], lex: NarrativeLexicons): CorpusFindingDraft[] {
  const names = new Map(documents.map((d) => [d.doc.id, docName(d)]));
  return contradictionFindings(
    documents.flatMap((d) => extractFacts(d, lex)),
    buildCamps(accusationsOf(documents)),
    names,
  );
}

/** The corpus step: facts of every document grouped by subject and attribute, against the camps. */
export function contradictionFindings(allFacts: Iterable<Fact>, map: CampMap, names: ReadonlyMap<string, string>): CorpusFindingDraft[] {
  const byKey = new Map<string, Fact[]>();
  for (const f of allFacts) {
    const key = `${f.subject}|${f.attribute}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(f);
  }
  const out: CorpusFindingDraft[] = [];
  const keyed: Array<[string, Fact[]]> = [];
  for (const [key, facts] of byKey) for (const part of partitions(facts)) keyed.push([key, part]);
  for (const [key, facts] of keyed) {
    const docs = new Set(facts.map((f) => f.doc));
    if (docs.size < 2) continue;
    const [subject, attribute] = key.split('|');
    const byValue = new Map<string, Fact[]>();
    for (const f of facts) {
      let l = byValue.get(f.value);
      if (!l) byValue.set(f.value, (l = []));
      l.push(f);
    }
    const members = (fs: Fact[]): CorpusMember[] => {
      const seen = new Set<string>();
      return fs.filter((f) => !seen.has(f.doc) && seen.add(f.doc)).map((f) => ({ doc: f.doc, start: f.span.start, end: f.span.end, quote: f.quote, role: f.value }));
    };
    const valueDocs = [...byValue.entries()].map(([value, fs]) => ({ value, docs: [...new Set(fs.map((f) => f.doc))], approximate: fs.some((f) => f.approximate) }));
    const distinctDocsValues = valueDocs.filter((v) => valueDocs.some((w) => disagree(attribute, v.value, w.value)));
    const conflictDocs = new Set(distinctDocsValues.flatMap((v) => v.docs));
    const crossDocument = distinctDocsValues.some((v) => distinctDocsValues.some((w) => disagree(attribute, v.value, w.value) && w.docs.some((d) => !v.docs.includes(d) || v.docs.length > 1)));
    if (distinctDocsValues.length >= 2 && conflictDocs.size >= 2 && crossDocument) {
      const approx = distinctDocsValues.some((v) => v.approximate);
      out.push({
        kind: 'contradiction',
        label: `${subject}: ${attribute}`,
        score: approx ? 0.6 : 0.9,
        explanation: `Documents disagree on "${attribute}" of ${subject}: ${distinctDocsValues.map((v) => `${v.value}${v.approximate ? ' (approximate)' : ''} in ${v.docs.map((d) => names.get(d)).join(', ')}`).join(' vs ')}.`,
        members: members(facts.filter((f) => conflictDocs.has(f.doc) && distinctDocsValues.some((v) => v.value === f.value))),
        data: { subject, attribute, values: distinctDocsValues, ...(facts[0].venue ? { venue: facts[0].venue } : {}), ...(facts[0].month ? { month: facts[0].month } : {}) },
      });
    }
    for (const v of valueDocs) {
      if (v.docs.length < 2) continue;
      const camps = new Set(v.docs.map((d) => (map.campOf.has(d) ? campLabel(map.campOf.get(d) as number) : `unaligned:${d}`)));
      if (camps.size < 2) continue;
      out.push({
        kind: 'corroboration',
        label: `${subject}: ${attribute} = ${v.value}`,
        score: 0.7,
        explanation: `${v.docs.map((d) => names.get(d)).join(', ')} — not all of one camp — give the same "${attribute}" of ${subject}: ${v.value}.`,
        members: members(byValue.get(v.value) ?? []),
        data: { subject, attribute, value: v.value, documents: v.docs, camps: [...camps] },
      });
    }
  }
  // propositions supported across camps
  for (const p of map.propositions) {
    const supporters = [...p.stances.entries()].filter(([, s]) => s.stance === 'supports').map(([d]) => d);
    const camps = new Set(supporters.filter((d) => map.campOf.has(d)).map((d) => map.campOf.get(d)));
    if (camps.size < 2) continue;
    out.push({
      kind: 'corroboration',
      label: p.text,
      score: 0.8,
      explanation: `Documents of ${camps.size} different camps support "${p.text}".`,
      members: supporters.flatMap((d) => (p.stances.get(d)?.members ?? []).slice(0, 2)),
      data: { proposition: p.key, documents: supporters, camps: [...camps].map((c) => campLabel(c as number)) },
    });
  }
  return out.map((f) => ({ ...f, score: round(f.score) }));
}

/** Same attribute, different values across documents; the same fact from different camps. Contract: docs/analysers/narratives.md. */
export const contradictionsAnalyzer: CorpusAnalyzer<Array<Omit<Fact, 'doc'>>> = {
  scope: 'corpus',
  name: 'contradictions',
  version: '1.1.0',
  kinds: ['contradiction', 'corroboration'],
  reads: ['entity'],
  uses: ['stances'],
  description: 'Facts documents disagree on (founding years and places, leaders of groups, dates of named events, casualty and arrest counts and days of events kept apart by kind, place, year, venue and month) and facts or propositions corroborated across camps.',
  extract: (d) => {
    const facts = extractFacts(d, loadNarrativeLexicons()).map(({ doc: _doc, ...fact }) => fact);
    return facts.length ? facts : null;
  },
  async combine(state) {
    const facts: Fact[] = [];
    for await (const { doc, state: kept } of state.entries()) for (const f of kept ?? []) facts.push({ doc: doc.id, ...f });
    const { documents, names } = await accusationsInScope(state.of<AccusationRecord[]>('stances'));
    return contradictionFindings(facts, buildCamps(documents), names);
  },
};
