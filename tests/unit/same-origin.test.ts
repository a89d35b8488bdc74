import { checkPostOrigin, headerValue, hostOfUrl, renderRefusedPage } from '../../bundle/core/same-origin';

const PAGE = 'https://1234567.app.netsuite.com/app/site/hosting/scriptlet.nl';

describe('the cross-site check of a Suitelet form', () => {
  test('Sec-Fetch-Site decides when the browser sends it', () => {
    expect(checkPostOrigin({ 'Sec-Fetch-Site': 'same-origin' }, PAGE)).toEqual({
      allowed: true,
      by: 'Sec-Fetch-Site',
    });
    expect(checkPostOrigin({ 'sec-fetch-site': 'none' }, PAGE)).toEqual({
      allowed: true,
      by: 'Sec-Fetch-Site',
    });
    expect(
      checkPostOrigin({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://1234567.app.netsuite.com' }, PAGE),
    ).toEqual({
      allowed: false,
      reason: 'The browser reported that the form came from another site (Sec-Fetch-Site: cross-site).',
    });
    expect(checkPostOrigin({ 'SEC-FETCH-SITE': 'same-site' }, PAGE)).toEqual({
      allowed: false,
      reason:
        'The browser reported that the form came from another host of the same site (Sec-Fetch-Site: same-site).',
    });
  });

  test('without Sec-Fetch-Site, the Origin must name the host the request was sent to', () => {
    expect(checkPostOrigin({ Origin: 'https://1234567.app.netsuite.com' }, PAGE)).toEqual({
      allowed: true,
      by: 'Origin',
    });
    // The Host header counts as the request's own host too, default ports aside, whatever the case.
    expect(
      checkPostOrigin(
        { origin: 'https://ACCT.app.netsuite.com', host: 'acct.app.netsuite.com:443' },
        '/app/x.nl',
      ),
    ).toEqual({ allowed: true, by: 'Origin' });
    expect(checkPostOrigin({ Origin: 'http://127.0.0.1:4100' }, 'http://127.0.0.1:4100/app/x.nl')).toEqual({
      allowed: true,
      by: 'Origin',
    });
    expect(checkPostOrigin({ Origin: 'http://127.0.0.1:4101' }, 'http://127.0.0.1:4100/app/x.nl')).toEqual({
      allowed: false,
      reason: 'The form was sent from http://127.0.0.1:4101, not from 127.0.0.1:4100 (Origin header).',
    });
    expect(checkPostOrigin({ Origin: 'https://evil.example', Referer: PAGE }, PAGE)).toEqual({
      allowed: false,
      reason:
        'The form was sent from https://evil.example, not from 1234567.app.netsuite.com (Origin header).',
    });
    // A host that only starts like ours is another host.
    expect(checkPostOrigin({ Origin: 'https://1234567.app.netsuite.com.evil.example' }, PAGE).allowed).toBe(
      false,
    );
    expect(checkPostOrigin({ Origin: 'null' }, PAGE)).toEqual({
      allowed: false,
      reason: 'The form was sent from a page that has no origin (Origin: null).',
    });
  });

  test('without Origin either, the Referer is checked the same way', () => {
    expect(checkPostOrigin({ Referer: `${PAGE}?script=12&deploy=1` }, PAGE)).toEqual({
      allowed: true,
      by: 'Referer',
    });
    expect(checkPostOrigin({ Referer: 'https://evil.example/form.html' }, PAGE)).toEqual({
      allowed: false,
      reason:
        'The form was sent from a page of evil.example, not from 1234567.app.netsuite.com (Referer header).',
    });
    expect(checkPostOrigin({ Referer: 'about:blank' }, PAGE)).toEqual({
      allowed: false,
      reason:
        'The form was sent from a page of an unknown address, not from 1234567.app.netsuite.com (Referer header).',
    });
  });

  test('a request that says nothing about where it came from is refused', () => {
    expect(checkPostOrigin({ 'Content-Type': 'application/x-www-form-urlencoded' }, PAGE)).toEqual({
      allowed: false,
      reason: 'The request does not say which page sent it (no Sec-Fetch-Site, Origin or Referer header).',
    });
    expect(checkPostOrigin(undefined, PAGE).allowed).toBe(false);
    expect(
      checkPostOrigin({ Origin: 'https://1234567.app.netsuite.com' }, '/app/site/hosting/scriptlet.nl'),
    ).toEqual({
      allowed: false,
      reason: 'The address this request was sent to is unknown, so its origin cannot be checked.',
    });
  });

  test('headers by any case, the first of repeated values; hosts of absolute http(s) URLs only', () => {
    expect(headerValue({ ORIGIN: [' https://a.example ', 'https://b.example'] }, 'origin')).toBe(
      'https://a.example',
    );
    expect(headerValue({}, 'origin')).toBe('');
    expect(hostOfUrl('https://user:pw@Acct.App.NetSuite.com:443/path?q=1')).toBe('acct.app.netsuite.com');
    expect(hostOfUrl('http://127.0.0.1:80')).toBe('127.0.0.1');
    expect(hostOfUrl('http://[::1]:8080/x')).toBe('[::1]:8080');
    expect(hostOfUrl('//evil.example/x')).toBe('');
    expect(hostOfUrl('javascript:alert(1)')).toBe('');
  });

  test('the refused page says 403 and why, escaped, and links back to the page', () => {
    const html = renderRefusedPage(
      'sfsync dashboard',
      'The form was sent from <b>x</b>.',
      '/app/x.nl?a=1&b=2',
    );
    expect(html).toContain('<title>403 Forbidden — sfsync dashboard</title>');
    expect(html).toContain(
      '<p id="refused">sfsync refused this request: it may not have been sent from the sfsync dashboard page. The form was sent from &lt;b&gt;x&lt;/b&gt;.</p>',
    );
    expect(html).toContain('<a href="/app/x.nl?a=1&amp;b=2">open the page again</a>');
  });
});
