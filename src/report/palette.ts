/**
 * One palette for finding kinds and accusation stances, used by the HTML report and the
 * workbench alike, so a kind has the same colour everywhere: fixed for the known kinds,
 * hashed for new ones.
 */

const KIND_COLORS: Readonly<Record<string, string>> = {
  entity: '#3b82f6',
  claim: '#f59e0b',
  attribution: '#10b981',
  certainty: '#a855f7',
  technique: '#ef4444',
  accusation: '#e11d48',
  repetition: '#06b6d4',
  'inauthentic-signal': '#f97316',
  verification: '#0ea5e9',
  'fact-check': '#6366f1',
  stance: '#84cc16',
  event: '#14b8a6',
  sentence: '#94a3b8',
  language: '#64748b',
};

const STANCE_COLORS: Readonly<Record<string, string>> = {
  asserts: '#dc2626',
  accuses: '#dc2626',
  supports: '#dc2626',
  endorses: '#dc2626',
  denies: '#2563eb',
  rejects: '#2563eb',
  disputes: '#2563eb',
  reports: '#6b7280',
  neutral: '#6b7280',
  questions: '#d97706',
  unknown: '#9ca3af',
};

/** A stable colour for a name no table lists (hex, so "#rrggbb" + alpha suffixes work). */
function hashed(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return hslToHex(h % 360, 0.65, 0.5);
}

function hslToHex(hue: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

export function kindColor(kind: string): string {
  return KIND_COLORS[kind] ?? hashed(kind);
}

export function stanceColor(stance: string): string {
  return STANCE_COLORS[stance.toLowerCase()] ?? hashed(stance);
}

/**
 * Which kind a document view or report shows first when it highlights one kind at a time:
 * the first of these the document has, else the first kind in alphabetical order.
 */
export const HIGHLIGHT_ORDER: readonly string[] = ['accusation', 'claim', 'technique', 'inauthentic-signal', 'attribution', 'certainty', 'verification', 'fact-check', 'repetition', 'entity', 'language', 'sentence'];

export function firstKind(kinds: Iterable<string>): string | null {
  const present = new Set(kinds);
  for (const k of HIGHLIGHT_ORDER) if (present.has(k)) return k;
  return [...present].sort()[0] ?? null;
}
