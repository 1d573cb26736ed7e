import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CODES, isDiscernError, type ErrorCode } from '../core/errors.js';

/**
 * The one place HTTP statuses are decided: every DiscernError code has its status here, and
 * the API's own refusals (bad parameter, not found, too many requests...) are HttpErrors.
 * Every error leaves the server as `{ "error": { "code", "message", "input"? } }`.
 */

export const STATUS_OF_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  INPUT_NOT_FOUND: 404,
  INPUT_EMPTY: 422,
  INPUT_BINARY: 415,
  INPUT_TOO_LARGE: 413,
  INPUT_ENCODING: 422,
  INPUT_UNREADABLE: 422,
  INPUT_NO_FILES: 422,
  INPUT_MALFORMED: 422,
  URL_INVALID: 400,
  URL_PRIVATE: 403,
  URL_FETCH_FAILED: 502,
  URL_TIMEOUT: 504,
  URL_CONTENT_TYPE: 422,
  URL_TOO_MANY_REDIRECTS: 502,
  URL_ROBOTS: 403,
  USAGE: 400,
  STORE: 500,
  BUSY: 503,
  GAZETTEER: 500,
  ANALYZER_FAILED: 500,
  ANALYSIS_WORKER: 500,
};

/** Seconds a client should wait before retrying a 503 (the store's writer is busy). */
export const RETRY_AFTER_SECONDS = 1;

/** The API's own error codes, beside the DiscernError ones. */
export type HttpErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'TOO_MANY_REQUESTS' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL';

const STATUS_OF_HTTP_CODE: Record<HttpErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly input?: string;

  constructor(code: HttpErrorCode, message: string, input?: string) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.input = input;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; input?: string };
}

export function errorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof HttpError) {
    return { status: STATUS_OF_HTTP_CODE[error.code], body: { error: { code: error.code, message: error.message, ...(error.input ? { input: error.input } : {}) } } };
  }
  if (isDiscernError(error)) {
    const status = STATUS_OF_CODE[error.code] ?? 500;
    // server-side failures are not explained to the client beyond the code's description
    const message = status >= 500 ? ERROR_CODES[error.code] : error.message;
    const body = { error: { code: error.code, message, ...(error.input && status < 500 ? { input: error.input } : {}) } };
    // 503 (BUSY): the request was fine and can be repeated as is
    return status === 503 ? { status, body, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } : { status, body };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'the server failed on this request' } } };
}

export function sendError(c: Context, error: unknown): Response {
  const { status, body, headers } = errorResponse(error);
  return c.json(body, status, headers);
}
