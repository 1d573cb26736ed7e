import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DiscernError } from '../core/errors.js';
import { decodeText, decodeWithEncoding } from './decode.js';

/**
 * Social posts from CSV or JSON Lines, for the co-posting analysis. Columns are found by
 * name (with common aliases) or by an explicit mapping, e.g. `{ author: 'screen_name' }`.
 */
export interface Post {
  id: string;
  author: string;
  text: string;
  url: string | null;
  /** as written in the input */
  postedAt: string | null;
  /** milliseconds since the epoch, null when the input gives no time */
  time: number | null;
  parent: string | null;
  platform: string | null;
}

export type PostField = 'id' | 'author' | 'text' | 'url' | 'posted_at' | 'parent' | 'platform';
export const POST_FIELDS: readonly PostField[] = ['id', 'author', 'text', 'url', 'posted_at', 'parent', 'platform'];

export type ColumnMapping = Partial<Record<PostField, string>>;

/** Column names tried, in order, when the mapping does not name one. */
const ALIASES: Record<PostField, string[]> = {
  id: ['id', 'post_id', 'tweet_id', 'comment_id', 'status_id'],
  author: ['author', 'user', 'username', 'screen_name', 'account', 'user_name', 'handle'],
  text: ['text', 'content', 'body', 'message', 'full_text', 'comment'],
  url: ['url', 'link', 'expanded_url', 'shared_url'],
  posted_at: ['posted_at', 'created_at', 'date', 'timestamp', 'time', 'published_at'],
  parent: ['parent', 'parent_id', 'in_reply_to', 'in_reply_to_status_id', 'reply_to'],
  platform: ['platform', 'source', 'network'],
};

export interface ReadPostsOptions {
  columns?: ColumnMapping;
  /** defaults from the extension: .jsonl/.ndjson → jsonl, anything else → csv */
  format?: 'csv' | 'jsonl';
  /** CSV field separator; detected from the header line when omitted (, ; tab |) */
  delimiter?: string;
  /** decode with this encoding instead of detecting it */
  encoding?: string;
}

export async function readPosts(file: string, options: ReadPostsOptions = {}): Promise<Post[]> {
  let text: string;
  try {
    // the same decoding as articles: BOMs (Excel's "Unicode text" is UTF-16LE), strict UTF-8,
    // Windows-1252 only for files with no UTF-8 at all, NUL refused
    const bytes = new Uint8Array(await readFile(file));
    text = (options.encoding ? decodeWithEncoding(bytes, options.encoding, file) : decodeText(bytes, file)).text;
  } catch (error) {
    if (error instanceof DiscernError) throw error;
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE';
    throw new DiscernError(code, `cannot read posts file (${(error as Error).message})`, file, { cause: error });
  }
  const ext = path.extname(file).toLowerCase();
  const format = options.format ?? (ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'csv');
  return parsePosts(text, file, { ...options, format });
}

/** Parses posts from text already in memory; `name` is used in error messages. */
export function parsePosts(text: string, name: string, options: ReadPostsOptions = {}): Post[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new DiscernError('INPUT_EMPTY', 'the posts file is empty', name);
  const records = options.format === 'jsonl' ? parseJsonLines(body, name) : csvRecords(body, name, options.delimiter);
  const header = records.header;
  const columns = resolveColumns(header, options.columns ?? {}, name);
  const posts: Post[] = [];
  for (const { line, values } of records.rows) {
    const get = (field: PostField): string | null => {
      const column = columns[field];
      if (column === undefined) return null;
      const value = values.get(column);
      return value === undefined || value === '' ? null : value;
    };
    const author = get('author');
    const content = get('text');
    if (author === null) throw malformed(name, line, `no author in column "${columns.author}"`);
    const postedAt = get('posted_at');
    posts.push({
      id: get('id') ?? `${path.basename(name)}:${line}`,
      author,
      text: content ?? '',
      url: get('url'),
      postedAt,
      time: postedAt === null ? null : parseTime(postedAt, name, line),
      parent: get('parent'),
      platform: get('platform'),
    });
  }
  return posts;
}

function malformed(name: string, line: number, message: string): DiscernError {
  return new DiscernError('INPUT_MALFORMED', `line ${line}: ${message}`, name);
}

function resolveColumns(header: string[], mapping: ColumnMapping, name: string): Partial<Record<PostField, string>> {
  const lower = new Map(header.map((h) => [h.trim().toLowerCase(), h]));
  const out: Partial<Record<PostField, string>> = {};
  for (const field of POST_FIELDS) {
    const wanted = mapping[field];
    if (wanted !== undefined) {
      const found = lower.get(wanted.trim().toLowerCase());
      if (found === undefined) {
        throw new DiscernError(
          'INPUT_MALFORMED',
          `the column "${wanted}" given for ${field} is not in the header (columns: ${header.join(', ')})`,
          name,
        );
      }
      out[field] = found;
      continue;
    }
    const alias = ALIASES[field].find((a) => lower.has(a));
    if (alias !== undefined) out[field] = lower.get(alias);
  }
  for (const required of ['author', 'text'] as const) {
    if (out[required] === undefined) {
      throw new DiscernError(
        'INPUT_MALFORMED',
        `no ${required} column: name one with --columns ${required}=COLUMN (columns: ${header.join(', ')})`,
        name,
      );
    }
  }
  return out;
}

/** ISO 8601 (with or without zone: no zone means UTC), or epoch seconds / milliseconds. */
export function parseTime(value: string, name: string, line: number): number {
  const v = value.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n >= 1e12 ? n : n * 1000;
  }
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(v);
  const iso = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(v) && !hasZone ? `${v.replace(' ', 'T')}Z` : v;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw malformed(name, line, `cannot read the time "${value}" (use ISO 8601 or epoch seconds)`);
  return ms;
}

interface Records {
  header: string[];
  rows: Array<{ line: number; values: Map<string, string> }>;
}

/** A post is a flat record; deeper nesting than this is refused before JSON.parse can overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of [ and { in one JSON text, outside strings (one linear pass). */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function parseJsonLines(text: string, name: string): Records {
  const rows: Records['rows'] = [];
  const keys = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    let value: unknown;
    const depth = nestingDepth(raw);
    if (depth > MAX_JSON_DEPTH) throw malformed(name, i + 1, `nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw malformed(name, i + 1, `not valid JSON (${(error as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw malformed(name, i + 1, 'each line must be one JSON object');
    }
    const values = new Map<string, string>();
    addJsonValues(value as Record<string, unknown>, '', keys, values);
    rows.push({ line: i + 1, values });
  }
  return { header: [...keys], rows };
}

/**
 * A line's fields, nested objects also under dotted names (`user.screen_name`), as platform
 * exports nest them; an object or array is kept as its JSON under its own name too.
 */
function addJsonValues(object: Record<string, unknown>, prefix: string, keys: Set<string>, values: Map<string, string>): void {
  for (const [key, v] of Object.entries(object)) {
    const name = prefix + key;
    keys.add(name);
    if (v === null || v === undefined) continue;
    values.set(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    if (typeof v === 'object' && !Array.isArray(v)) addJsonValues(v as Record<string, unknown>, `${name}.`, keys, values);
  }
}

function csvRecords(text: string, name: string, delimiter?: string): Records {
  const sep = delimiter ?? detectDelimiter(text);
  const parsed = parseCsv(text, name, sep);
  if (parsed.length === 0) throw new DiscernError('INPUT_EMPTY', 'the posts file has no header', name);
  const header = parsed[0].fields;
  const seen = new Set<string>();
  for (const h of header) {
    const key = h.trim().toLowerCase();
    if (seen.has(key)) throw malformed(name, 1, `the column "${h}" appears twice in the header`);
    seen.add(key);
  }
  const rows: Records['rows'] = [];
  for (const record of parsed.slice(1)) {
    if (record.fields.length === 1 && record.fields[0] === '') continue; // blank line
    if (record.fields.length !== header.length) {
      throw malformed(name, record.line, `${record.fields.length} fields where the header has ${header.length}`);
    }
    rows.push({ line: record.line, values: new Map(header.map((h, i) => [h, record.fields[i]])) });
  }
  return { header, rows };
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export interface CsvRecord {
  /** 1-based line on which the record starts */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: quoted fields may hold the separator, doubled quotes and line breaks;
 * CRLF or LF line ends. A quote inside an unquoted field is kept as text (common in
 * exports); text after a closing quote, or a quote left open at the end, is an error
 * naming the line.
 */
export function parseCsv(text: string, name: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      if (!closed) throw malformed(name, quoteLine, 'a quoted field is never closed');
      const next = text[i];
      if (i < n && next !== delimiter && next !== '\n' && next !== '\r') {
        throw malformed(name, line, `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 12))}`);
      }
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
