export { ADMIN_EXIT, type AdminIo, type AdminOptions, runAdmin } from './admin/run-admin.js';
export { type AppOptions, buildApp } from './app.js';
export type { App, AppContext } from './app-context.js';
export type { BlobStore } from './blobs/blob-store.js';
export { MemoryBlobStore } from './blobs/memory-blob-store.js';
export {
  ConfigError,
  type LogLevel,
  loadConfig,
  type RateLimit,
  type RateLimits,
  type ServerConfig,
} from './config.js';
export { ApiError, ERROR_CATALOGUE, type ErrorBody, type ErrorCode } from './errors.js';
export type { AppMetrics } from './plugins/metrics.js';
export { type RunningServer, type RunOptions, runServer } from './run-server.js';
export { MemoryStore } from './stores/memory-store.js';
export * from './stores/secret-store.js';
export { parseByteSize, UnitError } from './units.js';
