/**
 * What other parts of the repository (the benchmarks) may use of the API by name, `@mpm/api`:
 * build the app over a database, as `server.ts` does, without listening.
 */
export { buildApp, type BuildOptions } from './app.ts';
export { prepareDatabase } from './bootstrap.ts';
export { openDatabase, type Database, type DatabaseTarget } from './db/connect.ts';
export { loadConfig, type AppConfig } from './config.ts';
