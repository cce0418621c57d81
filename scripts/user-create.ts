// npm run user:create -- --role staff --name 张三
// npm run user:create -- --role recruiter --name 李四 --employer "荔湾某茶楼" [--phone 13812345678] [--telegram 12345] [--days 365]
// The employer must exist (from imported postings) unless --new-employer says to create it:
// a typo should not make a second employer that owns nothing.
// Prints the new bearer token once; only its hash is stored.
import { parseArgs } from 'node:util';
import { createUser, type Role } from '../api/auth.ts';
import { loadConfigOrExit } from '../app/config.ts';
import { toE164 } from '../bot/flows/profile.ts';
import { systemClock } from '../lib/clock.ts';
import { migrate, openDb } from '../prisma/db.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    employer: { type: 'string' },
    'new-employer': { type: 'boolean', default: false },
    phone: { type: 'string' },
    telegram: { type: 'string' },
    days: { type: 'string' },
  },
});
const fail = (msg: string) => {
  console.error(msg);
  process.exit(2);
};
if (values.role !== 'staff' && values.role !== 'recruiter') fail('--role must be staff or recruiter');
if (!values.name?.trim()) fail('--name is required');
if (values.role === 'recruiter' && !values.employer) fail('--employer is required for a recruiter (the employer name as in the postings)');
const phone = values.phone ? toE164(values.phone) : null;
if (values.phone && !phone) fail(`--phone ${values.phone}: not a valid phone number`);
const days = values.days ? Number(values.days) : null;
if (days !== null && !(days > 0)) fail('--days must be a positive number');

const config = loadConfigOrExit();
const db = await openDb(config.databaseUrl);
await migrate(db);
let employerId: number | null = null;
if (values.employer) {
  const name = values.employer.trim();
  let e = await db.employer.findUnique({ where: { name } });
  if (!e && !values['new-employer']) {
    const similar = await db.employer.findMany({ where: { name: { contains: name.slice(0, 2) } }, take: 5 });
    await db.$disconnect();
    fail(`no employer named "${name}"${similar.length ? `; did you mean: ${similar.map((x) => x.name).join(' / ')}` : ''} (add --new-employer to create it)`);
  }
  e ??= await db.employer.create({ data: { name } });
  employerId = e.id;
}
const { user, token } = await createUser(db, {
  name: values.name!.trim(),
  role: values.role as Role,
  employerId,
  phone,
  telegramChatId: values.telegram ?? null,
  expiresAt: days ? new Date(systemClock.now().getTime() + days * 86400_000) : null,
});
await db.$disconnect();
console.error(`created ${user.role} #${user.id} ${user.name}${employerId ? ` (employer #${employerId})` : ''}`);
console.log(token);
