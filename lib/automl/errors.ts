// The engine's error type: a code for programs, a message for people, and details naming the culprit.

export type AutoMLErrorCode =
  | 'INVALID_OPTION'
  | 'LABEL_MISSING'
  | 'LABEL_NOT_NUMERIC'
  | 'LABEL_NOT_FINITE'
  | 'TOO_FEW_ROWS'
  | 'NO_USABLE_FEATURES'
  | 'MISSING_COLUMNS'
  | 'INVALID_MODEL_FILE'
  | 'UNSUPPORTED_MODEL_VERSION'
  | 'NO_MODEL_TRAINED';

/** An error a user can act on. `message` is written for users; `details` carries the specifics. */
export class AutoMLError extends Error {
  readonly code: AutoMLErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: AutoMLErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AutoMLError';
    this.code = code;
    this.details = details;
  }
}
