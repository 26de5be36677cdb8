/**
 * What other parts of the repository (the benchmarks) may use of the API by name, `@mpm/api`:
 * build the app over a database, as `server.ts` does, without listening; make one vector tile
 * without the app (the tile benchmark's baseline).
 */
export { buildApp, type BuildOptions } from './app.ts';
export { prepareDatabase } from './bootstrap.ts';
export { openDatabase, type Database, type DatabaseTarget } from './db/connect.ts';
export { loadConfig, type AppConfig } from './config.ts';
export { createRepositories } from './plugins/app/repositories.plugin.ts';
export { makeTile } from './plugins/app/tiles/tile-source.ts';
