import { describe, expect, it } from 'vitest';
import { checkUrl, compileNetworkScope, MAX_URL_LENGTH, type NetworkScope, type UrlCheck } from './index.js';

const scope = compileNetworkScope({
  allow: [
    'allowed.com',
    'github.com',
    '*.github.com',
    'api.example.com:8443',
    'https://secure.example.com',
    'https://*.example.org:8443',
    '93.184.216.34',
    '[2606:4700::1111]',
    'https://api.example.net/v1/',
  ],
  deny: ['gist.github.com', 'https://api.example.net/v1/admin/'],
});

function allowed(url: unknown, s: NetworkScope = scope): Extract<UrlCheck, { ok: true }> {
  const result = checkUrl(s, url);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(url)} to be allowed, got ${JSON.stringify(result)}`);
  return result;
}

function deniedBy(url: unknown, s: NetworkScope = scope): string {
  const result = checkUrl(s, url);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(url)} to be denied, got ${JSON.stringify(result)}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.rule;
}

describe('checkUrl: allowed URLs', () => {
  it('allows an exact host on http and https default ports, returning the normalised href', () => {
    expect(allowed('https://allowed.com/a?b=1#c')).toEqual({
      ok: true,
      url: 'https://allowed.com/a?b=1#c',
      host: 'allowed.com',
    });
    expect(allowed('HTTP://ALLOWED.COM:80/x').url).toBe('http://allowed.com/x');
    expect(allowed('https://allowed.com:443').url).toBe('https://allowed.com/');
  });

  it('matches *.github.com at any depth but not github.com itself (listed separately here)', () => {
    expect(allowed('https://api.github.com/').host).toBe('api.github.com');
    expect(allowed('https://a.b.c.github.com/').host).toBe('a.b.c.github.com');
    expect(allowed('https://github.com/').host).toBe('github.com');
    const wildcardOnly = compileNetworkScope({ allow: ['*.github.com'] });
    expect(deniedBy('https://github.com/', wildcardOnly)).toBe('urls.host-not-allowed');
  });

  it('honours an entry port (that port only) and an entry scheme (that scheme only)', () => {
    expect(allowed('https://api.example.com:8443/').host).toBe('api.example.com');
    expect(allowed('http://api.example.com:8443/').host).toBe('api.example.com');
    expect(deniedBy('https://api.example.com/')).toBe('urls.port-not-allowed');
    expect(allowed('https://secure.example.com/').host).toBe('secure.example.com');
    expect(deniedBy('http://secure.example.com/')).toBe('urls.scheme-not-allowed');
    expect(allowed('https://x.y.example.org:8443/').host).toBe('x.y.example.org');
    expect(deniedBy('https://x.example.org/')).toBe('urls.port-not-allowed');
    expect(deniedBy('http://x.example.org:8443/')).toBe('urls.scheme-not-allowed');
  });

  it('allows an IP literal only when that exact address is listed', () => {
    expect(allowed('http://93.184.216.34/').host).toBe('93.184.216.34');
    expect(allowed('http://[2606:4700:0:0:0:0:0:1111]/').host).toBe('[2606:4700::1111]');
    expect(deniedBy('http://93.184.216.35/')).toBe('urls.ip-literal');
    expect(deniedBy('http://8.8.8.8/')).toBe('urls.ip-literal');
  });

  it('matches an entry in Unicode against punycode and vice versa', () => {
    const s = compileNetworkScope({ allow: ['bücher.de', 'xn--mnchen-3ya.de'] });
    expect(allowed('http://xn--bcher-kva.de/', s).host).toBe('xn--bcher-kva.de');
    expect(allowed('http://BÜCHER.de/', s).url).toBe('http://xn--bcher-kva.de/');
    expect(allowed('http://münchen.de/', s).host).toBe('xn--mnchen-3ya.de');
  });

  it('normalises a trailing dot: allowed.com. is allowed.com', () => {
    expect(allowed('https://allowed.com./x')).toEqual({
      ok: true,
      url: 'https://allowed.com/x',
      host: 'allowed.com',
    });
  });

  it('allows other schemes only when listed', () => {
    const s = compileNetworkScope({ allow: ['stream.example.com'], schemes: ['https', 'wss'] });
    expect(allowed('wss://stream.example.com/socket', s).host).toBe('stream.example.com');
    expect(deniedBy('ws://stream.example.com/socket', s)).toBe('urls.scheme-not-allowed');
    expect(deniedBy('http://stream.example.com/', s)).toBe('urls.scheme-not-allowed');
  });
});

describe('checkUrl: host confusion attacks', () => {
  it('denies userinfo confusion allowed.com@evil.com', () => {
    expect(deniedBy('http://allowed.com@evil.com/')).toBe('urls.userinfo');
    expect(deniedBy('http://allowed.com:80@evil.com/')).toBe('urls.userinfo');
  });

  it('denies credentials even on an allowed host (user:pass@allowed.com, @allowed.com)', () => {
    expect(deniedBy('https://user:secret@allowed.com/')).toBe('urls.userinfo');
    expect(deniedBy('https://@allowed.com/')).toBe('urls.userinfo');
    expect(deniedBy('https://:@allowed.com/')).toBe('urls.userinfo');
  });

  it('denies fragment confusion evil.com#@allowed.com', () => {
    expect(deniedBy('http://evil.com#@allowed.com')).toBe('urls.host-not-allowed');
  });

  it('denies query confusion evil.com?@allowed.com', () => {
    expect(deniedBy('http://evil.com?@allowed.com')).toBe('urls.host-not-allowed');
  });

  it('denies backslash confusion evil.com\\@allowed.com', () => {
    expect(deniedBy('http://evil.com\\@allowed.com/')).toBe('urls.backslash');
    expect(deniedBy('http:\\\\allowed.com\\')).toBe('urls.backslash');
  });

  it('denies suffix extension allowed.com.evil.com', () => {
    expect(deniedBy('https://allowed.com.evil.com/')).toBe('urls.host-not-allowed');
  });

  it('denies prefix extension evilallowed.com', () => {
    expect(deniedBy('https://evilallowed.com/')).toBe('urls.host-not-allowed');
    expect(deniedBy('https://evilgithub.com/')).toBe('urls.host-not-allowed');
  });

  it('denies a percent-encoded dot allowed.com%2eevil.com', () => {
    expect(deniedBy('http://allowed.com%2eevil.com/')).toBe('urls.encoded-host');
    expect(deniedBy('http://%61llowed.com/')).toBe('urls.encoded-host');
  });

  it('checks what IDNA maps fullwidth dots to: allowed。com is allowed.com, allowed.com。evil.com is not', () => {
    expect(allowed('http://allowed。com/')).toEqual({
      ok: true,
      url: 'http://allowed.com/',
      host: 'allowed.com',
    });
    expect(allowed('http://allowed．com/').host).toBe('allowed.com');
    expect(deniedBy('http://allowed.com。evil.com/')).toBe('urls.host-not-allowed');
    expect(deniedBy('http://evil。com/')).toBe('urls.host-not-allowed');
  });

  it('denies fullwidth letters that map to a different host, and allows those that map to an allowed one', () => {
    expect(allowed('http://ａｌｌｏｗｅｄ.com/').host).toBe('allowed.com');
    expect(deniedBy('http://ｅｖｉｌ.com/')).toBe('urls.host-not-allowed');
  });

  it('denies an IDNA deviation character (faß.de means fass.de to IDNA 2003 clients)', () => {
    const s = compileNetworkScope({ allow: ['fass.de', 'xn--fa-hia.de'] });
    expect(deniedBy('http://faß.de/', s)).toBe('urls.idna-deviation');
  });

  it('denies a homograph (Cyrillic а in аllowed.com)', () => {
    expect(deniedBy('http://\u0430llowed.com/')).toBe('urls.host-not-allowed');
  });

  it('denies a soft hyphen or zero-width space that IDNA would silently drop', () => {
    expect(deniedBy('http://allo\u00adwed.com/')).toBe('urls.invisible-character');
    expect(deniedBy('http://allo\u200bwed.com/')).toBe('urls.invisible-character');
  });

  it('denies bidi override characters', () => {
    expect(deniedBy('http://allowed.com/\u202egpj.exe')).toBe('urls.invisible-character');
    expect(deniedBy('http://moc.live\u202e.allowed.com/')).toBe('urls.invisible-character');
  });

  it('denies tab and newline that WHATWG silently removes (allowed.com<TAB>.evil.com)', () => {
    expect(deniedBy('http://allowed.com\t.evil.com/')).toBe('urls.control-character');
    expect(deniedBy('http://allowed.com\n/')).toBe('urls.control-character');
    expect(deniedBy('http://allowed.com/\r\nHost: evil.com')).toBe('urls.control-character');
  });

  it('denies NUL and other control characters', () => {
    expect(deniedBy('http://allowed.com\u0000.evil.com/')).toBe('urls.control-character');
    expect(deniedBy('http://allowed.com/\u0085')).toBe('urls.control-character');
  });

  it('denies leading and trailing whitespace that WHATWG trims, and Unicode spaces', () => {
    expect(deniedBy(' http://allowed.com/')).toBe('urls.whitespace');
    expect(deniedBy('http://allowed.com/ ')).toBe('urls.whitespace');
    expect(deniedBy('http://allowed.com/\u3000')).toBe('urls.whitespace');
    expect(deniedBy('http://allowed.com/\u00a0')).toBe('urls.whitespace');
  });

  it('denies the scheme-relative spellings WHATWG repairs (http:host, http:/host, http:///host)', () => {
    expect(deniedBy('http:allowed.com')).toBe('urls.no-authority');
    expect(deniedBy('http:/allowed.com')).toBe('urls.no-authority');
    expect(deniedBy('http:///allowed.com')).toBe('urls.no-authority');
  });

  it('denies a trailing dot used to dodge the localhost check (localhost.)', () => {
    expect(deniedBy('http://localhost./')).toBe('urls.special-host');
  });

  it('denies empty labels (allowed..com)', () => {
    expect(deniedBy('http://allowed..com/')).toBe('urls.bad-host');
    expect(deniedBy('http://allowed.com../')).toBe('urls.bad-host');
  });

  it('denies host names that are not DNS names (*, !, $)', () => {
    expect(deniedBy('http://*.github.com/')).toBe('urls.bad-host');
    expect(deniedBy('http://a!b.github.com/')).toBe('urls.bad-host');
  });

  it('denies a lone UTF-16 surrogate', () => {
    expect(deniedBy('http://allowed.com/\ud800')).toBe('urls.bad-encoding');
  });
});

describe('checkUrl: schemes and form', () => {
  it.each([
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['gopher://allowed.com/_GET'],
    ['ftp://allowed.com/'],
    ['ws://allowed.com/'],
    ['dict://allowed.com:11211/stat'],
    ['ldap://allowed.com/'],
  ])('denies scheme smuggling %s', (url) => {
    expect(deniedBy(url)).toBe('urls.scheme-not-allowed');
  });

  it('denies relative URLs', () => {
    expect(deniedBy('/etc/passwd')).toBe('urls.relative');
    expect(deniedBy('//evil.com/')).toBe('urls.relative');
    expect(deniedBy('allowed.com/x')).toBe('urls.relative');
  });

  it('denies non-strings and the empty string', () => {
    for (const value of [undefined, null, 42, {}, ['http://allowed.com/'], new URL('http://allowed.com/')]) {
      expect(deniedBy(value)).toBe('urls.not-a-string');
    }
    expect(deniedBy('')).toBe('urls.empty');
  });

  it('denies URLs longer than 8 KiB, and allows one just under it', () => {
    const base = 'https://allowed.com/';
    expect(allowed(base + 'a'.repeat(MAX_URL_LENGTH - base.length)).host).toBe('allowed.com');
    expect(deniedBy(base + 'a'.repeat(MAX_URL_LENGTH - base.length + 1))).toBe('urls.too-long');
  });

  it('denies malformed URLs', () => {
    expect(deniedBy('http://allowed.com:99999/')).toBe('urls.malformed');
    expect(deniedBy('http://[::1/')).toBe('urls.malformed');
    expect(deniedBy('http://1.2.3.4.5/')).toBe('urls.malformed');
  });

  it('follows WHATWG port normalisation: :80 on http is the default, :80 on https is not', () => {
    expect(allowed('http://allowed.com:80/').url).toBe('http://allowed.com/');
    expect(allowed('http://allowed.com:0080/').url).toBe('http://allowed.com/');
    expect(deniedBy('https://allowed.com:80/')).toBe('urls.port-not-allowed');
    expect(deniedBy('http://allowed.com:8080/')).toBe('urls.port-not-allowed');
  });
});

describe('checkUrl: internal addresses', () => {
  it.each([
    ['127.0.0.1'],
    ['127.1'],
    ['0x7f000001'],
    ['0x7f.1'],
    ['0x7F.0.0.1'],
    ['2130706433'],
    ['017700000001'],
    ['0177.0.0.1'],
    ['127.000.000.001'],
    ['127.0.0.1.'],
    ['[::ffff:127.0.0.1]'],
    ['[0:0:0:0:0:ffff:7f00:1]'],
    ['[::ffff:7f00:1]'],
    ['[::127.0.0.1]'],
    ['[::ffff:0:127.0.0.1]'],
  ])('denies loopback spelled %s', (host) => {
    expect(deniedBy(`http://${host}/`)).toBe('urls.forbidden-address');
  });

  it.each([
    ['10.0.0.1'],
    ['10.255.255.255'],
    ['172.16.0.1'],
    ['172.31.255.254'],
    ['192.168.1.1'],
    ['100.64.0.1'],
    ['100.100.100.200'],
    ['169.254.169.254'],
    ['0xa9fea9fe'],
    ['2852039166'],
    ['169.254.43518'],
    ['0.0.0.0'],
    ['0'],
    ['224.0.0.1'],
    ['239.255.255.250'],
    ['255.255.255.255'],
    ['240.0.0.1'],
    ['192.0.2.1'],
    ['198.18.0.1'],
  ])('denies private, link-local, metadata, multicast or reserved IPv4 %s', (host) => {
    expect(deniedBy(`http://${host}/`)).toBe('urls.forbidden-address');
  });

  it.each([
    ['[::1]'],
    ['[0:0:0:0:0:0:0:1]'],
    ['[::]'],
    ['[fc00::1]'],
    ['[fd00:ec2::254]'],
    ['[fe80::1]'],
    ['[febf::1]'],
    ['[ff02::1]'],
    ['[64:ff9b::10.0.0.1]'],
    ['[64:ff9b::a9fe:a9fe]'],
    ['[64:ff9b:1::1]'],
    ['[2002:7f00:1::]'],
    ['[2002:c0a8:101::1]'],
    ['[2001::1]'],
    ['[2001:db8::1]'],
    ['[::ffff:169.254.169.254]'],
  ])('denies internal IPv6 %s', (host) => {
    expect(deniedBy(`http://${host}/`)).toBe('urls.forbidden-address');
  });

  it('denies public IP literals unless listed, whatever their spelling', () => {
    expect(deniedBy('http://8.8.8.8/')).toBe('urls.ip-literal');
    expect(deniedBy('http://134744072/')).toBe('urls.ip-literal');
    expect(deniedBy('http://[64:ff9b::8.8.8.8]/')).toBe('urls.ip-literal');
    expect(deniedBy('http://[2002:808:808::1]/')).toBe('urls.ip-literal');
    expect(allowed('http://0x5d.0xb8.0xd8.0x22/').url).toBe('http://93.184.216.34/');
  });

  it.each([
    ['localhost'],
    ['LOCALHOST'],
    ['api.localhost'],
    ['localhost.localdomain'],
    ['ip6-localhost'],
    ['metadata'],
    ['metadata.google.internal'],
    ['metadata.goog'],
    ['instance-data'],
    ['instance-data.ec2.internal'],
    ['db.internal'],
    ['printer.local'],
    ['router.home.arpa'],
  ])('denies the well-known local or metadata name %s', (host) => {
    expect(deniedBy(`http://${host}/`)).toBe('urls.special-host');
  });

  it('reaches localhost and loopback only through an explicit entry', () => {
    const s = compileNetworkScope({ allow: ['localhost:3000', '[::1]:3000', '127.0.0.1:8080'] });
    expect(allowed('http://localhost:3000/', s).host).toBe('localhost');
    expect(allowed('http://[::1]:3000/', s).host).toBe('[::1]');
    expect(allowed('http://127.0.0.1:8080/', s).host).toBe('127.0.0.1');
    expect(allowed('http://127.1:8080/', s).url).toBe('http://127.0.0.1:8080/');
    expect(deniedBy('http://localhost/', s)).toBe('urls.port-not-allowed');
    expect(deniedBy('http://[::ffff:127.0.0.1]:8080/', s)).toBe('urls.forbidden-address');
  });

  it('never lets a public wildcard reach local names, but a wildcard inside the private space does', () => {
    const s = compileNetworkScope({ allow: ['*.com', '*.corp.internal', '*.internal'] });
    expect(allowed('https://a.corp.internal/', s).host).toBe('a.corp.internal');
    expect(allowed('https://db.internal/', s).host).toBe('db.internal');
    // Metadata names need an exact entry; not even *.internal reaches them.
    expect(deniedBy('http://metadata.google.internal/', s)).toBe('urls.special-host');
    expect(deniedBy('http://instance-data.ec2.internal/', s)).toBe('urls.special-host');
    const exact = compileNetworkScope({ allow: ['metadata.google.internal'] });
    expect(allowed('http://metadata.google.internal/', exact).host).toBe('metadata.google.internal');
  });

  it('denies a wildcard reaching an IP literal (*.0.0.1 is not an entry that compiles)', () => {
    expect(() => compileNetworkScope({ allow: ['*.0.0.1'] })).toThrow(/wildcard/);
  });
});

describe('checkUrl: deny entries and path prefixes', () => {
  it('lets deny entries win over allow entries', () => {
    expect(deniedBy('https://gist.github.com/x')).toBe('urls.host-denied');
    expect(deniedBy('https://GIST.github.com./x')).toBe('urls.host-denied');
    expect(deniedBy('https://gist.github.com:8443/x')).toBe('urls.host-denied');
  });

  it('applies an IPv4 deny entry to its IPv4-mapped IPv6 spelling', () => {
    const s = compileNetworkScope({ allow: ['[::ffff:808:808]', '8.8.8.8'], deny: ['8.8.8.8'] });
    expect(deniedBy('http://[::ffff:8.8.8.8]/', s)).toBe('urls.host-denied');
  });

  it('matches path prefixes segment-wise (no /v1evil)', () => {
    expect(allowed('https://api.example.net/v1/users?page=2').host).toBe('api.example.net');
    expect(allowed('https://api.example.net/v1').host).toBe('api.example.net');
    expect(deniedBy('https://api.example.net/v1evil')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v2/users')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/')).toBe('urls.path-not-allowed');
  });

  it('denies path traversal out of an allowed prefix in every spelling', () => {
    // WHATWG resolves these itself; the result is outside /v1/.
    expect(deniedBy('https://api.example.net/v1/../admin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/%2e%2e/admin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/.%2E/admin')).toBe('urls.path-not-allowed');
    // These survive WHATWG and are decoded by servers later.
    expect(deniedBy('https://api.example.net/v1/..%2fadmin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/..%5cadmin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/%252e%252e%252fadmin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/..;/admin')).toBe('urls.path-not-allowed');
    expect(deniedBy('https://api.example.net/v1/%00')).toBe('urls.path-not-allowed');
  });

  it('matches deny path prefixes leniently (case, encoded slashes, ;params, //)', () => {
    expect(deniedBy('https://api.example.net/v1/admin')).toBe('urls.host-denied');
    expect(deniedBy('https://api.example.net/v1/ADMIN/users')).toBe('urls.host-denied');
    expect(deniedBy('https://api.example.net/v1/admin;jsessionid=1/x')).toBe('urls.host-denied');
    expect(deniedBy('https://api.example.net/v1//admin/x')).toBe('urls.host-denied');
    expect(deniedBy('https://api.example.net/v1/%61dmin/x')).toBe('urls.host-denied');
    expect(allowed('https://api.example.net/v1/administrators').host).toBe('api.example.net');
  });

  it('reads an exact deny entry as that host only (subdomains need *.host)', () => {
    expect(allowed('https://x.gist.github.com/').host).toBe('x.gist.github.com');
    const s = compileNetworkScope({
      allow: ['*.github.com'],
      deny: ['*.gist.github.com', 'gist.github.com'],
    });
    expect(deniedBy('https://x.gist.github.com/', s)).toBe('urls.host-denied');
  });
});

describe('checkUrl: robustness', () => {
  it('never throws: a broken scope is an internal-error denial', () => {
    const broken = {} as NetworkScope;
    expect(checkUrl(broken, 'https://allowed.com/')).toMatchObject({
      ok: false,
      rule: 'urls.internal-error',
    });
  });

  it('denies everything under an empty allow list', () => {
    const s = compileNetworkScope({ allow: [] });
    expect(deniedBy('https://allowed.com/', s)).toBe('urls.host-not-allowed');
  });
});
