import { AppError } from '@kbs/core';

/**
 * CKAN's error kinds, with the status and `__type` its API controller answers them with
 * (ckan/views/api.py): clients branch on `__type`, so these are kept exactly.
 */
export type CkanErrorType = 'Authorization Error' | 'Not Found Error' | 'Validation Error' | 'Search Query Error' | 'Bad Request';

const STATUS: Record<CkanErrorType, number> = {
  'Authorization Error': 403,
  'Not Found Error': 404,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Bad Request': 400,
};

/** An error of the CKAN Action API; the Action API's router turns it into `{help, success: false, error}`. */
export class CkanError extends Error {
  readonly status: number;
  constructor(
    readonly type: CkanErrorType,
    message: string,
    /** Validation errors: field → messages, as CKAN's `ValidationError.error_dict`. */
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'CkanError';
    this.status = STATUS[type];
  }

  /** The `error` member of CKAN's envelope. Validation errors carry the fields beside `__type` (CKAN does). */
  body(): Record<string, unknown> {
    if (this.type === 'Validation Error') return { __type: this.type, message: this.message, ...this.fields };
    return { __type: this.type, message: this.message };
  }
}

export function validationError(field: string, message: string): CkanError {
  return new CkanError('Validation Error', `${field}: ${message}`, { [field]: [message] });
}

export function missingValue(field: string): CkanError {
  return validationError(field, 'Missing value');
}

export function notFoundError(what: string): CkanError {
  return new CkanError('Not Found Error', `${what} not found`);
}

export function searchQueryError(message: string): CkanError {
  return new CkanError('Search Query Error', `Search Query is invalid: ${message}`);
}

/**
 * Errors raised before or around an action (the platform's own middleware: a bad API key, the rate
 * limit, a body that is not JSON, the database away) in CKAN's terms, so that a CKAN client never sees
 * a problem+json document. Status codes of 429 and 5xx are kept; CKAN has no kind for them.
 */
export function fromAppError(error: AppError): { status: number; body: Record<string, unknown> } {
  if (error.status === 401 || error.status === 403) return { status: 403, body: { __type: 'Authorization Error', message: `Access denied: ${error.detail}` } };
  if (error.status === 404) return { status: 404, body: { __type: 'Not Found Error', message: error.detail } };
  if ((error.status === 400 || error.status === 413) && (error.extra.parameter ?? 'body') === 'body') {
    return { status: 400, body: { __type: 'Bad Request', message: `Bad request - JSON Error: ${error.detail}` } };
  }
  if (error.status === 400 || error.status === 409) {
    const field = error.extra.parameter ?? 'body';
    return { status: 409, body: { __type: 'Validation Error', message: error.detail, [field]: [error.detail] } };
  }
  if (error.status === 429) return { status: 429, body: { __type: 'Too Many Requests', message: error.detail } };
  if (error.status === 503) return { status: 503, body: { __type: 'Service Unavailable', message: error.detail } };
  return { status: 500, body: { __type: 'Internal Server Error', message: 'An unexpected error occurred; it has been logged.' } };
}
