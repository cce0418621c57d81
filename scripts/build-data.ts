// Derives the matcher's reference data from ../shared/data into matching/data/ (committed, so the
// service never reads shared/ at run time). Rerun after the source data changes:
//   npx tsx scripts/build-data.ts
// Sources and licences: matching/data/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { csvObjects } from '../lib/csv.ts';

const src = process.argv[2] ?? path.resolve('..', 'shared', 'data');
const out = path.resolve('matching', 'data');
const read = (f: string) => csvObjects(fs.readFileSync(path.join(src, f), 'utf8'));

// Occupations: the 1,634 detailed (level 4) occupations with aliases, definition and tasks.
const occupations = read('csco22.csv')
  .filter((r) => r.level === '4')
  .map((r) => ({
    code: r.code,
    name: r.name,
    aliases: [
      ...new Set(
        r.alias
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].filter((a) => a !== r.name),
    definition: r.definition,
    tasks: r.tasks.replace(/\d+\./g, ' ').replace(/\s+/g, ' ').trim(),
  }));
fs.writeFileSync(path.join(out, 'occupations.json'), JSON.stringify(occupations));

// Places: every province, city and county of China, and the townships of 贵州 and 广东 (where
// this programme's workers live and go). Short names and pinyin come from the 2023 list.
const SUFFIX = /(布依族苗族自治州|苗族侗族自治州|土家族苗族自治州|自治州|特别行政区|自治区|自治县|维吾尔|壮族|回族|省|市|县|区|镇|乡|街道|办事处)$/;
const shortName = (n: string) => {
  let s = n;
  for (let k = 0; k < 3 && SUFFIX.test(s) && s.replace(SUFFIX, '').length >= 2; k++) s = s.replace(SUFFIX, '');
  return s;
};
const pinyinOf = new Map<string, string>(); // key: full name + parent code prefix
for (const r of read('cn_areas_pinyin.csv')) {
  pinyinOf.set(`${r.ext_name}|${r.ext_id.slice(0, 6)}`, r.pinyin.replace(/\s+/g, ''));
  pinyinOf.set(`${r.ext_name}|${r.ext_id.slice(0, 4)}`, r.pinyin.replace(/\s+/g, ''));
}
const extra = new Map<string, [number, number]>();
for (const r of read('target_towns_2023.csv')) {
  if (r.lng_gcj02_2016) extra.set(`${r.county_name}|${r.town_name}`, [+r.lat_gcj02_2016, +r.lng_gcj02_2016]);
}
type Place = [string, string, string, string, string, string, string, number, number, string];
const places: Place[] = [];
const countySeat = new Map<string, [number, number]>();
const towns = read('cn_towns_gcj02.csv');
for (const r of towns) if (r.level === 'county' && r.latitude) countySeat.set(r.code.slice(0, 6), [+r.latitude, +r.longitude]);
for (const r of towns) {
  if (r.level === 'country') continue;
  if (r.level === 'town' && !/^(贵州|广东)/.test(r.province)) continue;
  let lat = +r.latitude,
    lng = +r.longitude;
  if (!r.latitude) [lat, lng] = extra.get(`${r.county}|${r.name}`) ?? countySeat.get(r.code.slice(0, 6)) ?? [0, 0];
  if (!lat) continue;
  const py = pinyinOf.get(`${r.name}|${r.code.slice(0, 6)}`) ?? pinyinOf.get(`${r.name}|${r.code.slice(0, 4)}`) ?? '';
  places.push([r.level, r.name, shortName(r.name), r.province, r.city, r.county, r.town, +lat.toFixed(5), +lng.toFixed(5), py]);
}
// Townships created after 2016 (惠水县 濛江街道, 明田街道) are in the 2023 list only.
for (const r of read('target_towns_2023.csv')) {
  if (places.some((p) => p[0] === 'town' && p[5] === r.county_name && p[1] === r.town_name)) continue;
  const county = places.find((p) => p[0] === 'county' && p[1] === r.county_name);
  if (!county) continue;
  const [lat, lng] = r.lng_gcj02_2016 ? [+r.lat_gcj02_2016, +r.lng_gcj02_2016] : [county[7], county[8]];
  places.push(['town', r.town_name, shortName(r.town_name), county[3], county[4], county[5], r.town_name, lat, lng, '']);
}
fs.writeFileSync(path.join(out, 'places.json'), JSON.stringify(places));
console.error(`occupations ${occupations.length}, places ${places.length}`);
