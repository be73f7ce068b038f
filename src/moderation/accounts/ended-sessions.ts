/** The PostgreSQL channel on which ended moderator sessions are announced to every node. */
export const ENDED_SESSIONS_CHANNEL = 'kolom_sessions';
/** NOTIFY payloads stop at 8000 bytes: a few hundred ids a message leaves plenty of room. */
const IDS_PER_MESSAGE = 500;

type Query = (sql: string, parameters: unknown[]) => Promise<unknown>;

/**
 * Tells every node, through PostgreSQL alone, that these sessions have ended, so that each closes
 * their live connections at once. The CLI shares nothing else with the servers (Redis may be
 * absent); the servers use it too, so a sign-out reaches the other nodes without Redis. Call it
 * after the sessions' rows are gone: a node that hears it may check the database.
 */
export async function announceEndedSessions(query: Query, sessionIds: number[]): Promise<void> {
  for (let start = 0; start < sessionIds.length; start += IDS_PER_MESSAGE) {
    await query('SELECT pg_notify($1, $2)', [ENDED_SESSIONS_CHANNEL, sessionIds.slice(start, start + IDS_PER_MESSAGE).join(',')]);
  }
}

/** The session ids of an announcement; nothing for a payload that is not one. */
export function parseEndedSessions(payload: string | undefined): number[] {
  if (!payload || !/^\d+(,\d+)*$/.test(payload)) return [];
  return payload.split(',').map(Number);
}
