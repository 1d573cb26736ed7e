import { readFile } from 'node:fs/promises';
import { DiscernError } from '../core/errors.js';

/**
 * The whole of FILE, or of standard input for "-" or no file (refusing an interactive
 * terminal, where nothing would ever arrive). `what` names the expected content in errors.
 */
export async function readTextInput(file: string | undefined, command: string, what: string): Promise<{ text: string; name: string }> {
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) {
      throw new DiscernError('USAGE', `give a FILE, or pipe ${what} on standard input (see --help)`, command);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return { text: Buffer.concat(chunks).toString('utf8'), name: 'standard input' };
  }
  try {
    return { text: await readFile(file, 'utf8'), name: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DiscernError('INPUT_NOT_FOUND', 'no such file', file, { cause: error });
    throw new DiscernError('INPUT_UNREADABLE', code === 'EISDIR' ? `is a folder, not a file of ${what}` : 'could not be read', file, { cause: error });
  }
}
