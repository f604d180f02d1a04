export { createPostgresStorage, type PostgresStorage, type PostgresStorageOptions } from './engine';
