#!/usr/bin/env node
// Grades every (query, posting) pair 0/1/2 and writes qrels.tsv (grades 1 and 2 only).
//
//   node eval/fresh/judge.mjs [--explain F007|<key>] [--report]
// (adapted from eval/unseen/judge.mjs; overrides.json here names queries by their stable `key`
//  from queries_src.mjs, or by id)
//
// Mechanical part (from gold fields and postings_gold.jsonl):
//   trade   2 if the posting's occupation is in gold.trades (or gold.trades is empty: any trade),
//           1 if in gold.related (which build.mjs already unioned with related.tsv), else 0;
//   place   0 if outside gold.place (county:/city:/province:/town:/near_home_km:N/not:<spec>, and
//           exclude entries place:<spec>); a posting whose location is only known at a coarser level
//           than asked (e.g. "广州" for county:荔湾区, or a 惠水 posting without town for town:…) is capped at 1;
//   wage    0 if gold.wage_floor and monthly_max < floor;
//   type    gig/training/homework/public_welfare/fulltime asked and posting of another type:
//           minus 1 if a trade was named; with no trade named the type is all that was asked, so 0
//           (exceptions: paid apprenticeships for a training ask, flexible near-home jobs for a homework ask → 1);
//           no type (or full time) asked and the posting is a training course: capped at 1 (a course is not a job).
// Text-based part (judged by reading each posting; recorded in overrides.json → posting_properties):
//   exclusions (night_shift, live_in, piece_rate, trade:<code>, type:<type>), age limits, needs
//   (board_lodging, light_work, day_shift, fixed_salary, no_literacy, flexible_hours).
// With no trade named, postings needing a degree, professional licence or management experience are 0.
// overrides.json → query_rules: seated_only (only seated/light work fits); learner (training asks: jobs of the
// trade need the skill already → 0, paid apprenticeships keep their grade); half_day (only hours the worker
// sets fit: flexible/home work keeps its grade, day-by-day gigs at most 1, other jobs 0).
// nofit queries: postings in gold.nearest_ids (the nearest honest alternative) are graded 1 at least.
// Finally overrides.json → query_overrides set single (query, posting) grades, each with a reason.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = process.env.SHARED_EVAL ?? fileURLToPath(new URL('../../../shared/eval', import.meta.url));
const DATA = process.env.SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));
const args = process.argv.slice(2);
let explain = args.includes('--explain') ? args[args.indexOf('--explain') + 1] : null;

const readJsonl = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const postings = readJsonl(path.join(SHARED, 'postings_gold.jsonl'));
const queries = readJsonl(path.join(here, 'queries.jsonl'));
const ov = JSON.parse(fs.readFileSync(path.join(here, 'overrides.json'), 'utf8'));
const idOf = (k) => { const q = queries.find((x) => x.id === k || x.key === k); if (!q) throw new Error(`unknown query ${k}`); return q.id; };
if (explain && explain !== 'all') explain = idOf(explain);
const PP = ov.posting_properties;
const setOf = (k, lvl = 'yes') => new Set(PP[k]?.[lvl] ?? []);
const NIGHT = setOf('night_shift'), NIGHT_P = setOf('night_shift', 'partial');
const LIVEIN = setOf('live_in'), LIVEIN_P = setOf('live_in', 'partial');
const PIECE = setOf('piece_rate'), PIECE_P = setOf('piece_rate', 'partial');
const HEAVY = setOf('heavy'), LIGHT = setOf('light'), STANDING = setOf('standing');
const LIT = setOf('literacy'), LIT_P = setOf('literacy', 'partial');
const FLEX = setOf('flexible'), APPRENTICE = setOf('apprentice'), PROFESSIONAL = setOf('professional');
const AGE = PP.age, LODGING = PP.lodging;
const SEATED_TRADES = new Set(PP.seated_trades?.codes ?? []);
const RULES = new Map((ov.query_rules ?? []).map((r) => [idOf(r.query), r]));

// ---- places ----
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n')) if (line.trim()) rows.push(line.split(','));
  return rows;
}
const towns = parseCsv(fs.readFileSync(path.join(DATA, 'cn_towns_gcj02.csv'), 'utf8')).slice(1)
  .map(([code, parent, name, level, lng, lat, province, city, county, town]) => ({ name, level, lng: Number(lng), lat: Number(lat), province, city, county, town }));
const SEAT = { lat: 26.120216, lng: 106.651163 }; // 涟江街道, 惠水 county seat (stand-in per data README)
function homePoint(home) {
  const t = towns.find((r) => r.level === 'town' && r.county === '惠水县' && r.name === home);
  if (t && t.lat && t.lng) return { lat: t.lat, lng: t.lng, standIn: false };
  return { ...SEAT, standIn: true };
}
function km(a, b) {
  const R = 6371.0088, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
// town name → county, among counties that occur in the postings
const postingCounties = new Set(postings.map((p) => p.county).filter(Boolean));
function townCounty(name) {
  const t = towns.find((r) => r.level === 'town' && r.name === name && postingCounties.has(r.county));
  return t ? t.county : null;
}
// returns 'in' | 'out' | 'unknown' (posting located only at a coarser level than asked)
function placeStatus(spec, p, home) {
  if (!spec || spec === 'any') return 'in';
  if (spec.startsWith('not:')) {
    const s = placeStatus(spec.slice(4), p, home);
    return s === 'in' ? 'out' : s === 'out' ? 'in' : 'unknown';
  }
  const i = spec.indexOf(':');
  const kind = spec.slice(0, i), val = spec.slice(i + 1);
  const norm = (x) => (x ?? '').replace(/(省|市)$/, '');
  switch (kind) {
    case 'province': return norm(p.province) === norm(val) ? 'in' : 'out';
    case 'city': return norm(p.city) === norm(val) ? 'in' : 'out';
    case 'county': {
      if (p.county === val || (p.city ?? '') + (p.county ?? '') === val) return 'in';
      // county asked with its city as prefix, posting known only to the city
      if (!p.county && p.city && val.startsWith(p.city)) return 'unknown';
      if (!p.county && p.city) {
        // county asked without city: is that county inside the posting's city?
        const c = towns.find((r) => r.level === 'county' && r.county === val);
        if (c && c.city === p.city) return 'unknown';
      }
      return 'out';
    }
    case 'town': {
      if (p.town === val) return 'in';
      const c = townCounty(val);
      if (!p.town && c && p.county === c) return 'unknown';
      return 'out';
    }
    case 'near_home_km': {
      if (!home) throw new Error(`near_home_km without home`);
      const d = km(homePoint(home), { lat: p.lat, lng: p.lng });
      return d <= Number(val) ? 'in' : 'out';
    }
    default: throw new Error(`unknown place spec ${spec}`);
  }
}

// ---- grading ----
const TYPES = ['gig', 'training', 'homework', 'public_welfare', 'fulltime'];
function grade(q, p, why) {
  const g = q.gold;
  const note = (s) => why && why.push(s);
  let t;
  if (g.trades.length === 0) {
    if (PROFESSIONAL.has(p.id)) return 0; // degree/licence/management jobs are not what a trade-less ask means
    t = 2;
  }
  else if (g.trades.includes(p.occupation)) t = 2;
  else if (g.related.includes(p.occupation)) { t = 1; note('related trade'); }
  else return 0;
  // place
  const ps = placeStatus(g.place, p, g.home);
  if (ps === 'out') { note('place'); return 0; }
  if (ps === 'unknown') { t = Math.min(t, 1); note('place known only coarsely'); }
  for (const ex of g.exclude) {
    if (!ex.startsWith('place:')) continue;
    const s = placeStatus(ex.slice(6), p, g.home);
    if (s === 'in') { note(`excluded ${ex}`); return 0; }
    if (s === 'unknown') { t = Math.min(t, 1); note(`maybe in excluded ${ex}`); }
  }
  // wage
  if (g.wage_floor != null && (p.monthly_max ?? 0) < g.wage_floor) { note('wage'); return 0; }
  // type
  const rule = RULES.get(q.id);
  // per-query rule learner (a training ask): a job of the trade that is not a course needs the skill the
  // worker has not learned yet → 0, except a paid apprenticeship, which is a way to learn (keeps its grade)
  if (rule?.rule === 'learner' && p.type !== 'training') {
    if (APPRENTICE.has(p.id)) { note('apprenticeship: a way to learn'); }
    else { note('skilled job, worker has not learned the trade'); return 0; }
  } else if (g.type && TYPES.includes(g.type) && p.type !== g.type) {
    if (g.trades.length === 0) {
      if (g.type === 'training' && p.type === 'fulltime' && APPRENTICE.has(p.id)) { t = 1; note('apprenticeship for training ask'); }
      else if (g.type === 'homework' && FLEX.has(p.id)) { t = 1; note('flexible job for homework ask'); }
      else { note('type'); return 0; }
    } else { t -= 1; note('type -1'); }
  }
  // a course is not a job: a training posting for a worker who did not ask for training is capped at 1
  if ((g.type == null || g.type === 'fulltime') && p.type === 'training') { t = Math.min(t, 1); note('training, not a job'); }
  if (t <= 0) return 0;
  // exclusions
  for (const ex of g.exclude) {
    if (ex.startsWith('trade:') && p.occupation === ex.slice(6)) { note(ex); return 0; }
    if (ex.startsWith('type:') && p.type === ex.slice(5)) { note(ex); return 0; }
    if (ex === 'night_shift') {
      if (NIGHT.has(p.id)) { note('night shift'); return 0; }
      if (NIGHT_P.has(p.id)) { t = Math.min(t, 1); note('maybe night shift'); }
    }
    if (ex === 'live_in') {
      if (LIVEIN.has(p.id)) { note('live-in'); return 0; }
      if (LIVEIN_P.has(p.id)) { t = Math.min(t, 1); note('maybe live-in'); }
    }
    if (ex === 'piece_rate') {
      if (PIECE.has(p.id)) { note('piece rate'); return 0; }
      if (PIECE_P.has(p.id)) { t = Math.min(t, 1); note('piece rate later'); }
    }
  }
  // age
  if (g.age != null && AGE[p.id]) {
    const [lo, hi] = AGE[p.id];
    if ((hi != null && g.age > hi) || (lo != null && g.age < lo)) { note(`age limit ${lo ?? ''}-${hi ?? ''}`); return 0; }
  }
  // needs
  for (const n of g.needs) {
    if (n === 'board_lodging' && LODGING[p.id] === 'none') { t = Math.min(t, 1); note('no lodging'); }
    if (n === 'light_work') {
      if (HEAVY.has(p.id)) { note('heavy work'); return 0; }
      if (g.trades.length === 0 && !LIGHT.has(p.id)) { t = Math.min(t, 1); note('not explicitly light'); }
    }
    if (n === 'day_shift') {
      if (NIGHT.has(p.id)) { note('night shift'); return 0; }
      if (NIGHT_P.has(p.id)) { t = Math.min(t, 1); note('maybe night shift'); }
    }
    if (n === 'fixed_salary') {
      if (PIECE.has(p.id)) { note('piece rate'); return 0; }
      if (PIECE_P.has(p.id)) { t = Math.min(t, 1); note('piece rate later'); }
    }
    if (n === 'no_literacy') {
      if (LIT.has(p.id)) { note('needs reading'); return 0; }
      if (LIT_P.has(p.id)) { t = Math.min(t, 1); note('needs phone/letters'); }
    }
    if (n === 'flexible_hours') {
      if (LIVEIN.has(p.id) || NIGHT.has(p.id)) { note('hours contradict'); return 0; }
      if (!(FLEX.has(p.id) || p.type === 'homework' || p.type === 'gig')) { t = Math.min(t, 1); note('fixed hours'); }
    }
  }
  // per-query rules (overrides.json → query_rules)
  if (rule?.rule === 'half_day') {
    if (FLEX.has(p.id) || p.type === 'homework') { /* hours the worker sets: keep */ }
    else if (p.type === 'gig') { t = Math.min(t, 1); note('full-day gig, taken day by day'); }
    else { note('full-day fixed hours'); return 0; }
  }
  if (rule?.rule === 'seated_only') {
    if (STANDING.has(p.id)) { note('standing work'); return 0; }
    if (!LIGHT.has(p.id)) {
      if (SEATED_TRADES.has(p.occupation)) { t = Math.min(t, 1); note('usually seated trade'); }
      else { note('not seated work'); return 0; }
    }
  }
  return t;
}

const OVR = new Map();
for (const o of ov.query_overrides) {
  if (!postings.find((p) => p.id === o.posting)) throw new Error(`override for unknown posting ${o.posting}`);
  const k = `${idOf(o.query)}|${o.posting}`;
  if (OVR.has(k)) throw new Error(`duplicate override ${o.query} ${o.posting}`);
  OVR.set(k, o);
}

const rows = [];
const summary = [];
for (const q of queries) {
  const graded = [];
  for (const p of postings) {
    const why = explain === 'all' || explain === q.id ? [] : null;
    let g = grade(q, p, why);
    // nofit: the nearest honest alternative(s) named in gold.nearest_ids earn a 1
    if (q.gold.nearest_ids?.includes(p.id) && g < 1) { if (why) why.push(`nearest alternative ${g}→1`); g = 1; }
    const o = OVR.get(`${q.id}|${p.id}`);
    if (o) { if (why) why.push(`override ${g}→${o.grade}: ${o.reason}`); g = o.grade; }
    if (why && (g > 0 || why.some((w) => !['place', 'wage', 'type', 'related trade'].includes(w)))) console.log(q.id, q.key, p.id, g, p.occupation_name, p.city, p.county ?? '', p.town ?? '', p.title, '|', why.join('; '));
    if (g > 0) graded.push([p.id, g]);
  }
  for (const [pid, g] of graded) rows.push(`${q.id}\t${pid}\t${g}`);
  summary.push({ id: q.id, n2: graded.filter(([, g]) => g === 2).length, n1: graded.filter(([, g]) => g === 1).length });
}

fs.writeFileSync(path.join(here, 'qrels.tsv'), 'query_id\tposting_id\tgrade\n' + rows.join('\n') + '\n');
if (args.includes('--report')) {
  for (const s of summary) {
    const q = queries.find((x) => x.id === s.id);
    console.log(`${s.id}\t${q.key}\t2:${s.n2}\t1:${s.n1}\t${q.style.join(',')}\t${q.text}`);
  }
}
const withRel = summary.filter((s) => s.n1 + s.n2 > 0).length;
const nofit = queries.filter((q) => q.style.includes('nofit'));
const badNofit = nofit.filter((q) => summary.find((s) => s.id === q.id).n2 > 0).map((q) => q.id);
console.error(`judged ${queries.length} queries × ${postings.length} postings: ${rows.length} relevant pairs; ${withRel} queries with ≥1 relevant; nofit=${nofit.length}, nofit with a grade 2: ${badNofit.length ? badNofit.join(',') : 'none'}`);
const no2 = queries.filter((q) => !q.style.includes('nofit') && summary.find((s) => s.id === q.id).n2 === 0).map((q) => q.id);
const noRel = summary.filter((s) => s.n1 + s.n2 === 0).map((s) => s.id);
const n2 = rows.filter((r) => r.endsWith('\t2')).length;
console.error(`grade-2 pairs ${n2}, grade-1 pairs ${rows.length - n2}; non-nofit without a grade 2: ${no2.length ? no2.join(',') : 'none'}; queries with nothing judged: ${noRel.length ? noRel.join(',') : 'none'}`);
if (badNofit.length || no2.length || noRel.length) process.exitCode = 1;
