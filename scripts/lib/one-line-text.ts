/**
 * MB megabytes of English-like sentences on one line (no line break), from a fixed seed:
 * the long one-line input of docs/reliability.md. Our own word list: no text from any data set.
 */
export function oneLineText(mb: number): string {
  const words = 'the ministry said on monday that the commission had reported new figures from the river basin while officials in the capital denied the claims and blamed the northern front for the attack on the dam according to a spokesman'.split(' ');
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  let size = 0;
  while (size < mb * 1_000_000) {
    const n = 8 + Math.floor(random() * 20);
    const s = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
    const sentence = `${s[0].toUpperCase()}${s.slice(1)} ${Math.floor(random() * 2000)}. `;
    parts.push(sentence);
    size += sentence.length;
  }
  return parts.join('').slice(0, mb * 1_000_000);
}
