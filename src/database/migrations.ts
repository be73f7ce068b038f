import { Initial1795586737536 } from '../../migrations/1795586737536-Initial.js';

/** Every migration, in order: under ESM TypeORM cannot glob for them. */
export const MIGRATIONS = [Initial1795586737536];
