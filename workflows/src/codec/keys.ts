import { readFileSync } from 'node:fs';
import { createSecretKey, type KeyObject } from 'node:crypto';

/** One AES-256 key and the id written next to every payload it encrypts. */
export interface CodecKey {
  id: string;
  key: KeyObject;
}

/**
 * The keys the payload codec knows: `current` encrypts everything new; `byId` decrypts. Rotation =
 * add a new key and make it current, keep the old one listed until no history needs it.
 */
export interface CodecKeyRing {
  current: CodecKey;
  byId: ReadonlyMap<string, KeyObject>;
}

/** A bad key configuration; `variable` names the environment variable to fix. */
export class CodecKeyConfigError extends Error {
  override readonly name = 'CodecKeyConfigError';
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.variable = variable;
  }
}

const KEY_BYTES = 32;
const keyIdPattern = /^[A-Za-z0-9._-]+$/;

/**
 * Keys come only from the environment or a mounted secret file, never from the repository.
 * `TEMPORAL_CODEC_KEYS` (or the file named by `TEMPORAL_CODEC_KEYS_FILE`) lists `keyId:base64key`
 * entries; `TEMPORAL_CODEC_KEY_ID` picks the key that encrypts, by default the last one listed.
 */
export function loadCodecKeyRing(env: Record<string, string | undefined> = process.env): CodecKeyRing {
  const { variable, text } = keySource(env);
  const byId = parseCodecKeys(text, variable);
  // parseCodecKeys refuses an empty list, so there is a last key.
  const currentId = nonEmpty(env['TEMPORAL_CODEC_KEY_ID']) ?? [...byId.keys()].at(-1)!;
  const currentKey = byId.get(currentId);
  if (currentKey === undefined) {
    throw new CodecKeyConfigError('TEMPORAL_CODEC_KEY_ID', `names key "${currentId}", which ${variable} does not list`);
  }
  return { current: { id: currentId, key: currentKey }, byId };
}

function keySource(env: Record<string, string | undefined>): { variable: string; text: string } {
  const inline = nonEmpty(env['TEMPORAL_CODEC_KEYS']);
  const file = nonEmpty(env['TEMPORAL_CODEC_KEYS_FILE']);
  if (inline !== undefined && file !== undefined) {
    throw new CodecKeyConfigError('TEMPORAL_CODEC_KEYS', 'set either TEMPORAL_CODEC_KEYS or TEMPORAL_CODEC_KEYS_FILE, not both');
  }
  if (inline !== undefined) return { variable: 'TEMPORAL_CODEC_KEYS', text: inline };
  if (file !== undefined) return { variable: 'TEMPORAL_CODEC_KEYS_FILE', text: readKeyFile(file) };
  throw new CodecKeyConfigError(
    'TEMPORAL_CODEC_KEYS',
    'is required (or TEMPORAL_CODEC_KEYS_FILE): payloads must not reach Temporal unencrypted',
  );
}

/**
 * Parses `id:base64key` entries separated by commas or newlines (a secret file usually ends with
 * one). Messages name the key id, never the key material.
 */
function parseCodecKeys(text: string, variable: string): Map<string, KeyObject> {
  const byId = new Map<string, KeyObject>();
  for (const entry of text.split(/[,\n]/).map((e) => e.trim()).filter((e) => e !== '')) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw new CodecKeyConfigError(variable, 'each entry must be keyId:base64key');
    const id = entry.slice(0, separator).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (!keyIdPattern.test(id)) {
      throw new CodecKeyConfigError(variable, `key id "${id}" may use only letters, digits, ".", "_" and "-"`);
    }
    if (byId.has(id)) throw new CodecKeyConfigError(variable, `key id "${id}" is listed twice`);
    byId.set(id, createSecretKey(decodeKey(encoded, id, variable)));
  }
  if (byId.size === 0) throw new CodecKeyConfigError(variable, 'lists no keys');
  return byId;
}

function decodeKey(encoded: string, id: string, variable: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  // Buffer.from skips bad characters; only a round trip (padding aside) proves the text was base64.
  if (encoded === '' || bytes.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new CodecKeyConfigError(variable, `key "${id}" is not valid base64`);
  }
  if (bytes.length !== KEY_BYTES) {
    throw new CodecKeyConfigError(variable, `key "${id}" is ${bytes.length} bytes; AES-256 needs ${KEY_BYTES} (openssl rand -base64 32)`);
  }
  return bytes;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CodecKeyConfigError('TEMPORAL_CODEC_KEYS_FILE', `cannot read ${path} (${code})`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
