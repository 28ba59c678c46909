// Emitted from the JSDoc in temp-postgres.mjs by gen-types.sh; do not edit by hand.
/** True when initdb and pg_ctl are installed. */
export function postgresAvailable(): boolean;
/**
 * A port that was free a moment ago.
 * @returns {Promise<number>}
 */
export function freePort(): Promise<number>;
/**
 * Start a cluster. Resolves to its connection string and a stop function.
 * With `durable: false` (the tests) the cluster skips fsync: its data need not outlive the
 * machine, and CREATE DATABASE per test drops from about a second to milliseconds. A COMMIT
 * is still a commit to every other session. The bench keeps the defaults.
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<{ url: string, dir: string, stop: () => Promise<void> }>}
 */
export function startTempPostgres({ durable }?: {
    durable?: boolean;
}): Promise<{
    url: string;
    dir: string;
    stop: () => Promise<void>;
}>;
/** Where Debian puts the server binaries; PG_BIN overrides. */
export const POSTGRES_BIN: string;
