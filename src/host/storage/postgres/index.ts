export { createPostgresStorage, type PostgresStorageOptions } from './engine';
