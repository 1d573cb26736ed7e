/** A line of the text with its offsets; `start..end` excludes the newline. */
export interface Line {
  index: number;
  start: number;
  end: number;
  /** the line as written, including indentation */
  raw: string;
  /** the line without leading and trailing white space */
  content: string;
  /** offset of `content` in the text */
  contentStart: number;
  /** leading white space width (a tab counts 4) */
  indent: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    lines.push({
      index,
      start,
      end,
      raw,
      content,
      contentStart: start + lead,
      indent: raw.slice(0, lead).replace(/\t/g, '    ').length,
    });
    if (end === text.length) break;
    start = end + 1;
  }
  return lines;
}

export function isBlank(line: Line): boolean {
  return line.content.length === 0;
}

/** Offset just after the last non-space character of the line. */
export function contentEnd(line: Line): number {
  return line.contentStart + line.content.length;
}
