import { DiscernError } from '../../core/errors.js';

/**
 * Text of a PDF through unpdf (PDF.js packaged for servers, pure JavaScript, no binaries):
 * pages in order, separated by a blank line. A PDF that PDF.js cannot open, or one with no
 * text layer (a scan), is refused with a reason naming the file.
 */
export async function pdfText(bytes: Uint8Array, input: string): Promise<{ text: string; title: string | null; pages: number }> {
  const { getDocumentProxy, extractText, getMeta } = await import('unpdf');
  let proxy;
  try {
    proxy = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw new DiscernError('INPUT_UNREADABLE', `not a readable PDF (${(error as Error).message.replace(/\.$/, '')})`, input, { cause: error });
  }
  try {
    const { text, totalPages } = await extractText(proxy, { mergePages: false });
    const pages = (text as string[]).map((page) => page.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim());
    const joined = pages.filter((p) => p.length > 0).join('\n\n');
    if (joined.trim() === '') {
      throw new DiscernError('INPUT_EMPTY', `the PDF has ${totalPages} page(s) but no text layer (a scan needs OCR first)`, input);
    }
    let title: string | null = null;
    try {
      const meta = await getMeta(proxy);
      const t = (meta.info as Record<string, unknown> | undefined)?.Title;
      title = typeof t === 'string' && t.trim() ? t.trim() : null;
    } catch {
      title = null;
    }
    return { text: joined, title, pages: totalPages };
  } finally {
    await proxy.cleanup();
  }
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}
