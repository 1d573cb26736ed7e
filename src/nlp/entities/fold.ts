/**
 * A spelling-variant key for names, so that transliterations of one name meet:
 * "Tehreek-i-Taliban" / "Tehrik-e-Taliban" / "Tehrik-i-Taliban" → "tehrik taliban".
 * Lower case, diacritics and possessives removed, hyphen-internal connectors (-e-, -i-,
 * -ul-, -o-) dropped, "ee"→"i", "oo"→"u", doubled letters collapsed.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/-(?:e|i|ul|al|o)-/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0 && word !== 'the')
    .map(foldWord)
    .join(' ');
}

export function foldWord(word: string): string {
  return word.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/(\p{L})\1+/gu, '$1');
}
