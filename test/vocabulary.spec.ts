/**
 * One vocabulary (issue 8): one convention for enums across the house. A TypeScript enum's keys ARE its
 * GraphQL values — UPPER_SNAKE, key === value (`BookKind.FEDERATION = 'FEDERATION'`) — so no mirror enum
 * is needed to show GraphQL the right names, and no `*Enum` twin exists beside the real one.
 *
 * Every file of the libraries that calls `registerEnumType` is imported, and every enum registered with
 * GraphQL is checked as GraphQL sees it; every `export enum` in the sources is checked as written.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// The registry @nestjs/graphql fills from registerEnumType (what the schema is built from).
import { LazyMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js';
import { TypeMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/type-metadata.storage.js';

const ROOT = resolve(import.meta.dirname, '..');
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [full] : [];
  });
}

const files = sources(join(ROOT, 'libs')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Keys and values of an enum as written: `KEY = 'VALUE'` or `KEY: 'VALUE'` (an enum-like `as const` object). */
function enumMembers(body: string): [string, string][] {
  const withoutComments = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return [...withoutComments.matchAll(/(\w+)\s*[=:]\s*'([^']*)'/g)].map((m) => [m[1], m[2]]);
}

describe('enums: keys are the GraphQL values', () => {
  let registered: { name: string; ref: object }[] = [];

  beforeAll(async () => {
    for (const file of files.filter((f) => f.text.includes('registerEnumType('))) await import(pathToFileURL(join(ROOT, file.path)).href);
    LazyMetadataStorage.load([], { skipFieldLazyMetadata: true });
    const seen = new Map<object, string>();
    for (const e of TypeMetadataStorage.getEnumsMetadata()) seen.set(e.ref, e.name);
    registered = [...seen].map(([ref, name]) => ({ name, ref }));
  });

  it('finds the registered enums (the check below is not vacuous)', () => {
    const names = registered.map((e) => e.name);
    for (const name of ['Role', 'BookKind', 'AccountType', 'PeriodStatus', 'Side', 'JournalSource', 'DuesPeriodMode', 'ShareKind', 'MemberKind', 'GrantApplicationStatus']) {
      expect(names).toContain(name);
    }
    expect(registered.length).toBeGreaterThan(40);
  });

  it('every registered enum has string values equal to their UPPER_SNAKE keys', () => {
    const offenders = registered.flatMap(({ name, ref }) =>
      Object.entries(ref)
        .filter(([key, value]) => key !== value || !UPPER_SNAKE.test(key))
        .map(([key, value]) => `${name}.${key} = ${JSON.stringify(value)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no enum is registered twice (a mirror) and no GraphQL enum name ends with Enum', () => {
    const names = registered.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => /Enum$/.test(n))).toEqual([]);
  });

  it('no registered TypeScript name ends with Enum', () => {
    const calls = files.flatMap((f) => [...f.text.matchAll(/registerEnumType\(\s*(\w+)/g)].map((m) => `${f.path}: ${m[1]}`));
    expect(calls.length).toBeGreaterThan(40);
    expect(calls.filter((c) => /Enum$/.test(c))).toEqual([]);
  });

  it('every exported enum in the sources has keys equal to their values, and no name ends with Enum', () => {
    const declared = files.flatMap((f) => [...f.text.matchAll(/export enum (\w+)\s*\{([^}]*)\}/g)].map((m) => ({ where: `${f.path}: ${m[1]}`, name: m[1], members: enumMembers(m[2]) })));
    expect(declared.length).toBeGreaterThan(40);
    expect(declared.filter((d) => /Enum$/.test(d.name)).map((d) => d.where)).toEqual([]);
    const offenders = declared.flatMap((d) => d.members.filter(([k, v]) => k !== v || !UPPER_SNAKE.test(k)).map(([k, v]) => `${d.where}.${k} = '${v}'`));
    expect(offenders).toEqual([]);
    // Every member was read (an enum whose body the pattern missed would pass silently).
    for (const d of declared) expect(d.members.length).toBeGreaterThan(0);
  });

  it('the source check catches a key that differs from its value', () => {
    expect(enumMembers(`Federation = 'FEDERATION',\n /** note */ BRANCH = 'BRANCH',`)).toEqual([
      ['Federation', 'FEDERATION'],
      ['BRANCH', 'BRANCH'],
    ]);
  });
});
