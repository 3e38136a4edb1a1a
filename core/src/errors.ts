/**
 * The one error type of the platform. Routes and modules throw it; one place (the API's error
 * middleware) turns it into `application/problem+json` (RFC 9457). `detail` is safe to show to
 * clients; a cause (a database error, say) goes only to the log.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine code, e.g. "invalid-parameter"; becomes the problem `type`. */
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { parameter?: string; [key: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'AppError';
  }
}

export const PROBLEM_BASE = 'https://kbs.bagcilar.bel.tr/problems/';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  parameter?: string;
  [key: string]: unknown;
}

export function invalidParameter(parameter: string, detail: string): AppError {
  return new AppError(400, 'invalid-parameter', 'Geçersiz parametre / Invalid parameter', detail, { parameter });
}

export function notFound(detail: string, parameter?: string): AppError {
  return new AppError(404, 'not-found', 'Bulunamadı / Not found', detail, parameter ? { parameter } : {});
}

/** The thing was here and was taken away on purpose; `reason` says why (an unpublished dataset). */
export function gone(detail: string, parameter: string, reason: string, since: Date | null): AppError {
  return new AppError(410, 'gone', 'Yayından kaldırıldı / Gone', detail, { parameter, reason, ...(since ? { since: since.toISOString() } : {}) });
}

export function unauthorized(detail: string, parameter?: string): AppError {
  return new AppError(401, 'unauthorized', 'Kimlik doğrulanmadı / Unauthorized', detail, parameter ? { parameter } : {});
}

export function forbidden(detail: string, parameter?: string): AppError {
  return new AppError(403, 'forbidden', 'Yetkisiz / Forbidden', detail, parameter ? { parameter } : {});
}

export function conflict(detail: string, parameter: string): AppError {
  return new AppError(409, 'conflict', 'Çakışma / Conflict', detail, { parameter });
}

export function tooManyRequests(detail: string, retryAfterSeconds: number): AppError {
  return new AppError(429, 'too-many-requests', 'Çok fazla istek / Too many requests', detail, { retryAfter: retryAfterSeconds });
}

export function serviceUnavailable(detail: string, cause?: unknown): AppError {
  return new AppError(503, 'service-unavailable', 'Hizmet geçici olarak kullanılamıyor / Service unavailable', detail, {}, { cause });
}

export function internalError(cause?: unknown): AppError {
  return new AppError(500, 'internal-error', 'Sunucu hatası / Internal error', 'An unexpected error occurred; it has been logged.', {}, { cause });
}

export function toProblem(error: AppError, instance?: string): ProblemDocument {
  return {
    type: PROBLEM_BASE + error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
}
