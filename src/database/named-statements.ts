import type pg from 'pg';
import { QueryFailedError } from 'typeorm';

/** PostgreSQL's answer to a Parse naming a statement the session already has. */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

/**
 * Fixed SQL sent on every post, as named prepared statements on a PostgreSQL server: parsed once
 * per connection rather than once per post. Measured on the bench, with the plans kept custom
 * (data-source-options.ts), PostgreSQL spends about a tenth less CPU on a post; with the generic
 * plan PostgreSQL switches to after five executions, a post cost more.
 *
 * Unnamed on the embedded database: its connections share one session, so a statement an earlier
 * connection prepared already exists there for the next one, which pg cannot know. Errors are
 * TypeORM's, as from DataSource.query.
 */
export class NamedStatements {
  constructor(private readonly named: boolean) {}

  async rows(client: pg.ClientBase | pg.Pool, name: string, text: string, values: unknown[]): Promise<pg.QueryResultRow[]> {
    try {
      return (await client.query(this.named ? { name, text, values } : { text, values })).rows;
    } catch (error) {
      // pg's record of the connection's statements and the server's disagree: nothing ran, send it unnamed.
      if (this.named && (error as { code?: string }).code === DUPLICATE_PREPARED_STATEMENT) return new NamedStatements(false).rows(client, name, text, values);
      throw new QueryFailedError(text, values, error as Error);
    }
  }
}
