import { readFileSync } from 'node:fs';
import { createSecretKey, type KeyObject } from 'node:crypto';

/** One AES-256 key and the id written next to everything it encrypts. */
export interface RingKey {
  id: string;
  key: KeyObject;
}

/**
 * AES-256 keys by id: `current` encrypts everything new; `byId` decrypts. Rotation = add a new key
 * and make it current, keep the old one listed until nothing encrypted under it remains.
 */
export interface KeyRing {
  current: RingKey;
  byId: ReadonlyMap<string, KeyObject>;
}

/** A bad key configuration; `variable` names the environment variable to fix. */
export class KeyRingConfigError extends Error {
  override readonly name: string = 'KeyRingConfigError';
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.variable = variable;
  }
}

/** The environment variables of one key ring, e.g. `TEMPORAL_CODEC_KEYS`, `…_FILE`, `…_KEY_ID`. */
export interface KeyRingVariables {
  keys: string;
  file: string;
  currentId: string;
  /** Why the ring is required, said when neither variable is set. */
  whyRequired: string;
  /** The error to throw; lets a caller keep its own error class. */
  error?: (variable: string, message: string) => KeyRingConfigError;
}

const KEY_BYTES = 32;
const keyIdPattern = /^[A-Za-z0-9._-]+$/;

/**
 * Keys come only from the environment or a mounted secret file, never from the repository. The
 * keys variable (or the file the file variable names) lists `keyId:base64key` entries; the
 * current-id variable picks the key that encrypts, by default the last one listed.
 */
export function loadKeyRing(vars: KeyRingVariables, env: Record<string, string | undefined> = process.env): KeyRing {
  const fail = vars.error ?? ((variable: string, message: string) => new KeyRingConfigError(variable, message));
  const { variable, text } = keySource(vars, env, fail);
  const byId = parseKeys(text, variable, fail);
  // parseKeys refuses an empty list, so there is a last key.
  const currentId = nonEmpty(env[vars.currentId]) ?? [...byId.keys()].at(-1)!;
  const currentKey = byId.get(currentId);
  if (currentKey === undefined) throw fail(vars.currentId, `names key "${currentId}", which ${variable} does not list`);
  return { current: { id: currentId, key: currentKey }, byId };
}

type Fail = (variable: string, message: string) => KeyRingConfigError;

function keySource(vars: KeyRingVariables, env: Record<string, string | undefined>, fail: Fail): { variable: string; text: string } {
  const inline = nonEmpty(env[vars.keys]);
  const file = nonEmpty(env[vars.file]);
  if (inline !== undefined && file !== undefined) throw fail(vars.keys, `set either ${vars.keys} or ${vars.file}, not both`);
  if (inline !== undefined) return { variable: vars.keys, text: inline };
  if (file !== undefined) return { variable: vars.file, text: readKeyFile(file, vars.file, fail) };
  throw fail(vars.keys, `is required (or ${vars.file}): ${vars.whyRequired}`);
}

/**
 * Parses `id:base64key` entries separated by commas or newlines (a secret file usually ends with
 * one). Messages name the key id, never the key material.
 */
function parseKeys(text: string, variable: string, fail: Fail): Map<string, KeyObject> {
  const byId = new Map<string, KeyObject>();
  for (const entry of text.split(/[,\n]/).map((e) => e.trim()).filter((e) => e !== '')) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw fail(variable, 'each entry must be keyId:base64key');
    const id = entry.slice(0, separator).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (!keyIdPattern.test(id)) throw fail(variable, `key id "${id}" may use only letters, digits, ".", "_" and "-"`);
    if (byId.has(id)) throw fail(variable, `key id "${id}" is listed twice`);
    byId.set(id, createSecretKey(decodeKey(encoded, id, variable, fail)));
  }
  if (byId.size === 0) throw fail(variable, 'lists no keys');
  return byId;
}

function decodeKey(encoded: string, id: string, variable: string, fail: Fail): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  // Buffer.from skips bad characters; only a round trip (padding aside) proves the text was base64.
  if (encoded === '' || bytes.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw fail(variable, `key "${id}" is not valid base64`);
  }
  if (bytes.length !== KEY_BYTES) {
    throw fail(variable, `key "${id}" is ${bytes.length} bytes; AES-256 needs ${KEY_BYTES} (openssl rand -base64 32)`);
  }
  return bytes;
}

function readKeyFile(path: string, variable: string, fail: Fail): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw fail(variable, `cannot read ${path} (${code})`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A process that needs its keys does not start without them: the bad variable is named, then it exits. */
export function keyRingOrExit(load: () => KeyRing): KeyRing {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof KeyRingConfigError)) throw error;
    console.error(`Invalid configuration:\n  ${error.message}`);
    process.exit(1);
  }
}
