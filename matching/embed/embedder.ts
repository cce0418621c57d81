// Text embeddings through transformers.js. The same loader takes the project's own small model
// (matching/models/huishui-char-zh, trained by scripts/train-embeddings.ts) or any larger
// sentence-embedding export in the same layout (a bge-small-zh or multilingual-e5 ONNX export
// copied into a local folder): nothing is downloaded at run time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Embedder {
  /** Identifies the model: stored beside each posting vector so a model change recomputes them. */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export const DEFAULT_MODEL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'models');
export const DEFAULT_MODEL = 'huishui-char-zh';

export interface EmbedderOptions {
  /** Folder holding model folders (EMBEDDING_MODEL_DIR). */
  modelDir?: string;
  /** Model folder name inside it (EMBEDDING_MODEL). */
  model?: string;
  /** Prefix some models expect on queries and passages (e5: "query: "). */
  prefix?: string;
}

type Extractor = (texts: string[], opts: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dim: number,
    private readonly extract: Extractor,
    private readonly prefix: string,
  ) {}

  static async load(options: EmbedderOptions = {}): Promise<TransformersEmbedder> {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowRemoteModels = false; // these machines reach no model hub; load from disk only
    env.allowLocalModels = true;
    env.localModelPath = options.modelDir ?? DEFAULT_MODEL_DIR;
    const name = options.model ?? DEFAULT_MODEL;
    const extract = (await pipeline('feature-extraction', name, { dtype: 'fp32' })) as unknown as Extractor;
    const probe = await extract(['焊工'], { pooling: 'mean', normalize: true });
    // The id names the weights, not just the folder: retraining the model changes it, so vectors
    // stored with the old weights are recomputed.
    const weights = fs.readFileSync(path.join(env.localModelPath, name, 'onnx', 'model.onnx'));
    const id = `${name}@${crypto.createHash('sha256').update(weights).digest('hex').slice(0, 8)}`;
    return new TransformersEmbedder(id, probe.dims[probe.dims.length - 1], extract, options.prefix ?? '');
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (!texts.length) return [];
    const out = await this.extract(
      texts.map((t) => this.prefix + (t.trim() || ' ')),
      { pooling: 'mean', normalize: true },
    );
    const dim = out.dims[out.dims.length - 1];
    return texts.map((_, i) => {
      const v = out.data.slice(i * dim, (i + 1) * dim);
      // Text made only of characters the model does not know pools to zero, and normalising zero
      // gives NaN: such a text has no direction, so it is the zero vector.
      if (v.some(Number.isNaN)) v.fill(0);
      return v;
    });
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const toBytes = (v: Float32Array): Uint8Array<ArrayBuffer> => new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
export const fromBytes = (b: Uint8Array): Float32Array => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
