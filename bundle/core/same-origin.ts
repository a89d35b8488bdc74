/**
 * The cross-site check of the Suitelet forms (the dashboard and the go-live page), and the page shown when a
 * POST is refused. Pure: it reads the request's headers and URL as given.
 *
 * A POST is accepted when the browser says it came from this site's own pages (Sec-Fetch-Site same-origin,
 * or none for a request the user made directly), or, from a browser that sends no Sec-Fetch-Site, when the
 * Origin header (failing that, the Referer) names the host the request was sent to. Anything else, a request
 * that says nothing about where it came from included, is refused.
 */
import { escapeHtml } from './dashboard';

export type PostCheck =
  { allowed: true; by: 'Sec-Fetch-Site' | 'Origin' | 'Referer' } | { allowed: false; reason: string };

type Headers = Record<string, unknown> | null | undefined;

/** A request header by name, whatever its case ('' when absent; the first value of a repeated header). */
export function headerValue(headers: Headers, name: string): string {
  if (!headers) return '';
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  if (key === undefined) return '';
  const value = headers[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? '' : String(first).trim();
}

/** host[:port] in lower case, without the default ports 80 and 443; '' when there is none. */
function normalHost(host: string): string {
  const lower = host.trim().toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(lower)) return '';
  return lower.replace(/:(80|443)$/, '');
}

/** The host of an absolute http(s) URL, normalised as above; '' for anything else. */
export function hostOfUrl(url: string): string {
  const match = /^https?:\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(url.trim());
  return match ? normalHost(match[1]!) : '';
}

/**
 * The hosts this request was sent to: its Host header and the host of its URL (NetSuite documents
 * ServerRequest.url as "the server request URL"; whether it is absolute, and whether request.headers carries
 * Host, is not documented, so either is enough).
 */
function ownHosts(headers: Headers, requestUrl: string): string[] {
  return [normalHost(headerValue(headers, 'host')), hostOfUrl(requestUrl)].filter(Boolean);
}

/** Whether a POST to a Suitelet form may be acted on; when not, the reason in plain words. */
export function checkPostOrigin(headers: Headers, requestUrl: string): PostCheck {
  const site = headerValue(headers, 'sec-fetch-site').toLowerCase();
  if (site) {
    if (site === 'same-origin' || site === 'none') return { allowed: true, by: 'Sec-Fetch-Site' };
    return {
      allowed: false,
      reason: `The browser reported that the form came from ${site === 'same-site' ? 'another host of the same site' : 'another site'} (Sec-Fetch-Site: ${site.slice(0, 40)}).`,
    };
  }
  const own = ownHosts(headers, requestUrl);
  if (own.length === 0)
    return {
      allowed: false,
      reason: 'The address this request was sent to is unknown, so its origin cannot be checked.',
    };
  const origin = headerValue(headers, 'origin');
  if (origin) {
    if (origin.toLowerCase() === 'null')
      return { allowed: false, reason: 'The form was sent from a page that has no origin (Origin: null).' };
    if (own.includes(hostOfUrl(origin))) return { allowed: true, by: 'Origin' };
    return {
      allowed: false,
      reason: `The form was sent from ${origin.slice(0, 200)}, not from ${own[0]} (Origin header).`,
    };
  }
  const referer = headerValue(headers, 'referer');
  if (referer) {
    const from = hostOfUrl(referer);
    if (own.includes(from)) return { allowed: true, by: 'Referer' };
    return {
      allowed: false,
      reason: `The form was sent from a page of ${from || 'an unknown address'}, not from ${own[0]} (Referer header).`,
    };
  }
  return {
    allowed: false,
    reason: 'The request does not say which page sent it (no Sec-Fetch-Site, Origin or Referer header).',
  };
}

/**
 * The page answering a refused POST. A Suitelet cannot set its HTTP status (N/http ServerResponse has no such
 * member), so the page says 403 in words; nothing was done.
 */
export function renderRefusedPage(title: string, reason: string, pageUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>403 Forbidden — ${escapeHtml(title)}</title></head><body>
<h1>403 Forbidden</h1>
<p id="refused">sfsync refused this request: it may not have been sent from the ${escapeHtml(title)} page. ${escapeHtml(reason)}</p>
<p>Nothing was changed. If you pressed a button on the page yourself, <a href="${escapeHtml(pageUrl)}">open the page again</a> and press it there.</p>
</body></html>`;
}
