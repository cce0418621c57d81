// Whether the store takes writes. A full disk, a read-only file or an I/O error makes every
// write fail; the service should say so plainly (503 and /healthz) rather than fail obscurely,
// and notice by itself when writes work again.

export type StoreFault = 'full' | 'readonly' | 'io';

/** The store fault an error stands for, or null for any other error. */
export function storeFaultOf(err: unknown): StoreFault | null {
  const e = err as { message?: unknown; code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  const text = `${String(e?.message ?? '')} ${String(cause?.originalCode ?? '')} ${String(cause?.code ?? '')}`;
  // SQLite result codes and messages; PostgreSQL SQLSTATEs 53100 (disk full), 25006 (read-only
  // transaction), 58030 (I/O error).
  if (/SQLITE_FULL|database or disk is full|\b53100\b|could not extend file|No space left on device/i.test(text)) return 'full';
  if (/SQLITE_READONLY|readonly database|read-only|\b25006\b/i.test(text)) return 'readonly';
  if (/SQLITE_IOERR|disk I\/O error|\b58030\b/i.test(text)) return 'io';
  return null;
}

/** The last thing writes said: failing with a fault, or working. */
export class StoreHealth {
  fault: StoreFault | null = null;

  failed(fault: StoreFault): void {
    this.fault = fault;
  }

  wrote(): void {
    this.fault = null;
  }
}

const WRITES = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
  '$executeRaw',
  '$executeRawUnsafe',
]);

export const isWrite = (operation: string): boolean => WRITES.has(operation);
