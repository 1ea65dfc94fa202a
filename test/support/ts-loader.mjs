// Runs the TypeScript sources directly under plain Node (no build): node --conditions=source --import ./test/support/ts-loader.mjs apps/gateway/src/main.ts
// #core and friends resolve to their .ts sources through the "source" condition; the hooks
// transpile .ts with swc (the options Jest uses) and map a relative "./x.js" onto "./x.ts".
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
