import { Initial1795587528991 } from '../../migrations/1795587528991-Initial.js';

/** Every migration, in order: under ESM TypeORM cannot glob for them. */
export const MIGRATIONS = [Initial1795587528991];
