import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Secrets sealed with AES-256-GCM under keys derived from SECRET_KEY (HKDF-SHA256, one key per purpose), so that a
// copy of the database (or a cookie) alone reveals nothing, and a sealed value opens only for the purpose and the
// context it was sealed for: a provider's client secret only in its own row, an attempt cookie only as one.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealPurpose = 'client-secret' | 'sign-in-attempt';

export class Sealer {
  private readonly keys = new Map<SealPurpose, Buffer>();

  constructor(secretKey: string) {
    for (const purpose of ['client-secret', 'sign-in-attempt'] as const) {
      const key = hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), 'apoc-summit', `apoc ${purpose} ${VERSION}`, 32);
      this.keys.set(purpose, Buffer.from(key));
    }
  }

  private key(purpose: SealPurpose): Buffer {
    const key = this.keys.get(purpose);
    if (!key) throw new Error(`no key for ${purpose}`);
    return key;
  }

  /** `v1.<base64url of iv, tag and ciphertext>`; `context` (a row's id) must be given again to open it. */
  seal(purpose: SealPurpose, plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The plaintext, or null when the value was sealed with another key, for another context, or was altered. */
  open(purpose: SealPurpose, sealed: string, context: string): string | null {
    const [version, packed, extra] = sealed.split('.');
    if (version !== VERSION || !packed || extra !== undefined) return null;
    const bytes = Buffer.from(packed, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

export const SECRET_KEY_MISSING = "SECRET_KEY is not set: the identity providers' client secrets cannot be read";

/** A provider's client secret, or null when SECRET_KEY is unset or is not the key it was stored with. */
export function openClientSecret(sealer: Sealer | null, provider: { id: string; clientSecret: string }): string | null {
  return sealer?.open('client-secret', provider.clientSecret, provider.id) ?? null;
}
