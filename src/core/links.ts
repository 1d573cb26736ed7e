/**
 * The one rule for URLs Discern stores and serves as a document's source: absolute http(s)
 * only. Anything else (`javascript:`, `data:`, `vbscript:`, `//host`, `/\host`, relative
 * paths) could turn into a link that runs script or leaves the site, so it is dropped at
 * ingest (with a warning) and never served.
 */
export function absoluteHttpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  // without a base, only a value that itself spells http(s):// counts (not "//host" or "/\host")
  if (base === undefined && !/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}
