/** Another process holds the embedded database's data folder (its lock file names the process). */
export class EmbeddedDatabaseInUseError extends Error {}
