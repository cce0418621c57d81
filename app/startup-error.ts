// What went wrong at start, in one line a newcomer can act on, instead of a stack trace.
import { storeFaultOf } from '../prisma/store-health.ts';

export function startupProblem(err: unknown, databaseUrl: string): string {
  const where = databaseUrl.replace(/\/\/[^@/]*@/, '//***@'); // no password in the message
  const e = err as { message?: unknown; code?: unknown };
  const message = String(e?.message ?? err).trim();
  const fault = storeFaultOf(err);
  if (fault === 'readonly') return `无法写入数据库 / the database is read-only: ${where} (check the file's and its folder's permissions, or the disk's mount)`;
  if (fault === 'full') return `数据库所在磁盘已满 / the disk holding the database is full: ${where}`;
  if (fault === 'io') return `读写数据库出错 / the disk holding the database gives I/O errors: ${where}`;
  if (/SQLITE_CANTOPEN|unable to open database file|ENOTDIR|EACCES|EROFS|EEXIST/i.test(`${message} ${String(e?.code ?? '')}`)) {
    return `打不开数据库 / cannot open the database at ${where}: ${message.split('\n').filter(Boolean).pop()}`;
  }
  if (/ECONNREFUSED|ENOTFOUND|Can't reach database server|P1001/i.test(`${message} ${String(e?.code ?? '')}`)) {
    return `连不上数据库 / cannot reach the database server at ${where}`;
  }
  return `启动失败 / could not start: ${message.split('\n').filter(Boolean).pop() ?? 'unknown error'}`;
}
