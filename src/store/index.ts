export { MemoryStore } from './memory-store.js';
export { openStore } from './open-store.js';
export { SqliteStore } from './sqlite-store.js';
export type { KillEntry, KillScope, StoredApproval, WardenStore } from './warden-store.js';
