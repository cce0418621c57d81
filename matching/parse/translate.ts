// English and pinyin in a worker's message, rewritten as the Chinese words the parsers read:
// "welder 8000+ Huizhou" → "焊工 8000+ 惠州", "kuaidi yuan 荔湾 paijian" → "快递员 荔湾 派件",
// "I am 46" → "46岁". Every later step (exclusions, needs, numbers, trades, places) then works
// on one language. Pinyin is looked up whole (the exact syllables of a known word); near
// spellings are left for the trade lexicon's sound search, which marks them as guesses.
import { ENGLISH, ENGLISH_FILLER } from '../data/english.ts';
import type { Gazetteer } from '../geo.ts';
import { toPinyin } from './occupation.ts';

/** Chinese cue words the parsers know, so that their pinyin can be read back (rijie → 日结). */
const CUE_WORDS =
  '日结 零工 临时工 小时工 兼职 全职 培训 学徒 想学 包吃住 包吃 包住 月薪 工资 以上 以下 左右 每天 一天 每小时 一个月 不要 不想 不去 不做 夜班 白班 计件 固定工资 在家 在家做 手工活 公益岗 离家近 附近 本地 县城 老家 有证 驾照 考证 师傅 学手艺 找工作 工作 我想 想找 我要 的 我 在 找 想 要 有 没有 有没有 活 干活';

export class Translator {
  private readonly pinyin = new Map<string, string>();
  /** Two- and three-character place names by their sound, for 广洲 → 广州. */
  private readonly placeSounds = new Map<string, string>();
  /** Words that are words: never "corrected" into a place that sounds the same. */
  private readonly words = new Set<string>();
  private readonly maxPhraseWords: number;

  constructor(
    tradeWords: Iterable<string>,
    private readonly gaz: Gazetteer,
  ) {
    // Trade words first: a known trade wins a shared spelling (baojie → 保洁).
    for (const w of [...tradeWords, ...CUE_WORDS.split(' ')]) {
      if (!/^[\u4e00-\u9fff]+$/.test(w)) continue;
      this.words.add(w);
      const py = toPinyin(w);
      if (py && !this.pinyin.has(py)) this.pinyin.set(py, w);
    }
    for (const [py, places] of gaz.byPinyin) {
      const name = gaz.preferred(places).short || gaz.preferred(places).name;
      if (!this.pinyin.has(py)) this.pinyin.set(py, name);
      // Sound fixes only toward places workers of the programme go to: provinces, cities, and the
      // counties of home and of 广东; a county far away is likelier a word (卤水 is no 泸水).
      const p = gaz.preferred(places);
      const known = p.level === 'province' || p.level === 'city' || p.province === gaz.home.province || p.province === '广东省';
      if (known && name.length >= 2 && name.length <= 3 && !this.placeSounds.has(py)) this.placeSounds.set(py, name);
    }
    this.maxPhraseWords = Math.max(...Object.keys(ENGLISH).map((k) => k.split(/\s+/).length));
  }

  /** The text with English and whole-word pinyin replaced, and places written with a wrong character of the same sound put right. */
  toChinese(text: string): string {
    let t = text.toLowerCase();
    // Ages said in English: "i am 46", "age 52", "46 years old".
    t = t.replace(/\b(?:i am|i'm|im|age|aged)\s*(\d{2})\b/g, ' $1岁 ').replace(/\b(\d{2})\s*(?:years? old|yrs? old|yo|y\/o)\b/g, ' $1岁 ');
    // Runs of Latin words; a letter joined to a digit (b2, c1, 6k) is a licence or a number, not a word.
    t = t.replace(/\b[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)*\b/g, (run) => this.run(run));
    return t.replace(/[\u4e00-\u9fff]{2,}/g, (run) => this.placeHomophones(run));
  }

  /**
   * Input methods pick a wrong character of the same sound (广洲, 贵洋, 会水). Only a word standing
   * on its own (or after 去/在/到, or before 市/县) is read this way: inside running text too many
   * everyday words sound like a place (自己, 可以). It must sound exactly like a place name of the
   * same length, share a character with it, and be neither a place nor a known word itself.
   */
  private placeHomophones(run: string): string {
    const m = /^([去在到]?)([\u4e00-\u9fff]{2,3}?)([市县省]?)$/.exec(run);
    if (!m) return run;
    const [, before, w, after] = m;
    if (this.gaz.byName.has(w) || this.words.has(w) || this.gaz.byName.has(w + after)) return run;
    const name = this.placeSounds.get(toPinyin(w));
    if (!name || name.length !== w.length || ![...w].some((c, k) => name[k] === c)) return run;
    return before + name + after;
  }

  /** One stretch of Latin words: longest English phrase, then the longest pinyin word, at each step. */
  private run(run: string): string {
    const words = run.split(/\s+/).filter(Boolean);
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let done = false;
      for (let n = Math.min(this.maxPhraseWords, words.length - i); n >= 1 && !done; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const zh = ENGLISH[phrase];
        if (zh !== undefined) {
          out.push(zh);
          i += n;
          done = true;
        }
      }
      if (done) continue;
      // Pinyin: typed with or without spaces between syllables (kuaidi yuan, baochizhu); a
      // several-syllable word before English filler ("you zheng" is 有证, not "you").
      for (let n = Math.min(4, words.length - i); n >= 1 && !done; n--) {
        if (n === 1 && ENGLISH_FILLER.has(words[i])) break;
        const zh = this.pinyin.get(
          words
            .slice(i, i + n)
            .join('')
            .replace(/[^a-z]/g, ''),
        );
        if (zh) {
          out.push(zh);
          i += n;
          done = true;
        }
      }
      if (done) continue;
      if (ENGLISH_FILLER.has(words[i])) {
        out.push(' ');
        i++;
        continue;
      }
      out.push(` ${words[i]} `);
      i++;
    }
    return ` ${out.join(' ')} `;
  }
}
