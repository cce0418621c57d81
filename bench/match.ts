// npm run bench:match [-- --sizes 10000,100000 --queries 500 --fuse-budget-ms 120000]
// For each corpus size, builds the matcher and a Fuse.js-only ranker over the same postings
// (each in its own process, so peak memory is each one's own), runs the same queries through
// both, and prints build time, query latency p50/p95 and peak RSS, and the ratios. Fuse.js takes
// seconds per query at 100,000 postings, so it runs the first of the same queries that fit a
// time budget (at least 30); the output says how many.
// The last line is one JSON object (for the largest corpus, with every size under "runs").
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import { Matcher } from '../matching/index.ts';
import { corpus, queries } from './corpus.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '500' },
    'fuse-budget-ms': { type: 'string', default: '120000' },
    child: { type: 'string' },
    size: { type: 'string' },
  },
});
const Q = Number(values.queries);

interface ChildResult {
  ranker: string;
  postings: number;
  build_ms: number;
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
  peak_rss_mb: number;
  queries: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function child(ranker: string, size: number): Promise<ChildResult> {
  const postings = corpus(size);
  const qs = queries(Q);
  const t0 = performance.now();
  let search: (q: { text: string; home: string | null }) => Promise<unknown>;
  if (ranker === 'matcher') {
    const m = await Matcher.fromPostings(postings);
    search = (q) => m.search(q, { top: 10 });
  } else {
    // The floor of shared/eval: Fuse over title, description, location and wage text.
    const f = new Fuse(postings, { keys: ['title', 'description', 'location', 'wage_text'], threshold: 0.6, ignoreLocation: true });
    search = async (q) => f.search(q.text, { limit: 10 });
  }
  const build = performance.now() - t0;
  for (const q of qs.slice(0, 20)) await search(q); // warm-up
  const times: number[] = [];
  const budget = ranker === 'fuse' ? Number(values['fuse-budget-ms']) : Infinity;
  const started = performance.now();
  for (const q of qs) {
    const s = performance.now();
    await search(q);
    times.push(performance.now() - s);
    if (times.length >= 30 && performance.now() - started > budget) break;
  }
  return {
    ranker,
    postings: size,
    queries: times.length,
    build_ms: Math.round(build),
    p50_ms: +pct(times, 50).toFixed(3),
    p95_ms: +pct(times, 95).toFixed(3),
    mean_ms: +(times.reduce((a, b) => a + b, 0) / times.length).toFixed(3),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

if (values.child) {
  console.log(JSON.stringify(await child(values.child, Number(values.size))));
} else {
  const runs: Record<string, unknown>[] = [];
  for (const size of values.sizes!.split(',').map(Number)) {
    const run = (ranker: string) => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', ranker, '--size', String(size), '--queries', String(Q)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      });
      return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
    };
    const m = run('matcher');
    const f = run('fuse');
    console.log(`\n${size} postings, ${m.queries} queries`);
    console.log(`  matcher: build ${(m.build_ms / 1000).toFixed(1)} s, p50 ${m.p50_ms} ms, p95 ${m.p95_ms} ms, peak RSS ${m.peak_rss_mb} MB`);
    console.log(`  fuse.js (${f.queries} queries): build ${(f.build_ms / 1000).toFixed(1)} s, p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, peak RSS ${f.peak_rss_mb} MB`);
    console.log(`  matcher is ${(f.p50_ms / m.p50_ms).toFixed(0)}× faster at p50, ${(f.p95_ms / m.p95_ms).toFixed(0)}× at p95`);
    runs.push({
      postings: size,
      queries: m.queries,
      matcher_build_ms: m.build_ms,
      matcher_p50_ms: m.p50_ms,
      matcher_p95_ms: m.p95_ms,
      matcher_peak_rss_mb: m.peak_rss_mb,
      fuse_queries: f.queries,
      fuse_build_ms: f.build_ms,
      fuse_p50_ms: f.p50_ms,
      fuse_p95_ms: f.p95_ms,
      fuse_peak_rss_mb: f.peak_rss_mb,
      speedup_p50: +(f.p50_ms / m.p50_ms).toFixed(1),
      speedup_p95: +(f.p95_ms / m.p95_ms).toFixed(1),
      peak_rss_mb: m.peak_rss_mb,
    });
  }
  console.log(JSON.stringify({ ...runs[runs.length - 1], runs }));
}
