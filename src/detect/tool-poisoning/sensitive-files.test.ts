import { describe, expect, it } from 'vitest';
import { findSensitiveReferences } from './sensitive-files.js';

describe('findSensitiveReferences', () => {
  it('secret files and stores', () => {
    for (const text of [
      '~/.ssh/id_rsa',
      'id_ed25519.pub',
      'the .env file',
      '~/.cursor/mcp.json',
      'claude_desktop_config.json',
      '~/.aws/credentials',
      '/etc/passwd',
      'login.keychain',
      '.bash_history',
      'wallet.dat',
      'server.pem',
    ]) {
      expect(findSensitiveReferences(text.toLowerCase())[0]?.score ?? 0, text).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('a verb that reads or sends the file raises the score', () => {
    const plain = findSensitiveReferences('the file ~/.ssh/id_rsa')[0]!.score;
    const read = findSensitiveReferences('read ~/.ssh/id_rsa')[0]!.score;
    expect(read).toBeGreaterThan(plain);
  });

  it('ordinary words and code are at most weak', () => {
    expect(findSensitiveReferences('process.env.port and environment')).toEqual([]);
    expect(findSensitiveReferences('requires api credentials')[0]?.score).toBeLessThan(0.5);
  });
});
