// Reading postings: the features from the parsers (trade words, then the title model), a vector
// from the embedder, and, when neither names a trade, the occupation whose description the
// posting is nearest to.
import type { Embedder } from './embed/embedder.ts';
import { cosine } from './embed/embedder.ts';
import { postingFeatures } from './features.ts';
import type { Gazetteer } from './geo.ts';
import type { TradeLexicon } from './parse/occupation.ts';
import { TitleModel } from './parse/title-model.ts';
import type { PostingFeatures, RawPosting } from './types.ts';

/** Below this similarity an embedding guess of the trade is not trusted. */
export const MIN_OCCUPATION_SIMILARITY = 0.5;

export const postingText = (p: RawPosting) => `${p.title} ${p.description ?? ''}`.slice(0, 300);

export class PostingReader {
  private centroids: { code: string; v: Float32Array }[] | null = null;

  constructor(
    readonly gazetteer: Gazetteer,
    readonly lexicon: TradeLexicon,
    readonly embedder: Embedder | null,
    /** Reads titles the lexicon cannot (null: the lexicon alone). */
    readonly titles: TitleModel | null = TitleModel.load(),
  ) {}

  /** One vector per occupation, from its name, aliases and everyday words (computed once). */
  async occupationVectors(): Promise<{ code: string; v: Float32Array }[]> {
    if (this.centroids || !this.embedder) return this.centroids ?? [];
    const codes = [...this.lexicon.occupations.keys()];
    const words = new Map<string, string[]>();
    for (const [term, m] of this.lexicon.terms) for (const code of m.keys()) words.set(code, [...(words.get(code) ?? []), term]);
    const texts = codes.map((c) => {
      const o = this.lexicon.occupations.get(c)!;
      return [o.name, ...o.aliases, ...(words.get(c) ?? [])].join(' ').slice(0, 200);
    });
    const vs: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 256) vs.push(...(await this.embedder.embed(texts.slice(i, i + 256))));
    this.centroids = codes.map((code, i) => ({ code, v: vs[i] }));
    return this.centroids;
  }

  /** Occupations nearest a vector, best first, above the trust threshold. */
  async nearestOccupations(v: Float32Array, k: number, among?: Set<string>): Promise<{ code: string; sim: number }[]> {
    const all = await this.occupationVectors();
    return all
      .filter((c) => !among || among.has(c.code))
      .map((c) => ({ code: c.code, sim: cosine(v, c.v) }))
      .filter((c) => c.sim >= MIN_OCCUPATION_SIMILARITY)
      .sort((a, b) => b.sim - a.sim)
      .slice(0, k);
  }

  /** Features and vectors for many postings, embedding in batches. */
  async read(
    postings: RawPosting[],
    known?: (p: RawPosting) => { features?: PostingFeatures; vector?: Float32Array | null },
  ): Promise<{ features: PostingFeatures; vector: Float32Array | null }[]> {
    const out = postings.map((p) => {
      const k = known?.(p);
      return { features: k?.features ?? postingFeatures(p, this.gazetteer, this.lexicon, this.titles), vector: k?.vector ?? null };
    });
    if (!this.embedder) return out;
    const missing = out.map((o, i) => (o.vector ? -1 : i)).filter((i) => i >= 0);
    for (let s = 0; s < missing.length; s += 256) {
      const batch = missing.slice(s, s + 256);
      const vs = await this.embedder.embed(batch.map((i) => postingText(postings[i])));
      for (const [j, i] of batch.entries()) out[i].vector = vs[j];
    }
    for (const o of out) {
      if (o.features.occupation || !o.vector) continue;
      const [best] = await this.nearestOccupations(o.vector, 1);
      if (best) o.features = { ...o.features, occupation: this.lexicon.occupation(best.code) };
    }
    return out;
  }
}
