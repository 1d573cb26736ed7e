/**
 * Text safe inside XML 1.0 attributes and elements: markup characters escaped, and the
 * characters XML 1.0 forbids (C0 controls other than tab, newline and return, lone
 * surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, so hostile text never breaks the file.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
