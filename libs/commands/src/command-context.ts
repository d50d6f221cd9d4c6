export type Actor = { kind: 'token'; role: string; tokenName: string } | { kind: 'system'; name: string };

/** Everything about a command that is not the business decision itself. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
  /** From `If-Match`; absent: re-read and re-decide on a concurrent write. */
  expectedRevision?: number;
  /** Idempotency scope, e.g. `POST /orders/{orderId}/payment/confirm` with the ids filled in. */
  path: string;
  /** The request body as received, for the idempotency fingerprint. */
  body: unknown;
}

/** What every command answers. */
export interface CommandResult {
  orderId: string;
  revision: number;
  position: string;
  events: string[];
}

/** An answer and the request fingerprint it is remembered under. */
export interface Answer {
  result: CommandResult;
  requestHash: string;
}
