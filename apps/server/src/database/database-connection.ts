/** Where the DataSource connects: an external PostgreSQL, or the embedded PGlite socket. */
export interface DatabaseConnection {
  driver: 'postgres' | 'pglite';
  url: string;
}

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');
