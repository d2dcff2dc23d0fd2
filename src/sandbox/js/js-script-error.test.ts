// JsScriptError carries the guest's text only, with frames outside the guest removed.
import { describe, expect, it } from 'vitest';
import { WardenError } from '../../errors/warden-error.js';
import { JsScriptError, sanitizeGuestStack } from './js-script-error.js';

describe('JsScriptError', () => {
  it('is recognised by isInstance and is not a WardenError', () => {
    const e = new JsScriptError('boom', {
      errorName: 'TypeError',
      guestStack: 'TypeError: boom\n    at guest.js:1:1',
    });
    expect(JsScriptError.isInstance(e)).toBe(true);
    expect(JsScriptError.isInstance(new Error('boom'))).toBe(false);
    expect(WardenError.isInstance(e)).toBe(false);
    expect(e.name).toBe('JsScriptError');
    expect(e.guestStack).toBe('TypeError: boom\n    at guest.js:1:1');
  });

  it('drops prelude frames and frames naming host paths', () => {
    const stack = [
      'Error: a/b is not /c/',
      '    at f (guest.js:2:3)',
      '    at settle (warden-js-prelude.js:10:5)',
      '    at Object.<anonymous> (/home/me/app/index.js:1:1)',
      '    at node:internal/main:1:1',
      '    at file:///srv/x.mjs:1:1',
      '    at eval (eval at <anonymous> (guest.js:1:1), <anonymous>:1:1)',
    ].join('\n');
    expect(sanitizeGuestStack(stack)).toBe(
      [
        'Error: a/b is not /c/',
        '    at f (guest.js:2:3)',
        '    at eval (eval at <anonymous> (guest.js:1:1), <anonymous>:1:1)',
      ].join('\n'),
    );
  });
});
