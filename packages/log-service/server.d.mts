// Emitted from the JSDoc in server.mjs by gen-types.sh; do not edit by hand.
/**
 * @typedef {Object} AccessLogEntry
 * @property {string} method
 * @property {string} route   the route template, e.g. /consent/:id (never the id itself)
 * @property {number} status
 * @property {number} ms
 */
/**
 * The site's consent cookie, as its config writes it: what the service needs to re-issue it
 * from a response (Safari keeps cookies set by script for 7 days at most, cookies set by a
 * same-site response for their full lifetime).
 * @typedef {Object} ConsentCookieOptions
 * @property {string} [name]             (default "consentgate")
 * @property {number} [expiresAfterDays] the config's expiresAfterDays, 1..395. (default 182)
 * @property {string} [domain]           the config's cookie.domain; unset: host-only
 * @property {string} [path]             (default "/")
 * @property {'Lax' | 'Strict' | 'None'} [sameSite]  (default "Lax")
 */
/**
 * @typedef {Object} LogServerOptions
 * @property {number} [port]            0 picks a free port. (default 8081)
 * @property {string} [host]            (default "127.0.0.1")
 * @property {string} [dbPath]          SQLite file, created on first start. (default "data/consent.sqlite")
 * @property {string} [databaseUrl]     PostgreSQL connection string; wins over dbPath when set
 * @property {string} [adminToken]      Bearer token for DELETE /consent/:id, /stats, /export and /verify; unset disables them
 * @property {string} [chainKey]        key of the hash chain (HMAC-SHA-256); keep it outside the database. Unset: a public key
 * @property {number} [retentionDays]   rows received longer ago are purged. (default 1095)
 * @property {string[]} [corsOrigins]   origins (e.g. "https://www.example.nl") allowed to call from another origin
 * @property {number} [purgeIntervalMs] how often the retention purge runs. (default 3600000)
 * @property {number} [drainTimeoutMs]  close() waits this long for in-flight requests. (default 10000)
 * @property {ConsentCookieOptions | false} [consentCookie]  re-issue the consent cookie on receipts; false: never. (default {})
 * @property {number} [maxClockSkewMs]  a receipt dated further ahead of the server clock is refused. (default 600000: 10 minutes)
 * @property {number} [maxReceiptAgeDays] a receipt dated further back is refused. (default: the cookie's expiresAfterDays, else 182)
 * @property {{ perSecond: number, burst: number } | false} [rateLimit]  per client; false: none. (default 5 per second, bursts of 60)
 * @property {number} [maxConnections]  open connections in all. (default 4096)
 * @property {number} [maxConnectionsPerClient]  open connections per client address. (default 32)
 * @property {string} [clientAddressHeader]  behind a proxy: the header holding the client address (the last entry counts), e.g. "x-forwarded-for"
 * @property {number} [headersTimeoutMs] a connection must send complete headers within this. (default 10000)
 * @property {number} [requestTimeoutMs] and the whole request within this. (default 15000)
 * @property {number} [keepAliveTimeoutMs] an idle keep-alive connection is closed after this. (default 5000)
 * @property {number} [connectionsCheckingIntervalMs] how often the two timeouts above are checked. (default 1000)
 * @property {number} [maxTextBytes]    largest texts body for PUT /texts/:hash. (default 65536)
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
/**
 * The site's consent cookie, as its config writes it: what the service needs to re-issue it
 * from a response (Safari keeps cookies set by script for 7 days at most, cookies set by a
 * same-site response for their full lifetime).
 */
export type ConsentCookieOptions = {
    /**
     * (default "consentgate")
     */
    name?: string | undefined;
    /**
     * the config's expiresAfterDays, 1..395. (default 182)
     */
    expiresAfterDays?: number | undefined;
    /**
     * the config's cookie.domain; unset: host-only
     */
    domain?: string | undefined;
    /**
     * (default "/")
     */
    path?: string | undefined;
    /**
     * (default "Lax")
     */
    sameSite?: "Lax" | "Strict" | "None" | undefined;
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
     * Bearer token for DELETE /consent/:id, /stats, /export and /verify; unset disables them
     */
    adminToken?: string | undefined;
    /**
     * key of the hash chain (HMAC-SHA-256); keep it outside the database. Unset: a public key
     */
    chainKey?: string | undefined;
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
     * re-issue the consent cookie on receipts; false: never. (default {})
     */
    consentCookie?: false | ConsentCookieOptions | undefined;
    /**
     * a receipt dated further ahead of the server clock is refused. (default 600000: 10 minutes)
     */
    maxClockSkewMs?: number | undefined;
    /**
     * a receipt dated further back is refused. (default: the cookie's expiresAfterDays, else 182)
     */
    maxReceiptAgeDays?: number | undefined;
    /**
     * per client; false: none. (default 5 per second, bursts of 60)
     */
    rateLimit?: false | {
        perSecond: number;
        burst: number;
    } | undefined;
    /**
     * open connections in all. (default 4096)
     */
    maxConnections?: number | undefined;
    /**
     * open connections per client address. (default 32)
     */
    maxConnectionsPerClient?: number | undefined;
    /**
     * behind a proxy: the header holding the client address (the last entry counts), e.g. "x-forwarded-for"
     */
    clientAddressHeader?: string | undefined;
    /**
     * a connection must send complete headers within this. (default 10000)
     */
    headersTimeoutMs?: number | undefined;
    /**
     * and the whole request within this. (default 15000)
     */
    requestTimeoutMs?: number | undefined;
    /**
     * an idle keep-alive connection is closed after this. (default 5000)
     */
    keepAliveTimeoutMs?: number | undefined;
    /**
     * how often the two timeouts above are checked. (default 1000)
     */
    connectionsCheckingIntervalMs?: number | undefined;
    /**
     * largest texts body for PUT /texts/:hash. (default 65536)
     */
    maxTextBytes?: number | undefined;
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
