/**
 * Registers server/ts-loader.js, so that later imports of the kit's TypeScript sources work on
 * Node 20. Load it first: `node --import ./server/register-ts.js ...`, or import it before any
 * dynamic import of such a module.
 */
import { register } from 'node:module';

register('./ts-loader.js', import.meta.url);
