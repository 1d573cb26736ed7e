import type { CorpusSection } from './corpus-sections/section.js';
import { commentBanners, KeyFindingGatherer, type CommentBanner, type KeyFinding } from './key-findings.js';

export type { CommentBanner, EvidenceRef, KeyFinding } from './key-findings.js';

/**
 * Key findings as a corpus section (`corpus.keyFindings` in the JSON report): ranked over every
 * document the report streams past. HTML and Markdown reports show it first, with links to
 * the evidence in the report; the terminal summary prints it first.
 */

export interface KeyFindingsView {
  items: KeyFinding[];
  /** documents whose comment section is templated or partly templated */
  banners: CommentBanner[];
}

export const KEY_FINDINGS_KEY = 'keyFindings';

/** Documents whose weakest-sourced claim a report keeps while it streams (it shows 3). */
export const REPORT_WEAKEST = 500;

export const keyFindingsSection: CorpusSection<KeyFindingsView, KeyFindingGatherer> = {
  key: KEY_FINDINGS_KEY,
  title: 'Key findings',
  gather: {
    // a report ranks over every document but shows a few items of each kind: bounded whatever the corpus
    start: () => new KeyFindingGatherer(undefined, { maxWeakest: REPORT_WEAKEST }),
    add(gatherer, doc, findings) {
      // the report has applied thresholds and reviews to `findings` already
      gatherer.add(doc.id, findings);
    },
  },
  compute(findings, names, gatherer) {
    const items = (gatherer ?? new KeyFindingGatherer()).result(findings, names);
    const banners = [...commentBanners(findings).values()];
    return items.length || banners.length ? { items, banners } : null;
  },
  markdown(value) {
    return value.items.map((k) => `- **${k.tag}:** ${k.text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)}`).join('\n');
  },
  html(value, escape) {
    return `<ul>${value.items.map((k) => `<li><strong>${escape(k.tag)}:</strong> ${escape(k.text)}</li>`).join('')}</ul>`;
  },
};
