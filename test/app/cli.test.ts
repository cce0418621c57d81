// The command-line tools as staff run them: user:create and import, against a real database file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/auth.ts';
import { openDb } from '../../prisma/db.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
const run = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env, encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, LOG_LEVEL: 'error' };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run user:create', () => {
  it('prints a token once and stores only its hash', async () => {
    const unknown = run('scripts/user-create.ts', ['--role', 'recruiter', '--name', '李四', '--employer', '荔湾某茶楼']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--new-employer');
    const r = run('scripts/user-create.ts', ['--role', 'recruiter', '--name', '李四', '--employer', '荔湾某茶楼', '--new-employer', '--phone', '13812345678']);
    expect(r.status, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^hs_/);
    const db = await openDb(env.DATABASE_URL!);
    const u = await db.user.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, include: { employer: true } });
    expect(u.employer?.name).toBe('荔湾某茶楼');
    expect(u.phone).toBe('+8613812345678');
    expect(JSON.stringify(u)).not.toContain(token);
    await db.$disconnect();
  });

  it('refuses bad arguments with a reason', () => {
    const r = run('scripts/user-create.ts', ['--role', 'boss', '--name', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--role');
  });
});

describe('npm run import', () => {
  it('imports a file with a progress bar and reports refused lines', () => {
    const file = path.join(dir, 'fair.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ id: 'F1', employer: '惠水某厂', title: '包装工', location: '惠水县', wage_text: '3500-4500' }),
        'not json',
        JSON.stringify({ id: 'F2', employer: '惠水某厂', title: '', location: '惠水县' }),
        JSON.stringify({ id: 'F3', employer: '广州某厂', title: '电焊工', location: '广州白云区', wage_text: '7000-9000/月' }),
      ].join('\n'),
    );
    const r = run('scripts/import.ts', [file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('[##############################] 2/2');
    expect(r.stdout).toContain('created 2, updated 0, unchanged 0, refused 2');
    expect(r.stdout).toContain('line 2:');
    expect(r.stdout).toContain('line 3:');
    const again = run('scripts/import.ts', [file]);
    expect(again.stdout).toContain('created 0, updated 0, unchanged 2');
  }, 60_000);

  it('prints the line a stray quote broke the CSV at, and which lines were not imported', () => {
    const file = path.join(dir, 'stray.csv');
    fs.writeFileSync(file, '\uFEFFid,employer,title,location\r\nS1,惠水某厂,包装工,惠水县\r\nS2,惠水某厂,"叉车司机,惠水县\r\nS3,惠水某厂,仓管员,惠水县\r\n');
    const r = run('scripts/import.ts', [file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('created 1, updated 0, unchanged 0, refused 1');
    expect(r.stdout).toMatch(/line 3: .*引号.*第 3–4 行都没有导入/);
  }, 60_000);

  it('refuses an empty CSV with a reason', () => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, '');
    const r = run('scripts/import.ts', [file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('空');
  });

  it('refuses a GBK file with advice', () => {
    const file = path.join(dir, 'gbk.csv');
    fs.writeFileSync(file, Buffer.from([0x69, 0x64, 0x2c, 0xba, 0xb8, 0xb9, 0xa4, 0x0a]));
    const r = run('scripts/import.ts', [file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('UTF-8');
  });
});

describe('npm start on a database it cannot write', () => {
  it('says what is wrong in one line, without a stack trace', async (ctx) => {
    // A database made by the service, then made read-only underneath it: for a plain user by its
    // permissions; for root (who writes through permissions, as CI runs) by a file system
    // mounted read-only, as a full or failing disk is often remounted.
    const ro = fs.mkdtempSync(path.join(os.tmpdir(), 'ro-'));
    const asRoot = process.getuid?.() === 0;
    const sh = (cmd: string[]) => spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' });
    if (asRoot && sh(['mount', '-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', ro]).status !== 0) {
      fs.rmSync(ro, { recursive: true, force: true });
      ctx.skip('running as root where no file system can be mounted: nothing here can be made read-only');
    }
    const file = path.join(ro, 'ro.db');
    try {
      const db = await openDb(`file:${file}`);
      await db.$executeRawUnsafe('PRAGMA journal_mode = DELETE');
      await db.$disconnect();
      if (asRoot) expect(sh(['mount', '-o', 'remount,ro', ro]).status).toBe(0);
      else {
        fs.chmodSync(file, 0o444);
        fs.chmodSync(ro, 0o555);
      }
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${file}`, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/read-only|cannot open/);
      expect(lines[0]).toContain(file);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      if (asRoot) sh(['umount', ro]);
      else fs.chmodSync(ro, 0o755);
      fs.rmSync(ro, { recursive: true, force: true });
    }
  });
});
