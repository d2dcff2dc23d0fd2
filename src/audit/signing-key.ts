import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';

/** The Ed25519 key that signs checkpoints. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the DER public key, hex: names the key in checkpoints. */
  keyId: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function fromPrivate(privateKey: KeyObject, source: string): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      `${source}: the audit signing key must be an Ed25519 private key`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * Parse a PEM (PKCS#8) Ed25519 private key, as given in config or the environment.
 *
 * @example
 * const key = signingKeyFromPem(process.env.WARDEN_AUDIT_KEY!, 'audit.signingKey');
 */
export function signingKeyFromPem(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    // The parser's message can quote key material; never pass it on.
    throw new WardenError(WardenErrorCode.ConfigInvalid, `${source}: not a PEM private key`);
  }
  return fromPrivate(privateKey, source);
}

/**
 * Load the key file, or create one (mode 0600) on first run. A key file readable by group or others
 * is refused: anyone who can read it can forge checkpoints.
 */
export function loadOrCreateKeyFile(path: string): SigningKey {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return fromPrivate(privateKey, path);
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      `${path}: audit key file is accessible to other users (mode ${mode.toString(8)}); chmod 600 it`,
    );
  }
  return signingKeyFromPem(readFileSync(path, 'utf8'), path);
}

/** The public key as PEM (SPKI), for `warden audit export` and verifiers. */
export function publicKeyPem(key: SigningKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function signBytes(key: SigningKey, data: string): string {
  return sign(null, Buffer.from(data), key.privateKey).toString('base64');
}

export function verifyBytes(publicKey: KeyObject, data: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(data), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
