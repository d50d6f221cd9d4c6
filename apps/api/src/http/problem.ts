/** RFC 9457 problem details, the body of every error answer (docs/http-api.md "Errors"). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An answer lists at most this many field errors: enough to fix a request, never megabytes of them. */
export const MAX_LISTED_ERRORS = 20;

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  const unlisted = Math.max(0, (errors?.length ?? 0) - MAX_LISTED_ERRORS);
  return {
    type: `https://docs.order-management.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail: unlisted ? `${detail} The first ${MAX_LISTED_ERRORS} problems are listed; ${unlisted} more are not.` : detail,
    ...(errors && errors.length ? { errors: errors.slice(0, MAX_LISTED_ERRORS) } : {}),
  };
}

/** Thrown by our own HTTP code (guards, pipes, controllers) to answer a specific problem. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem, readonly headers: Record<string, string> = {}) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}
