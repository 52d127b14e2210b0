// Utilities: formatDate honouring the time zone, sleep on the emulator clock, UUIDs, digests, base64.
import { createHash, randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { Access, type EmulatorContext } from './context';
import { formatDate } from './date-format';
import { enumName, makeEnum } from './enums';
import { dateMs, isDate } from './realm';

const F = Access.FREE;

export const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
export const Charset = makeEnum(['US_ASCII', 'UTF_8'] as const);

const NODE_DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
function signedBytes(ctx: EmulatorContext, buffer: Buffer): number[] {
  const out = new ctx.realm.Array<number>();
  for (const byte of buffer) out.push(byte > 127 ? byte - 256 : byte);
  return out;
}

function toBuffer(value: unknown): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b) => Number(b) & 0xff));
  return Buffer.from(String(value), 'utf8');
}

export class Utilities {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly ctx: EmulatorContext) {}

  formatDate(date: Date, timeZone: string, pattern: string): string {
    this.ctx.call('Utilities.formatDate', F);
    if (!isDate(date))
      throw this.ctx.error("The parameters don't match the method signature for Utilities.formatDate.");
    return formatDate(dateMs(date), timeZone, pattern);
  }

  formatString(template: string, ...args: unknown[]): string {
    this.ctx.call('Utilities.formatString', F);
    return format(template, ...args);
  }

  /** Advances the emulator clock instead of waiting; Apps Script caps a sleep at 5 minutes. */
  sleep(milliseconds: number): void {
    this.ctx.call('Utilities.sleep', F);
    if (milliseconds > 300_000) throw this.ctx.error('Invalid argument: milliseconds (at most 300000).');
    this.ctx.clock.advance(Math.max(0, milliseconds));
  }

  getUuid(): string {
    this.ctx.call('Utilities.getUuid', F);
    return randomUUID();
  }

  computeDigest(algorithm: unknown, value: unknown, _charset?: unknown): number[] {
    this.ctx.call('Utilities.computeDigest', F);
    const name = NODE_DIGESTS[enumName(algorithm)];
    if (name === undefined)
      throw this.ctx.error(`Unsupported digest algorithm ${enumName(algorithm)} in the emulator.`);
    return signedBytes(this.ctx, createHash(name).update(toBuffer(value)).digest());
  }

  base64Encode(data: unknown): string {
    this.ctx.call('Utilities.base64Encode', F);
    return toBuffer(data).toString('base64');
  }

  base64EncodeWebSafe(data: unknown): string {
    this.ctx.call('Utilities.base64EncodeWebSafe', F);
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    this.ctx.call('Utilities.base64Decode', F);
    return signedBytes(this.ctx, Buffer.from(encoded, 'base64'));
  }

  newBlob(data: unknown): { getDataAsString: () => string; getBytes: () => number[] } {
    this.ctx.call('Utilities.newBlob', F);
    const buffer = toBuffer(data);
    return { getDataAsString: () => buffer.toString('utf8'), getBytes: () => signedBytes(this.ctx, buffer) };
  }
}
