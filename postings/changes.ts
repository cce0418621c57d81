// The change sequence of postings. Every transaction that writes postings first takes the next
// number from the "posting" counter and stamps it on the rows it writes. Taking the number locks
// the counter's row until that transaction ends, so a later number is never visible before an
// earlier one: a reader that has seen every change up to N catches up with "changeSeq > N" and
// misses nothing, whatever the processes' clocks say (an earlier design compared wall-clock
// timestamps, and rows committed just after a refresh but stamped before it were never read).
import type { Prisma } from '@prisma/client';
import type { Db } from '../prisma/db.ts';

type Tx = Prisma.TransactionClient | Db;

/** Takes the next posting change number; call it inside the transaction that writes postings. */
export async function nextPostingChange(tx: Tx): Promise<number> {
  return (await tx.changeCounter.update({ where: { name: 'posting' }, data: { value: { increment: 1 } } })).value;
}

/** The last posting change number handed out (committed or not yet: read it before loading). */
export async function lastPostingChange(db: Tx): Promise<number> {
  return (await db.changeCounter.findUnique({ where: { name: 'posting' } }))?.value ?? 0;
}
