// Child process for the cross-process limit test: tries to consume `tries` units of one counter
// in a shared SQLite store and prints how many it got.
import { SqliteStore } from '../../../dist/store/sqlite-store.js';

const [file, key, cap, tries] = process.argv.slice(2);
const store = new SqliteStore(file);
let got = 0;
for (let i = 0; i < Number(tries); i++) if (store.consume(key, 1, Number(cap)).ok) got++;
store.close();
process.stdout.write(`${got}\n`);
