// `npm run bench`: every benchmark, each printed beside a baseline measured in the same run.
import { benchHttp } from './http.js';

const stores = (process.env.BENCH_STORES ?? 'sqlite').split(',');
await benchHttp({ stores, duration: Number(process.env.BENCH_DURATION ?? 10) });
