import { describe, expect, it } from 'vitest';
import { resolveUrlTarget } from './url-target.js';

describe('resolveUrlTarget', () => {
  it('resolves the host a browser would reach', () => {
    expect(resolveUrlTarget('https://a.example@evil.example/x')).toMatchObject({
      host: 'evil.example',
      hasUserinfo: true,
    });
    expect(resolveUrlTarget('https://user:pw@evil.example/')?.hasUserinfo).toBe(true);
    expect(resolveUrlTarget('//evil.example/x')).toMatchObject({
      host: 'evil.example',
      protocolRelative: true,
    });
    expect(resolveUrlTarget('HTTPS://EVIL.Example./x')?.host).toBe('evil.example');
    expect(resolveUrlTarget('http://0x7f.0.0.1/')).toMatchObject({ host: '127.0.0.1', isIpLiteral: true });
    expect(resolveUrlTarget('http://[::1]:8080/')).toMatchObject({ host: '[::1]', isIpLiteral: true });
    expect(resolveUrlTarget('https://bücher.example/')).toMatchObject({
      host: 'xn--bcher-kva.example',
      isPunycode: true,
    });
  });

  it('undefined for relative paths and schemes that reach no host', () => {
    for (const url of [
      '/a/b.png',
      'a/b.png',
      '#x',
      '?q=1',
      'mailto:a@b.example',
      'data:text/plain,hi',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://',
      '',
    ]) {
      expect(resolveUrlTarget(url), url).toBeUndefined();
    }
  });

  it('decodes entities only when asked (HTML attributes)', () => {
    expect(resolveUrlTarget('https&#58;//evil.example/')).toBeUndefined();
    expect(resolveUrlTarget('https&#58;//evil.example/', { decodeEntities: true })?.host).toBe(
      'evil.example',
    );
    expect(resolveUrlTarget('https&colon;&sol;&sol;evil.example/', { decodeEntities: true })?.host).toBe(
      'evil.example',
    );
  });
});
