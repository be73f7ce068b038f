/** What readers and moderators are told while PostgreSQL does not answer. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'Comments are unavailable for a moment. Please try again shortly.';
/** Seconds a client is asked to wait before trying again (a restart of PostgreSQL takes a few). */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is going away, starting up, or full: class 08 (connection exception) and these. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres words these without a code. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * Whether an error means "PostgreSQL is not reachable right now" (down, restarting, cut off), as
 * opposed to a bug: such a request deserves a 503 and a retry, not a 500. TypeORM wraps the
 * driver's error in `driverError`; Node's own in `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (DRIVER_MESSAGES.some((message) => error.message.includes(message))) return true;
  const inner = (error as { driverError?: unknown }).driverError ?? error.cause;
  return inner !== error && isDatabaseUnavailable(inner, depth + 1);
}
