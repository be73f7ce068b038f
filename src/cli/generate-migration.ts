import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * Writes a migration holding the difference between the entities and the schema that the existing
 * migrations build (TypeORM's own schema diff, the same as its CLI's migration:generate).
 */
export async function generateMigration(dataSource: DataSource, name: string, directory: string): Promise<string | null> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) return null;
  const timestamp = Date.now();
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
  const literal = (text: string) => '`' + text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${') + '`';
  const statement = (q: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(${literal(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(statement).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(statement).join('\n')}
  }
}
`;
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${timestamp}-${name}.ts`);
  writeFileSync(file, source);
  return file;
}
