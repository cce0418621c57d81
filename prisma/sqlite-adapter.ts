// The SQLite driver adapter, made safe when a COMMIT or ROLLBACK fails (a full disk, an I/O error).
//
// Prisma 6.19's client engine ends an interactive transaction by running COMMIT (or ROLLBACK) and
// then calling the adapter's commit()/rollback(), which releases the adapter's transaction lock.
// When the COMMIT itself fails, the second call never happens: the lock is never released, the
// connection stays inside the open transaction, and every later transaction waits forever (seen:
// one request got 500 on a full disk, the next ones hung for minutes after space returned). Here
// a failed COMMIT rolls the connection back and releases the lock at once, and a ROLLBACK that
// finds no transaction (SQLite already rolled back after the error) counts as done.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

export function recoveringSqliteAdapter(options: ConstructorParameters<typeof PrismaBetterSQLite3>[0]): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3(options);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      return new Proxy(adapter, {
        get(target, prop) {
          if (prop === 'startTransaction') return async (isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => recovering(await target.startTransaction(isolation));
          const v = Reflect.get(target, prop);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  };
}

const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] };

function recovering(tx: Transaction): Transaction {
  let released = false;
  // The adapter's commit() and rollback() both just release its lock: once, whichever comes.
  const release = async () => {
    if (released) return;
    released = true;
    await tx.rollback();
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'commit' || prop === 'rollback') return release;
      if (prop === 'executeRaw') {
        return async (q: SqlQuery) => {
          const end = q.sql.trim().toUpperCase();
          if (end !== 'COMMIT' && end !== 'ROLLBACK') return target.executeRaw(q);
          try {
            return await target.executeRaw(q);
          } catch (err) {
            if (end === 'ROLLBACK') {
              // "cannot rollback - no transaction is active": SQLite rolled back on the error.
              await release();
              return 0;
            }
            await target.executeRaw(ROLLBACK).catch(() => {});
            await release();
            throw err;
          }
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
