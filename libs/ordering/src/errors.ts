/**
 * A refusal by a business rule, with a stable snake_case code that callers can rely on.
 * Plain class: the domain knows nothing of HTTP; one exception filter maps codes to statuses.
 */
export class DomainError extends Error {
  constructor(readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Something named by the command does not exist (order_not_found, line_not_found, ...). */
export class NotFoundError extends DomainError {
  constructor(code: 'order_not_found' | 'line_not_found' | 'return_not_found' | 'complaint_not_found' | 'refund_not_found' | 'edit_not_found', message: string) {
    super(code, message);
    this.name = 'NotFoundError';
  }
}

/** The command itself is malformed in a way only the domain can see (e.g. duplicate lineIds). */
export class InvalidCommandError extends DomainError {
  constructor(message: string, readonly errors: Array<{ field: string; message: string }>) {
    super('validation_failed', message);
    this.name = 'InvalidCommandError';
  }
}
