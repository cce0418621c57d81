// The account's custom menu (自定义菜单): one CLICK button per configured item, whose key is the
// item itself, so a tap reaches the engine as if the worker had typed it (找工作, 招聘会, 帮助).
import type { WechatApi } from './api.ts';

export function menuDefinition(items: string[]) {
  return { button: items.map((name) => ({ type: 'click', name, key: name })) };
}

export async function setMenu(api: WechatApi, items: string[]): Promise<void> {
  await api.post('/cgi-bin/menu/create', menuDefinition(items));
}
