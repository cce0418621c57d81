// The title model: a free-form job title (急招普工/包吃住, CNC数控车床操作工学徒) to the likeliest
// CSCO-2022 occupations with probabilities. A softmax over character n-grams of the cleaned title
// (title-features.ts), trained from the classification itself by scripts/train-title-model.ts.
// An occupation's score adds the weights of its minor and sub-major groups (the code's dashes),
// so siblings share what was learnt about their trade.
//
// It reads titles only; whether to trust it over the lexicon is posting-occupation.ts's choice.
import { createRequire } from 'node:module';
import { cleanTitle, titleFeatures } from './title-features.ts';

const require = createRequire(import.meta.url);

/** The shipped JSON: per feature, flat [index, weight, …] lists for occupations, minor and sub-major groups. */
export interface TitleModelFile {
  about: string;
  classes: string[];
  minors: string[];
  subs: string[];
  bias: number[];
  features: Record<string, [number[], number[], number[]]>;
}

export interface TitlePrediction {
  code: string;
  p: number;
}

/** 6-18-02-04 → minor group 6-18-02, sub-major group 6-18. */
export function groupsOf(code: string): { minor: string; sub: string } {
  const parts = code.split('-');
  return { minor: parts.slice(0, 3).join('-'), sub: parts.slice(0, 2).join('-') };
}

export class TitleModel {
  private readonly minorOf: Int32Array;
  private readonly subOf: Int32Array;

  constructor(private readonly file: TitleModelFile) {
    const minor = new Map(file.minors.map((g, i) => [g, i]));
    const sub = new Map(file.subs.map((g, i) => [g, i]));
    this.minorOf = Int32Array.from(file.classes, (c) => minor.get(groupsOf(c).minor)!);
    this.subOf = Int32Array.from(file.classes, (c) => sub.get(groupsOf(c).sub)!);
  }

  /** The shipped model (matching/models/title-model.json; Node's require parses the file once per process). */
  static load(): TitleModel {
    return new TitleModel(require('../models/title-model.json') as TitleModelFile);
  }

  get occupations(): readonly string[] {
    return this.file.classes;
  }

  /** The k likeliest occupations for a title, best first; [] when no feature of it is known. */
  predict(title: string, k = 3): TitlePrediction[] {
    const { classes, minors, subs, bias, features } = this.file;
    const scores = Float64Array.from(bias);
    const minor = new Float64Array(minors.length);
    const sub = new Float64Array(subs.length);
    let known = false;
    for (const [name, x] of titleFeatures(cleanTitle(title))) {
      const entry = features[name];
      if (!entry) continue;
      known = true;
      const [own, m, s] = entry;
      for (let i = 0; i < own.length; i += 2) scores[own[i]] += x * own[i + 1];
      for (let i = 0; i < m.length; i += 2) minor[m[i]] += x * m[i + 1];
      for (let i = 0; i < s.length; i += 2) sub[s[i]] += x * s[i + 1];
    }
    if (!known) return [];
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) {
      scores[c] += minor[this.minorOf[c]] + sub[this.subOf[c]];
      max = Math.max(max, scores[c]);
    }
    let sum = 0;
    for (let c = 0; c < scores.length; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    const top: TitlePrediction[] = [];
    for (let c = 0; c < scores.length; c++) {
      const p = scores[c] / sum;
      if (top.length < k || p > top[top.length - 1].p) {
        top.push({ code: classes[c], p });
        top.sort((a, b) => b.p - a.p || (a.code < b.code ? -1 : 1));
        if (top.length > k) top.pop();
      }
    }
    return top;
  }
}
