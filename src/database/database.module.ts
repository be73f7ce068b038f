import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import type { DatabaseTarget } from './database-target.js';
import { runMigrations } from './run-migrations.js';

/** Connects TypeORM and brings the schema up to date before any other module starts. */
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(target),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await runMigrations(dataSource, !target.embedded);
            new Logger('Database').log(
              applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date',
            );
            return dataSource;
          },
        }),
      ],
    };
  }
}
