import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { DiscernError } from '../core/errors.js';
import type { Source } from '../core/types.js';
import { decodeText } from './decode.js';
import { parseCsv } from './posts.js';

/**
 * What the user says about the sources: `--outlet`, `--date` for every input, and a manifest
 * (`--manifest FILE`, CSV or JSON) giving each file or URL its title, outlet, date and author.
 * A manifest is read strictly — an unknown column, a cell that looks like a spreadsheet
 * formula, a date that is not a date, a path listed twice are errors naming the file and the
 * line — because what it says ends up in every report and export.
 *
 * The result is plain data (it rides in ingest options to worker threads and queue jobs);
 * `metadataFor` looks an input up, and what it gives wins over what the page itself says.
 */

export type SourceFields = Pick<Source, 'title' | 'outlet' | 'publishedAt' | 'author'>;

export interface SourceMetadata {
  /** --outlet / --date: for every input */
  defaults: SourceFields;
  /** absolute file path → fields */
  byPath: Record<string, SourceFields>;
  /** URL as given in the manifest → fields */
  byUrl: Record<string, SourceFields>;
  /** the manifest read, for messages */
  manifest: string | null;
}

/** Manifest columns, each with the names it may go by (case and spaces/underscores ignored). */
const COLUMNS: Record<string, readonly string[]> = {
  path: ['path', 'file', 'filename'],
  url: ['url', 'link'],
  title: ['title', 'headline'],
  outlet: ['outlet', 'publisher', 'source', 'site'],
  publishedAt: ['date', 'published', 'publishedat', 'publicationdate'],
  author: ['author', 'byline'],
};
const ACCEPTED = Object.values(COLUMNS).flat();

/** Manifests larger than this are refused (a manifest is a list of sources, not data). */
const MAX_MANIFEST_BYTES = 20 * 1024 * 1024;

export function emptyMetadata(): SourceMetadata {
  return { defaults: {}, byPath: {}, byUrl: {}, manifest: null };
}

/** --outlet, --date and --manifest of analyze/ingest, checked; null when none is given. */
export async function sourceMetadataFromCli(options: { outlet?: string; date?: string; manifest?: string }): Promise<SourceMetadata | null> {
  if (options.outlet === undefined && options.date === undefined && options.manifest === undefined) return null;
  const metadata = options.manifest ? await readManifest(options.manifest) : emptyMetadata();
  if (options.outlet !== undefined) {
    const outlet = options.outlet.trim();
    if (!outlet) throw new DiscernError('USAGE', '--outlet needs a name, not an empty string', '--outlet');
    metadata.defaults.outlet = outlet;
  }
  if (options.date !== undefined) metadata.defaults.publishedAt = checkDate(options.date, () => new DiscernError('USAGE', `--date needs a date like 2024-05-02 (or 2024-05, 2024-05-02T10:30Z), not "${options.date}"`, '--date'));
  return metadata;
}

export async function readManifest(file: string): Promise<SourceMetadata> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DiscernError('USAGE', code === 'ENOENT' ? `the manifest ${file} does not exist` : code === 'EISDIR' ? `the manifest ${file} is a folder, not a file` : `the manifest ${file} cannot be read: ${(error as Error).message}`, '--manifest');
  }
  if (bytes.length > MAX_MANIFEST_BYTES) throw manifestError(file, null, `it is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit for a manifest`);
  let text: string;
  try {
    text = decodeText(bytes, file).text;
  } catch (error) {
    throw manifestError(file, null, error instanceof Error ? error.message : String(error));
  }
  if (!text.trim()) throw manifestError(file, null, 'it is empty');
  const json = extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text);
  const rows = json ? jsonRows(text, file) : csvRows(text, file);
  return toMetadata(rows, file);
}

/** A manifest row: the line it came from and its cells by column key. */
interface Row {
  line: number;
  cells: Partial<Record<keyof typeof COLUMNS, string>>;
}

function columnKey(name: string): keyof typeof COLUMNS | null {
  const folded = name.trim().toLowerCase().replace(/[\s_-]+/g, '');
  for (const [key, names] of Object.entries(COLUMNS)) if (names.includes(folded)) return key;
  return null;
}

function csvRows(text: string, file: string): Row[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, c) => (firstLine.split(c).length > firstLine.split(best).length ? c : best), ',');
  let records;
  try {
    records = parseCsv(text, file, delimiter);
  } catch (error) {
    throw manifestError(file, null, error instanceof Error ? error.message : String(error));
  }
  const header = records[0]?.fields ?? [];
  const keys = header.map((name) => {
    const key = columnKey(name);
    if (!key) throw manifestError(file, 1, `unknown column "${name}": a manifest has the columns path (or url), title, outlet, date, author`);
    return key;
  });
  if (new Set(keys).size !== keys.length) throw manifestError(file, 1, 'a column appears twice in the header');
  if (!keys.includes('path') && !keys.includes('url')) throw manifestError(file, 1, `no path or url column (the header is: ${header.join(', ')})`);
  const rows: Row[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (record.fields.length !== keys.length) throw manifestError(file, record.line, `${record.fields.length} cells where the header has ${keys.length}`);
    const cells: Row['cells'] = {};
    keys.forEach((key, i) => {
      cells[key] = record.fields[i];
    });
    rows.push({ line: record.line, cells });
  }
  return rows;
}

function jsonRows(text: string, file: string): Row[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw manifestError(file, null, `it is not valid JSON (${(error as Error).message})`);
  }
  // [{ path, outlet, … }], { sources: [...] }, or { "file.txt": { outlet, … } }
  let entries: Array<[string | null, unknown]>;
  if (Array.isArray(value)) entries = value.map((v) => [null, v]);
  else if (value && typeof value === 'object' && Array.isArray((value as { sources?: unknown }).sources)) entries = ((value as { sources: unknown[] }).sources).map((v) => [null, v]);
  else if (value && typeof value === 'object') entries = Object.entries(value as Record<string, unknown>);
  else throw manifestError(file, null, 'it must be a list of sources or an object of path → source');
  return entries.map(([path, entry], i) => {
    const where = path ? `the entry "${path}"` : `entry ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw manifestError(file, null, `${where} is not an object`);
    const cells: Row['cells'] = {};
    if (path !== null) cells[/^https?:\/\//i.test(path) ? 'url' : 'path'] = path;
    for (const [name, v] of Object.entries(entry as Record<string, unknown>)) {
      const key = columnKey(name);
      if (!key) throw manifestError(file, null, `${where} has an unknown field "${name}" (accepted: ${ACCEPTED.join(', ')})`);
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number') throw manifestError(file, null, `${where}: "${name}" must be text`);
      cells[key] = String(v);
    }
    return { line: i + 1, cells };
  });
}

/** Spreadsheet formula starts (CSV injection): refused rather than stored and exported on. */
const FORMULA = /^[=+\-@\t\r]/;

function toMetadata(rows: Row[], file: string): SourceMetadata {
  const base = dirname(resolve(file));
  const metadata: SourceMetadata = { ...emptyMetadata(), manifest: file };
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.cells)) {
      if (value !== undefined && FORMULA.test(value)) {
        throw manifestError(file, row.line, `the ${key} cell ${JSON.stringify(value.slice(0, 40))} starts like a spreadsheet formula (= + - @): refused; remove the leading character if it is really text`);
      }
    }
    const fields: SourceFields = {};
    const { path, url, title, outlet, publishedAt, author } = row.cells;
    if (title?.trim()) fields.title = title.trim();
    if (outlet?.trim()) fields.outlet = outlet.trim();
    if (author?.trim()) fields.author = author.trim();
    if (publishedAt?.trim()) fields.publishedAt = checkDate(publishedAt, () => manifestError(file, row.line, `"${publishedAt}" is not a date (use 2024-05-02, 2024-05 or 2024-05-02T10:30Z)`));
    if (!path?.trim() && !url?.trim()) throw manifestError(file, row.line, 'the row names no path or url');
    if (path?.trim()) {
      const key = resolve(base, path.trim());
      if (metadata.byPath[key]) throw manifestError(file, row.line, `the path "${path.trim()}" is listed twice`);
      metadata.byPath[key] = fields;
    }
    if (url?.trim()) {
      if (!/^https?:\/\//i.test(url.trim())) throw manifestError(file, row.line, `"${url.trim()}" is not an http(s) URL`);
      if (metadata.byUrl[url.trim()]) throw manifestError(file, row.line, `the URL "${url.trim()}" is listed twice`);
      metadata.byUrl[url.trim()] = fields;
    }
  }
  return metadata;
}

/** What the metadata says about one input (a file path as given, or a URL); manifest entries win over --outlet/--date. */
export function metadataFor(metadata: SourceMetadata | undefined, input: string, finalUrl?: string | null): SourceFields {
  if (!metadata) return {};
  const entry = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? (metadata.byUrl[input] ?? (finalUrl ? metadata.byUrl[finalUrl] : undefined)) : input === '-' ? undefined : metadata.byPath[resolve(input)];
  return { ...metadata.defaults, ...(entry ?? {}) };
}

/** Manifest entries that matched none of the inputs read (probably a typo in a path). */
export function unmatchedEntries(metadata: SourceMetadata, seen: Iterable<string>): string[] {
  const used = new Set<string>();
  for (const input of seen) used.add(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : resolve(input));
  return [...Object.keys(metadata.byPath), ...Object.keys(metadata.byUrl)].filter((k) => !used.has(k));
}

/** YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp, checked for a real calendar date. */
function checkDate(value: string, error: () => DiscernError): string {
  const v = value.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(v);
  if (!m) throw error();
  const [, , month, day] = m;
  if (month && (Number(month) < 1 || Number(month) > 12)) throw error();
  if (day) {
    const d = new Date(`${m[1]}-${month}-${day}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(day)) throw error();
  }
  return v;
}

function manifestError(file: string, line: number | null, message: string): DiscernError {
  return new DiscernError('USAGE', `the manifest ${file}${line ? `, line ${line}` : ''}: ${message}`, '--manifest');
}
