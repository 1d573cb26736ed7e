import { createHash } from 'node:crypto';
import type { FactCheckInput } from '../../store/reference.js';

/**
 * schema.org ClaimReview records as fact-checkers publish them (JSON-LD in their pages) and
 * aggregators dump them: one object, an array, an `@graph`, or JSON Lines of such objects.
 * Each record is read on its own: a bad one is reported by its place ("line 3", "item 2")
 * and what is wrong, and the others are still imported.
 */

export interface ParsedClaimReviews {
  records: FactCheckInput[];
  errors: Array<{ record: string; message: string }>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The first item of a value that may be one item or a list of them. */
function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function nameOf(v: unknown): string | null {
  const item = first(v);
  if (isObject(item)) return str(item.name) ?? str(item.legalName) ?? str(item.url);
  return str(item);
}

function isClaimReview(v: Json): boolean {
  const type = v['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /(^|[/:])ClaimReview$/.test(t));
}

/** Turns one JSON-LD object into a fact-check, or says what is wrong with it. */
export function toFactCheck(value: unknown, origin: string): FactCheckInput | string {
  if (!isObject(value)) return 'is not a JSON object';
  if (!isClaimReview(value)) return `is not a ClaimReview (its @type is ${JSON.stringify(value['@type'] ?? null)})`;
  const claimReviewed = str(value.claimReviewed) ?? (isObject(first(value.itemReviewed)) ? str((first(value.itemReviewed) as Json).text) : null);
  if (!claimReviewed) return 'has no claimReviewed (the text of the claim that was checked)';
  const rating = first(value.reviewRating);
  const r = isObject(rating) ? rating : {};
  const url = str(value.url);
  const label = str(r.alternateName) ?? str(r.name) ?? (num(r.ratingValue) !== null ? `${num(r.ratingValue)}${num(r.bestRating) !== null ? `/${num(r.bestRating)}` : ''}` : null);
  return {
    id: createHash('sha256').update(`${url ?? ''}\u0000${claimReviewed}`).digest('hex').slice(0, 16),
    claimReviewed,
    headline: str(value.headline) ?? str(value.name),
    rating: label,
    ratingValue: num(r.ratingValue),
    bestRating: num(r.bestRating),
    worstRating: num(r.worstRating),
    url,
    publisher: nameOf(value.author) ?? nameOf(value.publisher),
    datePublished: str(value.datePublished),
    itemReviewed: value.itemReviewed ?? null,
    origin,
  };
}

const APPEARANCE_LIMIT = 50;
const APPEARANCE_CHARS = 2000;

/**
 * Texts of the places a reviewed claim appeared (itemReviewed.appearance and firstAppearance:
 * their headline, name, text or description; URLs alone say nothing to match). An aggregator's
 * ClaimReview often lists the posts that spread the claim, and a new post worded like one of
 * them is the same claim even when it shares few words with the fact-checker's own wording.
 */
export function appearanceTexts(itemReviewed: unknown): string[] {
  const out = new Set<string>();
  for (const item of Array.isArray(itemReviewed) ? itemReviewed : [itemReviewed]) {
    if (!isObject(item)) continue;
    for (const key of ['firstAppearance', 'appearance']) {
      const list = item[key];
      for (const a of Array.isArray(list) ? list : [list]) {
        if (!isObject(a) || out.size >= APPEARANCE_LIMIT) continue;
        const parts = [str(a.headline) ?? str(a.name), str(a.text) ?? str(a.description)].filter((t): t is string => t !== null && !/^https?:\/\/\S+$/i.test(t));
        const text = parts.join(' ').slice(0, APPEARANCE_CHARS).trim();
        if (text) out.add(text);
      }
    }
  }
  return [...out];
}

/** Objects of a parsed JSON value: itself, the items of an array, or those of an @graph. */
function objectsOf(value: unknown, where: string): Array<{ value: unknown; where: string }> {
  const prefix = where ? `${where}, ` : '';
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsOf(v, `${prefix}item ${i + 1}`));
  if (isObject(value) && Array.isArray(value['@graph'])) {
    return (value['@graph'] as unknown[]).map((v, i) => ({ value: v, where: `${prefix}@graph item ${i + 1}` }));
  }
  return [{ value, where: where || 'the record' }];
}

export function parseClaimReviews(input: string, name: string): ParsedClaimReviews {
  const out: ParsedClaimReviews = { records: [], errors: [] };
  const text = input.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    out.errors.push({ record: name, message: 'the file is empty' });
    return out;
  }
  const take = (chunks: Array<{ value: unknown; where: string }>) => {
    for (const { value, where } of chunks) {
      // a page's JSON-LD holds other objects (WebPage, Organization) beside its ClaimReview
      if (isObject(value) && !isClaimReview(value) && where.includes('@graph')) continue;
      const result = toFactCheck(value, `${name}#${where}`);
      if (typeof result === 'string') out.errors.push({ record: `${name}, ${where}`, message: result });
      else out.records.push(result);
    }
  };
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    // not one JSON document: JSON Lines, each line on its own
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.errors.push({ record: `${name}, line ${i + 1}`, message: 'is not valid JSON' });
        return;
      }
      take(objectsOf(value, `line ${i + 1}`));
    });
    return out;
  }
  take(objectsOf(whole, ''));
  return out;
}
