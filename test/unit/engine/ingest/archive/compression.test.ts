import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decompress, decompressedName, sniffCompression, type Compression } from '../../../../../main/engine/ingest/archive/compression.js';

const TOOLS: Record<Compression, string[]> = { gzip: ['gzip', '-c'], xz: ['xz', '-c', '-T1'], zstd: ['zstd', '-q', '-c'], bzip2: ['bzip2', '-c'] };

function compress(kind: Compression, data: Buffer): Buffer {
  const [cmd, ...args] = TOOLS[kind];
  return execFileSync(cmd!, args, { input: data, maxBuffer: 1 << 28 });
}

async function* chunks(data: Buffer, size = 7919): AsyncIterable<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Buffer>): Promise<{ data: Buffer; error?: string }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of source) parts.push(Buffer.from(chunk));
  } catch (err) {
    return { data: Buffer.concat(parts), error: (err as Error).message };
  }
  return { data: Buffer.concat(parts) };
}

const text = Buffer.from(Array.from({ length: 40000 }, (_, i) => `Mar  5 10:${String(i % 60).padStart(2, '0')}:00 host sshd[${i}]: Failed password for root from 203.0.113.${i % 250} port ${40000 + (i % 9999)} ssh2\n`).join(''));

describe.each(['gzip', 'xz', 'zstd', 'bzip2'] as const)('%s', (kind) => {
  const packed = compress(kind, text);

  it('is recognised by its magic bytes', () => {
    expect(sniffCompression(packed.subarray(0, 16))).toBe(kind);
  });

  it('decompresses a stream fed in odd-sized chunks to the exact bytes', async () => {
    const { data, error } = await collect(decompress(kind, chunks(packed)));
    expect(error).toBeUndefined();
    expect(data.equals(text)).toBe(true);
  });

  it('keeps the good part of a truncated stream and then reports the damage', async () => {
    const { data, error } = await collect(decompress(kind, chunks(packed.subarray(0, Math.floor(packed.length * 0.6)))));
    expect(error).toBeDefined();
    expect(data.length).toBeGreaterThan(0);
    expect(text.subarray(0, data.length).equals(data)).toBe(true);
  });
});

describe.each(['gzip', 'xz', 'zstd', 'bzip2'] as const)('%s streams side by side', (kind) => {
  const packed = compress(kind, text);

  it('decodes a stream inside another one (an xz sos-report in an xz sos-collector): both run at once', async () => {
    const outer = decompress(kind, chunks(packed))[Symbol.asyncIterator]();
    await outer.next();
    const inner = await collect(decompress(kind, chunks(packed)));
    expect(inner.data.equals(text)).toBe(true);
    const rest = await collect({ [Symbol.asyncIterator]: () => outer });
    expect(rest.data.length).toBeGreaterThan(0);
  });

  it('decodes a stream after one that was left before its end', async () => {
    for await (const chunk of decompress(kind, chunks(packed))) if (chunk.length) break;
    const again = await collect(decompress(kind, chunks(packed)));
    expect(again.data.equals(text)).toBe(true);
  });
});

describe('sniffCompression', () => {
  it('says null for plain text', () => {
    expect(sniffCompression(Buffer.from('Mar  5 10:00:00 host'))).toBeNull();
  });
});

describe('decompressedName', () => {
  it.each([
    ['var/log/syslog.2.gz', 'var/log/syslog.2'],
    ['sosreport-a.tar.xz', 'sosreport-a.tar'],
    ['logs.tgz', 'logs.tar'],
    ['x.tar.zst', 'x.tar'],
    ['auth.log', 'auth.log'],
  ])('%s → %s', (name, expected) => {
    expect(decompressedName(name)).toBe(expected);
  });
});
