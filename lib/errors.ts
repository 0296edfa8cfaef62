// The application's error type: a code, a message users may see, an HTTP status, and the cause.

export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'STORAGE_UNAVAILABLE'
  | 'QUOTA_EXCEEDED'
  | 'STORAGE_FULL'
  | 'INTERNAL';

const statusByCode: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_UNAVAILABLE: 503,
  /** The user's own storage quota (USER_QUOTA_BYTES): they can make room themselves. */
  QUOTA_EXCEEDED: 413,
  /** The server's disk is full (ENOSPC): only the administrator can make room. */
  STORAGE_FULL: 507,
  INTERNAL: 500,
};

/**
 * An error whose `message` is safe to show users. `fields` maps a form field or column to what is
 * wrong with it; `cause` keeps the original error for the log.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; fields?: Record<string, string>; status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? statusByCode[code];
    this.fields = options.fields;
  }
}

/** The JSON body an API route answers with for an error. */
export interface ErrorBody {
  error: { code: AppErrorCode; message: string; fields?: Record<string, string> };
}

/** Converts any thrown value into the error users see; unknown errors become a generic 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL', 'Something went wrong on our side. Please try again.', {
    cause: error,
  });
}
