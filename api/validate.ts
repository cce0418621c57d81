// Small request-body checks that answer 400 with the field name and what was expected.
import { HttpError } from '../webhooks/http-error.ts';

export type Body = Record<string, unknown>;

export function body(v: unknown): Body {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'body must be a JSON object');
  return v as Body;
}

export function str(b: Body, k: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = b[k];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw new HttpError(400, `"${k}" is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw new HttpError(400, `"${k}" must be a string`);
  if (v.length > (opts.max ?? 500)) throw new HttpError(400, `"${k}" is too long (max ${opts.max ?? 500})`);
  return v.trim();
}

export function date(b: Body, k: string, required = false): Date | undefined {
  const v = str(b, k, { required });
  if (v === undefined) return undefined;
  // Require an explicit offset: "2026-12-14T09:00:00+08:00". A bare local time is ambiguous.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    throw new HttpError(400, `"${k}" must be an ISO 8601 time with offset, e.g. 2026-12-14T09:00:00+08:00`);
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new HttpError(400, `"${k}" is not a valid time`);
  return d;
}

export function intList(b: Body, k: string): number[] | undefined {
  const v = b[k];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x > 0)) throw new HttpError(400, `"${k}" must be a list of positive integers`);
  return v as number[];
}

export function idParam(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new HttpError(400, 'id must be a positive integer');
  return n;
}
