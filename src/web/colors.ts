/** Colours for finding kinds and accusation stances: fixed for the known ones, hashed for new ones. */

const KIND_COLORS: Record<string, string> = {
  entity: '#3b82f6',
  claim: '#f59e0b',
  attribution: '#10b981',
  certainty: '#a855f7',
  technique: '#ef4444',
  accusation: '#e11d48',
  repetition: '#06b6d4',
  'inauthentic-signal': '#f97316',
  stance: '#84cc16',
  event: '#14b8a6',
  sentence: '#94a3b8',
  language: '#64748b',
};

const STANCE_COLORS: Record<string, string> = {
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

function hashed(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 65% 50%)`;
}

export function kindColor(kind: string): string {
  return KIND_COLORS[kind] ?? hashed(kind);
}

export function stanceColor(stance: string): string {
  return STANCE_COLORS[stance.toLowerCase()] ?? hashed(stance);
}
