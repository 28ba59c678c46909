// A text pack: the built-in texts of one language, one line per key in the order below
// (the keys documented in the README, "Texts"). Each language is a file of its own, so a
// page fetches only the one it shows; the site's overrides are applied by the core.
import type { Texts } from '../core/texts';

const keys = `banner.title banner.purposes banner.data banner.thirdParties banner.withdraw site privacy acceptAll
rejectAll preferences gpc dialog.title dialog.intro close save alwaysActive on off details
dataCollected cookie.name cookie.provider cookie.purpose cookie.expires vendors decision saved
reopen category.necessary category.necessary.description category.preferences
category.preferences.description category.analytics category.analytics.description
category.marketing category.marketing.description data.device data.ip data.browser data.os
data.pages data.clicks data.login data.host embed.notice embed.policy embed.once embed.always
embed.label`.split(/\s+/);

/** One text per line, in the order of the keys. */
export const pack = (lines: string): Texts => Object.fromEntries(lines.split('\n').map((text, i) => [keys[i], text]));
