import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import type { DatabaseTarget } from './database-target.js';
import { runMigrations } from './run-migrations.js';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/**
 * Connects TypeORM and brings the schema up to date before any other module starts. The target
 * itself is injectable too, for what needs a connection of its own (LISTEN).
 */
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [{ provide: DATABASE_TARGET, useValue: target }],
      exports: [DATABASE_TARGET],
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(target),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await runMigrations(dataSource, !target.embedded);
            new Logger('Database').log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
            return dataSource;
          },
        }),
      ],
    };
  }
}
