import type { CorpusFinding } from '../core/types.js';
import type { Report, ReportDocument } from '../report/model.js';
import { displayTitle } from '../report/model.js';
import type { ReviewedFinding } from '../review/apply.js';
import { VERDICTS, VERDICT_SCALE } from '../review/types.js';
import { actorName } from '../server/graph.js';
import { disarmSupportObjects, disarmTechnique, type StixObject } from './disarm.js';
import { stixId } from './ids.js';

/**
 * The report model as a STIX 2.1 bundle, for threat-intel platforms (OpenCTI, MISP):
 *
 * - `identity` Discern (the creator of every object);
 * - a `report` per document, its `object_refs` listing everything found in it;
 * - actors (entities and the parties of accusations) as `identity` (people, organisations,
 *   places — a state acting), or `threat-actor` (armed and militant groups);
 * - each accusation as a `relationship` "accuses" from accuser to accused, with the allegation;
 * - propaganda techniques and inauthentic-comment signals as a `relationship` "uses" from the
 *   document's publisher (or the commenter) to DISARM's own `attack-pattern` (ids copied from
 *   DISARM's bundle, which is included with its identity and marking so every ref resolves);
 * - claims as `note`s on their report; corpus findings (camps, narratives, reuse, comment
 *   clusters, …) as `grouping`s of the reports they span;
 * - analysts' reviews as `opinion`s (or a `note` when a review only adds a note).
 *
 * Every object that rests on text carries the evidence: `x_discern_quote`, the span, the
 * finding id and an external reference to the document (its URL where known). Ids are
 * UUIDv5 of what the object is, so the same database exports the same ids.
 */

export const DISCERN_IDENTITY = stixId('identity', 'discern');
/** A fixed creation time for Discern's own identity, so it is byte-identical across exports. */
const DISCERN_CREATED = '2025-01-01T00:00:00.000Z';

const MAX_MEMBERS = 50;

/** ISO time with milliseconds, as STIX requires; dates and odd values fall back. */
function stamp(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : NaN;
  return new Date(Number.isNaN(t) ? Date.parse(fallback) : t).toISOString();
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const ACTOR_CLASS: Record<string, string> = { person: 'individual', organisation: 'organization', place: 'organization', document: 'unknown' };

interface Evidence {
  x_discern_document: string;
  x_discern_finding: string;
  x_discern_quote: string;
  x_discern_span: [number, number];
  x_discern_score: number;
  x_discern_explanation: string;
  x_discern_analyzer: string;
  external_references: Array<Record<string, string>>;
}

class BundleBuilder {
  readonly objects = new Map<string, StixObject>();
  private readonly created: string;
  private readonly entityTypes = new Map<string, string>();
  private readonly actorMentions = new Map<string, Array<{ document: string; quote: string; start: number; end: number }>>();

  constructor(report: Report) {
    this.created = stamp(report.generatedAt, new Date().toISOString());
    for (const d of report.documents) {
      for (const f of d.findings) {
        if (f.kind !== 'entity') continue;
        const type = typeof f.data?.type === 'string' ? f.data.type : null;
        if (type && !this.entityTypes.has(f.label)) this.entityTypes.set(f.label, type);
        const list = this.actorMentions.get(f.label) ?? [];
        if (list.length < 5) list.push({ document: d.id, quote: f.quote, start: f.start, end: f.end });
        this.actorMentions.set(f.label, list);
      }
    }
  }

  /** Adds an object once (same id, same object); STIX has no null, so null properties are left out. */
  add(object: StixObject): string {
    if (this.objects.has(object.id)) return object.id;
    const compact: StixObject = { type: object.type, id: object.id };
    for (const [k, v] of Object.entries(object)) if (v !== null && v !== undefined) compact[k] = v;
    this.objects.set(object.id, compact);
    return object.id;
  }

  private base(type: string, id: string, created = this.created): StixObject {
    return { type, spec_version: '2.1', id, created, modified: created, created_by_ref: DISCERN_IDENTITY };
  }

  discern(): void {
    this.add({
      type: 'identity', spec_version: '2.1', id: DISCERN_IDENTITY, created: DISCERN_CREATED, modified: DISCERN_CREATED, name: 'Discern', identity_class: 'system',
      description: 'Discern, an open-source workbench that takes apart disinformation in news articles and their comment sections; every finding points at exact characters and says why.',
    });
  }

  documentRef(doc: ReportDocument): Record<string, string> {
    const url = httpUrl(doc.source.url);
    return { source_name: 'discern-document', external_id: doc.id, description: displayTitle(doc), ...(url ? { url } : {}) };
  }

  evidence(doc: ReportDocument, f: ReviewedFinding): Evidence {
    return {
      x_discern_document: doc.id,
      x_discern_finding: f.id,
      x_discern_quote: f.quote,
      x_discern_span: [f.start, f.end],
      x_discern_score: f.score,
      x_discern_explanation: f.explanation,
      x_discern_analyzer: f.analyzer,
      external_references: [this.documentRef(doc)],
    };
  }

  /** The outlet (or site, or "publisher of <title>") a document's own text speaks for. */
  publisher(doc: ReportDocument): string {
    const host = httpUrl(doc.source.url) ? new URL(doc.source.url as string).hostname : null;
    const name = doc.source.outlet ?? host ?? `publisher of "${displayTitle(doc)}"`;
    return this.add({
      ...this.base('identity', stixId('identity', 'publisher', name)),
      name,
      identity_class: doc.source.outlet || host ? 'organization' : 'unknown',
      description: 'The publisher of one or more analysed documents.',
    });
  }

  actor(name: string): string {
    const type = this.entityTypes.get(name) ?? null;
    const mentions = this.actorMentions.get(name);
    const extra = { x_discern_entity_type: type, ...(mentions ? { x_discern_mentions: mentions } : {}) };
    if (type === 'group') {
      return this.add({ ...this.base('threat-actor', stixId('threat-actor', name)), name, description: `An armed or militant group named in the analysed documents.`, ...extra });
    }
    return this.add({ ...this.base('identity', stixId('identity', 'actor', name)), name, identity_class: (type && ACTOR_CLASS[type]) ?? 'unknown', ...extra });
  }

  unnamedSource(doc: ReportDocument): string {
    return this.add({
      ...this.base('identity', stixId('identity', 'unnamed', doc.id)),
      name: `unnamed source in "${displayTitle(doc)}"`,
      identity_class: 'unknown',
      description: 'Whoever makes an allegation the document states without naming them.',
    });
  }

  commenter(doc: ReportDocument, author: string | null): string {
    const name = author ? `commenter ${author}` : `anonymous commenter on "${displayTitle(doc)}"`;
    return this.add({ ...this.base('identity', stixId('identity', 'commenter', author ?? doc.id)), name, identity_class: 'individual' });
  }

  attackPattern(kind: string, label: string): { id: string; reason: string; externalId: string } | null {
    const technique = disarmTechnique(kind, label);
    if (!technique) return null;
    this.add(technique.object);
    for (const o of disarmSupportObjects()) this.add(o);
    return { id: technique.object.id, reason: technique.reason, externalId: technique.externalId };
  }

  /** The STIX objects one finding becomes; returns the main object's id (for reviews). */
  finding(doc: ReportDocument, f: ReviewedFinding, reportId: string): string[] {
    const data = f.data ?? {};
    const evidence = this.evidence(doc, f);
    if (f.kind === 'accusation') {
      const accused = actorName(data.accused);
      if (!accused) return [];
      const accuserName = actorName(data.accuser);
      const source = accuserName ? this.actor(accuserName) : this.unnamedSource(doc);
      const target = this.actor(accused);
      const allegation = typeof data.allegation === 'string' ? data.allegation : null;
      const id = this.add({
        ...this.base('relationship', stixId('relationship', 'accuses', doc.id, f.kind, f.start, f.end)),
        relationship_type: 'accuses',
        source_ref: source,
        target_ref: target,
        description: `${accuserName ?? 'An unnamed source'} accuses ${accused}${allegation ? ` of: ${allegation}` : ''} (the article ${f.label} it). "${f.quote}"`,
        x_discern_allegation: allegation,
        x_discern_stance: f.label,
        ...evidence,
      });
      return [source, target, id];
    }
    if (f.kind === 'technique' || f.kind === 'inauthentic-signal') {
      const pattern = this.attackPattern(f.kind, f.label);
      if (!pattern) return [];
      const source = f.kind === 'technique' ? this.publisher(doc) : this.commenter(doc, typeof data.author === 'string' ? data.author : null);
      const id = this.add({
        ...this.base('relationship', stixId('relationship', 'uses', doc.id, f.kind, f.label, f.start, f.end)),
        relationship_type: 'uses',
        source_ref: source,
        target_ref: pattern.id,
        description: `${f.kind === 'technique' ? 'Propaganda technique' : 'Inauthentic-comment signal'} ${f.label} (DISARM ${pattern.externalId}: ${pattern.reason}) "${f.quote}"`,
        x_discern_label: f.label,
        x_discern_disarm_reason: pattern.reason,
        ...evidence,
      });
      return [source, pattern.id, id];
    }
    if (f.kind === 'claim') {
      const id = this.add({
        ...this.base('note', stixId('note', 'claim', doc.id, f.start, f.end)),
        abstract: `Claim (${f.label})`,
        content: f.quote,
        object_refs: [reportId],
        x_discern_label: f.label,
        ...evidence,
      });
      return [id];
    }
    if (f.kind === 'entity' && this.entityTypes.get(f.label) !== 'place' && this.entityTypes.get(f.label) !== 'document') {
      return [this.actor(f.label)];
    }
    return [];
  }

  review(f: ReviewedFinding, objectId: string): string | null {
    const r = f.review;
    if (!r) return null;
    const created = stamp(r.updatedAt, this.created);
    const common = {
      ...this.base('opinion', stixId('opinion', objectId, f.kind, f.start, f.end), created),
      authors: [r.reviewer],
      object_refs: [objectId],
      x_discern_status: r.status,
      x_discern_verdict: r.verdict,
      x_discern_correction: r.correction,
      x_discern_finding: f.id,
    };
    if (f.kind === 'claim' && r.verdict) {
      const value = VERDICTS[r.verdict];
      const opinion = value === null ? (r.verdict === 'unproven' ? 'neutral' : 'disagree') : (['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const)[value - VERDICT_SCALE.worst];
      return this.add({ ...common, opinion, explanation: `Verdict on the claim: ${r.verdict}.${r.note ? ` ${r.note}` : ''}` });
    }
    if (r.status) {
      const opinion = r.status === 'confirmed' ? 'agree' : r.status === 'corrected' ? 'disagree' : 'strongly-disagree';
      const correction = r.correction ? ` Corrected: ${Object.entries(r.correction).map(([k, v]) => `${k} → ${v}`).join(', ')}.` : '';
      return this.add({ ...common, opinion, explanation: `Analyst ${r.status} the finding.${correction}${r.note ? ` ${r.note}` : ''}` });
    }
    if (r.note) {
      return this.add({ ...this.base('note', stixId('note', 'review', objectId, f.kind, f.start, f.end), created), authors: [r.reviewer], content: r.note, object_refs: [objectId], x_discern_finding: f.id });
    }
    return null;
  }

  document(doc: ReportDocument): void {
    const reportId = stixId('report', doc.id);
    const refs = new Set<string>();
    for (const f of doc.findings) {
      const ids = this.finding(doc, f, reportId);
      for (const id of ids) refs.add(id);
      const main = ids[ids.length - 1];
      if (main) {
        const review = this.review(f, main);
        if (review) refs.add(review);
      }
    }
    refs.add(this.publisher(doc));
    const url = httpUrl(doc.source.url);
    this.add({
      ...this.base('report', reportId),
      name: displayTitle(doc),
      published: stamp(doc.source.publishedAt, this.created),
      report_types: ['threat-report'],
      object_refs: [...refs],
      description: `Discern's analysis of "${displayTitle(doc)}": ${doc.findings.length} findings.`,
      external_references: [this.documentRef(doc), ...(url ? [{ source_name: 'article', url }] : [])],
      x_discern_document: doc.id,
      x_discern_outlet: doc.source.outlet ?? null,
      x_discern_author: doc.source.author ?? null,
      ...(doc.lang ? { lang: doc.lang } : {}),
    });
  }

  corpus(f: CorpusFinding, reports: Set<string>): void {
    const members = f.members.filter((m) => reports.has(m.doc));
    const refs = [...new Set(members.map((m) => stixId('report', m.doc)))];
    if (refs.length === 0) return;
    const pattern = this.attackPattern(f.kind, f.label);
    this.add({
      ...this.base('grouping', stixId('grouping', f.kind, f.label, ...members.map((m) => `${m.doc}:${m.start ?? ''}:${m.end ?? ''}`))),
      name: `${f.kind}: ${f.label}`,
      context: pattern ? 'suspicious-activity' : 'unspecified',
      description: f.explanation,
      object_refs: pattern ? [...refs, pattern.id] : refs,
      x_discern_kind: f.kind,
      x_discern_label: f.label,
      x_discern_score: f.score,
      x_discern_analyzer: f.analyzer,
      x_discern_members: members.slice(0, MAX_MEMBERS).map((m) => ({ document: m.doc, ...(m.quote !== undefined ? { quote: m.quote, span: [m.start, m.end] } : {}), ...(m.role ? { role: m.role } : {}) })),
      ...(pattern ? { x_discern_disarm: pattern.externalId, x_discern_disarm_reason: pattern.reason } : {}),
    });
  }
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export function toStixBundle(report: Report): StixBundle {
  const builder = new BundleBuilder(report);
  builder.discern();
  for (const doc of report.documents) builder.document(doc);
  const reports = new Set(report.documents.map((d) => d.id));
  for (const f of report.corpus.findings) builder.corpus(f, reports);
  const key = report.documents.map((d) => d.id).sort().join(',');
  return { type: 'bundle', id: stixId('bundle', key), objects: [...builder.objects.values()] };
}

/** The bundle as JSON, one object per chunk, so a large corpus never becomes one giant string. */
export function* stixChunks(bundle: StixBundle): Generator<string> {
  yield `{"type":"bundle","id":${JSON.stringify(bundle.id)},"objects":[\n`;
  let first = true;
  for (const o of bundle.objects) {
    yield `${first ? '' : ',\n'}${JSON.stringify(o)}`;
    first = false;
  }
  yield '\n]}\n';
}
