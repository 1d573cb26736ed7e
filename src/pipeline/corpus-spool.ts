import { appendFileSync, createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { scratchDir } from '../core/scratch-dir.js';
import type { CorpusFinding } from '../core/types.js';

/**
 * Corpus findings spooled to a temporary JSON Lines file as the corpus stage produces them
 * (one analyser's at a time), then streamed back as often as a report needs them: the
 * process never holds the corpus findings of a large corpus at once (tens of thousands of
 * findings with their member quotes grew `discern report` by ~230 KB per document).
 */
export class CorpusSpool {
  private readonly dir = scratchDir('discern-corpus-');
  private readonly file = join(this.dir, 'corpus-findings.jsonl');
  private written = 0;
  private closed = false;

  /** Appends findings (in batches of ~1 MB of text, so no giant string is built). */
  append(findings: readonly CorpusFinding[]): void {
    if (this.closed) throw new Error('the corpus spool is closed');
    let chunk = '';
    for (const f of findings) {
      chunk += `${JSON.stringify(f)}\n`;
      if (chunk.length > 1 << 20) {
        appendFileSync(this.file, chunk);
        chunk = '';
      }
    }
    if (chunk) appendFileSync(this.file, chunk);
    this.written += findings.length;
  }

  get size(): number {
    return this.written;
  }

  /** Every spooled finding, in the order they were produced. */
  async *findings(): AsyncIterable<CorpusFinding> {
    if (this.written === 0) return;
    const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as CorpusFinding;
  }

  close(): void {
    this.closed = true;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
