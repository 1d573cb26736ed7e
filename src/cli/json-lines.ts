import { DiscernError, describeError, isDiscernError } from '../core/errors.js';
import { readTextInput } from './read-input.js';
import { EXIT } from './shared.js';

/**
 * The line-by-line input of the model commands (`claims score`, `stance score`, `verify`,
 * `factchecks match`): blank lines are skipped; a line starting with "{" is a JSON object
 * read by `json`; any other line is plain text read by `text`, or malformed when the command
 * takes only JSON. Every error names the input and the line.
 */
export interface LineReaders<T> {
  /** the object of a JSON line; `fail` throws INPUT_MALFORMED naming the line */
  json: (value: Record<string, unknown>, fail: (message: string) => never, index: number) => T;
  /** a plain-text line (trimmed); without it every line must be JSON */
  text?: (line: string, index: number) => T;
}

export function parseLines<T>(input: string, name: string, readers: LineReaders<T>): T[] {
  const out: T[] = [];
  input.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const fail = (message: string): never => {
      throw new DiscernError('INPUT_MALFORMED', `line ${i + 1}${message}`, name);
    };
    if (readers.text && !trimmed.startsWith('{')) {
      out.push(readers.text(trimmed, out.length));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      fail(readers.text ? ' starts with "{" but is not valid JSON' : ' is not valid JSON');
    }
    out.push(readers.json((value ?? {}) as Record<string, unknown>, (message) => fail(`: ${message}`), out.length));
  });
  return out;
}

/**
 * FILE (or standard input) parsed line by line; an unreadable or malformed input is named on
 * stderr with exit code 1 and nothing written (null), while usage errors (an interactive
 * terminal as input) propagate to exit 2.
 */
export async function readLineInput<T>(file: string | undefined, command: string, what: string, parse: (text: string, name: string) => T[]): Promise<T[] | null> {
  try {
    const input = await readTextInput(file, command, what);
    return parse(input.text, input.name);
  } catch (error) {
    if (isDiscernError(error) && error.code === 'USAGE') throw error;
    process.stderr.write(`${command}: ${describeError(error)}\n`);
    process.exitCode = EXIT.SOME_INPUTS_FAILED;
    return null;
  }
}
