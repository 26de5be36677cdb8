import fs from 'node:fs';
import { selfTimes } from './checks-profile.ts';
const r = selfTimes(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const n = Number(process.argv[3]);
for (const [f, ms] of r.inclusive) console.log((ms / n).toFixed(3).padStart(7), f);
