/**
 * A one-line progress display on stderr, drawn only when stderr is a terminal (never in pipes,
 * files or CI logs, where it would be noise): done/total, a bar, the rate, the time left and
 * the current input. Without a known total it shows the count and the rate. Redrawn at most
 * every REDRAW_MS so a fast run does not spend its time writing escape codes.
 */
export interface Progress {
  update(done: number, current: string, failed: number): void;
  /** the total became known (or changed: a folder listed while the run goes on) */
  setTotal(total: number): void;
  finish(): void;
}

/** The part of a stream the display needs; tests pass a fake with `isTTY` set as they need. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

export interface ProgressOptions {
  total?: number;
  /** the clock, for tests */
  now?: () => number;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 20;

export function createProgress(label: string, stream: ProgressStream = process.stderr, options: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { update() {}, setTotal() {}, finish() {} };
  const now = options.now ?? Date.now;
  const started = now();
  let total = options.total ?? null;
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    setTotal(n) {
      total = n;
    },
    update(done, current, failed) {
      const t = now();
      const last = total !== null && done >= total;
      if (!last && t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const line = progressLine({ label, done, total, failed, current, elapsedMs: t - started });
      const width = stream.columns ?? 80;
      stream.write(`\r\u001b[2K${line.slice(0, width - 1)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

export interface ProgressState {
  label: string;
  done: number;
  total: number | null;
  failed: number;
  current: string;
  elapsedMs: number;
}

/** "Analysing 12/40 [██████░░░░░░░░░░░░░░] 30% · 2.4/s · ETA 0:12 · 1 failed · a.txt" */
export function progressLine(s: ProgressState): string {
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 && s.done > 0 ? s.done / seconds : null;
  const parts: string[] = [];
  if (s.total !== null && s.total > 0) {
    const fraction = Math.min(1, s.done / s.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`${s.label} ${s.done}/${s.total} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}%`);
    parts.push(rate === null ? '–/s' : `${rate.toFixed(1)}/s`);
    parts.push(`ETA ${rate === null ? '–' : formatClock(Math.max(0, s.total - s.done) / rate)}`);
  } else {
    parts.push(`${s.label} ${s.done} done`);
    parts.push(rate === null ? '–/s' : `${rate.toFixed(1)}/s`);
  }
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s.current) parts.push(s.current);
  return parts.join(' · ');
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatClock(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/**
 * A progress display whose total is counted meanwhile (listing a folder of many files takes a
 * moment): the count runs only on a terminal, so pipes and CI never pay for it.
 */
export function createCountedProgress(label: string, count: () => Promise<number>, stream: ProgressStream = process.stderr): Progress {
  const progress = createProgress(label, stream);
  if (stream.isTTY) void count().then((n) => progress.setTotal(n), () => undefined);
  return progress;
}
