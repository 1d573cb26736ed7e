import type { AnalysedDocument } from '../../analysers/analyzer.js';
import { matchesIn, type NarrativeLexicons } from '../../analysers/accusations/lexicon.js';
import { extractDates } from '../../analysers/claims/dates.js';
import { extractNumbers } from '../../analysers/claims/numbers.js';
import type { CorpusFindingDraft, CorpusMember, Span } from '../../core/types.js';
import { buildCamps, campLabel } from './camps.js';
import { docName, proseSentences, round, type Mention, type ProseSentence } from './corpus-text.js';

/**
 * Facts documents can disagree on: an attribute of an entity (a group's founding year, where it
 * began) or of an event (how many an attack killed). Facts are keyed by subject + attribute —
 * events by place AND year, so two attacks in the same town in different years (or with no
 * year) are never merged. Different values: `contradiction`; the same value from documents of
 * different camps (or not all of one camp): `corroboration`. Grouping is a hash map: linear.
 */

export interface Fact {
  doc: string;
  subject: string;
  attribute: string;
  value: string;
  approximate: boolean;
  span: Span;
  quote: string;
}

const GROUP_ANAPHOR = /^(?:the|this) (?:group|outfit|organi[sz]ation|movement|faction)|^it$/iu;

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

export function extractFacts(d: AnalysedDocument, lex: NarrativeLexicons): Fact[] {
  const text = d.doc.text;
  const sentences = proseSentences(d);
  const topic = salientGroup(sentences);
  const facts: Fact[] = [];
  let lastGroup: string | null = null;
  for (const s of sentences) {
    for (const rule of lex.attributes) {
      for (const cue of matchesIn(rule.re, text, s.start, s.end)) {
        if (rule.value === 'year' || rule.value === 'place') {
          const before = s.mentions.filter((m) => m.end <= cue.start && (m.type === 'group' || m.type === 'organisation'));
          let subject: string | null = before[before.length - 1]?.canonical ?? null;
          if (!subject && GROUP_ANAPHOR.test(text.slice(s.start, cue.start).trim().split(/\s+/).slice(0, 2).join(' '))) subject = lastGroup ?? topic;
          if (!subject && /^\s*(?:the|this) (?:group|outfit|organi[sz]ation|movement|faction)\b/iu.test(s.text)) subject = lastGroup ?? topic;
          if (!subject) continue;
          if (rule.value === 'year') {
            const date = extractDates(text.slice(cue.end, Math.min(s.end, cue.end + 120)), cue.end).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
            if (!date || !date.normalized) continue;
            facts.push({ doc: d.doc.id, subject, attribute: rule.attribute, value: date.normalized.slice(0, 4), approximate: date.qualifier !== null, span: { start: s.start, end: s.end }, quote: s.text });
          } else {
            const place = s.mentions.find((m: Mention) => m.start >= cue.end && m.type === 'place' && m.start - cue.end < 40);
            if (!place) continue;
            facts.push({ doc: d.doc.id, subject, attribute: rule.attribute, value: place.canonical, approximate: false, span: { start: s.start, end: s.end }, quote: s.text });
          }
        } else {
          const piece = pieces(s).find((p) => p.start <= cue.start && cue.end <= p.end);
          if (!piece) continue;
          const place = s.mentions.find((m) => m.type === 'place' && m.start >= piece.start && m.end <= piece.end);
          const date = extractDates(text.slice(piece.start, piece.end), piece.start).find((x) => x.normalized && /^\d{4}/.test(x.normalized));
          const count = extractNumbers(text.slice(piece.start, piece.end), piece.start).find((n) => n.unit === null && !/^\d{4}$/.test(n.text));
          if (!place || !date?.normalized || !count) continue;
          facts.push({ doc: d.doc.id, subject: `${place.canonical} ${date.normalized.slice(0, 4)}`, attribute: rule.attribute, value: String(count.value), approximate: count.qualifier !== null, span: piece, quote: text.slice(piece.start, piece.end) });
        }
      }
    }
    const groups = s.mentions.filter((m) => m.type === 'group');
    if (groups.length) lastGroup = groups[groups.length - 1].canonical;
  }
  return facts;
}

export function factFindings(documents: AnalysedDocument[], lex: NarrativeLexicons): CorpusFindingDraft[] {
  const byKey = new Map<string, Fact[]>();
  for (const d of documents) {
    for (const f of extractFacts(d, lex)) {
      const key = `${f.subject}|${f.attribute}`;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(f);
    }
  }
  const map = buildCamps(documents);
  const names = new Map(documents.map((d) => [d.doc.id, docName(d)]));
  const out: CorpusFindingDraft[] = [];
  for (const [key, facts] of byKey) {
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
    const distinctDocsValues = valueDocs.filter((v) => v.docs.length > 0);
    if (distinctDocsValues.length >= 2 && new Set(distinctDocsValues.flatMap((v) => v.docs)).size >= 2) {
      const approx = distinctDocsValues.some((v) => v.approximate);
      out.push({
        kind: 'contradiction',
        label: `${subject}: ${attribute}`,
        score: approx ? 0.6 : 0.9,
        explanation: `Documents disagree on "${attribute}" of ${subject}: ${distinctDocsValues.map((v) => `${v.value}${v.approximate ? ' (approximate)' : ''} in ${v.docs.map((d) => names.get(d)).join(', ')}`).join(' vs ')}.`,
        members: members(facts),
        data: { subject, attribute, values: distinctDocsValues },
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
