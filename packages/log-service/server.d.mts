// Emitted from the JSDoc in server.mjs by gen-types.sh; do not edit by hand.
/**
 * @typedef {Object} AccessLogEntry
 * @property {string} method
 * @property {string} route   the route template, e.g. /consent/:id (never the id itself)
 * @property {number} status
 * @property {number} ms
 */
/**
 * @typedef {Object} LogServerOptions
 * @property {number} [port]            0 picks a free port. (default 8081)
 * @property {string} [host]            (default "127.0.0.1")
 * @property {string} [dbPath]          SQLite file, created on first start. (default "data/consent.sqlite")
 * @property {string} [databaseUrl]     PostgreSQL connection string; wins over dbPath when set
 * @property {string} [adminToken]      Bearer token for DELETE /consent/:id and GET /stats; unset disables both
 * @property {number} [retentionDays]   rows received longer ago are purged. (default 1095)
 * @property {string[]} [corsOrigins]   origins (e.g. "https://www.example.nl") allowed to call from another origin
 * @property {number} [purgeIntervalMs] how often the retention purge runs. (default 3600000)
 * @property {number} [drainTimeoutMs]  close() waits this long for in-flight requests. (default 10000)
 * @property {(entry: AccessLogEntry) => void} [accessLog]  called once per response
 * @property {(error: unknown) => void} [onError]  background failures (purge, upkeep). (default console.error)
 */
/**
 * @typedef {Object} LogServer
 * @property {number} port
 * @property {string} url       e.g. http://127.0.0.1:8081
 * @property {'sqlite' | 'postgres'} store
 * @property {() => Promise<number>} purge  run the retention purge now; resolves to the rows removed
 * @property {() => Promise<void>} close    stop accepting, drain in-flight requests, close the store
 */
/**
 * Open the store (applying migrations), purge expired rows, and listen.
 * @param {LogServerOptions} [options]
 * @returns {Promise<LogServer>}
 */
export function startLogServer(options?: LogServerOptions): Promise<LogServer>;
export type AccessLogEntry = {
    method: string;
    /**
     * the route template, e.g. /consent/:id (never the id itself)
     */
    route: string;
    status: number;
    ms: number;
};
export type LogServerOptions = {
    /**
     * 0 picks a free port. (default 8081)
     */
    port?: number | undefined;
    /**
     * (default "127.0.0.1")
     */
    host?: string | undefined;
    /**
     * SQLite file, created on first start. (default "data/consent.sqlite")
     */
    dbPath?: string | undefined;
    /**
     * PostgreSQL connection string; wins over dbPath when set
     */
    databaseUrl?: string | undefined;
    /**
     * Bearer token for DELETE /consent/:id and GET /stats; unset disables both
     */
    adminToken?: string | undefined;
    /**
     * rows received longer ago are purged. (default 1095)
     */
    retentionDays?: number | undefined;
    /**
     * origins (e.g. "https://www.example.nl") allowed to call from another origin
     */
    corsOrigins?: string[] | undefined;
    /**
     * how often the retention purge runs. (default 3600000)
     */
    purgeIntervalMs?: number | undefined;
    /**
     * close() waits this long for in-flight requests. (default 10000)
     */
    drainTimeoutMs?: number | undefined;
    /**
     * called once per response
     */
    accessLog?: ((entry: AccessLogEntry) => void) | undefined;
    /**
     * background failures (purge, upkeep). (default console.error)
     */
    onError?: ((error: unknown) => void) | undefined;
};
export type LogServer = {
    port: number;
    /**
     * e.g. http://127.0.0.1:8081
     */
    url: string;
    store: "sqlite" | "postgres";
    /**
     * run the retention purge now; resolves to the rows removed
     */
    purge: () => Promise<number>;
    /**
     * stop accepting, drain in-flight requests, close the store
     */
    close: () => Promise<void>;
};
