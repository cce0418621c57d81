// The matcher's reference data and the project's own embedding model, loaded once per test file.
import { TransformersEmbedder } from '../../matching/embed/embedder.ts';
import { Gazetteer } from '../../matching/geo.ts';
import { TradeLexicon } from '../../matching/parse/occupation.ts';
import { PostingReader } from '../../matching/reader.ts';
import type { Understanding } from '../../postings/job-index.ts';

let cached: Promise<Understanding & { reader: PostingReader }> | null = null;

export function understanding(): Promise<Understanding & { reader: PostingReader }> {
  cached ??= (async () => {
    const gazetteer = Gazetteer.load();
    const lexicon = TradeLexicon.load();
    const embedder = await TransformersEmbedder.load();
    return { gazetteer, lexicon, embedder, reader: new PostingReader(gazetteer, lexicon, embedder) };
  })();
  return cached;
}
