import { Core1764000001000 } from './1764000001000-core.js';
import { Federation1764000002000 } from './1764000002000-federation.js';
import { Auth1764000003000 } from './1764000003000-auth.js';
import { Audit1764000004000 } from './1764000004000-audit.js';

/** Every migration, in order. A new migration file is added here too. */
export const migrations = [Core1764000001000, Federation1764000002000, Auth1764000003000, Audit1764000004000];
