// npm run wechat:menu
// Sets the Official Account's custom menu from the configuration (WECHAT_MENU, by default
// 找工作,招聘会,帮助). Run once after setting the account up, and after changing WECHAT_MENU.
import { loadConfigOrExit } from '../app/config.ts';
import { systemClock } from '../lib/clock.ts';
import { migrate, openDb } from '../prisma/db.ts';
import { WechatApi } from '../webhooks/wechat/api.ts';
import { setMenu } from '../webhooks/wechat/menu.ts';

const config = loadConfigOrExit();
if (!config.wechat) {
  console.error('WeChat is not configured: set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN');
  process.exit(2);
}
const db = await openDb(config.databaseUrl);
await migrate(db);
try {
  await setMenu(new WechatApi(config.wechat, db, systemClock), config.wechat.menu);
  console.log(`menu set: ${config.wechat.menu.join(' | ')}`);
} catch (e) {
  console.error(`menu not set: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
