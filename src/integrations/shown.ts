// The consent rate's denominator: each display of the first layer is counted by the consent log,
// anonymously. Called by the interface when it shows the banner; only the revision and the
// language are sent, without cookies and without the consent id.

/**
 * `POST <logEndpoint>/shown` with `{ revision, language }` (the log's `POST /consent/shown` when
 * the endpoint is `/consent`). Credentials omitted, fire and forget; never throws. No call when
 * `endpoint` is null.
 */
export const reportShown = (endpoint: string | null, revision: number, language: string): void => {
  if (!endpoint) return;
  try {
    fetch(new URL(endpoint, location.href).href.replace(/\/?$/, '/shown'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ revision, language }),
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {});
  } catch {}
};
