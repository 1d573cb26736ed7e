import { HttpError } from './errors.js';

/**
 * Checks a multipart/form-data body (RFC 7578) before it is parsed, so that a malformed one
 * is refused with 400 and a message saying what is wrong, not a parser's exception: the
 * boundary parameter, the opening and closing delimiters, each part's header block and its
 * `Content-Disposition: form-data; name="…"` with properly quoted parameters.
 */

const MAX_BOUNDARY = 70;

export function boundaryOf(contentType: string): string {
  const params = parseParameters(contentType.slice(contentType.indexOf(';') + 1 || contentType.length), 'Content-Type');
  const boundary = params.get('boundary');
  if (boundary === undefined || boundary === '') throw new HttpError('BAD_REQUEST', 'multipart/form-data needs a boundary parameter in Content-Type', 'content-type');
  if (boundary.length > MAX_BOUNDARY) throw new HttpError('BAD_REQUEST', `the multipart boundary is longer than ${MAX_BOUNDARY} characters`, 'content-type');
  return boundary;
}

export function checkMultipart(contentType: string, body: Uint8Array): void {
  const boundary = boundaryOf(contentType);
  // latin1 maps each byte to one character, so positions are byte offsets and nothing is lost
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  const delimiter = `--${boundary}`;
  let at = text.startsWith(delimiter) ? 0 : text.indexOf(`\r\n${delimiter}`);
  if (at < 0) throw new HttpError('BAD_REQUEST', 'the multipart body has no part starting with the boundary given in Content-Type', 'body');
  if (at > 0) at += 2;
  let part = 0;
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) break; // the closing delimiter
    const lineEnd = text.indexOf('\r\n', afterDelimiter);
    if (lineEnd < 0) throw new HttpError('BAD_REQUEST', 'the multipart body is cut short: the closing boundary is missing', 'body');
    part++;
    const headersEnd = text.indexOf('\r\n\r\n', lineEnd);
    const next = text.indexOf(`\r\n${delimiter}`, lineEnd);
    if (next < 0) throw new HttpError('BAD_REQUEST', `the multipart body is cut short in part ${part}: the closing boundary is missing`, 'body');
    if (headersEnd < 0 || headersEnd > next) throw new HttpError('BAD_REQUEST', `multipart part ${part} has no header block (a blank line must end its headers)`, 'body');
    checkPartHeaders(text.slice(lineEnd + 2, headersEnd), part);
    at = next + 2;
  }
  if (part === 0) throw new HttpError('BAD_REQUEST', 'the multipart body holds no parts', 'body');
}

function checkPartHeaders(block: string, part: number): void {
  const disposition = block
    .split('\r\n')
    .find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) throw new HttpError('BAD_REQUEST', `multipart part ${part} has no Content-Disposition header`, 'body');
  const value = disposition.slice(disposition.indexOf(':') + 1).trim();
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (type !== 'form-data') throw new HttpError('BAD_REQUEST', `multipart part ${part}: Content-Disposition must be form-data, not "${type}"`, 'body');
  const params = parseParameters(semicolon < 0 ? '' : value.slice(semicolon + 1), `multipart part ${part}: Content-Disposition`);
  if (!params.get('name')) throw new HttpError('BAD_REQUEST', `multipart part ${part} has no name in its Content-Disposition header`, 'body');
}

/** `; a=b; c="quoted \" value"` → Map. A quote that ends a value early (`"a"b.txt"`) is an error. */
function parseParameters(input: string, where: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  while (i < input.length) {
    while (i < input.length && (input[i] === ';' || input[i] === ' ' || input[i] === '\t')) i++;
    if (i >= input.length) break;
    const eq = input.indexOf('=', i);
    const stop = input.indexOf(';', i);
    if (eq < 0 || (stop >= 0 && stop < eq)) throw new HttpError('BAD_REQUEST', `${where} has a parameter without a value: "${input.slice(i, stop < 0 ? undefined : stop).trim()}"`, 'body');
    const key = input.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (input[i] === '"') {
      i++;
      for (;;) {
        if (i >= input.length) throw new HttpError('BAD_REQUEST', `${where}: the ${key} value has no closing quote`, 'body');
        const ch = input[i];
        if (ch === '\\' && i + 1 < input.length) {
          value += input[i + 1];
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      while (i < input.length && (input[i] === ' ' || input[i] === '\t')) i++;
      if (i < input.length && input[i] !== ';') throw new HttpError('BAD_REQUEST', `${where}: the ${key} value has an unescaped quote (text follows its closing quote)`, 'body');
    } else {
      const end = input.indexOf(';', i);
      value = input.slice(i, end < 0 ? undefined : end).trim();
      i = end < 0 ? input.length : end;
    }
    params.set(key, value);
  }
  return params;
}
