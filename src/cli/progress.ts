/** A one-line progress display on stderr, drawn only when stderr is a terminal. */
export interface Progress {
  update(done: number, current: string, failed: number): void;
  finish(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const started = Date.now();
  let drawn = false;
  return {
    update(done, current, failed) {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? (done / seconds).toFixed(1) : '–';
      const width = stream.columns ?? 80;
      const line = `${label} ${done} done${failed ? `, ${failed} failed` : ''} · ${rate}/s · ${current}`;
      stream.write(`\r\u001b[2K${line.slice(0, width - 1)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
