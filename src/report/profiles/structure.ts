import type { DocumentProfile } from './profile.js';

export interface StructureProfile {
  words: number;
  sections: Record<string, number>;
  comments: number;
  replies: number;
  commenters: number;
}

/** The shape of the page: how much is article, comments and furniture. */
export const structureProfile: DocumentProfile<StructureProfile> = {
  key: 'structure',
  title: 'Structure',
  compute(doc) {
    const sections: Record<string, number> = {};
    for (const s of doc.sections) sections[s.kind] = (sections[s.kind] ?? 0) + 1;
    const comments = doc.sections.filter((s) => s.kind === 'comment');
    const body = doc.sections.filter((s) => s.kind === 'body').map((s) => doc.text.slice(s.start, s.end)).join(' ');
    return {
      words: body.match(/[\p{L}\p{N}]+/gu)?.length ?? 0,
      sections,
      comments: comments.length,
      replies: comments.filter((c) => typeof c.parent === 'number').length,
      commenters: new Set(comments.map((c) => c.author).filter(Boolean)).size,
    };
  },
  markdown(v) {
    const parts = Object.entries(v.sections).map(([k, n]) => `${n} ${k}`);
    return `${v.words} words in the body; sections: ${parts.join(', ')}${v.comments ? `; ${v.comments} comments (${v.replies} replies, ${v.commenters} named commenters)` : ''}.`;
  },
  html(v, escape) {
    return `<p>${escape(structureProfile.markdown(v))}</p>`;
  },
  terminal(v) {
    return `${v.words} words, ${v.sections.body ?? 0} paragraphs${v.comments ? `, ${v.comments} comments (${v.replies} replies)` : ''}`;
  },
};
