// `npm run bench`: every benchmark, each printed beside a baseline measured in the same run.
// BENCH_STORES=sqlite,redis,postgres picks the stores (default sqlite); BENCH_DURATION the seconds per load.
import { benchHttp } from './http.js';
import { benchWeb } from './web.js';

const stores = (process.env.BENCH_STORES ?? 'sqlite').split(',');
await benchHttp({ stores, duration: Number(process.env.BENCH_DURATION ?? 10) });
benchWeb();
