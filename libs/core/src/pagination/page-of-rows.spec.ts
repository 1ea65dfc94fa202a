import { describe, expect, it } from '@jest/globals';
import { mapPage } from './connection.js';
import { encodeCursor } from './cursor.js';
import { pageOfRows } from './keyset.js';

describe('pageOfRows', () => {
  const rows = [{ n: 'P1' }, { n: 'P2' }, { n: 'P3' }];
  const counting = () => {
    const read: string[] = [];
    return { read, sort: [{ expression: 'm.n', value: (r: { n: string }) => (read.push(r.n), r.n) }] };
  };

  it('keeps `first` rows, says whether there is a next page, and encodes only the end cursor up front', () => {
    const { read, sort } = counting();
    const page = pageOfRows(rows, 2, sort);
    expect(page.edges.map((e) => e.node.n)).toEqual(['P1', 'P2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['P2']) });
    expect(read).toEqual(['P2']);
    expect(pageOfRows(rows, 3, sort).pageInfo.hasNextPage).toBe(false);
    expect(pageOfRows([], 3, sort).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('encodes an edge cursor when it is read, once, and mapPage keeps it lazy', () => {
    const { read, sort } = counting();
    const mapped = mapPage(pageOfRows(rows, 2, sort), (r) => ({ label: r.n.toLowerCase() }));
    expect(read).toEqual(['P2']);
    expect(mapped.edges[0].node).toEqual({ label: 'p1' });
    expect(mapped.edges[0].cursor).toBe(encodeCursor(['P1']));
    expect(mapped.edges[0].cursor).toBe(encodeCursor(['P1']));
    expect(read).toEqual(['P2', 'P1']);
  });
});
