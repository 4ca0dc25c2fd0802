/** Shard 2 of the every-string-position proof (see every-position.ts): a file per shard runs on its own worker. */
import { describeShard } from './every-position.js';

describeShard(1, 2);
