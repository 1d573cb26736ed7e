/**
 * A text as a one-line excerpt of at most `max` characters: whitespace runs become one space,
 * and a cut text ends in "…". Reports, explanations, the CLI and the workbench all quote long
 * passages this one way.
 */
export function clipText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…` : flat;
}
