/**
 * Every failure Discern reports is a coded error from this one table, so the CLI,
 * the HTTP layer and tests can map codes to exit codes and statuses in one place.
 */

export const ERROR_CODES = {
  INPUT_NOT_FOUND: 'no such file, folder or URL',
  INPUT_EMPTY: 'the input is empty',
  INPUT_BINARY: 'the input is binary, not text',
  INPUT_TOO_LARGE: 'the input is larger than the size limit',
  INPUT_ENCODING: 'the input is not valid text in a supported encoding',
  INPUT_UNREADABLE: 'the input could not be read',
  INPUT_NO_FILES: 'the folder holds no readable text, Markdown or HTML files',
  INPUT_MALFORMED: 'the input could not be parsed',
  URL_INVALID: 'not a valid http(s) URL',
  URL_PRIVATE: 'the URL points to a private, loopback or link-local address',
  URL_FETCH_FAILED: 'the URL could not be fetched',
  URL_TIMEOUT: 'the URL did not answer in time',
  URL_CONTENT_TYPE: 'the URL did not return text or HTML',
  URL_TOO_MANY_REDIRECTS: 'the URL redirected too many times',
  URL_ROBOTS: "the site's robots.txt disallows fetching this URL",
  USAGE: 'the command was called wrongly',
  STORE: 'the database could not be read or written',
  BUSY: 'the database is busy with another writer; try again shortly',
  GAZETTEER: 'the gazetteer file is invalid',
  ANALYZER_FAILED: 'an analyser failed on this document',
  ANALYSIS_WORKER: 'the analysis worker stopped before it finished this document',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DiscernError extends Error {
  readonly code: ErrorCode;
  /** the file, URL or argument the error is about */
  readonly input?: string;

  constructor(code: ErrorCode, message: string, input?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DiscernError';
    this.code = code;
    this.input = input;
  }
}

export function isDiscernError(value: unknown): value is DiscernError {
  return value instanceof DiscernError;
}

/** One line a person can act on: which input, what is wrong. */
export function describeError(error: unknown): string {
  if (isDiscernError(error)) {
    return error.input ? `${error.input}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
