import type { DocumentProfile } from './profile.js';

export interface ActorsProfile {
  actors: Array<{ name: string; type: string; mentions: number; aliases: string[] }>;
}

/** Who the document talks about: canonical entities with their mention counts and written forms. */
export const actorsProfile: DocumentProfile<ActorsProfile> = {
  key: 'actors',
  title: 'Actors',
  compute(_doc, findings) {
    const byName = new Map<string, { name: string; type: string; mentions: number; aliases: Set<string> }>();
    for (const f of findings) {
      if (f.kind !== 'entity') continue;
      const entry = byName.get(f.label) ?? { name: f.label, type: String(f.data?.type ?? ''), mentions: 0, aliases: new Set<string>() };
      entry.mentions++;
      entry.aliases.add(f.quote);
      byName.set(f.label, entry);
    }
    if (byName.size === 0) return null;
    const actors = [...byName.values()]
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
      .map((a) => ({ name: a.name, type: a.type, mentions: a.mentions, aliases: [...a.aliases].sort() }));
    return { actors };
  },
  markdown(value) {
    const rows = value.actors.map((a) => `| ${cell(a.name)} | ${a.type} | ${a.mentions} | ${a.aliases.map(cell).join(', ')} |`);
    return ['| Actor | Type | Mentions | Written as |', '|---|---|---:|---|', ...rows].join('\n');
  },
  html(value, escape) {
    const rows = value.actors
      .map((a) => `<tr><td>${escape(a.name)}</td><td>${escape(a.type)}</td><td class="num">${a.mentions}</td><td>${a.aliases.map(escape).join(', ')}</td></tr>`)
      .join('');
    return `<table><thead><tr><th>Actor</th><th>Type</th><th>Mentions</th><th>Written as</th></tr></thead><tbody>${rows}</tbody></table>`;
  },
  terminal(value) {
    const top = value.actors.slice(0, 5).map((a) => `${a.name} ×${a.mentions}`);
    return `actors: ${top.join(', ')}${value.actors.length > 5 ? `, +${value.actors.length - 5} more` : ''}`;
  },
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
