/** Where the app's connections go: a PostgreSQL server, or the embedded database's loopback port. */
export interface DatabaseTarget {
  url: string;
  poolSize: number;
  embedded: boolean;
}
